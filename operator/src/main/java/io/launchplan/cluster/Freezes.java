package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.launchplan.api.LaunchPlan;
import io.launchplan.gates.Freeze;
import io.launchplan.gates.FreezePrecedence;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the incident freezes that may hold a plan, one per source: the
 * {@code launchplan.io/freeze: "<reason>"} annotation on the plan, on its Namespace, and the
 * cluster-wide ones ({@link ClusterFreezes}: the operator's config ConfigMap, a firing freeze
 * alert). Which one wins is {@link FreezePrecedence}'s.
 */
public final class Freezes {
  private final Function<String, Namespace> namespaces;
  private final ClusterFreezes cluster;

  /**
   * @param namespaces looks a Namespace up by name (from the informer's cache); null when there is none
   * @param cluster the cluster-wide freezes
   */
  public Freezes(Function<String, Namespace> namespaces, ClusterFreezes cluster) {
    this.namespaces = namespaces;
    this.cluster = cluster;
  }

  /** Who froze launches and why, e.g. {@code namespace shop} / {@code INC-42}, or null. */
  public Freeze find(LaunchPlan plan) {
    return FreezePrecedence.find(source -> switch (source) {
      case PLAN -> annotated("LaunchPlan " + plan.getMetadata().getName(), plan);
      case NAMESPACE -> annotated("namespace " + plan.getMetadata().getNamespace(),
          namespaces.apply(plan.getMetadata().getNamespace()));
      case CONFIG -> cluster.fromConfig();
      case ALERT -> cluster.fromAlerts();
    });
  }

  private static Freeze annotated(String by, HasMetadata object) {
    String reason = reason(object);
    return reason == null ? null : new Freeze(by, reason, null);
  }

  static String reason(HasMetadata object) {
    if (object == null) {
      return null;
    }
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    if (annotations == null || !annotations.containsKey(Labels.FREEZE)) {
      return null;
    }
    String reason = annotations.get(Labels.FREEZE);
    return reason == null || reason.isBlank() ? "(no reason given)" : reason;
  }
}
