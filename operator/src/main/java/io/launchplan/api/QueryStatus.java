package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** The last result of one analysis query or alert selector. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QueryStatus {
  private String name;
  /** The first sample's value, as Prometheus printed it; absent when the query returned nothing. */
  private String value;
  private Boolean firing;
  /** When the query started firing without a break; the {@code for} duration counts from here. */
  private String since;
  /** Prometheus' own error text when the query failed. */
  private String error;
  /** {@code Shadow} for a check that never acts; absent for one that does. */
  private CheckMode mode;
  /** What a shadow check would have done (Revert or Pause) had it been enforced; absent while it never would have. */
  private Action wouldHave;
  /** When a shadow check first would have acted in this launch; kept once set. */
  private String wouldHaveAt;

  public QueryStatus() {}
  public QueryStatus(String name, String value, boolean firing, String since, String error) {
    this.name = name;
    this.value = value;
    this.firing = firing;
    this.since = since;
    this.error = error;
  }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getValue() { return value; }
  public void setValue(String value) { this.value = value; }
  public Boolean getFiring() { return firing; }
  public void setFiring(Boolean firing) { this.firing = firing; }
  public String getSince() { return since; }
  public void setSince(String since) { this.since = since; }
  public String getError() { return error; }
  public void setError(String error) { this.error = error; }

  public CheckMode getMode() { return mode; }
  public void setMode(CheckMode mode) { this.mode = mode; }
  public Action getWouldHave() { return wouldHave; }
  public void setWouldHave(Action wouldHave) { this.wouldHave = wouldHave; }
  public String getWouldHaveAt() { return wouldHaveAt; }
  public void setWouldHaveAt(String wouldHaveAt) { this.wouldHaveAt = wouldHaveAt; }


  public boolean firing() { return Boolean.TRUE.equals(firing); }
  /** Whether this is a shadow check's entry. */
  public boolean shadow() { return mode == CheckMode.Shadow; }

  @Override public boolean equals(Object o) {
    return o instanceof QueryStatus q && Objects.equals(name, q.name) && Objects.equals(value, q.value)
        && Objects.equals(firing, q.firing) && Objects.equals(since, q.since) && Objects.equals(error, q.error)
        && mode == q.mode && wouldHave == q.wouldHave && Objects.equals(wouldHaveAt, q.wouldHaveAt);
  }
  @Override public int hashCode() { return Objects.hash(name, value, firing, since, error, mode, wouldHave, wouldHaveAt); }
}
