package io.launchplan.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A person's approval of one revision of one LaunchPlan for one purpose ({@link ApprovalPurpose}).
 * The approver is who the API server authenticated: the chart's ValidatingAdmissionPolicy refuses
 * an approval whose {@code spec.approver} is not the caller ({@code request.userInfo}). Immutable:
 * delete it to revoke (the schema refuses a change of {@code spec}, the admission policy any update).
 * The operator only reads approvals (list/watch); it never writes one.
 */
@Group(LaunchPlan.GROUP)
@Version(LaunchPlan.VERSION)
@ShortNames("lpa")
@ValidationRule(value = "has(self.spec)", message = "spec is required: planName, revision, purpose and approver")
@ValidationRule(value = "!has(oldSelf.spec) || self.spec == oldSelf.spec",
    message = "a LaunchApproval cannot be changed; delete it to revoke it and create a new one")
@AdditionalPrinterColumn(name = "Plan", jsonPath = ".spec.planName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Revision", jsonPath = ".spec.revision", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Purpose", jsonPath = ".spec.purpose", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Approver", jsonPath = ".spec.approver.username", type = AdditionalPrinterColumn.Type.STRING)
public class LaunchApproval extends CustomResource<LaunchApprovalSpec, Void> implements Namespaced {
}
