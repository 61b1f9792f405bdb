package io.launchplan.launch;

import static io.launchplan.launch.Fixtures.CANARY_OBSERVE;
import static io.launchplan.launch.Fixtures.ROLLOUT_OBSERVE;
import static io.launchplan.launch.Fixtures.T0;
import static io.launchplan.launch.Fixtures.at;
import static io.launchplan.launch.Fixtures.revert;
import static io.launchplan.launch.Fixtures.s;
import static io.launchplan.launch.Fixtures.status;
import static io.launchplan.launch.Fixtures.world;
import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.analysis.model.AnalysisOutcome;
import io.launchplan.analysis.model.Verdict;
import io.launchplan.api.AnalysisQuery;
import io.launchplan.api.AnalysisSpec;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.OnError;
import io.launchplan.api.Phase;
import io.launchplan.api.QueryStatus;
import io.launchplan.launch.Fixtures.World;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A query over an empty {@code ${canaryPods}} never counts as passing once the canary was ready:
 * the tick judged nothing, so it is an analysis error ({@code onError} decides), and no window
 * ends on it.
 */
class EmptyCanaryPodsTest {
  private final LaunchDecider decider = new LaunchDecider();

  private Decision decide(LaunchPlanSpec spec, LaunchPlanStatus status, World world) {
    return decider.decide(spec, status, world.observe());
  }

  /** A plan whose only query is the canary's error ratio, over {@code ${canaryPods}}. */
  private static LaunchPlanSpec canarySpec() {
    LaunchPlanSpec spec = Fixtures.specWithoutChecks();
    AnalysisQuery query = new AnalysisQuery();
    query.setName("canary-5xx");
    query.setExpr("sum(rate(http_requests_total{pod=~\"${canaryPods}\",code=~\"5..\"}[1m])) > 0");
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setInterval("10s");
    analysis.setQueries(List.of(query));
    spec.setAnalysis(analysis);
    return spec;
  }

  private static AnalysisOutcome quiet() {
    return new AnalysisOutcome(List.of(new QueryStatus("canary-5xx", null, false, null, null)), Verdict.PASS, null,
        "1 check quiet");
  }

  @Test
  void observationWindowEndingOnATickOverNoCanaryPodsDoesNotPromote() {
    Decision d = decide(canarySpec(), status(Phase.Observing, T0),
        world(Phase.Observing, T0.plus(CANARY_OBSERVE)).analysis(quiet()).canaryPods(0));

    assertThat(d.effects()).doesNotContain(Effect.PATCH_TARGET);
    assertThat(d.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(d.status().getPausedFrom()).isEqualTo(Phase.Observing);
    assertThat(d.status().getReason()).isEqualTo("AnalysisError");
    assertThat(d.status().getMessage()).startsWith("query canary-5xx: no canary pods to judge");
    assertThat(d.status().getAnalysis()).singleElement()
        .satisfies(q -> assertThat(q.getError()).startsWith("no canary pods to judge"));
  }

  @Test
  void theSameTickWithCanaryPodsPromotes() {
    Decision d = decide(canarySpec(), status(Phase.Observing, T0),
        world(Phase.Observing, T0.plus(CANARY_OBSERVE)).analysis(quiet()).canaryPods(1));

    assertThat(d.status().getPhase()).isEqualTo(Phase.RollingOut);
    assertThat(d.effects()).containsExactly(Effect.PATCH_TARGET);
  }

  @Test
  void withOnErrorRevertTheLaunchReverts() {
    LaunchPlanSpec spec = canarySpec();
    spec.getAnalysis().setOnError(OnError.Revert);
    Decision d = decide(spec, status(Phase.Observing, T0), world(Phase.Observing, at(s(30))).analysis(quiet()).canaryPods(0));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(d.status().getReason()).isEqualTo("AnalysisError");
  }

  @Test
  void verificationDoesNotSucceedOnATickOverNoPodsOfTheLaunchedRevision() {
    Decision d = decide(canarySpec(), status(Phase.Verifying, T0),
        world(Phase.Verifying, T0.plus(ROLLOUT_OBSERVE)).analysis(quiet()).canaryPods(0));

    assertThat(d.status().getPhase()).isNotEqualTo(Phase.Succeeded);
    assertThat(d.status().getReason()).isEqualTo("AnalysisError");
  }

  @Test
  void aStartingCanaryWithNoPodsYetIsNotAnError() {
    Decision d = decide(canarySpec(), status(Phase.Canary, T0), world(Phase.Canary, at(s(3))).analysis(quiet()).canaryPods(0));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(d.status().getAnalysis()).singleElement().satisfies(q -> assertThat(q.getError()).isNull());
  }

  @Test
  void aLostCanaryIsRecreatedNotTakenForAnAnalysisError() {
    Decision d = decide(canarySpec(), status(Phase.Observing, T0), world(Phase.Observing, at(s(30))).canary(null)
        .analysis(quiet()).canaryPods(0));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(d.status().getReason()).isEqualTo("CanaryLost");
    assertThat(d.effects()).contains(Effect.APPLY_CANARY);
  }

  @Test
  void aLaunchPausedWhileItsCanaryWasGoneResumesToGetItBack() {
    LaunchPlanStatus held = Fixtures.paused(Phase.Observing, "CanaryNameTaken", T0);
    Decision d = decide(canarySpec(), held, world(Phase.Observing, at(s(30))).canary(null).analysis(quiet()).canaryPods(0));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(d.status().getReason()).isEqualTo("Resumed");
  }

  @Test
  void aRevertSignalOverNoCanaryPodsStillReverts() {
    Decision d = decide(canarySpec(), status(Phase.Observing, T0), world(Phase.Observing, at(s(30))).analysis(revert())
        .canaryPods(0));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(d.status().getReason()).isEqualTo("AnalysisRevert");
  }

  @Test
  void queriesThatDoNotUseCanaryPodsAreJudgedAsBefore() {
    Decision d = decide(Fixtures.spec(), status(Phase.Observing, T0),
        world(Phase.Observing, T0.plus(CANARY_OBSERVE)).analysis(Fixtures.pass()).canaryPods(0));

    assertThat(d.status().getPhase()).isEqualTo(Phase.RollingOut);
  }

  @Test
  void uncountedPodsChangeNothing() {
    Decision d = decide(canarySpec(), status(Phase.Observing, T0),
        world(Phase.Observing, T0.plus(CANARY_OBSERVE)).analysis(quiet()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.RollingOut);
  }
}
