package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart as a user runs it, on the real node: {@code helm install} with the image
 * {@code hack/image.sh} built from this build's jar, the operator pods Ready through the chart's
 * probes (non-root, read-only root file system), in-cluster config with the chart's
 * ServiceAccount, driving a launch and a revert of the real demo app (examples/real/) whose pods
 * Prometheus scrapes; two replicas with leader election where the leader pod is killed mid-launch
 * and the standby finishes it with one canary and one patch; {@code helm upgrade} of a setting
 * restarting the pods; {@code helm uninstall} leaving nothing but the CRD.
 */
@ExtendWith(ClusterExtension.class)
class HelmInstallIT {
  private static final String RELEASE = "lp-real";
  private static final String FULLNAME = RELEASE + "-launchplan-operator";
  private static final String LEASE = "launchplan-operator";
  private static final Duration LEASE_DURATION = Duration.ofSeconds(10);

  @Test
  void chartRunsARealOperatorPodThatLaunchesRevertsFailsOverUpgradesAndUninstalls(TestNamespace ns) throws Exception {
    KubernetesClient client = ns.client();
    RealNode.requireReady(client);
    String image = RealNode.operatorImage();
    TestNamespace app = ns.sibling("app");
    ns.onCleanup(() -> HelmChart.helmSh("helm", "uninstall", RELEASE, "-n", ns.name(), "--ignore-not-found"));

    long t0 = System.nanoTime();
    HelmChart.helmSh("helm", "install", RELEASE, HelmChart.chartDir().toString(), "-n", ns.name(),
        "-f", values(image, app.name()).toString()).requireSuccess("helm install");
    List<Pod> pods = awaitReadyOperatorPods(ns, Set.of());
    System.out.printf("helm install -> 2 operator pods Ready on the real node: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    pods.forEach(p -> assertLockedDown(client, p));

    startDemoApp(app);
    launchSucceedsThroughALeaderFailover(ns, app);
    badVersionReverts(app);
    upgradeOfASettingRestartsThePods(ns);
    uninstallLeavesOnlyTheCrd(ns);
  }

  private static Path values(String image, String appNamespace) throws Exception {
    int colon = image.lastIndexOf(':');
    String yaml = String.join("\n",
        "image: {repository: " + image.substring(0, colon) + ", tag: \"" + image.substring(colon + 1) + "\", pullPolicy: Never}",
        "replicas: 2",
        "leaderElection: {leaseDuration: " + LEASE_DURATION.toSeconds() + "s}",
        "watchNamespaces: [" + appNamespace + "]",
        // Prometheus listens on the host's 127.0.0.1; the node forwards the bridge address to it.
        "prometheusUrl: http://" + RealNode.HOST_IP + ":19090",
        "nodeSelector: {launchplan.io/node: real}",
        "tolerations: [{key: launchplan.io/real-node, operator: Exists, effect: NoSchedule}]",
        "");
    Path file = Files.createTempFile("helm-install-it", ".yaml");
    Files.writeString(file, yaml);
    file.toFile().deleteOnExit();
    return file;
  }

  private static List<Pod> operatorPods(TestNamespace ns) {
    return ns.client().pods().inNamespace(ns.name()).withLabel("app.kubernetes.io/instance", RELEASE).list().getItems();
  }

  /** Waits for two Ready operator pods on the real node, none of them in {@code old}, and no other pod left. */
  private static List<Pod> awaitReadyOperatorPods(TestNamespace ns, Set<String> old) {
    Awaitility.await("2 Ready operator pods (not " + old + ")").atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500)).until(() -> {
          List<Pod> pods = operatorPods(ns);
          return pods.size() == 2 && pods.stream().allMatch(p -> ready(p) && !old.contains(p.getMetadata().getUid())
              && RealNode.NAME.equals(p.getSpec().getNodeName()));
        });
    return operatorPods(ns);
  }

  private static boolean ready(Pod p) {
    return p.getMetadata().getDeletionTimestamp() == null && p.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Non-root, read-only root, no kubeconfig: the client in the pod is configured from its ServiceAccount. */
  private static void assertLockedDown(KubernetesClient client, Pod pod) {
    var container = pod.getSpec().getContainers().get(0);
    SecurityContext sc = container.getSecurityContext();
    assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
    assertThat(sc.getRunAsNonRoot()).isTrue();
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo(FULLNAME);
    assertThat(container.getEnv()).noneMatch(e -> e.getName().equals("KUBECONFIG"));
    assertThat(container.getReadinessProbe()).isNotNull();
    assertThat(container.getLivenessProbe()).isNotNull();
    ContainerStatus status = pod.getStatus().getContainerStatuses().get(0);
    assertThat(status.getRestartCount()).as("restarts of %s", pod.getMetadata().getName()).isZero();
    assertThat(exec(client, pod, "id", "-u").trim()).isEqualTo("10001");
    assertThat(exec(client, pod, "sh", "-c", "touch /app/x 2>&1 || echo refused")).contains("Read-only file system");
  }

  private static String exec(KubernetesClient client, Pod pod, String... command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ExecWatch watch = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
        .writingOutput(out).writingError(out).exec(command)) {
      watch.exitCode().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("kubectl exec " + String.join(" ", command) + " in " + pod.getMetadata().getName(), e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void startDemoApp(TestNamespace app) {
    for (HasMetadata item : RealNode.load(app.client(), "examples/real/demo-app.yaml", app.name())) {
      app.client().resource(item).inNamespace(app.name()).create();
    }
    for (String name : List.of("checkout", "search", "load")) {
      app.awaitAvailable(name, Duration.ofMinutes(2));
    }
  }

  private static LaunchPlan example(String file, TestNamespace app) throws Exception {
    LaunchPlan plan = Plans.fromYaml(Files.readString(LocalCluster.repoRoot().resolve(file)));
    plan.getMetadata().setNamespace(app.name());
    return plan;
  }

  private static String leader(TestNamespace ns) {
    Lease lease = ns.client().leases().inNamespace(ns.name()).withName(LEASE).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static void launchSucceedsThroughALeaderFailover(TestNamespace ns, TestNamespace app) throws Exception {
    KubernetesClient client = ns.client();
    Awaitility.await("a leader").atMost(Duration.ofMinutes(1)).until(() -> leader(ns) != null && !leader(ns).isEmpty());
    String oldLeader = leader(ns);
    long generation = app.deployment("checkout").getMetadata().getGeneration();
    AtomicInteger canariesCreated = new AtomicInteger();
    try (Watch watch = client.apps().deployments().inNamespace(app.name()).watch(new Watcher<Deployment>() {
      @Override
      public void eventReceived(Action action, Deployment d) {
        if (action == Action.ADDED && d.getMetadata().getName().equals("checkout-canary")) {
          canariesCreated.incrementAndGet();
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    })) {
      app.apply(example("examples/real/launch-succeeds.yaml", app));
      app.awaitPhase("checkout", Phase.Observing, Duration.ofMinutes(2));

      long killed = System.nanoTime();
      client.pods().inNamespace(ns.name()).withName(oldLeader).withGracePeriod(0).delete();
      Awaitility.await("the standby takes the Lease").atMost(LEASE_DURATION.multipliedBy(3))
          .pollInterval(Duration.ofMillis(200)).until(() -> {
            String now = leader(ns);
            return now != null && !now.isEmpty() && !now.equals(oldLeader);
          });
      System.out.printf("leader %s killed mid-launch: standby %s holds the Lease after %d ms (lease duration %d s)%n",
          oldLeader, leader(ns), (System.nanoTime() - killed) / 1_000_000, LEASE_DURATION.toSeconds());

      LaunchPlan done = app.awaitPhase("checkout", Phase.Succeeded, Duration.ofMinutes(3));
      List<Phase> phases = done.getStatus().getHistory().stream().map(HistoryEntry::getPhase).toList();
      assertThat(phases).containsSubsequence(Phase.Canary, Phase.Observing, Phase.RollingOut, Phase.Verifying, Phase.Succeeded)
          .doesNotHaveDuplicates();
    }
    assertThat(canariesCreated.get()).as("canary Deployments created").isEqualTo(1);
    assertThat(app.deployment("checkout").getMetadata().getGeneration()).as("patches of the target").isEqualTo(generation + 1);
    assertThat(app.deployment("checkout").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("VERSION=1.1.0"));
    assertThat(app.deployment("checkout-canary")).isNull();
  }

  private static void badVersionReverts(TestNamespace app) throws Exception {
    long generation = app.deployment("search").getMetadata().getGeneration();
    app.apply(example("examples/real/launch-reverts.yaml", app));
    LaunchPlan reverted = app.awaitPhase("search", Phase.Reverted, Duration.ofMinutes(3));
    assertThat(reverted.getStatus().getReason()).isEqualTo("AnalysisRevert");
    assertThat(app.deployment("search").getMetadata().getGeneration()).as("the target was never patched").isEqualTo(generation);
    Awaitility.await("the canary is gone").atMost(Duration.ofMinutes(1)).until(() -> app.deployment("search-canary") == null);
  }

  private static void upgradeOfASettingRestartsThePods(TestNamespace ns) {
    Set<String> old = operatorPods(ns).stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
    assertThat(old).hasSize(2);
    HelmChart.helmSh("helm", "upgrade", RELEASE, HelmChart.chartDir().toString(), "-n", ns.name(), "--reuse-values",
        "--set", "log.level=DEBUG").requireSuccess("helm upgrade");
    List<Pod> after = awaitReadyOperatorPods(ns, old);
    assertThat(ns.client().configMaps().inNamespace(ns.name()).withName(FULLNAME + "-settings").get().getData().values())
        .anySatisfy(settings -> assertThat(settings).contains("LAUNCHPLAN_LOG_LEVEL: \"DEBUG\""));
    assertThat(after).extracting(p -> p.getMetadata().getUid()).doesNotContainAnyElementsOf(old);
  }

  private static void uninstallLeavesOnlyTheCrd(TestNamespace ns) {
    KubernetesClient client = ns.client();
    HelmChart.helmSh("helm", "uninstall", RELEASE, "-n", ns.name(), "--wait").requireSuccess("helm uninstall");
    String n = ns.name();
    Awaitility.await("nothing of the release is left").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> {
          assertThat(client.apps().deployments().inNamespace(n).list().getItems()).isEmpty();
          assertThat(client.apps().replicaSets().inNamespace(n).list().getItems()).isEmpty();
          assertThat(client.pods().inNamespace(n).list().getItems()).isEmpty();
          assertThat(client.services().inNamespace(n).list().getItems()).isEmpty();
          assertThat(client.configMaps().inNamespace(n).list().getItems()).extracting(c -> c.getMetadata().getName())
              .containsOnly("kube-root-ca.crt");
          assertThat(client.secrets().inNamespace(n).list().getItems()).isEmpty();
          assertThat(client.serviceAccounts().inNamespace(n).list().getItems()).extracting(s -> s.getMetadata().getName())
              .containsOnly("default");
          assertThat(client.rbac().roles().inNamespace(n).list().getItems()).isEmpty();
          assertThat(client.rbac().roleBindings().inNamespace(n).list().getItems()).isEmpty();
          assertThat(client.leases().inNamespace(n).list().getItems()).isEmpty();
          assertThat(client.rbac().clusterRoles().withLabel("app.kubernetes.io/instance", RELEASE).list().getItems())
              .extracting(r -> r.getMetadata().getName()).noneMatch(name -> name.startsWith(n + "-"));
          assertThat(client.rbac().clusterRoleBindings().withLabel("app.kubernetes.io/instance", RELEASE).list().getItems())
              .extracting(r -> r.getMetadata().getName()).noneMatch(name -> name.startsWith(n + "-"));
          assertThat(client.admissionRegistration().v1().validatingAdmissionPolicies()
              .withLabel("app.kubernetes.io/instance", RELEASE).list().getItems()).isEmpty();
          assertThat(client.admissionRegistration().v1().validatingAdmissionPolicyBindings()
              .withLabel("app.kubernetes.io/instance", RELEASE).list().getItems()).isEmpty();
        });
    assertThat(client.apiextensions().v1().customResourceDefinitions().withName("launchplans.launchplan.io").get())
        .as("the CRD stays (Helm never deletes CRDs)").isNotNull();
  }
}
