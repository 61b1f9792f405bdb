package io.launchplan.api;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A platform team's launch procedure as a rule: every LaunchPlan it selects (by namespace labels
 * and plan labels) is held to its minimums, gets its required checks, launches only inside its
 * launch windows and declares emergencies as it says. Cluster-scoped: only whoever may write
 * cluster-wide objects writes one. Several policies may cover one plan; for every rule the
 * strictest value wins.
 */
@Group(LaunchPlan.GROUP)
@Version(LaunchPlan.VERSION)
@ShortNames("lpol")
public class LaunchPolicy extends CustomResource<LaunchPolicySpec, Void> {
}
