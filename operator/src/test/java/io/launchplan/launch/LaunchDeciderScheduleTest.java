package io.launchplan.launch;

import static io.launchplan.launch.Fixtures.CANARY_OBSERVE;
import static io.launchplan.launch.Fixtures.FREEZE;
import static io.launchplan.launch.Fixtures.NEXT_REV;
import static io.launchplan.launch.Fixtures.PATCHED;
import static io.launchplan.launch.Fixtures.T0;
import static io.launchplan.launch.Fixtures.at;
import static io.launchplan.launch.Fixtures.json;
import static io.launchplan.launch.Fixtures.pass;
import static io.launchplan.launch.Fixtures.patchedTarget;
import static io.launchplan.launch.Fixtures.paused;
import static io.launchplan.launch.Fixtures.pausedSpec;
import static io.launchplan.launch.Fixtures.readyCanary;
import static io.launchplan.launch.Fixtures.revert;
import static io.launchplan.launch.Fixtures.s;
import static io.launchplan.launch.Fixtures.spec;
import static io.launchplan.launch.Fixtures.specWithoutChecks;
import static io.launchplan.launch.Fixtures.stableTarget;
import static io.launchplan.launch.Fixtures.startingCanary;
import static io.launchplan.launch.Fixtures.status;
import static io.launchplan.launch.Fixtures.world;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.launch.Fixtures.World;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When the decision runs again: after a restart (from status alone, without doing a step twice),
 * on a repeated reconcile (phase clocks never restart), at the wake-up it asked for, and whether an
 * analysis tick is due. The clock is an explicit {@link Instant}.
 */
class LaunchDeciderScheduleTest {
  private final LaunchDecider decider = new LaunchDecider();

  private Decision decide(LaunchPlanSpec spec, LaunchPlanStatus status, World world) {
    return decider.decide(spec, status, world.observe());
  }

  /** Everything a decision says, as text: the records inside have no equals. */
  private static String describe(Decision d) {
    return json(d.status()) + " effects=" + d.effects() + " requeueAfter=" + d.requeueAfter()
        + " transition=" + json(d.transition()) + " warning=" + d.warning();
  }

  // ---------------------------------------------------------------- Restarts

  @Test
  void restartAfterLaunchStartBeforeStatusWriteStartsTheSameLaunch() {
    // Pending decided LaunchStarted, the canary was applied, the status write was lost.
    Decision first = decide(spec(), null, new World(T0).target(stableTarget()));
    Decision again = decide(spec(), null, new World(at(s(2))).target(stableTarget()).canary(startingCanary()));

    assertThat(again.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(again.status().getStableRevision()).as("the target is untouched until the rollout")
        .isEqualTo(first.status().getStableRevision());
    assertThat(again.effects()).as("both are idempotent applies").containsExactlyElementsOf(first.effects());
  }

  @Test
  void restartAfterRevertBeforeStatusWriteNeverPatchesAgain() {
    // RollingOut decided AnalysisRevert, the canary was deleted and the target restored, the
    // status write was lost: the status still says RollingOut.
    LaunchPlanStatus rollingOut = status(Phase.RollingOut, T0);
    World restored = new World(at(s(20))).target(stableTarget());

    Decision noTick = decide(spec(), rollingOut, restored);
    Decision tick = decide(spec(), rollingOut, restored.analysis(revert()));

    assertThat(noTick.effects()).doesNotContain(Effect.PATCH_TARGET);
    assertThat(noTick.status().getPhase()).as("held, not promoted again").isEqualTo(Phase.Paused);
    assertThat(tick.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(tick.effects()).as("everything is already undone").isEmpty();
  }

  @Test
  void restartAfterRestoreBeforeStatusWriteFinishesTheRevert() {
    Decision d = decide(spec(), status(Phase.Reverting, T0), new World(at(s(20))).target(stableTarget()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Reverted);
    assertThat(d.effects()).isEmpty();
  }

  @Test
  void restartAfterPatchBeforeStatusWriteDoesNotPatchAgain() {
    // Observing decided Promoted, the patch landed, the operator died before writing RollingOut.
    LaunchPlanStatus observing = status(Phase.Observing, T0);
    World world = world(Phase.Observing, T0.plus(CANARY_OBSERVE).plusSeconds(3)).target(patchedTarget(false));

    Decision d = decide(spec(), observing, world.analysis(pass()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.RollingOut);
    assertThat(d.effects()).doesNotContain(Effect.PATCH_TARGET).isEmpty();
    assertThat(d.requeueAfter()).isNotNull();

    Decision next = decide(spec(), d.status(), world.at(T0.plus(CANARY_OBSERVE).plusSeconds(4)).analysis(null));
    assertThat(next.status().getPhase()).isEqualTo(Phase.RollingOut);
    assertThat(next.effects()).doesNotContain(Effect.PATCH_TARGET);
    assertThat(next.status().getTargetTemplateHash()).isEqualTo(PATCHED);
  }

  /** A plan standing in a phase, and the world in which it stays there. */
  record Standing(String name, LaunchPlanSpec spec, LaunchPlanStatus status, Phase worldOf, String freeze) {
    World world(Instant now) {
      return world(worldOf, now).freeze(freeze);
    }

    private static World world(Phase phase, Instant now) {
      return phase == Phase.Reverting
          ? new World(now).target(patchedTarget(true)).canary(readyCanary())
          : Fixtures.world(phase, now);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Standing> standingPlans() {
    LaunchPlanStatus frozenPending = status(Phase.Pending, T0);
    frozenPending.setReason("Frozen");
    return Stream.of(
        new Standing("Pending (frozen)", spec(), frozenPending, Phase.Pending, FREEZE),
        new Standing("Canary", spec(), status(Phase.Canary, T0), Phase.Canary, null),
        new Standing("Observing", spec(), status(Phase.Observing, T0), Phase.Observing, null),
        new Standing("RollingOut", spec(), status(Phase.RollingOut, T0), Phase.RollingOut, null),
        new Standing("Verifying", spec(), status(Phase.Verifying, T0), Phase.Verifying, null),
        new Standing("Paused", pausedSpec(), paused(Phase.Observing, "ManualPause", T0), Phase.Observing, null),
        new Standing("Reverting", spec(), status(Phase.Reverting, T0), Phase.Reverting, null),
        new Standing("Reverted", spec(), status(Phase.Reverted, T0), Phase.Pending, null),
        new Standing("Succeeded", spec(), status(Phase.Succeeded, T0), Phase.Verifying, null));
  }

  @ParameterizedTest
  @MethodSource("standingPlans")
  void restartDecidesTheSameTwice(Standing plan) {
    String input = json(plan.status());

    Decision first = decider.decide(plan.spec(), plan.status(), plan.world(at(s(30))).observe());
    Decision second = new LaunchDecider().decide(plan.spec(), plan.status(), plan.world(at(s(30))).observe());

    assertThat(describe(second)).isEqualTo(describe(first));
    assertThat(json(plan.status())).as("the input status is never modified").isEqualTo(input);
  }

  @ParameterizedTest
  @MethodSource("standingPlans")
  void repeatedDecisionInSamePhaseKeepsPhaseStartedAt(Standing plan) {
    Decision first = decider.decide(plan.spec(), plan.status(), plan.world(at(s(30))).observe());
    Decision second = decider.decide(plan.spec(), first.status(), plan.world(at(s(45))).observe());

    assertThat(first.status().getPhase()).isEqualTo(plan.status().getPhase());
    assertThat(first.transition()).isNull();
    assertThat(second.status().getPhase()).isEqualTo(plan.status().getPhase());
    assertThat(second.transition()).isNull();
    assertThat(second.status().getPhaseStartedAt()).isEqualTo(T0.toString());
    assertThat(json(second.status().getHistory())).isEqualTo(json(plan.status().getHistory()));
    assertThat(second.effects()).as("only idempotent re-applies repeat").isEqualTo(first.effects());
  }

  /** Transitions into a phase that waits on time or on the cluster, in a plan with no checks. */
  static Stream<Arguments> transitionsIntoWaitingPhases() {
    LaunchPlanSpec noChecks = specWithoutChecks();
    return Stream.of(
        arguments("Pending -> Canary", noChecks, null, new World(T0).target(stableTarget())),
        arguments("Canary -> Observing", noChecks, status(Phase.Canary, T0),
            world(Phase.Canary, at(s(30))).canary(readyCanary())),
        arguments("Observing -> RollingOut (promoted)", noChecks, status(Phase.Observing, T0),
            world(Phase.Observing, T0.plus(CANARY_OBSERVE))),
        arguments("Observing -> RollingOut (restart after patch)", noChecks, status(Phase.Observing, T0),
            world(Phase.Observing, at(s(30))).target(patchedTarget(true))),
        arguments("Observing -> Canary (canary lost)", noChecks, status(Phase.Observing, T0),
            world(Phase.Observing, at(s(30))).canary(null)),
        arguments("RollingOut -> Verifying", noChecks, status(Phase.RollingOut, T0),
            world(Phase.RollingOut, at(s(30))).target(patchedTarget(true))),
        arguments("Observing -> Paused", noChecks, status(Phase.Observing, T0),
            world(Phase.Observing, at(s(30))).freeze(FREEZE)),
        arguments("Paused -> Observing", noChecks, paused(Phase.Observing, "Frozen", T0),
            world(Phase.Observing, at(s(30)))),
        arguments("Observing -> Reverting", noChecks, status(Phase.Observing, T0),
            world(Phase.Observing, at(s(30))).revision(NEXT_REV)),
        arguments("Reverting -> Pending", noChecks, reverting("Superseded"),
            new World(at(s(30))).target(stableTarget()).revision(NEXT_REV)));
  }

  private static LaunchPlanStatus reverting(String reason) {
    LaunchPlanStatus s = status(Phase.Reverting, T0);
    s.setReason(reason);
    return s;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitionsIntoWaitingPhases")
  void everyTransitionIntoAWaitingPhaseSchedulesAWakeUp(String name, LaunchPlanSpec spec, LaunchPlanStatus status,
      World world) {
    Decision d = decide(spec, status, world);

    assertThat(d.transition()).as("a transition happened").isNotNull();
    assertThat(d.status().getPhase().isTerminal()).isFalse();
    assertThat(d.requeueAfter()).as("nothing else may wake it: watches do not see the clock").isNotNull();
    Instant windowEnd = LaunchDecider.windowEnd(spec, d.status());
    if (windowEnd != null) {
      assertThat(d.requeueAfter()).isLessThanOrEqualTo(Duration.between(world.observe().now(), windowEnd));
    }
  }

  // ---------------------------------------------------------------- analysisDue

  private static LaunchPlanStatus lastTick(LaunchPlanStatus status, Instant lastAnalysisAt) {
    status.setLastAnalysisAt(lastAnalysisAt == null ? null : lastAnalysisAt.toString());
    return status;
  }

  static Stream<Arguments> analysisDueCases() {
    LaunchPlanStatus pausedWithoutResume = paused(Phase.Observing, "ManualPause", T0);
    pausedWithoutResume.setPausedFrom(null);
    return Stream.of(
        arguments("first tick of a launch", spec(), lastTick(status(Phase.Canary, T0), null), at(s(1)), true),
        arguments("interval elapsed", spec(), lastTick(status(Phase.Observing, T0), at(s(20))), at(s(30)), true),
        arguments("interval not elapsed", spec(), lastTick(status(Phase.Observing, T0), at(s(20))), at(s(29)), false),
        arguments("a late tick is followed by the next one on schedule", spec(),
            lastTick(status(Phase.Observing, T0), at(s(21))), at(s(30)), true),
        arguments("a tick more than half an interval late skips one", spec(),
            lastTick(status(Phase.Observing, T0), at(s(26))), at(s(39)), false),
        arguments("... and runs at the one after", spec(),
            lastTick(status(Phase.Observing, T0), at(s(26))), at(s(40)), true),
        arguments("canary window ended after the last tick", spec(),
            lastTick(status(Phase.Observing, T0), at(s(115))), at(s(120)), true),
        arguments("canary window not over yet", spec(),
            lastTick(status(Phase.Observing, T0), at(s(111))), at(s(119)), false),
        arguments("canary window ended before the last tick", spec(),
            lastTick(status(Phase.Observing, T0), at(s(121))), at(s(125)), false),
        arguments("verification window ended after the last tick", spec(),
            lastTick(status(Phase.Verifying, T0), at(s(295))), at(s(300)), true),
        arguments("during the rollout", spec(), lastTick(status(Phase.RollingOut, T0), at(s(5))), at(s(15)), true),
        arguments("paused: ticks go on for the phase it resumes to", spec(),
            lastTick(paused(Phase.Observing, "AnalysisPause", T0), at(s(20))), at(s(30)), true),
        arguments("paused: interval not elapsed", spec(),
            lastTick(paused(Phase.Observing, "AnalysisPause", T0), at(s(26))), at(s(30)), false),
        arguments("paused with nowhere to resume to", spec(), lastTick(pausedWithoutResume, null), at(s(30)), false),
        arguments("no checks", specWithoutChecks(), lastTick(status(Phase.Observing, T0), null), at(s(30)), false),
        arguments("Pending", spec(), lastTick(status(Phase.Pending, T0), null), at(s(30)), false),
        arguments("Reverting", spec(), lastTick(status(Phase.Reverting, T0), null), at(s(30)), false),
        arguments("Reverted", spec(), lastTick(status(Phase.Reverted, T0), null), at(s(30)), false),
        arguments("Succeeded", spec(), lastTick(status(Phase.Succeeded, T0), null), at(s(30)), false));
  }

  @ParameterizedTest(name = "{0}: {4}")
  @MethodSource("analysisDueCases")
  void analysisDue(String name, LaunchPlanSpec spec, LaunchPlanStatus status, Instant now, boolean due) {
    assertThat(LaunchDecider.analysisDue(spec, status, now, 0)).isEqualTo(due);
  }

  @Test
  void nextTickIsScheduledOneIntervalAfterTheLast() {
    Decision d = decide(spec(), status(Phase.Verifying, T0), world(Phase.Verifying, at(s(20))).analysis(pass()));

    assertThat(d.status().getLastAnalysisAt()).isEqualTo(at(s(20)).toString());
    assertThat(d.status().getAnalysis()).hasSize(1);
    assertThat(d.requeueAfter()).isEqualTo(Fixtures.INTERVAL);
  }

  @Test
  void ticksAfterTheFirstLandOnTheIntervalGrid() {
    // The first tick ran 3.7 s into a slot; the next one waits for the grid, not 10 s.
    Decision d = decide(spec(), status(Phase.Verifying, T0),
        world(Phase.Verifying, at(s(20)).plusMillis(3_700)).analysis(pass()));

    assertThat(d.requeueAfter()).isEqualTo(Duration.ofMillis(6_300));
  }

  static Stream<Arguments> tickSlots() {
    return Stream.of(
        arguments("first tick: off the schedule", null, at(s(3)), null),
        arguments("due on schedule, on time", at(s(20)), at(s(30)), at(s(30))),
        arguments("due on schedule, 1.5 s late", at(s(20)), at(s(31)).plusMillis(500), at(s(30))),
        arguments("not due", at(s(20)), at(s(29)), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tickSlots")
  void tickSlotNamesTheSlotATickBelongsTo(String name, Instant last, Instant now, Instant expected) {
    assertThat(LaunchDecider.tickSlot(spec(), lastTick(status(Phase.Observing, T0), last), now, 0)).isEqualTo(expected);
  }

  @Test
  void aPlanTicksAtItsOwnPlaceInEachInterval() {
    LaunchPlanStatus verifying = lastTick(status(Phase.Verifying, T0), at(s(23)).plusMillis(700));
    Decision d = decider.decide(spec(), verifying, world(Phase.Verifying, at(s(24))).observe());
    assertThat(d.requeueAfter()).as("phase 0: the next tick at 30 s").isEqualTo(Duration.ofSeconds(6));

    Observation late = world(Phase.Verifying, at(s(24))).observe();
    Observation phased = new Observation(late.now(), late.revision(), late.specError(), late.target(), late.canary(),
        late.analysis(), late.freeze(), late.lane(), late.controls(), 0.37, null, null, -1, null);
    assertThat(decider.decide(spec(), verifying, phased).requeueAfter()).as("phase 0.37: the next tick at 33.7 s")
        .isEqualTo(Duration.ofMillis(9_700));
    assertThat(LaunchDecider.analysisDue(spec(), verifying, at(s(33)).plusMillis(699), 0.37)).isFalse();
    assertThat(LaunchDecider.analysisDue(spec(), verifying, at(s(33)).plusMillis(700), 0.37)).isTrue();
    assertThat(LaunchDecider.tickSlot(spec(), verifying, at(s(33)).plusMillis(700), 0.37)).isEqualTo(at(s(30)));
  }
}
