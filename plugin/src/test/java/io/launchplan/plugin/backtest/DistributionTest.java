package io.launchplan.plugin.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DistributionTest {
  @Test
  void nearestRankPercentilesOfAHundredValues() {
    double[] v = IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray();
    Distribution d = Distribution.of(v);
    assertThat(d).isEqualTo(new Distribution(100, 1, 50, 99, 100));
  }

  @Test
  void fewValuesAndNonFiniteOnesLeftOut() {
    Distribution d = Distribution.of(new double[] {3, Double.NaN, 1, Double.POSITIVE_INFINITY, 2});
    assertThat(d).isEqualTo(new Distribution(3, 1, 2, 3, 3));
    assertThat(Distribution.of(new double[] {7})).isEqualTo(new Distribution(1, 7, 7, 7, 7));
    assertThat(Distribution.of(new double[] {Double.NaN})).isNull();
  }
}
