package io.launchplan.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes/Prometheus style durations: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 500ms}. */
public final class Durations {
  /** The schema pattern every duration field of the CRD carries. */
  public static final String PATTERN = "^([0-9]+(ms|s|m|h))+$";

  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private Durations() {}

  /** Parses {@code text}, or returns {@code fallback} when it is null or blank. */
  public static Duration parse(String text, Duration fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    if (!text.matches(PATTERN)) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 30s, 5m, 1h30m)");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
    }
    return total;
  }

  /** The shortest text {@link #parse} reads back as {@code d}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    long h = d.toHours();
    long m = d.toMinutesPart();
    long s = d.toSecondsPart();
    long ms = d.toMillisPart();
    if (h > 0) b.append(h).append('h');
    if (m > 0) b.append(m).append('m');
    if (s > 0) b.append(s).append('s');
    if (ms > 0) b.append(ms).append("ms");
    return b.toString();
  }
}
