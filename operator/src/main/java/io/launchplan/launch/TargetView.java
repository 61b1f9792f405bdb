package io.launchplan.launch;

/**
 * The target Deployment as the decision needs to see it.
 *
 * @param replicas desired replicas ({@code spec.replicas})
 * @param templateHash hash of the stored pod template ({@link Revisions#templateHash})
 * @param launchedRevision the {@code launchplan.io/revision} annotation on the pod template, the
 *     operator's stamp on a template it patched; null when absent
 * @param rolledOut the Deployment controller has observed the latest spec and every replica is
 *     updated and available, with no old replicas left
 * @param paused the Deployment's {@code spec.paused}: its rolling update does not progress
 * @param templateWriter the newest writer of its pod template other than the operator, by
 *     managedFields, or null when none is recorded
 * @param unstampedHash hash of the pod template without the operator's {@code launchplan.io/revision}
 *     stamp (a GitOps sync of the Deployment's Git copy leaves the stamp, which Git does not set)
 */
public record TargetView(int replicas, String templateHash, String launchedRevision, boolean rolledOut,
    boolean paused, TemplateWriter templateWriter, String unstampedHash) {
  /** A target whose managedFields name no other writer of its template. */
  public TargetView(int replicas, String templateHash, String launchedRevision, boolean rolledOut, boolean paused) {
    this(replicas, templateHash, launchedRevision, rolledOut, paused, null, templateHash);
  }
}
