package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** What to launch, onto which Deployment, and how to judge it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LaunchPlanSpec {
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

  /** Pauses the launch where it stands; removing it resumes (the observation window restarts). */
  private Boolean paused;

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
  public Boolean getPaused() { return paused; }
  public void setPaused(Boolean paused) { this.paused = paused; }

  /** Null-safe view of {@code paused}. */
  public boolean paused() { return Boolean.TRUE.equals(paused); }
  /** Null-safe view of {@code canary}. */
  public CanarySpec canaryOrDefault() { return canary != null ? canary : new CanarySpec(); }
  /** Null-safe view of {@code rollout}. */
  public RolloutSpec rolloutOrDefault() { return rollout != null ? rollout : new RolloutSpec(); }
  /** Null-safe view of {@code analysis}. */
  public AnalysisSpec analysisOrDefault() { return analysis != null ? analysis : new AnalysisSpec(); }
}
