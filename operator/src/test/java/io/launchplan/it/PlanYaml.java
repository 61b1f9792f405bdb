package io.launchplan.it;

import io.launchplan.api.LaunchPlan;

/** A LaunchPlan for the {@code web} Deployment with the canary error-ratio query, variable per test. */
final class PlanYaml {
  static final String CANARY_5XX = """
      sum(rate(http_requests_total{namespace="${namespace}",pod=~"${canaryPods}",code=~"5.."}[3s]))
        / sum(rate(http_requests_total{namespace="${namespace}",pod=~"${canaryPods}"}[3s])) > 0.2""";
  static final String ALL_5XX = """
      sum(rate(http_requests_total{namespace="${namespace}",code=~"5.."}[3s]))
        / sum(rate(http_requests_total{namespace="${namespace}"}[3s])) > 0.2""";

  private String name = "web-v2";
  private String image = "registry.example/web:2";
  private String templateAnnotations = "{}";
  private String canaryObserve = "4s";
  private String rolloutObserve = "3s";
  private String query = CANARY_5XX;
  private String action = "Revert";
  private String extraAnalysis = "";
  private String mode = null;
  private String steps = "";

  PlanYaml name(String v) { name = v; return this; }
  PlanYaml image(String v) { image = v; return this; }
  PlanYaml podAnnotations(String flowMap) { templateAnnotations = flowMap; return this; }
  PlanYaml canaryObserve(String v) { canaryObserve = v; return this; }
  PlanYaml rolloutObserve(String v) { rolloutObserve = v; return this; }
  PlanYaml query(String v) { query = v; return this; }
  PlanYaml action(String v) { action = v; return this; }
  /** The query's {@code mode} (Enforce, Shadow); unset by default. */
  PlanYaml mode(String v) { mode = v; return this; }
  /** Extra YAML lines under {@code spec.analysis}, indented by 4 spaces. */
  PlanYaml analysis(String v) { extraAnalysis = v; return this; }
  /** {@code canary.steps} as a YAML flow sequence, e.g. {@code [{percent: 50, observe: 3s}]}. */
  PlanYaml steps(String flow) { steps = ", steps: " + flow; return this; }

  String yaml() {
    return """
        apiVersion: launchplan.io/v1alpha1
        kind: LaunchPlan
        metadata: {name: %s}
        spec:
          targetRef: {name: web}
          template:
            metadata:
              annotations: %s
            spec:
              containers: [{name: app, image: "%s"}]
          canary: {replicas: 1, observe: %s%s}
          rollout: {observe: %s}
          analysis:
            interval: 1s
        %s
            queries:
              - name: errors
                action: %s%s
                expr: |
        %s
        """.formatted(name, templateAnnotations, image, canaryObserve, steps, rolloutObserve,
        extraAnalysis.indent(4).stripTrailing(), action,
        mode == null ? "" : "\n        mode: " + mode, query.indent(12).stripTrailing());
  }

  LaunchPlan build() {
    return Plans.fromYaml(yaml());
  }
}
