package io.launchplan.notify;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlanStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How far a plan's notices are sent, as {@code status.notifiedThrough}: the {@code at} of the
 * newest history entry whose notices are settled (delivered, or given up on after the last try).
 * The entries after that mark are the ones a (restarted) operator still owes. Pure.
 *
 * <p>Rules:
 * <ul>
 *   <li>A plan with no mark yet starts at {@link #NONE} when its history is empty (a new plan:
 *       every entry is owed), and at its newest entry otherwise (a plan written before the field
 *       existed, or whose webhooks were just added): old transitions are not announced late.
 *   <li>The entries owed are those after the last entry whose {@code at} is the mark; if that
 *       entry fell off the capped history, those whose {@code at} is later than the mark.
 *   <li>The mark moves over settled entries, oldest first, stopping at the first one that is not
 *       settled, and never splits entries that share one {@code at} (one decision may add two).
 * </ul>
 */
public final class NoticeCursor {
  /** The mark of a plan none of whose entries has been announced yet. */
  public static final String NONE = Instant.EPOCH.toString();

  private NoticeCursor() {}

  /** Where a plan's notices stand before this reconcile, from its status as stored. */
  public static String start(LaunchPlanStatus stored) {
    String mark = stored == null ? null : stored.getNotifiedThrough();
    if (mark != null && parse(mark) != null) {
      return mark;
    }
    List<HistoryEntry> history = history(stored);
    return history.isEmpty() ? NONE : Objects.requireNonNullElse(history.get(history.size() - 1).getAt(), NONE);
  }

  /** The entries after {@code mark}, oldest first. */
  public static List<HistoryEntry> owed(List<HistoryEntry> history, String mark) {
    List<HistoryEntry> all = history == null ? List.of() : history;
    for (int i = all.size() - 1; i >= 0; i--) {
      if (mark.equals(all.get(i).getAt())) {
        return all.subList(i + 1, all.size());
      }
    }
    Instant since = parse(mark);
    return all.stream().filter(e -> {
      Instant at = parse(e.getAt());
      return since == null || at == null || at.isAfter(since); // unreadable: owed (at least once)
    }).toList();
  }

  /** The new mark: past the owed entries that are settled, oldest first. */
  public static String advance(List<HistoryEntry> history, String mark, Predicate<HistoryEntry> settled) {
    List<HistoryEntry> owed = owed(history, mark);
    String result = mark;
    for (int i = 0; i < owed.size(); i++) {
      HistoryEntry e = owed.get(i);
      if (!settled.test(e)) {
        break;
      }
      boolean lastOfItsInstant = i + 1 == owed.size() || !Objects.equals(owed.get(i + 1).getAt(), e.getAt());
      if (lastOfItsInstant && e.getAt() != null) {
        result = e.getAt();
      }
    }
    return result;
  }

  /** Names one entry of a plan's history, for telling whether its notice is already queued. */
  public static String key(HistoryEntry e) {
    return e.getAt() + " " + e.getPhase() + " " + e.getReason() + " " + e.getRevision();
  }

  private static List<HistoryEntry> history(LaunchPlanStatus status) {
    return status == null || status.getHistory() == null ? List.of() : status.getHistory();
  }

  private static Instant parse(String at) {
    try {
      return at == null ? null : Instant.parse(at);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
