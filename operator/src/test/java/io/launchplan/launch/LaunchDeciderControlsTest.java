package io.launchplan.launch;

import static io.launchplan.launch.Fixtures.CANARY_OBSERVE;
import static io.launchplan.launch.Fixtures.REV;
import static io.launchplan.launch.Fixtures.T0;
import static io.launchplan.launch.Fixtures.at;
import static io.launchplan.launch.Fixtures.json;
import static io.launchplan.launch.Fixtures.pass;
import static io.launchplan.launch.Fixtures.patchedTarget;
import static io.launchplan.launch.Fixtures.paused;
import static io.launchplan.launch.Fixtures.s;
import static io.launchplan.launch.Fixtures.spec;
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
import io.launchplan.api.QueryStatus;
import io.launchplan.launch.Fixtures.World;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manual controls: {@code launchplan.io/promote} skips the rest of an observation window,
 * {@code launchplan.io/abort} reverts now; each distinct value acts once, and a value that cannot
 * act is recorded as ignored. The clock is an explicit instant.
 */
class LaunchDeciderControlsTest {
  private final LaunchDecider decider = new LaunchDecider();

  private Decision decide(LaunchPlanSpec spec, LaunchPlanStatus status, World world) {
    return decider.decide(spec, status, world.observe());
  }

  /** A launch in {@code phase} whose last analysis tick (10s ago) was quiet. */
  private static LaunchPlanStatus quiet(Phase phase) {
    LaunchPlanStatus s = status(phase, T0);
    s.setLastAnalysisAt(at(s(25)).toString());
    s.setAnalysis(List.of(new QueryStatus("canary-5xx", null, false, null, null)));
    return s;
  }

  // ---------------------------------------------------------------- Promote

  @Test
  void promoteSkipsTheRestOfTheCanaryWindow() {
    Decision d = decide(spec(), quiet(Phase.Observing), world(Phase.Observing, at(s(30))).promote("ship-it"));

    assertThat(d.status().getPhase()).isEqualTo(Phase.RollingOut);
    assertThat(d.transition().getReason()).isEqualTo("ManualPromote");
    assertThat(d.transition().getMessage()).contains("launchplan.io/promote=\"ship-it\"").contains("kubectl-annotate")
        .contains("1m30s left");
    assertThat(d.effects()).containsExactly(Effect.PATCH_TARGET);
    assertThat(d.status().getHandledPromote()).isEqualTo("ship-it");
  }

  @Test
  void promoteSkipsTheRestOfTheVerificationWindowAndEndsTheLaunch() {
    Decision d = decide(spec(), quiet(Phase.Verifying), world(Phase.Verifying, at(s(30))).promote("ship-it"));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Succeeded);
    assertThat(d.transition().getReason()).isEqualTo("ManualPromote");
    assertThat(d.status().getEndedAt()).as("the lane's cooldown starts").isEqualTo(at(s(30)).toString());
    assertThat(d.effects()).isEmpty();
  }

  @Test
  void aPromotionWhosePatchLandedBeforeARestartIsStillRecordedAsManualPromote() {
    // The operator patched the target for a promote and was killed before writing RollingOut.
    Decision d = decide(spec(), quiet(Phase.Observing),
        world(Phase.Observing, at(s(30))).target(patchedTarget(false)).promote("ship-it"));

    assertThat(d.status().getPhase()).isEqualTo(Phase.RollingOut);
    assertThat(d.transition().getReason()).isEqualTo("ManualPromote");
    assertThat(d.transition().getMessage()).contains("launchplan.io/promote=\"ship-it\"").contains("kubectl-annotate");
    assertThat(d.effects()).as("the target is not patched twice").doesNotContain(Effect.PATCH_TARGET);
    assertThat(d.status().getHandledPromote()).isEqualTo("ship-it");
  }

  @Test
  void promoteWithoutChecksNeedsNoData() {
    Decision d = decide(specWithoutChecks(), status(Phase.Observing, T0), world(Phase.Observing, at(s(30))).promote("x"));

    assertThat(d.status().getPhase()).isEqualTo(Phase.RollingOut);
  }

  @Test
  void sameValueActsOnlyOnce() {
    Decision promoted = decide(spec(), quiet(Phase.Observing), world(Phase.Observing, at(s(30))).promote("ship-it"));
    LaunchPlanStatus verifying = quiet(Phase.Verifying);
    verifying.setHandledPromote(promoted.status().getHandledPromote());

    Decision again = decide(spec(), verifying, world(Phase.Verifying, at(s(40))).promote("ship-it"));

    assertThat(again.status().getPhase()).as("the verification window runs its course").isEqualTo(Phase.Verifying);
    assertThat(again.transition()).isNull();

    Decision next = decide(spec(), verifying, world(Phase.Verifying, at(s(50))).promote("ship-it-2"));
    assertThat(next.status().getPhase()).as("a new value acts again").isEqualTo(Phase.Succeeded);
  }

  static Stream<Arguments> promotionsRefused() {
    LaunchPlanStatus firing = quiet(Phase.Observing);
    firing.setAnalysis(List.of(new QueryStatus("canary-5xx", "0.3", true, T0.toString(), null)));
    LaunchPlanStatus noAnswer = quiet(Phase.Observing);
    noAnswer.setAnalysis(List.of(new QueryStatus("canary-5xx", null, false, null, "connection refused")));
    LaunchPlanStatus noData = status(Phase.Observing, T0);
    return Stream.of(
        arguments("a check fires (inside its for)", firing, "check canary-5xx is firing (value 0.3)"),
        arguments("a check has no answer", noAnswer, "check canary-5xx has no answer (connection refused)"),
        arguments("no analysis tick yet", noData, "no analysis result yet"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("promotionsRefused")
  void promoteNeverSkipsAFailingCheck(String what, LaunchPlanStatus status, String why) {
    Decision d = decide(spec(), status, world(Phase.Observing, at(s(30))).promote("ship-it"));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(d.effects()).isEmpty();
    assertThat(d.transition().getReason()).isEqualTo("PromoteIgnored");
    assertThat(d.transition().getMessage()).contains("launchplan.io/promote=\"ship-it\"").contains("ignored").contains(why);
    assertThat(d.status().getHandledPromote()).as("handled: it never acts later by surprise").isEqualTo("ship-it");
    assertThat(d.status().getReason()).as("the status reason is untouched").isEqualTo(status.getReason());
  }

  static Stream<Arguments> phasesWithoutAWindow() {
    return Stream.of(
        arguments(Phase.Pending, status(Phase.Pending, T0), new World(at(s(30))).target(stableTarget()), "has not started"),
        arguments(Phase.Canary, status(Phase.Canary, T0), world(Phase.Canary, at(s(30))), "canary is not ready"),
        arguments(Phase.RollingOut, status(Phase.RollingOut, T0), world(Phase.RollingOut, at(s(30))), "rollout is under way"),
        arguments(Phase.Paused, paused(Phase.Observing, "ManualPause", T0), world(Phase.Observing, at(s(30))),
            "paused (ManualPause)"),
        arguments(Phase.Reverting, status(Phase.Reverting, T0), world(Phase.Observing, at(s(30))), "reverting"),
        arguments(Phase.Succeeded, status(Phase.Succeeded, T0), new World(at(s(30))).target(patchedTarget(true)),
            "already ended Succeeded"),
        arguments(Phase.Reverted, status(Phase.Reverted, T0), new World(at(s(30))).target(stableTarget()),
            "already ended Reverted"));
  }

  @ParameterizedTest(name = "promote while {0}")
  @MethodSource("phasesWithoutAWindow")
  void promoteOutsideAnObservationWindowIsRecordedAsIgnored(Phase phase, LaunchPlanStatus status, World world,
      String why) {
    Decision d = decide(spec(), status, world.promote("go"));

    assertThat(d.status().getPhase()).isEqualTo(phase);
    assertThat(d.status().getReason()).isEqualTo(status.getReason());
    assertThat(d.status().getMessage()).isEqualTo(status.getMessage());
    assertThat(d.status().getPhaseStartedAt()).isEqualTo(status.getPhaseStartedAt());
    assertThat(d.effects()).isEmpty();
    assertThat(d.transition().getPhase()).isEqualTo(phase);
    assertThat(d.transition().getReason()).isEqualTo("PromoteIgnored");
    assertThat(d.transition().getMessage()).contains("\"go\"").contains(why);
    assertThat(d.warning()).isFalse();
    assertThat(d.status().getHandledPromote()).isEqualTo("go");
    assertThat(d.requeueAfter()).as("the phase's own step runs next").isEqualTo(Duration.ZERO);
  }

  @Test
  void restartAfterAPromotedPatchDoesNotCallThePromoteIgnored() {
    // Observing handled the promote and patched the target; the status write was lost.
    Decision d = decide(spec(), quiet(Phase.Observing),
        world(Phase.Observing, at(s(30))).target(patchedTarget(false)).promote("ship-it"));

    assertThat(d.status().getPhase()).isEqualTo(Phase.RollingOut);
    assertThat(d.effects()).doesNotContain(Effect.PATCH_TARGET);
    assertThat(d.status().getHandledPromote()).isEqualTo("ship-it");
  }

  @Test
  void windowEndingNormallyIsNotAManualPromotion() {
    Decision d = decide(spec(), quiet(Phase.Observing),
        world(Phase.Observing, T0.plus(CANARY_OBSERVE)).analysis(pass()));

    assertThat(d.transition().getReason()).isEqualTo("Promoted");
    assertThat(d.status().getHandledPromote()).isNull();
  }

  // ---------------------------------------------------------------- Abort

  static Stream<Arguments> running() {
    return Stream.of(
        arguments(Phase.Canary, status(Phase.Canary, T0), world(Phase.Canary, at(s(30)))),
        arguments(Phase.Observing, status(Phase.Observing, T0), world(Phase.Observing, at(s(30)))),
        arguments(Phase.RollingOut, status(Phase.RollingOut, T0), world(Phase.RollingOut, at(s(30)))),
        arguments(Phase.Verifying, status(Phase.Verifying, T0), world(Phase.Verifying, at(s(30)))),
        arguments(Phase.Paused, paused(Phase.RollingOut, "Frozen", T0), world(Phase.RollingOut, at(s(30)))));
  }

  @ParameterizedTest(name = "abort while {0}")
  @MethodSource("running")
  void abortRevertsNowInEveryRunningPhase(Phase phase, LaunchPlanStatus status, World world) {
    Decision d = decide(spec(), status, world.abort("p99 doubled in eu-west"));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(d.status().getReason()).isEqualTo("Aborted");
    assertThat(d.transition().getMessage()).contains("launchplan.io/abort=\"p99 doubled in eu-west\"")
        .contains("kubectl-annotate");
    assertThat(d.warning()).isTrue();
    assertThat(d.status().getHandledAbort()).isEqualTo("p99 doubled in eu-west");
    assertThat(d.status().getPausedFrom()).isNull();
    if (status.getPhase() == Phase.Canary || status.getPhase() == Phase.Observing) {
      assertThat(d.effects()).contains(Effect.DELETE_CANARY);
    } else {
      assertThat(d.effects()).contains(Effect.RESTORE_TARGET);
    }
  }

  @Test
  void aHugeAbortReasonIsCutBeforeItReachesStatusAndStillActsOnce() {
    String reason = "p99 doubled ".repeat(20_000); // ~240 KB, about what an annotation may hold
    Decision aborting = decide(spec(), status(Phase.Observing, T0), world(Phase.Observing, at(s(30))).abort(reason));

    assertThat(aborting.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(json(aborting.status()).length()).as("status stays small").isLessThan(16 * 1024);
    assertThat(aborting.transition().getMessage()).hasSizeLessThanOrEqualTo(2048).contains("more characters cut");

    Decision again = decide(spec(), aborting.status(), new World(at(s(35))).target(stableTarget()).abort(reason));
    assertThat(again.status().getHandledAbort()).isEqualTo(aborting.status().getHandledAbort());
    assertThat(again.transition()).as("the same value, seen again, is not handled twice")
        .matches(t -> t == null || !t.getReason().equals("AbortIgnored"));
  }

  @Test
  void aNewAbortOrAPushedRevertIsDecidedWithoutWaitingForAQuery() {
    LaunchPlanStatus observing = quiet(Phase.Observing);
    Controls abort = new Controls(null, null, "p99 doubled", "kubectl-annotate");

    assertThat(LaunchDecider.actsWithoutPolling(abort, observing, null)).isTrue();
    assertThat(LaunchDecider.actsWithoutPolling(Controls.NONE, observing, Fixtures.revert())).isTrue();
    observing.setHandledAbort("p99 doubled");
    assertThat(LaunchDecider.actsWithoutPolling(abort, observing, null)).as("handled already").isFalse();
    assertThat(LaunchDecider.actsWithoutPolling(Controls.NONE, observing, Fixtures.pause())).isFalse();
    assertThat(LaunchDecider.actsWithoutPolling(Controls.NONE, observing, null)).isFalse();
  }

  @Test
  void abortedLaunchEndsRevertedAndOwesAPostmortem() {
    Decision aborting = decide(spec(), status(Phase.Observing, T0), world(Phase.Observing, at(s(30))).abort("bad"));
    Decision done = decide(spec(), aborting.status(), new World(at(s(35))).target(stableTarget()).abort("bad"));

    assertThat(done.status().getPhase()).isEqualTo(Phase.Reverted);
    assertThat(done.status().getReason()).isEqualTo("Aborted");
    assertThat(done.status().getLastRevertedRevision()).isEqualTo(REV);
    assertThat(done.status().getHistory()).extracting(HistoryEntry::getReason).containsExactly("Aborted", "Aborted");
  }

  static Stream<Arguments> nothingToAbort() {
    return Stream.of(
        arguments(Phase.Pending, status(Phase.Pending, T0), new World(at(s(30))).target(stableTarget()), "no launch is running"),
        arguments(Phase.Reverting, status(Phase.Reverting, T0), world(Phase.Observing, at(s(30))), "already reverting"),
        arguments(Phase.Succeeded, status(Phase.Succeeded, T0), new World(at(s(30))).target(patchedTarget(true)),
            "already ended Succeeded"),
        arguments(Phase.Reverted, status(Phase.Reverted, T0), new World(at(s(30))).target(stableTarget()),
            "already ended Reverted"));
  }

  @ParameterizedTest(name = "abort while {0}")
  @MethodSource("nothingToAbort")
  void abortWithNothingRunningIsRecordedAsIgnored(Phase phase, LaunchPlanStatus status, World world, String why) {
    Decision d = decide(spec(), status, world.abort("stop"));

    assertThat(d.status().getPhase()).isEqualTo(phase);
    assertThat(d.effects()).isEmpty();
    assertThat(d.transition().getReason()).isEqualTo("AbortIgnored");
    assertThat(d.transition().getMessage()).contains("launchplan.io/abort=\"stop\"").contains(why);
    assertThat(d.status().getHandledAbort()).isEqualTo("stop");
  }

  @Test
  void handledAbortValueLeftInGitNeverRevertsTheNextLaunch() {
    LaunchPlanStatus observing = status(Phase.Observing, T0);
    observing.setHandledAbort("stop");

    Decision d = decide(spec(), observing, world(Phase.Observing, at(s(30))).abort("stop"));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(d.transition()).isNull();
  }

  @Test
  void abortWinsOverPromote() {
    Decision d = decide(spec(), quiet(Phase.Observing), world(Phase.Observing, at(s(30))).promote("go").abort("stop"));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(d.status().getHandledPromote()).as("the promote is looked at next time").isNull();
  }

  @Test
  void ignoredControlIsReplayedIdenticallyAfterARestart() {
    LaunchPlanStatus pending = status(Phase.Pending, T0);
    Decision first = decide(spec(), pending, new World(at(s(30))).target(stableTarget()).promote("go"));
    Decision second = new LaunchDecider().decide(spec(), pending, new World(at(s(30))).target(stableTarget())
        .promote("go").observe());

    assertThat(json(second.status())).isEqualTo(json(first.status()));
  }
}
