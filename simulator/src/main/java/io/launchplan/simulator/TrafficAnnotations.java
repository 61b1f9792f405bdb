package io.launchplan.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a pod's {@code sim.launchplan.io/*} annotations into a {@link TrafficProfile}.
 *
 * <ul>
 *   <li>{@value #RPS} &ndash; requests per second, a finite number &ge; 0. Required: without it the
 *       pod is not simulated at all.
 *   <li>{@value #ERROR_RATIO} &ndash; share of failing requests, a number in [0, 1]; default 0.
 *   <li>{@value #LATENCY_MS} &ndash; mean request duration in milliseconds, a finite number &ge; 0;
 *       default {@value #DEFAULT_LATENCY_MS}.
 * </ul>
 *
 * <p>Numbers are plain decimals, optionally with an exponent ({@code 10}, {@code 0.05}, {@code
 * 1e3}); surrounding whitespace is ignored. Anything else (e.g. {@code abc}, {@code -1}, {@code NaN},
 * {@code Infinity}, Java-isms such as {@code 1d} or {@code 0x10}, or an out-of-range value like an
 * error ratio of {@code 2.5}) is <em>malformed</em>: it is reported to the caller's {@link
 * MalformedAnnotationListener} and replaced by the annotation's default. For {@value #RPS} the
 * default is "not annotated", so a pod whose rps is malformed is not simulated and exports no
 * series (rather than exporting series that never move, which would look like a healthy idle pod).
 *
 * <p>Pure: no logging, no state; the caller decides how (and how often) to warn.
 */
final class TrafficAnnotations {

  static final String PREFIX = "sim.launchplan.io/";
  static final String RPS = PREFIX + "rps";
  static final String ERROR_RATIO = PREFIX + "error-ratio";
  static final String LATENCY_MS = PREFIX + "latency-ms";

  static final double DEFAULT_ERROR_RATIO = 0.0;
  static final double DEFAULT_LATENCY_MS = 50.0;

  /**
   * Plain decimal notation only. {@link Double#parseDouble} alone would also accept "NaN",
   * "Infinity", hex floats and type suffixes, none of which anybody means in an annotation.
   */
  private static final Pattern PLAIN_NUMBER =
      Pattern.compile("[+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

  /** Receives each annotation whose value could not be used. */
  @FunctionalInterface
  interface MalformedAnnotationListener {
    /**
     * @param annotation the annotation key
     * @param value the raw value as found on the pod
     * @param expected a human-readable description of what a valid value looks like
     */
    void malformed(String annotation, String value, String expected);
  }

  private TrafficAnnotations() {}

  /**
   * Returns the traffic profile described by {@code annotations}, or empty when the pod carries no
   * usable {@value #RPS} annotation.
   *
   * @param annotations the pod's annotations; may be {@code null} (a pod without annotations)
   * @param onMalformed told about every malformed value, on every call (deduplication is up to it)
   */
  static Optional<TrafficProfile> parse(
      Map<String, String> annotations, MalformedAnnotationListener onMalformed) {
    if (annotations == null || !annotations.containsKey(RPS)) {
      return Optional.empty();
    }
    Optional<Double> rps =
        number(annotations, RPS, 0, Double.MAX_VALUE, "a number >= 0", onMalformed);
    if (rps.isEmpty()) {
      return Optional.empty();
    }
    double errorRatio =
        number(annotations, ERROR_RATIO, 0, 1, "a number between 0 and 1", onMalformed)
            .orElse(DEFAULT_ERROR_RATIO);
    double latencyMs =
        number(annotations, LATENCY_MS, 0, Double.MAX_VALUE, "a number of milliseconds >= 0",
                onMalformed)
            .orElse(DEFAULT_LATENCY_MS);
    return Optional.of(new TrafficProfile(rps.get(), errorRatio, latencyMs / 1000.0));
  }

  /** The annotation's value if present and valid; empty (after reporting) if malformed. */
  private static Optional<Double> number(
      Map<String, String> annotations,
      String annotation,
      double min,
      double max,
      String expected,
      MalformedAnnotationListener onMalformed) {
    String raw = annotations.get(annotation);
    if (raw == null) {
      return Optional.empty();
    }
    String trimmed = raw.strip();
    if (PLAIN_NUMBER.matcher(trimmed).matches()) {
      double value = Double.parseDouble(trimmed);
      // the pattern admits no sign or NaN, but "1e999" still overflows to Infinity
      if (Double.isFinite(value) && value >= min && value <= max) {
        return Optional.of(value);
      }
    }
    onMalformed.malformed(annotation, raw, expected);
    return Optional.empty();
  }
}
