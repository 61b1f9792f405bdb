package io.launchplan.gates;

import io.launchplan.api.ApprovalPurpose;
import io.launchplan.api.ApprovalStatus;
import io.launchplan.api.Durations;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts a plan's LaunchApprovals against the requirements of its LaunchPolicies and its own
 * {@code spec.approvals}. Per purpose, every requirement must hold: {@code count} distinct
 * approvers it accepts (by username, or by one of the groups the approval records), each approval
 * for the exact revision asked ({@code Launch} and {@code Emergency}: the plan's revision;
 * {@code Postmortem}: the reverted revision whose postmortem is owed) and younger than the
 * requirement's {@code validFor} at {@code now}. One approver's several approvals count once; one
 * approval may count for several requirements. Approvals for another revision, expired ones, and
 * ones from approvers no requirement accepts do not count, and each says why
 * ({@link Verdict#statuses}). Pure: approvals come in as {@link ApprovalView}s, the clock as {@code now}.
 */
public final class ApprovalGate {
  /** At most this many approvals are listed in {@code status.approvals} (the newest). */
  static final int STATUS_LIMIT = 20;

  private ApprovalGate() {}

  /**
   * The count for one purpose and revision.
   *
   * @param rules the requirements of that purpose
   * @param missing what each unmet requirement lacks, as sentences; empty when all hold
   * @param counted the approvals that count, oldest first
   */
  public record Tally(ApprovalPurpose purpose, String revision, List<ApprovalRule> rules, List<String> missing,
      List<ApprovalView> counted) {
    static Tally none(ApprovalPurpose purpose) {
      return new Tally(purpose, null, List.of(), List.of(), List.of());
    }

    public boolean required() {
      return !rules.isEmpty();
    }

    public boolean satisfied() {
      return missing.isEmpty();
    }

    /** {@code alice (at 2026-...Z: "looks good"), bob (at ...)}: who approved, when, and what they said. */
    public String approvers() {
      return counted.stream().map(a -> a.username() + " (at " + a.createdAt()
          + (a.comment() == null || a.comment().isBlank() ? "" : ": \"" + a.comment().strip() + "\"") + ")")
          .collect(Collectors.joining(", "));
    }

    /** Who may approve what is missing, and how. */
    String ask(String plan) {
      return String.join("; ", missing) + "; create a LaunchApproval {planName: " + plan + ", revision: " + revision
          + ", purpose: " + purpose + "} as one of them (docs/approvals.md)";
    }
  }

  /**
   * A plan's approvals judged for its launch.
   *
   * @param emergencyAsked whether the plan says {@code spec.emergency: true}
   * @param statuses every approval naming the plan, whether it counts and why not
   */
  public record Verdict(String plan, Tally launch, Tally emergency, Tally postmortem, boolean emergencyAsked,
      List<ApprovalStatus> statuses) {
    /** No requirement and no approval. */
    public static final Verdict NONE = new Verdict("", Tally.none(ApprovalPurpose.Launch),
        Tally.none(ApprovalPurpose.Emergency), Tally.none(ApprovalPurpose.Postmortem), false, List.of());

    /**
     * Whether {@code spec.emergency} may bypass freezes, windows, lanes and cooldowns: it is set,
     * and every Emergency requirement holds.
     */
    public boolean emergencyApproved() {
      return emergencyAsked && emergency.satisfied();
    }

    /** Whether the plan asks for an emergency that lacks its Emergency approvals. */
    public boolean emergencyHeld() {
      return emergencyAsked && !emergency.satisfied();
    }

    /**
     * {@code spec} as the launch is decided by: without {@code emergency} while its Emergency
     * approvals are missing, so nothing is bypassed. {@code spec} itself is not changed.
     */
    public LaunchPlanSpec effectiveSpec(LaunchPlanSpec spec) {
      if (!emergencyHeld() || !spec.emergency()) {
        return spec;
      }
      LaunchPlanSpec copy = Specs.copy(spec);
      copy.setEmergency(false);
      return copy;
    }

    /** Appended to a hold an emergency would have bypassed: why it does not. */
    public String emergencyNote() {
      return emergencyHeld() ? "; spec.emergency does not bypass it without its Emergency approvals: "
          + emergency.ask(plan) : "";
    }

    /** The hold while Launch approvals are missing, or null. */
    Hold launchHold() {
      if (launch.satisfied()) {
        return null;
      }
      return new Hold(Reason.ApprovalRequired, "revision " + launch.revision() + " waits for approval: "
          + launch.ask(plan), false, null);
    }

    /** The hold while a complete postmortem lacks its Postmortem approvals, or null. */
    Hold postmortemHold() {
      if (postmortem.satisfied()) {
        return null;
      }
      return new Hold(Reason.ApprovalRequired, "the postmortem for reverted revision " + postmortem.revision()
          + " waits for review: " + postmortem.ask(plan), false, null);
    }

    /** Whether the launch, once every gate is open, records who approved it first ({@code Approved}). */
    public boolean recordsApproval() {
      return launch.required() || (emergencyAsked && emergency.required());
    }

    /** The {@code Approved} step's message. */
    public String approvedMessage() {
      List<String> parts = new ArrayList<>();
      if (launch.required()) {
        parts.add("revision " + launch.revision() + " approved for Launch by " + launch.approvers());
      }
      if (emergencyAsked && emergency.required()) {
        parts.add("emergency approved by " + emergency.approvers());
      }
      return String.join("; ", parts);
    }
  }

  /**
   * Judges {@code approvals} (those naming the plan {@code plan}) against {@code rules} at {@code now}.
   *
   * @param revision the plan's revision, what Launch and Emergency approvals must name
   * @param owedPostmortem the reverted revision whose postmortem is owed, or null when none is
   * @param emergency whether the plan says {@code spec.emergency: true}
   */
  public static Verdict judge(String plan, List<ApprovalRule> rules, List<ApprovalView> approvals, String revision,
      String owedPostmortem, boolean emergency, Instant now) {
    if (rules.isEmpty() && approvals.isEmpty()) {
      return Verdict.NONE;
    }
    List<ApprovalView> sorted = approvals.stream()
        .sorted(Comparator.comparing(ApprovalView::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ApprovalView::name)).toList();
    Tally launch = tally(ApprovalPurpose.Launch, revision, rules, sorted, now);
    Tally emergencyTally = emergency ? tally(ApprovalPurpose.Emergency, revision, rules, sorted, now)
        : Tally.none(ApprovalPurpose.Emergency);
    Tally postmortem = owedPostmortem != null ? tally(ApprovalPurpose.Postmortem, owedPostmortem, rules, sorted, now)
        : Tally.none(ApprovalPurpose.Postmortem);
    Map<ApprovalPurpose, Tally> tallies = Map.of(ApprovalPurpose.Launch, launch,
        ApprovalPurpose.Emergency, emergencyTally, ApprovalPurpose.Postmortem, postmortem);
    List<ApprovalStatus> statuses = new ArrayList<>();
    for (ApprovalView a : sorted) {
      Tally t = tallies.get(a.purpose());
      String why = t == null ? "it has no purpose" : whyNot(a, t, emergency, owedPostmortem != null, now);
      statuses.add(new ApprovalStatus(a.name(), a.purpose(), a.username(), a.revision(),
          a.createdAt() != null ? a.createdAt().toString() : null, why == null, why));
    }
    while (statuses.size() > STATUS_LIMIT) {
      statuses.remove(0);
    }
    return new Verdict(plan, launch, emergencyTally, postmortem, emergency, statuses);
  }

  private static Tally tally(ApprovalPurpose purpose, String revision, List<ApprovalRule> all,
      List<ApprovalView> approvals, Instant now) {
    List<ApprovalRule> rules = all.stream().filter(r -> r.purpose() == purpose).toList();
    List<String> missing = new ArrayList<>();
    Map<String, ApprovalView> counted = new LinkedHashMap<>();
    for (ApprovalRule rule : rules) {
      Set<String> approvers = new LinkedHashSet<>();
      for (ApprovalView a : approvals) {
        if (a.purpose() == purpose && a.revision().equals(revision) && rule.accepts(a) && fresh(a, rule, now)
            && approvers.add(a.username())) {
          counted.putIfAbsent(a.username(), a);
        }
      }
      if (approvers.size() < rule.count()) {
        missing.add(rule.missing(approvers.size()));
      }
    }
    List<ApprovalView> counts = new ArrayList<>(counted.values());
    return new Tally(purpose, revision, rules, missing, counts);
  }

  private static boolean fresh(ApprovalView a, ApprovalRule rule, Instant now) {
    return rule.validFor() == null || (a.createdAt() != null && now.isBefore(a.createdAt().plus(rule.validFor())));
  }

  /** Why {@code a} does not count in {@code t}, or null when it counts. */
  private static String whyNot(ApprovalView a, Tally t, boolean emergency, boolean postmortemOwed, Instant now) {
    if (t.counted().contains(a)) {
      return null;
    }
    if (a.purpose() == ApprovalPurpose.Emergency && !emergency) {
      return "spec.emergency is not set";
    }
    if (a.purpose() == ApprovalPurpose.Postmortem && !postmortemOwed) {
      return "no postmortem is owed";
    }
    if (!a.revision().equals(t.revision())) {
      return "it approves revision " + a.revision() + ", not " + (a.purpose() == ApprovalPurpose.Postmortem
          ? "the reverted revision " : "the plan's revision ") + t.revision();
    }
    if (t.rules().isEmpty()) {
      return "no " + a.purpose() + " approval is required";
    }
    if (t.counted().stream().anyMatch(c -> c.username().equals(a.username()))) {
      return "another approval by " + a.username() + " counts already";
    }
    List<ApprovalRule> accepting = t.rules().stream().filter(r -> r.accepts(a)).toList();
    if (accepting.isEmpty()) {
      return a.username() + (a.groups().isEmpty() ? "" : " (groups " + String.join(", ", a.groups()) + ")")
          + " is not an approver any requirement accepts: " + t.rules().stream()
              .map(r -> r.who() + " (" + r.by() + ")").distinct().collect(Collectors.joining("; "));
    }
    ApprovalRule r = accepting.get(0);
    if (!fresh(a, r, now)) {
      return "expired at " + (a.createdAt() == null ? "?" : a.createdAt().plus(r.validFor())) + " (validFor "
          + Durations.format(r.validFor()) + ", " + r.by() + ")";
    }
    return "not needed";
  }
}
