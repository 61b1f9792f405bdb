package io.launchplan.simulator;

/**
 * The traffic a simulated pod serves, as read from its annotations.
 *
 * @param requestsPerSecond requests arriving per second, finite and non-negative
 * @param errorRatio share of those requests that fail (answered with code 500), in [0, 1]
 * @param meanLatencySeconds mean request duration in seconds, finite and non-negative
 */
record TrafficProfile(double requestsPerSecond, double errorRatio, double meanLatencySeconds) {

  TrafficProfile {
    requireFiniteAtLeastZero("requestsPerSecond", requestsPerSecond);
    requireFiniteAtLeastZero("meanLatencySeconds", meanLatencySeconds);
    if (!(errorRatio >= 0 && errorRatio <= 1)) {
      throw new IllegalArgumentException("errorRatio must be within [0, 1], got " + errorRatio);
    }
  }

  private static void requireFiniteAtLeastZero(String what, double value) {
    if (!(Double.isFinite(value) && value >= 0)) {
      throw new IllegalArgumentException(what + " must be finite and >= 0, got " + value);
    }
  }
}
