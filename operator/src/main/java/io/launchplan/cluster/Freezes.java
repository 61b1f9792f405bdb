package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.launchplan.api.LaunchPlan;
import java.util.Map;

/** Finds an incident freeze ({@code launchplan.io/freeze: "<reason>"}) on the plan or its Namespace. */
public final class Freezes {
  private final KubernetesClient client;

  public Freezes(KubernetesClient client) {
    this.client = client;
  }

  /** Who froze launches and why, e.g. {@code namespace shop: INC-42}, or null. */
  public String find(LaunchPlan plan) {
    String own = reason(plan);
    if (own != null) {
      return "LaunchPlan " + plan.getMetadata().getName() + ": " + own;
    }
    Namespace ns = client.namespaces().withName(plan.getMetadata().getNamespace()).get();
    String fromNamespace = reason(ns);
    return fromNamespace != null ? "namespace " + plan.getMetadata().getNamespace() + ": " + fromNamespace : null;
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
