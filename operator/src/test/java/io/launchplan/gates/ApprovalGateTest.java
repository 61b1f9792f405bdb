package io.launchplan.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.ApprovalPurpose;
import io.launchplan.api.ApprovalRequirement;
import io.launchplan.api.ApprovalStatus;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.LaunchPolicySpec;
import io.launchplan.api.Phase;
import io.launchplan.api.PostmortemSpec;
import io.launchplan.api.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counting LaunchApprovals against requirements, on a fixed clock. */
class ApprovalGateTest {
  static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  static final String REV = "5d8c7f9b00";
  static final String OLD = "1111111111";
  static final ApprovalRule TWO_LEADS = new ApprovalRule(ApprovalPurpose.Launch, 2, List.of("sre-leads"), List.of(),
      Duration.ofHours(24), "LaunchPolicy prod");

  static ApprovalView approval(String name, ApprovalPurpose purpose, String revision, String user, List<String> groups,
      Duration age) {
    return new ApprovalView(name, revision, purpose, user, groups, "ok", NOW.minus(age));
  }

  static ApprovalView lead(String name, String user) {
    return approval(name, ApprovalPurpose.Launch, REV, user, List.of("sre-leads", "system:authenticated"),
        Duration.ofMinutes(5));
  }

  static ApprovalGate.Verdict judge(List<ApprovalRule> rules, ApprovalView... approvals) {
    return ApprovalGate.judge("web", rules, List.of(approvals), REV, null, false, NOW);
  }

  @Test
  void oneOfTwoLeadsSaysWhatIsMissingAndWhoMayApprove() {
    ApprovalGate.Verdict v = judge(List.of(TWO_LEADS), lead("a1", "alice"));
    assertThat(v.launch().satisfied()).isFalse();
    assertThat(v.launch().missing()).containsExactly(
        "1 of 2 Launch approvals from group sre-leads (each at most 24h old) (LaunchPolicy prod)");
    Hold hold = v.launchHold();
    assertThat(hold.reason()).isEqualTo(Reason.ApprovalRequired);
    assertThat(hold.message()).startsWith("revision " + REV + " waits for approval: 1 of 2 Launch approvals")
        .contains("create a LaunchApproval {planName: web, revision: " + REV + ", purpose: Launch}");
    assertThat(v.statuses()).singleElement().satisfies(s -> assertThat(s.getCounts()).isTrue());
  }

  @Test
  void twoLeadsSatisfyAndAreNamedWithTheirTimes() {
    ApprovalGate.Verdict v = judge(List.of(TWO_LEADS), lead("a1", "alice"), lead("b1", "bob"));
    assertThat(v.launch().satisfied()).isTrue();
    assertThat(v.launchHold()).isNull();
    assertThat(v.recordsApproval()).isTrue();
    assertThat(v.approvedMessage()).isEqualTo("revision " + REV + " approved for Launch by alice (at "
        + NOW.minus(Duration.ofMinutes(5)) + ": \"ok\"), bob (at " + NOW.minus(Duration.ofMinutes(5)) + ": \"ok\")");
  }

  @Test
  void theSameApproverTwiceCountsOnce() {
    ApprovalGate.Verdict v = judge(List.of(TWO_LEADS), lead("a1", "alice"), lead("a2", "alice"));
    assertThat(v.launch().satisfied()).isFalse();
    assertThat(v.statuses()).extracting(ApprovalStatus::getReason)
        .containsExactly(null, "another approval by alice counts already");
  }

  @Test
  void anApproverOutsideTheGroupDoesNotCount() {
    ApprovalView eve = approval("e1", ApprovalPurpose.Launch, REV, "eve", List.of("devs"), Duration.ofMinutes(1));
    ApprovalGate.Verdict v = judge(List.of(TWO_LEADS), lead("a1", "alice"), eve);
    assertThat(v.launch().missing()).hasSize(1);
    ApprovalStatus s = v.statuses().get(1);
    assertThat(s.getCounts()).isFalse();
    assertThat(s.getReason()).isEqualTo("eve (groups devs) is not an approver any requirement accepts: group sre-leads"
        + " (LaunchPolicy prod)");
  }

  @Test
  void aUserNamedByTheRuleCountsWithoutTheGroup() {
    ApprovalRule rule = new ApprovalRule(ApprovalPurpose.Launch, 1, List.of("sre-leads"), List.of("carol"), null,
        "spec.approvals");
    ApprovalGate.Verdict v = judge(List.of(rule),
        approval("c1", ApprovalPurpose.Launch, REV, "carol", List.of(), Duration.ofDays(30)));
    assertThat(v.launch().satisfied()).as("no validFor: no expiry").isTrue();
  }

  @Test
  void anApprovalOfAnotherRevisionDoesNotCount() {
    ApprovalView stale = approval("a0", ApprovalPurpose.Launch, OLD, "alice", List.of("sre-leads"),
        Duration.ofMinutes(9));
    ApprovalGate.Verdict v = judge(List.of(TWO_LEADS), stale, lead("b1", "bob"));
    assertThat(v.launch().missing()).containsExactly(
        "1 of 2 Launch approvals from group sre-leads (each at most 24h old) (LaunchPolicy prod)");
    assertThat(v.statuses().get(0).getReason()).isEqualTo("it approves revision " + OLD + ", not the plan's revision "
        + REV);
  }

  @Test
  void anExpiredApprovalDoesNotCountAndSaysWhenItExpired() {
    ApprovalView old = approval("a0", ApprovalPurpose.Launch, REV, "alice", List.of("sre-leads"), Duration.ofHours(25));
    ApprovalGate.Verdict v = judge(List.of(TWO_LEADS), old, lead("b1", "bob"));
    assertThat(v.launch().satisfied()).isFalse();
    assertThat(v.statuses().get(0).getReason()).isEqualTo("expired at " + NOW.minus(Duration.ofHours(1))
        + " (validFor 24h, LaunchPolicy prod)");
    // One second before it expires it still counts.
    ApprovalView almost = approval("a0", ApprovalPurpose.Launch, REV, "alice", List.of("sre-leads"),
        Duration.ofHours(24).minusSeconds(1));
    assertThat(judge(List.of(TWO_LEADS), almost, lead("b1", "bob")).launch().satisfied()).isTrue();
  }

  @Test
  void everyRequirementMustHoldAndOneApprovalMayCountForSeveral() {
    ApprovalRule owner = new ApprovalRule(ApprovalPurpose.Launch, 1, List.of(), List.of("bob"), null, "spec.approvals");
    ApprovalGate.Verdict v = judge(List.of(TWO_LEADS, owner), lead("a1", "alice"), lead("c1", "carol"));
    assertThat(v.launch().missing()).containsExactly("0 of 1 Launch approval from user bob (spec.approvals)");
    assertThat(judge(List.of(TWO_LEADS, owner), lead("a1", "alice"), lead("b1", "bob")).launch().satisfied()).isTrue();
  }

  @Test
  void noRequirementNoApprovalIsNothing() {
    assertThat(judge(List.of())).isSameAs(ApprovalGate.Verdict.NONE);
    ApprovalGate.Verdict unasked = judge(List.of(), lead("a1", "alice"));
    assertThat(unasked.launch().satisfied()).isTrue();
    assertThat(unasked.recordsApproval()).isFalse();
    assertThat(unasked.statuses().get(0).getReason()).isEqualTo("no Launch approval is required");
  }

  @Test
  void anEmergencyWithoutItsApprovalBypassesNothingAndSaysWhy() {
    ApprovalRule ic = new ApprovalRule(ApprovalPurpose.Emergency, 1, List.of("incident-commanders"), List.of(), null,
        "LaunchPolicy prod");
    LaunchPlanSpec spec = new LaunchPlanSpec();
    spec.setEmergency(true);
    ApprovalGate.Verdict held = ApprovalGate.judge("web", List.of(ic), List.of(), REV, null, true, NOW);
    assertThat(held.emergencyHeld()).isTrue();
    assertThat(held.effectiveSpec(spec).emergency()).isFalse();
    assertThat(spec.emergency()).as("the plan's own spec is left alone").isTrue();
    assertThat(held.emergencyNote()).isEqualTo("; spec.emergency does not bypass it without its Emergency approvals:"
        + " 0 of 1 Emergency approval from group incident-commanders (LaunchPolicy prod); create a LaunchApproval"
        + " {planName: web, revision: " + REV + ", purpose: Emergency} as one of them (docs/approvals.md)");
    ApprovalView dana = approval("d1", ApprovalPurpose.Emergency, REV, "dana", List.of("incident-commanders"),
        Duration.ofMinutes(1));
    ApprovalGate.Verdict approved = ApprovalGate.judge("web", List.of(ic), List.of(dana), REV, null, true, NOW);
    assertThat(approved.emergencyApproved()).isTrue();
    assertThat(approved.effectiveSpec(spec)).isSameAs(spec);
    assertThat(approved.approvedMessage()).startsWith("emergency approved by dana (at ");
    // Not an emergency: Emergency requirements and approvals play no part.
    ApprovalGate.Verdict calm = ApprovalGate.judge("web", List.of(ic), List.of(dana), REV, null, false, NOW);
    assertThat(calm.emergencyHeld()).isFalse();
    assertThat(calm.recordsApproval()).isFalse();
    assertThat(calm.statuses().get(0).getReason()).isEqualTo("spec.emergency is not set");
  }

  @Test
  void aHoldAnUnapprovedEmergencyWouldHaveBypassedSaysWhyItDidNot() {
    ApprovalRule ic = new ApprovalRule(ApprovalPurpose.Emergency, 1, List.of("ic"), List.of(), null, "LaunchPolicy p");
    LaunchPlanSpec spec = new LaunchPlanSpec();
    spec.setEmergency(true);
    ApprovalGate.Verdict held = ApprovalGate.judge("web", List.of(ic), List.of(), REV, null, true, NOW);
    LaunchPlanStatus status = new LaunchPlanStatus();
    status.setPhase(Phase.Pending);
    status.setQueuedAt(NOW.toString());
    LaneView busy = new LaneView("shop", "shop", "web", NOW.minusSeconds(10), List.of(new LaneView.Member("shop",
        "other", Phase.Canary, "LaunchStarted", NOW.minusSeconds(60), null, Duration.ZERO, NOW.minusSeconds(600), false,
        false)));
    Gates.Outcome outcome = Gates.check(held.effectiveSpec(spec), status, busy, CombinedPolicy.NONE, held, NOW);
    assertThat(outcome).isInstanceOfSatisfying(Hold.class, h -> {
      assertThat(h.reason()).isEqualTo(Reason.LaneBusy);
      assertThat(h.message()).contains("spec.emergency does not bypass it without its Emergency approvals");
    });
  }

  @Test
  void thePostmortemCountsOnlyWithPostmortemApprovalsOfTheRevertedRevision() {
    ApprovalRule owner = new ApprovalRule(ApprovalPurpose.Postmortem, 1, List.of("system-owners"), List.of(), null,
        "LaunchPolicy prod");
    LaunchPlanSpec spec = new LaunchPlanSpec();
    spec.setPostmortem(new PostmortemSpec(OLD, "bad cache key", "5xx for 2 min", "key includes tenant"));
    LaunchPlanStatus status = new LaunchPlanStatus();
    status.setPhase(Phase.Pending);
    status.setQueuedAt(NOW.toString());
    status.setLastRevertedRevision(OLD);
    LaneView lane = LaneView.alone("shop", "shop", "web", NOW);
    ApprovalView ofNewRevision = approval("p0", ApprovalPurpose.Postmortem, REV, "olga", List.of("system-owners"),
        Duration.ofMinutes(2));
    ApprovalGate.Verdict unreviewed = ApprovalGate.judge("web", List.of(owner), List.of(ofNewRevision), REV, OLD,
        false, NOW);
    assertThat(Gates.check(spec, status, lane, CombinedPolicy.NONE, unreviewed, NOW))
        .isInstanceOfSatisfying(Hold.class, h -> {
          assertThat(h.reason()).isEqualTo(Reason.ApprovalRequired);
          assertThat(h.message()).startsWith("the postmortem for reverted revision " + OLD + " waits for review: 0 of 1"
              + " Postmortem approval from group system-owners (LaunchPolicy prod)");
        });
    assertThat(unreviewed.statuses().get(0).getReason()).isEqualTo("it approves revision " + REV
        + ", not the reverted revision " + OLD);
    ApprovalView review = approval("p1", ApprovalPurpose.Postmortem, OLD, "olga", List.of("system-owners"),
        Duration.ofMinutes(1));
    ApprovalGate.Verdict reviewed = ApprovalGate.judge("web", List.of(owner), List.of(review), REV, OLD, false, NOW);
    assertThat(Gates.check(spec, status, lane, CombinedPolicy.NONE, reviewed, NOW))
        .isInstanceOfSatisfying(Gates.PostmortemAccepted.class, a -> assertThat(a.message())
            .contains("cause: bad cache key").contains("; reviewed by olga (at "));
  }

  @Test
  void aPolicysRequirementsComeThroughTheCombinedPolicyNamingIt() {
    LaunchPolicySpec p = new LaunchPolicySpec();
    p.setApprovals(List.of(new ApprovalRequirement(ApprovalPurpose.Launch, 2, List.of("sre-leads"), null, "24h")));
    CombinedPolicy combined = CombinedPolicy.of(List.of(new PolicyView("prod", p)));
    assertThat(combined.approvals()).containsExactly(TWO_LEADS);
    assertThat(combined.errors()).isEmpty();
  }
}
