package io.launchplan.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.QueryStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuietTickTest {
  private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");

  private static LaunchPlanStatus status(Instant tick, String value, boolean firing) {
    LaunchPlanStatus s = new LaunchPlanStatus();
    s.setPhase(Phase.Observing);
    s.setLastAnalysisAt(tick.toString());
    s.setAnalysis(List.of(new QueryStatus("canary-5xx", value, firing, firing ? T.toString() : null, null)));
    return s;
  }

  @Test
  void onlyTheTickTimeAndTheValuesChanged_withinTheRefresh_isQuiet() {
    assertThat(StatusWriter.quietTick(status(T.plusSeconds(20), "0.01", false), status(T, "0.02", false),
        T.plusSeconds(20))).isTrue();
  }

  @Test
  void theWrittenTickIsRefreshedEvery30Seconds() {
    assertThat(StatusWriter.quietTick(status(T.plusSeconds(30), "0.01", false), status(T, "0.01", false),
        T.plusSeconds(30))).isFalse();
  }

  @Test
  void aCheckThatStartsFiringIsWrittenAtOnce() {
    assertThat(StatusWriter.quietTick(status(T.plusSeconds(10), "0.4", true), status(T, "0.01", false),
        T.plusSeconds(10))).isFalse();
  }

  @Test
  void anyOtherChangeIsWritten() {
    LaunchPlanStatus next = status(T.plusSeconds(10), "0.01", false);
    next.setMessage("something new");
    assertThat(StatusWriter.quietTick(next, status(T, "0.01", false), T.plusSeconds(10))).isFalse();
    assertThat(StatusWriter.quietTick(status(T.plusSeconds(10), "0.01", false), null, T.plusSeconds(10)))
        .isFalse();
  }
}
