package io.launchplan.plugin.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevertDelaysTest {
  private static HistoryEntry e(Phase phase, String reason, String revision, String at) {
    return new HistoryEntry(phase, reason, "m", revision, at);
  }

  @Test
  void delayFromCanaryReadyToTheRevertOfTheSameRevision() {
    var s = RevertDelays.of(List.of(
        e(Phase.Canary, "LaunchStarted", "a", "2026-12-01T10:00:00Z"),
        e(Phase.Observing, "CanaryReady", "a", "2026-12-01T10:00:05Z"),
        e(Phase.Reverting, "AnalysisRevert", "a", "2026-12-01T10:01:35Z"),
        e(Phase.Reverted, "AnalysisRevert", "a", "2026-12-01T10:01:40Z"),
        e(Phase.Canary, "LaunchStarted", "b", "2026-12-01T11:00:00Z"),
        e(Phase.Observing, "CanaryReady", "b", "2026-12-01T11:00:05Z"),
        e(Phase.RollingOut, "Promoted", "b", "2026-12-01T11:02:05Z"),
        e(Phase.Reverting, "AnalysisRevert", "b", "2026-12-01T11:03:05Z")), Duration.ofMinutes(2));
    assertThat(s.reverts()).hasSize(2);
    assertThat(s.reverts().get(0).delay()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.reverts().get(0).phase()).isEqualTo("Observing");
    assertThat(s.reverts().get(1).delay()).isEqualTo(Duration.ofMinutes(3));
    assertThat(s.reverts().get(1).phase()).isEqualTo("RollingOut");
    assertThat(s.slowest()).isEqualTo(Duration.ofMinutes(3));
    assertThat(s.covered()).isFalse();
  }

  @Test
  void manualAbortsAreListedButNotCompared() {
    var s = RevertDelays.of(List.of(
        e(Phase.Observing, "CanaryReady", "a", "2026-12-01T10:00:05Z"),
        e(Phase.Reverting, "Aborted", "a", "2026-12-01T10:09:00Z"),
        e(Phase.Observing, "CanaryReady", "b", "2026-12-01T11:00:05Z"),
        e(Phase.Reverting, "AnalysisRevert", "b", "2026-12-01T11:00:50Z")), Duration.ofMinutes(1));
    assertThat(s.reverts()).extracting(RevertDelays.Revert::reason).containsExactly("Aborted", "AnalysisRevert");
    assertThat(s.slowest()).isEqualTo(Duration.ofSeconds(45));
    assertThat(s.covered()).isTrue();
  }

  @Test
  void aRevertDecidedBeforeTheCanaryWasReadyCountsZero() {
    var s = RevertDelays.of(List.of(
        e(Phase.Canary, "LaunchStarted", "a", "2026-12-01T10:00:00Z"),
        e(Phase.Reverting, "AnalysisRevert", "a", "2026-12-01T10:00:03Z")), Duration.ofMinutes(2));
    assertThat(s.reverts().get(0).canaryReadyAt()).isNull();
    assertThat(s.reverts().get(0).delay()).isZero();
    assertThat(s.reverts().get(0).phase()).isEqualTo("Canary");
    assertThat(s.covered()).isTrue();
  }

  @Test
  void aRevertWhoseCanaryReadyFellOutOfTheHistoryHasNoDelay() {
    var s = RevertDelays.of(List.of(e(Phase.Reverting, "AnalysisRevert", "a", "2026-12-01T10:01:35Z")), Duration.ofMinutes(2));
    assertThat(s.reverts().get(0).delay()).isNull();
    assertThat(s.slowest()).isNull();
    assertThat(s.covered()).isNull();
    assertThat(RevertDelays.of(null, Duration.ofMinutes(2)).reverts()).isEmpty();
  }
}
