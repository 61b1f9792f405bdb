package io.launchplan.cluster;

import static io.launchplan.cluster.PlanIndex.instant;

import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.launch.TargetPlans;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The plans of each target Deployment ({@code namespace/targetRef.name}), so that one Deployment
 * has at most one active launch whatever the plans' lanes. Builds a plan's {@link TargetPlans}
 * from the controller's in-memory cache of LaunchPlans (indexed by target; no API calls), and
 * holds a lock per target from reading it until the reconcile ends, so two plans of one target
 * never both decide to start on the same picture. Taken after the lane's lock ({@link Lanes}).
 */
final class TargetClaims {
  private final ReconcileLocks locks = new ReconcileLocks();

  /** {@code namespace/name} of the plan's target Deployment. */
  static String of(LaunchPlan plan) {
    String target = plan.getSpec() != null && plan.getSpec().getTargetRef() != null
        ? plan.getSpec().getTargetRef().getName() : null;
    return key(plan.getMetadata().getNamespace(), Objects.requireNonNullElse(target, ""));
  }

  /** The key of Deployment {@code name} of {@code namespace}, as {@link #of} gives it for the plans targeting it. */
  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** Locks the plan's target for the rest of this reconcile (see {@link #unlock}) and returns its other plans. */
  TargetPlans lockAndView(LaunchPlan plan, IndexedResourceCache<LaunchPlan> cache) {
    String target = of(plan);
    locks.lock(target);
    ResourceID self = ResourceID.fromResource(plan);
    List<TargetPlans.Claim> others = PlanIndex.TARGETS.members(target, cache).stream()
        .filter(p -> !ResourceID.fromResource(p).equals(self))
        .map(TargetClaims::claim)
        .toList();
    return new TargetPlans(key(plan), instant(plan.getMetadata().getCreationTimestamp()), others);
  }

  /** Releases the target locked by {@link #lockAndView} on this thread, if any. */
  void unlock() {
    locks.unlock();
  }

  private static TargetPlans.Claim claim(LaunchPlan p) {
    LaunchPlanStatus s = p.getStatus();
    return new TargetPlans.Claim(key(p), s != null ? s.getPhase() : null, s != null ? s.getReason() : null,
        s != null ? instant(s.getQueuedAt()) : null, instant(p.getMetadata().getCreationTimestamp()));
  }

  /** Whether two versions of a plan differ in what the other plans of its target look at. */
  static boolean stateChanged(LaunchPlan before, LaunchPlan after) {
    LaunchPlanStatus b = before.getStatus() != null ? before.getStatus() : new LaunchPlanStatus();
    LaunchPlanStatus a = after.getStatus() != null ? after.getStatus() : new LaunchPlanStatus();
    return !Objects.equals(b.getPhase(), a.getPhase())
        || !Objects.equals(b.getReason(), a.getReason())
        || !Objects.equals(b.getQueuedAt(), a.getQueuedAt())
        || !of(before).equals(of(after));
  }

  private static String key(LaunchPlan p) {
    return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
  }

}
