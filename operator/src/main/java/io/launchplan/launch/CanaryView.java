package io.launchplan.launch;

/**
 * The canary Deployment as the decision needs to see it.
 *
 * @param revision the launch revision the canary was built for
 * @param desired desired replicas
 * @param ready ready replicas of the canary's current template
 */
public record CanaryView(String revision, int desired, int ready) {}
