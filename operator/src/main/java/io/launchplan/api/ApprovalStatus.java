package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One LaunchApproval naming the plan, as the operator judged it while the launch waited: who
 * approved, when, and whether it counts (and why not).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApprovalStatus {
  private String name;
  private ApprovalPurpose purpose;
  private String approver;
  private String revision;
  /** When it was created (RFC 3339), by the API server's clock. */
  private String approvedAt;
  private Boolean counts;
  /** Why it does not count (another revision, expired, an approver no requirement accepts). */
  private String reason;

  public ApprovalStatus() {}
  public ApprovalStatus(String name, ApprovalPurpose purpose, String approver, String revision, String approvedAt,
      boolean counts, String reason) {
    this.name = name;
    this.purpose = purpose;
    this.approver = approver;
    this.revision = revision;
    this.approvedAt = approvedAt;
    this.counts = counts;
    this.reason = reason;
  }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public ApprovalPurpose getPurpose() { return purpose; }
  public void setPurpose(ApprovalPurpose purpose) { this.purpose = purpose; }
  public String getApprover() { return approver; }
  public void setApprover(String approver) { this.approver = approver; }
  public String getRevision() { return revision; }
  public void setRevision(String revision) { this.revision = revision; }
  public String getApprovedAt() { return approvedAt; }
  public void setApprovedAt(String approvedAt) { this.approvedAt = approvedAt; }
  public Boolean getCounts() { return counts; }
  public void setCounts(Boolean counts) { this.counts = counts; }
  public String getReason() { return reason; }
  public void setReason(String reason) { this.reason = reason; }
}
