package io.launchplan.plugin;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.launchplan.api.ApprovalPurpose;
import io.launchplan.api.ApproverSpec;
import io.launchplan.api.LaunchApproval;
import io.launchplan.api.LaunchApprovalSpec;
import io.launchplan.api.LaunchPlan;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code approve PLAN [--purpose P] [--comment TEXT]}: creates a LaunchApproval of the plan's revision
 * (for a Postmortem, its reverted revision) whose approver is who the API server says you are (a
 * SelfSubjectReview), so the chart's admission policy accepts it.
 */
@Command(name = "approve", description = {"Approve the plan's revision: a LaunchApproval with you as the approver.",
    "The approver is who the API server says you are (SelfSubjectReview); see docs/approvals.md."})
final class ApproveCommand extends PluginCommand {
  @Parameters(paramLabel = "PLAN")
  String name;

  @Option(names = "--purpose", paramLabel = "PURPOSE", defaultValue = "Launch",
      description = "Launch, Postmortem (the reverted revision's postmortem) or Emergency (default: ${DEFAULT-VALUE}).")
  ApprovalPurpose purpose;

  @Option(names = "--comment", paramLabel = "TEXT", description = "Why you approve; quoted in the history.")
  String comment;

  @Option(names = "--revision", paramLabel = "REV",
      description = "The revision to approve (default: status.revision; for Postmortem status.lastRevertedRevision).")
  String revision;

  @Option(names = "--group", paramLabel = "GROUP", split = ",",
      description = "Count only for these of your groups (default: all of them).")
  List<String> groups;

  @Override
  int execute() {
    LaunchPlan plan = plan(name);
    String rev = revision != null ? revision : revisionOf(plan);
    UserInfo me = kube().client().resource(new SelfSubjectReview()).create().getStatus().getUserInfo();
    List<String> mine = me.getGroups() == null ? List.of() : me.getGroups();
    List<String> counted = groups != null ? groups : mine;
    for (String g : counted) {
      if (!mine.contains(g)) {
        throw new Failure("you (" + me.getUsername() + ") are not in group " + g + "; your groups: "
            + String.join(", ", mine));
      }
    }
    LaunchApproval approval = new LaunchApproval();
    approval.setMetadata(new ObjectMetaBuilder().withNamespace(namespace())
        .withGenerateName(name + "-" + purpose.name().toLowerCase(Locale.ROOT) + "-").build());
    LaunchApprovalSpec spec = new LaunchApprovalSpec();
    spec.setPlanName(name);
    spec.setRevision(rev);
    spec.setPurpose(purpose);
    spec.setComment(comment);
    spec.setApprover(new ApproverSpec(me.getUsername(), counted.isEmpty() ? null : counted));
    approval.setSpec(spec);
    LaunchApproval created = kube().client().resources(LaunchApproval.class).inNamespace(namespace()).resource(approval)
        .create();
    out().println("launchapproval.launchplan.io/" + created.getMetadata().getName() + " created: " + me.getUsername()
        + " approves revision " + rev + " of " + Plans.key(plan) + " for " + purpose);
    return ExitCodes.OK;
  }

  private String revisionOf(LaunchPlan plan) {
    var s = plan.getStatus();
    String rev = s == null ? null : purpose == ApprovalPurpose.Postmortem ? s.getLastRevertedRevision() : s.getRevision();
    if (rev == null) {
      throw new Failure(Plans.key(plan) + (purpose == ApprovalPurpose.Postmortem ? " has never been reverted"
          : " has no status.revision yet (is the operator running?)") + "; name one with --revision");
    }
    return rev;
  }
}
