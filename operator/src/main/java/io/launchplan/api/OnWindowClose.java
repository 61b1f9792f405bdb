package io.launchplan.api;

/** What a launch under way does when its launch window closes. */
public enum OnWindowClose {
  /** It goes on to its end: a half-done launch is the riskiest state to leave overnight. */
  Finish,
  /** It pauses where it stands (as under a freeze) and resumes when a window opens again. */
  Pause
}
