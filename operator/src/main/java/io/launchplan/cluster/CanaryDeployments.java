package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.launchplan.api.LaunchPlan;
import io.launchplan.launch.CanaryView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code <target>-canary} Deployment: the target's pod template with the launch patch,
 * carrying the target's selector labels (so the target's Service sends it real traffic) plus
 * {@code launchplan.io/role: canary}, owned by the plan.
 *
 * <p>Only a Deployment the plan controls (an owner reference with the plan's UID and
 * {@code controller: true}) and that carries its labels is its canary ({@link #ours}). Any other
 * Deployment of that name is a stranger: it is never read as the canary, applied over (adopted),
 * or deleted, and its pods are never deleted.
 */
public final class CanaryDeployments {
  private static final int HTTP_CONFLICT = 409;
  private static final int HTTP_UNPROCESSABLE = 422;
  /** A canary whose status keeps changing between the read and the delete is tried this often. */
  private static final int DELETE_ATTEMPTS = 5;

  private final KubernetesClient client;

  public CanaryDeployments(KubernetesClient client) {
    this.client = client;
  }

  /** Whether {@code d} is the plan's canary: controlled by the plan (its UID) and carrying its labels. */
  public static boolean ours(LaunchPlan plan, Deployment d) {
    if (d == null) {
      return false;
    }
    Map<String, String> labels = d.getMetadata().getLabels();
    return labels != null && Labels.ROLE_CANARY.equals(labels.get(Labels.ROLE))
        && plan.getMetadata().getName().equals(labels.get(Labels.PLAN))
        && Owners.controlledBy(d, plan);
  }

  /**
   * Says what holds the canary's name when {@code d}, the Deployment of that name, is not the
   * plan's canary; null when there is none or it is the plan's own.
   */
  public static String stranger(LaunchPlan plan, Deployment d) {
    if (d == null || ours(plan, d)) {
      return null;
    }
    String controller = Owners.controller(d);
    return "Deployment " + d.getMetadata().getName() + " exists and is not this plan's canary ("
        + (controller == null ? "it has no controller" : "it is controlled by " + controller) + ")";
  }

  /** The decision's view of the plan's canary ({@link ClusterCache#canary} gives only the plan's own). */
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
    return new CanaryView(annotations != null ? annotations.get(Labels.REVISION) : null, desired, ready,
        step(annotations));
  }

  /** The {@code launchplan.io/step} stamp, or -1 when absent or not a number. */
  private static int step(Map<String, String> annotations) {
    String step = annotations != null ? annotations.get(Labels.STEP) : null;
    try {
      return step != null ? Integer.parseInt(step) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Builds the canary for {@code target} from the launch's merged template, with no step stamp. Pure. */
  public static Deployment build(LaunchPlan plan, Deployment target, PodTemplateSpec merged, String revision,
      int replicas) {
    return build(plan, target, merged, revision, replicas, -1);
  }

  /**
   * Builds the canary for {@code target} from the launch's merged template; {@code step} (when not
   * negative) is stamped on the Deployment as {@code launchplan.io/step}, not on its pods, so a new
   * step scales the canary without restarting its pods. Pure.
   */
  public static Deployment build(LaunchPlan plan, Deployment target, PodTemplateSpec merged, String revision,
      int replicas, int step) {
    String ns = plan.getMetadata().getNamespace();
    Map<String, String> labels = new HashMap<>();
    labels.put(Labels.PLAN, plan.getMetadata().getName());
    labels.put(Labels.ROLE, Labels.ROLE_CANARY);
    LabelSelector selector = canarySelector(target);

    ObjectMeta podMeta = merged.getMetadata() != null ? merged.getMetadata() : new ObjectMeta();
    Map<String, String> podLabels = new HashMap<>(podMeta.getLabels() != null ? podMeta.getLabels() : Map.of());
    podLabels.put(Labels.ROLE, Labels.ROLE_CANARY);
    podLabels.put(Labels.PLAN, plan.getMetadata().getName());
    podLabels.put(Labels.PLAN_UID, plan.getMetadata().getUid());
    Map<String, String> podAnnotations = new HashMap<>(podMeta.getAnnotations() != null ? podMeta.getAnnotations() : Map.of());
    podAnnotations.put(Labels.REVISION, revision);

    return new DeploymentBuilder()
        .withMetadata(new ObjectMetaBuilder()
            .withName(Labels.canaryName(target.getMetadata().getName()))
            .withNamespace(ns)
            .withLabels(labels)
            .withAnnotations(step < 0 ? Map.of(Labels.REVISION, revision)
                : Map.of(Labels.REVISION, revision, Labels.STEP, Integer.toString(step)))
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

  /**
   * Creates the canary, or updates {@code current} (the plan's canary as last seen) with
   * server-side apply; a repeat changes nothing. Never adopts a stranger, even one that takes the
   * name after the cache was read: a new canary is created with a plain create, which fails with
   * 409 when any object has the name (server-side apply has no create-only mode: it would merge
   * into the stranger, and an apply naming a UID is refused when nothing exists); an update names
   * the UID of the canary it means, and the API server refuses it when another object holds the
   * name now (or nothing does).
   *
   * @throws IllegalStateException when the name is held by another object; the next reconcile
   *     sees it in the cache ({@code CanaryNameTaken})
   */
  public Deployment apply(Deployment canary, Deployment current) {
    canary.getMetadata().setManagedFields(null);
    var deployments = client.apps().deployments().inNamespace(canary.getMetadata().getNamespace());
    try {
      if (current == null) {
        canary.getMetadata().setUid(null);
        return deployments.resource(canary).create();
      }
      canary.getMetadata().setUid(current.getMetadata().getUid());
      return deployments.resource(canary).fieldManager(Labels.FIELD_MANAGER).forceConflicts().serverSideApply();
    } catch (KubernetesClientException e) {
      boolean nameHeld = current == null ? e.getCode() == HTTP_CONFLICT
          : (e.getCode() == HTTP_CONFLICT || e.getCode() == HTTP_UNPROCESSABLE)
              && String.valueOf(e.getMessage()).contains("uid");
      if (nameHeld) {
        throw new IllegalStateException("not applying the canary: Deployment " + canary.getMetadata().getName()
            + (current == null ? " already exists" : " is no longer the canary (UID " + current.getMetadata().getUid()
                + ") last seen") + "; the next reconcile looks again: " + e.getMessage(), e);
      }
      throw e;
    }
  }

  /**
   * Deletes the plan's canary Deployment and, at once, its pods, so the bad version stops serving
   * without waiting for garbage collection. The Deployment is deleted only when it is the plan's
   * (read live), with a precondition on the version read, so a stranger that took the name in
   * between is never deleted; the pods only by the plan's UID label, which no stranger's pods carry.
   */
  public void delete(LaunchPlan plan) {
    String ns = plan.getMetadata().getNamespace();
    var canaries = client.apps().deployments().inNamespace(ns)
        .withName(Labels.canaryName(plan.getSpec().getTargetRef().getName()));
    for (int attempt = 1; ; attempt++) {
      Deployment live = canaries.get();
      if (!ours(plan, live)) {
        break;
      }
      try {
        // Background propagation (the default for apps/v1 Deployments): the ReplicaSet goes with it.
        canaries.lockResourceVersion(live.getMetadata().getResourceVersion()).delete();
        break;
      } catch (KubernetesClientException e) {
        // 409: it changed since it was read (its status, usually); read it again and decide again.
        if (e.getCode() != HTTP_CONFLICT || attempt == DELETE_ATTEMPTS) {
          throw e;
        }
      }
    }
    client.pods().inNamespace(ns).withLabels(Map.of(Labels.ROLE, Labels.ROLE_CANARY,
        Labels.PLAN, plan.getMetadata().getName(), Labels.PLAN_UID, plan.getMetadata().getUid())).delete();
  }

  /**
   * Names of the pods that run the launched revision ({@code ${canaryPods}}) and of the target's
   * other pods ({@code ${stablePods}}). The launched revision runs on the plan's own canary and,
   * once the target carries it (RollingOut, Verifying), on the target's pods stamped with it; so
   * the canary's queries keep judging the new revision after the canary is gone. The pods of a
   * stranger Deployment that holds the canary's name never count.
   */
  public static PodNames podNames(LaunchPlan plan, Deployment target, ClusterCache cache) {
    Map<String, String> match = target.getSpec().getSelector().getMatchLabels();
    return podNames(plan, cache.pods(plan.getMetadata().getNamespace(), match == null ? Map.of() : match),
        cache.canary(plan) != null);
  }

  /** As above, from the pods behind the target's selector; {@code canaryOurs}: the plan's canary exists. Pure. */
  static PodNames podNames(LaunchPlan plan, List<Pod> pods, boolean canaryOurs) {
    String launched = plan.getStatus() != null ? plan.getStatus().getRevision() : null;
    List<String> canary = pods.stream()
        .filter(p -> (canaryOurs && ownCanaryPod(plan, p)) || launchedOnTarget(p, launched))
        .map(p -> p.getMetadata().getName()).sorted().toList();
    List<String> stable = pods.stream()
        .filter(p -> label(p, Labels.ROLE) == null && !launchedOnTarget(p, launched))
        .map(p -> p.getMetadata().getName()).sorted().toList();
    return new PodNames(canary, stable);
  }

  /** A pod of the plan's canary: its labels, and its UID label unless made before the label existed. */
  private static boolean ownCanaryPod(LaunchPlan plan, Pod p) {
    String uid = label(p, Labels.PLAN_UID);
    return Labels.ROLE_CANARY.equals(label(p, Labels.ROLE)) && plan.getMetadata().getName().equals(label(p, Labels.PLAN))
        && (uid == null || uid.equals(plan.getMetadata().getUid()));
  }

  /** A target pod (no role) stamped with the launched revision. */
  private static boolean launchedOnTarget(Pod p, String launched) {
    Map<String, String> annotations = p.getMetadata().getAnnotations();
    return launched != null && label(p, Labels.ROLE) == null && annotations != null
        && launched.equals(annotations.get(Labels.REVISION));
  }

  private static String label(Pod p, String key) {
    return p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(key);
  }

  /** Pod names for the query variables. */
  public record PodNames(List<String> canary, List<String> stable) {}
}
