package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the launch stands. Everything the operator needs to continue after a restart lives here:
 * the phase and when it started (never rewritten once set), whether the target was already
 * patched, and the hash of the target's template after the operator's own last write.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LaunchPlanStatus {
  private Phase phase;
  private Long observedGeneration;
  /** Hash of the launched spec.template. */
  private String revision;
  /** Hash of the target's pod template before this launch. */
  private String stableRevision;
  private CanaryStatus canary;
  private String phaseStartedAt;
  private String launchStartedAt;
  /** Why the launch waits, pauses or ended (mirrors the Progressing/Paused condition). */
  private String reason;
  private String message;
  /** The phase a Paused launch resumes to. */
  private Phase pausedFrom;
  /** Hash of the target's pod template as the operator last left it; a change is someone else's edit. */
  private String targetTemplateHash;
  /** When the analysis last ran, so a restarted operator keeps the tick schedule. */
  private String lastAnalysisAt;
  /** When a revert was decided, for the detect-to-revert measurement. */
  private String revertDecidedAt;
  /** When the plan entered Pending with its current revision: its place in the lane's queue. */
  private String queuedAt;
  /** When the plan's last launch ended (Succeeded or Reverted): the lane's cooldown counts from here. */
  private String endedAt;
  /** The revision of the last launch that ended Reverted: the next revision owes a postmortem for it. */
  private String lastRevertedRevision;
  /** The reverted revision whose postmortem was accepted; the gate is open while it equals lastRevertedRevision. */
  private String postmortemAcceptedFor;
  /** The last {@code launchplan.io/promote} value handled (applied or ignored), so each value acts once. */
  private String handledPromote;
  /** The last {@code launchplan.io/abort} value handled (applied or ignored), so each value acts once. */
  private String handledAbort;
  /** The incident freeze holding the plan (bypassed when spec.emergency), or absent. */
  private FreezeStatus freeze;
  /**
   * The {@code at} of the newest history entry whose webhook notices were delivered or given up on
   * (entries that need no notice count as done); the entries after it are (re)sent after a restart.
   * {@code 1970-01-01T00:00:00Z}: none yet. Only on plans with {@code spec.notify.webhooks}.
   */
  private String notifiedThrough;
  /**
   * The LaunchPolicies that cover the plan, by name: while Pending, those that cover it now; from the
   * launch's start on, those that covered it then (a policy created later holds the next launch only).
   */
  private List<String> policies;
  /** The launch window that keeps the plan Pending, and when launches may start again; absent otherwise. */
  private WindowStatus window;
  /** The LaunchApprovals naming the plan, as judged for its launch (approvals): who, when, whether each counts. */
  private List<ApprovalStatus> approvals;
  // Staged canary steps (issue 16).
  /** Where a launch with canary.steps stands among them; absent for a plan without steps. */
  private StepStatus step;
  /** GitOps drift (issue 16): who changed the target's template under the launch; absent while nobody did. */
  private DriftStatus drift;
  private List<Condition> conditions = new ArrayList<>();
  private List<QueryStatus> analysis = new ArrayList<>();
  /** The Job and web checks of the launch's revision (issue 17). */
  private List<CheckStatus> checks;
  /** The CronJobs {@code hooks.suspendCronJobs} holds suspended for this launch (issue 17). */
  private List<String> suspendedCronJobs;
  private List<HistoryEntry> history = new ArrayList<>();

  public Phase getPhase() { return phase; }
  public void setPhase(Phase phase) { this.phase = phase; }
  public Long getObservedGeneration() { return observedGeneration; }
  public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
  public String getRevision() { return revision; }
  public void setRevision(String revision) { this.revision = revision; }
  public String getStableRevision() { return stableRevision; }
  public void setStableRevision(String stableRevision) { this.stableRevision = stableRevision; }
  public CanaryStatus getCanary() { return canary; }
  public void setCanary(CanaryStatus canary) { this.canary = canary; }
  public String getPhaseStartedAt() { return phaseStartedAt; }
  public void setPhaseStartedAt(String phaseStartedAt) { this.phaseStartedAt = phaseStartedAt; }
  public String getLaunchStartedAt() { return launchStartedAt; }
  public void setLaunchStartedAt(String launchStartedAt) { this.launchStartedAt = launchStartedAt; }
  public String getReason() { return reason; }
  public void setReason(String reason) { this.reason = reason; }
  public String getMessage() { return message; }
  public void setMessage(String message) { this.message = message; }
  public Phase getPausedFrom() { return pausedFrom; }
  public void setPausedFrom(Phase pausedFrom) { this.pausedFrom = pausedFrom; }
  public String getTargetTemplateHash() { return targetTemplateHash; }
  public void setTargetTemplateHash(String targetTemplateHash) { this.targetTemplateHash = targetTemplateHash; }
  public String getLastAnalysisAt() { return lastAnalysisAt; }
  public void setLastAnalysisAt(String lastAnalysisAt) { this.lastAnalysisAt = lastAnalysisAt; }
  public String getRevertDecidedAt() { return revertDecidedAt; }
  public void setRevertDecidedAt(String revertDecidedAt) { this.revertDecidedAt = revertDecidedAt; }
  public String getQueuedAt() { return queuedAt; }
  public void setQueuedAt(String queuedAt) { this.queuedAt = queuedAt; }
  public String getEndedAt() { return endedAt; }
  public void setEndedAt(String endedAt) { this.endedAt = endedAt; }
  public String getLastRevertedRevision() { return lastRevertedRevision; }
  public void setLastRevertedRevision(String lastRevertedRevision) { this.lastRevertedRevision = lastRevertedRevision; }
  public String getPostmortemAcceptedFor() { return postmortemAcceptedFor; }
  public void setPostmortemAcceptedFor(String postmortemAcceptedFor) { this.postmortemAcceptedFor = postmortemAcceptedFor; }
  public String getHandledPromote() { return handledPromote; }
  public void setHandledPromote(String handledPromote) { this.handledPromote = handledPromote; }
  public String getHandledAbort() { return handledAbort; }
  public void setHandledAbort(String handledAbort) { this.handledAbort = handledAbort; }
  public FreezeStatus getFreeze() { return freeze; }
  public void setFreeze(FreezeStatus freeze) { this.freeze = freeze; }
  public String getNotifiedThrough() { return notifiedThrough; }
  public void setNotifiedThrough(String notifiedThrough) { this.notifiedThrough = notifiedThrough; }
  public List<String> getPolicies() { return policies; }
  public void setPolicies(List<String> policies) { this.policies = policies; }
  public WindowStatus getWindow() { return window; }
  public void setWindow(WindowStatus window) { this.window = window; }
  public List<ApprovalStatus> getApprovals() { return approvals; }
  public void setApprovals(List<ApprovalStatus> approvals) { this.approvals = approvals; }
  public StepStatus getStep() { return step; }
  public void setStep(StepStatus step) { this.step = step; }
  public DriftStatus getDrift() { return drift; }
  public void setDrift(DriftStatus drift) { this.drift = drift; }
  public List<Condition> getConditions() { return conditions; }
  public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
  public List<QueryStatus> getAnalysis() { return analysis; }
  public void setAnalysis(List<QueryStatus> analysis) { this.analysis = analysis; }
  public List<CheckStatus> getChecks() { return checks; }
  public void setChecks(List<CheckStatus> checks) { this.checks = checks; }
  public List<String> getSuspendedCronJobs() { return suspendedCronJobs; }
  public void setSuspendedCronJobs(List<String> suspendedCronJobs) { this.suspendedCronJobs = suspendedCronJobs; }
  public List<HistoryEntry> getHistory() { return history; }
  public void setHistory(List<HistoryEntry> history) { this.history = history; }

}
