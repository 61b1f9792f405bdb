package io.launchplan.launch;

import static io.launchplan.launch.Fixtures.FREEZE;
import static io.launchplan.launch.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import java.time.Instant;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The standard conditions kstatus, Helm {@code --wait} and Flux read from a plan. */
class ConditionsTest {
  private static final Instant T1 = T0.plusSeconds(60);
  private static final Instant T2 = T0.plusSeconds(120);

  private static LaunchPlanStatus at(Phase phase, String reason) {
    LaunchPlanStatus s = new LaunchPlanStatus();
    s.setPhase(phase);
    s.setReason(reason);
    s.setMessage("message for " + reason);
    return s;
  }

  /** Applies the conditions for {@code phase}/{@code reason} on top of {@code previous}' conditions. */
  private static LaunchPlanStatus next(LaunchPlanStatus previous, Phase phase, String reason, Instant now,
      String freeze) {
    LaunchPlanStatus s = at(phase, reason);
    s.setConditions(previous == null ? null : previous.getConditions());
    Conditions.apply(s, 7, now, freeze, false);
    return s;
  }

  private static Condition get(LaunchPlanStatus status, String type) {
    Condition c = Conditions.find(status, type);
    assertThat(c).as("condition %s", type).isNotNull();
    return c;
  }

  @ParameterizedTest
  @EnumSource(Phase.class)
  void readyOnlyWhenSucceeded(Phase phase) {
    LaunchPlanStatus s = next(null, phase, "SomeReason", T0, null);

    assertThat(get(s, Conditions.READY).getStatus()).isEqualTo(phase == Phase.Succeeded ? "True" : "False");
  }

  @ParameterizedTest
  @EnumSource(Phase.class)
  void everyConditionIsWrittenWithTheGeneration(Phase phase) {
    LaunchPlanStatus s = next(null, phase, "SomeReason", T0, null);

    assertThat(s.getConditions()).extracting(Condition::getType).containsExactly(
        Conditions.READY, Conditions.PROGRESSING, Conditions.PAUSED, Conditions.FROZEN, Conditions.DEGRADED,
        KstatusConditions.RECONCILING, KstatusConditions.STALLED);
    assertThat(s.getConditions()).allSatisfy(c -> {
      assertThat(c.getObservedGeneration()).isEqualTo(7L);
      assertThat(c.getStatus()).isIn("True", "False");
      assertThat(c.getReason()).isNotBlank();
      assertThat(c.getLastTransitionTime()).isEqualTo(T0.toString());
    });
  }

  @Test
  void progressingWhileALaunchRuns() {
    EnumSet<Phase> running = EnumSet.of(Phase.Canary, Phase.Observing, Phase.RollingOut, Phase.Verifying,
        Phase.Reverting);
    for (Phase phase : Phase.values()) {
      assertThat(get(next(null, phase, "R", T0, null), Conditions.PROGRESSING).getStatus()).as(phase.name())
          .isEqualTo(running.contains(phase) ? "True" : "False");
    }
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenStatusFlips() {
    LaunchPlanStatus canary = next(null, Phase.Canary, "LaunchStarted", T0, null);
    LaunchPlanStatus observing = next(canary, Phase.Observing, "CanaryReady", T1, null);
    LaunchPlanStatus succeeded = next(observing, Phase.Succeeded, "Verified", T2, null);

    assertThat(get(observing, Conditions.PROGRESSING).getLastTransitionTime())
        .as("still progressing: the reason changed, the status did not").isEqualTo(T0.toString());
    assertThat(get(observing, Conditions.PROGRESSING).getReason()).isEqualTo("CanaryReady");
    assertThat(get(observing, Conditions.READY).getLastTransitionTime()).isEqualTo(T0.toString());

    assertThat(get(succeeded, Conditions.READY).getStatus()).isEqualTo("True");
    assertThat(get(succeeded, Conditions.READY).getLastTransitionTime()).isEqualTo(T2.toString());
    assertThat(get(succeeded, Conditions.PROGRESSING).getStatus()).isEqualTo("False");
    assertThat(get(succeeded, Conditions.PROGRESSING).getLastTransitionTime()).isEqualTo(T2.toString());
    assertThat(get(succeeded, Conditions.DEGRADED).getLastTransitionTime()).isEqualTo(T0.toString());
  }

  @Test
  void reapplyingTheSameStatusChangesNothing() {
    LaunchPlanStatus first = next(null, Phase.Observing, "CanaryReady", T0, null);
    LaunchPlanStatus again = next(first, Phase.Observing, "CanaryReady", T1, null);

    assertThat(Fixtures.json(again.getConditions())).isEqualTo(Fixtures.json(first.getConditions()));
  }

  @Test
  void frozenFollowsTheFreeze() {
    LaunchPlanStatus free = next(null, Phase.Observing, "CanaryReady", T0, null);
    LaunchPlanStatus frozen = next(free, Phase.Paused, "Frozen", T1, FREEZE);
    LaunchPlanStatus thawed = next(frozen, Phase.Observing, "Resumed", T2, null);

    assertThat(get(free, Conditions.FROZEN).getStatus()).isEqualTo("False");
    assertThat(get(frozen, Conditions.FROZEN).getStatus()).isEqualTo("True");
    assertThat(get(frozen, Conditions.FROZEN).getMessage()).contains(FREEZE);
    assertThat(get(frozen, Conditions.FROZEN).getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(get(frozen, Conditions.PAUSED).getStatus()).isEqualTo("True");
    assertThat(get(thawed, Conditions.FROZEN).getStatus()).isEqualTo("False");
    assertThat(get(thawed, Conditions.FROZEN).getLastTransitionTime()).isEqualTo(T2.toString());
  }

  @Test
  void frozenIsShownWhileAPlanWaitsInPending() {
    LaunchPlanStatus s = next(null, Phase.Pending, "Frozen", T0, FREEZE);

    assertThat(get(s, Conditions.FROZEN).getStatus()).isEqualTo("True");
    assertThat(get(s, Conditions.PAUSED).getStatus()).isEqualTo("False");
    assertThat(get(s, Conditions.DEGRADED).getStatus()).isEqualTo("False");
  }

  @Test
  void pausedOnPausedPhaseAndOnManualPauseInPending() {
    assertThat(get(next(null, Phase.Paused, "AnalysisPause", T0, null), Conditions.PAUSED).getStatus())
        .isEqualTo("True");
    assertThat(get(next(null, Phase.Pending, "ManualPause", T0, null), Conditions.PAUSED).getStatus())
        .isEqualTo("True");
    assertThat(get(next(null, Phase.Pending, "TargetNotFound", T0, null), Conditions.PAUSED).getStatus())
        .isEqualTo("False");
  }

  @Test
  void degradedOnReverted() {
    LaunchPlanStatus reverted = next(null, Phase.Reverted, "AnalysisRevert", T0, null);

    Condition degraded = get(reverted, Conditions.DEGRADED);
    assertThat(degraded.getStatus()).isEqualTo("True");
    assertThat(degraded.getReason()).isEqualTo("AnalysisRevert");
    assertThat(degraded.getMessage()).isEqualTo("message for AnalysisRevert");
    assertThat(get(reverted, Conditions.READY).getStatus()).isEqualTo("False");
  }

  @Test
  void degradedOnProblemsThatHoldALaunch() {
    Stream.of("InvalidSpec", "TargetNotFound", "TargetScaledToZero").forEach(reason ->
        assertThat(get(next(null, Phase.Pending, reason, T0, null), Conditions.DEGRADED).getStatus())
            .as(reason).isEqualTo("True"));
    Stream.of("TargetModified", "AnalysisError", "AnalysisPause").forEach(reason ->
        assertThat(get(next(null, Phase.Paused, reason, T0, null), Conditions.DEGRADED).getStatus())
            .as(reason).isEqualTo("True"));
    assertThat(get(next(null, Phase.Succeeded, "Verified", T0, null), Conditions.DEGRADED).getStatus())
        .isEqualTo("False");
    assertThat(get(next(null, Phase.Paused, "ManualPause", T0, null), Conditions.DEGRADED).getStatus())
        .isEqualTo("False");
  }

  @Test
  void emergencyConditionWhileSpecEmergencyAndFalseOnceRemoved() {
    LaunchPlanStatus plain = next(null, Phase.Observing, "CanaryReady", T0, null);
    assertThat(Conditions.find(plain, Conditions.EMERGENCY)).as("absent on ordinary plans").isNull();

    LaunchPlanStatus emergency = at(Phase.Canary, "LaunchStarted");
    Conditions.apply(emergency, 7, T1, null, true);
    Condition on = get(emergency, Conditions.EMERGENCY);
    assertThat(on.getStatus()).isEqualTo("True");
    assertThat(on.getReason()).isEqualTo("EmergencyBypass");
    assertThat(on.getLastTransitionTime()).isEqualTo(T1.toString());

    LaunchPlanStatus removed = at(Phase.Observing, "CanaryReady");
    removed.setConditions(emergency.getConditions());
    Conditions.apply(removed, 8, T2, null, false);
    Condition off = get(removed, Conditions.EMERGENCY);
    assertThat(off.getStatus()).isEqualTo("False");
    assertThat(off.getLastTransitionTime()).isEqualTo(T2.toString());
  }

  @Test
  void invalidPostmortemIsDegradedButAnOwedOneIsNot() {
    assertThat(get(next(null, Phase.Pending, "InvalidPostmortem", T0, null), Conditions.DEGRADED).getStatus())
        .isEqualTo("True");
    assertThat(get(next(null, Phase.Pending, "PostmortemRequired", T0, null), Conditions.DEGRADED).getStatus())
        .isEqualTo("False");
  }

  @Test
  void findReturnsNullWithoutConditions() {
    assertThat(Conditions.find(null, Conditions.READY)).isNull();
    assertThat(Conditions.find(new LaunchPlanStatus(), Conditions.READY)).isNull();
  }
  @Test
  void aFailedReconcileSetsReadyFalseWithTheErrorAndKeepsTheOtherConditions() {
    LaunchPlanStatus observing = next(null, Phase.Observing, "CanaryReady", T0, FREEZE);

    Conditions.reconcileError(observing, 7, T1, "reconcile failed (retried with backoff): the API server answered 422: x");

    Condition ready = get(observing, Conditions.READY);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("ReconcileError");
    assertThat(ready.getMessage()).contains("422");
    assertThat(ready.getLastTransitionTime()).as("Ready was already False").isEqualTo(T0.toString());
    assertThat(observing.getConditions()).extracting(Condition::getType).containsExactly(
        "Ready", "Progressing", "Paused", "Frozen", "Degraded", "Reconciling", "Stalled");
    assertThat(get(observing, Conditions.FROZEN).getStatus()).isEqualTo("True");
  }

  @Test
  void theNextGoodReconcileClearsTheError() {
    LaunchPlanStatus failed = next(null, Phase.Succeeded, "Verified", T0, null);
    Conditions.reconcileError(failed, 7, T1, "reconcile failed (retried with backoff): IllegalStateException: x");
    assertThat(get(failed, Conditions.READY).getStatus()).isEqualTo("False");

    LaunchPlanStatus good = next(failed, Phase.Succeeded, "Verified", T2, null);

    assertThat(get(good, Conditions.READY).getStatus()).isEqualTo("True");
    assertThat(get(good, Conditions.READY).getReason()).isEqualTo("Verified");
    assertThat(get(good, Conditions.READY).getLastTransitionTime()).isEqualTo(T2.toString());
  }
}
