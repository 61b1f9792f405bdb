package io.launchplan.launch;

import static io.launchplan.launch.Fixtures.PATCHED;
import static io.launchplan.launch.Fixtures.REV;
import static io.launchplan.launch.Fixtures.STABLE;
import static io.launchplan.launch.Fixtures.T0;
import static io.launchplan.launch.Fixtures.at;
import static io.launchplan.launch.Fixtures.pass;
import static io.launchplan.launch.Fixtures.pause;
import static io.launchplan.launch.Fixtures.revert;
import static io.launchplan.launch.Fixtures.s;
import static io.launchplan.launch.Fixtures.spec;
import static io.launchplan.launch.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.launchplan.api.CanaryStep;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.QueryStatus;
import io.launchplan.api.StepStatus;
import io.launchplan.launch.Fixtures.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Staged canary steps ({@link CanarySteps}): a 20-replica target, a 1-pod canary observed 2m, then
 * steps of 10 % (5m) and 50 % (10m). One test per transition between steps, and the controls and
 * signals inside a step.
 */
class LaunchDeciderStepsTest {
  private static final int TARGET_REPLICAS = 20;
  private static final Duration STEP1_OBSERVE = Duration.ofMinutes(5);
  private final LaunchDecider decider = new LaunchDecider();

  private static LaunchPlanSpec stepped() {
    LaunchPlanSpec spec = spec();
    spec.getCanary().setSteps(List.of(new CanaryStep(10, null, "5m"), new CanaryStep(50, null, "10m")));
    return spec;
  }

  private static TargetView target(int replicas) {
    return new TargetView(replicas, STABLE, null, true, false);
  }

  /** A launch in {@code phase} of step {@code step}, the canary asked to be {@code replicas} pods, since {@code since}. */
  private static LaunchPlanStatus inStep(Phase phase, int step, int replicas, Instant since) {
    LaunchPlanStatus s = status(phase, since);
    s.setStep(new StepStatus(step, 2, replicas, since.toString()));
    return s;
  }

  private static World world(Instant now, CanaryView canary) {
    return new World(now).target(target(TARGET_REPLICAS)).canary(canary);
  }

  private Decision decide(LaunchPlanSpec spec, LaunchPlanStatus status, World world) {
    return decider.decide(spec, status, world.observe());
  }

  @Test
  void launchWithStepsStartsAtStepZero() {
    Decision d = decide(stepped(), null, new World(T0).target(target(TARGET_REPLICAS)));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(d.status().getStep().getSummary()).isEqualTo("0/2");
    assertThat(d.status().getStep().getReplicas()).isEqualTo(1);
    assertThat(CanarySteps.canaryReplicas(stepped(), d.status())).isEqualTo(1);
    assertThat(CanarySteps.stamp(d.status())).isZero();
  }

  @Test
  void planWithoutStepsHasNoStepStatus() {
    Decision d = decide(spec(), null, new World(T0).target(target(TARGET_REPLICAS)));

    assertThat(d.status().getStep()).isNull();
    assertThat(CanarySteps.stamp(d.status())).isEqualTo(-1);
    assertThat(CanarySteps.canaryReplicas(spec(), d.status())).isEqualTo(1);
  }

  @Test
  void firstCanaryWindowPassedStartsTheFirstStep() {
    LaunchPlanStatus observing = inStep(Phase.Observing, 0, 1, T0);
    Decision d = decide(stepped(), observing, world(T0.plus(Fixtures.CANARY_OBSERVE), new CanaryView(REV, 1, 1, 0))
        .analysis(pass()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(d.status().getReason()).isEqualTo("StepStarted");
    assertThat(d.status().getMessage()).contains("step 0/2 canary observed for 2m", "step 1/2 (10%)", "from 1 to 2 pods");
    assertThat(d.status().getStep().getSummary()).isEqualTo("1/2");
    assertThat(d.status().getStep().getStartedAt()).isEqualTo(T0.plus(Fixtures.CANARY_OBSERVE).toString());
    assertThat(d.status().getStep().getReplicas()).isEqualTo(2);
    assertThat(d.effects()).containsExactly(Effect.APPLY_CANARY);
    assertThat(d.status().getLastAnalysisAt()).as("the step gets fresh ticks").isNull();
    assertThat(d.status().getAnalysis()).as("and its for timers start again").isEmpty();
    assertThat(CanarySteps.stamp(d.status())).isEqualTo(1);
  }

  @Test
  void stepCanaryIsScaledThenObservedForTheStepsWindow() {
    LaunchPlanStatus scaling = inStep(Phase.Canary, 1, 2, T0);
    Decision stillOld = decide(stepped(), scaling, world(at(s(1)), new CanaryView(REV, 1, 1, 0)));
    assertThat(stillOld.effects()).containsExactly(Effect.APPLY_CANARY);
    assertThat(stillOld.status().getPhase()).isEqualTo(Phase.Canary);

    Decision starting = decide(stepped(), scaling, world(at(s(2)), new CanaryView(REV, 2, 1, 1)));
    assertThat(starting.effects()).isEmpty();
    assertThat(starting.status().getPhase()).isEqualTo(Phase.Canary);

    Decision ready = decide(stepped(), scaling, world(at(s(3)), new CanaryView(REV, 2, 2, 1)));
    assertThat(ready.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(ready.status().getReason()).isEqualTo("StepReady");
    assertThat(ready.status().getMessage()).isEqualTo("step 1/2 2/2 canary pods ready; observing for 5m");
    assertThat(LaunchDecider.windowEnd(stepped(), ready.status())).isEqualTo(at(s(3)).plus(STEP1_OBSERVE));
  }

  @Test
  void stepWindowNotOverHoldsTheStep() {
    Decision d = decide(stepped(), inStep(Phase.Observing, 1, 2, T0),
        world(T0.plus(STEP1_OBSERVE).minusSeconds(1), new CanaryView(REV, 2, 2, 1)).analysis(pass()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(d.effects()).isEmpty();
    assertThat(d.transition()).isNull();
  }

  @Test
  void middleStepWindowPassedStartsTheNextStep() {
    Decision d = decide(stepped(), inStep(Phase.Observing, 1, 2, T0),
        world(T0.plus(STEP1_OBSERVE), new CanaryView(REV, 2, 2, 1)).analysis(pass()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(d.status().getStep().getSummary()).isEqualTo("2/2");
    assertThat(d.status().getStep().getReplicas()).isEqualTo(10);
    assertThat(d.effects()).containsExactly(Effect.APPLY_CANARY);
  }

  @Test
  void lastStepWindowPassedRollsOut() {
    Decision d = decide(stepped(), inStep(Phase.Observing, 2, 10, T0),
        world(T0.plus(Duration.ofMinutes(10)), new CanaryView(REV, 10, 10, 2)).analysis(pass()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.RollingOut);
    assertThat(d.status().getReason()).isEqualTo("Promoted");
    assertThat(d.status().getMessage()).startsWith("step 2/2 canary observed for 10m");
    assertThat(d.effects()).containsExactly(Effect.PATCH_TARGET);
    assertThat(d.status().getStep().getSummary()).as("the last step stays on record").isEqualTo("2/2");
  }

  static Stream<Arguments> everyPartOfAStep() {
    return Stream.of(
        arguments("scaling step 1", inStep(Phase.Canary, 1, 2, T0), new CanaryView(REV, 2, 1, 1)),
        arguments("observing step 1", inStep(Phase.Observing, 1, 2, T0), new CanaryView(REV, 2, 2, 1)),
        arguments("observing step 2", inStep(Phase.Observing, 2, 10, T0), new CanaryView(REV, 10, 10, 2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyPartOfAStep")
  void firingRevertQueryRevertsFromAnyStep(String name, LaunchPlanStatus status, CanaryView canary) {
    Decision d = decide(stepped(), status, world(at(s(20)), canary).analysis(revert()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(d.status().getReason()).isEqualTo("AnalysisRevert");
    assertThat(d.effects()).containsExactly(Effect.DELETE_CANARY);
  }

  @Test
  void pauseHoldsTheStepAndResumesItWithAFreshWindow() {
    LaunchPlanStatus observing = inStep(Phase.Observing, 1, 2, T0);
    CanaryView canary = new CanaryView(REV, 2, 2, 1);
    Decision paused = decide(stepped(), observing, world(at(s(60)), canary).analysis(pause()));
    assertThat(paused.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(paused.status().getPausedFrom()).isEqualTo(Phase.Observing);
    assertThat(paused.status().getStep()).isEqualTo(observing.getStep());
    assertThat(paused.effects()).isEmpty();

    Decision resumed = decide(stepped(), paused.status(), world(at(s(400)), canary).analysis(pass()));
    assertThat(resumed.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(resumed.status().getStep()).as("the same step, not the next").isEqualTo(observing.getStep());
    assertThat(LaunchDecider.windowEnd(stepped(), resumed.status()))
        .as("a fresh window of the step's own length").isEqualTo(at(s(400)).plus(STEP1_OBSERVE));
  }

  @Test
  void promoteEndsOnlyTheCurrentStepsWindow() {
    LaunchPlanStatus observing = inStep(Phase.Observing, 1, 2, T0);
    observing.setLastAnalysisAt(at(s(50)).toString());
    observing.setAnalysis(List.of(new QueryStatus("canary-5xx", "0", false, null, null)));
    Decision d = decide(stepped(), observing, world(at(s(60)), new CanaryView(REV, 2, 2, 1)).promote("go"));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(d.status().getReason()).isEqualTo("ManualPromote");
    assertThat(d.transition().getMessage()).contains("skipped the rest of the step 1/2 window (4m left)",
        "step 2/2 (50%)");
    assertThat(d.status().getStep().getSummary()).isEqualTo("2/2");
    assertThat(d.effects()).containsExactly(Effect.APPLY_CANARY).doesNotContain(Effect.PATCH_TARGET);
  }

  @Test
  void promoteInTheLastStepRollsOut() {
    LaunchPlanStatus observing = inStep(Phase.Observing, 2, 10, T0);
    observing.setLastAnalysisAt(at(s(50)).toString());
    observing.setAnalysis(List.of(new QueryStatus("canary-5xx", "0", false, null, null)));
    Decision d = decide(stepped(), observing, world(at(s(60)), new CanaryView(REV, 10, 10, 2)).promote("go"));

    assertThat(d.status().getPhase()).isEqualTo(Phase.RollingOut);
    assertThat(d.transition().getMessage()).contains("the step 2/2 canary window");
    assertThat(d.effects()).containsExactly(Effect.PATCH_TARGET);
  }

  @Test
  void percentStepFollowsTheTargetsReplicasWithinItsWindow() {
    LaunchPlanSpec spec = spec();
    spec.getCanary().setSteps(List.of(new CanaryStep(25, null, "5m")));
    LaunchPlanStatus observing = inStep(Phase.Observing, 1, 1, T0);
    observing.getStep().setTotal(1);
    World scaledTo8 = new World(at(s(30))).target(target(8)).canary(new CanaryView(REV, 1, 1, 1)).analysis(pass());

    Decision d = decide(spec, observing, scaledTo8);

    assertThat(d.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(d.status().getPhaseStartedAt()).as("the window goes on").isEqualTo(T0.toString());
    assertThat(d.status().getStep().getReplicas()).isEqualTo(2);
    assertThat(d.effects()).containsExactly(Effect.APPLY_CANARY);
    assertThat(d.transition().getReason()).isEqualTo("StepResized");
    assertThat(d.transition().getMessage()).contains("the target has 8 replicas now", "from 1 to 2 pods");
    assertThat(CanarySteps.canaryReplicas(spec, d.status())).isEqualTo(2);

    Decision again = decide(spec, d.status(), new World(at(s(31))).target(target(8))
        .canary(new CanaryView(REV, 2, 1, 1)));
    assertThat(again.effects()).as("a resized canary is not applied again").isEmpty();
  }

  @Test
  void stepAppliedByAnOperatorThatDiedBeforeWritingStatusIsNotDoneAgain() {
    // Status still says step 1 observing; the canary already carries step 2 with its 10 pods.
    Decision d = decide(stepped(), inStep(Phase.Observing, 1, 2, T0),
        world(at(s(400)), new CanaryView(REV, 10, 4, 2)));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(d.status().getStep().getSummary()).isEqualTo("2/2");
    assertThat(CanarySteps.canaryReplicas(stepped(), d.status())).as("the same size, no scale change").isEqualTo(10);
  }

  @Test
  void rollingOutWithStepsPatchesTheTargetOnce() {
    LaunchPlanStatus rolling = inStep(Phase.RollingOut, 2, 10, T0);
    Decision d = decide(stepped(), rolling, new World(at(s(5))).target(new TargetView(20, PATCHED, REV, false, false))
        .canary(new CanaryView(REV, 10, 10, 2)));

    assertThat(d.effects()).isEmpty();
    assertThat(d.status().getPhase()).isEqualTo(Phase.RollingOut);
  }

  static Stream<Arguments> stepSizes() {
    return Stream.of(
        arguments(new CanaryStep(10, null, null), 20, 2),
        arguments(new CanaryStep(10, null, null), 3, 1),
        arguments(new CanaryStep(25, null, null), 4, 1),
        arguments(new CanaryStep(25, null, null), 8, 2),
        arguments(new CanaryStep(33, null, null), 10, 4),
        arguments(new CanaryStep(100, null, null), 7, 7),
        arguments(new CanaryStep(1, null, null), 1, 1),
        arguments(new CanaryStep(null, 3, null), 20, 3));
  }

  @ParameterizedTest(name = "{0} of {1} replicas is {2} pods")
  @MethodSource("stepSizes")
  void stepSizeRoundsUpAndIsNeverZero(CanaryStep step, int target, int pods) {
    assertThat(step.size(target)).isEqualTo(pods);
  }

  static Stream<Arguments> stepProblems() {
    return Stream.of(
        arguments(List.of(new CanaryStep(null, 30, null)), 20, "canary.steps[0].replicas (30) is larger"),
        arguments(List.of(new CanaryStep(null, 5, null), new CanaryStep(10, null, null)), 20,
            "canary.steps[1] (10%) is 2 pods next to the target's 20 replicas, fewer than the 5"),
        arguments(List.of(new CanaryStep(10, null, null), new CanaryStep(null, 20, null)), 20, null),
        arguments(List.of(new CanaryStep(50, null, null)), 20, null));
  }

  @ParameterizedTest(name = "{0} on {1} replicas")
  @MethodSource("stepProblems")
  void stepsTheSchemaCannotJudgeAreCheckedAgainstTheTarget(List<CanaryStep> steps, int target, String problem) {
    LaunchPlanSpec spec = spec();
    spec.getCanary().setSteps(steps);
    if (problem == null) {
      assertThat(CanarySteps.problem(spec, target)).isNull();
    } else {
      assertThat(CanarySteps.problem(spec, target)).startsWith(problem);
    }
  }
}
