package io.launchplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.analysis.model.AnalysisOutcome;
import io.launchplan.analysis.model.CanaryPods;
import io.launchplan.analysis.model.Verdict;
import io.launchplan.api.AnalysisQuery;
import io.launchplan.api.AnalysisSpec;
import io.launchplan.api.QueryStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tick over no canary pods has judged nothing with the queries that look at them. */
class CanaryPodsOutcomeTest {
  private static AnalysisQuery query(String name, String expr) {
    AnalysisQuery q = new AnalysisQuery();
    q.setName(name);
    q.setExpr(expr);
    return q;
  }

  private static final AnalysisSpec SPEC = spec(
      query("canary-5xx", "sum(rate(x{pod=~\"${canaryPods}\"}[1m])) > 0"),
      query("all-5xx", "sum(rate(x{namespace=\"${namespace}\"}[1m])) > 0"),
      query("literal", "x{pod=~\"$${canaryPods}\"}"),
      query("canary-up", "absent(up{pod=~\"${canaryPods}\"})"));

  private static AnalysisSpec spec(AnalysisQuery... queries) {
    AnalysisSpec s = new AnalysisSpec();
    s.setQueries(List.of(queries));
    return s;
  }

  private static QueryStatus quiet(String name) {
    return new QueryStatus(name, null, false, null, null);
  }

  @Test
  void queriesUsingCanaryPodsAreFound() {
    assertThat(CanaryPods.canaryQueries(SPEC)).containsExactly("canary-5xx", "canary-up");
    assertThat(CanaryPods.canaryQueries(spec(query("bad", "x{a=\"${nope}\"}")))).isEmpty();
  }

  @Test
  void aQuietTickOverNoCanaryPodsIsAnErrorNamingTheQuery() {
    AnalysisOutcome pass = new AnalysisOutcome(List.of(quiet("canary-5xx"), quiet("all-5xx"), quiet("literal"),
        quiet("canary-up")), Verdict.PASS, null, "all 4 checks quiet");

    AnalysisOutcome judged = CanaryPods.withoutCanaryPods(SPEC, pass);

    assertThat(judged.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(judged.decidedBy()).isEqualTo("canary-5xx");
    assertThat(judged.message()).isEqualTo("query canary-5xx: " + CanaryPods.NO_CANARY_PODS + " (and 1 more)");
    assertThat(judged.statuses()).extracting(QueryStatus::getError)
        .containsExactly(CanaryPods.NO_CANARY_PODS, null, null, CanaryPods.NO_CANARY_PODS);
  }

  @Test
  void aPauseIsOutrankedButARevertOrAnotherErrorStands() {
    List<QueryStatus> statuses = List.of(quiet("canary-5xx"), new QueryStatus("all-5xx", "1", true, "t", null));
    AnalysisOutcome pause = new AnalysisOutcome(statuses, Verdict.PAUSE, "all-5xx", "query all-5xx fired");
    assertThat(CanaryPods.withoutCanaryPods(SPEC, pause).verdict()).isEqualTo(Verdict.ERROR);

    AnalysisOutcome revert = new AnalysisOutcome(statuses, Verdict.REVERT, "all-5xx", "query all-5xx fired");
    AnalysisOutcome judged = CanaryPods.withoutCanaryPods(SPEC, revert);
    assertThat(judged.verdict()).isEqualTo(Verdict.REVERT);
    assertThat(judged.message()).isEqualTo("query all-5xx fired");
    assertThat(judged.statuses().get(0).getError()).isEqualTo(CanaryPods.NO_CANARY_PODS);
  }

  @Test
  void aCanaryQueryThatFiredOverNoPodsStillCounts() {
    AnalysisOutcome firing = new AnalysisOutcome(List.of(new QueryStatus("canary-up", "1", true, "t", null)),
        Verdict.PASS, null, "canary-up firing for 0s, acts after 1m");

    assertThat(CanaryPods.withoutCanaryPods(SPEC, firing)).isSameAs(firing);
  }
}
