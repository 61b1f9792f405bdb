package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.launchplan.api.ApprovalPurpose;
import io.launchplan.api.ApprovalRequirement;
import io.launchplan.api.ApprovalStatus;
import io.launchplan.api.ApproverSpec;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchApproval;
import io.launchplan.api.LaunchApprovalSpec;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPolicy;
import io.launchplan.api.LaunchPolicySpec;
import io.launchplan.api.PolicySelector;
import io.launchplan.api.Phase;
import io.launchplan.api.PostmortemSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * LaunchApprovals on the real API server, made by different authenticated users (impersonated
 * through the admin kubeconfig, so the chart's admission policy sees them as request.userInfo), and
 * counted by a real operator. The chart's approval policy is rendered with watchNamespaces set to
 * the test's namespace (its binding matches that namespace only; its name starts with the
 * namespace's) and deleted when the test ends; so are the test's LaunchPolicies, which select only a
 * label this test's namespace carries.
 */
@ExtendWith(ClusterExtension.class)
@NamespacePrefix("ap")
class LaunchApprovalIT {
  private static final Duration T = Duration.ofSeconds(120);
  private static final String LEADS = "sre-leads";

  // ---------------------------------------------------------------------------------------------
  // Admission: who approved is who the API server authenticated.

  @Test
  void anApprovalClaimingSomeoneElseIsRefusedItCannotBeChangedAndOnlyItsApproverRevokesIt(TestNamespace ns) {
    installPolicyAndRole(ns);
    KubernetesClient alice = as(ns, "alice", LEADS);
    KubernetesClient bob = as(ns, "bob", LEADS);
    KubernetesClient nobody = new RbacAudit().clientAs(LocalCluster.kubeconfigPath(), "mallory");
    ns.onCleanup(nobody::close);

    KubernetesClientException other = refused(() -> create(alice, ns, "claims-bob", "web", "abc", ApprovalPurpose.Launch,
        "bob", List.of(LEADS)));
    assertThat(other.getCode()).isEqualTo(403);
    assertThat(other.getMessage()).contains("LaunchApproval " + ns.name() + "/claims-bob names approver bob but was"
        + " created by alice: spec.approver.username must be your own username");
    KubernetesClientException group = refused(() -> create(alice, ns, "claims-group", "web", "abc",
        ApprovalPurpose.Launch, "alice", List.of(LEADS, "incident-commanders")));
    assertThat(group.getMessage()).contains("claims groups [incident-commanders] that alice is not in");
    assertThat(ns.client().resources(LaunchApproval.class).inNamespace(ns.name()).list().getItems())
        .as("nothing was created").isEmpty();
    KubernetesClientException noRole = refused(() -> create(nobody, ns, "m1", "web", "abc", ApprovalPurpose.Launch,
        "mallory", List.of()));
    assertThat(noRole.getCode()).as("RBAC: outside the team's Role").isEqualTo(403);

    // Her own, with a subset of her groups: accepted, and kept as she wrote it.
    create(alice, ns, "alice-ok", "web", "abc", ApprovalPurpose.Launch, "alice", List.of(LEADS));
    // Immutable: the team's Role has no update or patch, and not even an admin changes one (schema and policy).
    KubernetesClientException change = refused(() -> alice.resources(LaunchApproval.class).inNamespace(ns.name())
        .withName("alice-ok").edit(a -> { a.getSpec().setComment("changed my mind"); return a; }));
    assertThat(change.getMessage()).contains("User \"alice\" cannot patch resource \"launchapprovals\"");
    KubernetesClientException admin = refused(() -> ns.client().resources(LaunchApproval.class).inNamespace(ns.name())
        .withName("alice-ok").edit(a -> { a.getSpec().setRevision("def"); return a; }));
    assertThat(admin.getMessage()).contains("a LaunchApproval cannot be changed; delete it to revoke it");
    KubernetesClientException label = refused(() -> ns.client().resources(LaunchApproval.class).inNamespace(ns.name())
        .withName("alice-ok").edit(a -> { a.getMetadata().setLabels(Map.of("x", "y")); return a; }));
    assertThat(label.getMessage()).contains("LaunchApproval " + ns.name() + "/alice-ok cannot be changed: delete it to"
        + " revoke it, and create a new one");
    assertThat(ns.client().resources(LaunchApproval.class).inNamespace(ns.name()).withName("alice-ok").get().getSpec()
        .getRevision()).isEqualTo("abc");
    // A colleague with the same Role may not revoke it; she may.
    KubernetesClientException revoke = refused(() -> bob.resources(LaunchApproval.class).inNamespace(ns.name())
        .withName("alice-ok").delete());
    assertThat(revoke.getMessage()).contains("user bob may not delete LaunchApproval " + ns.name()
        + "/alice-ok of alice: only its approver revokes an approval (or a member of system:masters)");
    alice.resources(LaunchApproval.class).inNamespace(ns.name()).withName("alice-ok").delete();
    Awaitility.await("revoked").atMost(Duration.ofSeconds(20)).until(() ->
        ns.client().resources(LaunchApproval.class).inNamespace(ns.name()).withName("alice-ok").get() == null);
    // An admin (system:masters, the kubeconfig's user) may remove anyone's.
    create(bob, ns, "bob-ok", "web", "abc", ApprovalPurpose.Launch, "bob", List.of());
    ns.client().resources(LaunchApproval.class).inNamespace(ns.name()).withName("bob-ok").delete();
  }

  @Test
  void malformedApprovalsAreRefusedAtApplyBySchema(TestNamespace ns) {
    String[][] cases = {
        {"{planName: web, revision: abc, purpose: Maybe, approver: {username: alice}}", "Unsupported value: \"Maybe\""},
        {"{planName: web, revision: ABC, purpose: Launch, approver: {username: alice}}", "spec.revision"},
        {"{planName: Web_v2, revision: abc, purpose: Launch, approver: {username: alice}}", "spec.planName"},
        {"{planName: web, revision: abc, purpose: Launch}", "spec.approver: Required value"},
    };
    for (String[] c : cases) {
      var item = ns.client().getKubernetesSerialization().unmarshal("""
          apiVersion: launchplan.io/v1alpha1
          kind: LaunchApproval
          metadata: {name: bad, namespace: %s}
          spec: %s
          """.formatted(ns.name(), c[0]), io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
      KubernetesClientException e = refused(() -> ns.client().resource(item).create());
      assertThat(e.getCode()).as(c[0]).isEqualTo(422);
      assertThat(e.getMessage()).as(c[0]).contains(c[1]);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Counting, on a real launch.

  @Test
  void twoApprovalsFromTheGroupStartTheLaunchAndANewRevisionNeedsNewOnes(TestNamespace ns) {
    installPolicyAndRole(ns);
    ns.createWeb();
    ns.startOperator();
    LaunchPlan plan = new PlanYaml().canaryObserve("2s").rolloutObserve("2s").build();
    plan.getSpec().setApprovals(List.of(new ApprovalRequirement(ApprovalPurpose.Launch, 2, List.of(LEADS), null, null)));
    ns.apply(plan);
    LaunchPlan waiting = ns.awaitReason("web-v2", Phase.Pending, "ApprovalRequired", T);
    String first = waiting.getStatus().getRevision();
    assertThat(waiting.getStatus().getMessage()).isEqualTo("revision " + first + " waits for approval: 0 of 2 Launch"
        + " approvals from group sre-leads (spec.approvals); create a LaunchApproval {planName: web-v2, revision: "
        + first + ", purpose: Launch} as one of them (docs/approvals.md)");
    assertThat(ns.deployment("web-canary")).isNull();

    // Someone outside the group, an approval for a plan that does not exist, one for a revision that never existed.
    create(as(ns, "eve", "devs"), ns, "eve", "web-v2", first, ApprovalPurpose.Launch, "eve", List.of("devs"));
    create(as(ns, "alice", LEADS), ns, "nowhere", "no-such-plan", first, ApprovalPurpose.Launch, "alice", List.of(LEADS));
    create(as(ns, "alice", LEADS), ns, "alice-old", "web-v2", "0123456789", ApprovalPurpose.Launch, "alice",
        List.of(LEADS));
    create(as(ns, "alice", LEADS), ns, "alice-1", "web-v2", first, ApprovalPurpose.Launch, "alice", List.of(LEADS));
    LaunchPlan one = awaitMessage(ns, "1 of 2 Launch approvals");
    assertThat(one.getStatus().getApprovals()).extracting(ApprovalStatus::getName, ApprovalStatus::getCounts)
        .containsExactlyInAnyOrder(tuple("eve", false), tuple("alice-old", false), tuple("alice-1", true));
    assertThat(status(one, "eve").getReason()).isEqualTo("eve (groups devs) is not an approver any requirement accepts:"
        + " group sre-leads (spec.approvals)");
    assertThat(status(one, "alice-old").getReason()).isEqualTo("it approves revision 0123456789, not the plan's"
        + " revision " + first);

    // A new revision: the approvals of the first no longer count.
    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2").edit(p -> {
      release(p, "2b");
      return p;
    });
    LaunchPlan second = Awaitility.await("the new revision waits").atMost(T).pollInterval(Duration.ofMillis(200))
        .until(() -> ns.plan("web-v2"), p -> p.getStatus() != null && !first.equals(p.getStatus().getRevision())
            && p.getStatus().getMessage() != null && p.getStatus().getMessage().contains("0 of 2 Launch approvals"));
    String rev = second.getStatus().getRevision();
    assertThat(status(second, "alice-1").getReason()).isEqualTo("it approves revision " + first
        + ", not the plan's revision " + rev);

    // An approval deleted before the launch starts is revoked.
    create(as(ns, "alice", LEADS), ns, "alice-2", "web-v2", rev, ApprovalPurpose.Launch, "alice", List.of(LEADS));
    awaitMessage(ns, "1 of 2 Launch approvals");
    as(ns, "alice", LEADS).resources(LaunchApproval.class).inNamespace(ns.name()).withName("alice-2").delete();
    awaitMessage(ns, "0 of 2 Launch approvals");

    create(as(ns, "alice", LEADS), ns, "alice-3", "web-v2", rev, ApprovalPurpose.Launch, "alice", List.of(LEADS));
    create(as(ns, "bob", LEADS), ns, "bob-1", "web-v2", rev, ApprovalPurpose.Launch, "bob", List.of(LEADS));
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    List<HistoryEntry> history = done.getStatus().getHistory();
    HistoryEntry approved = history.stream().filter(h -> "Approved".equals(h.getReason())).reduce((a, b) -> b).orElseThrow();
    assertThat(approved.getMessage()).startsWith("revision " + rev + " approved for Launch by ")
        .contains("alice (at ", "bob (at ", "\"ok\"");
    assertThat(history.stream().filter(h -> "ApprovalRequired".equals(h.getReason())).count())
        .as("announced once per revision, not once per count").isEqualTo(2);
    Awaitility.await("an Approved event").atMost(Duration.ofSeconds(20)).until(() -> event(ns, "Approved"));
  }

  @Test
  void anExpiredApprovalDoesNotCount(TestNamespace ns) {
    installPolicyAndRole(ns);
    ns.createWeb();
    ns.startOperator();
    LaunchPlan plan = new PlanYaml().canaryObserve("2s").rolloutObserve("2s").build();
    plan.getSpec().setApprovals(List.of(new ApprovalRequirement(ApprovalPurpose.Launch, 2, List.of(LEADS), null, "8s")));
    ns.apply(plan);
    String rev = ns.awaitReason("web-v2", Phase.Pending, "ApprovalRequired", T).getStatus().getRevision();
    create(as(ns, "alice", LEADS), ns, "alice-1", "web-v2", rev, ApprovalPurpose.Launch, "alice", List.of(LEADS));
    awaitMessage(ns, "1 of 2 Launch approvals");
    sleep(9_000); // alice's approval is now older than validFor
    create(as(ns, "bob", LEADS), ns, "bob-1", "web-v2", rev, ApprovalPurpose.Launch, "bob", List.of(LEADS));
    LaunchPlan held = Awaitility.await("bob's approval judged").atMost(T).pollInterval(Duration.ofMillis(200))
        .until(() -> ns.plan("web-v2"), p -> p.getStatus().getApprovals() != null
            && p.getStatus().getApprovals().stream().anyMatch(a -> "bob-1".equals(a.getName())));
    assertThat(held.getStatus().getPhase()).isEqualTo(Phase.Pending);
    assertThat(held.getStatus().getMessage()).contains("1 of 2 Launch approvals from group sre-leads (each at most 8s old)");
    assertThat(status(held, "alice-1").getReason()).startsWith("expired at ").endsWith("(validFor 8s, spec.approvals)");
    assertThat(ns.deployment("web-canary")).isNull();
  }

  @Test
  void anEmergencyWithoutItsApprovalStaysFrozenAndSaysWhyThenGoesThroughOnceApproved(TestNamespace ns) {
    installPolicyAndRole(ns);
    String policy = createPolicy(ns, "emergency",
        new ApprovalRequirement(ApprovalPurpose.Emergency, null, List.of("incident-commanders"), null, null));
    ns.createWeb();
    ns.annotateNamespace("launchplan.io/freeze", "INC-7 payments outage");
    ns.startOperator();
    LaunchPlan plan = new PlanYaml().canaryObserve("2s").rolloutObserve("2s").build();
    plan.getSpec().setEmergency(true);
    ns.apply(plan);
    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "Frozen", T);
    String rev = held.getStatus().getRevision();
    assertThat(held.getStatus().getMessage()).startsWith("launches are frozen by namespace " + ns.name()
        + ": INC-7 payments outage (since ").endsWith("; spec.emergency does not bypass it without its Emergency"
        + " approvals: 0 of 1 Emergency"
        + " approval from group incident-commanders (LaunchPolicy " + policy + "); create a LaunchApproval {planName:"
        + " web-v2, revision: " + rev + ", purpose: Emergency} as one of them (docs/approvals.md)");
    // A Launch approval is no Emergency approval.
    create(as(ns, "alice", LEADS), ns, "alice-1", "web-v2", rev, ApprovalPurpose.Launch, "alice", List.of(LEADS));
    awaitStatus(ns, "alice-1");
    assertThat(ns.plan("web-v2").getStatus().getReason()).isEqualTo("Frozen");

    create(as(ns, "dana", "incident-commanders"), ns, "dana-1", "web-v2", rev, ApprovalPurpose.Emergency, "dana",
        List.of("incident-commanders"));
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    assertThat(done.getStatus().getHistory()).extracting(HistoryEntry::getReason)
        .containsSubsequence("Frozen", "Approved", "EmergencyBypass", "LaunchStarted");
    assertThat(reasonMessage(done, "Approved")).startsWith("emergency approved by dana (at ");
    assertThat(reasonMessage(done, "EmergencyBypass")).contains("the freeze by namespace " + ns.name());
  }

  @Test
  void afterARevertThePostmortemCountsOnlyWithAReviewOfTheRevertedRevision(TestNamespace ns) {
    installPolicyAndRole(ns);
    ns.createWeb();
    ns.startOperator();
    LaunchPlan bad = new PlanYaml().canaryObserve("30s").query("vector(1)").build();
    ns.apply(bad);
    String reverted = ns.awaitPhase("web-v2", Phase.Reverted, T).getStatus().getRevision();

    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2").edit(p -> {
      release(p, "fixed");
      p.getSpec().getCanary().setObserve("2s");
      p.getSpec().getAnalysis().getQueries().get(0).setExpr("vector(1) < 0");
      p.getSpec().setPostmortem(new PostmortemSpec(reverted, "a bad flag", "canary only", "flag removed"));
      p.getSpec().setApprovals(List.of(new ApprovalRequirement(ApprovalPurpose.Postmortem, 1, null, List.of("olga"),
          null)));
      return p;
    });
    LaunchPlan review = awaitMessage(ns, "waits for review");
    String rev = review.getStatus().getRevision();
    assertThat(review.getStatus().getReason()).isEqualTo("ApprovalRequired");
    assertThat(review.getStatus().getMessage()).startsWith("the postmortem for reverted revision " + reverted
        + " waits for review: 0 of 1 Postmortem approval from user olga (spec.approvals)");
    // A review of the new revision is not a review of the reverted one.
    create(as(ns, "olga", "owners"), ns, "olga-new", "web-v2", rev, ApprovalPurpose.Postmortem, "olga", List.of());
    assertThat(status(awaitStatus(ns, "olga-new"), "olga-new").getReason())
        .isEqualTo("it approves revision " + rev + ", not the reverted revision " + reverted);
    create(as(ns, "olga", "owners"), ns, "olga-pm", "web-v2", reverted, ApprovalPurpose.Postmortem, "olga", List.of());
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    assertThat(reasonMessage(done, "PostmortemAccepted")).contains("cause: a bad flag", "; reviewed by olga (at ");
  }

  @Test
  void anOperatorRestartedWhileAPlanWaitsCountsTheApprovalsMadeMeanwhile(TestNamespace ns) {
    installPolicyAndRole(ns);
    ns.createWeb();
    Path log = OperatorProcess.logDir().toPath().resolve(ns.name() + ".log");
    OperatorProcess op = OperatorProcess.start(ns, log);
    try {
      LaunchPlan plan = new PlanYaml().canaryObserve("2s").rolloutObserve("2s").build();
      plan.getSpec().setApprovals(List.of(new ApprovalRequirement(ApprovalPurpose.Launch, 2, List.of(LEADS), null,
          "1h")));
      ns.apply(plan);
      String rev = ns.awaitReason("web-v2", Phase.Pending, "ApprovalRequired", T).getStatus().getRevision();
      create(as(ns, "alice", LEADS), ns, "alice-1", "web-v2", rev, ApprovalPurpose.Launch, "alice", List.of(LEADS));
      awaitMessage(ns, "1 of 2 Launch approvals");
      op.kill();
      create(as(ns, "bob", LEADS), ns, "bob-1", "web-v2", rev, ApprovalPurpose.Launch, "bob", List.of(LEADS));
      op = OperatorProcess.start(ns, log);
      LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);
      assertThat(reasonMessage(done, "Approved")).contains("alice (at ", "bob (at ");
      assertThat(done.getStatus().getHistory().stream().filter(h -> "ApprovalRequired".equals(h.getReason())).count())
          .as("the wait was announced once, across the restart").isEqualTo(1);
    } finally {
      op.close();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * The chart's approval policy and binding (for this namespace only), and the Role of docs/approvals.md
   * bound to every authenticated user in this namespace; waits until the policy refuses a false approver.
   */
  private static void installPolicyAndRole(TestNamespace ns) {
    List<HasMetadata> items = HelmChart.parse(ns.client(), HelmChart.template(ns.name(),
        "--set", "watchNamespaces={" + ns.name() + "}")).stream()
        .filter(i -> i.getKind().startsWith("ValidatingAdmissionPolicy")
            && i.getMetadata().getName().endsWith("-approvals")).toList();
    assertThat(items).extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder("ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
    for (HasMetadata item : items) {
      assertThat(item.getMetadata().getName()).startsWith(ns.name());
      ns.onCleanup(() -> ns.client().resource(item).delete());
      ns.client().resource(item).create();
    }
    // The Role a team binds (docs/approvals.md): create and read approvals, delete (its own: the policy).
    ns.client().resource(new RoleBuilder().withNewMetadata().withName("launch-approver").withNamespace(ns.name())
        .endMetadata().addNewRule().withApiGroups("launchplan.io").withResources("launchapprovals")
        .withVerbs("create", "get", "list", "watch", "delete").endRule().build()).create();
    ns.client().resource(new RoleBindingBuilder().withNewMetadata().withName("launch-approver").withNamespace(ns.name())
        .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "launch-approver")
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("Group").withName("approvers").endSubject()
        .build()).create();
    KubernetesClient alice = as(ns, "alice", LEADS);
    Awaitility.await("the approval policy refuses a false approver").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250)).until(() -> {
          KubernetesClientException e = catchThrowableOfType(() -> alice.resources(LaunchApproval.class)
              .inNamespace(ns.name()).resource(approval(ns, "probe", "web", "abc", ApprovalPurpose.Launch, "bob",
                  List.of())).dryRun().create(), KubernetesClientException.class);
          return e != null && e.getMessage().contains("names approver bob but was created by alice");
        });
  }

  /** A client authenticated as {@code user} in {@code group} (and the team's group {@code approvers}). */
  private static KubernetesClient as(TestNamespace ns, String user, String group) {
    KubernetesClient client = new RbacAudit().clientAs(LocalCluster.kubeconfigPath(), user, group, "approvers",
        "system:authenticated");
    ns.onCleanup(client::close);
    return client;
  }

  private static LaunchApproval approval(TestNamespace ns, String name, String plan, String revision,
      ApprovalPurpose purpose, String approver, List<String> groups) {
    LaunchApproval a = new LaunchApproval();
    a.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns.name()).build());
    LaunchApprovalSpec spec = new LaunchApprovalSpec();
    spec.setPlanName(plan);
    spec.setRevision(revision);
    spec.setPurpose(purpose);
    spec.setComment("ok");
    spec.setApprover(new ApproverSpec(approver, groups));
    a.setSpec(spec);
    return a;
  }

  private static LaunchApproval create(KubernetesClient as, TestNamespace ns, String name, String plan, String revision,
      ApprovalPurpose purpose, String approver, List<String> groups) {
    return as.resources(LaunchApproval.class).inNamespace(ns.name())
        .resource(approval(ns, name, plan, revision, purpose, approver, groups)).create();
  }

  private static KubernetesClientException refused(Runnable write) {
    KubernetesClientException e = catchThrowableOfType(write::run, KubernetesClientException.class);
    assertThat(e).as("refused").isNotNull();
    return e;
  }

  /** Creates a LaunchPolicy {@code ap-<id>-<suffix>} requiring {@code approvals}, selecting only this test's namespace. */
  private static String createPolicy(TestNamespace ns, String suffix, ApprovalRequirement... approvals) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String label = "launchplan.io/approval-it";
    // Every Namespace carries kubernetes.io/metadata.name: its labels are never null.
    ns.client().namespaces().withName(ns.name()).edit(n -> {
      n.getMetadata().getLabels().put(label, id);
      return n;
    });
    LaunchPolicy policy = new LaunchPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("ap-" + id + "-" + suffix).build());
    LaunchPolicySpec spec = new LaunchPolicySpec();
    PolicySelector selector = new PolicySelector();
    selector.setMatchLabels(Map.of(label, id));
    spec.setNamespaceSelector(selector);
    spec.setApprovals(List.of(approvals));
    policy.setSpec(spec);
    String name = policy.getMetadata().getName();
    ns.onCleanup(() -> ns.client().resources(LaunchPolicy.class).withName(name).delete());
    ns.client().resource(policy).create();
    return name;
  }

  private static LaunchPlan awaitMessage(TestNamespace ns, String part) {
    return Awaitility.await("web-v2 says " + part).atMost(T).pollInterval(Duration.ofMillis(200))
        .until(() -> ns.plan("web-v2"), p -> p.getStatus() != null && p.getStatus().getMessage() != null
            && p.getStatus().getMessage().contains(part));
  }

  private static LaunchPlan awaitStatus(TestNamespace ns, String approval) {
    return Awaitility.await("web-v2 lists " + approval).atMost(T).pollInterval(Duration.ofMillis(200))
        .until(() -> ns.plan("web-v2"), p -> p.getStatus() != null && p.getStatus().getApprovals() != null
            && p.getStatus().getApprovals().stream().anyMatch(a -> approval.equals(a.getName())));
  }

  private static ApprovalStatus status(LaunchPlan plan, String approval) {
    return plan.getStatus().getApprovals().stream().filter(a -> approval.equals(a.getName())).findFirst().orElseThrow();
  }

  private static String reasonMessage(LaunchPlan plan, String reason) {
    return plan.getStatus().getHistory().stream().filter(h -> reason.equals(h.getReason())).reduce((a, b) -> b)
        .map(HistoryEntry::getMessage).orElseThrow(() -> new AssertionError("no " + reason + " in the history"));
  }

  private static boolean event(TestNamespace ns, String reason) {
    return ns.client().v1().events().inNamespace(ns.name()).list().getItems().stream()
        .anyMatch((Event e) -> reason.equals(e.getReason()));
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }

  /** A new revision: the template's pod annotation {@code release}. */
  private static void release(LaunchPlan p, String value) {
    ((com.fasterxml.jackson.databind.node.ObjectNode) p.getSpec().getTemplate().get("metadata"))
        .putObject("annotations").put("release", value);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
