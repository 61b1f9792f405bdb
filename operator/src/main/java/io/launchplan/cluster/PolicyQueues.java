package io.launchplan.cluster;

import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import io.launchplan.gates.CombinedPolicy;
import io.launchplan.gates.PolicyQueue;
import io.launchplan.gates.PolicyView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The launch slots of the LaunchPolicies with {@code maxConcurrentLaunches} that cover a plan which
 * may start: for each, the other plans it counts, read from the controller's in-memory cache of
 * LaunchPlans (no API calls): those whose launch lists it in {@code status.policies} and those it
 * covers now (by their Namespace's labels and their own), so a launch under way counts whether it
 * started before the policy or not. One lock, taken after the lane and target locks and held until
 * the reconcile ends, so two plans of different lanes never both take the last slot.
 */
final class PolicyQueues {
  private final ReconcileLocks locks = new ReconcileLocks();

  /**
   * Locks the slots for the rest of this reconcile (see {@link #unlock}) when {@code policy} limits
   * concurrency, and returns each limit's queue; empty (and no lock) when none does.
   */
  List<PolicyQueue> lockAndView(LaunchPlan plan, CombinedPolicy policy, List<PolicyView> views,
      IndexedResourceCache<LaunchPlan> plans, ClusterCache cluster, Lanes lanes) {
    if (policy.concurrencyLimits().isEmpty()) {
      return List.of();
    }
    locks.lock("launch-slots");
    ResourceID self = ResourceID.fromResource(plan);
    List<LaunchPlan> others = plans.list().map(p -> plans.get(ResourceID.fromResource(p)).orElse(p))
        .filter(p -> !ResourceID.fromResource(p).equals(self)).toList();
    List<PolicyQueue> queues = new ArrayList<>();
    for (CombinedPolicy.Rule<Integer> limit : policy.concurrencyLimits()) {
      Optional<PolicyView> view = views.stream().filter(v -> v.name().equals(limit.policy())).findFirst();
      queues.add(new PolicyQueue(limit.policy(), limit.value(), others.stream()
          .filter(p -> counts(p, limit.policy(), view.orElse(null), cluster))
          .map(lanes::member).toList()));
    }
    return queues;
  }

  /** Releases the lock {@link #lockAndView} took on this thread, if any. */
  void unlock() {
    locks.unlock();
  }

  private static boolean counts(LaunchPlan p, String policy, PolicyView view, ClusterCache cluster) {
    LaunchPlanStatus s = p.getStatus();
    if (s != null && s.getPolicies() != null && s.getPolicies().contains(policy)) {
      return true;
    }
    if (view == null) {
      return false;
    }
    var ns = cluster.namespace(p.getMetadata().getNamespace());
    Map<String, String> nsLabels = ns != null && ns.getMetadata().getLabels() != null ? ns.getMetadata().getLabels()
        : Map.of();
    Map<String, String> labels = p.getMetadata().getLabels() != null ? p.getMetadata().getLabels() : Map.of();
    return !CombinedPolicy.covering(List.of(view), nsLabels, labels).isEmpty();
  }

  /** Whether a plan waits for a launch slot: a launch that ends, or a plan that leaves the queue, wakes it. */
  static boolean waitsForSlot(LaunchPlan p) {
    LaunchPlanStatus s = p.getStatus();
    return s != null && (s.getPhase() == null || s.getPhase() == Phase.Pending)
        && Reason.PolicyConcurrency.name().equals(s.getReason());
  }
}
