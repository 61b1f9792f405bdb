package io.launchplan.launch;

/**
 * The canary Deployment as the decision needs to see it.
 *
 * @param revision the launch revision the canary was built for
 * @param desired desired replicas
 * @param ready ready replicas of the canary's current template
 * @param step the canary step it was applied for (the {@code launchplan.io/step} annotation; 0 is
 *     the first canary), or -1 when it carries none
 */
public record CanaryView(String revision, int desired, int ready, int step) {
  /** A canary without a step stamp. */
  public CanaryView(String revision, int desired, int ready) {
    this(revision, desired, ready, -1);
  }
}
