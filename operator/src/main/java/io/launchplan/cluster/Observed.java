package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.launchplan.api.FreezeStatus;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.Phase;
import io.launchplan.launch.Observation;

/**
 * What {@link Observer} saw for one reconcile: the {@link Observation} the decision takes, and the
 * cluster objects and facts the acting and the status write need besides.
 *
 * @param observation what the decision looks at (its {@code now} is when the decision is made)
 * @param spec the spec the launch is decided and judged by: the plan's own with the required checks
 *     of the LaunchPolicies that apply
 * @param phase the plan's phase when the reconcile began
 * @param target the target Deployment as the cache holds it, or null
 * @param canary the canary Deployment as the cache holds it, or null
 * @param frozenBy the freeze to record in status ({@link io.launchplan.gates.Freeze#tracked}), or null
 * @param ticked whether an analysis ran for this decision (a quiet tick may go unwritten)
 */
record Observed(Observation observation, LaunchPlanSpec spec, Phase phase, Deployment target, Deployment canary, FreezeStatus frozenBy,
    boolean ticked) {}
