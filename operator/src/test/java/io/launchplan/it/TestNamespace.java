package io.launchplan.it;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.launchplan.LaunchPlanOperator;
import io.launchplan.OperatorConfig;
import io.launchplan.analysis.FreezeAlertSelector;
import io.launchplan.analysis.PrometheusUrls;
import io.launchplan.analysis.receiver.ReceiverConfig;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.cluster.ConfigMapRef;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;

/** A namespace of one test on the real local cluster, with helpers to make Deployments and run the operator. */
public final class TestNamespace {
  private final LocalCluster cluster;
  private final String name;
  private final List<LaunchPlanOperator> operators = new ArrayList<>();
  private final List<Runnable> cleanups = new ArrayList<>();

  TestNamespace(LocalCluster cluster, String name) {
    this.cluster = cluster;
    this.name = name;
  }

  public String name() {
    return name;
  }

  public KubernetesClient client() {
    return cluster.client();
  }

  public URI prometheus() {
    return cluster.prometheus();
  }

  public URI alertmanager() {
    return cluster.alertmanager();
  }

  /** Runs the operator in this JVM, watching only this namespace. */
  public LaunchPlanOperator startOperator() {
    return startOperator(cluster.prometheus());
  }

  /** Runs the operator in this JVM with {@code prometheus} as its default Prometheus (Alertmanager receiver off). */
  public LaunchPlanOperator startOperator(URI prometheus) {
    return startOperator(prometheus, ReceiverConfig.OFF);
  }

  /** Runs the operator in this JVM with its Alertmanager receiver set up as {@code receiver}. */
  public LaunchPlanOperator startOperator(ReceiverConfig receiver) {
    return startOperator(cluster.prometheus(), receiver);
  }

  private LaunchPlanOperator startOperator(URI prometheus, ReceiverConfig receiver) {
    return startOperator(prometheus, receiver, null, null);
  }

  /** Runs the operator in this JVM with the cluster-wide freeze settings (each may be null). */
  public LaunchPlanOperator startOperator(ReceiverConfig receiver, ConfigMapRef configMap, FreezeAlertSelector freezeAlerts) {
    return startOperator(cluster.prometheus(), receiver, configMap, freezeAlerts);
  }

  private LaunchPlanOperator startOperator(URI prometheus, ReceiverConfig receiver, ConfigMapRef configMap,
      FreezeAlertSelector freezeAlerts) {
    return startOperator(Set.of(name), prometheus, receiver, configMap, freezeAlerts);
  }

  /** Runs the operator in this JVM watching this namespace and {@code others}. */
  public LaunchPlanOperator startOperatorAlsoWatching(TestNamespace... others) {
    Set<String> namespaces = new java.util.HashSet<>(Set.of(name));
    for (TestNamespace other : others) {
      namespaces.add(other.name());
    }
    return startOperator(namespaces, cluster.prometheus(), ReceiverConfig.OFF, null, null);
  }

  /** Another namespace for this test, deleted with this one. */
  public TestNamespace sibling(String suffix) {
    String other = name + "-" + suffix;
    cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
        .withNewMetadata().withName(other).endMetadata().build()).create();
    TestNamespace sibling = new TestNamespace(cluster, other);
    cleanups.add(sibling::delete); // after this namespace's operators stopped
    return sibling;
  }

  private LaunchPlanOperator startOperator(Set<String> namespaces, URI prometheus, ReceiverConfig receiver,
      ConfigMapRef configMap, FreezeAlertSelector freezeAlerts) {
    OperatorConfig config = new OperatorConfig(prometheus, namespaces, 0, Duration.ofSeconds(2), 4, receiver,
        "", configMap, freezeAlerts, PrometheusUrls.of(prometheus, null));
    LaunchPlanOperator operator = new LaunchPlanOperator(cluster.client(), config, Clock.systemUTC(),
        new PrometheusRegistry()).start();
    operators.add(operator);
    return operator;
  }

  /** Stops an operator started here (as if its process died). */
  public void stop(LaunchPlanOperator operator) {
    operator.close();
    operators.remove(operator);
  }

  /** Runs {@code cleanup} when the test ends, pass or fail (e.g. to kill an operator process). */
  public void onCleanup(Runnable cleanup) {
    cleanups.add(cleanup);
  }

  void stopOperators() {
    operators.forEach(LaunchPlanOperator::close);
    operators.clear();
    cleanups.forEach(Runnable::run);
    cleanups.clear();
  }

  void delete() {
    // The operator is stopped by now: drop its finalizers, or the namespace would stay Terminating.
    for (LaunchPlan p : cluster.client().resources(LaunchPlan.class).inNamespace(name).list().getItems()) {
      // a merge patch without resourceVersion: a last write of the stopped operator cannot make it conflict
      cluster.client().resources(LaunchPlan.class).inNamespace(name).withName(p.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
    }
    cluster.client().namespaces().withName(name).delete();
  }

  /** A Deployment named {@code app} of image {@code image}, served by the traffic simulator at {@code rps}. */
  public Deployment createDeployment(String app, int replicas, String image, Map<String, String> podAnnotations) {
    Map<String, String> annotations = new HashMap<>(podAnnotations);
    Deployment d = new DeploymentBuilder()
        .withNewMetadata().withName(app).withNamespace(name).endMetadata()
        .withNewSpec()
            .withReplicas(replicas)
            .withNewSelector().addToMatchLabels("app", app).endSelector()
            .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withNewMaxSurge("25%").withNewMaxUnavailable("25%").endRollingUpdate().endStrategy()
            .withNewTemplate()
                .withNewMetadata().addToLabels("app", app).withAnnotations(annotations).endMetadata()
                .withNewSpec()
                    .addNewContainer().withName("app").withImage(image).endContainer()
                    .addNewToleration().withKey("kwok.x-k8s.io/node").withOperator("Exists").withEffect("NoSchedule").endToleration()
                .endSpec()
            .endTemplate()
        .endSpec()
        .build();
    return cluster.client().apps().deployments().inNamespace(name).resource(d).create();
  }

  /** The Deployment most tests launch onto: {@code web}, 3 replicas of image web:1 serving 20 requests/s, available. */
  public Deployment createWeb() {
    createDeployment("web", 3, "registry.example/web:1", Map.of("sim.launchplan.io/rps", "20"));
    awaitAvailable("web", Duration.ofSeconds(60));
    return deployment("web");
  }

  public Deployment deployment(String app) {
    return cluster.client().apps().deployments().inNamespace(name).withName(app).get();
  }

  /** Waits until the Deployment has all replicas updated and available. */
  public void awaitAvailable(String app, Duration timeout) {
    Awaitility.await(app + " available").atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
      Deployment d = deployment(app);
      var s = d.getStatus();
      int want = d.getSpec().getReplicas();
      return s != null && s.getObservedGeneration() != null && s.getObservedGeneration() >= d.getMetadata().getGeneration()
          && s.getUpdatedReplicas() != null && s.getUpdatedReplicas() == want
          && s.getAvailableReplicas() != null && s.getAvailableReplicas() == want
          && s.getReplicas() != null && s.getReplicas() == want;
    });
  }

  public LaunchPlan apply(LaunchPlan plan) {
    plan.getMetadata().setNamespace(name);
    return cluster.client().resources(LaunchPlan.class).inNamespace(name).resource(plan).create();
  }

  public LaunchPlan plan(String planName) {
    return cluster.client().resources(LaunchPlan.class).inNamespace(name).withName(planName).get();
  }

  /** Waits for {@code phase}; fails early with the status when the plan ends elsewhere. */
  public LaunchPlan awaitPhase(String planName, Phase phase, Duration timeout) {
    Awaitility.await(planName + " reaches " + phase).atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
      LaunchPlan p = plan(planName);
      Phase now = p.getStatus() == null ? null : p.getStatus().getPhase();
      if (now != null && now.isTerminal() && now != phase) {
        throw new AssertionError(planName + " ended " + now + " instead of " + phase + ": " + p.getStatus().getMessage());
      }
      return now == phase;
    });
    return plan(planName);
  }

  /** Makes the target's rolling updates take at least {@code seconds} per batch (KWOK pods are ready at once). */
  public void slowRollout(String app, int seconds) {
    cluster.client().apps().deployments().inNamespace(name).withName(app).edit(d -> {
      d.getSpec().setMinReadySeconds(seconds);
      return d;
    });
    awaitAvailable(app, Duration.ofSeconds(60));
  }

  /** Sets (or, with null, removes) an annotation on every pod matching {@code labels}: the simulator reacts within a second. */
  public void annotatePods(Map<String, String> labels, String key, String value) {
    for (var pod : cluster.client().pods().inNamespace(name).withLabels(labels).list().getItems()) {
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        continue; // on its way out: no traffic to change
      }
      try {
        cluster.client().pods().inNamespace(name).withName(pod.getMetadata().getName()).edit(p -> {
          if (value == null) {
            p.getMetadata().getAnnotations().remove(key);
          } else {
            p.getMetadata().getAnnotations().put(key, value);
          }
          return p;
        });
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e; // a pod deleted between the list and the edit (e.g. by a rollout) is fine
        }
      }
    }
  }

  /** Sets (or, with null, removes) an annotation on this namespace. */
  public void annotateNamespace(String key, String value) {
    cluster.client().namespaces().withName(name).edit(n -> {
      var a = n.getMetadata().getAnnotations() == null ? new HashMap<String, String>() : new HashMap<>(n.getMetadata().getAnnotations());
      if (value == null) {
        a.remove(key);
      } else {
        a.put(key, value);
      }
      n.getMetadata().setAnnotations(a);
      return n;
    });
  }

  /** Waits until the plan is in {@code phase} with {@code reason}. */
  public LaunchPlan awaitReason(String planName, Phase phase, String reason, Duration timeout) {
    Awaitility.await(planName + " reaches " + phase + "/" + reason).atMost(timeout).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          LaunchPlan p = plan(planName);
          return p.getStatus() != null && p.getStatus().getPhase() == phase && reason.equals(p.getStatus().getReason());
        });
    return plan(planName);
  }

  public long generation(String app) {
    return deployment(app).getMetadata().getGeneration();
  }
}
