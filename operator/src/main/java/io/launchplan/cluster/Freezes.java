package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.launchplan.api.LaunchPlan;
import io.launchplan.gates.Freeze;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the incident freeze that holds a plan, the most specific first: the
 * {@code launchplan.io/freeze: "<reason>"} annotation on the plan, on its Namespace, on the
 * operator's config ConfigMap, then a firing freeze alert ({@link ClusterFreezes}).
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
    String own = reason(plan);
    if (own != null) {
      return new Freeze("LaunchPlan " + plan.getMetadata().getName(), own, null);
    }
    Namespace ns = namespaces.apply(plan.getMetadata().getNamespace());
    String fromNamespace = reason(ns);
    if (fromNamespace != null) {
      return new Freeze("namespace " + plan.getMetadata().getNamespace(), fromNamespace, null);
    }
    return cluster.find();
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
