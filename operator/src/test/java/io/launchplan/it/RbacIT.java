package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.launchplan.LaunchPlanOperator;
import io.launchplan.LeaderElection;
import io.launchplan.OperatorConfig;
import io.launchplan.analysis.receiver.PushedAlerts;
import io.launchplan.analysis.receiver.ReceiverConfig;
import io.launchplan.api.LaunchPlan;
import io.launchplan.cluster.ConfigMapRef;
import io.launchplan.api.Phase;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart's RBAC is enough and no more: the chart's ServiceAccount, roles and bindings are
 * applied to the real cluster, the operator runs in-process as that ServiceAccount (impersonated)
 * through a launch that succeeds, a launch that reverts and the deletion of both plans, every API
 * request it makes is recorded, and then: nothing was denied, every granted verb was used (or is
 * listed below with the reason it cannot be exercised here), and verbs it must never have are
 * denied by the API server's own authorizer (SubjectAccessReview).
 */
@ExtendWith(ClusterExtension.class)
class RbacIT {
  private static final String SA = "launchplan-operator";

  /**
   * Granted but not exercised by these launches, with why they are granted anyway. Everything
   * else granted must show up in the recorded requests.
   */
  private static final Map<String, String> GRANTED_UNUSED = Map.of(
      "launchplan.io/launchplans/finalizers update",
      "no request uses it: the OwnerReferencesPermissionEnforcement admission plugin (not on the test cluster) "
          + "requires it to set blockOwnerDeletion owner references on the canary and the kept template",
      "launchplan.io/launchplans get",
      "JOSDK re-reads a plan with GET when patching its finalizer hits a conflict (409); no conflict happens here");

  @Test
  void clusterWideRbacRunsALaunchAndARevertAndGrantsNothingElse(TestNamespace ns) throws Exception {
    List<HasMetadata> rbac = applyChartRbac(ns);
    runLaunchesAs(ns, rbac);
  }

  @Test
  void watchNamespacesRbacRunsALaunchAndARevertWithRolesOnly(TestNamespace ns) throws Exception {
    List<HasMetadata> rbac = applyChartRbac(ns, "--set", "watchNamespaces={" + ns.name() + "}");
    assertThat(HelmChart.ofKind(rbac, ClusterRole.class)).singleElement()
        .satisfies(r -> assertThat(RbacAudit.granted(r.getRules())).containsExactly(
            "core/namespaces list", "core/namespaces watch"));
    runLaunchesAs(ns, rbac);
    // Namespaced rules only in the listed namespace: nothing in another one.
    assertThat(allowed(ns, "patch", "apps", "deployments", "default", null)).isFalse();
    assertThat(allowed(ns, "list", "launchplan.io", "launchplans", null, null)).isFalse();
  }

  private void runLaunchesAs(TestNamespace ns, List<HasMetadata> rbac) throws Exception {
    String user = "system:serviceaccount:" + ns.name() + ":" + SA;
    String[] groups = {"system:serviceaccounts", "system:serviceaccounts:" + ns.name(), "system:authenticated"};
    awaitRbacEffective(ns);

    RbacAudit audit = new RbacAudit();
    KubernetesClient asOperator = audit.clientAs(LocalCluster.kubeconfigPath(), user, groups);
    ns.onCleanup(asOperator::close);
    ns.createWeb();

    // The operator as the chart runs it, the receiver reading its token from the chart's Secret;
    // watching only this namespace so that it never touches other tests' plans on the shared cluster.
    int receiverPort = freePort();
    var receiver = new ReceiverConfig(receiverPort,
        new ReceiverConfig.SecretLocation(ns.name(), "launchplan-operator-receiver", "token"), null, false,
        PushedAlerts.DEFAULT_TTL);
    // The chart's config ConfigMap (launchplan.io/freeze), watched by name.
    var config = new OperatorConfig(ns.prometheus(), Set.of(ns.name()), 0, Duration.ofSeconds(2), 4, receiver,
        "", new ConfigMapRef(ns.name(), "launchplan-operator-config"), null);
    LaunchPlanOperator operator = new LaunchPlanOperator(asOperator, config, Clock.systemUTC(), new PrometheusRegistry())
        .start();
    ns.onCleanup(operator::close);
    // Leader election as the chart turns it on: JOSDK runs fabric8's LeaderElector on a LeaseLock in
    // the operator's namespace. It is run here directly, with JOSDK's settings, because JOSDK ends
    // the JVM (System.exit) when an in-process operator with leader election is closed.
    var leading = new java.util.concurrent.CountDownLatch(1);
    var elector = asOperator.leaderElector().withConfig(new LeaderElectionConfig(
        new LeaseLock(ns.name(), LeaderElection.LEASE_NAME, "rbac-it"), Duration.ofSeconds(6), Duration.ofSeconds(4),
        Duration.ofMillis(800), new LeaderCallbacks(leading::countDown, () -> { }, id -> { }), false, "rbac-it"))
        .build().start();
    ns.onCleanup(() -> elector.cancel(true));
    assertThat(leading.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("leads").isTrue();
    long t0 = System.nanoTime();

    // An Alertmanager push makes the receiver read its token Secret (the only Secret it may get).
    Secret tokenSecret = ns.client().secrets().inNamespace(ns.name()).withName("launchplan-operator-receiver").get();
    String token = new String(Base64.getDecoder().decode(tokenSecret.getData().get("token")), StandardCharsets.UTF_8);
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest push = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiverPort + "/alertmanager"))
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"4\",\"status\":\"resolved\",\"alerts\":[]}")).build();
    Awaitility.await("receiver accepts a push").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> http.send(push, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

    ns.apply(new PlanYaml().canaryObserve("3s").rolloutObserve("2s").build());
    ns.awaitPhase("web-v2", Phase.Succeeded, Duration.ofSeconds(120));
    ns.apply(new PlanYaml().name("web-bad").image("registry.example/web:bad")
        .podAnnotations("{sim.launchplan.io/error-ratio: \"0.9\"}").canaryObserve("60s").build());
    LaunchPlan reverted = ns.awaitPhase("web-bad", Phase.Reverted, Duration.ofSeconds(120));
    assertThat(reverted.getStatus().getReason()).isEqualTo("AnalysisRevert");
    assertThat(ns.deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example/web:2");
    // Deleting the plans runs the operator's finalizer (cleanup, then the finalizer's removal).
    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).delete();
    Awaitility.await("plans deleted").atMost(Duration.ofSeconds(60))
        .until(() -> ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).list().getItems().isEmpty());
    // Renewals: past a few retry periods the lease has been renewed with the chart's grants.
    Thread.sleep(2_000);
    long launchesMs = (System.nanoTime() - t0) / 1_000_000;
    elector.cancel(true);
    ns.stop(operator);

    assertThat(audit.denied()).as("requests the API server denied to the operator's ServiceAccount").isEmpty();
    Set<String> granted = new TreeSet<>();
    HelmChart.ofKind(rbac, ClusterRole.class).forEach(r -> granted.addAll(RbacAudit.granted(r.getRules())));
    HelmChart.ofKind(rbac, Role.class).forEach(r -> granted.addAll(RbacAudit.granted(r.getRules())));
    Set<String> used = audit.usedPermissions();
    Set<String> unused = new TreeSet<>(granted);
    unused.removeAll(used);
    System.out.printf("RbacIT: %d requests as %s in %d ms; permissions used: %s; granted but unused: %s%n",
        audit.calls().size(), user, launchesMs, used, unused);
    assertThat(granted).as("granted").containsAll(used);
    assertThat(unused).as("granted but never used (remove them from the chart, or explain them in GRANTED_UNUSED)")
        .isSubsetOf(GRANTED_UNUSED.keySet());

    assertForbidden(ns);
  }

  /** Verbs the operator must never have, checked with the API server's authorizer. */
  private static void assertForbidden(TestNamespace ns) {
    String n = ns.name();
    List<String> wronglyAllowed = new ArrayList<>();
    record Check(String verb, String group, String resource, String namespace, String name) {}
    List<Check> forbidden = List.of(
        new Check("get", "", "secrets", n, null),
        new Check("get", "", "secrets", n, "some-other-secret"),
        new Check("get", "", "secrets", "kube-system", null),
        new Check("list", "", "secrets", null, null),
        new Check("watch", "", "secrets", n, null),
        new Check("create", "", "secrets", n, null),
        new Check("update", "", "secrets", n, "launchplan-operator-receiver"),
        new Check("create", "", "pods", n, null),
        new Check("create", "", "pods/exec", n, null),
        new Check("update", "", "pods", n, null),
        new Check("delete", "", "namespaces", null, n),
        new Check("update", "", "namespaces", null, n),
        new Check("update", "", "nodes", null, null),
        new Check("update", "apps", "deployments", n, null),
        new Check("deletecollection", "apps", "deployments", n, null),
        new Check("delete", "apps", "controllerrevisions", n, null),
        new Check("delete", "launchplan.io", "launchplans", n, null),
        new Check("create", "launchplan.io", "launchplans", n, null),
        new Check("escalate", "rbac.authorization.k8s.io", "roles", n, null),
        new Check("bind", "rbac.authorization.k8s.io", "clusterroles", null, null),
        new Check("create", "rbac.authorization.k8s.io", "rolebindings", n, null),
        new Check("impersonate", "", "serviceaccounts", n, null),
        new Check("create", "", "serviceaccounts/token", n, SA),
        new Check("update", "coordination.k8s.io", "leases", n, "some-other-lease"),
        new Check("create", "apiextensions.k8s.io", "customresourcedefinitions", null, null),
        new Check("list", "", "configmaps", n, null),
        new Check("watch", "", "configmaps", null, null),
        new Check("get", "", "configmaps", n, "some-other-config"),
        new Check("list", "", "configmaps", n, "some-other-config"),
        new Check("update", "", "configmaps", n, "launchplan-operator-config"),
        new Check("patch", "", "configmaps", n, "launchplan-operator-config"));
    for (Check c : forbidden) {
      if (allowed(ns, c.verb(), c.group(), c.resource(), c.namespace(), c.name())) {
        wronglyAllowed.add(c.toString());
      }
    }
    assertThat(wronglyAllowed).as("verbs the operator's ServiceAccount must not have").isEmpty();
    // And, as a control that the reviews see the chart's grants, what it needs is allowed.
    assertThat(allowed(ns, "get", "", "secrets", n, "launchplan-operator-receiver")).isTrue();
    assertThat(allowed(ns, "delete", "apps", "deployments", n, "web-canary")).isTrue();
    assertThat(allowed(ns, "deletecollection", "", "pods", n, null)).isTrue();
    assertThat(allowed(ns, "watch", "", "configmaps", n, "launchplan-operator-config")).isTrue();
  }

  /** Whether the API server's authorizer allows the chart's ServiceAccount {@code verb} on the resource. */
  private static boolean allowed(TestNamespace ns, String verb, String group, String resource, String namespace,
      String name) {
    String[] parts = resource.split("/", 2);
    SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec()
        .withUser("system:serviceaccount:" + ns.name() + ":" + SA)
        .withGroups("system:serviceaccounts", "system:serviceaccounts:" + ns.name(), "system:authenticated")
        .withNewResourceAttributes().withVerb(verb).withGroup(group).withResource(parts[0])
        .withSubresource(parts.length > 1 ? parts[1] : null).withNamespace(namespace).withName(name).endResourceAttributes()
        .endSpec().build();
    SubjectAccessReview answer = ns.client().resource(review).create();
    return answer.getStatus().getAllowed();
  }

  /**
   * Renders the chart into the test's namespace and applies its ServiceAccount, roles, bindings and
   * receiver Secret for real; cluster-scoped objects carry the namespace in their name (unique per
   * run) and are deleted when the test ends.
   */
  private static List<HasMetadata> applyChartRbac(TestNamespace ns, String... flags) {
    List<HasMetadata> items = HelmChart.parse(ns.client(), HelmChart.template(ns.name(), flags));
    List<HasMetadata> rbac = items.stream().filter(i -> i instanceof ServiceAccount || i instanceof ClusterRole
        || i instanceof ClusterRoleBinding || i instanceof Role || i instanceof RoleBinding || i instanceof Secret
        || i instanceof io.fabric8.kubernetes.api.model.ConfigMap).toList();
    for (HasMetadata item : rbac) {
      if (item instanceof ClusterRole || item instanceof ClusterRoleBinding) {
        assertThat(item.getMetadata().getName()).startsWith(ns.name());
        ns.onCleanup(() -> ns.client().resource(item).delete());
      }
      ns.client().resource(item).create();
    }
    return rbac;
  }

  /** RBAC changes reach the authorizer's cache within moments; wait for the chart's grants to show. */
  private static void awaitRbacEffective(TestNamespace ns) {
    Awaitility.await("RBAC effective").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> allowed(ns, "list", "launchplan.io", "launchplans", ns.name(), null)
            && allowed(ns, "list", "", "namespaces", null, null));
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
