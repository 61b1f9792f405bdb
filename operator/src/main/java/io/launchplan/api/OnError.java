package io.launchplan.api;

/** What happens when Prometheus cannot answer: never promote without data. */
public enum OnError {
  Pause,
  Revert
}
