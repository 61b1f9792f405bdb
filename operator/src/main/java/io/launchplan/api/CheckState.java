package io.launchplan.api;

/** Where a Job or web check stands. */
public enum CheckState {
  /** The Job runs (a web check is never Running: it answers within its timeout or not at all). */
  Running,
  Passed,
  /** The Job failed, or the answer was wrong: the check's action applies. */
  Failed,
  /** No result within the timeout: the launch pauses, never promoting blind. */
  Inconclusive,
  /**
   * The check could not be run at all (a web check's Secret or key missing or not readable, its URL
   * not allowed): like Inconclusive it holds the launch (Pending, or Paused), with reason AnalysisError.
   */
  Error
}
