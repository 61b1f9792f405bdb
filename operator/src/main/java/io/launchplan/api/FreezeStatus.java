package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The incident freeze that holds the plan: who or what set it, why, and since when. {@code since}
 * stays as it was while the same freeze ({@code by} and {@code reason}) persists, across
 * reconciles and operator restarts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FreezeStatus {
  /** The source, e.g. {@code namespace shop}, {@code cluster config launchplan-system/launchplan-operator-config}, {@code alert IncidentOpen{severity="critical"}}. */
  private String by;
  private String reason;
  /** RFC 3339. */
  private String since;

  public FreezeStatus() {}

  public FreezeStatus(String by, String reason, String since) {
    this.by = by;
    this.reason = reason;
    this.since = since;
  }

  public String getBy() { return by; }
  public void setBy(String by) { this.by = by; }
  public String getReason() { return reason; }
  public void setReason(String reason) { this.reason = reason; }
  public String getSince() { return since; }
  public void setSince(String since) { this.since = since; }

  @Override public boolean equals(Object o) {
    return o instanceof FreezeStatus f && Objects.equals(by, f.by) && Objects.equals(reason, f.reason)
        && Objects.equals(since, f.since);
  }

  @Override public int hashCode() { return Objects.hash(by, reason, since); }

  @Override public String toString() { return by + ": " + reason + " (since " + since + ")"; }
}
