package io.launchplan.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A heap histogram, {@code jcmd <pid> GC.class_histogram} (live objects only: it runs a full GC
 * first): which classes hold the heap.
 */
final class ClassHistogram {
  /** One row: {@code num: instances bytes class-name (module)}. */
  record Row(long instances, long bytes, String className) {}

  private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);
  private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)", Pattern.MULTILINE);

  private final List<Row> rows;
  private final long totalBytes;
  private final long totalInstances;

  private ClassHistogram(List<Row> rows, long totalInstances, long totalBytes) {
    this.rows = rows;
    this.totalInstances = totalInstances;
    this.totalBytes = totalBytes;
  }

  /** Parses jcmd's output; rows stay in its order (largest first). */
  static ClassHistogram parse(String text) {
    List<Row> rows = new ArrayList<>();
    Matcher m = ROW.matcher(text);
    while (m.find()) {
      rows.add(new Row(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3)));
    }
    Matcher t = TOTAL.matcher(text);
    long instances;
    long bytes;
    if (t.find()) {
      instances = Long.parseLong(t.group(1));
      bytes = Long.parseLong(t.group(2));
    } else {
      instances = rows.stream().mapToLong(Row::instances).sum();
      bytes = rows.stream().mapToLong(Row::bytes).sum();
    }
    return new ClassHistogram(rows, instances, bytes);
  }

  List<Row> top(int n) {
    return rows.subList(0, Math.min(n, rows.size()));
  }

  long totalBytes() {
    return totalBytes;
  }

  long totalInstances() {
    return totalInstances;
  }

  /** The report's form: the top {@code n} rows with MiB and share of the live heap. */
  List<Map<String, Object>> report(int n) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : top(n)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("class", r.className());
      m.put("instances", r.instances());
      m.put("mb", Stats.round(r.bytes() / (1024.0 * 1024), 1));
      m.put("share", totalBytes == 0 ? null : Stats.round((double) r.bytes() / totalBytes, 3));
      out.add(m);
    }
    return out;
  }
}
