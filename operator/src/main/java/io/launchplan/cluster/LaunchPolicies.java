package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.LaunchPolicy;
import io.launchplan.api.Phase;
import io.launchplan.gates.CombinedPolicy;
import io.launchplan.gates.Freeze;
import io.launchplan.gates.LaunchWindows;
import io.launchplan.gates.PolicyView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The LaunchPolicies, read from one cluster-wide informer, and the plans they wake. A policy that is
 * created, changed or deleted wakes every Pending plan (it may now be held, or let go) and every
 * launch that lists it in {@code status.policies} (its checks and its window close rule).
 */
final class LaunchPolicies {
  private final InformerEventSource<LaunchPolicy, LaunchPlan> informer;

  private LaunchPolicies(InformerEventSource<LaunchPolicy, LaunchPlan> informer) {
    this.informer = informer;
  }

  static LaunchPolicies watch(EventSourceContext<LaunchPlan> ctx) {
    return new LaunchPolicies(new InformerEventSource<>(
        InformerEventSourceConfiguration.from(LaunchPolicy.class, LaunchPlan.class)
            .withName("launchpolicies")
            // Cluster-scoped: one informer for all of them, whatever namespaces the controller watches.
            .withWatchAllNamespaces()
            .withSecondaryToPrimaryMapper((LaunchPolicy p) -> plansConcerned(ctx, p.getMetadata().getName()))
            .build(), ctx));
  }

  InformerEventSource<LaunchPolicy, LaunchPlan> eventSource() {
    return informer;
  }

  private static Set<ResourceID> plansConcerned(EventSourceContext<LaunchPlan> ctx, String policy) {
    return ctx.getPrimaryCache().list()
        .filter(p -> waiting(p.getStatus()) || (p.getStatus().getPolicies() != null
            && p.getStatus().getPolicies().contains(policy)))
        .map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  private static boolean waiting(LaunchPlanStatus status) {
    return status == null || status.getPhase() == null || status.getPhase() == Phase.Pending;
  }

  /**
   * The policies that apply to {@code plan}: when a launch may start, those covering it now (by its
   * Namespace's labels and its own); during a launch, those it started with.
   */
  CombinedPolicy forPlan(LaunchPlan plan, LaunchPlanStatus status, boolean launching, Namespace namespace) {
    List<PolicyView> all = views();
    if (all.isEmpty()) {
      return CombinedPolicy.NONE;
    }
    if (!launching) {
      return CombinedPolicy.named(all, status.getPolicies());
    }
    return CombinedPolicy.covering(all, labels(namespace == null ? null : namespace.getMetadata().getLabels()),
        labels(plan.getMetadata().getLabels()));
  }

  /** Every LaunchPolicy, as the gates see it. */
  List<PolicyView> views() {
    return informer.list().map(p -> new PolicyView(p.getMetadata().getName(), p.getSpec())).toList();
  }

  /**
   * A launch under way whose policies say {@code onWindowClose: Pause} is held as by a freeze while
   * no launch window is open (it resumes when one opens); null otherwise.
   */
  static Freeze windowClosed(CombinedPolicy policy, Instant now) {
    if (policy.pauseOnCloseBy() == null || policy.windows().isEmpty()) {
      return null;
    }
    LaunchWindows.State state = policy.window(now);
    if (state.open()) {
      return null;
    }
    String why = state.by() != null ? state.by().describe() + " is open" : "outside every Allow window";
    return new Freeze("LaunchPolicy " + policy.pauseOnCloseBy() + " (onWindowClose: Pause)", why
        + (state.nextChange() != null ? "; launches may go on at " + state.nextChange() : ""), null);
  }

  private static Map<String, String> labels(Map<String, String> labels) {
    return labels != null ? labels : Map.of();
  }
}
