package io.launchplan.plugin;

import static io.launchplan.plugin.Fixtures.NOW;
import static io.launchplan.plugin.Fixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.FreezeStatus;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import org.junit.jupiter.api.Test;

/** What holds a plan and what it waits for, read from its status. */
class PlansTest {
  @Test
  void aFreezeHoldsBeforeAnythingElse() {
    LaunchPlan p = plan("checkout", Phase.Paused, "Frozen", "launches are frozen by namespace shop: INC-42");
    p.getStatus().setFreeze(new FreezeStatus("namespace shop", "INC-42", "2026-12-01T11:50:00Z"));
    assertThat(Plans.holder(p)).isEqualTo("freeze by namespace shop: INC-42");
    assertThat(Plans.waitingFor(p, NOW)).isEqualTo("the freeze by namespace shop to lift (INC-42)");
  }

  @Test
  void aLaneWaitShowsItsPlaceInLine() {
    LaunchPlan p = plan("search", Phase.Pending, "LaneBusy", "waiting in lane shop: next in line behind shop/checkout (Observing)");
    assertThat(Plans.holder(p)).isEqualTo("lane shop: next in line behind shop/checkout (Observing)");
  }

  @Test
  void aManualPauseSaysHowToResume() {
    LaunchPlan p = plan("checkout", Phase.Paused, "ManualPause", "spec.paused is true");
    assertThat(Plans.holder(p)).isEqualTo("spec.paused");
    assertThat(Plans.waitingFor(p, NOW)).isEqualTo("spec.paused to be removed (kubectl launchplan resume checkout)");
  }

  @Test
  void anOwedPostmortemNamesTheRevisionAndTheCommand() {
    LaunchPlan p = plan("checkout", Phase.Pending, "PostmortemRequired", "...");
    p.getStatus().setLastRevertedRevision("62837a47d4");
    assertThat(Plans.holder(p)).isEqualTo("a postmortem for revision 62837a47d4");
    assertThat(Plans.waitingFor(p, NOW)).isEqualTo("spec.postmortem for revision 62837a47d4 (kubectl launchplan postmortem checkout)");
  }

  @Test
  void aRunningLaunchIsHeldByNothingAndWaitsForItsWindow() {
    LaunchPlan p = plan("checkout", Phase.Observing, "CanaryReady", "1/1 canary pods ready; observing for 2m");
    assertThat(Plans.holder(p)).isEmpty();
    // phase started 30s before NOW, canary.observe 2m
    assertThat(Plans.waitingFor(p, NOW)).isEqualTo("the canary's observation window to end: 90s left of 2m (canary.observe), "
        + "then an analysis tick in which every check answers and none fires");
    LaunchPlan verifying = plan("checkout", Phase.Verifying, "RolledOut", "");
    assertThat(Plans.waitingFor(verifying, NOW)).startsWith("the verification window to end: 4m30s left of 5m (rollout.observe)");
  }

  @Test
  void aLongMessageIsCutInTheTable() {
    LaunchPlan p = plan("checkout", Phase.Pending, "TargetBusy", "x".repeat(300));
    assertThat(Plans.holder(p)).hasSize(80).endsWith("…");
  }

  @Test
  void aStatusOfAnOlderGenerationIsNotTheEnd() {
    LaunchPlan p = plan("checkout", Phase.Succeeded, "Verified", "done");
    assertThat(Plans.ended(p)).isTrue();
    p.getMetadata().setGeneration(2L); // a new template applied, not yet seen by the operator
    assertThat(Plans.ended(p)).isFalse();
    assertThat(Plans.holder(p)).isEqualTo("the operator has not seen generation 2 yet");
    assertThat(Plans.ended(plan("checkout", null, null, null))).isFalse();
    assertThat(Plans.holder(plan("checkout", null, null, null))).isEqualTo("the operator has not seen it yet");
  }

  @Test
  void theLaneIsTheNamespaceUnlessNamed() {
    LaunchPlan p = plan("checkout", Phase.Pending, null, null);
    assertThat(Plans.lane(p)).isEqualTo("shop");
    p.getSpec().setLane("payments");
    assertThat(Plans.lane(p)).isEqualTo("payments");
  }
}
