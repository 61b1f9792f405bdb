package io.launchplan.plugin.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StepRangeTest {
  @Test
  void theRangeIsAlignedToTheStepAndIncludesBothEnds() {
    StepRange r = StepRange.last(Duration.ofMinutes(1), Instant.parse("2026-12-01T12:00:07Z"), Duration.ofSeconds(15));
    assertThat(r.start()).isEqualTo(Instant.parse("2026-12-01T11:59:00Z"));
    assertThat(r.end()).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
    assertThat(r.steps()).isEqualTo(5);
    assertThat(r.index(Instant.parse("2026-12-01T11:59:45Z").getEpochSecond())).isEqualTo(3);
  }

  @Test
  void stepsAreWholeSeconds() {
    assertThatThrownBy(() -> StepRange.last(Duration.ofMinutes(1), Instant.now(), Duration.ofMillis(500)))
        .hasMessageContaining("--step must be whole seconds");
  }
}
