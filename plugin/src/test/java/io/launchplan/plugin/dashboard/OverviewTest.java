package io.launchplan.plugin.dashboard;

import static io.launchplan.plugin.dashboard.DashboardFixtures.NOW;
import static io.launchplan.plugin.dashboard.DashboardFixtures.plan;
import static io.launchplan.plugin.dashboard.DashboardFixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.FreezeStatus;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.api.WindowStatus;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OverviewTest {
  @Test
  void plansAreGroupedByLaneActiveFirstThenTheQueueInTheOperatorsOrder() {
    LaunchPlan web = withStatus(plan("web", "lane: shop"), Phase.Observing, "CanaryReady", null);
    LaunchPlan api = withStatus(plan("api", "lane: shop"), Phase.Pending, "LaneBusy", "2026-12-01T11:59:00Z");
    LaunchPlan cart = withStatus(plan("cart", "lane: shop"), Phase.Pending, "LaneBusy", "2026-12-01T11:58:00Z");
    LaunchPlan old = withStatus(plan("old", "lane: shop"), Phase.Succeeded, "Verified", null);
    LaunchPlan search = withStatus(plan("search", ""), Phase.Canary, "LaunchStarted", null);
    List<Overview.Lane> lanes = Overview.lanes(List.of(old, api, web, cart, search), NOW);
    assertThat(lanes).extracting(Overview.Lane::key).containsExactly("shop/shop");
    assertThat(lanes.get(0).rows()).extracting(Overview.Row::name).containsExactly("search", "web", "cart", "api", "old");
    assertThat(lanes.get(0).rows()).extracting(Overview.Row::queuePlace).containsExactly(null, null, 1, 2, null);
  }

  @Test
  void theLaneOfAPlanWithoutOneIsItsNamespace() {
    LaunchPlan p = plan("other", "");
    p.getMetadata().setNamespace("billing");
    assertThat(Overview.laneKey(p)).isEqualTo("billing/billing");
    assertThat(Overview.lanes(List.of(p, plan("web", "lane: shop")), Set.of("billing/billing"), NOW))
        .extracting(Overview.Lane::key).containsExactly("billing/billing");
  }

  @Test
  void aRowSaysTheStepTheFreezeAndTheLaunchWindow() {
    LaunchPlan p = withStatus(plan("web", ""), Phase.Paused, "Frozen", null);
    p.getStatus().setPausedFrom(Phase.Observing);
    p.getStatus().setFreeze(new FreezeStatus("namespace shop", "INC-42", "2026-12-01T11:59:00Z"));
    Overview.Row r = Overview.row(p, null, null, NOW);
    assertThat(r.step()).isEqualTo("paused in Observing");
    assertThat(r.freeze()).isEqualTo("namespace shop: INC-42 (since 2026-12-01T11:59:00Z)");
    assertThat(r.heldBy()).isEqualTo("freeze by namespace shop: INC-42");
    assertThat(r.inPhase()).isEqualTo("30s");

    LaunchPlan w = withStatus(plan("api", ""), Phase.Pending, "WindowClosed", "2026-12-01T11:59:00Z");
    w.getStatus().setWindow(new WindowStatus("business-hours", "outside every Allow window", "2026-12-02T08:00:00Z"));
    assertThat(Overview.row(w, 1, null, NOW).window()).isEqualTo("outside every Allow window; opens 2026-12-02T08:00:00Z (policy business-hours)");
    assertThat(Overview.row(plan("new", ""), null, null, NOW).phase()).isEqualTo("<new>");
  }
}
