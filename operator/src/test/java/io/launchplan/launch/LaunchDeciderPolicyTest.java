package io.launchplan.launch;

import static io.launchplan.launch.Fixtures.T0;
import static io.launchplan.launch.Fixtures.at;
import static io.launchplan.launch.Fixtures.readyCanary;
import static io.launchplan.launch.Fixtures.s;
import static io.launchplan.launch.Fixtures.spec;
import static io.launchplan.launch.Fixtures.stableTarget;
import static io.launchplan.launch.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.LaunchPolicySpec;
import io.launchplan.api.LaunchWindow;
import io.launchplan.api.Phase;
import io.launchplan.api.PolicyMinimums;
import io.launchplan.api.WindowKind;
import io.launchplan.gates.CombinedPolicy;
import io.launchplan.gates.PolicyView;
import io.launchplan.launch.Fixtures.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LaunchPolicies in the launch decision: a covered plan that breaks a rule or stands outside the
 * launch windows waits in Pending with nothing changed; the policies covering it are listed and, from
 * the launch's start, stay the launch's own. T0 is 2025-01-01T12:00:00Z, a Wednesday.
 */
class LaunchDeciderPolicyTest {
  private final LaunchDecider decider = new LaunchDecider();

  private static CombinedPolicy minCanaryObserve(String name, String min) {
    LaunchPolicySpec spec = new LaunchPolicySpec();
    PolicyMinimums m = new PolicyMinimums();
    m.setCanaryObserve(min);
    spec.setMinimums(m);
    return CombinedPolicy.of(List.of(new PolicyView(name, spec)));
  }

  private static CombinedPolicy allow(String name, String schedule, String duration) {
    LaunchWindow w = new LaunchWindow();
    w.setKind(WindowKind.Allow);
    w.setSchedule(schedule);
    w.setDuration(duration);
    w.setReason("afternoons");
    LaunchPolicySpec spec = new LaunchPolicySpec();
    spec.setWindows(List.of(w));
    return CombinedPolicy.of(List.of(new PolicyView(name, spec)));
  }

  private static World pending(Instant now, CombinedPolicy policy) {
    return new World(now).target(stableTarget()).policy(policy);
  }

  @Test
  void aPlanBreakingAMinimumWaitsWithPolicyViolationAndChangesNothing() {
    // Fixtures.spec() observes the canary for 2m
    Decision d = decider.decide(spec(), new LaunchPlanStatus(), pending(T0, minCanaryObserve("strict", "5m")).observe());

    assertThat(d.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(d.status().getReason()).isEqualTo("PolicyViolation");
    assertThat(d.status().getMessage())
        .isEqualTo("canary.observe 2m is shorter than the 5m LaunchPolicy strict requires (minimums.canaryObserve)");
    assertThat(d.status().getPolicies()).containsExactly("strict");
    assertThat(d.effects()).isEmpty();
    assertThat(d.warning()).isTrue();
  }

  @Test
  void outsideTheLaunchWindowThePlanWaitsAndIsWokenWhenItOpens() {
    CombinedPolicy afternoons = allow("hours", "0 14 * * *", "2h"); // 14:00-16:00 UTC

    Decision d = decider.decide(spec(), new LaunchPlanStatus(), pending(T0, afternoons).observe());

    assertThat(d.status().getReason()).isEqualTo("OutsideLaunchWindow");
    assertThat(d.status().getWindow().getNextOpen()).isEqualTo("2025-01-01T14:00:00Z");
    assertThat(d.status().getWindow().getPolicy()).isEqualTo("hours");
    assertThat(d.requeueAfter()).as("woken when the window opens").isEqualTo(PendingPhase.RECHECK);
    assertThat(d.effects()).isEmpty();

    Decision near = decider.decide(spec(), d.status(), pending(T0.plus(Duration.ofMinutes(119)).plusSeconds(50),
        afternoons).observe());
    assertThat(near.requeueAfter()).isEqualTo(Duration.ofSeconds(10));

    Decision open = decider.decide(spec(), near.status(), pending(Instant.parse("2025-01-01T14:00:00Z"), afternoons)
        .observe());
    assertThat(open.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(open.status().getWindow()).as("no window holds it any more").isNull();
    assertThat(open.status().getPolicies()).as("the launch's own policies").containsExactly("hours");
  }

  @Test
  void aPlanNoPolicyCoversListsNone() {
    Decision d = decider.decide(spec(), new LaunchPlanStatus(), pending(T0, CombinedPolicy.NONE).observe());

    assertThat(d.status().getPhase()).isEqualTo(Phase.Canary);
    assertThat(d.status().getPolicies()).isNull();
  }

  @Test
  void aLaunchUnderWayKeepsThePoliciesItStartedWith() {
    LaunchPlanStatus observing = status(Phase.Observing, at(s(10)));
    observing.setPolicies(List.of("old"));

    Decision d = decider.decide(spec(), observing, new World(at(s(20))).target(stableTarget()).canary(readyCanary())
        .policy(minCanaryObserve("old", "1h")).observe());

    assertThat(d.status().getPhase()).as("a rule is checked before a launch, never during one").isEqualTo(Phase.Observing);
    assertThat(d.status().getPolicies()).containsExactly("old");
  }
}
