package io.launchplan.plugin;

import static io.launchplan.plugin.Fixtures.NOW;
import static io.launchplan.plugin.Fixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaneTableTest {
  @Test
  void theQueueIsInTheOperatorsOrderAndEachLaneIsARow() {
    LaunchPlan active = plan("checkout", Phase.Observing, "CanaryReady", "");
    LaunchPlan second = plan("search", Phase.Pending, "LaneBusy", "");
    second.getStatus().setQueuedAt("2026-12-01T11:59:50Z");
    LaunchPlan first = plan("cart", Phase.Pending, "LaneBusy", "");
    first.getStatus().setQueuedAt("2026-12-01T11:59:40Z");
    LaunchPlan otherLane = plan("admin", Phase.Succeeded, "Verified", "");
    otherLane.getSpec().setLane("backoffice");
    otherLane.getSpec().setCooldown("5m");
    otherLane.getStatus().setEndedAt("2026-12-01T11:58:00Z");

    String table = LaneTable.of(List.of(second, active, otherLane, first), NOW).render();
    assertThat(table).isEqualTo("""
        NAMESPACE   LANE         ACTIVE                 QUEUE                                      COOLDOWN
        shop        backoffice   -                      -                                          3m left (after admin)
        shop        shop         checkout (Observing)   1. cart (LaneBusy), 2. search (LaneBusy)   -
        """);
  }

  @Test
  void aCooldownThatIsOverIsNotShown() {
    LaunchPlan p = plan("admin", Phase.Succeeded, "Verified", "");
    p.getSpec().setCooldown("1m");
    p.getStatus().setEndedAt("2026-12-01T11:58:00Z");
    assertThat(LaneTable.cooldown(List.of(p), NOW)).isEmpty();
  }

  @Test
  void withoutQueuedAtTheCreationTimeThenTheNameDecide() {
    LaunchPlan b = plan("b", Phase.Pending, "LaneBusy", "");
    LaunchPlan a = plan("a", Phase.Pending, "Cooldown", "");
    assertThat(LaneTable.queue(List.of(b, a))).isEqualTo("1. a (Cooldown), 2. b (LaneBusy)");
  }
}
