package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * How many {@link LaunchApproval}s of one purpose a launch needs, and from whom: {@code count}
 * distinct approvers, each named in {@code users} or carrying one of {@code groups} (both empty:
 * anyone who may create approvals in the namespace), each created at most {@code validFor} ago
 * (absent: no expiry; an approval is always bound to one revision). On a LaunchPolicy
 * ({@code spec.approvals}) and on a LaunchPlan ({@code spec.approvals}, which only adds to the
 * policies'): every requirement must hold.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApprovalRequirement {
  public static final int DEFAULT_COUNT = 1;

  /**
   * Launch: every new revision; Postmortem: settling the postmortem owed after a revert (approvals
   * of the reverted revision); Emergency: before {@code spec.emergency} may bypass freezes, launch
   * windows, lanes and cooldowns.
   */
  @Required
  private ApprovalPurpose purpose;

  /** Distinct approvers needed. Default 1. */
  @Min(1)
  @Max(10)
  private Integer count;

  @Size(max = 16)
  private List<String> groups;

  @Size(max = 16)
  private List<String> users;

  @Pattern(Durations.PATTERN)
  @Size(min = Durations.MIN_LENGTH, max = Durations.MAX_LENGTH)
  @ValidationRule(value = Durations.WINDOW_RULE, message = Durations.WINDOW_MESSAGE)
  private String validFor;

  public ApprovalRequirement() {}
  public ApprovalRequirement(ApprovalPurpose purpose, Integer count, List<String> groups, List<String> users,
      String validFor) {
    this.purpose = purpose;
    this.count = count;
    this.groups = groups;
    this.users = users;
    this.validFor = validFor;
  }
  public ApprovalPurpose getPurpose() { return purpose; }
  public void setPurpose(ApprovalPurpose purpose) { this.purpose = purpose; }
  public Integer getCount() { return count; }
  public void setCount(Integer count) { this.count = count; }
  public List<String> getGroups() { return groups; }
  public void setGroups(List<String> groups) { this.groups = groups; }
  public List<String> getUsers() { return users; }
  public void setUsers(List<String> users) { this.users = users; }
  public String getValidFor() { return validFor; }
  public void setValidFor(String validFor) { this.validFor = validFor; }

  public int countOrDefault() { return count != null ? count : DEFAULT_COUNT; }
  public List<String> groupsOrEmpty() { return groups != null ? groups : List.of(); }
  public List<String> usersOrEmpty() { return users != null ? users : List.of(); }
}
