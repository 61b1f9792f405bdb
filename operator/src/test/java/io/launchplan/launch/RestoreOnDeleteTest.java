package io.launchplan.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a deleted plan's finalizer puts back onto the target: only its own running launch. */
class RestoreOnDeleteTest {
  private static final TargetView STAMPED = new TargetView(3, "patched", "rev2", true, false);
  private static final TargetView OTHERS = new TargetView(3, "others", "rev9", true, false);
  private static final TargetView STABLE = new TargetView(3, "stable", null, true, false);

  private static LaunchPlanStatus status(Phase phase) {
    LaunchPlanStatus s = new LaunchPlanStatus();
    s.setPhase(phase);
    s.setRevision("rev2");
    s.setStableRevision("stable");
    return s;
  }

  @ParameterizedTest
  @EnumSource(value = Phase.class, names = {"Canary", "Observing", "RollingOut", "Verifying", "Paused", "Reverting"})
  void anActiveLaunchWhoseRevisionIsOnTheTargetIsUndone(Phase phase) {
    assertThat(LoopDecisions.restoreOnDelete(status(phase), STAMPED)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = Phase.class, names = {"Pending", "Succeeded", "Reverted"})
  void aPlanWhoseLaunchIsNotRunningTouchesNothing(Phase phase) {
    assertThat(LoopDecisions.restoreOnDelete(status(phase), STAMPED)).isFalse();
    assertThat(LoopDecisions.restoreOnDelete(status(phase), OTHERS)).isFalse();
  }

  @Test
  void aTargetCarryingAnotherPlansLaunchIsNotRestored() {
    assertThat(LoopDecisions.restoreOnDelete(status(Phase.Observing), OTHERS)).isFalse();
    assertThat(LoopDecisions.restoreOnDelete(status(Phase.Verifying), OTHERS)).isFalse();
  }

  @Test
  void aTargetStillOnItsStableTemplateOrGoneNeedsNothing() {
    assertThat(LoopDecisions.restoreOnDelete(status(Phase.Observing), STABLE)).isFalse();
    assertThat(LoopDecisions.restoreOnDelete(status(Phase.RollingOut), null)).isFalse();
  }

  @Test
  void aPlanThatNeverStartedTouchesNothing() {
    LaunchPlanStatus waiting = new LaunchPlanStatus();
    waiting.setPhase(Phase.Pending);
    waiting.setReason("TargetBusy");
    assertThat(LoopDecisions.restoreOnDelete(waiting, OTHERS)).isFalse();
    assertThat(LoopDecisions.restoreOnDelete(null, OTHERS)).isFalse();
  }
}
