package io.launchplan.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.LaunchPlan;
import java.util.Map;

/**
 * Keeps the target's pod template from before a launch in a ControllerRevision owned by the plan,
 * named after the plan and the stable revision, so a revert (even after an operator restart)
 * restores exactly what ran before.
 */
public final class StableTemplates {
  private final KubernetesClient client;

  public StableTemplates(KubernetesClient client) {
    this.client = client;
  }

  static String name(LaunchPlan plan, String stableRevision) {
    return plan.getMetadata().getName() + "-stable-" + stableRevision;
  }

  /** Saves the target's current template under {@code stableRevision}; a no-op when already saved. */
  public void save(LaunchPlan plan, Deployment target, String stableRevision) {
    String ns = plan.getMetadata().getNamespace();
    String name = name(plan, stableRevision);
    if (client.apps().controllerRevisions().inNamespace(ns).withName(name).get() != null) {
      return;
    }
    ControllerRevision revision = new ControllerRevision();
    revision.setMetadata(new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(ns)
        .withLabels(Map.of(Labels.PLAN, plan.getMetadata().getName()))
        .withOwnerReferences(Owners.of(plan))
        .build());
    revision.setRevision(1L);
    revision.setData(Map.of("template", Serialization.jsonMapper().convertValue(target.getSpec().getTemplate(), Map.class)));
    try {
      client.apps().controllerRevisions().inNamespace(ns).resource(revision).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  /** The kept template, or null when it was never saved. */
  public JsonNode load(LaunchPlan plan, String stableRevision) {
    ControllerRevision revision = client.apps().controllerRevisions().inNamespace(plan.getMetadata().getNamespace())
        .withName(name(plan, stableRevision)).get();
    if (revision == null || revision.getData() == null) {
      return null;
    }
    return Serialization.jsonMapper().valueToTree(revision.getData()).get("template");
  }
}
