package io.launchplan.gates;

import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The gates of the launch procedure that a new launch passes before its canary starts, in this
 * order: an owed postmortem, then the LaunchPolicies' rules ({@link PolicyGate}: a policy that
 * cannot be evaluated, a rule the plan breaks), then their launch windows, the lane (one launch at
 * a time, first come first served) and the lane's cooldown. {@code spec.emergency} skips the
 * windows, the lane and the cooldown (and, in the decision, a freeze: {@link FreezePrecedence}) but
 * never the postmortem or a policy's rules. Pure: the lane comes in as a {@link LaneView}, the
 * policies as a {@link CombinedPolicy}.
 */
public final class Gates {
  private Gates() {}

  /** What the gates say about starting a launch now. */
  public sealed interface Outcome permits Open, Hold, PostmortemAccepted {}

  /**
   * The launch may start.
   *
   * @param bypassed what an emergency launch skipped (lane and cooldown holds, as sentences); empty otherwise
   */
  public record Open(List<String> bypassed) implements Outcome {
    public Open {
      bypassed = List.copyOf(bypassed);
    }
  }

  /**
   * {@code spec.postmortem} settles the postmortem owed for {@code revision}: record it (history
   * reason {@code PostmortemAccepted}) before anything else happens.
   */
  public record PostmortemAccepted(String revision, String message) implements Outcome {}

  /** Checks the gates for a Pending plan whose status is {@code status} (its queuedAt already set). */
  public static Outcome check(LaunchPlanSpec spec, LaunchPlanStatus status, LaneView lane, CombinedPolicy policy,
      Instant now) {
    return check(spec, status, lane, policy, ApprovalGate.Verdict.NONE, now);
  }

  /**
   * As above, with the plan's LaunchApprovals judged ({@link ApprovalGate}): a complete postmortem
   * also needs its Postmortem approvals, and, after the policies' rules, the launch needs its Launch
   * approvals ({@code ApprovalRequired}); a hold an unapproved emergency would have bypassed says why not.
   */
  public static Outcome check(LaunchPlanSpec spec, LaunchPlanStatus status, LaneView lane, CombinedPolicy policy,
      ApprovalGate.Verdict approvals, Instant now) {
    Outcome postmortem = Postmortems.check(spec, status);
    if (postmortem instanceof PostmortemAccepted accepted && approvals.postmortem().required()) {
      Hold review = approvals.postmortemHold();
      return review != null ? review : new PostmortemAccepted(accepted.revision(), accepted.message()
          + "; reviewed by " + approvals.postmortem().approvers());
    }
    if (postmortem != null) {
      return postmortem;
    }
    Hold rules = PolicyGate.rules(spec, policy);
    if (rules != null) {
      return rules;
    }
    Hold approval = approvals.launchHold();
    if (approval != null) {
      return approval;
    }
    List<Hold> holds = new ArrayList<>();
    Hold window = PolicyGate.window(policy, now);
    if (window != null) {
      holds.add(window);
    }
    holds.addAll(LaneGate.holds(spec, status, lane, now));
    if (spec.emergency()) {
      return new Open(holds.stream().map(Hold::message).toList());
    }
    if (holds.isEmpty()) {
      return new Open(List.of());
    }
    Hold first = holds.get(0);
    return approvals.emergencyHeld()
        ? new Hold(first.reason(), first.message() + approvals.emergencyNote(), first.warning(), first.retryAt()) : first;
  }
}
