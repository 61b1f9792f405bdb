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
 */
public record TargetView(int replicas, String templateHash, String launchedRevision, boolean rolledOut,
    boolean paused) {}
