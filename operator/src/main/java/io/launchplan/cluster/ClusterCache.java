package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.launchplan.api.LaunchPlan;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a reconcile reads about the cluster, served from the operator's informers instead of the
 * API server: the target and canary Deployments, the plan's Namespace, and the pods behind them.
 * A tick then costs one API call (the status write) rather than five.
 *
 * <p>The operator's own writes are put into the cache at once ({@link #wrote}), so the next
 * reconcile sees them even before the watch event arrives; the informer's newer version wins
 * when it comes. The caches keep slimmed objects (see {@link #slimStore}) to stay small with
 * thousands of plans.
 */
public final class ClusterCache {
  /** By watched namespace, or under {@link Constants#WATCH_ALL_NAMESPACES} alone. */
  private final Map<String, InformerEventSource<Deployment, LaunchPlan>> deployments;
  private final InformerEventSource<Namespace, LaunchPlan> namespaces;
  private final Map<String, InformerEventSource<Pod, LaunchPlan>> pods;

  ClusterCache(Map<String, InformerEventSource<Deployment, LaunchPlan>> deployments,
      InformerEventSource<Namespace, LaunchPlan> namespaces, Map<String, InformerEventSource<Pod, LaunchPlan>> pods) {
    this.deployments = Map.copyOf(deployments);
    this.namespaces = namespaces;
    this.pods = Map.copyOf(pods);
  }

  private static <T> T in(Map<String, T> sources, String namespace) {
    T source = sources.get(namespace);
    if (source == null) {
      source = sources.get(Constants.WATCH_ALL_NAMESPACES);
    }
    if (source == null) {
      throw new IllegalStateException("namespace " + namespace + " is not watched by this operator");
    }
    return source;
  }

  /** The plan's target Deployment, or null. */
  public Deployment target(LaunchPlan plan) {
    return deployment(plan.getMetadata().getNamespace(), plan.getSpec().getTargetRef().getName());
  }

  /** The plan's canary Deployment, or null; a stranger holding the name is not it ({@link CanaryDeployments#ours}). */
  public Deployment canary(LaunchPlan plan) {
    Deployment named = canaryNamed(plan);
    return CanaryDeployments.ours(plan, named) ? named : null;
  }

  /** What holds the canary's name when a Deployment that is not the plan's has it, else null. */
  public String canaryNameTaken(LaunchPlan plan) {
    return CanaryDeployments.stranger(plan, canaryNamed(plan));
  }

  private Deployment canaryNamed(LaunchPlan plan) {
    return deployment(plan.getMetadata().getNamespace(), Labels.canaryName(plan.getSpec().getTargetRef().getName()));
  }

  private Deployment deployment(String namespace, String name) {
    return in(deployments, namespace).get(new ResourceID(name, namespace)).orElse(null);
  }

  /** The Namespace called {@code name}, or null. */
  public Namespace namespace(String name) {
    return namespaces.get(new ResourceID(name)).orElse(null);
  }

  /** The pods in {@code namespace} carrying every label of {@code matchLabels}. */
  public List<Pod> pods(String namespace, Map<String, String> matchLabels) {
    return in(pods, namespace).list(namespace, p -> {
      Map<String, String> labels = p.getMetadata().getLabels();
      return labels != null && labels.entrySet().containsAll(matchLabels.entrySet());
    }).toList();
  }

  /**
   * Records a Deployment the operator just wrote ({@code before}: what the cache held, null for a
   * create), so reads before its watch event see the write.
   */
  public void wrote(Deployment written, Deployment before) {
    if (written == null) {
      return;
    }
    ResourceID id = ResourceID.fromResource(written);
    var source = in(deployments, written.getMetadata().getNamespace());
    if (before == null) {
      source.handleRecentResourceCreate(id, written);
    } else {
      source.handleRecentResourceUpdate(id, written, before);
    }
  }

  /** A store that keeps what {@code slim} leaves of each object. */
  static <T extends HasMetadata> BasicItemStore<T> slimStore(UnaryOperator<T> slim) {
    return new BasicItemStore<>(Cache::metaNamespaceKeyFunc) {
      @Override
      public T put(String key, T obj) {
        return super.put(key, slim.apply(obj));
      }
    };
  }

  /** Deployments without {@code managedFields}, the largest part of a Deployment no decision reads. */
  static Deployment slimDeployment(Deployment d) {
    d.getMetadata().setManagedFields(null);
    return d;
  }

  /**
   * A pod reduced to what the query variables need: name, namespace, labels, the revision stamp
   * ({@code launchplan.io/revision}, the only annotation kept) and whether it is going.
   */
  static Pod slimPod(Pod p) {
    ObjectMeta m = p.getMetadata();
    String revision = m.getAnnotations() != null ? m.getAnnotations().get(Labels.REVISION) : null;
    Pod slim = new Pod();
    // Empty maps, never null: JOSDK's event source reads the annotations of every cached object.
    slim.setMetadata(new ObjectMetaBuilder().withName(m.getName()).withNamespace(m.getNamespace())
        .withUid(m.getUid()).withResourceVersion(m.getResourceVersion())
        .withLabels(m.getLabels() != null ? m.getLabels() : Map.of())
        .withAnnotations(revision != null ? Map.of(Labels.REVISION, revision) : Map.of())
        .withDeletionTimestamp(m.getDeletionTimestamp()).build());
    return slim;
  }
}
