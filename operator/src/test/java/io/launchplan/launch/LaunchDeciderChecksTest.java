package io.launchplan.launch;

import static io.launchplan.launch.Fixtures.CANARY_OBSERVE;
import static io.launchplan.launch.Fixtures.JSON;
import static io.launchplan.launch.Fixtures.REV;
import static io.launchplan.launch.Fixtures.ROLLOUT_OBSERVE;
import static io.launchplan.launch.Fixtures.T0;
import static io.launchplan.launch.Fixtures.at;
import static io.launchplan.launch.Fixtures.pass;
import static io.launchplan.launch.Fixtures.s;
import static io.launchplan.launch.Fixtures.spec;
import static io.launchplan.launch.Fixtures.status;
import static io.launchplan.launch.Fixtures.world;
import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.Action;
import io.launchplan.api.CheckPoint;
import io.launchplan.api.CheckState;
import io.launchplan.api.JobCheck;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.WebCheck;
import io.launchplan.launch.CheckFindings.JobFinding;
import io.launchplan.launch.CheckFindings.JobState;
import io.launchplan.launch.CheckFindings.WebFinding;
import io.launchplan.launch.CheckFindings.WebResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Job and web checks at their points ({@link CheckGate}), one test per transition they cause. */
class LaunchDeciderChecksTest {
  private static final String JOB = "checkout-smoke-12345678";
  private final LaunchDecider decider = new LaunchDecider();

  private static LaunchPlanSpec withJob(CheckPoint at, Action action) {
    LaunchPlanSpec spec = spec();
    JobCheck job = new JobCheck();
    job.setName("smoke");
    job.setAt(at);
    job.setAction(action);
    job.setTimeout("5m");
    job.setTemplate(JSON.createObjectNode().set("spec", JSON.createObjectNode()));
    spec.getAnalysis().setJobs(List.of(job));
    return spec;
  }

  private static LaunchPlanSpec withWeb(CheckPoint at, Action action) {
    LaunchPlanSpec spec = spec();
    WebCheck web = new WebCheck();
    web.setName("health");
    web.setAt(at);
    web.setAction(action);
    web.setUrl("http://checkout/health");
    spec.getAnalysis().setWeb(List.of(web));
    return spec;
  }

  private static CheckFindings job(JobState state, Instant started) {
    return new CheckFindings(Map.of("smoke", new JobFinding(JOB, state, started, state == JobState.Failed
        ? "BackoffLimitExceeded" : null, "kubectl logs -n shop job/" + JOB)), Map.of());
  }

  private static CheckFindings web(WebResult result) {
    return new CheckFindings(Map.of(), Map.of("health", new WebFinding(result, "HTTP 500, expected 200")));
  }

  private Decision decide(LaunchPlanSpec spec, LaunchPlanStatus status, Fixtures.World world) {
    return decider.decide(spec, status, world.observe());
  }

  @Test
  void canaryReadyStartsTheCanaryJobCheck() {
    Decision d = decide(withJob(CheckPoint.Canary, Action.Revert), status(Phase.Canary, T0),
        world(Phase.Observing, at(s(40))).checks(job(JobState.Absent, null)));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(d.effects()).containsExactly(Effect.RUN_CHECK_JOBS);
    assertThat(d.requeueAfter()).isLessThanOrEqualTo(LaunchDecider.WAIT_POLL);
  }

  @Test
  void windowEndWaitsForARunningJobCheck() {
    LaunchPlanStatus observing = status(Phase.Observing, T0);
    Decision d = decide(withJob(CheckPoint.Canary, Action.Revert), observing,
        world(Phase.Observing, T0.plus(CANARY_OBSERVE)).analysis(pass()).checks(job(JobState.Running, at(s(1)))));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(d.effects()).isEmpty();
    assertThat(d.status().getChecks()).singleElement().satisfies(c -> {
      assertThat(c.getState()).isEqualTo(CheckState.Running);
      assertThat(c.getJob()).isEqualTo(JOB);
      assertThat(c.getLogs()).isEqualTo("kubectl logs -n shop job/" + JOB);
      assertThat(c.getRevision()).isEqualTo(REV);
    });
    // No poll for the Job (its end wakes the plan through the watch): the next analysis tick is the timer.
    assertThat(d.requeueAfter()).isGreaterThan(LaunchDecider.WAIT_POLL).isLessThanOrEqualTo(Fixtures.INTERVAL);
  }

  @Test
  void aRunningPreCanaryJobIsNotPolledItsTimeoutIsTheOnlyTimer() {
    LaunchPlanSpec spec = withJob(CheckPoint.PreCanary, Action.Revert);
    Decision started = decide(spec, new LaunchPlanStatus(), world(Phase.Pending, T0).checks(job(JobState.Absent, null)));
    assertThat(started.requeueAfter()).as("until the created Job's watch event").isLessThanOrEqualTo(LaunchDecider.WAIT_POLL);

    Decision running = decide(spec, started.status(), world(Phase.Pending, at(s(20))).checks(job(JobState.Running, at(s(1)))));
    assertThat(running.status().getReason()).isEqualTo("CheckRunning");
    assertThat(running.requeueAfter()).as("the Job's 5m timeout from its start, not a 5 s poll")
        .isEqualTo(java.time.Duration.ofMinutes(5).minusSeconds(19));
  }

  @Test
  void succeededJobCheckLetsTheWindowPromote() {
    Decision d = decide(withJob(CheckPoint.Canary, Action.Revert), status(Phase.Observing, T0),
        world(Phase.Observing, T0.plus(CANARY_OBSERVE)).analysis(pass()).checks(job(JobState.Succeeded, at(s(1)))));

    assertThat(d.status().getPhase()).isEqualTo(Phase.RollingOut);
    assertThat(d.status().getChecks().get(0).getState()).isEqualTo(CheckState.Passed);
  }

  @Test
  void failedRevertJobCheckReverts() {
    Decision d = decide(withJob(CheckPoint.Canary, Action.Revert), status(Phase.Observing, T0),
        world(Phase.Observing, at(s(30))).checks(job(JobState.Failed, at(s(1)))));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(d.status().getReason()).isEqualTo("CheckFailed");
    assertThat(d.status().getMessage()).contains(JOB, "failed", "BackoffLimitExceeded", "kubectl logs");
    assertThat(d.effects()).contains(Effect.DELETE_CANARY);
    assertThat(d.warning()).isTrue();
  }

  @Test
  void failedPauseJobCheckPausesUntilItsJobIsDeleted() {
    LaunchPlanSpec spec = withJob(CheckPoint.Canary, Action.Pause);
    Decision paused = decide(spec, status(Phase.Observing, T0),
        world(Phase.Observing, at(s(30))).checks(job(JobState.Failed, at(s(1)))));
    assertThat(paused.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(paused.status().getReason()).isEqualTo("CheckFailed");

    Decision still = decide(spec, paused.status(), world(Phase.Observing, at(s(60))));
    assertThat(still.status().getPhase()).isEqualTo(Phase.Paused);

    Decision resumed = decide(spec, still.status(), world(Phase.Observing, at(s(90))).checks(job(JobState.Absent, null)));
    assertThat(resumed.status().getPhase()).isEqualTo(Phase.Observing);
    assertThat(resumed.effects()).contains(Effect.RUN_CHECK_JOBS);
  }

  @Test
  void jobCheckPastItsTimeoutIsInconclusiveAndPauses() {
    LaunchPlanSpec spec = withJob(CheckPoint.Verifying, Action.Revert);
    Decision d = decide(spec, status(Phase.Verifying, T0),
        world(Phase.Verifying, at(s(301))).checks(job(JobState.Running, at(s(1)))));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(d.status().getReason()).isEqualTo("CheckInconclusive");
    assertThat(d.status().getChecks().get(0).getState()).isEqualTo(CheckState.Inconclusive);

    // A late success does not count: the check stays inconclusive until its Job is deleted.
    Decision late = decide(spec, d.status(), world(Phase.Verifying, at(s(400))).checks(job(JobState.Succeeded, at(s(1)))));
    assertThat(late.status().getPhase()).isEqualTo(Phase.Paused);
  }

  @Test
  void verifyingWaitsForItsJobCheckBeforeSucceeding() {
    LaunchPlanSpec spec = withJob(CheckPoint.Verifying, Action.Revert);
    Decision waiting = decide(spec, status(Phase.Verifying, T0),
        world(Phase.Verifying, T0.plus(ROLLOUT_OBSERVE)).analysis(pass()).checks(job(JobState.Running, at(s(1)))));
    assertThat(waiting.status().getPhase()).isEqualTo(Phase.Verifying);

    Decision done = decide(spec, waiting.status(), world(Phase.Verifying, T0.plus(ROLLOUT_OBSERVE).plusSeconds(10))
        .analysis(pass()).checks(job(JobState.Succeeded, at(s(1)))));
    assertThat(done.status().getPhase()).isEqualTo(Phase.Succeeded);
  }

  @Test
  void preCanaryJobCheckRunsBeforeTheCanaryAndAFailureChangesNothing() {
    LaunchPlanSpec spec = withJob(CheckPoint.PreCanary, Action.Revert);
    Decision first = decide(spec, new LaunchPlanStatus(), world(Phase.Pending, T0).checks(job(JobState.Absent, null)));
    assertThat(first.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(first.status().getReason()).isEqualTo("CheckRunning");
    assertThat(first.effects()).containsExactly(Effect.RUN_CHECK_JOBS);

    Decision failed = decide(spec, first.status(), world(Phase.Pending, at(s(20))).checks(job(JobState.Failed, at(s(1)))));
    assertThat(failed.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(failed.status().getReason()).isEqualTo("CheckFailed");
    assertThat(failed.status().getMessage()).contains("nothing was changed");
    assertThat(failed.effects()).isEmpty();

    Decision passed = decide(spec, first.status(), world(Phase.Pending, at(s(20))).checks(job(JobState.Succeeded, at(s(1)))));
    assertThat(passed.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(passed.effects()).contains(Effect.CLEAN_CHECK_JOBS, Effect.APPLY_CANARY);
    assertThat(passed.status().getChecks()).singleElement()
        .satisfies(c -> assertThat(c.getState()).isEqualTo(CheckState.Passed));
  }

  @Test
  void failingRevertWebCheckReverts() {
    Decision d = decide(withWeb(CheckPoint.Canary, Action.Revert), status(Phase.Observing, T0),
        world(Phase.Observing, at(s(30))).analysis(pass()).checks(web(WebResult.Failed)));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Reverting);
    assertThat(d.status().getReason()).isEqualTo("CheckFailed");
    assertThat(d.status().getMessage()).contains("health", "HTTP 500");
  }

  /** No answer is inconclusive; a check that could not be sent (its Secret missing, issue 17) is an analysis error. */
  @ParameterizedTest
  @CsvSource({"NoAnswer, CheckInconclusive", "CannotSend, AnalysisError"})
  void webCheckWithoutAnswerPausesAndAPassingTickResumes(WebResult result, String reason) {
    LaunchPlanSpec spec = withWeb(CheckPoint.Verifying, Action.Revert);
    Decision paused = decide(spec, status(Phase.Verifying, T0),
        world(Phase.Verifying, at(s(30))).analysis(pass()).checks(web(result)));
    assertThat(paused.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(paused.status().getReason()).isEqualTo(reason);

    Decision resumed = decide(spec, paused.status(), world(Phase.Verifying, at(s(40))).analysis(pass())
        .checks(web(WebResult.Passed)));
    assertThat(resumed.status().getPhase()).isEqualTo(Phase.Verifying);
    assertThat(resumed.status().getChecks().get(0).getRuns()).isEqualTo(2);
  }

  @Test
  void promotionWaitsForAWebCheckThatHasNotPassed() {
    Decision d = decide(withWeb(CheckPoint.Canary, Action.Revert), status(Phase.Observing, T0),
        world(Phase.Observing, T0.plus(CANARY_OBSERVE)).analysis(pass()));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Observing);
  }

  @Test
  void aNewRevisionForgetsTheOldRevisionsChecks() {
    LaunchPlanSpec spec = withJob(CheckPoint.PreCanary, Action.Revert);
    Decision passed = decide(spec, new LaunchPlanStatus(), world(Phase.Pending, T0).checks(job(JobState.Succeeded, T0)));
    LaunchPlanStatus ended = passed.status();
    ended.setPhase(Phase.Pending);
    Decision next = decide(spec, ended, world(Phase.Pending, at(s(20))).revision(Fixtures.NEXT_REV)
        .checks(job(JobState.Absent, null)));
    assertThat(next.status().getChecks()).isNull();
    assertThat(next.effects()).containsExactly(Effect.RUN_CHECK_JOBS);
  }

  @Test
  void webCheckThatCannotBeSentKeepsTheLaunchPendingWithAnalysisError() {
    CheckFindings missing = new CheckFindings(Map.of(), Map.of("health", new WebFinding(WebResult.CannotSend,
        "spec.analysis.web[health].auth.bearerToken: Secret token not found in namespace shop; no request was sent")));
    Decision d = decide(withWeb(CheckPoint.PreCanary, Action.Revert), new LaunchPlanStatus(),
        world(Phase.Pending, T0).checks(missing));

    assertThat(d.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(d.status().getReason()).isEqualTo("AnalysisError");
    assertThat(d.status().getMessage()).contains("Secret token not found", "nothing was changed");
    assertThat(d.status().getChecks()).singleElement().satisfies(c -> assertThat(c.getState()).isEqualTo(CheckState.Error));
    assertThat(d.effects()).doesNotContain(Effect.APPLY_CANARY);
  }
}
