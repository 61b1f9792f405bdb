package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.launchplan.analysis.receiver.PlanWaker;
import io.launchplan.analysis.receiver.PushedAlerts;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.notify.DeliveryStatus;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The watches that wake a plan: its target Deployment, its canary, its Job checks' Jobs
 * ({@link CheckJobWatch}), its Namespace (for a freeze
 * annotation), the LaunchPolicies ({@link LaunchPolicies}), the LaunchApprovals ({@link LaunchApprovals}) and the operator's config ConfigMap
 * ({@link ClusterFreezes}); and {@link PushWakeUps},
 * for Alertmanager pushes and notification failures and deliveries. Their caches, plus one of
 * pods, are what the Observer and the Actuator read ({@link ClusterCache}).
 */
final class WakeUps {
  private WakeUps() {}

  /** The event sources to register, the cache the loop's parts read through them, and the LaunchPolicies. */
  record Sources(List<EventSource<?, LaunchPlan>> eventSources, ClusterCache cache, LaunchPolicies policies,
      LaunchApprovals approvals, PlanWaker waker, CheckJobWatch jobs) {}

  static Sources eventSources(EventSourceContext<LaunchPlan> ctx, PushedAlerts pushedAlerts,
      DeliveryStatus deliveries, ClusterFreezes clusterFreezes) {
    // One informer per watched namespace (or one for all), each with a store of its own: JOSDK
    // shares one configured item store between the informers of one event source, and an informer's
    // re-list would then drop the other namespaces' objects from it.
    Map<String, InformerEventSource<Deployment, LaunchPlan>> deployments = new LinkedHashMap<>();
    Map<String, InformerEventSource<Pod, LaunchPlan>> pods = new LinkedHashMap<>();
    for (String ns : watched(ctx)) {
      String suffix = ns.equals(Constants.WATCH_ALL_NAMESPACES) ? "" : "-" + ns;
      deployments.put(ns, new InformerEventSource<>(InformerEventSourceConfiguration.from(Deployment.class, LaunchPlan.class)
          .withName("deployments" + suffix)
          .withNamespaces(Set.of(ns))
          .withSecondaryToPrimaryMapper((Deployment d) -> plansTouching(ctx.getPrimaryCache(), d))
          .withItemStore(ClusterCache.slimStore(ClusterCache::slimDeployment))
          .build(), ctx));
      // Pods are only read (names for the query variables): a cache, never a wake-up.
      pods.put(ns, new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, LaunchPlan.class)
          .withName("pods" + suffix)
          .withNamespaces(Set.of(ns))
          .withSecondaryToPrimaryMapper((Pod p) -> Set.of())
          .withGenericFilter(p -> false)
          .withItemStore(ClusterCache.slimStore(ClusterCache::slimPod))
          .build(), ctx));
    }
    var namespaces = new InformerEventSource<>(InformerEventSourceConfiguration.from(Namespace.class, LaunchPlan.class)
        .withName("namespaces")
        // Namespaces are cluster-scoped: one informer for all of them (inheriting the controller's
        // namespaces would start one per watched namespace, each holding every Namespace, and
        // keyed so a lookup by name finds none).
        .withWatchAllNamespaces()
        .withSecondaryToPrimaryMapper((Namespace ns) -> ctx.getPrimaryCache().list(ns.getMetadata().getName())
            .map(ResourceID::fromResource).collect(Collectors.toSet()))
        .build(), ctx);
    // Alertmanager pushes and notification failures wake plans too, without waiting for a timer.
    PushWakeUps pushes = new PushWakeUps(ctx.getPrimaryCache());
    pushedAlerts.wakeWith(pushes);
    deliveries.onChange(pushes::wake);
    deliveries.onSettled(pushes::wake);
    // A plan that ends or leaves its lane or target wakes the plans waiting for them; control
    // annotations wake their plan.
    PlanIndex.LANES.register(ctx.getPrimaryCache());
    PlanIndex.TARGETS.register(ctx.getPrimaryCache());
    var lanes = new LaneWakeUps(ctx.getPrimaryCache());
    List<EventSource<?, LaunchPlan>> sources = new ArrayList<>(deployments.values());
    sources.addAll(pods.values());
    // LaunchPolicies wake the plans waiting for a launch and the launches that started under them.
    LaunchPolicies policies = LaunchPolicies.watch(ctx);
    // A push for a LaunchPolicy's required alert selector wakes the launches it covers.
    pushedAlerts.judgeWith(plan -> plan.getSpec() == null ? null : policies.forPlan(plan,
        plan.getStatus() != null ? plan.getStatus() : new LaunchPlanStatus(), false, null).effectiveSpec(plan.getSpec()));
    sources.addAll(List.of(namespaces, pushes, lanes, policies.eventSource()));
    // LaunchApprovals wake the plan they name.
    LaunchApprovals approvals = LaunchApprovals.watch(ctx);
    sources.add(approvals.eventSource());
    // The cluster-wide freezes (config ConfigMap annotation, freeze alerts) wake every plan.
    sources.addAll(clusterFreezes.eventSources(ctx, pushes));
    // A Job check's Job that finishes wakes its plan at once (issue 17).
    CheckJobWatch jobs = CheckJobWatch.of(ctx, watched(ctx));
    sources.addAll(jobs.eventSources());
    return new Sources(sources, new ClusterCache(deployments, namespaces, pods), policies, approvals, pushes, jobs);
  }

  /** The controller's namespaces, or {@link Constants#WATCH_ALL_NAMESPACES} alone. */
  private static Set<String> watched(EventSourceContext<LaunchPlan> ctx) {
    Set<String> namespaces = ctx.getControllerConfiguration().getEffectiveNamespaces();
    return namespaces.isEmpty() || namespaces.contains(Constants.WATCH_ALL_NAMESPACES)
        ? Constants.WATCH_ALL_NAMESPACE_SET : namespaces;
  }

  /**
   * Plans whose target or canary is {@code d}, looked up in the plans' target index: a Deployment
   * event costs the same whatever the namespace holds (a scan of the namespace's plans made an
   * informer's first list quadratic: 9,500 Deployments × 9,500 plans kept a standby at 10,000 plans
   * from {@code /readyz} for over two minutes).
   */
  static Set<ResourceID> plansTouching(IndexedResourceCache<LaunchPlan> plans, Deployment d) {
    String ns = d.getMetadata().getNamespace();
    String name = d.getMetadata().getName();
    Set<ResourceID> ids = new HashSet<>();
    PlanIndex.TARGETS.members(TargetClaims.key(ns, name), plans).forEach(p -> ids.add(ResourceID.fromResource(p)));
    String canaryOf = Labels.targetOfCanary(name);
    if (canaryOf != null) {
      PlanIndex.TARGETS.members(TargetClaims.key(ns, canaryOf), plans).forEach(p -> ids.add(ResourceID.fromResource(p)));
    }
    return ids;
  }
}
