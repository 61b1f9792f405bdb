package io.launchplan.plugin;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import java.io.PrintWriter;
import java.util.List;

/** What the operator did after a control was set: the history entries it added since (pure but for printing). */
final class Controls {
  private Controls() {}

  /** The entries of {@code after} that {@code before} did not have. */
  static List<HistoryEntry> since(LaunchPlan before, LaunchPlan after) {
    return Timeline.after(after, Timeline.last(before));
  }

  static void print(PrintWriter out, List<HistoryEntry> entries) {
    for (HistoryEntry e : entries) {
      out.println("  " + Timeline.line(e));
    }
    out.flush();
  }

  /** The first entry with {@code reason}, or null. */
  static HistoryEntry find(List<HistoryEntry> entries, String reason) {
    return entries.stream().filter(e -> reason.equals(e.getReason())).findFirst().orElse(null);
  }
}
