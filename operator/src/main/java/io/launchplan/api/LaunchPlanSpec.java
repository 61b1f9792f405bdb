package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What to launch, onto which Deployment, and how to judge it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LaunchPlanSpec implements UnknownFields {
  /** Fields of a newer CRD this operator does not know (see {@link UnknownFields}); never serialized. */
  @JsonIgnore
  private final List<String> unknownFields = new ArrayList<>();

  /** A DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit. */
  public static final String LANE_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  @Required
  private TargetRef targetRef;

  /**
   * A strategic-merge patch over the target's pod template (PodTemplateSpec shape; containers
   * are matched by name). Kept schemaless here on purpose: the API server validates the merged
   * result with a dry run, which knows the real PodTemplateSpec schema.
   */
  @Required
  @SchemaFrom(type = PodTemplatePatchSchema.class)
  @ValidationRule(value = "has(self.metadata) || has(self.spec)",
      message = "template must set metadata and/or spec of the pod template")
  private JsonNode template;

  private CanarySpec canary;
  private RolloutSpec rollout;
  private AnalysisSpec analysis;
  private NotifySpec notify;
  /** What the operator does around a launch (issue 17: suspendCronJobs). */
  private LaunchHooks hooks;

  /** Pauses the launch where it stands; removing it resumes (the observation window restarts). */
  private Boolean paused;

  /** Launches in one lane run one at a time, first come first served. Default: the namespace. */
  @Pattern(LANE_PATTERN)
  @Size(max = 63)
  private String lane;

  /** Quiet period in the lane after this plan's launch ends, before the next one starts. */
  @Pattern(Durations.PATTERN)
  @Size(min = Durations.MIN_LENGTH, max = Durations.MAX_LENGTH)
  @ValidationRule(value = Durations.WINDOW_RULE, message = Durations.WINDOW_MESSAGE)
  private String cooldown;

  /** Skips the lane wait, the cooldown and freezes (recorded loudly); never the canary or the analysis. */
  private Boolean emergency;

  /** Why this is an emergency; a LaunchPolicy may require it ({@code emergency.requireReason}). */
  @Size(max = 1024)
  private String emergencyReason;

  /** The problem analysis a relaunch after a revert needs. */
  private PostmortemSpec postmortem;

  /**
   * LaunchApprovals this plan asks for, on top of its LaunchPolicies' (it can only add: every
   * requirement must hold).
   */
  @Size(max = 16)
  private List<ApprovalRequirement> approvals;

  public TargetRef getTargetRef() { return targetRef; }
  public void setTargetRef(TargetRef targetRef) { this.targetRef = targetRef; }
  public JsonNode getTemplate() { return template; }
  public void setTemplate(JsonNode template) { this.template = template; }
  public CanarySpec getCanary() { return canary; }
  public void setCanary(CanarySpec canary) { this.canary = canary; }
  public RolloutSpec getRollout() { return rollout; }
  public void setRollout(RolloutSpec rollout) { this.rollout = rollout; }
  public AnalysisSpec getAnalysis() { return analysis; }
  public void setAnalysis(AnalysisSpec analysis) { this.analysis = analysis; }
  public NotifySpec getNotify() { return notify; }
  public void setNotify(NotifySpec notify) { this.notify = notify; }
  public LaunchHooks getHooks() { return hooks; }
  public void setHooks(LaunchHooks hooks) { this.hooks = hooks; }
  public Boolean getPaused() { return paused; }
  public void setPaused(Boolean paused) { this.paused = paused; }

  public String getLane() { return lane; }
  public void setLane(String lane) { this.lane = lane; }
  public String getCooldown() { return cooldown; }
  public void setCooldown(String cooldown) { this.cooldown = cooldown; }
  public Boolean getEmergency() { return emergency; }
  public void setEmergency(Boolean emergency) { this.emergency = emergency; }
  public String getEmergencyReason() { return emergencyReason; }
  public void setEmergencyReason(String emergencyReason) { this.emergencyReason = emergencyReason; }
  public PostmortemSpec getPostmortem() { return postmortem; }
  public void setPostmortem(PostmortemSpec postmortem) { this.postmortem = postmortem; }

  public List<ApprovalRequirement> getApprovals() { return approvals; }
  public void setApprovals(List<ApprovalRequirement> approvals) { this.approvals = approvals; }
  public List<ApprovalRequirement> approvalsOrEmpty() { return approvals != null ? approvals : List.of(); }

  /** Null-safe view of {@code emergency}. */
  public boolean emergency() { return Boolean.TRUE.equals(emergency); }
  /** The cooldown; zero when unset. */
  public Duration cooldownOrZero() { return Durations.window(cooldown, Duration.ZERO); }
  /** Null-safe view of {@code paused}. */
  public boolean paused() { return Boolean.TRUE.equals(paused); }
  /** Null-safe view of {@code canary}. */
  public CanarySpec canaryOrDefault() { return canary != null ? canary : new CanarySpec(); }
  /** Null-safe view of {@code rollout}. */
  public RolloutSpec rolloutOrDefault() { return rollout != null ? rollout : new RolloutSpec(); }
  /** Null-safe view of {@code analysis}. */
  public AnalysisSpec analysisOrDefault() { return analysis != null ? analysis : new AnalysisSpec(); }
  /** Null-safe view of {@code notify}. */
  public NotifySpec notifyOrDefault() { return notify != null ? notify : new NotifySpec(); }

  @Override
  public List<String> unknownFields() { return unknownFields; }
}
