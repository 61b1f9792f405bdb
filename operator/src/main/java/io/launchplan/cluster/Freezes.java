package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.launchplan.api.LaunchPlan;
import io.launchplan.gates.Freeze;
import java.util.Map;

/**
 * Finds the incident freeze that holds a plan, the most specific first: the
 * {@code launchplan.io/freeze: "<reason>"} annotation on the plan, on its Namespace, on the
 * operator's config ConfigMap, then a firing freeze alert ({@link ClusterFreezes}).
 */
public final class Freezes {
  private final KubernetesClient client;
  private final ClusterFreezes cluster;

  public Freezes(KubernetesClient client, ClusterFreezes cluster) {
    this.client = client;
    this.cluster = cluster;
  }

  /** Who froze launches and why, e.g. {@code namespace shop} / {@code INC-42}, or null. */
  public Freeze find(LaunchPlan plan) {
    String own = reason(plan);
    if (own != null) {
      return new Freeze("LaunchPlan " + plan.getMetadata().getName(), own, null);
    }
    Namespace ns = client.namespaces().withName(plan.getMetadata().getNamespace()).get();
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
