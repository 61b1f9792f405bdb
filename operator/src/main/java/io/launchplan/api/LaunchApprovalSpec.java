package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * One person's approval of one revision of one LaunchPlan in the approval's own namespace (there is
 * no namespace field: an approval can only name a plan beside it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LaunchApprovalSpec {
  /** The LaunchPlan approved, in the approval's namespace. */
  @Required
  @Size(min = 1, max = LaunchPlan.MAX_NAME_LENGTH)
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  private String planName;

  /**
   * The revision approved ({@code status.revision}, the hash of {@code spec.template}); for a
   * {@code Postmortem}, the reverted revision ({@code status.lastRevertedRevision}).
   */
  @Required
  @Size(min = 1, max = 64)
  @Pattern("^[a-z0-9]+$")
  private String revision;

  @Required
  private ApprovalPurpose purpose;

  @Size(max = 1024)
  private String comment;

  @Required
  private ApproverSpec approver;

  public String getPlanName() { return planName; }
  public void setPlanName(String planName) { this.planName = planName; }
  public String getRevision() { return revision; }
  public void setRevision(String revision) { this.revision = revision; }
  public ApprovalPurpose getPurpose() { return purpose; }
  public void setPurpose(ApprovalPurpose purpose) { this.purpose = purpose; }
  public String getComment() { return comment; }
  public void setComment(String comment) { this.comment = comment; }
  public ApproverSpec getApprover() { return approver; }
  public void setApprover(ApproverSpec approver) { this.approver = approver; }
}
