package io.launchplan.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.launchplan.analysis.Analyzer;
import io.launchplan.analysis.PrometheusUrls;
import io.launchplan.analysis.WebChecks;
import io.launchplan.api.AnalysisQuery;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.UnknownFields;
import io.launchplan.launch.CanarySteps;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the CRD schema cannot say about a spec, checked before anything in the cluster changes:
 * container names the target does not have, a merged template the API server rejects (found by a
 * dry run), query text with unknown variables, web check URLs the operator's allow-list of hosts
 * refuses, and a canary as large as the target. It also checks
 * again what the schema says about durations, for plans stored before the schema bounded them.
 */
public final class SpecChecks {
  private final TargetDeployments targets;
  private final PrometheusUrls prometheusUrls;
  private final JobChecks jobChecks;

  public SpecChecks(TargetDeployments targets, PrometheusUrls prometheusUrls) {
    this(targets, prometheusUrls, null);
  }

  SpecChecks(TargetDeployments targets, PrometheusUrls prometheusUrls, JobChecks jobChecks) {
    this.targets = targets;
    this.prometheusUrls = prometheusUrls;
    this.jobChecks = jobChecks;
  }

  /** Why the plan cannot launch onto {@code target}, or null when it can. */
  public String problem(LaunchPlan plan, Deployment target, String revision) {
    if (!plan.getSpec().unknownFields().isEmpty()) {
      return UnknownFields.problem(plan.getSpec().unknownFields()); // never launch with a field dropped
    }
    String durations = durationProblem(plan.getSpec());
    if (durations != null) {
      return durations;
    }
    String queries = queryProblem(plan);
    if (queries != null) {
      return queries;
    }
    String webUrls = webUrlProblem(plan, revision);
    if (webUrls != null) {
      return webUrls;
    }
    if (target == null) {
      return null;
    }
    String canary = canaryReplicasProblem(plan.getSpec(), target);
    if (canary != null) {
      return canary;
    }
    String steps = CanarySteps.problem(plan.getSpec(), Objects.requireNonNullElse(target.getSpec().getReplicas(), 1));
    if (steps != null) {
      return steps;
    }
    String containers = unknownContainers(plan.getSpec().getTemplate(), target);
    if (containers != null) {
      return containers;
    }
    try {
      targets.dryRunPatch(plan, revision);
      return jobChecks == null ? null : jobChecks.problem(plan, revision);
    } catch (KubernetesClientException e) {
      if (e.getCode() >= 500 || e.getCode() == 0 || e.getCode() == 409 || e.getCode() == 429) {
        throw e; // not the spec's fault: retry
      }
      String why = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
      return "the API server rejects spec.template merged into Deployment " + target.getMetadata().getName() + ": " + why;
    }
  }

  /** Every duration field read as the launch will read it, naming each field that cannot be. */
  static String durationProblem(LaunchPlanSpec spec) {
    List<String> problems = new ArrayList<>();
    duration("spec.canary.observe", () -> spec.canaryOrDefault().observeOrDefault(), problems);
    duration("spec.rollout.observe", () -> spec.rolloutOrDefault().observeOrDefault(), problems);
    duration("spec.analysis.interval", () -> spec.analysisOrDefault().intervalOrDefault(), problems);
    List<AnalysisQuery> queries = spec.analysisOrDefault().queriesOrEmpty();
    for (int i = 0; i < queries.size(); i++) {
      AnalysisQuery q = queries.get(i);
      duration("spec.analysis.queries[" + i + "].for" + (q.getName() != null ? " (" + q.getName() + ")" : ""),
          q::forOrZero, problems);
    }
    duration("spec.cooldown", spec::cooldownOrZero, problems);
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  private static void duration(String field, Supplier<?> read, List<String> problems) {
    try {
      read.get();
    } catch (IllegalArgumentException e) {
      problems.add(field + ": " + e.getMessage());
    }
  }

  /**
   * A canary of {@code canary.replicas} pods next to a target of no more pods is a second copy of the
   * target, not a canary. A 1-pod canary is always allowed: it is the smallest there is, and refusing it
   * would refuse every launch onto a 1-replica Deployment. A target scaled to 0 is reported elsewhere.
   */
  static String canaryReplicasProblem(LaunchPlanSpec spec, Deployment target) {
    int canary = spec.canaryOrDefault().replicasOrDefault();
    int replicas = Objects.requireNonNullElse(target.getSpec().getReplicas(), 1);
    if (canary <= 1 || replicas == 0 || canary < replicas) {
      return null;
    }
    return "canary.replicas (" + canary + ") must be less than Deployment " + target.getMetadata().getName()
        + "'s replicas (" + replicas + "): a canary that large is a full second copy of the target, not a canary;"
        + " use at most " + Math.max(1, replicas - 1) + " (a 1-pod canary is always allowed)";
  }

  static String unknownContainers(JsonNode template, Deployment target) {
    List<String> problems = new ArrayList<>();
    var podSpec = target.getSpec().getTemplate().getSpec();
    check(template.path("spec").path("containers"), names(podSpec.getContainers()), "containers", problems);
    check(template.path("spec").path("initContainers"), names(podSpec.getInitContainers()), "initContainers", problems);
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  private static Set<String> names(List<Container> containers) {
    return containers == null ? Set.of() : containers.stream().map(Container::getName).collect(Collectors.toSet());
  }

  private static void check(JsonNode list, Set<String> known, String field, List<String> problems) {
    if (list.isMissingNode() || list.isNull()) {
      return;
    }
    if (!list.isArray()) {
      problems.add("spec.template.spec." + field + " must be a list");
      return;
    }
    for (JsonNode c : list) {
      String name = c.path("name").asText(null);
      if (name == null || name.isEmpty()) {
        problems.add("every entry of spec.template.spec." + field + " needs a name (containers are matched by name)");
      } else if (!known.contains(name)) {
        problems.add("spec.template.spec." + field + " names container '" + name + "' but the target has "
            + (known.isEmpty() ? "none" : known.stream().sorted().toList()));
      }
    }
  }

  /** The first web check whose URL, its variables substituted, is malformed or not on the operator's allow-list. */
  String webUrlProblem(LaunchPlan plan, String revision) {
    var vars = CheckObserver.variables(plan, revision);
    return plan.getSpec().analysisOrDefault().webOrEmpty().stream()
        .map(w -> WebChecks.urlProblem(w, vars, prometheusUrls.allowList())).filter(Objects::nonNull)
        .findFirst().map(p -> "spec.analysis.web: " + p).orElse(null);
  }

  String queryProblem(LaunchPlan plan) {
    try {
      Analyzer.validate(plan.getSpec().analysisOrDefault(), prometheusUrls);
      return null;
    } catch (IllegalArgumentException e) {
      return "spec.analysis: " + e.getMessage();
    }
  }
}
