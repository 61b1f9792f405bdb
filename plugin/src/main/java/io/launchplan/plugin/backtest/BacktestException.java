package io.launchplan.plugin.backtest;

/** Why a backtest has no answer for a check (or for any): each kind has its own exit code (docs/plugin.md). */
public final class BacktestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** Prometheus answered with an error for the query (its {@code errorType: error} is the message). */
    REJECTED,
    /** No answer: connection refused, unknown host, timeout, or an answer that is not Prometheus' JSON. */
    UNREACHABLE
  }

  private final Kind kind;

  public BacktestException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
