package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.launchplan.api.LaunchPlan;
import io.launchplan.launch.CanaryView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code <target>-canary} Deployment: the target's pod template with the launch patch,
 * carrying the target's selector labels (so the target's Service sends it real traffic) plus
 * {@code launchplan.io/role: canary}, owned by the plan.
 */
public final class CanaryDeployments {
  private final KubernetesClient client;

  public CanaryDeployments(KubernetesClient client) {
    this.client = client;
  }

  /** The live canary, or null. */
  public Deployment get(LaunchPlan plan) {
    return client.apps().deployments().inNamespace(plan.getMetadata().getNamespace())
        .withName(Labels.canaryName(plan.getSpec().getTargetRef().getName())).get();
  }

  /** The decision's view of a live canary (only one the plan owns counts). */
  public static CanaryView view(Deployment canary) {
    if (canary == null || canary.getMetadata().getDeletionTimestamp() != null) {
      return null;
    }
    Map<String, String> annotations = canary.getMetadata().getAnnotations();
    int desired = canary.getSpec().getReplicas() == null ? 1 : canary.getSpec().getReplicas();
    var status = canary.getStatus();
    boolean current = status != null && status.getObservedGeneration() != null
        && status.getObservedGeneration() >= canary.getMetadata().getGeneration();
    int ready = current && status.getUpdatedReplicas() != null && status.getReadyReplicas() != null
        ? Math.min(status.getUpdatedReplicas(), status.getReadyReplicas()) : 0;
    return new CanaryView(annotations != null ? annotations.get(Labels.REVISION) : null, desired, ready);
  }

  /** Builds the canary for {@code target} from the launch's merged template. Pure. */
  public static Deployment build(LaunchPlan plan, Deployment target, PodTemplateSpec merged, String revision,
      int replicas) {
    String ns = plan.getMetadata().getNamespace();
    Map<String, String> labels = new HashMap<>();
    labels.put(Labels.PLAN, plan.getMetadata().getName());
    labels.put(Labels.ROLE, Labels.ROLE_CANARY);
    LabelSelector selector = canarySelector(target);

    ObjectMeta podMeta = merged.getMetadata() != null ? merged.getMetadata() : new ObjectMeta();
    Map<String, String> podLabels = new HashMap<>(podMeta.getLabels() != null ? podMeta.getLabels() : Map.of());
    podLabels.put(Labels.ROLE, Labels.ROLE_CANARY);
    podLabels.put(Labels.PLAN, plan.getMetadata().getName());
    Map<String, String> podAnnotations = new HashMap<>(podMeta.getAnnotations() != null ? podMeta.getAnnotations() : Map.of());
    podAnnotations.put(Labels.REVISION, revision);

    return new DeploymentBuilder()
        .withMetadata(new ObjectMetaBuilder()
            .withName(Labels.canaryName(target.getMetadata().getName()))
            .withNamespace(ns)
            .withLabels(labels)
            .withAnnotations(Map.of(Labels.REVISION, revision))
            .withOwnerReferences(Owners.of(plan))
            .build())
        .withNewSpec()
            .withReplicas(replicas)
            .withSelector(selector)
            .withNewTemplate()
                .withNewMetadata().withLabels(podLabels).withAnnotations(podAnnotations).endMetadata()
                .withSpec(merged.getSpec())
            .endTemplate()
        .endSpec()
        .build();
  }

  /** The target's selector narrowed to canary pods. */
  public static LabelSelector canarySelector(Deployment target) {
    LabelSelector base = target.getSpec().getSelector();
    Map<String, String> match = new HashMap<>(base.getMatchLabels() != null ? base.getMatchLabels() : Map.of());
    match.put(Labels.ROLE, Labels.ROLE_CANARY);
    return new LabelSelectorBuilder().withMatchLabels(match).withMatchExpressions(base.getMatchExpressions()).build();
  }

  /** Creates or updates the canary with server-side apply (a repeat changes nothing). */
  public Deployment apply(Deployment canary) {
    canary.getMetadata().setManagedFields(null);
    return client.apps().deployments().inNamespace(canary.getMetadata().getNamespace()).resource(canary)
        .fieldManager(Labels.FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  /**
   * Deletes the canary Deployment and, at once, its pods, so the bad version stops serving
   * without waiting for garbage collection.
   */
  public void delete(LaunchPlan plan, Deployment target) {
    String ns = plan.getMetadata().getNamespace();
    client.apps().deployments().inNamespace(ns).withName(Labels.canaryName(plan.getSpec().getTargetRef().getName()))
        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    Map<String, String> podLabels = Map.of(Labels.ROLE, Labels.ROLE_CANARY, Labels.PLAN, plan.getMetadata().getName());
    client.pods().inNamespace(ns).withLabels(podLabels).delete();
  }

  /** Names of the canary's pods and of the target's own (stable) pods. */
  public static PodNames podNames(LaunchPlan plan, Deployment target, ClusterCache cache) {
    Map<String, String> match = target.getSpec().getSelector().getMatchLabels();
    List<Pod> pods = cache.pods(plan.getMetadata().getNamespace(), match == null ? Map.of() : match);
    List<String> canary = pods.stream()
        .filter(p -> Labels.ROLE_CANARY.equals(label(p, Labels.ROLE)) && plan.getMetadata().getName().equals(label(p, Labels.PLAN)))
        .map(p -> p.getMetadata().getName()).sorted().toList();
    List<String> stable = pods.stream()
        .filter(p -> label(p, Labels.ROLE) == null)
        .map(p -> p.getMetadata().getName()).sorted().toList();
    return new PodNames(canary, stable);
  }

  private static String label(Pod p, String key) {
    return p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(key);
  }

  /** Pod names for the query variables. */
  public record PodNames(List<String> canary, List<String> stable) {}
}
