package io.launchplan.gates;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.launchplan.api.Durations;
import io.launchplan.api.LaunchWindow;
import io.launchplan.api.WindowKind;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;

/**
 * Launch windows: when launches may start. A window opens at each time its crontab schedule names
 * in its time zone (parsed and stepped by cron-utils, never by hand) and stays open for its
 * duration of wall-clock time, so business hours stay business hours on the days the clocks
 * change. A Deny window that is open closes launches whatever the Allow windows say; when there is
 * any Allow window, launches may start only inside one.
 */
public final class LaunchWindows {
  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  /** How far ahead the next opening or closing is looked for. */
  static final Duration HORIZON = Duration.ofDays(366);
  /** At most this many steps from one window edge to the next (a window every minute gives up after a week). */
  private static final int MAX_STEPS = 10_000;

  /**
   * The schedule is stepped on the wall clock: cron-utils runs it in a zone without clock changes and
   * {@link Window#instant} maps its times into the window's zone (cron-utils' own zone handling skips
   * a start that falls in the hour the clocks skip).
   */
  private static final ZoneId WALL = ZoneOffset.UTC;

  private LaunchWindows() {}

  private static ZonedDateTime wall(LocalDateTime local) {
    return local.atZone(WALL);
  }

  /**
   * One window of one policy, compiled.
   *
   * @param index its place in the policy's {@code windows} list
   */
  public record Window(String policy, int index, WindowKind kind, String schedule, ExecutionTime times,
      Duration duration, ZoneId zone, String reason) {

    /**
     * The start of the occurrence that contains {@code t}, as a wall-clock time, or empty when the
     * window is closed at {@code t}. Only the latest start at or before {@code t} can contain it (every
     * occurrence lasts as long). The probe starts an hour ahead on the wall clock, since after the
     * clocks go back a start written later on the clock may have come earlier.
     */
    Optional<LocalDateTime> occurrence(Instant t) {
      ZonedDateTime probe = wall(LocalDateTime.ofInstant(t, zone).plusHours(1)).truncatedTo(ChronoUnit.MINUTES);
      Optional<ZonedDateTime> start = times.isMatch(probe) ? Optional.of(probe) : times.lastExecution(probe);
      for (int i = 0; i < 4 && start.isPresent(); i++) {
        LocalDateTime s = start.get().toLocalDateTime();
        if (!instant(s).isAfter(t)) {
          return end(s).isAfter(t) ? Optional.of(s) : Optional.empty();
        }
        start = times.lastExecution(start.get());
      }
      return Optional.empty();
    }

    boolean openAt(Instant t) {
      return occurrence(t).isPresent();
    }

    /** When the occurrence starting at wall-clock time {@code start} ends: its duration later on the wall clock. */
    Instant end(LocalDateTime start) {
      return instant(start.plus(duration));
    }

    /** The next opening strictly after {@code t}, if the schedule has one. */
    Optional<Instant> nextStart(Instant t) {
      Optional<ZonedDateTime> start = times.nextExecution(wall(LocalDateTime.ofInstant(t, zone)));
      for (int i = 0; i < 4 && start.isPresent(); i++) {
        Instant at = instant(start.get().toLocalDateTime());
        if (at.isAfter(t)) {
          return Optional.of(at);
        }
        start = times.nextExecution(start.get());
      }
      return Optional.empty();
    }

    /**
     * The instant of a wall-clock time in the window's zone. A time the clocks skip (02:30 on the night
     * they go forward) is the moment they jump, as cron runs such jobs; a time they show twice is its
     * first showing.
     */
    Instant instant(LocalDateTime local) {
      ZoneRules rules = zone.getRules();
      List<ZoneOffset> offsets = rules.getValidOffsets(local);
      if (offsets.isEmpty()) {
        return rules.getTransition(local).getInstant();
      }
      return local.toInstant(offsets.get(0));
    }

    /** How the window reads in a message: {@code Allow window "business hours" (0 9 * * 1-4 for 9h, Europe/Paris)}. */
    public String describe() {
      return kind + " window " + (reason != null && !reason.isBlank() ? "\"" + reason + "\" " : "") + "(" + schedule
          + " for " + Durations.format(duration) + ", " + zone.getId() + ")";
    }
  }

  /**
   * Whether launches may start at one moment, and until when that holds.
   *
   * @param open launches may start
   * @param by when closed, the Deny window that is open, or null when it is closed because no Allow window is
   * @param nextChange when {@code open} flips, or null when it does not within {@link #HORIZON}
   */
  public record State(boolean open, Window by, Instant nextChange) {}

  /**
   * Compiles window {@code index} of policy {@code policy}.
   *
   * @throws IllegalArgumentException naming the window and what is wrong (schedule, zone, duration)
   */
  public static Window compile(String policy, int index, LaunchWindow w) {
    String where = "windows[" + index + "]";
    if (w.getKind() == null) {
      throw new IllegalArgumentException(where + ".kind is missing (Allow or Deny)");
    }
    ExecutionTime times;
    try {
      Cron cron = PARSER.parse(w.getSchedule() == null ? "" : w.getSchedule().trim());
      times = ExecutionTime.forCron(cron.validate());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ".schedule '" + w.getSchedule() + "' is not a crontab schedule"
          + " (minute hour day-of-month month day-of-week, e.g. 0 9 * * 1-4): " + e.getMessage(), e);
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(w.timeZoneOrDefault());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(where + ".timeZone '" + w.getTimeZone() + "' is not an IANA time zone: "
          + e.getMessage(), e);
    }
    Duration duration;
    try {
      duration = Durations.parse(w.getDuration(), null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ".duration: " + e.getMessage(), e);
    }
    if (duration == null || duration.isZero() || duration.compareTo(LaunchWindow.MAX_DURATION) > 0) {
      throw new IllegalArgumentException(where + ".duration '" + w.getDuration() + "' must be longer than 0s and at most "
          + LaunchWindow.MAX_DURATION_TEXT);
    }
    return new Window(policy, index, w.getKind(), w.getSchedule().trim(), times, duration, zone, w.getReason());
  }

  /** Whether launches may start at {@code t} under {@code windows}, and when that next changes. */
  public static State state(List<Window> windows, Instant t) {
    Window by = closedBy(windows, t);
    boolean open = by == null && !outsideAllows(windows, t);
    return new State(open, by, nextChange(windows, t, open));
  }

  /** The first Deny window open at {@code t}, or null. */
  private static Window closedBy(List<Window> windows, Instant t) {
    return windows.stream().filter(w -> w.kind() == WindowKind.Deny && w.openAt(t)).findFirst().orElse(null);
  }

  private static boolean outsideAllows(List<Window> windows, Instant t) {
    List<Window> allows = windows.stream().filter(w -> w.kind() == WindowKind.Allow).toList();
    return !allows.isEmpty() && allows.stream().noneMatch(w -> w.openAt(t));
  }

  private static boolean open(List<Window> windows, Instant t) {
    return closedBy(windows, t) == null && !outsideAllows(windows, t);
  }

  /**
   * The first moment after {@code t} at which {@code open} no longer holds: it can only change where a
   * window opens or closes, so step from one such edge to the next.
   */
  private static Instant nextChange(List<Window> windows, Instant t, boolean open) {
    if (windows.isEmpty()) {
      return null;
    }
    Instant limit = t.plus(HORIZON);
    Instant cur = t;
    for (int step = 0; step < MAX_STEPS; step++) {
      Instant next = null;
      for (Window w : windows) {
        Optional<LocalDateTime> occurrence = w.occurrence(cur);
        if (occurrence.isPresent()) {
          next = earliest(next, w.end(occurrence.get()));
        }
        Optional<Instant> start = w.nextStart(cur);
        if (start.isPresent()) {
          next = earliest(next, start.get());
        }
      }
      if (next == null || next.isAfter(limit)) {
        return null;
      }
      if (open(windows, next) != open) {
        return next;
      }
      cur = next;
    }
    return null;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }
}
