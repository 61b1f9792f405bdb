package io.launchplan.api;

/** Where in a launch a Job or web check runs. */
public enum CheckPoint {
  /** Before the canary is created: a failure keeps the launch Pending and nothing changes. */
  PreCanary,
  /** Against the canary once it is ready (during Observing): promotion waits for it. */
  Canary,
  /** After the full rollout (during Verifying): success waits for it. */
  Verifying
}
