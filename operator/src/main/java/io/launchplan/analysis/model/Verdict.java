package io.launchplan.analysis.model;

/** What one analysis tick says about the launch, strongest first in {@link Analyzer}'s precedence. */
public enum Verdict {
  /** Nothing acts: the launch may go on (and be promoted when its window ends). */
  PASS,
  /** A Pause-action check acts: hold where the launch stands until it clears. */
  PAUSE,
  /** A Revert-action check acts: put everything back. */
  REVERT,
  /** A check has no answer (Prometheus unreachable, query rejected): the plan's {@code onError} decides. */
  ERROR
}
