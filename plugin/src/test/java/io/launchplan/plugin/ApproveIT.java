package io.launchplan.plugin;

import static io.launchplan.plugin.FollowAndStatusIT.startOperator;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.launchplan.api.ApprovalPurpose;
import io.launchplan.api.ApprovalRequirement;
import io.launchplan.api.LaunchApproval;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.it.ClusterExtension;
import io.launchplan.it.Plans;
import io.launchplan.it.TestNamespace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code approve}: a LaunchApproval whose approver is the authenticated (here: impersonated) user, counted by a real operator. */
@ExtendWith(ClusterExtension.class)
class ApproveIT {
  private static final Duration T = Duration.ofSeconds(120);

  @Test
  void approveFillsTheApproverFromTheApiServerAndStartsTheLaunch(TestNamespace ns) {
    ns.client().resource(new RoleBuilder().withNewMetadata().withName("launch-approver").withNamespace(ns.name())
        .endMetadata().addNewRule().withApiGroups("launchplan.io").withResources("launchapprovals")
        .withVerbs("create", "get", "list", "watch", "delete").endRule()
        .addNewRule().withApiGroups("launchplan.io").withResources("launchplans").withVerbs("get", "list", "watch")
        .endRule().build()).create();
    ns.client().resource(new RoleBindingBuilder().withNewMetadata().withName("launch-approver").withNamespace(ns.name())
        .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "launch-approver")
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("Group").withName("sre-leads").endSubject()
        .build()).create();
    ns.createWeb();
    startOperator(ns);
    LaunchPlan plan = Plans.simple("web", "web", "");
    plan.getSpec().getCanary().setObserve("2s");
    plan.getSpec().getRollout().setObserve("2s");
    plan.getSpec().setApprovals(List.of(new ApprovalRequirement(ApprovalPurpose.Launch, 1, List.of("sre-leads"), null,
        null)));
    ns.apply(plan);
    String rev = ns.awaitReason("web", Phase.Pending, "ApprovalRequired", T).getStatus().getRevision();

    PluginProcess.Result none = PluginProcess.run("--as", "alice", "--as-group", "sre-leads", "--as-group",
        "system:authenticated", "-n", ns.name(), "approve", "web", "--purpose", "Postmortem");
    assertThat(none.exitCode()).as(none.toString()).isEqualTo(1);
    assertThat(none.err()).contains(ns.name() + "/web has never been reverted; name one with --revision");

    PluginProcess.Result r = PluginProcess.run("--as", "alice", "--as-group", "sre-leads", "--as-group",
        "system:authenticated", "-n", ns.name(), "approve", "web", "--comment", "dashboards clean", "--group",
        "sre-leads");
    System.out.println("approve web:\n" + r);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("created: alice approves revision " + rev + " of " + ns.name() + "/web for Launch");
    LaunchApproval made = ns.client().resources(LaunchApproval.class).inNamespace(ns.name()).list().getItems().get(0);
    assertThat(made.getSpec().getApprover().getUsername()).isEqualTo("alice");
    assertThat(made.getSpec().getApprover().getGroups()).containsExactly("sre-leads");
    assertThat(made.getSpec().getRevision()).isEqualTo(rev);
    LaunchPlan done = ns.awaitPhase("web", Phase.Succeeded, T);
    assertThat(done.getStatus().getHistory()).anyMatch(h -> "Approved".equals(h.getReason())
        && h.getMessage().contains("alice (at ") && h.getMessage().contains("\"dashboards clean\""));

    PluginProcess.Result notMine = PluginProcess.run("--as", "alice", "--as-group", "sre-leads", "--as-group",
        "system:authenticated", "-n", ns.name(), "approve", "web", "--group", "incident-commanders");
    assertThat(notMine.exitCode()).isEqualTo(1);
    assertThat(notMine.err()).contains("you (alice) are not in group incident-commanders");
  }
}
