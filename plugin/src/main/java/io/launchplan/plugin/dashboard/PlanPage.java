package io.launchplan.plugin.dashboard;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.QueryStatus;
import io.launchplan.plugin.Ages;
import io.launchplan.plugin.Plans;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A plan's page: its overview row, the launch's time span, the timeline and its marks, checks, notices (pure). */
final class PlanPage {
  private PlanPage() {}

  /** A moment to mark on every chart: a pause, a resume, a promotion, a revert, the end. */
  record Mark(String at, String kind, String label) {}

  /** A notice the operator owed for a history entry, and whether it was delivered (or given up on). */
  record Notice(String at, String phase, String reason, boolean sent) {}

  record View(Overview.Row row, String target, String waitingFor, String launchStartedAt, String endedAt, String from, String to,
      List<HistoryEntry> timeline, List<Mark> marks, List<QueryStatus> analysis, List<ChartQueries.Chart> charts,
      List<Notice> notices, int webhooks, boolean active, boolean paused) {}

  static View of(LaunchPlan plan, Instant now) {
    LaunchPlanStatus s = plan.getStatus();
    List<HistoryEntry> history = s == null || s.getHistory() == null ? List.of() : s.getHistory();
    Instant started = launchStart(plan, history);
    Instant ended = s == null ? null : Ages.parse(s.getEndedAt());
    Instant from = started == null ? now.minus(Duration.ofMinutes(10)) : started.minusSeconds(30);
    Instant to = ended != null && ended.isAfter(from) && Plans.phase(plan) != null && Plans.phase(plan).isTerminal()
        ? ended.plusSeconds(30) : now;
    Phase phase = Plans.phase(plan);
    int webhooks = plan.getSpec() == null || plan.getSpec().getNotify() == null || plan.getSpec().getNotify().getWebhooks() == null
        ? 0 : plan.getSpec().getNotify().getWebhooks().size();
    return new View(Overview.row(plan, null, null, now), Plans.target(plan), Plans.waitingFor(plan, now),
        started == null ? null : started.toString(), s == null ? null : s.getEndedAt(), from.toString(), to.toString(),
        history, marks(history), s == null || s.getAnalysis() == null ? List.of() : s.getAnalysis(), ChartQueries.of(plan),
        notices(history, s, webhooks), webhooks, phase != null && phase.isActive(),
        plan.getSpec() != null && plan.getSpec().paused());
  }

  /** When the launch of the current revision started: status.launchStartedAt, else its first history entry. */
  private static Instant launchStart(LaunchPlan plan, List<HistoryEntry> history) {
    LaunchPlanStatus s = plan.getStatus();
    if (s == null) {
      return null;
    }
    Instant at = Ages.parse(s.getLaunchStartedAt());
    if (at != null) {
      return at;
    }
    return history.stream().filter(e -> e.getRevision() != null && e.getRevision().equals(s.getRevision()))
        .map(e -> Ages.parse(e.getAt())).filter(a -> a != null).findFirst().orElse(null);
  }

  static List<Mark> marks(List<HistoryEntry> history) {
    List<Mark> marks = new ArrayList<>();
    for (HistoryEntry e : history) {
      String kind = "Resumed".equals(e.getReason()) ? "resume" : switch (e.getPhase()) {
        case Paused -> "pause";
        case Reverting -> "revert";
        case RollingOut -> "promote";
        case Succeeded, Reverted -> "end";
        default -> null;
      };
      if (kind != null) {
        marks.add(new Mark(e.getAt(), kind, e.getPhase() + " (" + e.getReason() + ")"));
      }
    }
    return marks;
  }

  /**
   * The notices of the launch: one per history entry while the plan has webhooks; those up to
   * {@code status.notifiedThrough} were delivered or given up on, the later ones are still owed.
   */
  static List<Notice> notices(List<HistoryEntry> history, LaunchPlanStatus s, int webhooks) {
    if (webhooks == 0 || s == null) {
      return List.of();
    }
    Instant through = Ages.parse(s.getNotifiedThrough());
    return history.stream().map(e -> {
      Instant at = Ages.parse(e.getAt());
      return new Notice(e.getAt(), String.valueOf(e.getPhase()), e.getReason(), through != null && at != null && !at.isAfter(through));
    }).toList();
  }
}
