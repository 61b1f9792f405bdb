package io.launchplan.plugin;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Durations and ages the way kubectl prints them: {@code 45s}, {@code 3m12s}, {@code 2h5m}, {@code 4d}. */
public final class Ages {
  private Ages() {}

  /** The age of an RFC 3339 time at {@code now}, or {@code <unknown>} when it is absent or not a time. */
  public static String since(String rfc3339, Instant now) {
    Instant at = parse(rfc3339);
    return at == null ? "<unknown>" : format(Duration.between(at, now));
  }

  /** The time, or null when absent or unparseable. */
  public static Instant parse(String rfc3339) {
    if (rfc3339 == null || rfc3339.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(rfc3339);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** kubectl's human duration (its {@code duration.HumanDuration}): seconds below 2 minutes, minutes and seconds below 10, and so on. */
  public static String format(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 120) {
      return s + "s";
    }
    long m = s / 60;
    if (m < 10) {
      return s % 60 == 0 ? m + "m" : m + "m" + (s % 60) + "s";
    }
    if (m < 180) {
      return m + "m";
    }
    long h = m / 60;
    if (h < 8) {
      return m % 60 == 0 ? h + "h" : h + "h" + (m % 60) + "m";
    }
    if (h < 48) {
      return h + "h";
    }
    long days = h / 24;
    if (days < 8) {
      return h % 24 == 0 ? days + "d" : days + "d" + (h % 24) + "h";
    }
    return days + "d";
  }
}
