package io.launchplan.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.fabric8.kubernetes.api.model.Condition;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What kstatus makes of a plan, by phase and reason: Reconciling=True is InProgress, Stalled=True
 * is Failed, neither (with Ready=True) is Current. Checked against the real kstatus library in
 * KstatusIT.
 */
class KstatusConditionsTest {
  private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

  static Stream<Arguments> phases() {
    return Stream.of(
        arguments(Phase.Pending, "LaneBusy", "InProgress"),
        arguments(Phase.Pending, "Cooldown", "InProgress"),
        arguments(Phase.Pending, "Frozen", "InProgress"),
        arguments(Phase.Pending, "TargetNotFound", "InProgress"),
        arguments(Phase.Pending, "ManualPause", "InProgress"),
        arguments(Phase.Pending, "InvalidSpec", "Failed"),
        arguments(Phase.Pending, "PostmortemRequired", "Failed"),
        arguments(Phase.Pending, "PolicyViolation", "Failed"),
        arguments(Phase.Pending, "CanaryNameTaken", "Failed"),
        arguments(Phase.Canary, "LaunchStarted", "InProgress"),
        arguments(Phase.Observing, "StepReady", "InProgress"),
        arguments(Phase.RollingOut, "Promoted", "InProgress"),
        arguments(Phase.Verifying, "RolledOut", "InProgress"),
        arguments(Phase.Paused, "AnalysisPause", "InProgress"),
        arguments(Phase.Reverting, "AnalysisRevert", "InProgress"),
        arguments(Phase.Reverted, "AnalysisRevert", "Failed"),
        arguments(Phase.Succeeded, "Verified", "Current"));
  }

  @ParameterizedTest(name = "{0}/{1} reads {2}")
  @MethodSource("phases")
  void kstatusReadsThePlanAsItStands(Phase phase, String reason, String kstatus) {
    LaunchPlanStatus s = new LaunchPlanStatus();
    s.setPhase(phase);
    s.setReason(reason);
    s.setMessage("m");
    Conditions.apply(s, 3, T0, null, false);

    boolean reconciling = "True".equals(get(s, KstatusConditions.RECONCILING).getStatus());
    boolean stalled = "True".equals(get(s, KstatusConditions.STALLED).getStatus());
    String read = stalled ? "Failed" : reconciling ? "InProgress" : "Current";
    assertThat(read).isEqualTo(kstatus);
    assertThat(reconciling && stalled).as("never both").isFalse();
    if (stalled) {
      assertThat(get(s, KstatusConditions.STALLED).getReason()).isEqualTo(reason);
    }
    assertThat(get(s, Conditions.READY).getStatus()).isEqualTo(phase == Phase.Succeeded ? "True" : "False");
  }

  private static Condition get(LaunchPlanStatus s, String type) {
    return Conditions.find(s, type);
  }
}
