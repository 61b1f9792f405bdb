package io.launchplan.gates;

import io.launchplan.api.ApprovalPurpose;
import io.launchplan.api.ApprovalRequirement;
import io.launchplan.api.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One approval requirement, read ({@code validFor} parsed), with who set it: a LaunchPolicy, or the
 * plan's own {@code spec.approvals}.
 *
 * @param by who asks for it, e.g. {@code LaunchPolicy prod} or {@code spec.approvals}
 * @param validFor how old an approval may be to count, or null when it does not expire
 */
public record ApprovalRule(ApprovalPurpose purpose, int count, List<String> groups, List<String> users,
    Duration validFor, String by) {
  public ApprovalRule {
    groups = List.copyOf(groups);
    users = List.copyOf(users);
  }

  /** {@code r}, set by {@code by}; throws IllegalArgumentException when its {@code validFor} cannot be read. */
  public static ApprovalRule of(ApprovalRequirement r, String by) {
    if (r.getPurpose() == null) {
      throw new IllegalArgumentException("approvals: a requirement has no purpose");
    }
    Duration validFor;
    try {
      validFor = r.getValidFor() == null || r.getValidFor().isBlank() ? null : Durations.window(r.getValidFor(), null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("approvals " + r.getPurpose() + " validFor: " + e.getMessage(), e);
    }
    return new ApprovalRule(r.getPurpose(), r.countOrDefault(), r.groupsOrEmpty(), r.usersOrEmpty(), validFor, by);
  }

  /** Whether {@code approver} is someone this rule accepts: named in {@code users}, or in one of {@code groups}. */
  boolean accepts(ApprovalView approver) {
    if (groups.isEmpty() && users.isEmpty()) {
      return true;
    }
    return users.contains(approver.username()) || approver.groups().stream().anyMatch(groups::contains);
  }

  /** Who may approve, as words: {@code group sre-leads}, {@code user alice or group sre-leads}, {@code anyone}. */
  String who() {
    List<String> who = new ArrayList<>();
    users.forEach(u -> who.add("user " + u));
    groups.forEach(g -> who.add("group " + g));
    return who.isEmpty() ? "anyone" : String.join(" or ", who);
  }

  /** What is missing when {@code have} approvers count: {@code 1 of 2 Launch approvals from group sre-leads (LaunchPolicy prod)}. */
  String missing(int have) {
    return have + " of " + count + " " + purpose + " approval" + (count == 1 ? "" : "s") + " from " + who()
        + (validFor != null ? " (each at most " + Durations.format(validFor) + " old)" : "") + " (" + by + ")";
  }
}
