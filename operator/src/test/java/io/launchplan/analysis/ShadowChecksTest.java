package io.launchplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.analysis.model.AnalysisOutcome;
import io.launchplan.analysis.model.CanaryPods;
import io.launchplan.analysis.model.QueryVariables;
import io.launchplan.analysis.model.Verdict;
import io.launchplan.api.Action;
import io.launchplan.api.AlertSelector;
import io.launchplan.api.AnalysisQuery;
import io.launchplan.api.AnalysisSpec;
import io.launchplan.api.CheckMode;
import io.launchplan.api.QueryStatus;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code mode: Shadow} checks: evaluated and shown (what they would have done, and when), never acting. */
class ShadowChecksTest {
  private static final URI PROM = AnalyzerTest.PROM;
  private static final Instant NOW = AnalyzerTest.NOW;
  private static final QueryVariables VARS = AnalyzerTest.VARS;

  private final FakePrometheus prometheus = new FakePrometheus();
  private final Analyzer analyzer = new Analyzer(prometheus);

  private static AnalysisQuery query(String name, String expr, String forDuration, Action action, CheckMode mode) {
    AnalysisQuery q = AnalyzerTest.query(name, expr, forDuration, action);
    q.setMode(mode);
    return q;
  }

  private static AnalysisSpec spec(List<AnalysisQuery> queries, List<AlertSelector> alerts) {
    return AnalyzerTest.spec(queries, alerts);
  }

  private AnalysisOutcome evaluate(AnalysisSpec spec, List<QueryStatus> previous, Instant now) {
    return analyzer.evaluate(spec, PROM, VARS, previous, now);
  }

  private static QueryStatus status(AnalysisOutcome outcome, String name) {
    return outcome.statuses().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void firingShadowRevertQueryPassesAndSaysItWouldHaveReverted() {
    prometheus.fires("new_5xx", "0.2");
    AnalysisOutcome outcome = evaluate(spec(List.of(query("new-5xx", "new_5xx", null, Action.Revert, CheckMode.Shadow),
        query("old-5xx", "old_5xx", null, Action.Revert, null)), null), List.of(), NOW);

    assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
    QueryStatus shadow = status(outcome, "new-5xx");
    assertThat(shadow.firing()).isTrue();
    assertThat(shadow.getValue()).isEqualTo("0.2");
    assertThat(shadow.getMode()).isEqualTo(CheckMode.Shadow);
    assertThat(shadow.getWouldHave()).isEqualTo(Action.Revert);
    assertThat(shadow.getWouldHaveAt()).isEqualTo(NOW.toString());
    assertThat(status(outcome, "old-5xx").getMode()).as("an enforced check is not marked").isNull();
    assertThat(outcome.message()).isEqualTo("1 check quiet; shadow query new-5xx would have reverted at " + NOW);
  }

  @Test
  void shadowCheckWouldActOnlyAfterItsFor() {
    prometheus.fires("new_5xx", "1");
    AnalysisSpec spec = spec(List.of(query("new-5xx", "new_5xx", "20s", Action.Revert, CheckMode.Shadow)), null);

    AnalysisOutcome first = evaluate(spec, List.of(), NOW);
    assertThat(status(first, "new-5xx").getWouldHaveAt()).as("inside its for").isNull();
    AnalysisOutcome later = evaluate(spec, first.statuses(), NOW.plusSeconds(20));

    assertThat(later.verdict()).isEqualTo(Verdict.PASS);
    assertThat(status(later, "new-5xx").getWouldHaveAt()).isEqualTo(NOW.plusSeconds(20).toString());
  }

  @Test
  void wouldHaveAtIsKeptAfterTheShadowCheckClears() {
    prometheus.fires("new_5xx", "1");
    AnalysisSpec spec = spec(List.of(query("new-5xx", "new_5xx", null, Action.Pause, CheckMode.Shadow)), null);
    AnalysisOutcome fired = evaluate(spec, List.of(), NOW);
    prometheus.answers("new_5xx", QueryResult.empty());

    AnalysisOutcome cleared = evaluate(spec, fired.statuses(), NOW.plusSeconds(30));

    QueryStatus s = status(cleared, "new-5xx");
    assertThat(s.firing()).isFalse();
    assertThat(s.getWouldHave()).isEqualTo(Action.Pause);
    assertThat(s.getWouldHaveAt()).isEqualTo(NOW.toString());
    assertThat(cleared.message()).endsWith("shadow query new-5xx would have paused at " + NOW);
  }

  @Test
  void failingShadowQueryIsShownButNeverAnAnalysisError() {
    prometheus.fails("bad(", FakePrometheus.rejected("parse error"));
    AnalysisOutcome outcome = evaluate(spec(List.of(query("new", "bad(", null, Action.Revert, CheckMode.Shadow),
        query("old", "old_5xx", null, Action.Revert, null)), null), List.of(), NOW);

    assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
    assertThat(status(outcome, "new").getError()).isEqualTo("parse error");
  }

  @Test
  void enforcedRevertStillWinsNextToAShadowCheck() {
    prometheus.fires("old_5xx", "3").fires("new_5xx", "1");
    AnalysisOutcome outcome = evaluate(spec(List.of(query("new", "new_5xx", null, Action.Revert, CheckMode.Shadow),
        query("old", "old_5xx", null, Action.Revert, CheckMode.Enforce)), null), List.of(), NOW);

    assertThat(outcome.verdict()).isEqualTo(Verdict.REVERT);
    assertThat(outcome.decidedBy()).isEqualTo("old");
    assertThat(outcome.message()).as("the shadow check is not counted as one more").isEqualTo("query old fired (value 3)");
  }

  @Test
  void firingShadowAlertSelectorNeverActs() {
    AlertSelector selector = AlertQueryTest.selector(Map.of("service", "checkout"));
    selector.setMode(CheckMode.Shadow);
    prometheus.fires(AlertQuery.promql(selector), Map.of("alertname", "HighErrors"), "1");

    AnalysisOutcome outcome = evaluate(spec(null, List.of(selector)), List.of(), NOW);

    assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
    assertThat(outcome.message()).isEqualTo("only shadow checks; shadow alert:service=checkout would have reverted at " + NOW);
  }

  @Test
  void shadowQueryWithoutCanaryPodsIsNoAnalysisError() {
    AnalysisSpec spec = spec(List.of(query("new", "x{pod=~\"${canaryPods}\"}", null, Action.Revert, CheckMode.Shadow)),
        null);
    AnalysisOutcome outcome = evaluate(spec, List.of(), NOW);

    assertThat(CanaryPods.withoutCanaryPods(spec, outcome).verdict()).isEqualTo(Verdict.PASS);
  }
}
