package io.launchplan.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.CanarySpec;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.LaunchPolicySpec;
import io.launchplan.api.LaunchWindow;
import io.launchplan.api.Phase;
import io.launchplan.api.PolicyMinimums;
import io.launchplan.api.WindowKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which policy and rule hold a plan, for {@code launchplan_policy_holds{policy,rule}}. */
class PolicyHoldsTest {
  private static final Instant NOW = Instant.parse("2025-03-04T07:00:00Z");

  private static LaunchPlanStatus held(String reason) {
    LaunchPlanStatus s = new LaunchPlanStatus();
    s.setPhase(Phase.Pending);
    s.setReason(reason);
    s.setQueuedAt(NOW.toString());
    return s;
  }

  private static LaunchPlanSpec observing(String observe) {
    LaunchPlanSpec spec = new LaunchPlanSpec();
    CanarySpec canary = new CanarySpec();
    canary.setObserve(observe);
    spec.setCanary(canary);
    return spec;
  }

  @Test
  void aViolationNamesEachBrokenRuleOfItsPolicy() {
    LaunchPolicySpec strict = new LaunchPolicySpec();
    PolicyMinimums m = new PolicyMinimums();
    m.setCanaryObserve("5m");
    m.setMaxCanaryReplicas(1);
    strict.setMinimums(m);
    CombinedPolicy policy = CombinedPolicy.of(List.of(new PolicyView("strict", strict)));

    assertThat(PolicyHolds.of(observing("3s"), held("PolicyViolation"), policy, null, List.of(), NOW))
        .containsExactly(new CombinedPolicy.Rule<>("minimums.canaryObserve", "strict"));
  }

  @Test
  void aClosedWindowAnInvalidPolicyAndAFullSlotEachNameTheirPolicy() {
    LaunchWindow w = new LaunchWindow();
    w.setKind(WindowKind.Allow);
    w.setSchedule("0 9 * * *");
    w.setDuration("1h");
    LaunchPolicySpec hours = new LaunchPolicySpec();
    hours.setWindows(List.of(w));
    LaunchWindow broken = new LaunchWindow();
    broken.setKind(WindowKind.Deny);
    broken.setSchedule("0 25 * * *");
    broken.setDuration("1h");
    LaunchPolicySpec bad = new LaunchPolicySpec();
    bad.setWindows(List.of(broken));
    CombinedPolicy policy = CombinedPolicy.of(List.of(new PolicyView("hours", hours), new PolicyView("bad", bad)));

    assertThat(PolicyHolds.of(observing("5m"), held("OutsideLaunchWindow"), policy, null, List.of(), NOW))
        .containsExactly(new CombinedPolicy.Rule<>("windows", "hours"));
    assertThat(PolicyHolds.of(observing("5m"), held("PolicyInvalid"), policy, null, List.of(), NOW))
        .containsExactly(new CombinedPolicy.Rule<>("invalid", "bad"));

    LaneView lane = LaneView.alone("shop", "shop", "web", NOW.minusSeconds(60));
    PolicyQueue full = new PolicyQueue("slots", 1, List.of(new LaneView.Member("pay", "api", Phase.Canary, "LaunchStarted",
        NOW.minusSeconds(5), null, Duration.ZERO, NOW.minusSeconds(600), false, false)));
    assertThat(PolicyHolds.of(observing("5m"), held("PolicyConcurrency"), CombinedPolicy.NONE, lane, List.of(full), NOW))
        .containsExactly(new CombinedPolicy.Rule<>("maxConcurrentLaunches", "slots"));
  }

  @Test
  void anyOtherReasonIsNoPolicyHold() {
    assertThat(PolicyHolds.of(observing("5m"), held("LaneBusy"), CombinedPolicy.NONE, null, List.of(), NOW)).isEmpty();
    assertThat(PolicyHolds.of(observing("5m"), new LaunchPlanStatus(), CombinedPolicy.NONE, null, List.of(), NOW))
        .isEmpty();
  }
}
