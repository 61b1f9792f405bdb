package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.Phase;
import io.launchplan.plugin.backtest.BacktestReport;
import io.launchplan.plugin.backtest.CheckReport;
import io.launchplan.plugin.backtest.Distribution;
import io.launchplan.plugin.backtest.RevertDelays;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestOutputTest {
  private static BacktestReport report(List<CheckReport> checks, List<HistoryEntry> history) {
    return new BacktestReport("shop/checkout", "checkout", List.of("checkout-1", "checkout-2"), "", "http://prom:9090",
        "--prometheus-url", "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z", 10, checks,
        RevertDelays.of(history, Duration.ofMinutes(2)));
  }

  private static final CheckReport FIVE_XX = new CheckReport("canary-5xx", "query", "Revert", false, "x > 0.01", 20,
      3600L, 0.0125, 3, 30L, 1, new CheckReport.ThresholdReport(">", 0.01, "x", -0.0023, 0.015, 0.0027),
      new Distribution(360, 0, 0.0004, 0.0117, 0.0123), null);

  @Test
  void aCheckRowWithItsFiguresAndItsThresholdRow() {
    String t = BacktestOutput.table(report(List.of(FIVE_XX), List.of()));
    assertThat(t).contains("${canaryPods} = ${stablePods} = the 2 pods of Deployment checkout: checkout-1, checkout-2");
    assertThat(t).containsPattern("canary-5xx +query +Revert +20s +1h +1\\.3% +3 +30s +1\n");
    assertThat(t).containsPattern("canary-5xx +> 0\\.01 +0\\.0004 +0\\.0117 +0\\.0123 +-0\\.0023 +> 0\\.015 +\\+0\\.0027\n");
    assertThat(t).contains("Past reverts: none in the plan's history.");
  }

  @Test
  void aCheckWithoutDataShowsDashesAndItsError() {
    CheckReport none = new CheckReport("quiet", "query", "Pause", true, "y > 1", 0, null, null, null, null, null, null,
        null, "no data from a to b");
    String t = BacktestOutput.table(report(List.of(none), List.of()));
    assertThat(t).containsPattern("quiet \\(shadow\\) +query +Pause +0s +- +- +- +- +-\n");
    assertThat(t).contains("error: quiet: no data from a to b");
    assertThat(BacktestOutput.json(report(List.of(none), List.of()))).contains("\"error\" : \"no data from a to b\"")
        .doesNotContain("firingShare");
  }

  @Test
  void pastRevertsAndWhetherTheWindowCoversTheSlowest() {
    String t = BacktestOutput.table(report(List.of(FIVE_XX), List.of(
        new HistoryEntry(Phase.Observing, "CanaryReady", "m", "abc", "2026-12-01T10:00:00Z"),
        new HistoryEntry(Phase.RollingOut, "Promoted", "m", "abc", "2026-12-01T10:02:00Z"),
        new HistoryEntry(Phase.Reverting, "AnalysisRevert", "query canary-5xx fired", "abc", "2026-12-01T10:02:30Z"))));
    assertThat(t).containsPattern("abc +2026-12-01T10:00:00Z +2026-12-01T10:02:30Z +2m30s +RollingOut +AnalysisRevert +query canary-5xx fired");
    assertThat(t).contains("Slowest revert decided by the analysis: 2m30s after the canary was ready; canary.observe 2m does NOT cover it.");
  }

  @Test
  void numbersAreShortButExact() {
    assertThat(BacktestOutput.num(0.8000000000000034)).isEqualTo("0.8");
    assertThat(BacktestOutput.num(12)).isEqualTo("12");
    assertThat(BacktestOutput.num(0.0123)).isEqualTo("0.0123");
    assertThat(BacktestOutput.num(1.5e-7)).isEqualTo("1.5e-07");
  }
}
