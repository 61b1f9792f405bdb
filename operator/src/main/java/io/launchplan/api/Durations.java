package io.launchplan.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes/Prometheus style durations ({@code 30s}, {@code 5m}, {@code 1h30m}, {@code 500ms}) and the
 * one set of bounds every duration field of the CRD carries, in the schema and in code alike.
 *
 * <p>The format: at most one part per unit, in the order h, m, s, ms, each of at most 6 digits. The
 * digit bound keeps every value that matches far from any overflow: the largest,
 * {@code 999999h999999m999999s999999ms}, is about 116 years, well inside {@link Duration}, an
 * {@code Instant} plus it, and Go's int64 nanoseconds, which the API server's CEL {@code duration()}
 * parses into. So the CEL maximums below can always evaluate.
 *
 * <p>The maximums, checked at apply by CEL and again by {@link #window}/{@link #interval} (for
 * objects stored before the schema had them):
 * <ul>
 *   <li>{@code canary.observe}, {@code rollout.observe}, {@code analysis.queries[].for} and
 *       {@code cooldown}: at most {@value #MAX_WINDOW_TEXT} (a week). A canary observed for longer
 *       is a second production version, not a canary; a query that must fire for longer than a week
 *       never acts within any window; a cooldown longer than a week holds the whole lane. Anything
 *       that truly needs longer is a pause ({@code spec.paused}) or a freeze, which someone ends.</li>
 *   <li>{@code analysis.interval}: from {@value #MIN_INTERVAL_TEXT} to {@value #MAX_INTERVAL_TEXT}.
 *       Below a second every plan queries Prometheus several times a second for no better
 *       judgement (Prometheus scrapes every 15–60 s); above an hour a failing canary serves
 *       unjudged for an hour.</li>
 * </ul>
 */
public final class Durations {
  /** The schema pattern every duration field of the CRD carries; together with {@link #MIN_LENGTH}. */
  public static final String PATTERN = "^([0-9]{1,6}h)?([0-9]{1,6}m)?([0-9]{1,6}s)?([0-9]{1,6}ms)?$";
  /** The pattern also matches the empty string: this minimum length refuses it. */
  public static final long MIN_LENGTH = 1;
  /** The longest text the pattern matches ({@code 999999h999999m999999s999999ms}). */
  public static final long MAX_LENGTH = 29;

  public static final String MAX_WINDOW_TEXT = "168h";
  public static final Duration MAX_WINDOW = Duration.ofHours(168);
  public static final String MIN_INTERVAL_TEXT = "1s";
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  public static final String MAX_INTERVAL_TEXT = "1h";
  public static final Duration MAX_INTERVAL = Duration.ofHours(1);

  /**
   * The CEL rule of the observation windows, {@code for} and {@code cooldown}. It repeats the pattern
   * so that a malformed value gets this rule's plain message too, and so {@code duration()} only ever
   * sees text it parses (CEL's {@code &&} is false when its left side is, whatever the right side does).
   */
  public static final String WINDOW_RULE = "self.matches('" + PATTERN + "') && duration(self) <= duration('"
      + MAX_WINDOW_TEXT + "')";
  public static final String WINDOW_MESSAGE = "must be a duration of at most " + MAX_WINDOW_TEXT
      + " (a week), e.g. 30s, 5m, 1h30m or 500ms (units h, m, s, ms in that order, at most 6 digits each)";
  /** The CEL rule of {@code analysis.interval}, built as {@link #WINDOW_RULE}. */
  public static final String INTERVAL_RULE = "self.matches('" + PATTERN + "') && duration(self) >= duration('"
      + MIN_INTERVAL_TEXT + "') && duration(self) <= duration('" + MAX_INTERVAL_TEXT + "')";
  public static final String INTERVAL_MESSAGE = "must be a duration between " + MIN_INTERVAL_TEXT + " and "
      + MAX_INTERVAL_TEXT + ", e.g. 10s or 1m (units h, m, s, ms in that order, at most 6 digits each)";

  private static final Pattern FORMAT = Pattern.compile(PATTERN);
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private Durations() {}

  /**
   * Parses {@code text}, or returns {@code fallback} when it is null or blank. Throws only
   * IllegalArgumentException, naming the text, when it is not a duration of the bounded format.
   */
  public static Duration parse(String text, Duration fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    if (!FORMAT.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a duration: use e.g. 30s, 5m, 1h30m or 500ms"
          + " (units h, m, s, ms in that order, at most 6 digits each)");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1)); // at most 6 digits: no overflow here or in the sum
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
    }
    return total;
  }

  /** {@link #parse} of an observation window, {@code for} or {@code cooldown}: at most {@link #MAX_WINDOW}. */
  public static Duration window(String text, Duration fallback) {
    return within(text, fallback, Duration.ZERO, MAX_WINDOW);
  }

  /** {@link #parse} of an analysis interval: from {@link #MIN_INTERVAL} to {@link #MAX_INTERVAL}. */
  public static Duration interval(String text, Duration fallback) {
    return within(text, fallback, MIN_INTERVAL, MAX_INTERVAL);
  }

  private static Duration within(String text, Duration fallback, Duration min, Duration max) {
    Duration d = parse(text, fallback);
    if (d.compareTo(max) > 0) {
      throw new IllegalArgumentException("'" + text + "' is longer than the maximum " + format(max));
    }
    if (d.compareTo(min) < 0) {
      throw new IllegalArgumentException("'" + text + "' is shorter than the minimum " + format(min));
    }
    return d;
  }

  /** A stored value may be any length: the message shows its start. */
  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "… (" + text.length() + " characters)";
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
