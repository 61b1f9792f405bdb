package io.launchplan.launch;

/**
 * A change to the cluster that a decision asks for. Each is idempotent: {@code cluster.Actuator}
 * applies it with server-side apply or only when the cluster does not already show it done.
 */
public enum Effect {
  /** Keep the target's current pod template so a revert can restore it. */
  SAVE_STABLE_TEMPLATE,
  /** Create (or re-apply) the canary Deployment for the plan's revision. */
  APPLY_CANARY,
  /** Patch the target's pod template with {@code spec.template}. */
  PATCH_TARGET,
  /** Delete the canary Deployment. */
  DELETE_CANARY,
  /** Put the kept pod template back on the target. */
  RESTORE_TARGET,
  // Job checks (issue 17).
  /** Create the Jobs of the Job checks at the launch's point that have not run for this revision. */
  RUN_CHECK_JOBS,
  /** Delete the plan's check Jobs of other revisions (a new launch starts). */
  CLEAN_CHECK_JOBS
}
