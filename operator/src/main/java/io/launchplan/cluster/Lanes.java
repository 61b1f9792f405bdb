package io.launchplan.cluster;

import static io.launchplan.cluster.PlanIndex.instant;

import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Reason;
import io.launchplan.gates.FreezePrecedence;
import io.launchplan.gates.LaneView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Lanes: {@code spec.lane}, default the namespace, and always local to the plan's namespace: a
 * plan writer of one namespace cannot hold another team's lane (a lane shared across namespaces
 * is for a cluster-scoped object to declare, not for any plan). Builds a plan's {@link LaneView}
 * from the controller's in-memory cache of LaunchPlans (indexed by lane; no API calls), and holds
 * a lock per lane from reading the lane until the reconcile ends, so two plans of one lane never
 * both decide to start on the same picture.
 */
final class Lanes {
  private final ReconcileLocks locks = new ReconcileLocks();
  private final Predicate<LaunchPlan> frozen;

  /** @param frozen whether a freeze holds a plan right now (its own status may not say so yet) */
  Lanes(Predicate<LaunchPlan> frozen) {
    this.frozen = frozen;
  }

  /** The plan's lane, as the index knows it: {@code <namespace>/<lane>}. */
  static String of(LaunchPlan plan) {
    return plan.getMetadata().getNamespace() + "/" + name(plan);
  }

  /** The lane's name as people write it: {@code spec.lane}, or the namespace. */
  static String name(LaunchPlan plan) {
    String lane = plan.getSpec() != null ? plan.getSpec().getLane() : null;
    return lane != null && !lane.isBlank() ? lane : plan.getMetadata().getNamespace();
  }

  /**
   * Locks the plan's lane for the rest of this reconcile (see {@link #unlock}) and returns it as
   * the gates see it.
   */
  LaneView lockAndView(LaunchPlan plan, IndexedResourceCache<LaunchPlan> cache) {
    String lane = of(plan);
    locks.lock(lane);
    String ns = plan.getMetadata().getNamespace();
    String name = plan.getMetadata().getName();
    List<LaneView.Member> others = PlanIndex.LANES.members(lane, cache).stream()
        .filter(p -> !(ns.equals(p.getMetadata().getNamespace()) && name.equals(p.getMetadata().getName())))
        .map(this::member)
        .toList();
    return new LaneView(name(plan), ns, name, instant(plan.getMetadata().getCreationTimestamp()), others);
  }

  /** Releases the lane locked by {@link #lockAndView} on this thread, if any. */
  void unlock() {
    locks.unlock();
  }

  /** The plan as another plan's lane (or a policy's launch slots) sees it. */
  LaneView.Member member(LaunchPlan p) {
    LaunchPlanStatus s = p.getStatus();
    Duration cooldown;
    try {
      cooldown = p.getSpec() != null ? p.getSpec().cooldownOrZero() : Duration.ZERO;
    } catch (IllegalArgumentException e) {
      cooldown = Duration.ZERO; // the schema rejects it; an old object may still carry one
    }
    return new LaneView.Member(p.getMetadata().getNamespace(), p.getMetadata().getName(),
        s != null ? s.getPhase() : null, s != null ? s.getReason() : null,
        s != null ? instant(s.getQueuedAt()) : null, s != null ? instant(s.getEndedAt()) : null, cooldown,
        instant(p.getMetadata().getCreationTimestamp()), emergency(p), s != null && holdLifted(p, s.getReason()));
  }

  /**
   * Whether what the plan's status says holds it holds it no more: its freeze was lifted or its
   * {@code spec.paused} removed, and it has not been reconciled since. Two plans woken by the end
   * of one freeze must not overtake each other because one of them decided first.
   */
  boolean holdLifted(LaunchPlan p, String reason) {
    Reason held = Reason.of(reason);
    if (p.getSpec() == null || held == null) {
      return false;
    }
    return switch (held) {
      case Frozen -> !FreezePrecedence.holds(p.getSpec().emergency(), () -> frozen.test(p));
      case ManualPause -> !p.getSpec().paused();
      default -> false;
    };
  }

  /** Whether two versions of a plan differ in what the other plans of its lane look at. */
  static boolean laneStateChanged(LaunchPlan before, LaunchPlan after) {
    LaunchPlanStatus b = before.getStatus() != null ? before.getStatus() : new LaunchPlanStatus();
    LaunchPlanStatus a = after.getStatus() != null ? after.getStatus() : new LaunchPlanStatus();
    return !Objects.equals(b.getPhase(), a.getPhase())
        || !Objects.equals(b.getReason(), a.getReason())
        || !Objects.equals(b.getQueuedAt(), a.getQueuedAt())
        || !Objects.equals(b.getEndedAt(), a.getEndedAt())
        || !of(before).equals(of(after))
        || emergency(before) != emergency(after)
        || !Objects.equals(cooldown(before), cooldown(after));
  }

  private static boolean emergency(LaunchPlan p) {
    return p.getSpec() != null && p.getSpec().emergency();
  }

  private static String cooldown(LaunchPlan p) {
    return p.getSpec() != null ? p.getSpec().getCooldown() : null;
  }
}
