package io.launchplan.plugin.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FiringStatsTest {
  private static final Duration STEP = Duration.ofSeconds(10);

  private static boolean[] bits(String s) {
    boolean[] b = new boolean[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = s.charAt(i) == '1';
    }
    return b;
  }

  @Test
  void episodesAreRunsOfFiringStepsAndTheLongestIsCounted() {
    FiringStats s = FiringStats.of(bits("1111111111"), bits("0110001110"), STEP, Duration.ZERO);
    assertThat(s).isEqualTo(new FiringStats(10, 5, 2, 3, 2));
    assertThat(s.share()).isEqualTo(0.5);
  }

  @Test
  void anEpisodeActsOnceItFiredForItsFor() {
    // for: 20s needs the first and last firing steps 20s apart: 3 steps of 10s
    assertThat(FiringStats.of(bits("11111111"), bits("11011101"), STEP, Duration.ofSeconds(20)).actions()).isEqualTo(1);
    assertThat(FiringStats.of(bits("11111111"), bits("11011101"), STEP, Duration.ofSeconds(10)).actions()).isEqualTo(2);
    // 15s rounds up to two steps apart
    assertThat(FiringStats.of(bits("1111"), bits("0110"), STEP, Duration.ofSeconds(15)).actions()).isZero();
  }

  @Test
  void aStepWithoutDataEndsAnEpisodeAndIsNotEvaluated() {
    FiringStats s = FiringStats.of(bits("1101111"), bits("1111001"), STEP, Duration.ZERO);
    assertThat(s.evaluatedSteps()).isEqualTo(6);
    assertThat(s.firingSteps()).isEqualTo(4);
    assertThat(s.episodes()).isEqualTo(3);
    assertThat(s.longestSteps()).isEqualTo(2);
  }

  @Test
  void nothingEvaluatedIsNoShareRatherThanNeverFiring() {
    FiringStats s = FiringStats.of(bits("000"), bits("000"), STEP, Duration.ZERO);
    assertThat(s.evaluatedSteps()).isZero();
    assertThat(s.episodes()).isZero();
  }
}
