package io.launchplan.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.LaunchPolicySpec;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code maxConcurrentLaunches}: the launch slots of a LaunchPolicy across lanes and namespaces.
 * Plan {@code shop/web} (alone in its lane) queued at {@link #T0}.
 */
class PolicyConcurrencyTest {
  static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

  private static final LaneView LANE = LaneView.alone("shop", "shop", "web", T0.minusSeconds(60));

  private static LaneView.Member member(String ns, String name, Phase phase, String reason, Instant queuedAt) {
    return new LaneView.Member(ns, name, phase, reason, queuedAt, null, Duration.ZERO, T0.minusSeconds(600), false,
        false);
  }

  private static LaunchPlanStatus queuedAt(Instant at) {
    LaunchPlanStatus s = new LaunchPlanStatus();
    s.setPhase(Phase.Pending);
    s.setQueuedAt(at.toString());
    return s;
  }

  private static CombinedPolicy limits(Map<String, Integer> limits) {
    return CombinedPolicy.of(limits.entrySet().stream().map(e -> {
      LaunchPolicySpec spec = new LaunchPolicySpec();
      spec.setMaxConcurrentLaunches(e.getValue());
      return new PolicyView(e.getKey(), spec);
    }).toList());
  }

  private static Gates.Outcome check(boolean emergency, PolicyQueue... queues) {
    LaunchPlanSpec spec = new LaunchPlanSpec();
    spec.setEmergency(emergency ? true : null);
    return Gates.check(spec, queuedAt(T0), LANE, CombinedPolicy.NONE, List.of(queues), T0);
  }

  @Test
  void aFreeSlotLetsTheLaunchStart() {
    PolicyQueue q = new PolicyQueue("prod", 2, List.of(member("pay", "api", Phase.Canary, "LaunchStarted", T0)));

    assertThat(check(false, q)).isEqualTo(new Gates.Open(List.of()));
  }

  @Test
  void takenSlotsHoldTheLaunchNamingThePolicyAndTheLaunchesUnderWay() {
    PolicyQueue q = new PolicyQueue("prod", 1, List.of(member("pay", "api", Phase.Observing, "CanaryReady", T0)));

    assertThat(check(false, q)).isInstanceOfSatisfying(Hold.class, h -> {
      assertThat(h.reason()).isEqualTo(Reason.PolicyConcurrency);
      assertThat(h.message()).isEqualTo("waiting for a launch slot of LaunchPolicy prod (maxConcurrentLaunches 1):"
          + " next in line; 1 under way (pay/api (Observing))");
      assertThat(h.warning()).isFalse();
      assertThat(h.retryAt()).as("a launch that ends wakes it").isNull();
    });
  }

  @Test
  void plansQueuedEarlierInOtherLanesGoFirstAndThePlaceIsShown() {
    PolicyQueue q = new PolicyQueue("prod", 2, List.of(
        member("pay", "api", Phase.Canary, "LaunchStarted", T0.minusSeconds(100)),
        member("cart", "ui", Phase.Pending, "PolicyConcurrency", T0.minusSeconds(20)),
        member("blog", "www", Phase.Pending, "PolicyConcurrency", T0.minusSeconds(50)),
        member("late", "x", Phase.Pending, "PolicyConcurrency", T0.plusSeconds(5))));

    assertThat(check(false, q)).isInstanceOfSatisfying(Hold.class, h -> assertThat(h.message()).isEqualTo(
        "waiting for a launch slot of LaunchPolicy prod (maxConcurrentLaunches 2): 3rd in line; 1 under way"
            + " (pay/api (Canary)), behind blog/www (Pending: PolicyConcurrency), cart/ui (Pending: PolicyConcurrency)"));
  }

  @Test
  void aPlanHeldByItsOwnLaneOrByAProblemOfItsOwnLetsTheOthersPass() {
    PolicyQueue q = new PolicyQueue("prod", 1, List.of(
        member("pay", "api", Phase.Pending, "LaneBusy", T0.minusSeconds(100)),
        member("pay", "cron", Phase.Pending, "Cooldown", T0.minusSeconds(100)),
        member("cart", "ui", Phase.Pending, "Frozen", T0.minusSeconds(100)),
        member("blog", "www", Phase.Succeeded, "Verified", T0.minusSeconds(100))));

    assertThat(check(false, q)).isEqualTo(new Gates.Open(List.of()));
  }

  @Test
  void aNewPlanQueuedEarlierTakesTheSlot() {
    PolicyQueue q = new PolicyQueue("prod", 1, List.of(member("pay", "api", null, null, T0.minusSeconds(1))));

    assertThat(check(false, q)).isInstanceOf(Hold.class);
  }

  @Test
  void theStrictestPolicyHoldsWhereTwoCover() {
    CombinedPolicy policy = limits(Map.of("wide", 5, "narrow", 1));
    assertThat(policy.concurrencyLimits()).extracting(CombinedPolicy.Rule::policy).containsExactly("narrow", "wide");

    LaneView.Member running = member("pay", "api", Phase.Canary, "LaunchStarted", T0.minusSeconds(100));
    Gates.Outcome outcome = check(false, new PolicyQueue("narrow", 1, List.of(running)),
        new PolicyQueue("wide", 5, List.of(running)));

    assertThat(outcome).isInstanceOfSatisfying(Hold.class,
        h -> assertThat(h.message()).startsWith("waiting for a launch slot of LaunchPolicy narrow"));
  }

  @Test
  void anEmergencySkipsTheSlotsAndSaysSo() {
    PolicyQueue q = new PolicyQueue("prod", 1, List.of(member("pay", "api", Phase.Canary, "LaunchStarted", T0)));

    assertThat(check(true, q)).isInstanceOfSatisfying(Gates.Open.class, open -> assertThat(open.bypassed())
        .singleElement().asString().startsWith("waiting for a launch slot of LaunchPolicy prod"));
  }

  @Test
  void anEmergencyPlanNeverQueuesButItsLaunchCounts() {
    LaneView.Member waiting = new LaneView.Member("pay", "api", Phase.Pending, "EmergencyBypass", T0.minusSeconds(9),
        null, Duration.ZERO, T0.minusSeconds(600), true, false);
    assertThat(check(false, new PolicyQueue("prod", 1, List.of(waiting)))).isEqualTo(new Gates.Open(List.of()));

    LaneView.Member running = new LaneView.Member("pay", "api", Phase.Canary, "LaunchStarted", T0.minusSeconds(9),
        null, Duration.ZERO, T0.minusSeconds(600), true, false);
    assertThat(check(false, new PolicyQueue("prod", 1, List.of(running)))).isInstanceOf(Hold.class);
  }
}
