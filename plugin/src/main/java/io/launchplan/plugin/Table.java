package io.launchplan.plugin;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table like kubectl's: upper-case headers, columns padded to their widest cell, three spaces apart. */
final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  Table(List<String> headers) {
    this.headers = headers;
  }

  Table row(List<String> cells) {
    if (cells.size() != headers.size()) {
      throw new IllegalArgumentException("a row of " + cells.size() + " cells for " + headers.size() + " columns");
    }
    rows.add(cells);
    return this;
  }

  int columns() {
    return headers.size();
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The header line and the rows, each ending with a newline; trailing blanks trimmed. */
  String render() {
    return render(true);
  }

  /** As {@link #render()}, with or without the header line (a watch prints the header once). */
  String render(boolean withHeader) {
    return render(withHeader, new int[headers.size()]);
  }

  /**
   * As {@link #render(boolean)}, each column at least {@code widths[i]} wide; {@code widths} is updated
   * to the widths used, so the rows a watch prints batch after batch stay in the header's columns
   * (a column only widens when a cell needs it).
   */
  String render(boolean withHeader, int[] widths) {
    int[] width = widths;
    for (int i = 0; i < width.length; i++) {
      width[i] = Math.max(width[i], headers.get(i).length());
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], cell(r, i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    if (withHeader) {
      line(out, headers, width);
    }
    for (List<String> r : rows) {
      line(out, r, width);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cell(cells, i);
      l.append(c);
      if (i < cells.size() - 1) {
        l.append(" ".repeat(width[i] - c.length() + 3));
      }
    }
    out.append(l.toString().stripTrailing()).append('\n');
  }

  private static String cell(List<String> cells, int i) {
    String c = cells.get(i);
    return c == null || c.isEmpty() ? "" : c.replace('\n', ' ');
  }
}
