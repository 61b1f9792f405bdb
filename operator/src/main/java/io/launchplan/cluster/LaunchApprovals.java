package io.launchplan.cluster;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.launchplan.api.ApprovalRequirement;
import io.launchplan.api.LaunchApproval;
import io.launchplan.api.LaunchApprovalSpec;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.gates.ApprovalGate;
import io.launchplan.gates.ApprovalRule;
import io.launchplan.gates.ApprovalView;
import io.launchplan.gates.CombinedPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The LaunchApprovals, read from an informer over the watched namespaces (the operator lists and
 * watches them, never writes one), and the plan each one wakes: the plan it names, in its own
 * namespace. An approval naming no existing plan wakes nothing and is never an error; one naming
 * a revision that never existed is listed in the plan's {@code status.approvals} as not counting.
 */
final class LaunchApprovals {
  private final InformerEventSource<LaunchApproval, LaunchPlan> informer;

  private LaunchApprovals(InformerEventSource<LaunchApproval, LaunchPlan> informer) {
    this.informer = informer;
  }

  static LaunchApprovals watch(EventSourceContext<LaunchPlan> ctx) {
    return new LaunchApprovals(new InformerEventSource<>(
        InformerEventSourceConfiguration.from(LaunchApproval.class, LaunchPlan.class)
            .withName("launchapprovals")
            .withSecondaryToPrimaryMapper((LaunchApproval a) -> a.getSpec() == null || a.getSpec().getPlanName() == null
                ? Set.of() : Set.of(new ResourceID(a.getSpec().getPlanName(), a.getMetadata().getNamespace())))
            .build(), ctx));
  }

  InformerEventSource<LaunchApproval, LaunchPlan> eventSource() {
    return informer;
  }

  /**
   * The plan's approvals judged against its policies' requirements and its own {@code spec.approvals}.
   * While a launch may start they are judged now; during a launch, as they stood when it started
   * (an approval that expires mid-launch still counts; one deleted is revoked).
   */
  ApprovalGate.Verdict verdict(LaunchPlan plan, LaunchPlanStatus status, CombinedPolicy policy, String revision,
      boolean launching, Instant now) {
    List<ApprovalRule> rules = new ArrayList<>(policy.approvals());
    for (ApprovalRequirement r : plan.getSpec().approvalsOrEmpty()) {
      rules.add(ApprovalRule.of(r, "spec.approvals"));
    }
    String name = plan.getMetadata().getName();
    List<ApprovalView> approvals = informer.list(plan.getMetadata().getNamespace(),
        a -> a.getSpec() != null && name.equals(a.getSpec().getPlanName())).map(LaunchApprovals::view).toList();
    String reverted = status.getLastRevertedRevision();
    String owed = reverted != null && !reverted.equals(status.getPostmortemAcceptedFor()) ? reverted : null;
    Instant at = launching || status.getLaunchStartedAt() == null ? now : Instant.parse(status.getLaunchStartedAt());
    return ApprovalGate.judge(name, rules, approvals, revision, owed, plan.getSpec().emergency(), at);
  }

  private static ApprovalView view(LaunchApproval a) {
    LaunchApprovalSpec spec = a.getSpec();
    String created = a.getMetadata().getCreationTimestamp();
    return new ApprovalView(a.getMetadata().getName(), spec.getRevision(), spec.getPurpose(),
        spec.getApprover() != null ? spec.getApprover().getUsername() : null,
        spec.getApprover() != null ? spec.getApprover().groupsOrEmpty() : List.of(), spec.getComment(),
        created != null ? Instant.parse(created) : null);
  }
}
