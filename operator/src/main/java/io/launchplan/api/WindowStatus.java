package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** The launch window that keeps a plan waiting, and when the next one opens. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WindowStatus {
  /** The policy whose window it is. */
  private String policy;
  /** The window's reason, or what is closed (e.g. {@code outside every Allow window}). */
  private String reason;
  /** RFC 3339: when launches may start again; absent when no window opens within a year. */
  private String nextOpen;

  public WindowStatus() {}

  public WindowStatus(String policy, String reason, String nextOpen) {
    this.policy = policy;
    this.reason = reason;
    this.nextOpen = nextOpen;
  }

  public String getPolicy() { return policy; }
  public void setPolicy(String policy) { this.policy = policy; }
  public String getReason() { return reason; }
  public void setReason(String reason) { this.reason = reason; }
  public String getNextOpen() { return nextOpen; }
  public void setNextOpen(String nextOpen) { this.nextOpen = nextOpen; }

  @Override public boolean equals(Object o) {
    return o instanceof WindowStatus w && Objects.equals(policy, w.policy) && Objects.equals(reason, w.reason)
        && Objects.equals(nextOpen, w.nextOpen);
  }

  @Override public int hashCode() { return Objects.hash(policy, reason, nextOpen); }
}
