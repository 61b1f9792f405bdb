package io.launchplan.analysis.model;

import io.launchplan.api.AnalysisQuery;
import io.launchplan.api.AnalysisSpec;
import io.launchplan.api.QueryStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule for a tick whose {@code ${canaryPods}} matched no pod once pods of the launched
 * revision must exist: a query over no canary pod judged nothing. Pure: the decision applies it.
 */
public final class CanaryPods {
  /** The error of a quiet query that had no canary pod to judge. */
  public static final String NO_CANARY_PODS = "no canary pods to judge (${canaryPods} matches no pod)";

  private CanaryPods() {}

  /**
   * Names of the queries whose text uses {@code ${canaryPods}} (a literal {@code $${canaryPods}}
   * does not count); a query whose text cannot be rendered counts as not using it.
   */
  public static List<String> canaryQueries(AnalysisSpec spec) {
    QueryVariables none = new QueryVariables("namespace", "target", List.of(), List.of(), "revision");
    QueryVariables one = new QueryVariables("namespace", "target", List.of("canary-0"), List.of(), "revision");
    List<String> names = new ArrayList<>();
    for (AnalysisQuery q : spec.queriesOrEmpty()) {
      try {
        if (!QueryTemplate.render(q.getExpr(), none).equals(QueryTemplate.render(q.getExpr(), one))) {
          names.add(q.getName());
        }
      } catch (IllegalArgumentException | NullPointerException e) {
        // an invalid query is reported by validate(); it judges nothing here
      }
    }
    return names;
  }

  /**
   * The outcome of a tick that ran while {@code ${canaryPods}} matched no pod, when pods of the
   * launched revision must exist: a query over no canary pod judged nothing, so one that stayed
   * quiet has no answer ({@value #NO_CANARY_PODS}) and the tick is inconclusive ({@link
   * Verdict#ERROR}, never {@link Verdict#PASS}). A query that fired still counts (e.g. an
   * {@code absent(...)} check), and a REVERT or ERROR verdict stands as it was. Shadow queries
   * never count, so they are left as they are.
   */
  public static AnalysisOutcome withoutCanaryPods(AnalysisSpec spec, AnalysisOutcome outcome) {
    List<String> canaryQueries = canaryQueries(spec);
    List<String> unjudged = new ArrayList<>();
    List<QueryStatus> statuses = new ArrayList<>(outcome.statuses().size());
    for (QueryStatus s : outcome.statuses()) {
      if (s != null && !s.shadow() && canaryQueries.contains(s.getName()) && !s.firing() && s.getError() == null) {
        unjudged.add(s.getName());
        statuses.add(new QueryStatus(s.getName(), null, false, null, NO_CANARY_PODS));
      } else {
        statuses.add(s);
      }
    }
    if (unjudged.isEmpty()) {
      return outcome;
    }
    if (outcome.verdict() == Verdict.REVERT || outcome.verdict() == Verdict.ERROR) {
      return new AnalysisOutcome(statuses, outcome.verdict(), outcome.decidedBy(), outcome.message());
    }
    String more = unjudged.size() == 1 ? "" : " (and " + (unjudged.size() - 1) + " more)";
    return new AnalysisOutcome(statuses, Verdict.ERROR, unjudged.get(0),
        "query " + unjudged.get(0) + ": " + NO_CANARY_PODS + more);
  }
}
