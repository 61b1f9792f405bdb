package io.launchplan.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A platform team's launch procedure as a rule: every LaunchPlan it selects (by namespace labels
 * and plan labels) is held to its minimums, gets its required checks, launches only inside its
 * launch windows and declares emergencies as it says. Cluster-scoped: only whoever may write
 * cluster-wide objects writes one. Several policies may cover one plan; for every rule the
 * strictest value wins. Its status ({@link LaunchPolicyStatus}, written by the operator) says whether
 * it is valid and whether its windows are open now, and when that changes.
 */
@Group(LaunchPlan.GROUP)
@Version(LaunchPlan.VERSION)
@ShortNames("lpol")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Window", jsonPath = ".status.window.state", type = AdditionalPrinterColumn.Type.STRING)
// A string: kubectl shows a date in the future as "<invalid>".
@AdditionalPrinterColumn(name = "Next-Change", jsonPath = ".status.window.nextChange",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class LaunchPolicy extends CustomResource<LaunchPolicySpec, LaunchPolicyStatus> {
}
