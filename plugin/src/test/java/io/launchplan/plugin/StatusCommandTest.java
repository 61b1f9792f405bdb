package io.launchplan.plugin;

import static io.launchplan.plugin.Fixtures.NOW;
import static io.launchplan.plugin.Fixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exit codes pipelines branch on, and the one line they log. */
class StatusCommandTest {
  @ParameterizedTest(name = "{0} exits {1}")
  @CsvSource({"Succeeded, 0", "Reverted, 1", "Pending, 2", "Canary, 2", "Observing, 2", "RollingOut, 2", "Verifying, 2",
      "Paused, 2", "Reverting, 2"})
  void exitCodeOfEachPhase(Phase phase, int code) {
    assertThat(StatusCommand.exitCode(plan("checkout", phase, "x", "y"))).isEqualTo(code);
  }

  @Test
  void anEndedPhaseOfAnOlderGenerationHasNotEnded() {
    LaunchPlan p = plan("checkout", Phase.Reverted, "AnalysisRevert", "");
    p.getMetadata().setGeneration(2L);
    assertThat(StatusCommand.exitCode(p)).isEqualTo(ExitCodes.NOT_ENDED);
    assertThat(StatusCommand.summary(p, NOW)).endsWith("; the operator has not seen generation 2 yet");
  }

  @Test
  void summaryOfAnEndedLaunchSaysHowLongItTook() {
    LaunchPlan p = plan("checkout", Phase.Succeeded, "Verified", "revision 5d8c7f9b1a verified for 5m with every check passing");
    p.getStatus().setEndedAt("2026-12-01T12:05:12Z");
    assertThat(StatusCommand.summary(p, NOW)).isEqualTo("shop/checkout: Succeeded (Verified) revision 5d8c7f9b1a after 7m12s: "
        + "revision 5d8c7f9b1a verified for 5m with every check passing");
  }

  @Test
  void summaryOfARunningLaunchSaysHowLongItIsInItsPhase() {
    LaunchPlan p = plan("checkout", Phase.Observing, "CanaryReady", "1/1 canary pods ready");
    assertThat(StatusCommand.summary(p, NOW)).isEqualTo("shop/checkout: Observing (CanaryReady) revision 5d8c7f9b1a for 30s: 1/1 canary pods ready");
    assertThat(StatusCommand.summary(plan("checkout", null, null, null), NOW))
        .isEqualTo("shop/checkout: <new> (the operator has not written a status yet)");
  }
}
