package io.launchplan.api;

/**
 * Where a launch stands.
 *
 * <pre>
 * Pending ──► Canary ──► Observing ──► RollingOut ──► Verifying ──► Succeeded
 *    │           └───────────┴──────┬───────┴──────────────┘
 *    │                              ▼
 *    │                 Paused (freeze, Pause-action query, spec.paused, onError)
 *    │                              │ resumes where it stood
 *    │                              ▼
 *    └──────────────────────► Reverting ──► Reverted
 * </pre>
 */
public enum Phase {
  Pending, Canary, Observing, RollingOut, Verifying, Paused, Reverting, Reverted, Succeeded;

  /** A launch in one of these phases holds the lane and has something running. */
  public boolean isActive() {
    return switch (this) {
      case Canary, Observing, RollingOut, Verifying, Paused, Reverting -> true;
      case Pending, Reverted, Succeeded -> false;
    };
  }

  /** The launch ended; only a new revision starts another. */
  public boolean isTerminal() {
    return this == Reverted || this == Succeeded;
  }

  /** Phases during which the analysis queries run. */
  public boolean isAnalysed() {
    return switch (this) {
      case Canary, Observing, RollingOut, Verifying -> true;
      default -> false;
    };
  }
}
