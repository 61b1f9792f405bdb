package io.launchplan.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanSpec;
import org.junit.jupiter.api.Test;

/** Lanes are local to their namespace; what a plan's status says held it is looked at again. */
class LanesTest {
  private static LaunchPlan plan(String namespace, String name, String lane) {
    LaunchPlan p = new LaunchPlan();
    p.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    LaunchPlanSpec spec = new LaunchPlanSpec();
    spec.setLane(lane);
    p.setSpec(spec);
    return p;
  }

  @Test
  void theSameLaneNameInTwoNamespacesIsTwoLanes() {
    assertThat(Lanes.of(plan("shop", "api", "payments"))).isEqualTo("shop/payments");
    assertThat(Lanes.of(plan("billing", "worker", "payments"))).isEqualTo("billing/payments")
        .isNotEqualTo(Lanes.of(plan("shop", "api", "payments")));
    assertThat(Lanes.name(plan("shop", "api", "payments"))).isEqualTo("payments");
    assertThat(Lanes.of(plan("shop", "api", null))).as("default: the namespace").isEqualTo("shop/shop");
  }

  @Test
  void aFreezeOrPauseThatLiftedNoLongerHoldsTheMember() {
    LaunchPlan waiting = plan("shop", "api", null);
    Lanes nothingFrozen = new Lanes(p -> false);
    Lanes allFrozen = new Lanes(p -> true);

    assertThat(nothingFrozen.holdLifted(waiting, "Frozen")).isTrue();
    assertThat(allFrozen.holdLifted(waiting, "Frozen")).isFalse();
    assertThat(nothingFrozen.holdLifted(waiting, "ManualPause")).as("spec.paused removed").isTrue();
    waiting.getSpec().setPaused(true);
    assertThat(nothingFrozen.holdLifted(waiting, "ManualPause")).isFalse();
    assertThat(nothingFrozen.holdLifted(waiting, "TargetNotFound")).isFalse();
    assertThat(nothingFrozen.holdLifted(waiting, "LaneBusy")).isFalse();
  }
}
