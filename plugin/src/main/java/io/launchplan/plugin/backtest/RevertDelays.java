package io.launchplan.plugin.backtest;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The plan's own past reverts, from its status history (pure): for each move to {@code Reverting},
 * how long after its canary became ready ({@code CanaryReady}) the revert was decided, and whether
 * the canary's observation window ({@code canary.observe}) would have covered the slowest revert the
 * analysis decided. The history is bounded (the operator keeps the last entries), so old launches
 * may be gone from it.
 */
public final class RevertDelays {
  private RevertDelays() {}

  /**
   * One revert.
   *
   * @param revision the reverted revision
   * @param canaryReadyAt when its canary became ready (null when the history no longer has it)
   * @param decidedAt when the revert was decided
   * @param delay {@code decidedAt − canaryReadyAt}; 0 when decided in {@code Canary}, before the canary was ready;
   *     null when the history no longer has the canary's ready time
   * @param reason why ({@code AnalysisRevert}, {@code Aborted}, {@code CanaryNotReady}, ...)
   * @param phase the phase the launch was in when the revert was decided
   * @param message the operator's message (which check fired)
   */
  public record Revert(String revision, Instant canaryReadyAt, Instant decidedAt, Duration delay, String reason,
      String phase, String message) {
    /** Whether the analysis decided it (a query or alert fired), rather than a person or a broken canary. */
    public boolean byAnalysis() {
      return "AnalysisRevert".equals(reason);
    }
  }

  /**
   * What the history says.
   *
   * @param reverts every revert in the history, oldest first
   * @param observe the plan's {@code canary.observe}
   * @param slowest the longest delay of a revert decided by the analysis (null when there is none)
   * @param covered whether {@code observe} is at least {@code slowest} (null when there is nothing to compare)
   */
  public record Summary(List<Revert> reverts, Duration observe, Duration slowest, Boolean covered) {}

  public static Summary of(List<HistoryEntry> history, Duration observe) {
    List<HistoryEntry> sorted = new ArrayList<>();
    for (HistoryEntry e : history == null ? List.<HistoryEntry>of() : history) {
      if (time(e) != null) {
        sorted.add(e);
      }
    }
    sorted.sort(Comparator.comparing(RevertDelays::time));
    List<Revert> reverts = new ArrayList<>();
    HistoryEntry ready = null;
    Phase before = null;
    for (HistoryEntry e : sorted) {
      if ("CanaryReady".equals(e.getReason())) {
        ready = e;
      } else if (e.getPhase() == Phase.Reverting && before != Phase.Reverting) {
        boolean same = ready != null && (e.getRevision() == null || ready.getRevision() == null
            || e.getRevision().equals(ready.getRevision()));
        Instant readyAt = same ? time(ready) : null;
        Instant at = time(e);
        // decided while the canary was starting: caught before the window began, 0s into it
        Duration delay = readyAt != null ? Duration.between(readyAt, at) : before == Phase.Canary ? Duration.ZERO : null;
        reverts.add(new Revert(e.getRevision(), readyAt, at, delay, e.getReason(), before == null ? null : before.name(),
            e.getMessage()));
        ready = null;
      }
      before = e.getPhase();
    }
    Duration slowest = reverts.stream().filter(r -> r.byAnalysis() && r.delay() != null).map(Revert::delay)
        .max(Comparator.naturalOrder()).orElse(null);
    return new Summary(reverts, observe, slowest, slowest == null ? null : observe.compareTo(slowest) >= 0);
  }

  private static Instant time(HistoryEntry e) {
    try {
      return e.getAt() == null ? null : Instant.parse(e.getAt());
    } catch (DateTimeParseException ex) {
      return null;
    }
  }
}
