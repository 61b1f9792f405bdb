package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Whether a LaunchPolicy's own launch windows let covered launches start now, and until when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyWindowStatus {
  /** {@code Open} while launches may start (always, for a policy without windows), else {@code Closed}. */
  private String state;
  /** Why: the Deny window that is open, or that no Allow window is; absent when it has no windows. */
  private String reason;
  /** RFC 3339: when {@code state} next changes; absent when it does not within a year. */
  private String nextChange;

  public PolicyWindowStatus() {}

  public PolicyWindowStatus(String state, String reason, String nextChange) {
    this.state = state;
    this.reason = reason;
    this.nextChange = nextChange;
  }

  public String getState() { return state; }
  public void setState(String state) { this.state = state; }
  public String getReason() { return reason; }
  public void setReason(String reason) { this.reason = reason; }
  public String getNextChange() { return nextChange; }
  public void setNextChange(String nextChange) { this.nextChange = nextChange; }

  @Override public boolean equals(Object o) {
    return o instanceof PolicyWindowStatus w && Objects.equals(state, w.state) && Objects.equals(reason, w.reason)
        && Objects.equals(nextChange, w.nextChange);
  }

  @Override public int hashCode() { return Objects.hash(state, reason, nextChange); }
}
