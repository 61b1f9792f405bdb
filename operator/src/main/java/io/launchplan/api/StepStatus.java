package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Where a launch with {@code canary.steps} stands among them: step 0 is the first canary
 * ({@code canary.replicas}), steps 1..total are {@code canary.steps}; {@code summary} is
 * "current/total" (the STEP column); {@code startedAt} is when the step began (its canary being
 * scaled); {@code replicas} the canary's size the step asks for now (a percent step follows the
 * target's current replicas). Absent for a plan without steps.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepStatus {
  private Integer current;
  private Integer total;
  private String summary;
  private Integer replicas;
  private String startedAt;

  public StepStatus() {}

  public StepStatus(int current, int total, int replicas, String startedAt) {
    this.current = current;
    this.total = total;
    this.summary = current + "/" + total;
    this.replicas = replicas;
    this.startedAt = startedAt;
  }

  public Integer getCurrent() { return current; }
  public void setCurrent(Integer current) { this.current = current; }
  public Integer getTotal() { return total; }
  public void setTotal(Integer total) { this.total = total; }
  public String getSummary() { return summary; }
  public void setSummary(String summary) { this.summary = summary; }
  public Integer getReplicas() { return replicas; }
  public void setReplicas(Integer replicas) { this.replicas = replicas; }
  public String getStartedAt() { return startedAt; }
  public void setStartedAt(String startedAt) { this.startedAt = startedAt; }

  @Override public boolean equals(Object o) {
    return o instanceof StepStatus s && Objects.equals(current, s.current) && Objects.equals(total, s.total)
        && Objects.equals(summary, s.summary) && Objects.equals(replicas, s.replicas)
        && Objects.equals(startedAt, s.startedAt);
  }
  @Override public int hashCode() { return Objects.hash(current, total, summary, replicas, startedAt); }
}
