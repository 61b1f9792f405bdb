package io.launchplan.api;

import java.util.Objects;

/** Ready and desired pods of the canary Deployment; {@code summary} is "ready/desired". */
public class CanaryStatus {
  private Integer ready;
  private Integer desired;
  private String summary;

  public CanaryStatus() {}
  public CanaryStatus(int ready, int desired) {
    this.ready = ready;
    this.desired = desired;
    this.summary = ready + "/" + desired;
  }
  public Integer getReady() { return ready; }
  public void setReady(Integer ready) { this.ready = ready; }
  public Integer getDesired() { return desired; }
  public void setDesired(Integer desired) { this.desired = desired; }
  public String getSummary() { return summary; }
  public void setSummary(String summary) { this.summary = summary; }

  @Override public boolean equals(Object o) {
    return o instanceof CanaryStatus c && Objects.equals(ready, c.ready)
        && Objects.equals(desired, c.desired) && Objects.equals(summary, c.summary);
  }
  @Override public int hashCode() { return Objects.hash(ready, desired, summary); }
}
