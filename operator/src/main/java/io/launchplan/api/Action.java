package io.launchplan.api;

/** What a firing query or alert does to the launch. */
public enum Action {
  /** Stop and put everything back as it was before the launch. */
  Revert,
  /** Hold where the launch stands; resume (restarting the observation window) when it clears. */
  Pause
}
