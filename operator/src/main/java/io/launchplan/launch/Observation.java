package io.launchplan.launch;

import io.launchplan.analysis.AnalysisOutcome;
import java.time.Instant;

/**
 * Everything the decision looks at besides the plan itself: what the cluster and Prometheus show
 * right now. Built by the reconciler; no client objects cross this line.
 *
 * @param now the clock's reading for this decision
 * @param revision hash of the plan's current {@code spec.template}
 * @param specError why the spec cannot be launched onto the target (unknown container, a merged
 *     template the API server rejects, an unknown query variable), or null
 * @param target the target Deployment, or null when it does not exist
 * @param canary the canary Deployment, or null when it does not exist
 * @param analysis the result of an analysis tick run for this decision, or null when none was due;
 *     in Pending, the pre-flight run of the queries (with no canary pods yet)
 * @param freeze who froze launches and why (e.g. {@code namespace shop: incident INC-42}), or null
 */
public record Observation(
    Instant now,
    String revision,
    String specError,
    TargetView target,
    CanaryView canary,
    AnalysisOutcome analysis,
    String freeze) {

  boolean frozen() {
    return freeze != null;
  }
}
