package io.launchplan.gates;

import io.launchplan.api.Durations;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import io.launchplan.api.Reason.Meaning;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One launch at a time per lane, first come first served, and a quiet period after each.
 *
 * <p><b>Lane</b>: a plan waits (LaneBusy) while another plan of the lane is active, or while a
 * plan queued before it still waits. The queue is ordered by {@code status.queuedAt} (when a plan
 * entered Pending with its current revision), then creation timestamp, then namespace/name: a
 * total order, so two plans deciding at once never both think they are first. A Pending plan
 * waits in the queue only while nothing but the lane holds it (or it has not been judged yet); one
 * held by its own problem (a freeze, a missing target, an owed postmortem...) lets the others pass,
 * and takes its place back as soon as that hold lifts, even before its own status says so (a
 * freeze lifted for two plans at once: the one that waited longer goes first).
 * Emergency plans never queue.
 *
 * <p><b>Cooldown</b>: every launch that ended in the lane (Succeeded or Reverted) keeps it quiet
 * for that plan's own {@code spec.cooldown} after {@code status.endedAt}. In practice the cooldown
 * of the plan that ended last, unless an earlier one asked for a longer quiet period.
 */
final class LaneGate {
  private record Place(Instant queuedAt, Instant created, String key) {}

  private static final Comparator<Place> ORDER = Comparator.comparing(Place::queuedAt)
      .thenComparing(Place::created).thenComparing(Place::key);

  private LaneGate() {}

  /** What holds the plan in its lane, lane first then cooldown; empty when it may start. */
  static List<Hold> holds(LaunchPlanSpec spec, LaunchPlanStatus status, LaneView lane, Instant now) {
    List<Hold> holds = new ArrayList<>();
    List<LaneView.Member> active = lane.others().stream().filter(LaneView.Member::active).toList();
    Place self = new Place(or(parse(status.getQueuedAt()), lane.created()), orEpoch(lane.created()), lane.self());
    List<LaneView.Member> ahead = lane.others().stream()
        .filter(LaneGate::queued)
        .filter(m -> ORDER.compare(place(m), self) < 0)
        .sorted(Comparator.comparing(LaneGate::place, ORDER))
        .toList();
    if (!active.isEmpty() || !ahead.isEmpty()) {
      String behind = !active.isEmpty()
          ? active.stream().map(LaneGate::describe).collect(Collectors.joining(", "))
          : describe(ahead.get(0));
      holds.add(new Hold(Reason.LaneBusy, "waiting in lane " + lane.name() + ": " + place(ahead.size() + 1)
          + " in line behind " + behind, false, null));
    }
    cooldown(spec, status, lane, now).ifPresent(holds::add);
    return holds;
  }

  /** Waits in the queue: Pending with nothing but the lane holding it, or not judged yet. */
  static boolean queued(LaneView.Member m) {
    if (m.emergency()) {
      return false;
    }
    return m.phase() == null || (m.phase() == Phase.Pending
        && (m.reason() == null || Reason.is(m.reason(), Meaning.WAITS_IN_LANE) || m.holdLifted()));
  }

  private static Optional<Hold> cooldown(LaunchPlanSpec spec, LaunchPlanStatus status, LaneView lane,
      Instant now) {
    Instant until = null;
    String who = null;
    Instant ended = null;
    Duration length = null;
    Instant ownEnd = parse(status.getEndedAt());
    if (ownEnd != null) {
      until = ownEnd.plus(spec.cooldownOrZero());
      who = lane.self();
      ended = ownEnd;
      length = spec.cooldownOrZero();
    }
    for (LaneView.Member m : lane.others()) {
      if (m.endedAt() == null) {
        continue;
      }
      Instant end = m.endedAt().plus(m.cooldown());
      if (until == null || end.isAfter(until)) {
        until = end;
        who = m.key();
        ended = m.endedAt();
        length = m.cooldown();
      }
    }
    if (until == null || !now.isBefore(until)) {
      return Optional.empty();
    }
    Duration left = Duration.ofSeconds((Duration.between(now, until).toMillis() + 999) / 1000);
    return Optional.of(new Hold(Reason.Cooldown, "lane " + lane.name() + " cools down after the launch of "
        + who + " ended at " + ended + ": " + Durations.format(left) + " left (cooldown "
        + Durations.format(length) + ", until " + until + ")", false, until));
  }

  /** Whether {@code m} is before {@code other} in a queue ordered as a lane's. */
  static boolean before(LaneView.Member m, LaneView.Member other) {
    return compare(m, other) < 0;
  }

  /** The order of a lane's queue, for any queue of plans. */
  static int compare(LaneView.Member a, LaneView.Member b) {
    return ORDER.compare(place(a), place(b));
  }

  private static Place place(LaneView.Member m) {
    return new Place(or(m.queuedAt(), m.created()), orEpoch(m.created()), m.key());
  }

  static String describe(LaneView.Member m) {
    if (m.phase() == null) {
      return m.key() + " (new)";
    }
    return m.key() + " (" + m.phase() + (m.phase() == Phase.Pending && m.reason() != null ? ": " + m.reason() : "")
        + ")";
  }

  /** "next" for 1, then "2nd", "3rd", "4th", ... "11th", "21st". */
  static String place(int position) {
    if (position == 1) {
      return "next";
    }
    int mod100 = position % 100;
    String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (position % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return position + suffix;
  }

  private static Instant or(Instant a, Instant b) {
    return a != null ? a : orEpoch(b);
  }

  private static Instant orEpoch(Instant i) {
    return i != null ? i : Instant.EPOCH;
  }

  static Instant parse(String instant) {
    return instant == null ? null : Instant.parse(instant);
  }
}
