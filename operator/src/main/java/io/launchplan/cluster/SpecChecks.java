package io.launchplan.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.launchplan.analysis.Analyzer;
import io.launchplan.api.LaunchPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the CRD schema cannot say about a spec, checked before anything in the cluster changes:
 * container names the target does not have, a merged template the API server rejects (found by a
 * dry run), and query text with unknown variables.
 */
public final class SpecChecks {
  private final TargetDeployments targets;

  public SpecChecks(TargetDeployments targets) {
    this.targets = targets;
  }

  /** Why the plan cannot launch onto {@code target}, or null when it can. */
  public String problem(LaunchPlan plan, Deployment target, String revision) {
    String queries = queryProblem(plan);
    if (queries != null) {
      return queries;
    }
    if (target == null) {
      return null;
    }
    String containers = unknownContainers(plan.getSpec().getTemplate(), target);
    if (containers != null) {
      return containers;
    }
    try {
      targets.dryRunPatch(plan, revision);
      return null;
    } catch (KubernetesClientException e) {
      if (e.getCode() >= 500 || e.getCode() == 0 || e.getCode() == 409 || e.getCode() == 429) {
        throw e; // not the spec's fault: retry
      }
      String why = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
      return "the API server rejects spec.template merged into Deployment " + target.getMetadata().getName() + ": " + why;
    }
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

  static String queryProblem(LaunchPlan plan) {
    try {
      Analyzer.validate(plan.getSpec().analysisOrDefault());
      return null;
    } catch (IllegalArgumentException e) {
      return "spec.analysis: " + e.getMessage();
    }
  }
}
