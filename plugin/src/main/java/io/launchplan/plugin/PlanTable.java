package io.launchplan.plugin;

import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The table of {@code get}: one row per plan (pure). */
final class PlanTable {
  private static final List<String> HEADERS =
      List.of("NAME", "PHASE", "FOR", "REASON", "TARGET", "REVISION", "CANARY", "AGE", "HELD BY");

  private PlanTable() {}

  static Table of(List<LaunchPlan> plans, boolean withNamespace, Instant now) {
    List<String> headers = new ArrayList<>();
    if (withNamespace) {
      headers.add("NAMESPACE");
    }
    headers.addAll(HEADERS);
    Table table = new Table(headers);
    for (LaunchPlan plan : plans) {
      table.row(row(plan, withNamespace, now));
    }
    return table;
  }

  static List<String> row(LaunchPlan plan, boolean withNamespace, Instant now) {
    LaunchPlanStatus s = plan.getStatus();
    List<String> cells = new ArrayList<>();
    if (withNamespace) {
      cells.add(plan.getMetadata().getNamespace());
    }
    cells.add(plan.getMetadata().getName());
    cells.add(Plans.phaseText(plan));
    cells.add(dash(Plans.inPhase(plan, now)));
    cells.add(dash(s == null ? null : s.getReason()));
    cells.add(dash(Plans.target(plan)));
    cells.add(dash(s == null ? null : s.getRevision()));
    cells.add(dash(s == null || s.getCanary() == null ? null : s.getCanary().getSummary()));
    cells.add(Ages.since(plan.getMetadata().getCreationTimestamp(), now));
    cells.add(dash(Plans.holder(plan)));
    return cells;
  }

  /** What a watch compares to decide whether a row changed (not the ages, which change every second). */
  static List<String> identity(LaunchPlan plan) {
    LaunchPlanStatus s = plan.getStatus();
    return List.of(Plans.phaseText(plan), String.valueOf(s == null ? null : s.getReason()),
        String.valueOf(s == null ? null : s.getRevision()),
        String.valueOf(s == null || s.getCanary() == null ? null : s.getCanary().getSummary()), Plans.holder(plan));
  }

  static String dash(String value) {
    return value == null || value.isBlank() ? "-" : value;
  }
}
