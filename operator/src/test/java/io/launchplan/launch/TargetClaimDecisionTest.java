package io.launchplan.launch;

import static io.launchplan.launch.Fixtures.T0;
import static io.launchplan.launch.Fixtures.at;
import static io.launchplan.launch.Fixtures.paused;
import static io.launchplan.launch.Fixtures.readyCanary;
import static io.launchplan.launch.Fixtures.s;
import static io.launchplan.launch.Fixtures.spec;
import static io.launchplan.launch.Fixtures.stableTarget;
import static io.launchplan.launch.Fixtures.status;
import static io.launchplan.launch.Fixtures.world;
import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.launch.Fixtures.World;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One active launch per Deployment ({@code TargetBusy}, first come first served whatever the
 * lanes) and a canary name held by a stranger ({@code CanaryNameTaken}): the launch never starts
 * on such a picture, and a running one holds instead of recreating its canary over the stranger.
 */
class TargetClaimDecisionTest {
  private static final String STRANGER = "Deployment checkout-canary exists and is not this plan's canary"
      + " (it has no controller)";

  private final LaunchDecider decider = new LaunchDecider();

  private Decision decide(LaunchPlanSpec spec, LaunchPlanStatus status, World world) {
    return decider.decide(spec, status, world.observe());
  }

  private static TargetPlans others(TargetPlans.Claim... claims) {
    return new TargetPlans("shop/checkout-v2", T0.minusSeconds(60), List.of(claims));
  }

  private static TargetPlans.Claim claim(String name, Phase phase, String reason, Instant queuedAt) {
    return new TargetPlans.Claim("shop/" + name, phase, reason, queuedAt, queuedAt);
  }

  @Test
  void aNewLaunchWaitsTargetBusyWhileAnotherPlansLaunchRunsOnTheDeployment() {
    Decision d = decide(spec(), null, new World(T0).target(stableTarget())
        .targetPlans(others(claim("other", Phase.Observing, "CanaryReady", T0.minusSeconds(300)))));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(d.status().getReason()).isEqualTo("TargetBusy");
    assertThat(d.status().getMessage()).isEqualTo(
        "Deployment checkout is being launched by plan shop/other (Observing); this plan launches when it ends");
    assertThat(d.effects()).isEmpty();
    assertThat(d.warning()).isFalse();
    assertThat(d.requeueAfter()).isEqualTo(PendingPhase.RECHECK);
  }

  @ParameterizedTest
  @EnumSource(value = Phase.class, names = {"Canary", "Observing", "RollingOut", "Verifying", "Paused", "Reverting"})
  void everyActivePhaseOfTheOtherPlanHoldsTheTarget(Phase phase) {
    Decision d = decide(spec(), null, new World(T0).target(stableTarget())
        .targetPlans(others(claim("other", phase, "x", T0.minusSeconds(300)))));

    assertThat(d.status().getReason()).isEqualTo("TargetBusy");
    assertThat(d.effects()).isEmpty();
  }

  @Test
  void anEmergencyLaunchWaitsForTheTargetToo() {
    LaunchPlanSpec emergency = spec();
    emergency.setEmergency(true);
    Decision d = decide(emergency, null, new World(T0).target(stableTarget())
        .targetPlans(others(claim("other", Phase.RollingOut, "Promoted", T0.minusSeconds(300)))));

    assertThat(d.status().getReason()).isEqualTo("TargetBusy");
    assertThat(d.effects()).isEmpty();
  }

  @Test
  void theLaunchStartsOnceTheOtherPlansLaunchEnded() {
    Decision d = decide(spec(), null, new World(T0).target(stableTarget())
        .targetPlans(others(claim("other", Phase.Succeeded, "Verified", T0.minusSeconds(300)))));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(d.effects()).containsExactly(Effect.SAVE_STABLE_TEMPLATE, Effect.APPLY_CANARY);
  }

  @Test
  void waitingPlansLaunchFirstComeFirstServed() {
    LaunchPlanStatus queued = new LaunchPlanStatus();
    queued.setPhase(Phase.Pending);
    queued.setRevision(Fixtures.REV);
    queued.setQueuedAt(T0.toString());
    TargetPlans.Claim earlier = claim("earlier", Phase.Pending, "TargetBusy", T0.minusSeconds(5));
    TargetPlans.Claim later = claim("later", Phase.Pending, "TargetBusy", T0.plusSeconds(5));

    Decision behind = decide(spec(), queued, new World(at(s(10))).target(stableTarget()).targetPlans(others(earlier, later)));
    assertThat(behind.status().getReason()).isEqualTo("TargetBusy");
    assertThat(behind.status().getMessage()).isEqualTo("Deployment checkout is launched next by plan shop/earlier"
        + " (Pending: TargetBusy), queued first; this plan launches when that launch ends");

    Decision first = decide(spec(), queued, new World(at(s(10))).target(stableTarget()).targetPlans(others(later)));
    assertThat(first.status().getPhase()).isEqualTo(Phase.Canary);
  }

  @Test
  void aPlanHeldByAProblemOfItsOwnLetsTheOthersPass() {
    Decision d = decide(spec(), null, new World(T0).target(stableTarget())
        .targetPlans(others(claim("frozen", Phase.Pending, "Frozen", T0.minusSeconds(300)),
            claim("broken", Phase.Pending, "InvalidSpec", T0.minusSeconds(300)))));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Canary);
  }

  @Test
  void aStrangerHoldingTheCanaryNameKeepsTheLaunchPendingWithAWarning() {
    Decision d = decide(spec(), null, new World(T0).target(stableTarget()).canaryNameTaken(STRANGER));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(d.status().getReason()).isEqualTo("CanaryNameTaken");
    assertThat(d.status().getMessage()).startsWith(STRANGER).contains("rename or delete that Deployment")
        .contains("always called checkout-canary");
    assertThat(d.effects()).as("nothing is applied over it").isEmpty();
    assertThat(d.warning()).isTrue();
  }

  @Test
  void aStrangerThatTookTheNameOfALostCanaryPausesTheLaunchInsteadOfApplyingOverIt() {
    for (Phase phase : List.of(Phase.Canary, Phase.Observing)) {
      Decision d = decide(spec(), status(phase, T0), world(phase, at(s(20))).canary(null).canaryNameTaken(STRANGER));

      assertThat(d.status().getPhase()).as(phase.toString()).isEqualTo(Phase.Paused);
      assertThat(d.status().getPausedFrom()).isEqualTo(phase);
      assertThat(d.status().getReason()).isEqualTo("CanaryNameTaken");
      assertThat(d.effects()).doesNotContain(Effect.APPLY_CANARY);
      assertThat(d.warning()).isTrue();
    }
  }

  @Test
  void thePausedLaunchResumesWhenTheStrangerIsGone() {
    LaunchPlanStatus held = paused(Phase.Observing, "CanaryNameTaken", T0);
    Decision still = decide(spec(), held, world(Phase.Observing, at(s(30))).canary(null).canaryNameTaken(STRANGER));
    assertThat(still.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(still.transition()).isNull();

    Decision resumed = decide(spec(), held, world(Phase.Observing, at(s(30))).canary(null));
    assertThat(resumed.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(resumed.status().getReason()).isEqualTo("Resumed");
  }

  @Test
  void laterPhasesDoNotNeedTheCanaryAndGoOn() {
    Decision d = decide(spec(), status(Phase.Verifying, T0), world(Phase.Verifying, at(s(20))).canaryNameTaken(STRANGER));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Verifying);
    assertThat(d.effects()).as("the stranger is not the canary: nothing to delete").isEmpty();
  }

  @Test
  void theOwnCanaryIsNeverMistakenForAStranger() {
    Decision d = decide(spec(), status(Phase.Canary, T0), world(Phase.Canary, at(s(5))).canary(readyCanary()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Observing);
  }
}
