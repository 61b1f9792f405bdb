package io.launchplan.plugin;

import io.fabric8.kubernetes.api.model.Condition;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.QueryStatus;
import java.time.Instant;
import java.util.List;

/** {@code get PLAN}: one plan in full — where it stands, what it waits for, its analysis and its timeline (pure). */
final class PlanDetail {
  private PlanDetail() {}

  static String of(LaunchPlan plan, Instant now) {
    LaunchPlanStatus s = plan.getStatus();
    StringBuilder out = new StringBuilder();
    field(out, "Name", plan.getMetadata().getName());
    field(out, "Namespace", plan.getMetadata().getNamespace());
    field(out, "Target", "Deployment " + Plans.target(plan));
    field(out, "Lane", Plans.lane(plan));
    if (s == null || s.getPhase() == null) {
      field(out, "Phase", "<new>: the operator has not written a status yet");
      return out.toString();
    }
    String phase = s.getPhase() + " for " + Plans.inPhase(plan, now)
        + (s.getReason() != null ? " (" + s.getReason() + ")" : "");
    field(out, "Phase", phase);
    if (s.getMessage() != null) {
      field(out, "Message", s.getMessage());
    }
    field(out, "Revision", PlanTable.dash(s.getRevision())
        + (s.getStableRevision() != null ? " (stable " + s.getStableRevision() + ")" : ""));
    if (s.getCanary() != null && s.getCanary().getSummary() != null) {
      field(out, "Canary", s.getCanary().getSummary() + " ready");
    }
    if (s.getFreeze() != null) {
      field(out, "Frozen", s.getFreeze().getBy() + ": " + s.getFreeze().getReason() + " (since " + s.getFreeze().getSince() + ")");
    }
    if (plan.getSpec() != null && plan.getSpec().emergency()) {
      field(out, "Emergency", "true (skips lane, cooldown and freezes)");
    }
    if (s.getLastRevertedRevision() != null && !s.getLastRevertedRevision().equals(s.getPostmortemAcceptedFor())) {
      field(out, "Postmortem", "owed for reverted revision " + s.getLastRevertedRevision());
    }
    field(out, "Waiting for", Plans.waitingFor(plan, now));
    analysis(out, s.getAnalysis());
    conditions(out, s.getConditions());
    timeline(out, Timeline.of(plan));
    return out.toString();
  }

  private static void analysis(StringBuilder out, List<QueryStatus> checks) {
    out.append("Analysis:\n");
    if (checks == null || checks.isEmpty()) {
      out.append("  (no analysis values yet)\n");
      return;
    }
    Table t = new Table(List.of("CHECK", "VALUE", "FIRING", "SINCE", "ERROR"));
    for (QueryStatus q : checks) {
      t.row(List.of(q.getName(), PlanTable.dash(q.getValue()), q.firing() ? "yes" : "no",
          PlanTable.dash(Timeline.seconds(q.getSince())), PlanTable.dash(q.getError())));
    }
    out.append(t.render().indent(2));
  }

  private static void conditions(StringBuilder out, List<Condition> conditions) {
    if (conditions == null || conditions.isEmpty()) {
      return;
    }
    out.append("Conditions:\n");
    Table t = new Table(List.of("TYPE", "STATUS", "REASON", "MESSAGE"));
    for (Condition c : conditions) {
      t.row(List.of(c.getType(), c.getStatus(), PlanTable.dash(c.getReason()), PlanTable.dash(c.getMessage())));
    }
    out.append(t.render().indent(2));
  }

  private static void timeline(StringBuilder out, List<HistoryEntry> history) {
    out.append("Timeline:\n");
    if (history.isEmpty()) {
      out.append("  (no transitions yet)\n");
      return;
    }
    out.append("  ").append(Timeline.header()).append('\n');
    for (HistoryEntry e : history) {
      out.append("  ").append(Timeline.line(e)).append('\n');
    }
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append(String.format("%-13s%s\n", name + ":", value));
  }
}
