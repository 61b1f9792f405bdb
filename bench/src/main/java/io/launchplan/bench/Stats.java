package io.launchplan.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Percentiles of samples and of Prometheus histogram buckets, as the report uses them. */
final class Stats {
  private Stats() {}

  /** p50/p95/p99/max of a set of samples (seconds), or all null when there are none. */
  record Summary(int n, Double p50, Double p95, Double p99, Double max) {
    static Summary of(Collection<Double> values) {
      List<Double> sorted = new ArrayList<>(values);
      sorted.removeIf(v -> v == null || v.isNaN());
      sorted.sort(null);
      if (sorted.isEmpty()) {
        return new Summary(0, null, null, null, null);
      }
      return new Summary(sorted.size(), quantile(sorted, 0.5), quantile(sorted, 0.95), quantile(sorted, 0.99),
          sorted.get(sorted.size() - 1));
    }
  }

  /**
   * The {@code q}-quantile of ascending {@code sorted}, linearly interpolated between the two
   * nearest ranks (the "R-7" definition NumPy and spreadsheets use): p95 of 20 values lies between
   * the 19th and the 20th.
   */
  static double quantile(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    double pos = q * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.size() - 1);
    return sorted.get(lo) + (pos - lo) * (sorted.get(hi) - sorted.get(lo));
  }

  /**
   * {@code histogram_quantile(q, ...)} over cumulative bucket counts (upper bound → count, the
   * {@code +Inf} bucket under {@link Double#POSITIVE_INFINITY}), as Prometheus computes it: linear
   * interpolation inside the bucket the rank falls in; a rank in the {@code +Inf} bucket gives the
   * highest finite bound (the true value is above it). Null when the histogram is empty.
   */
  static Double histogramQuantile(double q, Map<Double, Double> cumulative) {
    TreeMap<Double, Double> buckets = new TreeMap<>(cumulative);
    if (buckets.isEmpty() || !buckets.containsKey(Double.POSITIVE_INFINITY)) {
      return null;
    }
    double total = buckets.get(Double.POSITIVE_INFINITY);
    if (total <= 0) {
      return null;
    }
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (var e : buckets.entrySet()) {
      double bound = e.getKey();
      double count = e.getValue();
      if (count >= rank) {
        if (Double.isInfinite(bound)) {
          return lowerBound;
        }
        double inBucket = count - lowerCount;
        return inBucket <= 0 ? bound : lowerBound + (bound - lowerBound) * (rank - lowerCount) / inBucket;
      }
      lowerBound = bound;
      lowerCount = count;
    }
    return lowerBound;
  }

  /** Bucket counts of {@code after} minus those of {@code before} (the observations in between). */
  static Map<Double, Double> delta(Map<Double, Double> before, Map<Double, Double> after) {
    Map<Double, Double> d = new TreeMap<>();
    after.forEach((le, count) -> d.put(le, count - before.getOrDefault(le, 0.0)));
    return d;
  }

  /** Rounds to {@code digits} decimals for the report (null stays null). */
  static Double round(Double v, int digits) {
    if (v == null || v.isNaN() || v.isInfinite()) {
      return null;
    }
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
