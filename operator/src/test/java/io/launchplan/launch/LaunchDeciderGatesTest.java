package io.launchplan.launch;

import static io.launchplan.launch.Fixtures.FREEZE;
import static io.launchplan.launch.Fixtures.NEXT_REV;
import static io.launchplan.launch.Fixtures.REV;
import static io.launchplan.launch.Fixtures.T0;
import static io.launchplan.launch.Fixtures.at;
import static io.launchplan.launch.Fixtures.pass;
import static io.launchplan.launch.Fixtures.patchedTarget;
import static io.launchplan.launch.Fixtures.s;
import static io.launchplan.launch.Fixtures.spec;
import static io.launchplan.launch.Fixtures.stableTarget;
import static io.launchplan.launch.Fixtures.status;
import static io.launchplan.launch.Fixtures.world;
import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.PostmortemSpec;
import io.launchplan.gates.LaneView;
import io.launchplan.launch.Fixtures.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gates in the launch decision: the lane's queue and cooldown, the postmortem after a revert,
 * and emergency launches. Plan {@code shop/checkout}; the clock is an explicit {@link Instant}.
 */
class LaunchDeciderGatesTest {
  private final LaunchDecider decider = new LaunchDecider();

  private Decision decide(LaunchPlanSpec spec, LaunchPlanStatus status, World world) {
    return decider.decide(spec, status, world.observe());
  }

  private static LaneView lane(LaneView.Member... others) {
    return new LaneView("shop", "shop", "checkout", T0.minusSeconds(3600), List.of(others));
  }

  private static LaneView.Member running(String name) {
    return new LaneView.Member("shop", name, Phase.Observing, "CanaryReady", T0.minusSeconds(600), null,
        Duration.ZERO, T0.minusSeconds(600), false, false);
  }

  private static LaneView.Member ended(String name, Instant at, Duration cooldown) {
    return new LaneView.Member("shop", name, Phase.Succeeded, "Verified", T0.minusSeconds(900), at, cooldown,
        T0.minusSeconds(900), false, false);
  }

  private static World pending(Instant now) {
    return new World(now).target(stableTarget());
  }

  private static HistoryEntry last(Decision d) {
    List<HistoryEntry> h = d.status().getHistory();
    return h.get(h.size() - 1);
  }

  // ---------------------------------------------------------------- Lane

  @Test
  void busyLaneKeepsNewLaunchPendingThenItStartsWhenFree() {
    Decision waiting = decide(spec(), null, pending(T0).lane(lane(running("search"))));

    assertThat(waiting.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(waiting.status().getReason()).isEqualTo("LaneBusy");
    assertThat(waiting.status().getMessage()).isEqualTo("waiting in lane shop: next in line behind shop/search (Observing)");
    assertThat(waiting.status().getQueuedAt()).isEqualTo(T0.toString());
    assertThat(waiting.effects()).isEmpty();
    assertThat(waiting.warning()).isFalse();
    assertThat(waiting.requeueAfter()).as("a fallback; the lane's events wake it first").isEqualTo(PendingPhase.RECHECK);

    Decision again = decide(spec(), waiting.status(), pending(at(s(30))).lane(lane(running("search"),
        new LaneView.Member("shop", "api", Phase.Pending, "LaneBusy", T0.minusSeconds(1), null, Duration.ZERO, T0, false, false))));
    assertThat(again.status().getMessage()).as("its place moves").contains("2nd in line");
    assertThat(again.transition()).as("a new place is not a new history entry").isNull();
    assertThat(again.status().getQueuedAt()).as("its place in the queue is kept").isEqualTo(T0.toString());

    Decision free = decide(spec(), again.status(), pending(at(s(60))).lane(lane()));
    assertThat(free.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(free.transition().getReason()).isEqualTo("LaunchStarted");
  }

  @Test
  void newRevisionQueuesAgainFromTheBack() {
    LaunchPlanStatus succeeded = status(Phase.Succeeded, T0);
    succeeded.setQueuedAt(T0.minusSeconds(3600).toString());

    Decision moved = decide(spec(), succeeded, new World(at(s(10))).target(patchedTarget(true)).revision(NEXT_REV));
    Decision queued = decide(spec(), moved.status(),
        new World(at(s(11))).target(patchedTarget(true)).revision(NEXT_REV).lane(lane(running("search"))));

    assertThat(queued.status().getQueuedAt()).isEqualTo(at(s(11)).toString());
    assertThat(queued.status().getReason()).isEqualTo("LaneBusy");
  }

  @Test
  void gatesWaitForTheTargetAndTheFreezeFirst() {
    Decision frozen = decide(spec(), null, pending(T0).freeze(FREEZE).lane(lane(running("search"))));
    Decision missing = decide(spec(), null, new World(T0).lane(lane(running("search"))));

    assertThat(frozen.status().getReason()).isEqualTo("Frozen");
    assertThat(missing.status().getReason()).isEqualTo("TargetNotFound");
  }

  // ---------------------------------------------------------------- Cooldown

  @Test
  void cooldownDelaysTheNextLaunchAndWakesItAtTheEnd() {
    LaneView cooling = lane(ended("search", T0.minusSeconds(60), Duration.ofMinutes(3)));

    Decision waiting = decide(spec(), null, pending(T0).lane(cooling));

    assertThat(waiting.status().getReason()).isEqualTo("Cooldown");
    assertThat(waiting.status().getMessage()).contains("shop/search").contains("2m left").contains("cooldown 3m");
    assertThat(waiting.requeueAfter()).isEqualTo(PendingPhase.RECHECK);

    Decision near = decide(spec(), waiting.status(), pending(at(s(110))).lane(cooling));
    assertThat(near.requeueAfter()).as("woken when the cooldown ends").isEqualTo(Duration.ofSeconds(10));
    assertThat(near.transition()).isNull();

    Decision done = decide(spec(), near.status(), pending(at(s(120))).lane(cooling));
    assertThat(done.status().getPhase()).isEqualTo(Phase.Canary);
  }

  @Test
  void ownCooldownCountsFromTheEndOfItsLastLaunch() {
    LaunchPlanSpec spec = spec();
    spec.setCooldown("5m");
    LaunchPlanStatus verifying = status(Phase.Verifying, T0);

    Decision ended = decide(spec, verifying, world(Phase.Verifying, T0.plus(Fixtures.ROLLOUT_OBSERVE)).analysis(pass()));
    assertThat(ended.status().getPhase()).isEqualTo(Phase.Succeeded);
    Instant end = T0.plus(Fixtures.ROLLOUT_OBSERVE);
    assertThat(ended.status().getEndedAt()).isEqualTo(end.toString());

    Decision next = decide(spec, ended.status(), new World(end.plusSeconds(60)).target(patchedTarget(true))
        .revision(NEXT_REV));
    Decision waiting = decide(spec, next.status(), new World(end.plusSeconds(60)).target(patchedTarget(true))
        .revision(NEXT_REV));
    assertThat(waiting.status().getReason()).isEqualTo("Cooldown");
    assertThat(waiting.requeueAfter()).isEqualTo(PendingPhase.RECHECK);
  }

  @Test
  void alreadyLaunchedRevisionIsNoLaunchAndStartsNoCooldown() {
    Decision d = decide(spec(), null, new World(T0).target(patchedTarget(true)).lane(lane(running("search"))));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Succeeded);
    assertThat(d.status().getEndedAt()).isNull();
  }

  // ---------------------------------------------------------------- Postmortem

  @Test
  void revertedLaunchOwesAPostmortemBeforeTheNextRevision() {
    LaunchPlanStatus reverting = status(Phase.Reverting, T0);
    Decision reverted = decide(spec(), reverting, new World(at(s(5))).target(stableTarget()));
    assertThat(reverted.status().getPhase()).isEqualTo(Phase.Reverted);
    assertThat(reverted.status().getLastRevertedRevision()).isEqualTo(REV);
    assertThat(reverted.status().getEndedAt()).isEqualTo(at(s(5)).toString());

    LaunchPlanSpec next = spec();
    Decision moved = decide(next, reverted.status(), pending(at(s(60))).revision(NEXT_REV));
    Decision owed = decide(next, moved.status(), pending(at(s(61))).revision(NEXT_REV));
    assertThat(owed.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(owed.status().getReason()).isEqualTo("PostmortemRequired");
    assertThat(owed.status().getMessage()).contains("revision " + REV + " was reverted");
    assertThat(owed.effects()).isEmpty();

    next.setPostmortem(new PostmortemSpec("0123456789", "cause", "impact", "fix"));
    Decision wrong = decide(next, owed.status(), pending(at(s(90))).revision(NEXT_REV));
    assertThat(wrong.status().getReason()).isEqualTo("InvalidPostmortem");
    assertThat(wrong.status().getMessage()).contains("0123456789").contains(REV);
    assertThat(wrong.warning()).isTrue();
    assertThat(wrong.effects()).isEmpty();

    next.setPostmortem(new PostmortemSpec(REV, "a cache key without the tenant", "3% of checkouts failed for 4m",
        "tenant in the key, a test for it"));
    Decision accepted = decide(next, wrong.status(), pending(at(s(120))).revision(NEXT_REV));
    assertThat(accepted.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(accepted.transition().getReason()).isEqualTo("PostmortemAccepted");
    assertThat(accepted.transition().getMessage()).contains("a cache key without the tenant")
        .contains("3% of checkouts failed for 4m").contains("tenant in the key, a test for it");
    assertThat(accepted.status().getPostmortemAcceptedFor()).isEqualTo(REV);
    assertThat(accepted.requeueAfter()).isEqualTo(Duration.ZERO);
    assertThat(accepted.effects()).isEmpty();

    Decision launched = decide(next, accepted.status(), pending(at(s(121))).revision(NEXT_REV));
    assertThat(launched.status().getPhase()).isEqualTo(Phase.Canary);
  }

  @Test
  void postmortemGateOpensOncePerRevert() {
    LaunchPlanStatus covered = status(Phase.Succeeded, T0);
    covered.setLastRevertedRevision("0000000000");
    covered.setPostmortemAcceptedFor("0000000000");

    Decision moved = decide(spec(), covered, new World(at(s(1))).target(patchedTarget(true)).revision(NEXT_REV));
    Decision next = decide(spec(), moved.status(), new World(at(s(2))).target(patchedTarget(true)).revision(NEXT_REV));

    assertThat(next.status().getPhase()).as("the accepted postmortem still covers that revert").isEqualTo(Phase.Canary);
  }

  @Test
  void revertedBeforeTheGateExistedStillOwesIt() {
    LaunchPlanStatus old = status(Phase.Reverted, T0); // written by an operator without lastRevertedRevision

    Decision moved = decide(spec(), old, pending(at(s(60))).revision(NEXT_REV));

    assertThat(moved.status().getLastRevertedRevision()).isEqualTo(REV);
  }

  // ---------------------------------------------------------------- Emergency

  @Test
  void emergencyBypassesLaneCooldownAndFreezeLoudlyThenStarts() {
    LaunchPlanSpec spec = spec();
    spec.setEmergency(true);
    World world = pending(T0).freeze(FREEZE)
        .lane(lane(running("search"), ended("api", T0.minusSeconds(10), Duration.ofMinutes(5))));

    Decision bypass = decide(spec, null, world);
    assertThat(bypass.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(bypass.transition().getReason()).isEqualTo("EmergencyBypass");
    assertThat(bypass.warning()).as("a Warning event").isTrue();
    assertThat(bypass.transition().getMessage()).contains("shop/search (Observing)").contains("cools down")
        .contains(FREEZE).contains("canary and the analysis still run");
    assertThat(bypass.effects()).isEmpty();
    assertThat(bypass.requeueAfter()).isEqualTo(Duration.ZERO);

    Decision started = decide(spec, bypass.status(), world.at(at(s(1))));
    assertThat(started.status().getPhase()).as("still through the canary").isEqualTo(Phase.Canary);
    assertThat(started.effects()).containsExactly(Effect.SAVE_STABLE_TEMPLATE, Effect.APPLY_CANARY);
    assertThat(started.transition().getMessage()).startsWith("EMERGENCY: launching revision");
  }

  @Test
  void emergencyStillRunsThePreflightAndOwesThePostmortem() {
    LaunchPlanSpec spec = spec();
    spec.setEmergency(true);
    LaunchPlanStatus owed = status(Phase.Pending, T0);
    owed.setLastRevertedRevision("0000000000");

    Decision error = decide(spec, null, pending(T0).analysis(Fixtures.error()));
    Decision postmortem = decide(spec, owed, pending(T0));

    assertThat(error.status().getReason()).isEqualTo("AnalysisError");
    assertThat(postmortem.status().getReason()).isEqualTo("PostmortemRequired");
  }

  @Test
  void emergencyLaunchInFlightGoesOnThroughAFreezeButNotThroughTheAnalysis() {
    LaunchPlanSpec spec = spec();
    spec.setEmergency(true);

    Decision frozen = decide(spec, status(Phase.Observing, T0), world(Phase.Observing, at(s(30))).freeze(FREEZE));
    Decision firing = decide(spec, status(Phase.Observing, T0),
        world(Phase.Observing, at(s(30))).freeze(FREEZE).analysis(Fixtures.revert()));
    Decision pausing = decide(spec, status(Phase.Observing, T0), world(Phase.Observing, at(s(30))).analysis(Fixtures.pause()));

    assertThat(frozen.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(frozen.transition()).isNull();
    assertThat(firing.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(pausing.status().getPhase()).isEqualTo(Phase.Paused);
  }

  @Test
  void lastHistoryEntryIsTheTransition() {
    Decision d = decide(spec(), null, pending(T0).lane(lane(running("search"))));

    assertThat(Fixtures.json(last(d))).isEqualTo(Fixtures.json(d.transition()));
  }
}
