package io.launchplan.launch;

import static io.launchplan.launch.Fixtures.NEXT_REV;
import static io.launchplan.launch.Fixtures.REV;
import static io.launchplan.launch.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.analysis.model.Verdict;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.QueryStatus;
import io.launchplan.launch.LoopDecisions.AnalysisRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decisions of the reconcile loop around the decider, as tables. */
class LoopDecisionsTest {

  @ParameterizedTest(name = "{0} with status revision {1}, spec revision {2}: launch={3}")
  @CsvSource(nullValues = "null", value = {
      "null,       null,       aaaaaaaaaa, true",   // a new plan
      "Pending,    aaaaaaaaaa, aaaaaaaaaa, true",
      "Canary,     aaaaaaaaaa, aaaaaaaaaa, false",  // under way: a new revision supersedes, it does not launch
      "Canary,     aaaaaaaaaa, bbbbbbbbbb, false",
      "Paused,     aaaaaaaaaa, bbbbbbbbbb, false",
      "Reverting,  aaaaaaaaaa, bbbbbbbbbb, false",
      "Succeeded,  aaaaaaaaaa, aaaaaaaaaa, false",  // ended, nothing new
      "Succeeded,  aaaaaaaaaa, bbbbbbbbbb, true",   // ended, a new template
      "Reverted,   aaaaaaaaaa, aaaaaaaaaa, false",
      "Reverted,   aaaaaaaaaa, bbbbbbbbbb, true"})
  void aLaunchMayStartWhenPendingOrWhenAnEndedPlanGetsANewTemplate(Phase phase, String statusRevision,
      String revision, boolean launch) {
    LaunchPlanStatus status = new LaunchPlanStatus();
    status.setPhase(phase);
    status.setRevision(statusRevision);
    assertThat(LoopDecisions.isLaunch(status, revision)).isEqualTo(launch);
  }

  @ParameterizedTest(name = "urgent={0} launching={1} specError={2} target={3}: {4}")
  @CsvSource(nullValues = "null", value = {
      "true,  true,  null,    true,  PUSHED",     // an abort or a pushed Revert never waits for a query
      "true,  false, null,    false, PUSHED",
      "false, true,  null,    true,  PREFLIGHT",
      "false, true,  invalid, true,  NONE",       // a spec that cannot launch runs no query
      "false, true,  null,    false, NONE",       // nor does a missing target
      "false, false, null,    true,  TICK",       // Observing, first tick due
      "false, false, null,    false, NONE"})
  void whichAnalysisAReconcileRuns(boolean urgent, boolean launching, String specError, boolean target,
      AnalysisRun run) {
    LaunchPlanStatus status = launching ? Fixtures.status(Phase.Pending, T0) : Fixtures.status(Phase.Observing, T0);
    assertThat(LoopDecisions.analysisRun(Fixtures.spec(), status, urgent, launching, specError, target, T0, 0.5))
        .isEqualTo(run);
  }

  @Test
  void noTickRunsBeforeItIsDue() {
    LaunchPlanStatus status = Fixtures.status(Phase.Observing, T0);
    status.setLastAnalysisAt(T0.toString());
    assertThat(LoopDecisions.analysisRun(Fixtures.spec(), status, false, false, null, true, T0.plusSeconds(1), 0.5))
        .isEqualTo(AnalysisRun.NONE);
    assertThat(LoopDecisions.analysisRun(Fixtures.spec(), status, false, false, null, true, T0.plusSeconds(20), 0.5))
        .isEqualTo(AnalysisRun.TICK);
  }

  @Test
  void anAnalysisThatCannotRunIsAnErrorKeepingThePreviousValues() {
    List<QueryStatus> previous = List.of(new QueryStatus("canary-5xx", "0.01", false, null, null));
    var outcome = LoopDecisions.analysisCannotRun(previous, "prometheus.url is not allowed");
    assertThat(outcome.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(outcome.statuses()).isEqualTo(previous);
    assertThat(outcome.message()).isEqualTo("invalid spec.analysis: prometheus.url is not allowed");
  }

  @Test
  void theTickLagRunsFromTheSlotTheTickWasDueAt() {
    LaunchPlanStatus status = Fixtures.status(Phase.Observing, T0);
    status.setLastAnalysisAt(T0.toString());
    Instant due = TickSchedule.next(T0, Duration.ofSeconds(10), 0.5);
    assertThat(LoopDecisions.tickLag(Fixtures.spec(), status, due.plusMillis(300), 0.5))
        .isEqualTo(Duration.ofMillis(300));
  }

  @ParameterizedTest(name = "wait {0} ms, {1} ms spent: {2} ms")
  @CsvSource({
      "10000, 0,     10000",
      "10000, 2500,  7500",
      "10000, 9990,  50",      // never sooner than 50 ms
      "10000, 12000, 50",      // already late: soon
      "1000,  0.1,   1000"})   // a part of a millisecond left counts as a whole one
  void theRescheduleCountsFromTheDecisionRoundedUp(long waitMillis, double spentMillis, long reschedule) {
    Instant decided = T0;
    Instant now = decided.plusNanos((long) (spentMillis * 1_000_000));
    assertThat(LoopDecisions.rescheduleMillis(Duration.ofMillis(waitMillis), decided, now)).isEqualTo(reschedule);
  }

  @ParameterizedTest(name = "{0}, decided={1}, transition={2}: measured={3}")
  @CsvSource({
      "Reverting, true,  true,  true",     // the decision that starts the revert
      "Reverting, true,  false, false",    // a later reconcile of the same revert
      "Reverting, false, true,  false",    // nothing recorded when the revert was decided
      "Reverted,  true,  true,  false",
      "Paused,    true,  true,  false"})
  void theTimeFromDetectionToRevertIsMeasuredOnceWhenTheRevertStarts(Phase phase, boolean decided,
      boolean transition, boolean measured) {
    LaunchPlanStatus next = Fixtures.status(phase, T0);
    if (decided) {
      next.setRevertDecidedAt(T0.minusSeconds(3).toString());
    }
    HistoryEntry entry = transition ? new HistoryEntry(phase, "AnalysisRevert", "reverting", REV, T0.toString()) : null;
    Decision decision = new Decision(next, List.of(Effect.DELETE_CANARY), null, entry, true);
    assertThat(LoopDecisions.revertDecidedAt(decision)).isEqualTo(measured ? T0.minusSeconds(3) : null);
  }

  @Test
  void aNewRevisionOfAnEndedLaunchIsALaunchWhateverItsReason() {
    LaunchPlanStatus status = Fixtures.status(Phase.Succeeded, T0);
    assertThat(LoopDecisions.isLaunch(status, REV)).isFalse();
    assertThat(LoopDecisions.isLaunch(status, NEXT_REV)).isTrue();
  }
}
