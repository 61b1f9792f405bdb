package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.launchplan.api.LaunchPlan;
import java.util.Map;
import java.util.function.Function;

/** Finds an incident freeze ({@code launchplan.io/freeze: "<reason>"}) on the plan or its Namespace. */
public final class Freezes {
  private final Function<String, Namespace> namespaces;

  /** @param namespaces looks a Namespace up by name (from the informer's cache); null when there is none */
  public Freezes(Function<String, Namespace> namespaces) {
    this.namespaces = namespaces;
  }

  /** Who froze launches and why, e.g. {@code namespace shop: INC-42}, or null. */
  public String find(LaunchPlan plan) {
    String own = reason(plan);
    if (own != null) {
      return "LaunchPlan " + plan.getMetadata().getName() + ": " + own;
    }
    Namespace ns = namespaces.apply(plan.getMetadata().getNamespace());
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
