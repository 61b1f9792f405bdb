package io.launchplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchplan.analysis.PrometheusException.Kind;
import io.launchplan.analysis.model.AnalysisOutcome;
import io.launchplan.analysis.model.QueryVariables;
import io.launchplan.analysis.model.Verdict;
import io.launchplan.api.Action;
import io.launchplan.api.AlertSelector;
import io.launchplan.api.AnalysisQuery;
import io.launchplan.api.AnalysisSpec;
import io.launchplan.api.PrometheusSpec;
import io.launchplan.api.QueryStatus;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyzerTest {
  /** The operator's setting when no allow-list is configured. */
  private static final PrometheusUrls ANY_HOST = PrometheusUrls.of(URI.create("http://prometheus.monitoring:9090"), null);

  static final URI PROM = URI.create("http://prometheus.monitoring:9090");
  static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
  static final QueryVariables VARS =
      new QueryVariables("shop", "checkout", List.of("checkout-canary-1"), List.of("checkout-2"), "rev1");

  private final FakePrometheus prometheus = new FakePrometheus();
  private final Analyzer analyzer = new Analyzer(prometheus);

  static AnalysisQuery query(String name, String expr, String forDuration, Action action) {
    AnalysisQuery q = new AnalysisQuery();
    q.setName(name);
    q.setExpr(expr);
    q.setFor(forDuration);
    q.setAction(action);
    return q;
  }

  static AnalysisSpec spec(List<AnalysisQuery> queries, List<AlertSelector> alerts) {
    AnalysisSpec s = new AnalysisSpec();
    s.setQueries(queries);
    s.setAlerts(alerts);
    return s;
  }

  private static AnalysisSpec spec(AnalysisQuery... queries) {
    return spec(List.of(queries), null);
  }

  private static AlertSelector alert(Map<String, String> labels, Action action) {
    AlertSelector a = AlertQueryTest.selector(labels);
    a.setAction(action);
    return a;
  }

  private AnalysisOutcome evaluate(AnalysisSpec spec, List<QueryStatus> previous) {
    return analyzer.evaluate(spec, PROM, VARS, previous, NOW);
  }

  private static QueryStatus firingSince(String name, Instant since) {
    return new QueryStatus(name, "1", true, since.toString(), null);
  }

  @Test
  void noChecksPassesWithoutCallingPrometheus() {
    AnalysisOutcome outcome = evaluate(new AnalysisSpec(), List.of());

    assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
    assertThat(outcome.statuses()).isEmpty();
    assertThat(prometheus.asked).isEmpty();
  }

  @Test
  void quietQueriesPass() {
    AnalysisOutcome outcome = evaluate(spec(query("a", "qa", null, null), query("b", "qb", null, null)), null);

    assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
    assertThat(outcome.decidedBy()).isNull();
    assertThat(outcome.message()).isEqualTo("all 2 checks quiet");
    assertThat(outcome.statuses()).containsExactly(
        new QueryStatus("a", null, false, null, null), new QueryStatus("b", null, false, null, null));
  }

  @Test
  void firingRevertQueryWithoutForRevertsAtOnce() {
    prometheus.fires("errors > 0.01", "0.21");

    AnalysisOutcome outcome = evaluate(spec(query("canary-5xx", "errors > 0.01", null, null)), List.of());

    assertThat(outcome.verdict()).isEqualTo(Verdict.REVERT);
    assertThat(outcome.decidedBy()).isEqualTo("canary-5xx");
    assertThat(outcome.message()).isEqualTo("query canary-5xx fired (value 0.21)");
    assertThat(outcome.statuses()).containsExactly(new QueryStatus("canary-5xx", "0.21", true, NOW.toString(), null));
  }

  @Test
  void forDurationHoldsBackAction() {
    prometheus.fires("errors", "0.3");

    AnalysisOutcome outcome = evaluate(spec(query("canary-5xx", "errors", "20s", Action.Revert)),
        List.of(firingSince("canary-5xx", NOW.minusSeconds(10))));

    assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
    assertThat(outcome.message()).isEqualTo("query canary-5xx firing for 10s, acts after 20s");
    assertThat(outcome.statuses().get(0).getSince()).isEqualTo(NOW.minusSeconds(10).toString());
  }

  @Test
  void firstFiringTickStartsTheForClockNow() {
    prometheus.fires("errors", "0.3");

    AnalysisOutcome outcome = evaluate(spec(query("canary-5xx", "errors", "20s", null)),
        List.of(new QueryStatus("canary-5xx", null, false, null, null)));

    assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
    assertThat(outcome.statuses().get(0).getSince()).isEqualTo(NOW.toString());
  }

  @Test
  void forDurationActsOnceTheQueryHasFiredThatLong() {
    prometheus.fires("errors", "0.21");

    AnalysisOutcome outcome = evaluate(spec(query("canary-5xx", "errors", "20s", Action.Revert)),
        List.of(firingSince("canary-5xx", NOW.minusSeconds(20))));

    assertThat(outcome.verdict()).isEqualTo(Verdict.REVERT);
    assertThat(outcome.message()).isEqualTo("query canary-5xx fired (value 0.21) for 20s ≥ for 20s");
  }

  @Test
  void sinceIsClearedWhenTheQueryStopsFiring() {
    AnalysisOutcome outcome = evaluate(spec(query("canary-5xx", "errors", "20s", null)),
        List.of(firingSince("canary-5xx", NOW.minusSeconds(15))));

    assertThat(outcome.statuses()).containsExactly(new QueryStatus("canary-5xx", null, false, null, null));
  }

  @Test
  void sinceInTheFutureCountsFromNow() {
    prometheus.fires("errors", "1");

    AnalysisOutcome outcome = evaluate(spec(query("q", "errors", "20s", null)),
        List.of(firingSince("q", NOW.plusSeconds(60))));

    assertThat(outcome.statuses().get(0).getSince()).isEqualTo(NOW.toString());
  }

  @Test
  void firingPauseQueryPauses() {
    prometheus.fires("latency", "0.9");

    AnalysisOutcome outcome = evaluate(spec(query("p99", "latency", null, Action.Pause)), List.of());

    assertThat(outcome.verdict()).isEqualTo(Verdict.PAUSE);
    assertThat(outcome.decidedBy()).isEqualTo("p99");
    assertThat(outcome.message()).isEqualTo("query p99 fired (value 0.9)");
  }

  @Test
  void firingRevertQueryWinsOverQueryError() {
    prometheus.fails("broken(", FakePrometheus.rejected("parse error")).fires("errors", "1");

    AnalysisOutcome outcome = evaluate(spec(query("broken", "broken(", null, null),
        query("canary-5xx", "errors", null, Action.Revert)), List.of());

    assertThat(outcome.verdict()).isEqualTo(Verdict.REVERT);
    assertThat(outcome.decidedBy()).isEqualTo("canary-5xx");
  }

  @Test
  void queryErrorWinsOverFiringPause() {
    prometheus.fires("latency", "2").fails("broken(", FakePrometheus.rejected("parse error"));

    AnalysisOutcome outcome = evaluate(spec(query("p99", "latency", null, Action.Pause),
        query("broken", "broken(", null, null)), List.of());

    assertThat(outcome.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(outcome.decidedBy()).isEqualTo("broken");
  }

  @Test
  void queryErrorWinsOverHeldBackRevert() {
    prometheus.fires("errors", "1").fails("broken(", FakePrometheus.rejected("parse error"));

    AnalysisOutcome outcome = evaluate(spec(query("canary-5xx", "errors", "1m", null),
        query("broken", "broken(", null, null)), List.of());

    assertThat(outcome.verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void rejectedQueryReportsPrometheusOwnError() {
    String text = "invalid parameter \"query\": 1:15: parse error: unclosed left parenthesis";
    prometheus.fails("sum(rate(x[1m]", FakePrometheus.rejected(text));

    AnalysisOutcome outcome = evaluate(spec(query("canary-5xx", "sum(rate(x[1m]", null, null)), List.of());

    assertThat(outcome.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(outcome.message()).isEqualTo("query canary-5xx rejected by Prometheus: " + text);
    assertThat(outcome.statuses()).containsExactly(new QueryStatus("canary-5xx", null, false, null, text));
  }

  @Test
  void unreachablePrometheusIsAskedOnceAndEveryCheckCarriesTheError() {
    prometheus.failsAll(FakePrometheus.refused(PROM.toString()));

    AnalysisOutcome outcome = evaluate(spec(List.of(query("a", "qa", null, null), query("b", "qb", null, null)),
        List.of(alert(Map.of("service", "checkout"), null))), List.of());

    assertThat(prometheus.asked).containsExactly("qa");
    assertThat(outcome.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(outcome.decidedBy()).isEqualTo("a");
    assertThat(outcome.message())
        .isEqualTo("query a: Prometheus at http://prometheus.monitoring:9090 unreachable: Connection refused (and 2 more)");
    assertThat(outcome.statuses()).extracting(QueryStatus::getError)
        .containsOnly("Prometheus at http://prometheus.monitoring:9090 unreachable: Connection refused");
  }

  @Test
  void failedAnswerForOneQueryDoesNotStopTheOthers() {
    prometheus.fails("heavy", new PrometheusException(Kind.UNREACHABLE, "query timed out", "timeout", 503, null))
        .fires("errors", "1");

    AnalysisOutcome outcome = evaluate(spec(query("heavy", "heavy", null, null), query("canary-5xx", "errors", null, null)),
        List.of());

    assertThat(prometheus.asked).containsExactly("heavy", "errors");
    assertThat(outcome.verdict()).isEqualTo(Verdict.REVERT);
  }

  @Test
  void errorKeepsTheForClockOfAFiringQuery() {
    Instant since = NOW.minusSeconds(15);
    prometheus.failsAll(FakePrometheus.refused(PROM.toString()));

    AnalysisOutcome blip = evaluate(spec(query("q", "errors", "20s", null)), List.of(firingSince("q", since)));

    assertThat(blip.statuses().get(0).firing()).isTrue();
    assertThat(blip.statuses().get(0).getSince()).isEqualTo(since.toString());

    FakePrometheus back = new FakePrometheus().fires("errors", "1");
    AnalysisOutcome later = new Analyzer(back).evaluate(spec(query("q", "errors", "20s", null)), PROM, VARS,
        blip.statuses(), NOW.plusSeconds(5));
    assertThat(later.verdict()).isEqualTo(Verdict.REVERT);
    assertThat(later.message()).isEqualTo("query q fired (value 1) for 20s ≥ for 20s");
  }

  @Test
  void firingAlertSelectorRevertsNamingTheAlert() {
    prometheus.fires("ALERTS{alertstate=\"firing\",service=\"checkout\"}",
        Map.of("alertname", "High5xx", "service", "checkout", "alertstate", "firing"), "1");

    AnalysisOutcome outcome = evaluate(spec(List.of(), List.of(alert(Map.of("service", "checkout"), null))), List.of());

    assertThat(outcome.verdict()).isEqualTo(Verdict.REVERT);
    assertThat(outcome.decidedBy()).isEqualTo("alert:service=checkout");
    assertThat(outcome.message()).isEqualTo("alert:service=checkout fired (alertname High5xx)");
  }

  @Test
  void statusesFollowSpecOrderQueriesThenAlerts() {
    AnalysisOutcome outcome = evaluate(spec(List.of(query("z", "qz", null, null), query("a", "qa", null, null)),
        List.of(alert(Map.of("team", "shop"), Action.Pause), alert(Map.of("service", "checkout"), null))), null);

    assertThat(outcome.statuses()).extracting(QueryStatus::getName)
        .containsExactly("z", "a", "alert:team=shop", "alert:service=checkout");
  }

  @Test
  void duplicateAlertSelectorsGetDistinctNames() {
    AnalysisOutcome outcome = evaluate(spec(List.of(),
        List.of(alert(Map.of("service", "checkout"), Action.Pause), alert(Map.of("service", "checkout"), null))), null);

    assertThat(outcome.statuses()).extracting(QueryStatus::getName)
        .containsExactly("alert:service=checkout", "alert:service=checkout#2");
  }

  @Test
  void variablesAreSubstitutedBeforeSending() {
    evaluate(spec(query("q", "x{namespace=\"${namespace}\",pod=~\"${canaryPods}\"}", null, null)), null);

    assertThat(prometheus.asked).containsExactly("x{namespace=\"shop\",pod=~\"checkout-canary-1\"}");
  }

  @Test
  void unknownVariableIsRejectedBeforeAnythingIsSent() {
    AnalysisSpec spec = spec(query("ok", "up", null, null), query("bad", "x{pod=~\"${canary}\"}", null, null));

    assertThatThrownBy(() -> evaluate(spec, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad").hasMessageContaining("${canary}");
    assertThat(prometheus.asked).isEmpty();
  }

  @Test
  void validateReportsInvalidSpecWithoutPrometheus() {
    Analyzer.validate(spec(query("ok", "x{pod=~\"${canaryPods}\"}", "1m", null)), ANY_HOST);

    assertThatThrownBy(() -> Analyzer.validate(spec(List.of(), List.of(alert(Map.of("bad-name", "x"), null))), ANY_HOST))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad-name");
  }

  /** Prometheus' answer to {@code 1 > bool 2}: a scalar 0, which used to "return a sample" and fire. */
  private static final String SCALAR_ZERO =
      "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1735732800.1,\"0\"]}}";

  @Test
  void scalarQueryIsAnAnalysisErrorNeverARevert() {
    PrometheusClient real = (url, promql) -> PrometheusResponses.parse(url.toString(), 200, SCALAR_ZERO);

    AnalysisOutcome outcome = new Analyzer(real).evaluate(spec(query("s", "1 > bool 2", null, Action.Revert)), PROM,
        VARS, List.of(), NOW);

    assertThat(outcome.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(outcome.decidedBy()).isEqualTo("s");
    assertThat(outcome.message()).startsWith("query s: the query returns a scalar")
        .contains("must return an instant vector").contains("> 0.01");
    assertThat(outcome.statuses().get(0).getFiring()).isFalse();
  }

  @Test
  void scalarQueryDoesNotMakeAPauseCheckAct() {
    PrometheusClient real = (url, promql) -> PrometheusResponses.parse(url.toString(), 200, SCALAR_ZERO);

    AnalysisOutcome outcome = new Analyzer(real).evaluate(spec(query("s", "scalar(x)", null, Action.Pause)), PROM,
        VARS, List.of(), NOW);

    assertThat(outcome.verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void malformedOrUnallowedPrometheusUrlIsAnInvalidSpec() {
    AnalysisSpec bad = spec(query("q", "up", null, null));
    bad.setPrometheus(new PrometheusSpec());
    bad.getPrometheus().setUrl("http://[x");

    assertThatThrownBy(() -> Analyzer.validate(bad, ANY_HOST)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("prometheus.url 'http://[x' is not a URL");
    bad.getPrometheus().setUrl("http://prom:99999");
    assertThatThrownBy(() -> Analyzer.validate(bad, ANY_HOST)).hasMessageContaining("port 99999 is outside 1..65535");
  }

  @Test
  void severalActingRevertsAreCountedInTheMessage() {
    prometheus.fires("a", "1").fires("b", "2");

    AnalysisOutcome outcome = evaluate(spec(query("a", "a", null, null), query("b", "b", null, null)), null);

    assertThat(outcome.decidedBy()).isEqualTo("a");
    assertThat(outcome.message()).isEqualTo("query a fired (value 1) (and 1 more)");
  }

  @Test
  void statusesOfQueriesNoLongerInTheSpecAreDropped() {
    List<QueryStatus> previous = new ArrayList<>(List.of(firingSince("gone", NOW.minusSeconds(5))));

    AnalysisOutcome outcome = evaluate(spec(query("q", "qq", null, null)), previous);

    assertThat(outcome.statuses()).extracting(QueryStatus::getName).containsExactly("q");
  }
}
