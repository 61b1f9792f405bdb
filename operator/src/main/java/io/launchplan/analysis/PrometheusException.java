package io.launchplan.analysis;

/**
 * A query that produced no usable answer. The {@link Kind} tells the caller whether Prometheus
 * could not be reached, refused the query, or answered something unreadable; the message is
 * written to be shown as-is in a condition or event.
 */
public class PrometheusException extends Exception {
  /** Why the query has no answer. */
  public enum Kind {
    /** No answer: connection refused, timeout, or an HTTP 5xx from Prometheus or a proxy. */
    UNREACHABLE,
    /** Prometheus answered {@code status: error} (e.g. {@code bad_data} for a PromQL syntax error). */
    REJECTED,
    /** An answer that is not a Prometheus query result (wrong URL, proxy page, garbage, too large). */
    BAD_RESPONSE,
    /**
     * A query result of a type analysis cannot use: a scalar (always one value, so it would always
     * fire), a range vector or a string. Only an instant vector says "fires" by having series.
     */
    NOT_A_VECTOR,
    /**
     * No query was sent: the connection the plan describes cannot be set up (a Secret or key that is
     * missing or unreadable, a CA that is no certificate). The message names what is missing.
     */
    CONNECTION_SETUP
  }

  private static final long serialVersionUID = 1L;

  private final Kind kind;
  private final String errorType;
  private final int httpStatus;

  /**
   * @param kind why the query has no answer
   * @param message the text to show; for {@link Kind#REJECTED} Prometheus' own {@code error} text
   *     (verbatim up to {@link PrometheusResponses#MAX_ECHO} characters)
   * @param errorType Prometheus' {@code errorType} (e.g. {@code bad_data}), or null
   * @param httpStatus the HTTP status Prometheus answered with, or 0 when nothing answered
   * @param cause the underlying I/O or parse failure, or null
   */
  public PrometheusException(Kind kind, String message, String errorType, int httpStatus, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.errorType = errorType;
    this.httpStatus = httpStatus;
  }

  public Kind kind() { return kind; }

  /** Prometheus' {@code errorType}, e.g. {@code bad_data}, {@code execution}, {@code timeout}; null if none. */
  public String errorType() { return errorType; }

  /** The HTTP status of the answer; 0 when no HTTP answer arrived at all (connect failure, timeout). */
  public int httpStatus() { return httpStatus; }

  /**
   * Whether nothing answered at all. Further queries to the same Prometheus in the same tick would
   * only wait for the same timeout, so callers stop sending them.
   */
  public boolean noAnswer() { return (kind == Kind.UNREACHABLE && httpStatus == 0) || kind == Kind.CONNECTION_SETUP; }
}
