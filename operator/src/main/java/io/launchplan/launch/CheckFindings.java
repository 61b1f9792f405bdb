package io.launchplan.launch;

import java.time.Instant;
import java.util.Map;

/**
 * What one reconcile saw of the plan's Job and web checks at the launch's current point
 * ({@link CheckGate#pointOf}): the state of each Job check's Job, and the answer of each web check
 * sent in this reconcile's analysis tick. A check missing from both maps was not looked at.
 *
 * @param jobs by check name
 * @param web by check name; empty when no tick ran
 */
public record CheckFindings(Map<String, JobFinding> jobs, Map<String, WebFinding> web) {
  /** Nothing looked at. */
  public static final CheckFindings NONE = new CheckFindings(Map.of(), Map.of());

  public CheckFindings {
    jobs = Map.copyOf(jobs);
    web = Map.copyOf(web);
  }

  /** Where a Job check's Job stands. */
  public enum JobState { Absent, Running, Succeeded, Failed }

  /**
   * @param job the Job's name (deterministic per plan, check and revision)
   * @param state what the Job's status says
   * @param startedAt when the Job was created, or null when it is absent
   * @param message the Job's failure condition, or null
   * @param logs how to read its output ({@code kubectl logs -n <ns> job/<name>})
   */
  public record JobFinding(String job, JobState state, Instant startedAt, String message, String logs) {}

  /** What a web check's answer says; CannotSend: no request was sent (its connection or URL cannot be used). */
  public enum WebResult { Passed, Failed, NoAnswer, CannotSend }

  /** @param message one sentence: what came back, or why nothing did */
  public record WebFinding(WebResult result, String message) {}
}
