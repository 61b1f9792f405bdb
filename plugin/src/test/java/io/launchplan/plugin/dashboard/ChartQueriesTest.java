package io.launchplan.plugin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.LaunchPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartQueriesTest {
  private static LaunchPlan withQuery(String expr) {
    return DashboardFixtures.plan("web", """
        analysis:
          queries:
            - name: q
              expr: '%s'
              for: 20s
              action: Pause
          alerts:
            - matchLabels: {service: checkout, severity: page}
        """.formatted(expr.replace("'", "''")));
  }

  @Test
  void aTrailingComparisonIsTheThresholdAndTheChartDrawsItsLeftSide() {
    ChartQueries.Chart c = ChartQueries.of(withQuery("sum(rate(errors{namespace=\"${namespace}\"}[1m])) / sum(rate(all[1m])) > 0.01")).get(0);
    assertThat(c.comparison()).isEqualTo(">");
    assertThat(c.threshold()).isEqualTo(0.01);
    assertThat(c.forDuration()).isEqualTo("20s");
    assertThat(c.action()).isEqualTo("Pause");
    assertThat(c.series()).extracting(ChartQueries.Series::expr)
        .containsExactly("sum(rate(errors{namespace=\"shop\"}[1m])) / sum(rate(all[1m]))");
    assertThat(c.series()).extracting(ChartQueries.Series::label).containsExactly("value");
  }

  @Test
  void aQueryOnTheCanaryPodsIsDrawnForTheCanaryAndTheStablePodsSideBySide() {
    ChartQueries.Chart c = ChartQueries.of(withQuery("sum(rate(x{pod=~\"${canaryPods}\",code=~\"5..\"}[1m])) >= bool 2e-3")).get(0);
    assertThat(c.threshold()).isEqualTo(0.002);
    assertThat(c.comparison()).isEqualTo(">=");
    assertThat(c.series()).containsExactly(
        new ChartQueries.Series("canary", "sum(rate(x{pod=~\"checkout-canary-[a-z0-9]+-[a-z0-9]+\",code=~\"5..\"}[1m]))"),
        new ChartQueries.Series("stable", "sum(rate(x{pod=~\"checkout-[a-z0-9]+-[a-z0-9]+\",code=~\"5..\"}[1m]))"));
  }

  @Test
  void aComparisonInsideParenthesesOrWithoutANumberIsNoThreshold() {
    assertThat(ChartQueries.of(withQuery("max(up > 0)")).get(0).threshold()).isNull();
    assertThat(ChartQueries.of(withQuery("a > b")).get(0).threshold()).isNull();
    assertThat(ChartQueries.of(withQuery("(a > 1) or (b > 2)")).get(0).threshold()).isNull();
    assertThat(ChartQueries.of(withQuery("(a > 1) or (b > 2)")).get(0).series().get(0).expr()).isEqualTo("(a > 1) or (b > 2)");
  }

  @Test
  void anUnknownVariableIsTheChartsErrorInTheOperatorsWords() {
    ChartQueries.Chart c = ChartQueries.of(withQuery("x{pod=\"${nope}\"} > 1")).get(0);
    assertThat(c.series()).isEmpty();
    assertThat(c.error()).startsWith("unknown variable ${nope} in query");
  }

  @Test
  void anAlertSelectorIsChartedAsItsFiringAlerts() {
    List<ChartQueries.Chart> charts = ChartQueries.of(withQuery("up > 0"));
    ChartQueries.Chart a = charts.get(1);
    assertThat(a.kind()).isEqualTo("alert");
    assertThat(a.series()).extracting(ChartQueries.Series::expr)
        .containsExactly("count(ALERTS{alertstate=\"firing\",service=\"checkout\",severity=\"page\"})");
  }
}
