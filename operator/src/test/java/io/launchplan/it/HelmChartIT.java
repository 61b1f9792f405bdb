package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Helm chart against the real local API server: lint, rendering with the default values and
 * with {@code watchNamespaces}, a server-side dry-run apply of every rendered object, the values
 * schema, and the operator jar started with exactly the environment the chart's Deployment sets
 * (the image's entrypoint runs that jar). The monitoring extras: {@link HelmMonitoringIT}.
 */
@ExtendWith(ClusterExtension.class)
class HelmChartIT {
  private static final String IMAGE = "ghcr.io/launchplan/launchplan-operator:0.1.0";

  @Test
  void lintPassesWithDefaultValuesAndWithWatchNamespaces() {
    long t0 = System.nanoTime();
    Scripts.Result lint = HelmChart.helmSh("lint").requireSuccess("hack/helm.sh lint");
    assertThat(lint.stdout()).contains("1 chart(s) linted, 0 chart(s) failed").doesNotContain("[WARNING]");
    System.out.printf("hack/helm.sh lint (both value sets): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
  }

  @Test
  void notesTellWhatToDoNext(TestNamespace ns) {
    String out = HelmChart.helmSh("helm", "install", HelmChart.RELEASE, HelmChart.chartDir().toString(), "--dry-run=client",
        "--namespace", ns.name(), "--set", "watchNamespaces={shop}").requireSuccess("helm install --dry-run").stdout();
    String notes = out.substring(out.indexOf("NOTES:"));
    assertThat(notes).contains("in the namespaces shop", "kubectl get lp -n <namespace>",
        "http://launchplan-operator." + ns.name() + ":8080/metrics",
        "http://launchplan-operator." + ns.name() + ":8081/alertmanager", "get secret launchplan-operator-receiver",
        "kubectl apply --server-side -f", "ValidatingAdmissionPolicy " + ns.name() + "-launchplan-operator-plan-writers");
  }

  @Test
  void chartCrdsAreTheRepositoryCrds() throws IOException {
    for (String file : List.of("launchplans.launchplan.io-v1.yml", "launchpolicies.launchplan.io-v1.yml")) {
      Path chartCrd = HelmChart.chartDir().resolve("crds/" + file);
      Path repoCrd = LocalCluster.repoRoot().resolve("crds/" + file);
      assertThat(Files.mismatch(chartCrd, repoCrd)).as("helm/launchplan-operator/crds/%s differs from crds/: run `make crds`",
          file).isEqualTo(-1L);
    }
  }

  @Test
  void defaultValuesRenderALeastPrivilegeClusterWideInstallThatTheApiServerAccepts(TestNamespace ns) {
    List<HasMetadata> items = HelmChart.parse(ns.client(), HelmChart.template(ns.name(), "--include-crds"));

    assertThat(HelmChart.kinds(items)).containsExactlyInAnyOrder("CustomResourceDefinition", "CustomResourceDefinition",
        "CustomResourceDefinition", "ServiceAccount", "Secret", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
        "Service", "Deployment", "ConfigMap", "ConfigMap", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "Lease");
    ClusterRole role = HelmChart.ofKind(items, ClusterRole.class).get(0);
    assertThat(role.getMetadata().getName()).as("cluster-scoped names are unique per release namespace")
        .isEqualTo(ns.name() + "-launchplan-operator");
    assertThat(role.getRules()).noneSatisfy(r -> assertThat(r.getResources()).contains("secrets"));
    assertThat(role.getRules()).noneSatisfy(r -> assertThat(r.getVerbs()).contains("*"));
    assertThat(role.getRules()).noneSatisfy(r -> assertThat(r.getResources()).contains("*"));
    Role self = HelmChart.ofKind(items, Role.class).get(0);
    assertThat(self.getRules()).filteredOn(r -> r.getResources().contains("secrets"))
        .singleElement().satisfies(r -> {
          assertThat(r.getResourceNames()).containsExactly("launchplan-operator-receiver");
          assertThat(r.getVerbs()).containsExactly("get");
        });
    // The Lease: create (RBAC cannot limit it by name), and get, update, patch of the chart's Lease only.
    // Update is never sent (fabric8 renews with PATCH) but JOSDK refuses to start without it.
    assertThat(self.getRules()).filteredOn(r -> r.getResources().contains("leases")).satisfiesExactlyInAnyOrder(
        r -> {
          assertThat(r.getResourceNames()).isNullOrEmpty();
          assertThat(r.getVerbs()).containsExactly("create");
        },
        r -> {
          assertThat(r.getResourceNames()).containsExactly("launchplan-operator");
          assertThat(r.getVerbs()).containsExactly("get", "update", "patch");
        });
    // The config ConfigMap (launchplan.io/freeze): list/watch of that one name (the informer's field selector).
    assertThat(role.getRules()).noneSatisfy(r -> assertThat(r.getResources()).contains("configmaps"));
    assertThat(self.getRules()).filteredOn(r -> r.getResources().contains("configmaps"))
        .singleElement().satisfies(r -> {
          assertThat(r.getResourceNames()).containsExactly("launchplan-operator-config");
          assertThat(r.getVerbs()).containsExactly("list", "watch");
        });
    assertThat(HelmChart.ofKind(items, io.fabric8.kubernetes.api.model.ConfigMap.class))
        .filteredOn(cm -> !cm.getMetadata().getName().endsWith("-settings")).singleElement().satisfies(cm -> {
      assertThat(cm.getMetadata().getName()).isEqualTo("launchplan-operator-config");
      assertThat(cm.getMetadata().getNamespace()).isEqualTo(ns.name());
      assertThat(cm.getMetadata().getAnnotations()).as("no freeze by default").isNullOrEmpty();
    });

    Deployment d = HelmChart.ofKind(items, Deployment.class).get(0);
    assertHardened(d);
    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    Map<String, String> env = HelmChart.containerEnv(d, ns.name(), "pod");
    assertThat(env).as("every setting is in the settings file; the env names it and the pod")
        .containsOnlyKeys("LAUNCHPLAN_CONFIG_FILE", "POD_NAMESPACE", "LAUNCHPLAN_IDENTITY")
        .containsEntry("LAUNCHPLAN_CONFIG_FILE", "/etc/launchplan/settings.yaml");
    assertThat(HelmChart.settings(items)).containsEntry("LAUNCHPLAN_NAMESPACES", "").containsEntry("LAUNCHPLAN_METRICS_PORT", "8080")
        .containsEntry("LAUNCHPLAN_RECEIVER_PORT", "8081").containsEntry("LAUNCHPLAN_LEADER_ELECTION", "true")
        .containsEntry("LAUNCHPLAN_RECEIVER_TOKEN_SECRET", ns.name() + "/launchplan-operator-receiver/token")
        .containsEntry("LAUNCHPLAN_PROMETHEUS_URL", "http://prometheus-operated.monitoring:9090")
        .containsEntry("LAUNCHPLAN_LABEL_SELECTOR", "").containsEntry("LAUNCHPLAN_LOG_FORMAT", "text")
        .containsEntry("LAUNCHPLAN_LEASE_NAME", "launchplan-operator")
        .containsEntry("LAUNCHPLAN_CONFIG_MAP", ns.name() + "/launchplan-operator-config")
        .doesNotContainKey("LAUNCHPLAN_FREEZE_ALERTS");
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations()).as("a settings change rolls the pods")
        .containsKey("checksum/settings");
    Service svc = HelmChart.ofKind(items, Service.class).get(0);
    assertThat(svc.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getPort)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("metrics", 8080), org.assertj.core.groups.Tuple.tuple("receiver", 8081));

    HelmChart.dryRunApply(ns, items);
    // The pod's ServiceAccount must exist for a pod to be admitted: create the chart's for real.
    ns.client().resource(HelmChart.ofKind(items, io.fabric8.kubernetes.api.model.ServiceAccount.class).get(0)).create();
    podPassesRestrictedPodSecurity(ns, d);
  }

  @Test
  void watchNamespacesRenderRolesPerNamespaceAndOnlyNamespaceAndPolicyReadsClusterWide(TestNamespace ns) {
    List<HasMetadata> items = HelmChart.parse(ns.client(),
        HelmChart.template(ns.name(), "--set", "watchNamespaces={" + ns.name() + ",default}"));

    assertThat(HelmChart.kinds(items)).containsExactlyInAnyOrder("ServiceAccount", "Secret", "ClusterRole", "ClusterRoleBinding",
        "Role", "RoleBinding", "Role", "RoleBinding", "Role", "RoleBinding", "Service", "Deployment", "ConfigMap", "ConfigMap",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "Lease");
    ClusterRole clusterRole = HelmChart.ofKind(items, ClusterRole.class).get(0);
    assertThat(clusterRole.getRules()).satisfiesExactly(r -> {
      assertThat(r.getResources()).containsExactly("namespaces");
      assertThat(r.getVerbs()).containsExactly("list", "watch");
    }, r -> {
      assertThat(r.getApiGroups()).containsExactly("launchplan.io");
      assertThat(r.getResources()).containsExactly("launchpolicies");
      assertThat(r.getVerbs()).containsExactly("list", "watch");
    }, r -> {
      assertThat(r.getApiGroups()).containsExactly("launchplan.io");
      assertThat(r.getResources()).containsExactly("launchpolicies/status");
      assertThat(r.getVerbs()).containsExactly("patch");
    });
    Map<String, Role> roles = HelmChart.ofKind(items, Role.class).stream()
        .filter(r -> r.getMetadata().getName().equals("launchplan-operator"))
        .collect(Collectors.toMap(r -> r.getMetadata().getNamespace(), r -> r));
    assertThat(roles).containsOnlyKeys(ns.name(), "default");
    assertThat(roles.get("default").getRules()).extracting(r -> r.getResources().get(0))
        .contains("launchplans", "deployments", "pods", "events");
    assertThat(HelmChart.ofKind(items, RoleBinding.class)).allSatisfy(b ->
        assertThat(b.getSubjects()).singleElement().satisfies(s -> {
          assertThat(s.getName()).isEqualTo("launchplan-operator");
          assertThat(s.getNamespace()).isEqualTo(ns.name());
        }));
    assertThat(HelmChart.settings(items)).containsEntry("LAUNCHPLAN_NAMESPACES", ns.name() + ",default");

    HelmChart.dryRunApply(ns, items);
  }

  @Test
  void valuesSchemaAndChecksRejectBadValues(TestNamespace ns) {
    Map<String[], String> bad = new java.util.LinkedHashMap<>();
    bad.put(new String[] {"--set", "replicas=two"}, "replicas");
    bad.put(new String[] {"--set", "receiver.auth=maybe"}, "auth");
    bad.put(new String[] {"--set", "promethusUrl=http://x"}, "promethusUrl");
    bad.put(new String[] {"--set", "watchNamespaces={Shop_1}"}, "watchNamespaces");
    bad.put(new String[] {"--set", "queryTimeout=5 seconds"}, "queryTimeout");
    bad.put(new String[] {"--set", "replicas=2,leaderElection.enabled=false"}, "leaderElection.enabled");
    bad.put(new String[] {"--set", "log.format=xml"}, "format");
    bad.put(new String[] {"--set", "leaderElection.leaseName=Lease_A"}, "leaseName");
    bad.put(new String[] {"--set", "labelSelectr=shard=a"}, "labelSelectr");
    bad.put(new String[] {"--set", "freeze.alerts=IncidentOpen"}, "alerts");
    bad.put(new String[] {"--set", "admissionPolicy.enabled=maybe"}, "admissionPolicy/enabled");
    bad.put(new String[] {"--set", "admissionPolicy.validationActions={Block}"}, "validationActions");
    bad.put(new String[] {"--set", "admissionPolicy.validationActions={Deny,Warn}"}, "Deny and Warn cannot be combined");
    for (var e : bad.entrySet()) {
      List<String> args = new ArrayList<>(List.of("template", "--namespace", ns.name()));
      args.addAll(List.of(e.getKey()));
      Scripts.Result r = HelmChart.helmSh(args.toArray(String[]::new));
      assertThat(r.exitCode()).as("helm template %s", String.join(" ", e.getKey())).isNotZero();
      assertThat(r.stderr()).as("helm template %s", String.join(" ", e.getKey())).contains(e.getValue());
    }
    assertThat(HelmChart.parse(ns.client(), HelmChart.template(ns.name(), "--set", "replicas=2")))
        .filteredOn(i -> i instanceof Deployment).singleElement()
        .satisfies(i -> assertThat(((Deployment) i).getSpec().getReplicas()).isEqualTo(2));
  }

  @Test
  void freezeValuesSetTheFreezeAlertsAndAFreezeFromGit(TestNamespace ns) {
    List<HasMetadata> items = HelmChart.parse(ns.client(), HelmChart.template(ns.name(),
        "--set-string", "freeze.alerts=alertname=IncidentOpen\\,severity=critical", "--set", "freeze.reason=INC-42 payments"));
    Deployment d = HelmChart.ofKind(items, Deployment.class).get(0);
    assertThat(HelmChart.settings(items))
        .containsEntry("LAUNCHPLAN_FREEZE_ALERTS", "alertname=IncidentOpen,severity=critical");
    assertThat(HelmChart.ofKind(items, io.fabric8.kubernetes.api.model.ConfigMap.class))
        .filteredOn(cm -> cm.getMetadata().getName().equals("launchplan-operator-config")).singleElement()
        .satisfies(cm -> assertThat(cm.getMetadata().getAnnotations()).containsEntry("launchplan.io/freeze", "INC-42 payments"));

    List<HasMetadata> none = HelmChart.parse(ns.client(), HelmChart.template(ns.name(), "--set",
        "freeze.configMap=false,leaderElection.enabled=false,receiver.enabled=false"));
    assertThat(HelmChart.kinds(none)).doesNotContain("Role", "Lease");
    assertThat(HelmChart.ofKind(none, io.fabric8.kubernetes.api.model.ConfigMap.class))
        .extracting(cm -> cm.getMetadata().getName()).containsExactly("launchplan-operator-settings");
    assertThat(HelmChart.settings(none)).doesNotContainKey("LAUNCHPLAN_CONFIG_MAP");
  }

  /**
   * The image runs {@code java @/app/jvm.options -jar /app/launchplan-operator.jar} with the chart's env
   * and the chart's settings file (the ConfigMap, at the path the pod mounts it), here with JSON logs.
   */
  @Test
  void theJarStartsWithTheChartsEnvironmentAndServesMetricsHealthAndTheReceiver(TestNamespace ns) throws Exception {
    int metricsPort = freePort();
    int receiverPort = freePort();
    List<HasMetadata> items = HelmChart.parse(ns.client(), HelmChart.template(ns.name(), "--set",
        "watchNamespaces={" + ns.name() + "},metrics.port=" + metricsPort + ",receiver.port=" + receiverPort
            + ",prometheusUrl=" + ns.prometheus() + ",log.format=json"));
    Secret tokenSecret = HelmChart.ofKind(items, Secret.class).get(0);
    ns.client().secrets().inNamespace(ns.name()).resource(tokenSecret).create();
    String token = new String(Base64.getDecoder().decode(tokenSecret.getData().get("token")), StandardCharsets.UTF_8);
    Deployment d = HelmChart.ofKind(items, Deployment.class).get(0);
    String podName = "launchplan-operator-helmit";
    Map<String, String> env = withSettingsFile(HelmChart.containerEnv(d, ns.name(), podName), HelmChart.settingsFile(items));

    Path log = OperatorProcess.logDir().toPath().resolve("helm-jar-" + ns.name() + ".log");
    long t0 = System.nanoTime();
    Process p = startJar(env, log);
    ns.onCleanup(() -> stop(p));
    Awaitility.await("\"launchplan-operator started\" in " + log).atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100)).until(() -> {
          assertThat(p.isAlive()).as("operator process alive; log:\n%s", read(log)).isTrue();
          return read(log).contains("launchplan-operator started");
        });
    long startedMs = (System.nanoTime() - t0) / 1_000_000;

    // JSON logs: every line the operator logged is one object (the JVM itself prints nothing here).
    ObjectMapper json = new ObjectMapper();
    List<String> lines = read(log).lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as("log lines").isNotEmpty().allSatisfy(l -> assertThat(json.readTree(l).isObject()).as(l).isTrue());
    assertThat(lines).anySatisfy(l -> {
      JsonNode started = json.readTree(l);
      assertThat(started.get("formattedMessage").asText()).startsWith("launchplan-operator started");
      assertThat(started.get("level").asText()).isEqualTo("INFO");
      assertThat(started.get("loggerName").asText()).isEqualTo("io.launchplan.Main");
      assertThat(started.get("formattedMessage").asText()).contains("settingsFile=" + env.get("LAUNCHPLAN_CONFIG_FILE"));
    });

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("launchplan_launches", "launchplan_reconcile_seconds", "jvm_memory_used_bytes");
    // Leader election as the chart configures it: the Lease in the pod's namespace, held by the pod name.
    Awaitility.await("lease held").atMost(Duration.ofSeconds(60)).until(() -> {
      var lease = ns.client().leases().inNamespace(ns.name()).withName("launchplan-operator").get();
      return lease != null && podName.equals(lease.getSpec().getHolderIdentity());
    });
    // The probes' endpoints: live, and ready as the leader.
    HttpResponse<String> healthz = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + metricsPort + "/healthz")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(healthz.statusCode()).as(healthz.body()).isEqualTo(200);
    Awaitility.await("/readyz as the leader").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/readyz"))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().contains("leader (holds the lease)");
    });
    // The receiver with the token of the chart's Secret (read by the operator from the Secret).
    HttpRequest push = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiverPort + "/alertmanager"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"4\",\"status\":\"resolved\",\"alerts\":[]}")).build();
    Awaitility.await("receiver accepts a push").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> http.send(push, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    HttpRequest noToken = HttpRequest.newBuilder(push.uri()).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    assertThat(http.send(noToken, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

    long s0 = System.nanoTime();
    p.destroy(); // SIGTERM, as the kubelet stops a container
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits on SIGTERM within the chart's 30 s grace period (with leader"
        + " election on, JOSDK's System.exit in its stop-leading callback deadlocks the shutdown hook unless the"
        + " operator sets withExitOnStopLeading(false) and exits itself on a lease lost while running)").isTrue();
    System.out.printf("HelmChartIT: jar with the chart's env: 'started' logged after %d ms; SIGTERM to exit %d ms (exit %d)%n",
        startedMs, (System.nanoTime() - s0) / 1_000_000, p.exitValue());
  }

  @Test
  void aBadValueInTheChartsEnvironmentExitsWith2NamingTheVariable(TestNamespace ns) throws Exception {
    List<HasMetadata> items = HelmChart.parse(ns.client(), HelmChart.template(ns.name(),
        "--set", "watchNamespaces={" + ns.name() + "}"));
    Map<String, String> env = withSettingsFile(
        HelmChart.containerEnv(HelmChart.ofKind(items, Deployment.class).get(0), ns.name(), "pod"),
        HelmChart.settingsFile(items));
    env.put("LAUNCHPLAN_METRICS_PORT", "abc"); // e.g. from extraEnv: wins over the file's 8080
    Path log = OperatorProcess.logDir().toPath().resolve("helm-jar-bad-" + ns.name() + ".log");
    assertThat(exitsWith2(env, log, ns)).contains("invalid configuration: LAUNCHPLAN_METRICS_PORT: 'abc' is not a number"
        + " (LAUNCHPLAN_METRICS_PORT from the environment variable)");
  }

  /** Someone edits the chart's ConfigMap by hand: a typo'd name, or a bad value, stops the operator at start-up. */
  @Test
  void aTypoOrABadValueInTheSettingsFileExitsWith2NamingItAndTheFile(TestNamespace ns) throws Exception {
    List<HasMetadata> items = HelmChart.parse(ns.client(), HelmChart.template(ns.name(),
        "--set", "watchNamespaces={" + ns.name() + "}"));
    Map<String, String> podEnv = HelmChart.containerEnv(HelmChart.ofKind(items, Deployment.class).get(0), ns.name(), "pod");
    String file = HelmChart.settingsFile(items);

    Map<String, String> typo = withSettingsFile(podEnv, file + "LAUNCHPLAN_LABEL_SELECTR: shard=a\n");
    assertThat(exitsWith2(typo, OperatorProcess.logDir().toPath().resolve("helm-jar-typo-" + ns.name() + ".log"), ns))
        .contains("LAUNCHPLAN_CONFIG_FILE: " + typo.get("LAUNCHPLAN_CONFIG_FILE") + " sets 'LAUNCHPLAN_LABEL_SELECTR', which"
            + " is not a setting of the operator").contains("did you mean LAUNCHPLAN_LABEL_SELECTOR?");

    Map<String, String> bad = withSettingsFile(podEnv,
        file.replace("LAUNCHPLAN_LABEL_SELECTOR: \"\"", "LAUNCHPLAN_LABEL_SELECTOR: \"shard in a\""));
    assertThat(exitsWith2(bad, OperatorProcess.logDir().toPath().resolve("helm-jar-badfile-" + ns.name() + ".log"), ns))
        .contains("LAUNCHPLAN_LABEL_SELECTOR: 'shard in a' is not a label selector requirement")
        .contains("(LAUNCHPLAN_LABEL_SELECTOR from the file " + bad.get("LAUNCHPLAN_CONFIG_FILE") + ")");
  }

  private static String exitsWith2(Map<String, String> env, Path log, TestNamespace ns) throws Exception {
    Process p = startJar(env, log);
    ns.onCleanup(() -> stop(p));
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits").isTrue();
    assertThat(p.exitValue()).as(read(log)).isEqualTo(2);
    return read(log);
  }

  /** The pod's env with the settings file where the test can put it (the pod mounts it at /etc/launchplan). */
  private static Map<String, String> withSettingsFile(Map<String, String> podEnv, String settings)
      throws IOException {
    assertThat(podEnv).containsEntry("LAUNCHPLAN_CONFIG_FILE", "/etc/launchplan/settings.yaml");
    Path dir = Files.createTempDirectory("launchplan-settings-");
    Path file = Files.writeString(dir.resolve("settings.yaml"), settings);
    Map<String, String> env = new java.util.HashMap<>(podEnv);
    env.put("LAUNCHPLAN_CONFIG_FILE", file.toString());
    return env;
  }

  // ------------------------------------------------------------------------------------------

  /** A pod from the Deployment's template is admitted in a namespace enforcing the restricted Pod Security Standard. */
  private static void podPassesRestrictedPodSecurity(TestNamespace ns, Deployment d) {
    ns.client().namespaces().withName(ns.name()).edit(n -> {
      n.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "restricted");
      n.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce-version", "latest");
      return n;
    });
    Pod pod = new PodBuilder().withNewMetadata().withName("launchplan-operator-pss").withNamespace(ns.name())
        .withLabels(d.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
        .withSpec(d.getSpec().getTemplate().getSpec()).build();
    ns.client().pods().inNamespace(ns.name()).resource(pod).dryRun().create();
    Pod privileged = new PodBuilder(pod).editSpec().editFirstContainer().editSecurityContext()
        .withAllowPrivilegeEscalation(true).endSecurityContext().endContainer().endSpec().build();
    assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> ns.client().pods().inNamespace(ns.name()).resource(privileged).dryRun().create(), KubernetesClientException.class))
        .as("the namespace really enforces the restricted standard").isNotNull()
        .satisfies(e -> assertThat(e.getMessage()).contains("restricted"));
  }

  private static void assertHardened(Deployment d) {
    var pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    var c = pod.getContainers().get(0);
    assertThat(c.getImage()).isEqualTo(IMAGE);
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(c.getResources().getLimits()).containsKey("memory");
    assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
    assertThat(c.getVolumeMounts()).anySatisfy(v -> assertThat(v.getMountPath()).isEqualTo("/tmp"));
    assertThat(c.getVolumeMounts()).anySatisfy(v -> {
      assertThat(v.getMountPath()).isEqualTo("/etc/launchplan");
      assertThat(v.getReadOnly()).isTrue();
    });
  }

  private static Process startJar(Map<String, String> env, Path log) throws IOException {
    Path jar = LocalCluster.repoRoot().resolve("operator/target/launchplan-operator.jar");
    assertThat(jar).as("the shaded jar (mvn package)").exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String options = "@" + LocalCluster.repoRoot().resolve("operator/jvm.options");
    ProcessBuilder pb = new ProcessBuilder(java, options, "-Xmx256m", "-jar", jar.toString());
    // Only what the container would have: the chart's env, the image's HOME, and (instead of the
    // in-cluster service account) the local cluster's kubeconfig.
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.environment().put("HOME", "/tmp");
    pb.environment().put("MALLOC_ARENA_MAX", "2");
    pb.environment().put("KUBECONFIG", LocalCluster.kubeconfigPath().toString());
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  private static void stop(Process p) {
    p.destroyForcibly();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
