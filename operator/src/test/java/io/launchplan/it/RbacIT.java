package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.launchplan.LaunchPlanOperator;
import io.launchplan.LeaderElection;
import io.launchplan.OperatorConfig;
import io.launchplan.analysis.PrometheusUrls;
import io.launchplan.analysis.receiver.PushedAlerts;
import io.launchplan.analysis.receiver.ReceiverConfig;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.cluster.ConfigMapRef;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart's RBAC is enough and no more: the chart's ServiceAccount, roles and bindings are
 * applied to the real cluster, the operator runs in-process authenticated as that ServiceAccount
 * (with a token the API server issues for it, as a pod gets) and with leader election as the chart
 * turns it on (its Lease name and duration, the Lease in the release namespace, the pod name as
 * identity), takes the Lease, and drives a launch that succeeds, a launch that reverts and the
 * deletion of both plans. Every API request it makes is recorded, and then: nothing was denied,
 * every granted verb was used (or is listed below with the reason it cannot be exercised here), and
 * verbs it must never have are denied by the API server's own authorizer (SubjectAccessReview).
 * With {@code watchNamespaces} the chart's admission policy on LaunchPlan writers is on as well:
 * the operator's own writes to plans pass it.
 */
@ExtendWith(ClusterExtension.class)
class RbacIT {
  private static final String SA = "launchplan-operator";
  /** The pod name the chart's Deployment gives the operator as its leader-election identity. */
  private static final String POD = "launchplan-operator-7d9f8-rbacit";

  /**
   * Granted but not exercised by these launches, with why they are granted anyway. Everything
   * else granted must show up in the recorded requests.
   */
  private static final Map<String, String> GRANTED_UNUSED = Map.of(
      "launchplan.io/launchplans/finalizers update",
      "no request uses it: the OwnerReferencesPermissionEnforcement admission plugin (not on the test cluster) "
          + "requires it to set blockOwnerDeletion owner references on the canary and the kept template",
      "batch/jobs delete",
      "deletes the Job checks' Jobs of a plan's older revisions when its next launch starts; no plan here launches twice",
      "launchplan.io/launchplans get",
      "JOSDK re-reads a plan with GET when patching its finalizer hits a conflict (409); no conflict happens here",
      "coordination.k8s.io/leases update",
      "fabric8's LeaseLock renews with PATCH and never sends PUT, but JOSDK's LeaderElectionManager refuses to start"
          + " unless a SelfSubjectRulesReview shows create, get and update on the Lease (leaseWithoutUpdateStopsTheOperator"
          + "AtStart shows it)");

  /**
   * Used but granted to every authenticated user by the cluster's default roles, not by the chart:
   * JOSDK's check of its Lease permissions at start (system:basic-user).
   */
  private static final Set<String> DEFAULT_GRANTS = Set.of("authorization.k8s.io/selfsubjectrulesreviews create");

  @Test
  void clusterWideRbacRunsALaunchAndARevertAndGrantsNothingElse(TestNamespace ns) throws Exception {
    runLaunchesAs(ns, applyChartRbac(ns));
  }

  @Test
  void watchNamespacesRbacRunsALaunchAndARevertWithRolesOnly(TestNamespace ns) throws Exception {
    Chart chart = applyChartRbac(ns, "--set", "watchNamespaces={" + ns.name() + "}");
    assertThat(HelmChart.ofKind(chart.rbac(), ClusterRole.class)).singleElement()
        .satisfies(r -> assertThat(RbacAudit.granted(r.getRules())).containsExactly(
            "core/namespaces list", "core/namespaces watch", "launchplan.io/launchpolicies list",
            "launchplan.io/launchpolicies watch", "launchplan.io/launchpolicies/status patch"));
    // With the chart's admission policy on LaunchPlan writers (its binding matches this namespace
    // only): the operator's own writes to plans (finalizer patches, status) pass it.
    applyAdmissionPolicy(ns, chart);
    runLaunchesAs(ns, chart);
    // Namespaced rules only in the listed namespace: nothing in another one.
    assertThat(allowed(ns, "patch", "apps", "deployments", "default", null)).isFalse();
    assertThat(allowed(ns, "list", "launchplan.io", "launchplans", null, null)).isFalse();
  }

  /**
   * The chart's Lease grant without {@code update} (as the chart had it): the operator, started
   * as the chart starts it, refuses to run. This is why the chart grants a verb no request uses.
   */
  @Test
  void leaseWithoutUpdateStopsTheOperatorAtStart(TestNamespace ns) {
    Chart chart = applyChartRbac(ns, role -> {
      if (role.getMetadata().getName().equals("launchplan-operator-self")) {
        role.getRules().stream().filter(r -> r.getResources().contains("leases"))
            .forEach(r -> r.setVerbs(r.getVerbs().stream().filter(v -> !v.equals("update")).toList()));
      }
    }, "--set", "watchNamespaces={" + ns.name() + "}");
    awaitRbacEffective(ns);
    KubernetesClient asOperator = new RbacAudit().clientWithToken(LocalCluster.kubeconfigPath(), serviceAccountToken(ns));
    ns.onCleanup(asOperator::close);
    LaunchPlanOperator operator = new LaunchPlanOperator(asOperator, operatorConfig(ns, 0), Clock.systemUTC(),
        new PrometheusRegistry(), chart.leaderElection());
    ns.onCleanup(operator::close);
    assertThat(catchThrowable(operator::start)).as("start without update on the Lease")
        .isNotNull().satisfies(e -> assertThat(causes(e)).anySatisfy(m -> assertThat(m).contains(
            "No permission to lease resource. in namespace: " + ns.name() + "; missing required verbs: [update]")));
    assertThat(ns.client().leases().inNamespace(ns.name()).withName(chart.leaderElection().leaseName()).get())
        .as("no Lease taken").isNull();
  }

  /**
   * A web check's bearer token in a Secret the chart does not grant (not in
   * {@code rbac.connectionSecrets}): the API server refuses the operator's ServiceAccount (403), the
   * plan stays Pending saying so in a condition that names the Secret, and no launch step is taken.
   * Granting the Secret as the chart does ({@code rbac.connectionSecrets}) lets the launch start and
   * the check pass with the Secret's token, without a restart.
   */
  @Test
  void aWebCheckSecretTheOperatorMayNotReadHoldsTheLaunchNamingIt(TestNamespace ns) throws Exception {
    LocalCluster.reapplyLaunchPlanCrd(ns.client()); // before the operator starts: see there
    String watch = "watchNamespaces={" + ns.name() + "}";
    applyChartRbac(ns, "--set", watch);
    awaitRbacEffective(ns);
    assertThat(allowed(ns, "list", "", "secrets", ns.name(), "check-token")).as("the chart grants no such Secret").isFalse();
    ns.client().secrets().inNamespace(ns.name()).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withNewMetadata().withName("check-token").endMetadata().addToStringData("token", "tok-rbac-3f9e").build()).create();
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.createContext("/health", ex -> {
      seen.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    server.start();
    ns.onCleanup(() -> server.stop(0));
    ns.createWeb();
    long generation = ns.generation("web");
    KubernetesClient asOperator = new RbacAudit().clientWithToken(LocalCluster.kubeconfigPath(), serviceAccountToken(ns));
    ns.onCleanup(asOperator::close);
    LaunchPlanOperator operator = new LaunchPlanOperator(asOperator, operatorConfig(ns, 0), Clock.systemUTC(),
        new PrometheusRegistry()).start();
    ns.onCleanup(operator::close);
    ns.apply(new PlanYaml().canaryObserve("3s").rolloutObserve("2s").analysis("""
        web:
          - name: health
            at: Canary
            url: "http://127.0.0.1:%d/health"
            auth: {bearerToken: {secretKeyRef: {name: check-token, key: token}}}""".formatted(server.getAddress().getPort()))
        .build());

    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "AnalysisError", Duration.ofSeconds(90));
    assertThat(held.getStatus().getMessage()).contains("spec.analysis.web[health].auth.bearerToken: cannot read Secret "
        + "check-token in namespace " + ns.name() + ": the operator is not allowed to list and watch it");
    assertThat(held.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Ready");
      assertThat(c.getMessage()).contains("Secret check-token");
    });
    assertThat(ns.deployment("web-canary")).as("no canary").isNull();
    assertThat(ns.generation("web")).as("the target untouched").isEqualTo(generation);
    assertThat(seen).as("nothing sent").isEmpty();

    // Granted as the chart grants connection Secrets: the launch goes through, no restart.
    HelmChart.parse(ns.client(), HelmChart.template(ns.name(), "--set", watch, "--set",
            "rbac.connectionSecrets[0].namespace=" + ns.name(), "--set", "rbac.connectionSecrets[0].secrets={check-token}"))
        .stream().filter(i -> (i instanceof Role || i instanceof RoleBinding)
            && i.getMetadata().getName().endsWith("-connection-secrets"))
        .forEach(i -> ns.client().resource(i).create());
    Awaitility.await("the web check, sent with the Secret's token, passed").atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500)).until(() -> {
          LaunchPlan p = ns.plan("web-v2");
          return p.getStatus().getChecks() != null && p.getStatus().getChecks().stream()
              .anyMatch(c -> c.getName().equals("health") && c.getState() == io.launchplan.api.CheckState.Passed);
        });
    assertThat(seen).isNotEmpty().allSatisfy(a -> assertThat(a).isEqualTo("Bearer tok-rbac-3f9e"));
  }

  private void runLaunchesAs(TestNamespace ns, Chart chart) throws Exception {
    List<HasMetadata> rbac = chart.rbac();
    String user = "system:serviceaccount:" + ns.name() + ":" + SA;
    awaitRbacEffective(ns);

    RbacAudit audit = new RbacAudit();
    // Authenticated as the ServiceAccount with a token the API server issues for it, as in the pod.
    KubernetesClient asOperator = audit.clientWithToken(LocalCluster.kubeconfigPath(), serviceAccountToken(ns));
    ns.onCleanup(asOperator::close);
    ns.createWeb();
    // A LaunchPolicy covering this namespace only: the operator writes its status.
    TestPolicies.create(ns, TestPolicies.scope(ns), "rbac", "maxConcurrentLaunches: 5");

    // The operator as the chart runs it, the receiver reading its token from the chart's Secret;
    // watching only this namespace so that it never touches other tests' plans on the shared cluster.
    int receiverPort = freePort();
    // Leader election exactly as the chart's settings file and pod env configure it: JOSDK checks
    // its Lease permissions at start, then runs fabric8's LeaderElector on the Lease.
    LeaderElection leaderElection = chart.leaderElection();
    assertThat(leaderElection.enabled()).as("the chart turns leader election on").isTrue();
    assertThat(leaderElection.leaseNamespace()).isEqualTo(ns.name());
    assertThat(leaderElection.identity()).isEqualTo(POD);
    LaunchPlanOperator operator = new LaunchPlanOperator(asOperator, operatorConfig(ns, receiverPort), Clock.systemUTC(),
        new PrometheusRegistry(), leaderElection);
    ns.onCleanup(operator::close);
    operator.start();
    Awaitility.await("the operator holds the chart's Lease").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200)).until(() -> {
          Lease lease = ns.client().leases().inNamespace(ns.name()).withName(leaderElection.leaseName()).get();
          return lease != null && POD.equals(lease.getSpec().getHolderIdentity());
        });
    ZonedDateTime firstRenew = ns.client().leases().inNamespace(ns.name()).withName(leaderElection.leaseName()).get()
        .getSpec().getRenewTime();
    Awaitility.await("ready as the leader").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> operator.controllerState().leading());
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

    // With a Job check (its pod succeeds on the shared fake nodes) and a CronJob suspended during the launch.
    ns.client().batch().v1().cronjobs().inNamespace(ns.name()).resource(new io.fabric8.kubernetes.api.model.batch.v1
        .CronJobBuilder().withNewMetadata().withName("report").addToLabels("tier", "batch").endMetadata()
        .withNewSpec().withSchedule("0 0 1 1 *").withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec()
            .addNewContainer().withName("report").withImage("registry.example/report:1").endContainer()
            .withRestartPolicy("Never").endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build()).create();
    String withChecks = new PlanYaml().canaryObserve("3s").rolloutObserve("2s").analysis("""
        jobs:
          - name: smoke
            at: Canary
            template: {spec: {template: {spec: {containers: [{name: smoke, image: registry.example/smoke:1}]}}}}""")
        .yaml().replace("spec:\n  targetRef:", "spec:\n  hooks: {suspendCronJobs: {selector: {matchLabels: {tier: batch}}}}\n  targetRef:");
    ns.apply(Plans.fromYaml(withChecks));
    LaunchPlan launched = ns.awaitPhase("web-v2", Phase.Succeeded, Duration.ofSeconds(120));
    assertThat(launched.getStatus().getChecks()).singleElement().satisfies(c -> assertThat(c.getState().name()).isEqualTo("Passed"));
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
    // Renewals: the Lease has been renewed (PATCH) with the chart's grants, still by this operator.
    Lease renewed = ns.client().leases().inNamespace(ns.name()).withName(leaderElection.leaseName()).get();
    assertThat(renewed.getSpec().getHolderIdentity()).isEqualTo(POD);
    assertThat(renewed.getSpec().getRenewTime()).as("renewed since taken").isAfter(firstRenew);
    long launchesMs = (System.nanoTime() - t0) / 1_000_000;
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
    assertThat(used).as("JOSDK checked its Lease permissions and the Lease was taken and renewed")
        .contains("authorization.k8s.io/selfsubjectrulesreviews create", "coordination.k8s.io/leases create",
            "coordination.k8s.io/leases get", "coordination.k8s.io/leases patch");
    Set<String> grantedOrDefault = new TreeSet<>(granted);
    grantedOrDefault.addAll(DEFAULT_GRANTS);
    assertThat(grantedOrDefault).as("granted (by the chart or to every authenticated user)").containsAll(used);
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
        new Check("patch", "coordination.k8s.io", "leases", n, "some-other-lease"),
        new Check("delete", "coordination.k8s.io", "leases", n, LeaderElection.LEASE_NAME),
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

  /** The chart rendered into the test's namespace: its RBAC objects, and the leader election its pod runs with. */
  private record Chart(List<HasMetadata> rbac, LeaderElection leaderElection, List<HasMetadata> admissionPolicy) {}

  private static Chart applyChartRbac(TestNamespace ns, String... flags) {
    return applyChartRbac(ns, role -> { }, flags);
  }

  /**
   * Renders the chart into the test's namespace and applies its ServiceAccount, roles (after
   * {@code editRole}), bindings, receiver Secret and ConfigMaps for real; cluster-scoped objects
   * carry the namespace in their name (unique per run) and are deleted when the test ends.
   */
  private static Chart applyChartRbac(TestNamespace ns, Consumer<Role> editRole, String... flags) {
    List<HasMetadata> items = HelmChart.parse(ns.client(), HelmChart.template(ns.name(), flags));
    List<HasMetadata> rbac = items.stream().filter(i -> i instanceof ServiceAccount || i instanceof ClusterRole
        || i instanceof ClusterRoleBinding || i instanceof Role || i instanceof RoleBinding || i instanceof Secret
        || i instanceof io.fabric8.kubernetes.api.model.ConfigMap).toList();
    for (HasMetadata item : rbac) {
      if (item instanceof ClusterRole || item instanceof ClusterRoleBinding) {
        assertThat(item.getMetadata().getName()).startsWith(ns.name());
        ns.onCleanup(() -> ns.client().resource(item).delete());
      } else if (!ns.name().equals(item.getMetadata().getNamespace())) {
        // the LaunchPolicy events' Role in namespace default: named after the release's namespace too
        assertThat(item.getMetadata().getName()).startsWith(ns.name());
        ns.onCleanup(() -> ns.client().resource(item).delete());
      }
      if (item instanceof Role role) {
        editRole.accept(role);
      }
      ns.client().resource(item).create();
    }
    // The pod's leader-election settings: the chart's settings file plus its env (POD_NAMESPACE, the pod name).
    Map<String, String> podSettings = new HashMap<>(HelmChart.settings(items));
    podSettings.putAll(HelmChart.containerEnv(HelmChart.ofKind(items, Deployment.class).get(0), ns.name(), POD));
    List<HasMetadata> policy = items.stream()
        .filter(i -> i instanceof ValidatingAdmissionPolicy || i instanceof ValidatingAdmissionPolicyBinding)
        .filter(i -> i.getMetadata().getName().endsWith("-plan-writers")).toList();
    return new Chart(rbac, LeaderElection.fromEnv(podSettings), policy);
  }

  /**
   * Creates the chart's admission policy and binding (rendered with watchNamespaces = this
   * namespace, so nothing else is affected), and waits until it refuses a plan from a user who may
   * write LaunchPlans but not Deployments.
   */
  private static void applyAdmissionPolicy(TestNamespace ns, Chart chart) {
    assertThat(chart.admissionPolicy()).hasSize(2);
    for (HasMetadata item : chart.admissionPolicy()) {
      if (item instanceof ValidatingAdmissionPolicyBinding binding) {
        assertThat(binding.getSpec().getMatchResources().getNamespaceSelector().getMatchExpressions())
            .singleElement().satisfies(e -> assertThat(e.getValues()).containsExactly(ns.name()));
      }
      assertThat(item.getMetadata().getName()).startsWith(ns.name());
      ns.onCleanup(() -> ns.client().resource(item).delete());
      ns.client().resource(item).create();
    }
    String probe = "plan-writer-probe@" + ns.name();
    ns.client().resource(new RoleBuilder().withNewMetadata().withName("plan-writer-probe").withNamespace(ns.name())
        .endMetadata().addNewRule().withApiGroups("launchplan.io").withResources("launchplans").withVerbs("create")
        .endRule().build()).create();
    ns.client().resource(new RoleBindingBuilder().withNewMetadata().withName("plan-writer-probe").withNamespace(ns.name())
        .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "plan-writer-probe").addNewSubject()
        .withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(probe).endSubject().build()).create();
    KubernetesClient asProbe = new RbacAudit().clientAs(LocalCluster.kubeconfigPath(), probe, "system:authenticated");
    ns.onCleanup(asProbe::close);
    Awaitility.await("the admission policy is effective").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .until(() -> {
          try {
            asProbe.resources(LaunchPlan.class).inNamespace(ns.name()).resource(new PlanYaml().name("probe").build())
                .dryRun().create();
            return false;
          } catch (KubernetesClientException e) {
            return e.getMessage().contains("user " + probe + " may not write the spec of LaunchPlan");
          }
        });
  }

  /**
   * The operator's settings for this test: the chart's receiver token Secret and config ConfigMap,
   * watching only this namespace so that it never touches other tests' plans on the shared cluster.
   */
  private static OperatorConfig operatorConfig(TestNamespace ns, int receiverPort) {
    var receiver = new ReceiverConfig(receiverPort,
        new ReceiverConfig.SecretLocation(ns.name(), "launchplan-operator-receiver", "token"), null, false,
        PushedAlerts.DEFAULT_TTL);
    return new OperatorConfig(ns.prometheus(), Set.of(ns.name()), 0, Duration.ofSeconds(2), 4, receiver,
        "", new ConfigMapRef(ns.name(), "launchplan-operator-config"), null, PrometheusUrls.of(ns.prometheus(), null));
  }

  /** A token for the chart's ServiceAccount from the API server's TokenRequest API, as the kubelet gets one for the pod. */
  private static String serviceAccountToken(TestNamespace ns) {
    TokenRequest request = new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build();
    return ns.client().serviceAccounts().inNamespace(ns.name()).withName(SA).tokenRequest(request).getStatus().getToken();
  }

  private static List<String> causes(Throwable e) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
    }
    return messages;
  }

  /** RBAC changes reach the authorizer's cache within moments; wait for the chart's grants to show. */
  private static void awaitRbacEffective(TestNamespace ns) {
    Awaitility.await("RBAC effective").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> allowed(ns, "list", "launchplan.io", "launchplans", ns.name(), null)
            && allowed(ns, "list", "", "namespaces", null, null)
            && allowed(ns, "get", "coordination.k8s.io", "leases", ns.name(), LeaderElection.LEASE_NAME));
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
