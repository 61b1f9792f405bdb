package io.launchplan.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.LaunchPlan;
import io.launchplan.launch.Revisions;
import io.launchplan.launch.TargetView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and changes the target Deployment: the launch patch (server-side apply with the
 * operator's field manager, so a repeated apply is a no-op), its dry run, and the restore of the
 * kept pod template.
 */
public final class TargetDeployments {
  private final KubernetesClient client;

  public TargetDeployments(KubernetesClient client) {
    this.client = client;
  }

  /** The live target, or null. */
  public Deployment get(LaunchPlan plan) {
    return client.apps().deployments().inNamespace(plan.getMetadata().getNamespace())
        .withName(plan.getSpec().getTargetRef().getName()).get();
  }

  /** The decision's view of a live target. */
  public static TargetView view(Deployment target) {
    if (target == null) {
      return null;
    }
    PodTemplateSpec template = target.getSpec().getTemplate();
    Map<String, String> annotations = template.getMetadata() != null ? template.getMetadata().getAnnotations() : null;
    int replicas = Objects.requireNonNullElse(target.getSpec().getReplicas(), 1);
    return new TargetView(replicas, Revisions.templateHash(template),
        annotations != null ? annotations.get(Labels.REVISION) : null, rolledOut(target, replicas),
        Boolean.TRUE.equals(target.getSpec().getPaused()), TemplateWriters.newest(target), unstampedHash(template));
  }

  /** The template's hash without the operator's {@code launchplan.io/revision} stamp. */
  static String unstampedHash(PodTemplateSpec template) {
    if (template.getMetadata() == null || template.getMetadata().getAnnotations() == null
        || !template.getMetadata().getAnnotations().containsKey(Labels.REVISION)) {
      return Revisions.templateHash(template);
    }
    PodTemplateSpec copy = new PodTemplateSpecBuilder(template).build();
    Map<String, String> annotations = new HashMap<>(copy.getMetadata().getAnnotations());
    annotations.remove(Labels.REVISION);
    copy.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);
    return Revisions.templateHash(copy);
  }

  /** The Deployment controller saw the latest spec and every replica is updated and available. */
  static boolean rolledOut(Deployment d, int replicas) {
    DeploymentStatus s = d.getStatus();
    if (s == null || s.getObservedGeneration() == null || s.getObservedGeneration() < d.getMetadata().getGeneration()) {
      return false;
    }
    return n(s.getUpdatedReplicas()) == replicas && n(s.getAvailableReplicas()) == replicas
        && n(s.getReplicas()) == replicas;
  }

  private static int n(Integer i) {
    return i == null ? 0 : i;
  }

  /** The template the target would have after the launch patch, computed by the API server without changing anything. */
  public PodTemplateSpec dryRunPatch(LaunchPlan plan, String revision) {
    return apply(plan, revision, true).getSpec().getTemplate();
  }

  /** Applies the launch patch; returns the Deployment as stored. */
  public Deployment patch(LaunchPlan plan, String revision) {
    return apply(plan, revision, false);
  }

  private Deployment apply(LaunchPlan plan, String revision, boolean dryRun) {
    PatchContext.Builder ctx = new PatchContext.Builder()
        .withPatchType(PatchType.SERVER_SIDE_APPLY)
        .withFieldManager(Labels.FIELD_MANAGER)
        .withForce(true);
    if (dryRun) {
      ctx.withDryRun(List.of("All"));
    }
    return client.apps().deployments().inNamespace(plan.getMetadata().getNamespace())
        .withName(plan.getSpec().getTargetRef().getName())
        .patch(ctx.build(), applyConfiguration(plan, revision));
  }

  /**
   * The apply configuration: only {@code spec.template} from the plan, stamped with the revision.
   * Server-side apply merges containers by name, which is the strategic merge the design asks for.
   */
  static String applyConfiguration(LaunchPlan plan, String revision) {
    ObjectNode root = Serialization.jsonMapper().createObjectNode();
    root.put("apiVersion", "apps/v1");
    root.put("kind", "Deployment");
    ObjectNode meta = root.putObject("metadata");
    meta.put("name", plan.getSpec().getTargetRef().getName());
    meta.put("namespace", plan.getMetadata().getNamespace());
    ObjectNode template = plan.getSpec().getTemplate().deepCopy();
    ObjectNode templateMeta = template.has("metadata") && template.get("metadata").isObject()
        ? (ObjectNode) template.get("metadata") : template.putObject("metadata");
    ObjectNode annotations = templateMeta.has("annotations") && templateMeta.get("annotations").isObject()
        ? (ObjectNode) templateMeta.get("annotations") : templateMeta.putObject("annotations");
    annotations.put(Labels.REVISION, revision);
    root.putObject("spec").set("template", template);
    return root.toString();
  }

  /** Puts {@code stableTemplate} back as the target's whole pod template. */
  public Deployment restore(LaunchPlan plan, JsonNode stableTemplate) {
    String patch = Serialization.jsonMapper().createArrayNode()
        .add(Serialization.jsonMapper().createObjectNode()
            .put("op", "replace").put("path", "/spec/template").set("value", stableTemplate))
        .toString();
    return client.apps().deployments().inNamespace(plan.getMetadata().getNamespace())
        .withName(plan.getSpec().getTargetRef().getName())
        .patch(new PatchContext.Builder().withPatchType(PatchType.JSON).withFieldManager(Labels.FIELD_MANAGER).build(),
            patch);
  }
}
