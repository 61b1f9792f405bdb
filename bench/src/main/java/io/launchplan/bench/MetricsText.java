package io.launchplan.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A parsed Prometheus text exposition ({@code /metrics} of the operator or the API server): just
 * enough of the format for counters, gauges and classic histograms.
 */
final class MetricsText {
  /** One sample line: metric name, labels, value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private MetricsText(List<Sample> samples) {
    this.samples = samples;
  }

  static MetricsText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Sample s = parseLine(line);
      if (s != null) {
        samples.add(s);
      }
    }
    return new MetricsText(samples);
  }

  private static Sample parseLine(String line) {
    int brace = line.indexOf('{');
    int space;
    String name;
    Map<String, String> labels = new LinkedHashMap<>();
    if (brace >= 0 && brace < line.indexOf(' ')) {
      name = line.substring(0, brace);
      int end = parseLabels(line, brace + 1, labels);
      space = end + 1;
    } else {
      space = line.indexOf(' ');
      if (space < 0) {
        return null;
      }
      name = line.substring(0, space);
    }
    String[] rest = line.substring(space).strip().split("\\s+");
    try {
      return new Sample(name, labels, parseValue(rest[0]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Reads {@code k="v",...} from {@code from}; returns the index of the closing brace. */
  private static int parseLabels(String line, int from, Map<String, String> labels) {
    int i = from;
    while (i < line.length() && line.charAt(i) != '}') {
      int eq = line.indexOf('=', i);
      String key = line.substring(i, eq).strip();
      int j = eq + 2; // past ="
      StringBuilder value = new StringBuilder();
      while (line.charAt(j) != '"') {
        char c = line.charAt(j);
        if (c == '\\' && j + 1 < line.length()) {
          char n = line.charAt(++j);
          value.append(n == 'n' ? '\n' : n);
        } else {
          value.append(c);
        }
        j++;
      }
      labels.put(key, value.toString());
      i = j + 1;
      if (i < line.length() && line.charAt(i) == ',') {
        i++;
      }
    }
    return i;
  }

  private static double parseValue(String v) {
    return switch (v) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(v);
    };
  }

  /** The sum of every sample named {@code name} whose labels pass {@code filter}; 0 when none. */
  double sum(String name, Predicate<Map<String, String>> filter) {
    return samples.stream().filter(s -> s.name().equals(name) && filter.test(s.labels()))
        .mapToDouble(Sample::value).sum();
  }

  double sum(String name) {
    return sum(name, l -> true);
  }

  /** Whether any sample has this name. */
  boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  /** Cumulative bucket counts ({@code le} → count) of histogram {@code name}, summed over other labels. */
  Map<Double, Double> buckets(String name) {
    Map<Double, Double> buckets = new TreeMap<>();
    samples.stream().filter(s -> s.name().equals(name + "_bucket"))
        .forEach(s -> buckets.merge(parseValue(s.labels().get("le")), s.value(), Double::sum));
    return buckets;
  }

  /** Sums of {@code name} grouped by the values of {@code labelNames} (joined with '/'). */
  Map<String, Double> sumBy(String name, String... labelNames) {
    Map<String, Double> by = new TreeMap<>();
    samples.stream().filter(s -> s.name().equals(name)).forEach(s -> {
      List<String> key = new ArrayList<>();
      for (String l : labelNames) {
        key.add(s.labels().getOrDefault(l, ""));
      }
      by.merge(String.join("/", key), s.value(), Double::sum);
    });
    return by;
  }
}
