package io.launchplan.plugin.dashboard;

import static io.launchplan.plugin.dashboard.DashboardFixtures.NOW;
import static io.launchplan.plugin.dashboard.DashboardFixtures.entry;
import static io.launchplan.plugin.dashboard.DashboardFixtures.plan;
import static io.launchplan.plugin.dashboard.DashboardFixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanPageTest {
  private static LaunchPlan reverted(String extraSpec) {
    LaunchPlan p = withStatus(plan("web", extraSpec), Phase.Reverted, "AnalysisRevert", null);
    p.getStatus().setEndedAt("2026-12-01T11:59:10Z");
    p.getStatus().setHistory(List.of(
        entry(Phase.Canary, "LaunchStarted", "2026-12-01T11:58:00Z"),
        entry(Phase.Observing, "CanaryReady", "2026-12-01T11:58:05Z"),
        entry(Phase.Paused, "ManualPause", "2026-12-01T11:58:20Z"),
        entry(Phase.Observing, "Resumed", "2026-12-01T11:58:40Z"),
        entry(Phase.Reverting, "AnalysisRevert", "2026-12-01T11:59:00Z"),
        entry(Phase.Reverted, "AnalysisRevert", "2026-12-01T11:59:10Z")));
    return p;
  }

  @Test
  void theChartsSpanTheLaunchAndMarkPauseResumeRevertAndEnd() {
    PlanPage.View v = PlanPage.of(reverted(""), NOW);
    assertThat(v.from()).isEqualTo("2026-12-01T11:57:30Z");
    assertThat(v.to()).isEqualTo("2026-12-01T11:59:40Z");
    assertThat(v.marks()).extracting(PlanPage.Mark::kind).containsExactly("pause", "resume", "revert", "end");
    assertThat(v.active()).isFalse();
    assertThat(v.notices()).isEmpty();
  }

  @Test
  void aRunningLaunchIsChartedUpToNow() {
    LaunchPlan p = withStatus(plan("web", ""), Phase.Observing, "CanaryReady", null);
    PlanPage.View v = PlanPage.of(p, NOW);
    assertThat(v.to()).isEqualTo(NOW.toString());
    assertThat(v.active()).isTrue();
  }

  @Test
  void noticesUpToTheOperatorsMarkAreSentTheLaterOnesOwed() {
    LaunchPlan p = reverted("notify: {webhooks: [{url: 'http://chat/hook'}]}");
    p.getStatus().setNotifiedThrough("2026-12-01T11:59:00Z");
    PlanPage.View v = PlanPage.of(p, NOW);
    assertThat(v.webhooks()).isEqualTo(1);
    assertThat(v.notices()).extracting(PlanPage.Notice::sent).containsExactly(true, true, true, true, true, false);
  }
}
