package io.launchplan.launch;

import static io.launchplan.launch.Fixtures.CANARY_OBSERVE;
import static io.launchplan.launch.Fixtures.EDITED;
import static io.launchplan.launch.Fixtures.FREEZE;
import static io.launchplan.launch.Fixtures.NEXT_REV;
import static io.launchplan.launch.Fixtures.PATCHED;
import static io.launchplan.launch.Fixtures.REV;
import static io.launchplan.launch.Fixtures.ROLLOUT_OBSERVE;
import static io.launchplan.launch.Fixtures.STABLE;
import static io.launchplan.launch.Fixtures.T0;
import static io.launchplan.launch.Fixtures.at;
import static io.launchplan.launch.Fixtures.editedTarget;
import static io.launchplan.launch.Fixtures.error;
import static io.launchplan.launch.Fixtures.json;
import static io.launchplan.launch.Fixtures.pass;
import static io.launchplan.launch.Fixtures.patchedTarget;
import static io.launchplan.launch.Fixtures.pause;
import static io.launchplan.launch.Fixtures.paused;
import static io.launchplan.launch.Fixtures.pausedSpec;
import static io.launchplan.launch.Fixtures.readyCanary;
import static io.launchplan.launch.Fixtures.revert;
import static io.launchplan.launch.Fixtures.s;
import static io.launchplan.launch.Fixtures.spec;
import static io.launchplan.launch.Fixtures.specRevertingOnError;
import static io.launchplan.launch.Fixtures.specWithoutChecks;
import static io.launchplan.launch.Fixtures.stableTarget;
import static io.launchplan.launch.Fixtures.status;
import static io.launchplan.launch.Fixtures.world;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.launch.Fixtures.World;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The launch state machine, one test per transition of the diagram in {@link LaunchDecider}, plus
 * the edge cases a restart or a busy cluster produces. The clock is an explicit {@link Instant}.
 */
class LaunchDeciderTest {
  private final LaunchDecider decider = new LaunchDecider();

  private Decision decide(LaunchPlanSpec spec, LaunchPlanStatus status, World world) {
    return decider.decide(spec, status, world.observe());
  }

  // ---------------------------------------------------------------- Pending

  @Test
  void newPlanStartsCanary() {
    Decision d = decide(spec(), null, new World(T0).target(stableTarget()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(d.status().getRevision()).isEqualTo(REV);
    assertThat(d.status().getStableRevision()).isEqualTo(STABLE);
    assertThat(d.status().getPhaseStartedAt()).isEqualTo(T0.toString());
    assertThat(d.status().getLaunchStartedAt()).isEqualTo(T0.toString());
    assertThat(d.effects()).containsExactly(Effect.SAVE_STABLE_TEMPLATE, Effect.APPLY_CANARY);
    assertThat(d.transition().getReason()).isEqualTo("LaunchStarted");
    assertThat(d.warning()).isFalse();
    assertThat(d.requeueAfter()).isNotNull();
  }

  @Test
  void pendingLaunchForgetsThePreviousLaunchsLeftovers() {
    LaunchPlanStatus old = status(Phase.Pending, T0.minusSeconds(60));
    old.setTargetTemplateHash(PATCHED);
    old.setPausedFrom(Phase.Observing);
    old.setRevertDecidedAt(T0.minusSeconds(600).toString());
    old.setLastAnalysisAt(T0.minusSeconds(600).toString());

    Decision d = decide(spec(), old, new World(T0).target(stableTarget()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(d.status().getTargetTemplateHash()).isNull();
    assertThat(d.status().getPausedFrom()).isNull();
    assertThat(d.status().getRevertDecidedAt()).isNull();
    assertThat(d.status().getLastAnalysisAt()).isNull();
  }

  @Test
  void freezeKeepsNewLaunchPending() {
    Decision first = decide(spec(), null, new World(T0).target(stableTarget()).freeze(FREEZE));

    assertThat(first.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(first.status().getReason()).isEqualTo("Frozen");
    assertThat(first.status().getMessage()).contains(FREEZE);
    assertThat(first.effects()).isEmpty();
    assertThat(first.requeueAfter()).isNotNull();

    Decision again = decide(spec(), first.status(), new World(at(s(30))).target(stableTarget()).freeze(FREEZE));
    assertThat(again.transition()).as("the same reason is recorded once").isNull();
    assertThat(again.effects()).isEmpty();

    Decision thawed = decide(spec(), again.status(), new World(at(s(60))).target(stableTarget()));
    assertThat(thawed.status().getPhase()).isEqualTo(Phase.Canary);
  }

  @Test
  void specPausedKeepsNewLaunchPending() {
    Decision d = decide(pausedSpec(), null, new World(T0).target(stableTarget()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(d.status().getReason()).isEqualTo("ManualPause");
    assertThat(d.effects()).isEmpty();
    assertThat(d.warning()).isFalse();
  }

  @Test
  void targetMissingKeepsPending() {
    Decision d = decide(spec(), null, new World(T0));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(d.status().getReason()).isEqualTo("TargetNotFound");
    assertThat(d.status().getMessage()).contains(Fixtures.TARGET);
    assertThat(d.effects()).isEmpty();
    assertThat(d.warning()).isTrue();
    assertThat(d.requeueAfter()).isNotNull();
  }

  @Test
  void targetScaledToZeroKeepsPending() {
    Decision d = decide(spec(), null, new World(T0).target(new TargetView(0, STABLE, null, true, false)));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(d.status().getReason()).isEqualTo("TargetScaledToZero");
    assertThat(d.effects()).isEmpty();
    assertThat(d.warning()).isTrue();
  }

  @Test
  void invalidSpecKeepsPendingWithWarning() {
    String problem = "container \"ap\" is not in Deployment checkout (containers: app)";

    Decision d = decide(spec(), null, new World(T0).target(stableTarget()).specError(problem));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(d.status().getReason()).isEqualTo("InvalidSpec");
    assertThat(d.status().getMessage()).isEqualTo(problem);
    assertThat(d.effects()).isEmpty();
    assertThat(d.warning()).isTrue();

    Decision again = decide(spec(), d.status(), new World(at(s(30))).target(stableTarget()).specError(problem));
    assertThat(again.transition()).isNull();
    assertThat(again.warning()).as("one Warning event, not one per reconcile").isFalse();
  }

  @Test
  void prometheusErrorKeepsNewLaunchPending() {
    // The reconciler runs the queries once before a launch (pre-flight): a query Prometheus
    // rejects must not start a launch that could never be judged.
    Decision d = decide(spec(), null, new World(T0).target(stableTarget()).analysis(error()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(d.status().getReason()).isEqualTo("AnalysisError");
    assertThat(d.status().getMessage()).contains("connection refused");
    assertThat(d.effects()).isEmpty();
    assertThat(d.warning()).isTrue();
  }

  @Test
  void alreadyLaunchedRevisionSucceedsAtOnce() {
    Decision d = decide(spec(), null, new World(T0).target(patchedTarget(true)));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Succeeded);
    assertThat(d.status().getReason()).isEqualTo("AlreadyLaunched");
    assertThat(d.effects()).isEmpty();
    assertThat(d.warning()).isFalse();
  }

  // ---------------------------------------------------------------- Canary

  @Test
  void canaryNotReadyYetWaits() {
    Decision d = decide(spec(), status(Phase.Canary, T0), world(Phase.Canary, at(s(20))));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(d.transition()).isNull();
    assertThat(d.effects()).isEmpty();
    assertThat(d.status().getCanary().getSummary()).isEqualTo("0/1");
    assertThat(d.requeueAfter()).isNotNull().isLessThanOrEqualTo(LaunchDecider.WAIT_POLL);
  }

  @Test
  void missingCanaryIsAppliedAgain() {
    Decision d = decide(spec(), status(Phase.Canary, T0), world(Phase.Canary, at(s(20))).canary(null));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(d.effects()).containsExactly(Effect.APPLY_CANARY);
  }

  @Test
  void canaryOfAnotherRevisionOrSizeIsAppliedAgain() {
    Decision otherRevision = decide(spec(), status(Phase.Canary, T0),
        world(Phase.Canary, at(s(20))).canary(new CanaryView(NEXT_REV, 1, 1)));
    Decision otherSize = decide(spec(), status(Phase.Canary, T0),
        world(Phase.Canary, at(s(20))).canary(new CanaryView(REV, 2, 2)));

    assertThat(otherRevision.effects()).containsExactly(Effect.APPLY_CANARY);
    assertThat(otherRevision.status().getPhase()).as("never observe a canary of another revision")
        .isEqualTo(Phase.Canary);
    assertThat(otherSize.effects()).containsExactly(Effect.APPLY_CANARY);
    assertThat(otherSize.status().getPhase()).isEqualTo(Phase.Canary);
  }

  @Test
  void canaryReadyStartsObservation() {
    Decision d = decide(spec(), status(Phase.Canary, T0), world(Phase.Canary, at(s(40))).canary(readyCanary()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(d.status().getReason()).isEqualTo("CanaryReady");
    assertThat(d.status().getPhaseStartedAt()).isEqualTo(at(s(40)).toString());
    assertThat(d.status().getCanary().getSummary()).isEqualTo("1/1");
    assertThat(d.effects()).isEmpty();
    assertThat(d.warning()).isFalse();
    assertThat(d.requeueAfter()).isNotNull().isLessThanOrEqualTo(CANARY_OBSERVE);
  }

  @Test
  void canaryGetsTenMinutesToBecomeReady() {
    Instant justBefore = T0.plus(LaunchDecider.CANARY_READY_TIMEOUT).minusSeconds(1);

    Decision d = decide(spec(), status(Phase.Canary, T0), world(Phase.Canary, justBefore));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Canary);
  }

  @Test
  void canaryNotReadyInTimeReverts() {
    Instant timeout = T0.plus(LaunchDecider.CANARY_READY_TIMEOUT);

    Decision d = decide(spec(), status(Phase.Canary, T0), world(Phase.Canary, timeout));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(d.status().getReason()).isEqualTo("CanaryNotReady");
    assertThat(d.status().getRevertDecidedAt()).isEqualTo(timeout.toString());
    assertThat(d.effects()).containsExactly(Effect.DELETE_CANARY);
    assertThat(d.warning()).isTrue();
  }

  // ---------------------------------------------------------------- Observing

  @Test
  void observationWindowNotOverDoesNotPromote() {
    Decision d = decide(spec(), status(Phase.Observing, T0), world(Phase.Observing, at(s(60))).analysis(pass()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(d.transition()).isNull();
    assertThat(d.effects()).doesNotContain(Effect.PATCH_TARGET);
    assertThat(d.requeueAfter()).isNotNull().isLessThanOrEqualTo(s(60));
    assertThat(d.status().getLastAnalysisAt()).isEqualTo(at(s(60)).toString());
  }

  @Test
  void observationWindowEndsWithPassingTickPromotes() {
    Decision d = decide(spec(), status(Phase.Observing, T0), world(Phase.Observing, T0.plus(CANARY_OBSERVE))
        .analysis(pass()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.RollingOut);
    assertThat(d.status().getReason()).isEqualTo("Promoted");
    assertThat(d.status().getPhaseStartedAt()).isEqualTo(T0.plus(CANARY_OBSERVE).toString());
    assertThat(d.effects()).containsExactly(Effect.PATCH_TARGET);
    assertThat(d.requeueAfter()).isNotNull();
  }

  @Test
  void promotionNeedsAFreshPassingTick() {
    LaunchPlanStatus observing = status(Phase.Observing, T0);
    observing.setLastAnalysisAt(at(s(115)).toString());
    Instant windowEnd = T0.plus(CANARY_OBSERVE);

    Decision noTick = decide(spec(), observing, world(Phase.Observing, windowEnd));

    assertThat(noTick.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(noTick.effects()).isEmpty();
    assertThat(noTick.requeueAfter()).isNotNull();
    assertThat(LaunchDecider.analysisDue(spec(), observing, windowEnd, 0))
        .as("the reconciler runs the deciding tick at once").isTrue();

    Decision tick = decide(spec(), noTick.status(), world(Phase.Observing, windowEnd).analysis(pass()));
    assertThat(tick.status().getPhase()).isEqualTo(Phase.RollingOut);
    assertThat(tick.effects()).containsExactly(Effect.PATCH_TARGET);
  }

  @Test
  void noChecksPromotesWhenWindowEnds() {
    Decision early = decide(specWithoutChecks(), status(Phase.Observing, T0),
        world(Phase.Observing, T0.plus(CANARY_OBSERVE).minusMillis(1)));
    Decision onTime = decide(specWithoutChecks(), status(Phase.Observing, T0),
        world(Phase.Observing, T0.plus(CANARY_OBSERVE)));

    assertThat(early.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(early.requeueAfter()).isEqualTo(Duration.ofMillis(1));
    assertThat(onTime.status().getPhase()).isEqualTo(Phase.RollingOut);
    assertThat(onTime.effects()).containsExactly(Effect.PATCH_TARGET);
  }

  @Test
  void canaryLostDuringObservationIsRecreated() {
    Decision d = decide(spec(), status(Phase.Observing, T0), world(Phase.Observing, at(s(30))).canary(null));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(d.status().getReason()).isEqualTo("CanaryLost");
    assertThat(d.effects()).containsExactly(Effect.APPLY_CANARY);
    assertThat(d.warning()).isTrue();
  }

  // ---------------------------------------------------------------- RollingOut and Verifying

  @Test
  void rollingOutWaitsForTheDeployment() {
    Decision d = decide(spec(), status(Phase.RollingOut, T0), world(Phase.RollingOut, at(s(5))));

    assertThat(d.status().getPhase()).isEqualTo(Phase.RollingOut);
    assertThat(d.transition()).isNull();
    assertThat(d.effects()).isEmpty();
    assertThat(d.requeueAfter()).isNotNull().isLessThanOrEqualTo(LaunchDecider.WAIT_POLL);
  }

  @Test
  void rollingOutAppliesThePatchWhileTheTargetDoesNotCarryIt() {
    LaunchPlanStatus rollingOut = status(Phase.RollingOut, T0);
    rollingOut.setTargetTemplateHash(null);

    Decision d = decide(spec(), rollingOut, world(Phase.RollingOut, at(s(5))).target(stableTarget()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.RollingOut);
    assertThat(d.effects()).containsExactly(Effect.PATCH_TARGET);
  }

  @Test
  void rolloutCompleteDeletesCanaryAndVerifies() {
    Decision d = decide(spec(), status(Phase.RollingOut, T0),
        world(Phase.RollingOut, at(s(90))).target(patchedTarget(true)));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Verifying);
    assertThat(d.status().getReason()).isEqualTo("RolledOut");
    assertThat(d.status().getPhaseStartedAt()).isEqualTo(at(s(90)).toString());
    assertThat(d.status().getCanary()).isNull();
    assertThat(d.effects()).containsExactly(Effect.DELETE_CANARY);
    assertThat(d.requeueAfter()).isNotNull().isLessThanOrEqualTo(ROLLOUT_OBSERVE);
  }

  @Test
  void verificationWindowNotOverDoesNotSucceed() {
    Decision d = decide(spec(), status(Phase.Verifying, T0), world(Phase.Verifying, at(s(299))).analysis(pass()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Verifying);
    assertThat(d.transition()).isNull();
    assertThat(d.requeueAfter()).isNotNull().isLessThanOrEqualTo(s(1));
  }

  @Test
  void verificationEndsWithPassingTickSucceeds() {
    Instant windowEnd = T0.plus(ROLLOUT_OBSERVE);

    Decision noTick = decide(spec(), status(Phase.Verifying, T0), world(Phase.Verifying, windowEnd));
    Decision tick = decide(spec(), status(Phase.Verifying, T0), world(Phase.Verifying, windowEnd).analysis(pass()));

    assertThat(noTick.status().getPhase()).as("never succeed without data").isEqualTo(Phase.Verifying);
    assertThat(tick.status().getPhase()).isEqualTo(Phase.Succeeded);
    assertThat(tick.status().getReason()).isEqualTo("Verified");
    assertThat(tick.effects()).isEmpty();
    assertThat(tick.warning()).isFalse();
  }

  @Test
  void noChecksSucceedsWhenVerificationWindowEnds() {
    Decision d = decide(specWithoutChecks(), status(Phase.Verifying, T0),
        world(Phase.Verifying, T0.plus(ROLLOUT_OBSERVE)));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Succeeded);
  }

  @Test
  void verifyingDeletesALeftoverCanary() {
    Decision d = decide(spec(), status(Phase.Verifying, T0), world(Phase.Verifying, at(s(10))).canary(readyCanary()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Verifying);
    assertThat(d.effects()).containsExactly(Effect.DELETE_CANARY);
  }

  // ---------------------------------------------------------------- Revert signals

  @Test
  void firingRevertQueryRevertsDuringRollout() {
    Decision d = decide(spec(), status(Phase.RollingOut, T0), world(Phase.RollingOut, at(s(20))).analysis(revert()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(d.status().getReason()).isEqualTo("AnalysisRevert");
    assertThat(d.status().getMessage()).contains("canary-5xx");
    assertThat(d.status().getRevertDecidedAt()).isEqualTo(at(s(20)).toString());
    assertThat(d.effects()).as("the canary goes first, then the target is restored in the same step")
        .containsExactly(Effect.DELETE_CANARY, Effect.RESTORE_TARGET);
    assertThat(d.warning()).isTrue();
    assertThat(d.requeueAfter()).isNotNull();
  }

  /** A launch in each phase a signal can stop, and what undoing it takes. */
  static Stream<Arguments> inFlight() {
    return Stream.of(
        arguments("Canary", status(Phase.Canary, T0), Phase.Canary, List.of(Effect.DELETE_CANARY)),
        arguments("Observing", status(Phase.Observing, T0), Phase.Observing, List.of(Effect.DELETE_CANARY)),
        arguments("RollingOut", status(Phase.RollingOut, T0), Phase.RollingOut,
            List.of(Effect.DELETE_CANARY, Effect.RESTORE_TARGET)),
        arguments("Verifying", status(Phase.Verifying, T0), Phase.Verifying, List.of(Effect.RESTORE_TARGET)),
        arguments("Paused from Observing", paused(Phase.Observing, "ManualPause", T0), Phase.Observing,
            List.of(Effect.DELETE_CANARY)),
        arguments("Paused from RollingOut", paused(Phase.RollingOut, "ManualPause", T0), Phase.RollingOut,
            List.of(Effect.DELETE_CANARY, Effect.RESTORE_TARGET)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inFlight")
  void firingRevertQueryRevertsInEveryActivePhase(String name, LaunchPlanStatus status, Phase worldOf,
      List<Effect> effects) {
    Decision d = decide(spec(), status, world(worldOf, at(s(20))).analysis(revert()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(d.status().getReason()).isEqualTo("AnalysisRevert");
    assertThat(d.status().getPausedFrom()).isNull();
    assertThat(d.effects()).containsExactlyElementsOf(effects);
    assertThat(d.warning()).isTrue();
  }

  @Test
  void prometheusErrorRevertsWhenOnErrorRevert() {
    Decision d = decide(specRevertingOnError(), status(Phase.Observing, T0),
        world(Phase.Observing, at(s(20))).analysis(error()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(d.status().getReason()).isEqualTo("AnalysisError");
    assertThat(d.status().getMessage()).contains("connection refused");
    assertThat(d.effects()).containsExactly(Effect.DELETE_CANARY);
    assertThat(d.warning()).isTrue();
  }

  @Test
  void revertSignalWinsWhilePaused() {
    LaunchPlanStatus frozen = paused(Phase.Observing, "Frozen", T0);
    LaunchPlanStatus manual = paused(Phase.Observing, "ManualPause", T0);

    Decision whileFrozen = decide(spec(), frozen, world(Phase.Observing, at(s(30))).freeze(FREEZE).analysis(revert()));
    Decision whilePaused = decide(pausedSpec(), manual, world(Phase.Observing, at(s(30))).analysis(revert()));

    for (Decision d : List.of(whileFrozen, whilePaused)) {
      assertThat(d.status().getPhase()).isEqualTo(Phase.Reverting);
      assertThat(d.status().getReason()).isEqualTo("AnalysisRevert");
      assertThat(d.status().getPausedFrom()).isNull();
      assertThat(d.effects()).containsExactly(Effect.DELETE_CANARY);
    }
  }

  // ---------------------------------------------------------------- Paused

  static Stream<Arguments> pauseCausesInEveryActivePhase() {
    List<Arguments> rows = new ArrayList<>();
    for (Phase phase : List.of(Phase.Canary, Phase.Observing, Phase.RollingOut, Phase.Verifying)) {
      rows.add(arguments(phase, "ManualPause", pausedSpec(), world(phase, at(s(30))), false));
      rows.add(arguments(phase, "Frozen", spec(), world(phase, at(s(30))).freeze(FREEZE), false));
      rows.add(arguments(phase, "AnalysisPause", spec(), world(phase, at(s(30))).analysis(pause()), true));
      rows.add(arguments(phase, "AnalysisError", spec(), world(phase, at(s(30))).analysis(error()), true));
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} paused by {1}")
  @MethodSource("pauseCausesInEveryActivePhase")
  void pauseCauseHoldsTheLaunchWhereItStands(Phase phase, String reason, LaunchPlanSpec spec, World world,
      boolean bad) {
    Decision d = decide(spec, status(phase, T0), world);

    assertThat(d.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(d.status().getPausedFrom()).isEqualTo(phase);
    assertThat(d.status().getReason()).isEqualTo(reason);
    assertThat(d.status().getPhaseStartedAt()).isEqualTo(at(s(30)).toString());
    assertThat(d.effects()).as("a pause leaves the cluster as it is").isEmpty();
    assertThat(d.warning()).isEqualTo(bad);
    assertThat(d.requeueAfter()).isNotNull();
  }

  static Stream<Phase> resumablePhases() {
    return Stream.of(Phase.Canary, Phase.Observing, Phase.RollingOut, Phase.Verifying);
  }

  @ParameterizedTest
  @MethodSource("resumablePhases")
  void pausedLaunchResumesWhereItStood(Phase from) {
    Decision d = decide(spec(), paused(from, "ManualPause", T0), world(from, at(s(600))));

    assertThat(d.status().getPhase()).isEqualTo(from);
    assertThat(d.status().getReason()).isEqualTo("Resumed");
    assertThat(d.status().getPausedFrom()).isNull();
    assertThat(d.status().getPhaseStartedAt()).as("a fresh window").isEqualTo(at(s(600)).toString());
    assertThat(d.effects()).isEmpty();
    assertThat(d.requeueAfter()).isEqualTo(Duration.ZERO);
  }

  @Test
  void pauseQueryPausesAndClearsResumesWithFreshWindow() {
    Decision paused = decide(spec(), status(Phase.Observing, T0), world(Phase.Observing, at(s(60))).analysis(pause()));
    assertThat(paused.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(paused.status().getReason()).isEqualTo("AnalysisPause");
    assertThat(paused.status().getPausedFrom()).isEqualTo(Phase.Observing);
    assertThat(paused.warning()).isTrue();

    Decision noTick = decide(spec(), paused.status(), world(Phase.Observing, at(s(65))));
    assertThat(noTick.status().getPhase()).as("held until a tick passes").isEqualTo(Phase.Paused);
    assertThat(noTick.transition()).isNull();

    Decision stillFiring = decide(spec(), noTick.status(), world(Phase.Observing, at(s(70))).analysis(pause()));
    assertThat(stillFiring.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(stillFiring.transition()).isNull();
    assertThat(stillFiring.status().getPhaseStartedAt()).isEqualTo(at(s(60)).toString());

    Decision cleared = decide(spec(), stillFiring.status(), world(Phase.Observing, at(s(80))).analysis(pass()));
    assertThat(cleared.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(cleared.status().getReason()).isEqualTo("Resumed");
    assertThat(cleared.status().getPhaseStartedAt()).isEqualTo(at(s(80)).toString());

    Instant oldWindowEnd = T0.plus(CANARY_OBSERVE).plusSeconds(10);
    Decision afterOldWindow = decide(spec(), cleared.status(), world(Phase.Observing, oldWindowEnd).analysis(pass()));
    assertThat(afterOldWindow.status().getPhase()).as("the window restarted on resume").isEqualTo(Phase.Observing);
    assertThat(afterOldWindow.effects()).doesNotContain(Effect.PATCH_TARGET);

    Decision afterNewWindow = decide(spec(), afterOldWindow.status(),
        world(Phase.Observing, at(s(80)).plus(CANARY_OBSERVE)).analysis(pass()));
    assertThat(afterNewWindow.status().getPhase()).isEqualTo(Phase.RollingOut);
  }

  @Test
  void specPausedPausesAndRemovalResumes() {
    Decision paused = decide(pausedSpec(), status(Phase.Verifying, T0), world(Phase.Verifying, at(s(60))));
    assertThat(paused.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(paused.status().getReason()).isEqualTo("ManualPause");
    assertThat(paused.warning()).isFalse();

    Decision stillPaused = decide(pausedSpec(), paused.status(), world(Phase.Verifying, T0.plus(ROLLOUT_OBSERVE))
        .analysis(pass()));
    assertThat(stillPaused.status().getPhase()).as("a paused launch never finishes").isEqualTo(Phase.Paused);
    assertThat(stillPaused.transition()).isNull();

    Decision resumed = decide(spec(), stillPaused.status(), world(Phase.Verifying, at(s(600))));
    assertThat(resumed.status().getPhase()).isEqualTo(Phase.Verifying);
    assertThat(resumed.status().getPhaseStartedAt()).isEqualTo(at(s(600)).toString());
  }

  @Test
  void freezePausesInFlightLaunch() {
    Decision frozen = decide(spec(), status(Phase.Observing, T0), world(Phase.Observing, at(s(30))).freeze(FREEZE));
    assertThat(frozen.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(frozen.status().getReason()).isEqualTo("Frozen");
    assertThat(frozen.status().getMessage()).contains(FREEZE);
    assertThat(frozen.effects()).isEmpty();

    Decision stillFrozen = decide(spec(), frozen.status(),
        world(Phase.Observing, at(s(300))).freeze(FREEZE).analysis(pass()));
    assertThat(stillFrozen.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(stillFrozen.transition()).isNull();
    assertThat(stillFrozen.effects()).doesNotContain(Effect.PATCH_TARGET);

    Decision thawed = decide(spec(), stillFrozen.status(), world(Phase.Observing, at(s(310))));
    assertThat(thawed.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(thawed.status().getPhaseStartedAt()).isEqualTo(at(s(310)).toString());
  }

  @Test
  void prometheusErrorPausesByDefault() {
    Decision d = decide(spec(), status(Phase.Observing, T0), world(Phase.Observing, T0.plus(CANARY_OBSERVE))
        .analysis(error()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(d.status().getReason()).isEqualTo("AnalysisError");
    assertThat(d.status().getMessage()).contains("connection refused");
    assertThat(d.effects()).as("never promote without data").isEmpty();
    assertThat(d.warning()).isTrue();

    Decision noTick = decide(spec(), d.status(), world(Phase.Observing, T0.plus(CANARY_OBSERVE).plusSeconds(5)));
    assertThat(noTick.status().getPhase()).isEqualTo(Phase.Paused);
  }

  @Test
  void analysisPauseLiftsWhenTheChecksAreRemoved() {
    // Nothing would ever run a tick again to clear it: the plan must not stay paused for ever.
    Decision d = decide(specWithoutChecks(), paused(Phase.Observing, "AnalysisPause", T0),
        world(Phase.Observing, at(s(30))));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Observing);
  }

  @Test
  void targetEditedBySomeoneElsePauses() {
    Decision beforeRollout = decide(spec(), status(Phase.Observing, T0),
        world(Phase.Observing, at(s(30))).target(editedTarget()));
    Decision afterRollout = decide(spec(), status(Phase.Verifying, T0),
        world(Phase.Verifying, at(s(30))).target(new TargetView(3, EDITED, REV, true, false)));

    for (Decision d : List.of(beforeRollout, afterRollout)) {
      assertThat(d.status().getPhase()).isEqualTo(Phase.Paused);
      assertThat(d.status().getReason()).isEqualTo("TargetModified");
      assertThat(d.effects()).as("the Deployment is left as it is").isEmpty();
      assertThat(d.warning()).isTrue();
    }
  }

  @Test
  void aPausedTargetHoldsRollingOutAndSaysSo() {
    Decision d = decide(spec(), status(Phase.RollingOut, T0),
        world(Phase.RollingOut, at(s(30))).target(new TargetView(3, PATCHED, REV, false, true)));

    assertThat(d.status().getPhase()).isEqualTo(Phase.RollingOut);
    assertThat(d.status().getReason()).isEqualTo("TargetPaused");
    assertThat(d.status().getMessage()).contains("Deployment checkout is paused").contains("kubectl rollout resume");
    assertThat(d.warning()).isTrue();
    assertThat(d.effects()).as("nothing to do but wait for the resume").isEmpty();
    assertThat(d.requeueAfter()).isNotNull();
  }

  @Test
  void aPausedTargetRolledOutAlreadyIsNotHeld() {
    Decision d = decide(spec(), status(Phase.RollingOut, T0),
        world(Phase.RollingOut, at(s(30))).target(new TargetView(3, PATCHED, REV, true, true)));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Verifying);
  }

  @Test
  void aPausedTargetKeepsANewLaunchPending() {
    Decision d = decide(spec(), null, new World(T0).target(new TargetView(3, STABLE, null, true, true)));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(d.status().getReason()).isEqualTo("TargetPaused");
    assertThat(d.effects()).as("no canary, no stable template: nothing changes").isEmpty();
    assertThat(d.warning()).isTrue();
  }

  @Test
  void targetDeletedOrScaledToZeroDuringLaunchPauses() {
    Decision gone = decide(spec(), status(Phase.Observing, T0), world(Phase.Observing, at(s(30))).target(null));
    Decision zero = decide(spec(), status(Phase.RollingOut, T0),
        world(Phase.RollingOut, at(s(30))).target(new TargetView(0, PATCHED, REV, true, false)));

    assertThat(gone.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(gone.status().getReason()).isEqualTo("TargetNotFound");
    assertThat(gone.effects()).isEmpty();
    assertThat(zero.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(zero.status().getReason()).isEqualTo("TargetScaledToZero");
    assertThat(zero.effects()).isEmpty();
  }

  // ---------------------------------------------------------------- New revisions

  @Test
  void newRevisionDuringCanarySupersedes() {
    Decision superseded = decide(spec(), status(Phase.Canary, T0),
        world(Phase.Canary, at(s(20))).revision(NEXT_REV));
    assertThat(superseded.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(superseded.status().getReason()).isEqualTo("Superseded");
    assertThat(superseded.status().getRevision()).as("still undoing the old one").isEqualTo(REV);
    assertThat(superseded.effects()).containsExactly(Effect.DELETE_CANARY);
    assertThat(superseded.warning()).isFalse();

    Decision canaryStillThere = decide(spec(), superseded.status(),
        world(Phase.Canary, at(s(21))).revision(NEXT_REV));
    assertThat(canaryStillThere.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(canaryStillThere.effects()).containsExactly(Effect.DELETE_CANARY);

    Decision undone = decide(spec(), canaryStillThere.status(),
        new World(at(s(25))).target(stableTarget()).revision(NEXT_REV));
    assertThat(undone.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(undone.status().getReason()).isEqualTo("Superseded");
    assertThat(undone.requeueAfter()).isEqualTo(Duration.ZERO);

    Decision next = decide(spec(), undone.status(), new World(at(s(25))).target(stableTarget()).revision(NEXT_REV));
    assertThat(next.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(next.status().getRevision()).isEqualTo(NEXT_REV);
    assertThat(next.status().getStableRevision()).isEqualTo(STABLE);
  }

  @Test
  void newRevisionDuringRolloutRestoresTargetFirst() {
    Decision superseded = decide(spec(), status(Phase.RollingOut, T0),
        world(Phase.RollingOut, at(s(20))).revision(NEXT_REV));
    assertThat(superseded.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(superseded.status().getReason()).isEqualTo("Superseded");
    assertThat(superseded.effects()).containsExactly(Effect.DELETE_CANARY, Effect.RESTORE_TARGET);

    Decision stillPatched = decide(spec(), superseded.status(),
        new World(at(s(22))).target(patchedTarget(true)).revision(NEXT_REV));
    assertThat(stillPatched.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(stillPatched.effects()).containsExactly(Effect.RESTORE_TARGET);

    Decision rollingBack = decide(spec(), stillPatched.status(),
        new World(at(s(25))).target(new TargetView(3, STABLE, null, false, false)).revision(NEXT_REV));
    assertThat(rollingBack.status().getPhase()).as("wait until the stable pods are back").isEqualTo(Phase.Reverting);
    assertThat(rollingBack.effects()).isEmpty();

    Decision undone = decide(spec(), rollingBack.status(),
        new World(at(s(40))).target(stableTarget()).revision(NEXT_REV));
    assertThat(undone.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(undone.status().getReason()).isEqualTo("Superseded");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inFlight")
  void newRevisionSupersedesEveryActivePhase(String name, LaunchPlanStatus status, Phase worldOf,
      List<Effect> effects) {
    Decision d = decide(spec(), status, world(worldOf, at(s(20))).revision(NEXT_REV));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(d.status().getReason()).isEqualTo("Superseded");
    assertThat(d.status().getPausedFrom()).isNull();
    assertThat(d.effects()).containsExactlyElementsOf(effects);
  }

  // ---------------------------------------------------------------- Reverting and the ends

  @Test
  void revertingEndsRevertedOnceTheTargetIsBack() {
    LaunchPlanStatus reverting = status(Phase.Reverting, T0);
    reverting.setMessage("query canary-5xx fired (value 0.2)");

    Decision restoring = decide(spec(), reverting, new World(at(s(1))).target(patchedTarget(true)).canary(readyCanary()));
    assertThat(restoring.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(restoring.effects()).containsExactly(Effect.DELETE_CANARY, Effect.RESTORE_TARGET);
    assertThat(restoring.transition()).isNull();

    Decision back = decide(spec(), restoring.status(), new World(at(s(30))).target(stableTarget()));
    assertThat(back.status().getPhase()).isEqualTo(Phase.Reverted);
    assertThat(back.status().getReason()).isEqualTo("AnalysisRevert");
    assertThat(back.status().getMessage()).contains(STABLE).contains("canary-5xx");
    assertThat(back.effects()).isEmpty();
    assertThat(back.warning()).isTrue();
  }

  @Test
  void revertingWithTheTargetGoneEndsReverted() {
    Decision d = decide(spec(), status(Phase.Reverting, T0), new World(at(s(5))));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Reverted);
    assertThat(d.effects()).isEmpty();
  }

  @Test
  void revertedPlanWaitsForANewRevision() {
    Decision same = decide(spec(), status(Phase.Reverted, T0), new World(at(s(3600))).target(stableTarget()));

    assertThat(same.status().getPhase()).isEqualTo(Phase.Reverted);
    assertThat(same.transition()).isNull();
    assertThat(same.effects()).isEmpty();
    assertThat(same.requeueAfter()).isNull();

    Decision next = decide(spec(), status(Phase.Reverted, T0),
        new World(at(s(3600))).target(stableTarget()).revision(NEXT_REV));
    assertThat(next.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(next.status().getReason()).isEqualTo("NewRevision");
    assertThat(next.effects()).isEmpty();
  }

  @Test
  void succeededPlanStartsAgainOnNewRevision() {
    Decision same = decide(spec(), status(Phase.Succeeded, T0), new World(at(s(60))).target(patchedTarget(true)));
    assertThat(same.transition()).isNull();
    assertThat(same.effects()).isEmpty();

    Decision pending = decide(spec(), status(Phase.Succeeded, T0),
        new World(at(s(60))).target(patchedTarget(true)).revision(NEXT_REV));
    assertThat(pending.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(pending.status().getReason()).isEqualTo("NewRevision");
    assertThat(pending.requeueAfter()).isEqualTo(Duration.ZERO);

    Decision canary = decide(spec(), pending.status(),
        new World(at(s(60))).target(patchedTarget(true)).revision(NEXT_REV));
    assertThat(canary.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(canary.status().getRevision()).isEqualTo(NEXT_REV);
    assertThat(canary.status().getStableRevision()).as("the succeeded launch is the new stable").isEqualTo(PATCHED);
  }

  // ---------------------------------------------------------------- History

  @Test
  void transitionIsAppendedToHistory() {
    Decision d = decide(spec(), status(Phase.Canary, T0), world(Phase.Canary, at(s(40))).canary(readyCanary()));

    HistoryEntry last = d.status().getHistory().get(d.status().getHistory().size() - 1);
    assertThat(json(last)).isEqualTo(json(d.transition()));
    assertThat(last.getPhase()).isEqualTo(Phase.Observing);
    assertThat(last.getReason()).isEqualTo("CanaryReady");
    assertThat(last.getRevision()).isEqualTo(REV);
    assertThat(last.getAt()).isEqualTo(at(s(40)).toString());
  }

  @Test
  void historyIsBoundedAtFiftyEntries() {
    LaunchPlanStatus canary = status(Phase.Canary, T0);
    List<HistoryEntry> full = new ArrayList<>();
    for (int i = 0; i < Draft.HISTORY_LIMIT; i++) {
      full.add(new HistoryEntry(Phase.Paused, "entry-" + i, "old", REV, T0.minusSeconds(100 - i).toString()));
    }
    canary.setHistory(full);

    Decision d = decide(spec(), canary, world(Phase.Canary, at(s(40))).canary(readyCanary()));

    List<HistoryEntry> history = d.status().getHistory();
    assertThat(history).hasSize(50);
    assertThat(history.get(0).getReason()).as("the oldest entry goes").isEqualTo("entry-1");
    assertThat(history.get(49).getReason()).isEqualTo("CanaryReady");
  }

}
