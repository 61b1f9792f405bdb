package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.LaunchPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart's ValidatingAdmissionPolicy on the real API server: whoever creates a LaunchPlan or
 * changes its spec must be allowed to patch the target Deployment and create Deployments in that
 * namespace, because the operator runs the plan's pod template with its own permissions. Users
 * are impersonated. The policy and its binding are rendered by the pinned helm with
 * {@code watchNamespaces} set to the test's namespace, so the binding matches that namespace only
 * (other tests on the shared cluster are never affected), and are deleted when the test ends.
 */
@ExtendWith(ClusterExtension.class)
class AdmissionPolicyIT {
  private static final String[] GROUPS = {"system:authenticated"};

  @Test
  void aPlanWriterWhoMayNotDeployIsRefusedButMayStillAbort(TestNamespace ns) {
    String n = ns.name();
    List<HasMetadata> policy = applyChartPolicy(ns);
    String limited = "plan-writer@" + n;
    String deployer = "deployer@" + n;
    String webOnly = "web-deployer@" + n;
    String patchOnly = "patcher@" + n;
    List<String> planVerbs = List.of("get", "list", "watch", "create", "update", "patch");
    grant(ns, "plan-writer", limited, rule("launchplan.io", "launchplans", planVerbs, List.of()));
    grant(ns, "deployer", deployer, rule("launchplan.io", "launchplans", planVerbs, List.of()),
        rule("apps", "deployments", List.of("create", "patch"), List.of()));
    grant(ns, "web-deployer", webOnly, rule("launchplan.io", "launchplans", planVerbs, List.of()),
        rule("apps", "deployments", List.of("create"), List.of()),
        rule("apps", "deployments", List.of("patch"), List.of("web")));
    grant(ns, "patcher", patchOnly, rule("launchplan.io", "launchplans", planVerbs, List.of()),
        rule("apps", "deployments", List.of("patch"), List.of()));
    Awaitility.await("RBAC effective").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> allowed(ns, limited, "create", "launchplan.io", "launchplans", null)
            && allowed(ns, deployer, "patch", "apps", "deployments", "web")
            && allowed(ns, webOnly, "patch", "apps", "deployments", "web")
            && allowed(ns, patchOnly, "patch", "apps", "deployments", "web"));
    assertThat(allowed(ns, limited, "patch", "apps", "deployments", "web")).as("control: the limited user").isFalse();
    assertThat(allowed(ns, limited, "create", "", "pods", null)).isFalse();

    KubernetesClient asLimited = as(ns, limited);
    KubernetesClient asDeployer = as(ns, deployer);
    KubernetesClient asWebOnly = as(ns, webOnly);
    KubernetesClient asPatchOnly = as(ns, patchOnly);
    String refusal = "user " + limited + " may not write the spec of LaunchPlan " + n + "/web-v2";

    // A policy takes a moment to reach the API server's admission: until it refuses (a dry run, so
    // that nothing is created meanwhile), bounded.
    long t0 = System.nanoTime();
    Awaitility.await("the policy refuses the limited user's plan").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250)).ignoreExceptionsMatching(e -> !(e instanceof AssertionError))
        .until(() -> {
          KubernetesClientException e = catchThrowableOfType(() -> plans(asLimited, n)
              .resource(Plans.simple("web-v2", "web", "")).dryRun().create(), KubernetesClientException.class);
          return e != null && e.getMessage().contains(refusal);
        });
    long effectiveMs = (System.nanoTime() - t0) / 1_000_000;

    // The limited user: refused, with the policy's message naming the user, the namespace and what is missing.
    KubernetesClientException refused = catchThrowableOfType(
        () -> plans(asLimited, n).resource(Plans.simple("web-v2", "web", "")).create(), KubernetesClientException.class);
    assertThat(refused).as("the limited user's create").isNotNull();
    assertThat(refused.getCode()).isEqualTo(403);
    assertThat(refused.getMessage()).contains(policyName(policy), refusal,
        "the operator would run its pod template, so the writer must be allowed to patch the target Deployment web in"
            + " namespace " + n);
    assertThat(plans(ns.client(), n).withName("web-v2").get()).as("nothing created").isNull();

    // A user who may patch and create Deployments there: accepted.
    plans(asDeployer, n).resource(Plans.simple("web-v2", "web", "")).create();
    assertThat(plans(ns.client(), n).withName("web-v2").get()).isNotNull();

    // A user who may patch only the Deployment web: a plan for web, not one for payments.
    plans(asWebOnly, n).resource(Plans.simple("web-v3", "web", "")).create();
    KubernetesClientException payments = catchThrowableOfType(
        () -> plans(asWebOnly, n).resource(Plans.simple("payments-v2", "payments", "")).create(),
        KubernetesClientException.class);
    assertThat(payments).isNotNull();
    assertThat(payments.getMessage()).contains("user " + webOnly + " may not write the spec of LaunchPlan " + n
        + "/payments-v2", "patch the target Deployment payments in namespace " + n);
    // A user who may patch Deployments but not create one (the canary): refused, saying so.
    KubernetesClientException noCreate = catchThrowableOfType(
        () -> plans(asPatchOnly, n).resource(Plans.simple("web-v4", "web", "")).create(), KubernetesClientException.class);
    assertThat(noCreate).isNotNull();
    assertThat(noCreate.getMessage()).contains("user " + patchOnly + " may not write the spec of LaunchPlan " + n
        + "/web-v4", "as a new canary Deployment, so the writer must be allowed to create Deployments in namespace " + n);

    // The limited user may still act on an existing plan without changing its spec: abort and
    // promote (PATCH), a label (PUT), a finalizer (as the operator's own writes are).
    plans(asLimited, n).withName("web-v2").edit(p -> {
      var annotations = new HashMap<>(p.getMetadata().getAnnotations() == null ? Map.of() : p.getMetadata().getAnnotations());
      annotations.put("launchplan.io/abort", "p99 doubled");
      annotations.put("launchplan.io/promote", "ok-1");
      annotations.put("launchplan.io/freeze", "hold on");
      p.getMetadata().setAnnotations(annotations);
      return p;
    });
    LaunchPlan current = plans(asLimited, n).withName("web-v2").get();
    current.getMetadata().setLabels(Map.of("team", "checkout"));
    plans(asLimited, n).resource(current).update();
    plans(asLimited, n).withName("web-v2").edit(p -> {
      p.getMetadata().setFinalizers(List.of("example.com/hold"));
      return p;
    });
    plans(asLimited, n).withName("web-v2").edit(p -> {
      p.getMetadata().setFinalizers(List.of());
      return p;
    });
    LaunchPlan annotated = plans(ns.client(), n).withName("web-v2").get();
    assertThat(annotated.getMetadata().getAnnotations()).containsEntry("launchplan.io/abort", "p99 doubled")
        .containsEntry("launchplan.io/promote", "ok-1");
    assertThat(annotated.getMetadata().getLabels()).containsEntry("team", "checkout");

    // ... but not change what runs: a spec change is refused, and the spec stays as it was.
    KubernetesClientException specChange = catchThrowableOfType(() -> plans(asLimited, n).withName("web-v2").edit(p -> {
      ((ObjectNode) p.getSpec().getTemplate().get("spec").get("containers").get(0)).put("image", "registry.example/any:1");
      return p;
    }), KubernetesClientException.class);
    assertThat(specChange).as("the limited user's spec change").isNotNull();
    assertThat(specChange.getMessage()).contains(refusal);
    assertThat(Serialization.asJson(plans(ns.client(), n).withName("web-v2").get().getSpec()))
        .isEqualTo(Serialization.asJson(annotated.getSpec()));
    // spec.emergency (skips freezes) and spec.paused are spec changes too: the freeze annotation holds a launch instead.
    KubernetesClientException emergency = catchThrowableOfType(() -> plans(asLimited, n).withName("web-v2").edit(p -> {
      p.getSpec().setEmergency(true);
      return p;
    }), KubernetesClientException.class);
    assertThat(emergency).as("the limited user's spec.emergency").isNotNull();
    assertThat(emergency.getMessage()).contains(refusal);
    // The deployer may change it.
    plans(asDeployer, n).withName("web-v2").edit(p -> {
      ((ObjectNode) p.getSpec().getTemplate().get("spec")).put("terminationGracePeriodSeconds", 5);
      return p;
    });

    System.out.printf("AdmissionPolicyIT: policy %s effective after %d ms; refusal: %s%n", policyName(policy),
        effectiveMs, refused.getStatus() == null ? refused.getMessage() : refused.getStatus().getMessage());
  }

  @Test
  void thePolicyIsOnByDefaultAndCanBeTurnedOff(TestNamespace ns) {
    List<HasMetadata> defaults = planWriters(HelmChart.parse(ns.client(), HelmChart.template(ns.name())));
    ValidatingAdmissionPolicyBinding binding = HelmChart.ofKind(defaults, ValidatingAdmissionPolicyBinding.class).get(0);
    assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
    assertThat(binding.getSpec().getMatchResources()).as("all namespaces by default").isNull();
    assertThat(HelmChart.ofKind(defaults, ValidatingAdmissionPolicy.class)).singleElement()
        .satisfies(p -> assertThat(p.getMetadata().getName()).isEqualTo(ns.name() + "-launchplan-operator-plan-writers"));
    List<HasMetadata> off = planWriters(HelmChart.parse(ns.client(),
        HelmChart.template(ns.name(), "--set", "admissionPolicy.enabled=false")));
    assertThat(HelmChart.kinds(off)).doesNotContain("ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
    List<HasMetadata> warn = planWriters(HelmChart.parse(ns.client(), HelmChart.template(ns.name(),
        "--set", "admissionPolicy.validationActions={Warn,Audit}")));
    assertThat(HelmChart.ofKind(warn, ValidatingAdmissionPolicyBinding.class).get(0).getSpec().getValidationActions())
        .containsExactly("Warn", "Audit");
    // Before Kubernetes 1.30 there is no admissionregistration.k8s.io/v1 policy: the chart says so.
    Scripts.Result old = HelmChart.helmSh("template", "--namespace", ns.name(), "--kube-version", "1.29.4",
        "--set", "approvalAdmission.enabled=false");
    assertThat(old.exitCode()).isNotZero();
    assertThat(old.stderr()).contains("admissionPolicy.enabled needs Kubernetes 1.30 or newer",
        "Set admissionPolicy.enabled=false");
    // The approvals' policy (LaunchApprovalIT) says the same of itself.
    Scripts.Result oldApprovals = HelmChart.helmSh("template", "--namespace", ns.name(), "--kube-version", "1.29.4",
        "--set", "admissionPolicy.enabled=false");
    assertThat(oldApprovals.exitCode()).isNotZero();
    assertThat(oldApprovals.stderr()).contains("approvalAdmission.enabled needs Kubernetes 1.30 or newer",
        "set approvalAdmission.enabled=false");
    HelmChart.template(ns.name(), "--kube-version", "1.29.4", "--set", "admissionPolicy.enabled=false",
        "--set", "approvalAdmission.enabled=false");
  }

  // ------------------------------------------------------------------------------------------

  /** Renders the chart for this namespace only and creates its policy and binding for real. */
  private static List<HasMetadata> applyChartPolicy(TestNamespace ns) {
    List<HasMetadata> items = planWriters(HelmChart.parse(ns.client(),
        HelmChart.template(ns.name(), "--set", "watchNamespaces={" + ns.name() + "}")));
    ValidatingAdmissionPolicyBinding binding = HelmChart.ofKind(items, ValidatingAdmissionPolicyBinding.class).get(0);
    var selector = binding.getSpec().getMatchResources().getNamespaceSelector();
    assertThat(selector.getMatchExpressions()).as("the binding matches the test's namespace only").singleElement()
        .satisfies(e -> {
          assertThat(e.getKey()).isEqualTo("kubernetes.io/metadata.name");
          assertThat(e.getOperator()).isEqualTo("In");
          assertThat(e.getValues()).containsExactly(ns.name());
        });
    List<HasMetadata> policy = new ArrayList<>();
    policy.addAll(HelmChart.ofKind(items, ValidatingAdmissionPolicy.class));
    policy.add(binding);
    assertThat(policy).hasSize(2);
    for (HasMetadata item : policy) {
      assertThat(item.getMetadata().getName()).startsWith(ns.name());
      ns.onCleanup(() -> ns.client().resource(item).delete());
      ns.client().resource(item).create();
    }
    return policy;
  }

  /** The chart's items but its other admission policies (the approvals', LaunchApprovalIT): this one and the rest. */
  private static List<HasMetadata> planWriters(List<HasMetadata> items) {
    return items.stream().filter(i -> !i.getKind().startsWith("ValidatingAdmissionPolicy")
        || i.getMetadata().getName().endsWith("-plan-writers")).toList();
  }

  private static String policyName(List<HasMetadata> policy) {
    return policy.get(0).getMetadata().getName();
  }

  private static PolicyRule rule(String group, String resource, List<String> verbs,
      List<String> names) {
    return new PolicyRuleBuilder().withApiGroups(group).withResources(resource).withVerbs(verbs).withResourceNames(names)
        .build();
  }

  /** A Role with {@code rules} bound to {@code user} in the test's namespace. */
  private static void grant(TestNamespace ns, String role, String user, PolicyRule... rules) {
    ns.client().resource(new RoleBuilder().withNewMetadata().withName(role).withNamespace(ns.name()).endMetadata()
        .withRules(rules).build()).create();
    ns.client().resource(new RoleBindingBuilder().withNewMetadata().withName(role).withNamespace(ns.name()).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", role)
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(user).endSubject()
        .build()).create();
  }

  private static KubernetesClient as(TestNamespace ns, String user) {
    KubernetesClient client = new RbacAudit().clientAs(LocalCluster.kubeconfigPath(), user, GROUPS);
    ns.onCleanup(client::close);
    return client;
  }

  private static NonNamespaceOperation<LaunchPlan, KubernetesResourceList<LaunchPlan>, Resource<LaunchPlan>> plans(KubernetesClient client, String namespace) {
    return client.resources(LaunchPlan.class).inNamespace(namespace);
  }

  private static boolean allowed(TestNamespace ns, String user, String verb, String group, String resource, String name) {
    SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec().withUser(user).withGroups(GROUPS)
        .withNewResourceAttributes().withVerb(verb).withGroup(group).withResource(resource).withNamespace(ns.name())
        .withName(name).endResourceAttributes().endSpec().build();
    return ns.client().resource(review).create().getStatus().getAllowed();
  }
}
