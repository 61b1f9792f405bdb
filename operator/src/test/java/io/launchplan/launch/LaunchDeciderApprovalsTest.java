package io.launchplan.launch;

import static io.launchplan.launch.Fixtures.REV;
import static io.launchplan.launch.Fixtures.T0;
import static io.launchplan.launch.Fixtures.spec;
import static io.launchplan.launch.Fixtures.stableTarget;
import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.ApprovalPurpose;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.gates.ApprovalGate;
import io.launchplan.gates.ApprovalRule;
import io.launchplan.gates.ApprovalView;
import io.launchplan.launch.Fixtures.World;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LaunchApprovals in the launch decision: a launch waits Pending/ApprovalRequired with nothing
 * changed, recorded (and so announced) once per revision however the count moves; once approved, who
 * approved is a step of its own, then the launch starts.
 */
class LaunchDeciderApprovalsTest {
  private static final ApprovalRule TWO = new ApprovalRule(ApprovalPurpose.Launch, 2, List.of("sre-leads"), List.of(),
      null, "LaunchPolicy prod");
  private final LaunchDecider decider = new LaunchDecider();

  private static ApprovalView by(String user, String revision) {
    return new ApprovalView(user + "-1", revision, ApprovalPurpose.Launch, user, List.of("sre-leads"), null,
        T0.minusSeconds(30));
  }

  private static World world(String revision, ApprovalView... approvals) {
    return new World(T0).revision(revision).target(stableTarget())
        .approvals(ApprovalGate.judge("web", List.of(TWO), List.of(approvals), revision, null, false, T0));
  }

  private static long waits(LaunchPlanStatus s) {
    return s.getHistory().stream().filter(h -> "ApprovalRequired".equals(h.getReason())).count();
  }

  @Test
  void waitingForApprovalIsRecordedOncePerRevisionAndChangesNothing() {
    Decision none = decider.decide(spec(), new LaunchPlanStatus(), world(REV).observe());
    assertThat(none.status().getReason()).isEqualTo("ApprovalRequired");
    assertThat(none.status().getMessage()).contains("0 of 2 Launch approvals from group sre-leads");
    assertThat(none.effects()).isEmpty();
    assertThat(none.warning()).isFalse();

    Decision one = decider.decide(spec(), none.status(), world(REV, by("alice", REV)).observe());
    assertThat(one.status().getMessage()).contains("1 of 2 Launch approvals");
    assertThat(one.transition()).as("the count moved: no new history entry").isNull();
    assertThat(waits(one.status())).isEqualTo(1);

    Decision next = decider.decide(spec(), one.status(), world("ffffffffff", by("alice", REV)).observe());
    assertThat(next.status().getMessage()).contains("0 of 2 Launch approvals");
    assertThat(waits(next.status())).as("a new revision asks anew").isEqualTo(2);
    assertThat(next.status().getHistory().get(next.status().getHistory().size() - 1).getRevision())
        .isEqualTo("ffffffffff");
  }

  @Test
  void approvedRecordsWhoApprovedThenStarts() {
    Decision waiting = decider.decide(spec(), new LaunchPlanStatus(), world(REV, by("alice", REV)).observe());
    Decision approved = decider.decide(spec(), waiting.status(), world(REV, by("alice", REV), by("bob", REV)).observe());
    assertThat(approved.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(approved.status().getReason()).isEqualTo("Approved");
    assertThat(approved.status().getMessage()).isEqualTo("revision " + REV + " approved for Launch by alice (at "
        + T0.minusSeconds(30) + "), bob (at " + T0.minusSeconds(30) + ")");
    assertThat(approved.effects()).isEmpty();
    assertThat(approved.requeueAfter()).isEqualTo(Duration.ZERO);
    assertThat(approved.status().getApprovals()).hasSize(2);

    Decision started = decider.decide(spec(), approved.status(),
        world(REV, by("alice", REV), by("bob", REV)).observe());
    assertThat(started.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(started.effects()).contains(Effect.APPLY_CANARY);
  }

  @Test
  void anApprovalRevokedBetweenTheApprovedStepAndTheStartHoldsTheLaunchAgain() {
    Decision approved = decider.decide(spec(), new LaunchPlanStatus(),
        world(REV, by("alice", REV), by("bob", REV)).observe());
    assertThat(approved.status().getReason()).isEqualTo("Approved");
    Decision revoked = decider.decide(spec(), approved.status(), world(REV, by("alice", REV)).observe());
    assertThat(revoked.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(revoked.status().getReason()).isEqualTo("ApprovalRequired");
    assertThat(revoked.effects()).isEmpty();
  }
}
