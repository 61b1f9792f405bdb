package io.launchplan.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TickScheduleTest {
  private static final Duration TEN = Duration.ofSeconds(10);
  private static final Instant T = Instant.parse("2025-01-01T12:00:00Z");

  @Test
  void theNextTickIsAtThePlansPlaceInTheSlotAtLeastHalfAnIntervalAway() {
    assertThat(TickSchedule.next(T.plusSeconds(20), TEN, 0)).isEqualTo(T.plusSeconds(30));
    assertThat(TickSchedule.next(T.plusMillis(24_999), TEN, 0)).isEqualTo(T.plusSeconds(30));
    assertThat(TickSchedule.next(T.plusSeconds(25), TEN, 0)).isEqualTo(T.plusSeconds(30));
    assertThat(TickSchedule.next(T.plusMillis(25_001), TEN, 0)).isEqualTo(T.plusSeconds(40));
    assertThat(TickSchedule.next(T.plusMillis(23_700), TEN, 0.37)).isEqualTo(T.plusMillis(33_700));
    assertThat(TickSchedule.next(T.plusMillis(24_500), TEN, 0.37)).as("1.2 s late").isEqualTo(T.plusMillis(33_700));
    assertThat(TickSchedule.next(T.plusMillis(29_000), TEN, 0.37)).as("5.3 s late: skips to the one after")
        .isEqualTo(T.plusMillis(43_700));
    assertThat(TickSchedule.next(T.plusSeconds(20), Duration.ofSeconds(7), 0).toEpochMilli() % 7_000).isZero();
  }

  @Test
  void phasesAreStableAndSpreadOverTheInterval() {
    String uid = "6f1c2a3e-0000-4000-8000-000000000001";
    assertThat(TickSchedule.phaseOf(uid)).isEqualTo(TickSchedule.phaseOf(uid)).isBetween(0.0, 1.0);
    assertThat(TickSchedule.phaseOf(null)).isZero();

    int[] tenths = new int[10];
    IntStream.range(0, 10_000).forEach(i -> tenths[(int) (TickSchedule.phaseOf(UUID.randomUUID().toString()) * 10)]++);
    assertThat(IntStream.of(tenths).boxed().toList()).as("each tenth of the interval gets about a tenth of 10,000 plans")
        .allSatisfy(n -> assertThat(n).isBetween(850, 1150));
  }

  @Test
  void aSlotIsTheIntervalATimeFallsIn() {
    assertThat(TickSchedule.slot(T.plusMillis(33_700), TEN)).isEqualTo(T.plusSeconds(30));
    assertThat(TickSchedule.slot(T.plusSeconds(30), TEN)).isEqualTo(T.plusSeconds(30));
  }
}
