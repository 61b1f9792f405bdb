package io.launchplan.plugin.backtest;

import java.util.Arrays;

/**
 * Percentiles of a check's {@code EXPR} over the range (pure), by the nearest-rank method: the
 * {@code p}-th percentile of {@code n} sorted values is the value of rank {@code ceil(p/100 × n)}.
 * NaN and infinite values (a division by zero in PromQL) are left out.
 *
 * @param count the finite values
 */
public record Distribution(int count, double min, double p50, double p99, double max) {

  /** @return the distribution, or null when there is no finite value */
  public static Distribution of(double[] values) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (v.length == 0) {
      return null;
    }
    return new Distribution(v.length, v[0], percentile(v, 50), percentile(v, 99), v[v.length - 1]);
  }

  /** The nearest-rank percentile of sorted, non-empty {@code v}. */
  static double percentile(double[] v, double p) {
    int rank = (int) Math.ceil(p / 100 * v.length);
    return v[Math.max(0, Math.min(v.length, rank) - 1)];
  }
}
