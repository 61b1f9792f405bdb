package io.launchplan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.launchplan.cluster.OperatorSerialization;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real local environment the integration tests run on: the KWOK cluster, Prometheus and
 * Alertmanager of {@code make cluster-up}. Reuses what runs (or an explicit {@code KUBECONFIG}),
 * starts it when nothing does, and applies the project's CRD from the build.
 */
public final class LocalCluster {
  private static LocalCluster instance;

  private static Path kubeconfig;

  private final KubernetesClient client;
  private final URI prometheus;
  private final URI alertmanager;

  private LocalCluster(KubernetesClient client, URI prometheus, URI alertmanager) {
    this.client = client;
    this.prometheus = prometheus;
    this.alertmanager = alertmanager;
  }

  /** The shared environment, started on first use. */
  public static synchronized LocalCluster get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  public KubernetesClient client() {
    return client;
  }

  public URI prometheus() {
    return prometheus;
  }

  public URI alertmanager() {
    return alertmanager;
  }

  /** The kubeconfig of the cluster in use (for operator and plugin processes the tests start). */
  public static Path kubeconfigPath() {
    get();
    return kubeconfig.toAbsolutePath();
  }

  static Path repoRoot() {
    return Path.of(System.getProperty("launchplan.repoRoot", "..")).toAbsolutePath().normalize();
  }

  private static LocalCluster start() {
    Path kubeconfig = explicitKubeconfig();
    if (kubeconfig == null) {
      kubeconfig = repoRoot().resolve(".cluster/kubeconfig");
      if (!reachable(kubeconfig)) {
        clusterUp();
      }
    }
    if (!reachable(kubeconfig)) {
      throw new IllegalStateException("the Kubernetes API server of " + kubeconfig + " is not reachable; run `make cluster-up`");
    }
    LocalCluster.kubeconfig = kubeconfig;
    KubernetesClient client = clientFor(kubeconfig);
    applyCrd(client, "launchplans.launchplan.io-v1.yml");
    applyCrd(client, "launchpolicies.launchplan.io-v1.yml");
    applyCrd(client, "launchapprovals.launchplan.io-v1.yml");
    URI prometheus = URI.create(env("LAUNCHPLAN_PROMETHEUS_URL", "http://127.0.0.1:19090"));
    URI alertmanager = URI.create(env("LAUNCHPLAN_ALERTMANAGER_URL", "http://127.0.0.1:19093"));
    return new LocalCluster(client, prometheus, alertmanager);
  }

  private static Path explicitKubeconfig() {
    String explicit = System.getenv("LAUNCHPLAN_TEST_KUBECONFIG");
    return explicit == null || explicit.isBlank() ? null : Path.of(explicit);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  static KubernetesClient clientFor(Path kubeconfig) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
      config.setRequestTimeout(30_000);
      // The operator's own mapping (as Main builds it): another session's newer CRD fields break no informer.
      return new KubernetesClientBuilder().withConfig(config).withKubernetesSerialization(new OperatorSerialization())
          .build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + kubeconfig, e);
    }
  }

  private static boolean reachable(Path kubeconfig) {
    if (!Files.exists(kubeconfig)) {
      return false;
    }
    try (KubernetesClient c = clientFor(kubeconfig)) {
      return c.getKubernetesVersion() != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void clusterUp() {
    try {
      Process p = new ProcessBuilder("bash", "hack/cluster.sh", "up").directory(repoRoot().toFile()).inheritIO().start();
      if (!p.waitFor(40, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("hack/cluster.sh up failed; see its output above");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run hack/cluster.sh up", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * On a development cluster shared by several worktrees ({@code LAUNCHPLAN_TEST_CRD_UNION=1}):
   * when the live LaunchPlan CRD carries a rule this build retired ({@link CrdUnion#RETIRED_RULES}),
   * put back by another worktree's older CRD since this run began, applies this build's CRD again
   * and waits until LaunchPlans can be listed (the API server re-initialises their storage). Call
   * it before starting an operator, whose informers a re-initialising storage would fail. Nothing
   * to do on a cluster of its own, where this run's CRD is the only one.
   */
  static void reapplyLaunchPlanCrd(KubernetesClient client) {
    if (!"1".equals(System.getenv("LAUNCHPLAN_TEST_CRD_UNION"))) {
      return;
    }
    var live = client.apiextensions().v1().customResourceDefinitions().withName("launchplans.launchplan.io").get();
    String text = live == null ? "" : client.getKubernetesSerialization().asJson(live);
    if (CrdUnion.RETIRED_RULES.stream().noneMatch(text::contains)) {
      return;
    }
    applyCrd(client, "launchplans.launchplan.io-v1.yml");
    org.awaitility.Awaitility.await("LaunchPlan storage ready").atMost(java.time.Duration.ofSeconds(60))
        .pollInterval(java.time.Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> client.resources(io.launchplan.api.LaunchPlan.class).inNamespace("default").list() != null);
  }

  /**
   * Applies a CRD generated by this build and waits until it is established. Another module's tests
   * name the LaunchPlan CRD's file with the system property {@code launchplan.crd}; the other CRDs are
   * beside it.
   */
  private static void applyCrd(KubernetesClient client, String file) {
    Path crd = Path.of(System.getProperty("launchplan.crd", "target/classes/META-INF/fabric8/launchplans.launchplan.io-v1.yml"))
        .resolveSibling(file);
    try (var in = Files.newInputStream(crd)) {
      CustomResourceDefinition def = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
      if ("1".equals(System.getenv("LAUNCHPLAN_TEST_CRD_UNION"))) {
        def = withLiveSchema(client, def);
      }
      client.apiextensions().v1().customResourceDefinitions().resource(def)
          .fieldManager("launchplan-tests").forceConflicts().serverSideApply();
      client.apiextensions().v1().customResourceDefinitions().withName(def.getMetadata().getName())
          .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions() != null
              && c.getStatus().getConditions().stream()
              .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())), 30, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the generated CRD " + crd.toAbsolutePath() + "; build first", e);
    }
  }

  /** The generated CRD plus what the live one has and it lacks: see {@link CrdUnion}. */
  private static CustomResourceDefinition withLiveSchema(KubernetesClient client, CustomResourceDefinition def) {
    CustomResourceDefinition live = client.apiextensions().v1().customResourceDefinitions().withName(def.getMetadata().getName()).get();
    if (live == null) {
      return def;
    }
    var json = client.getKubernetesSerialization();
    ObjectNode generated = json.convertValue(def, ObjectNode.class);
    CrdUnion.addMissing(generated, json.convertValue(live, JsonNode.class));
    return json.convertValue(generated, CustomResourceDefinition.class);
  }
}
