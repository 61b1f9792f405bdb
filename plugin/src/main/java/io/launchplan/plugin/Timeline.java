package io.launchplan.plugin;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import java.util.List;
import java.util.Objects;

/** A plan's history as lines a person reads top to bottom (pure). */
final class Timeline {
  private Timeline() {}

  static List<HistoryEntry> of(LaunchPlan plan) {
    return plan.getStatus() == null || plan.getStatus().getHistory() == null ? List.of() : plan.getStatus().getHistory();
  }

  /** Entries after the first {@code seen} ones; the whole history when it was cut at its cap meanwhile. */
  static List<HistoryEntry> after(LaunchPlan plan, HistoryEntry lastSeen) {
    List<HistoryEntry> all = of(plan);
    if (lastSeen == null) {
      return all;
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      if (same(all.get(i), lastSeen)) {
        return all.subList(i + 1, all.size());
      }
    }
    return all;
  }

  static HistoryEntry last(LaunchPlan plan) {
    List<HistoryEntry> all = of(plan);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  /** One line: time, phase, reason, revision, message; fixed widths so streamed lines align. */
  static String line(HistoryEntry e) {
    return String.format("%-20s  %-10s  %-20s  %-10s  %s", seconds(e.getAt()), e.getPhase(), nz(e.getReason()),
        nz(e.getRevision()), nz(e.getMessage()).replace('\n', ' ')).stripTrailing();
  }

  static String header() {
    return String.format("%-20s  %-10s  %-20s  %-10s  %s", "TIME", "PHASE", "REASON", "REVISION", "MESSAGE");
  }

  private static boolean same(HistoryEntry a, HistoryEntry b) {
    return Objects.equals(a.getAt(), b.getAt()) && a.getPhase() == b.getPhase()
        && Objects.equals(a.getReason(), b.getReason()) && Objects.equals(a.getMessage(), b.getMessage());
  }

  /** RFC 3339 cut to whole seconds (the history keeps milliseconds). */
  static String seconds(String at) {
    if (at == null) {
      return "";
    }
    int dot = at.indexOf('.');
    return dot < 0 ? at : at.substring(0, dot) + "Z";
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
