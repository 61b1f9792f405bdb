package io.launchplan.analysis.model;

import java.util.List;
import java.util.Objects;

/**
 * What {@link QueryTemplate} substitutes into a plan's query text, so one query works for any plan.
 *
 * @param namespace the plan's namespace ({@code ${namespace}})
 * @param target the target Deployment's name ({@code ${target}})
 * @param canaryPods names of the canary pods ({@code ${canaryPods}}, rendered as a regex)
 * @param stablePods names of the pods still on the stable revision ({@code ${stablePods}}, a regex)
 * @param revision the launched revision hash ({@code ${revision}})
 */
public record QueryVariables(String namespace, String target, List<String> canaryPods, List<String> stablePods,
    String revision) {
  public QueryVariables {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(revision, "revision");
    canaryPods = canaryPods == null ? List.of() : List.copyOf(canaryPods);
    stablePods = stablePods == null ? List.of() : List.copyOf(stablePods);
  }
}
