package io.launchplan.simulator;

import java.util.Arrays;

/**
 * The classic-histogram bucket layout of {@code http_request_duration_seconds} and the share of
 * simulated requests that falls into each bucket.
 *
 * <p>Simulated request durations follow an exponential distribution with the configured mean: it
 * has a single parameter, is never negative, and gives {@code histogram_quantile} a realistic long
 * tail (median = mean &middot; ln 2, p99 = mean &middot; ln 100).
 */
final class LatencyBuckets {

  /** The Prometheus client libraries' traditional default buckets, in seconds. */
  static final LatencyBuckets DEFAULT =
      new LatencyBuckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);

  private final double[] finiteUpperBounds;

  /** @param finiteUpperBounds strictly ascending, positive, finite; {@code +Inf} is implied */
  LatencyBuckets(double... finiteUpperBounds) {
    for (int i = 0; i < finiteUpperBounds.length; i++) {
      double bound = finiteUpperBounds[i];
      if (!(Double.isFinite(bound) && bound > 0)
          || (i > 0 && !(bound > finiteUpperBounds[i - 1]))) {
        throw new IllegalArgumentException(
            "bucket bounds must be finite, positive and strictly ascending: "
                + Arrays.toString(finiteUpperBounds));
      }
    }
    this.finiteUpperBounds = finiteUpperBounds.clone();
  }

  /** Number of finite buckets; the implicit {@code +Inf} bucket comes on top. */
  int finiteBucketCount() {
    return finiteUpperBounds.length;
  }

  /** All upper bounds including the trailing {@code +Inf}, as the exposition needs them. */
  double[] upperBoundsWithInfinity() {
    double[] bounds = Arrays.copyOf(finiteUpperBounds, finiteUpperBounds.length + 1);
    bounds[finiteUpperBounds.length] = Double.POSITIVE_INFINITY;
    return bounds;
  }

  /**
   * For each finite bucket, the probability that a request with exponentially distributed duration
   * of the given mean takes at most that bucket's upper bound (the distribution function {@code 1 -
   * e^(-le/mean)}).
   */
  double[] shareAtOrBelowEachBound(double meanSeconds) {
    double[] shares = new double[finiteUpperBounds.length];
    for (int i = 0; i < shares.length; i++) {
      // a mean of 0 means every request is instantaneous: all land in the first bucket
      shares[i] = meanSeconds == 0 ? 1.0 : -Math.expm1(-finiteUpperBounds[i] / meanSeconds);
    }
    return shares;
  }
}
