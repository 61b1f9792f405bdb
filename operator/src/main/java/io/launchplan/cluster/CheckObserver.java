package io.launchplan.cluster;

import io.launchplan.analysis.WebChecks;
import io.launchplan.api.AnalysisSpec;
import io.launchplan.api.CheckPoint;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.WebCheck;
import io.launchplan.launch.CheckFindings;
import io.launchplan.launch.CheckFindings.WebFinding;
import io.launchplan.launch.CheckFindings.WebResult;
import io.launchplan.launch.CheckGate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a plan's Job and web checks at the launch's point ({@link CheckGate#pointOf}; PreCanary for
 * a launch that may start) for the {@link io.launchplan.launch.Observation}: each Job check's Job
 * from the API server, and each web check's answer when this reconcile runs an analysis tick.
 */
final class CheckObserver {
  private final JobChecks jobs;
  private final WebChecks web;

  CheckObserver(JobChecks jobs, WebChecks web) {
    this.jobs = jobs;
    this.web = web;
  }

  CheckFindings observe(LaunchPlan plan, LaunchPlanStatus status, String revision, boolean launching, boolean tick) {
    AnalysisSpec analysis = plan.getSpec().analysisOrDefault();
    if (analysis.jobsOrEmpty().isEmpty() && analysis.webOrEmpty().isEmpty()) {
      return CheckFindings.NONE;
    }
    CheckPoint point = launching ? CheckPoint.PreCanary : CheckGate.pointOf(status);
    String launched = launching ? revision : status.getRevision();
    if (point == null || launched == null) {
      return CheckFindings.NONE;
    }
    List<WebCheck> due = tick ? analysis.webOrEmpty().stream().filter(w -> w.getAt() == point).toList() : List.of();
    Map<String, WebFinding> answers = new LinkedHashMap<>();
    web.run(due, variables(plan, launched)).forEach((name, a) -> answers.put(name, new WebFinding(switch (a.result()) {
      case PASSED -> WebResult.Passed;
      case FAILED -> WebResult.Failed;
      case NO_ANSWER -> WebResult.NoAnswer;
    }, a.message())));
    return new CheckFindings(jobs.find(plan, point, launched), answers);
  }

  private static Map<String, String> variables(LaunchPlan plan, String revision) {
    String target = plan.getSpec().getTargetRef().getName();
    return Map.of("namespace", plan.getMetadata().getNamespace(), "target", target, "canary", Labels.canaryName(target),
        "revision", Objects.requireNonNull(revision), "plan", plan.getMetadata().getName());
  }
}
