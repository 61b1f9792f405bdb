package io.launchplan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void quantileInterpolatesBetweenNearestRanks() {
    List<Double> twenty = new java.util.ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      twenty.add((double) i);
    }
    assertThat(Stats.quantile(twenty, 0.5)).isEqualTo(10.5);
    assertThat(Stats.quantile(twenty, 0.95)).isCloseTo(19.05, within(1e-9));
    assertThat(Stats.quantile(twenty, 1.0)).isEqualTo(20.0);
    assertThat(Stats.quantile(List.of(3.0), 0.99)).isEqualTo(3.0);
  }

  @Test
  void summaryOfNothingIsAllNull() {
    assertThat(Stats.Summary.of(List.of())).isEqualTo(new Stats.Summary(0, null, null, null, null));
  }

  @Test
  void histogramQuantileInterpolatesInsideTheBucketLikePrometheus() {
    // 100 observations: 50 up to 0.01, 40 in (0.01, 0.025], 10 in (0.025, 0.05]
    Map<Double, Double> buckets = Map.of(0.01, 50.0, 0.025, 90.0, 0.05, 100.0, Double.POSITIVE_INFINITY, 100.0);
    assertThat(Stats.histogramQuantile(0.5, buckets)).isCloseTo(0.01, within(1e-12));
    assertThat(Stats.histogramQuantile(0.99, buckets)).isCloseTo(0.025 + 0.025 * 0.9, within(1e-12));
  }

  @Test
  void histogramQuantileInTheInfBucketIsTheHighestFiniteBound() {
    Map<Double, Double> buckets = Map.of(1.0, 10.0, 5.0, 50.0, Double.POSITIVE_INFINITY, 100.0);
    assertThat(Stats.histogramQuantile(0.99, buckets)).isEqualTo(5.0);
    assertThat(Stats.histogramQuantile(0.99, Map.of(Double.POSITIVE_INFINITY, 0.0))).isNull();
  }

  @Test
  void deltaSubtractsBucketByBucket() {
    assertThat(Stats.delta(Map.of(0.1, 5.0, Double.POSITIVE_INFINITY, 7.0), Map.of(0.1, 8.0, Double.POSITIVE_INFINITY, 12.0)))
        .containsEntry(0.1, 3.0).containsEntry(Double.POSITIVE_INFINITY, 5.0);
  }
}
