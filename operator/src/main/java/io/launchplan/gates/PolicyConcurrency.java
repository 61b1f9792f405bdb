package io.launchplan.gates;

import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Reason;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code maxConcurrentLaunches}: at most that many launches at once among the plans a LaunchPolicy
 * covers, whatever their lanes. A plan may start while the launches under way plus the plans queued
 * before it leave a slot. The queue is a lane's ({@link LaneGate}: {@code status.queuedAt}, then
 * creation, then namespace/name), and a plan is in it while nothing but its turn holds it; one its own
 * lane holds (LaneBusy, Cooldown) cannot start anyway and lets the others pass. Each policy's limit
 * holds over its own plans, so where policies overlap the strictest binds. Emergency plans never
 * queue (an emergency skips this as it skips lanes) but their launches count.
 */
final class PolicyConcurrency {
  private PolicyConcurrency() {}

  /** The first policy whose slots are taken, as a hold, or null when every policy has room for the plan. */
  static Hold hold(LaunchPlanStatus status, LaneView lane, List<PolicyQueue> queues) {
    PolicyQueue q = full(status, lane, queues);
    if (q == null) {
      return null;
    }
    List<LaneView.Member> active = q.others().stream().filter(LaneView.Member::active).toList();
    List<LaneView.Member> ahead = ahead(q, status, lane);
    String running = active.isEmpty() ? "no launch under way"
        : active.size() + " under way (" + active.stream().map(LaneGate::describe).collect(Collectors.joining(", "))
            + ")";
    String queued = ahead.isEmpty() ? "" : ", behind " + ahead.stream().map(LaneGate::describe)
        .collect(Collectors.joining(", "));
    return new Hold(Reason.PolicyConcurrency, "waiting for a launch slot of LaunchPolicy " + q.policy()
        + " (maxConcurrentLaunches " + q.limit() + "): " + LaneGate.place(ahead.size() + 1) + " in line; "
        + running + queued, false, null);
  }

  /** The first policy whose slots the launches under way and the plans queued before this one take, or null. */
  static PolicyQueue full(LaunchPlanStatus status, LaneView lane, List<PolicyQueue> queues) {
    for (PolicyQueue q : queues) {
      if (q.others().stream().filter(LaneView.Member::active).count() + ahead(q, status, lane).size() >= q.limit()) {
        return q;
      }
    }
    return null;
  }

  /** The plans queued for {@code q}'s slots before this one, in order. */
  private static List<LaneView.Member> ahead(PolicyQueue q, LaunchPlanStatus status, LaneView lane) {
    LaneView.Member self = new LaneView.Member(lane.namespace(), lane.plan(), null, null,
        LaneGate.parse(status.getQueuedAt()), null, null, lane.created(), false, false);
    return q.others().stream()
        .filter(PolicyConcurrency::queued)
        .filter(m -> LaneGate.before(m, self))
        .sorted(LaneGate::compare)
        .toList();
  }

  /** Waits for a slot: queued as in a lane, and not held by its own lane. */
  static boolean queued(LaneView.Member m) {
    return LaneGate.queued(m) && !Reason.LaneBusy.name().equals(m.reason()) && !Reason.Cooldown.name().equals(m.reason());
  }
}
