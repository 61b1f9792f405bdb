package io.launchplan.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * The bench's side of the local cluster: namespaces, Deployments and LaunchPlans it creates, the
 * fake nodes its pods run on, and the API server's own request counters.
 *
 * <p>The cluster's two standard nodes hold 110 pods each and other tests use them, so the bench
 * adds its own KWOK nodes ({@code launchplan-bench-N}, 1,100 pods each), tainted so that only
 * the bench's pods (which tolerate the taint and select the nodes) land there, and removes them at
 * the end.
 */
final class BenchCluster implements AutoCloseable {
  static final String NODE_LABEL = "launchplan.io/bench";
  private static final int PODS_PER_NODE = 1100;

  private final KubernetesClient client;
  private final java.util.Set<String> namespaces = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private int nodes;

  BenchCluster(Path kubeconfig) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
      config.setRequestTimeout(60_000);
      this.client = new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + kubeconfig + "; run `make cluster-up`", e);
    }
  }

  KubernetesClient client() {
    return client;
  }

  /**
   * Creates each CRD of {@code crds/} (LaunchPlans and every other kind the operator watches: it
   * does not start without them) that the cluster does not have. An existing CRD is left alone:
   * other work on the same cluster may have applied a newer one.
   */
  void ensureCrd(Path repoRoot) {
    var crds = client.apiextensions().v1().customResourceDefinitions();
    List<Path> files;
    try (var list = Files.list(repoRoot.resolve("crds"))) {
      files = list.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + repoRoot.resolve("crds"), e);
    }
    for (Path file : files) {
      try (var in = Files.newInputStream(file)) {
        CustomResourceDefinition def = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        String name = def.getMetadata().getName();
        if (crds.withName(name).get() != null) {
          continue;
        }
        crds.resource(def).create();
        crds.withName(name).waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions() != null
            && c.getStatus().getConditions().stream()
                .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())), 30, TimeUnit.SECONDS);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + file, e);
      }
    }
  }

  /** Makes sure the bench nodes can hold {@code pods} pods. */
  void ensureNodes(int pods) {
    int want = Math.max(1, (pods + PODS_PER_NODE - 1) / PODS_PER_NODE);
    for (int i = nodes; i < want; i++) {
      String name = "launchplan-bench-" + i;
      Node node = new NodeBuilder()
          .withNewMetadata().withName(name)
              .addToAnnotations("kwok.x-k8s.io/node", "fake").addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
              .addToLabels("type", "kwok").addToLabels(NODE_LABEL, "true").addToLabels("kubernetes.io/hostname", name)
              .addToLabels("kubernetes.io/os", "linux").addToLabels("kubernetes.io/arch", "amd64")
          .endMetadata()
          .withNewSpec().addNewTaint().withKey(NODE_LABEL).withValue("true").withEffect("NoSchedule").endTaint().endSpec()
          .withNewStatus()
              .addToAllocatable(Map.of("cpu", new Quantity("1000"), "memory", new Quantity("4Ti"),
                  "pods", new Quantity(Integer.toString(PODS_PER_NODE))))
              .addToCapacity(Map.of("cpu", new Quantity("1000"), "memory", new Quantity("4Ti"),
                  "pods", new Quantity(Integer.toString(PODS_PER_NODE))))
          .endStatus()
          .build();
      if (client.nodes().withName(name).get() == null) {
        client.nodes().resource(node).create();
      }
    }
    nodes = Math.max(nodes, want);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (readyBenchNodes() < want) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("bench nodes not Ready within 60 s (is kwok-controller running?)");
      }
      OperatorJvm.sleep(250);
    }
  }

  private long readyBenchNodes() {
    return client.nodes().withLabel(NODE_LABEL, "true").list().getItems().stream()
        .filter(n -> n.getStatus() != null && n.getStatus().getConditions() != null && n.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .count();
  }

  void deleteNodes() {
    client.nodes().withLabel(NODE_LABEL, "true").delete();
    nodes = 0;
  }

  void createNamespace(String name) {
    namespaces.add(name);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .addToLabels(NODE_LABEL, "true").endMetadata().build()).create();
  }

  /** A Deployment of {@code replicas} pods on the bench nodes, served by the traffic simulator at {@code rps}. */
  void createDeployment(String ns, String name, int replicas, int rps) {
    createDeployment(ns, name, replicas, rps, Map.of());
  }

  /**
   * As above, with extra annotations on the pod template (e.g. the revision a launch left there);
   * {@code rps} below 0: no traffic annotation, so the simulator leaves the pods alone and
   * Prometheus has no series of them.
   */
  void createDeployment(String ns, String name, int replicas, int rps, Map<String, String> templateAnnotations) {
    createDeployment(ns, name, replicas, rps, templateAnnotations, false);
  }

  /**
   * As above; {@code paused}: created paused, so the Deployment controller makes no ReplicaSet and
   * no pods for it (a Deployment that a finished launch left, minus its pods).
   */
  void createDeployment(String ns, String name, int replicas, int rps, Map<String, String> templateAnnotations,
      boolean paused) {
    Map<String, String> annotations = new java.util.HashMap<>(templateAnnotations);
    if (rps >= 0) {
      annotations.put("sim.launchplan.io/rps", Integer.toString(rps));
    }
    Deployment d = new DeploymentBuilder()
        .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withNewSpec()
            .withReplicas(replicas)
            .withPaused(paused ? Boolean.TRUE : null)
            .withNewSelector().addToMatchLabels("app", name).endSelector()
            .withNewTemplate()
                .withNewMetadata().addToLabels("app", name).addToAnnotations(annotations).endMetadata()
                .withNewSpec()
                    .addNewContainer().withName("app").withImage("registry.example/" + name + ":1").endContainer()
                    .addToNodeSelector(NODE_LABEL, "true")
                    .addNewToleration().withKey(NODE_LABEL).withOperator("Exists").withEffect("NoSchedule").endToleration()
                .endSpec()
            .endTemplate()
        .endSpec()
        .build();
    client.apps().deployments().inNamespace(ns).resource(d).create();
  }

  void createPlan(String ns, String yaml) {
    client.resources(LaunchPlan.class).inNamespace(ns).resource(planObject(ns, yaml)).create();
  }

  /** The plan of {@code yaml} in {@code ns}, as {@link #createPlan} would create it. */
  LaunchPlan planObject(String ns, String yaml) {
    LaunchPlan plan = Serialization.unmarshal(yaml, LaunchPlan.class);
    plan.getMetadata().setNamespace(ns);
    return plan;
  }

  /** Deployments of {@code ns} with all replicas available, from the API server's watch cache (cheap at 10,000). */
  long availableFromCache(String ns) {
    return client.apps().deployments().inNamespace(ns).list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
        .withResourceVersion("0").build()).getItems().stream().filter(BenchCluster::available).count();
  }

  /** Deployments of {@code ns}, from the API server's watch cache. */
  long deploymentsFromCache(String ns) {
    return client.apps().deployments().inNamespace(ns).list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
        .withResourceVersion("0").build()).getItems().size();
  }

  /** Plans of {@code ns} by phase (null: none yet), from the API server's watch cache. */
  Map<Phase, Long> phasesFromCache(String ns) {
    Map<Phase, Long> counts = new java.util.HashMap<>();
    for (LaunchPlan p : client.resources(LaunchPlan.class).inNamespace(ns).list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
        .withResourceVersion("0").build()).getItems()) {
      Phase phase = p.getStatus() == null ? null : p.getStatus().getPhase();
      counts.merge(phase, 1L, Long::sum);
    }
    return counts;
  }

  List<LaunchPlan> plans(String ns) {
    return client.resources(LaunchPlan.class).inNamespace(ns).list().getItems();
  }

  /** Waits until {@code count} Deployments of {@code ns} have all their replicas available. */
  void awaitAvailable(String ns, int count, Duration timeout) {
    awaitCount("Deployments available in " + ns, count, timeout, () -> client.apps().deployments().inNamespace(ns).list()
        .getItems().stream().filter(BenchCluster::available).count());
  }

  /** Waits until {@code count} plans of {@code ns} are in {@code phase}; fails when one ends elsewhere. */
  void awaitPhase(String ns, Phase phase, int count, Duration timeout) {
    awaitCount("LaunchPlans " + phase + " in " + ns, count, timeout, () -> {
      List<LaunchPlan> plans = plans(ns);
      for (LaunchPlan p : plans) {
        Phase now = p.getStatus() == null ? null : p.getStatus().getPhase();
        if (now != null && now != phase && now.isTerminal()) {
          throw new IllegalStateException(p.getMetadata().getName() + " ended " + now + ": " + p.getStatus().getMessage());
        }
      }
      return plans.stream().filter(p -> p.getStatus() != null && p.getStatus().getPhase() == phase).count();
    });
  }

  private static void awaitCount(String what, int count, Duration timeout, java.util.function.LongSupplier current) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long last = -1;
    long lastPrint = 0;
    while (true) {
      long now = current.getAsLong();
      if (now >= count) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + ": " + now + " of " + count + " after " + timeout.toSeconds() + " s");
      }
      if (now != last && System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(15)) {
        Bench.log("  %s: %d/%d", what, now, count);
        lastPrint = System.nanoTime();
        last = now;
      }
      OperatorJvm.sleep(1000);
    }
  }

  private static boolean available(Deployment d) {
    var s = d.getStatus();
    int want = d.getSpec().getReplicas();
    return s != null && s.getAvailableReplicas() != null && s.getAvailableReplicas() == want
        && s.getUpdatedReplicas() != null && s.getUpdatedReplicas() == want;
  }

  /** Sets one annotation on one pod (a JSON merge patch); returns when the API server has it. */
  void annotatePod(String ns, String pod, String key, String value) {
    String patch = "{\"metadata\":{\"annotations\":{" + Serialization.asJson(key) + ":" + Serialization.asJson(value) + "}}}";
    client.pods().inNamespace(ns).withName(pod).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  /**
   * Removes {@code ns}: stops nothing itself, so call it after the operator stopped. Plans lose
   * their finalizer first (the operator's clean-up is not what is measured), then the namespace is
   * deleted and awaited, so the next measurement does not pay for this one's garbage collection.
   */
  void deleteNamespace(String ns, Duration timeout) {
    dropFinalizersAndDelete(ns);
    namespaces.remove(ns);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (client.namespaces().withName(ns).get() != null) {
      if (System.nanoTime() > deadline) {
        Bench.log("  namespace %s still terminating after %d s; going on", ns, timeout.toSeconds());
        return;
      }
      OperatorJvm.sleep(1000);
    }
  }

  private void dropFinalizersAndDelete(String ns) {
    List<LaunchPlan> withFinalizer = plans(ns).stream()
        .filter(p -> p.getMetadata().getFinalizers() != null && !p.getMetadata().getFinalizers().isEmpty()).toList();
    parallel(withFinalizer.size(), 8, i -> client.resources(LaunchPlan.class).inNamespace(ns)
        .withName(withFinalizer.get(i).getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}"));
    client.namespaces().withName(ns).delete();
  }

  /**
   * What an interrupted run leaves (Ctrl-C, SIGTERM): its namespaces, without waiting, and the
   * bench nodes. Called from a shutdown hook, after which the operators are gone too.
   */
  void abandon() {
    for (String ns : List.copyOf(namespaces)) {
      try {
        dropFinalizersAndDelete(ns);
      } catch (RuntimeException e) {
        System.err.println("bench: could not delete namespace " + ns + ": " + e.getMessage());
      }
    }
    deleteNodes();
  }

  /** The API server's {@code /metrics} (admin credentials). */
  MetricsText apiserverMetrics() {
    return MetricsText.parse(client.raw("/metrics"));
  }

  /** Sum of {@code apiserver_request_total} over all clients, verbs and resources. */
  double apiserverRequests() {
    return apiserverMetrics().sum("apiserver_request_total");
  }

  /** Runs {@code task(i)} for i in [0, n) on {@code threads} threads; rethrows the first failure. */
  static void parallel(int n, int threads, IntConsumer task) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(pool.submit(() -> task.accept(k)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
