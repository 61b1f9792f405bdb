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
 * from the API server, and each web check's answer when this reconcile runs an analysis tick, its
 * connection (auth, TLS, header Secrets) resolved in the plan's namespace by the shared
 * {@link HttpConnections}, so a rotated Secret is used from the next tick on.
 */
final class CheckObserver {
  private final JobChecks jobs;
  private final WebChecks web;
  private final HttpConnections connections;

  CheckObserver(JobChecks jobs, WebChecks web, HttpConnections connections) {
    this.jobs = jobs;
    this.web = web;
    this.connections = connections;
  }

  /**
   * Why a web check of a launch that may start could not be sent once it is due: its connection
   * cannot be set up (a Secret or key missing or not readable), or null. Asked before the launch
   * starts, so a check of a later point (Canary, Verifying) holds it in Pending, not mid-launch.
   */
  String connectionProblem(LaunchPlan plan) {
    String namespace = plan.getMetadata().getNamespace();
    for (WebCheck check : plan.getSpec().analysisOrDefault().webOrEmpty()) {
      try {
        connections.resolve(check.connection(v -> v), owner(namespace, check));
      } catch (HttpConnections.Unresolvable e) {
        return e.getMessage() + "; no request was sent";
      }
    }
    return null;
  }

  private WebChecks.Connections connections(String namespace) {
    return (check, connection) -> {
      try {
        return connections.resolve(connection, owner(namespace, check));
      } catch (HttpConnections.Unresolvable e) {
        throw new WebChecks.CannotSend(e.getMessage(), e);
      }
    };
  }

  private static HttpConnections.Owner owner(String namespace, WebCheck check) {
    return new HttpConnections.Owner(namespace, "spec.analysis.web[" + check.getName() + "].");
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
    web.run(due, variables(plan, launched), connections(plan.getMetadata().getNamespace())).forEach((name, a) ->
        answers.put(name, new WebFinding(switch (a.result()) {
          case PASSED -> WebResult.Passed;
          case FAILED -> WebResult.Failed;
          case NO_ANSWER -> WebResult.NoAnswer;
          case CANNOT_SEND -> WebResult.CannotSend;
        }, a.message())));
    return new CheckFindings(jobs.find(plan, point, launched), answers);
  }

  /** The variables of a web check's URL, headers and body. */
  static Map<String, String> variables(LaunchPlan plan, String revision) {
    String target = plan.getSpec().getTargetRef().getName();
    return Map.of("namespace", plan.getMetadata().getNamespace(), "target", target, "canary", Labels.canaryName(target),
        "revision", Objects.requireNonNull(revision), "plan", plan.getMetadata().getName());
  }
}
