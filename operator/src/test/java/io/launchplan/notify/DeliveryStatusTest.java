package io.launchplan.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryStatusTest {
  static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");
  static final String URL = "http://chat-bridge/hooks/launches";

  private final DeliveryStatus status = new DeliveryStatus();

  private static Condition condition(LaunchPlanStatus s) {
    return s.getConditions().stream().filter(c -> DeliveryStatus.CONDITION.equals(c.getType())).findFirst().orElse(null);
  }

  /** Applies the condition the way the reconciler does, and makes the result the plan's current status. */
  private LaunchPlanStatus reconcile(LaunchPlan plan, Instant now) {
    LaunchPlanStatus next = new LaunchPlanStatus();
    next.setConditions(new ArrayList<>(List.of(new Condition(T0.toString(), "", 3L, "Succeeded", "True", "Ready"))));
    status.applyCondition(plan, next, now);
    plan.setStatus(next);
    return next;
  }

  @Test
  void aLostNoticeSetsTheConditionWithTheLastErrorUntilADeliveryClearsIt() {
    LaunchPlan plan = NoticeTest.plan();
    PlanRef ref = PlanRef.of(plan);

    Condition quiet = condition(reconcile(plan, T0));
    assertThat(quiet.getStatus()).isEqualTo("False");
    assertThat(quiet.getReason()).isEqualTo("NoFailures");

    status.failed(ref, URL, "cannot connect: Connection refused (after 5 tries)", T0.plusSeconds(5));
    Condition failing = condition(reconcile(plan, T0.plusSeconds(6)));
    assertThat(failing.getStatus()).isEqualTo("True");
    assertThat(failing.getReason()).isEqualTo("DeliveryFailed");
    assertThat(failing.getMessage()).contains(URL).contains("Connection refused");
    assertThat(failing.getLastTransitionTime()).isEqualTo(T0.plusSeconds(6).toString());
    assertThat(failing.getObservedGeneration()).isEqualTo(3L);

    assertThat(condition(reconcile(plan, T0.plusSeconds(30))).getLastTransitionTime())
        .as("moves only when the status flips").isEqualTo(T0.plusSeconds(6).toString());

    status.delivered(ref, URL);
    Condition cleared = condition(reconcile(plan, T0.plusSeconds(40)));
    assertThat(cleared.getStatus()).isEqualTo("False");
    assertThat(cleared.getLastTransitionTime()).isEqualTo(T0.plusSeconds(40).toString());
  }

  @Test
  void theOtherConditionsAreKept() {
    LaunchPlanStatus next = reconcile(NoticeTest.plan(), T0);
    assertThat(next.getConditions()).extracting(Condition::getType).containsExactly("Ready", DeliveryStatus.CONDITION);
  }

  @Test
  void aPlanWithoutWebhooksGetsNoCondition() {
    LaunchPlan plan = NoticeTest.plan();
    plan.getSpec().setNotify(null);
    assertThat(condition(reconcile(plan, T0))).isNull();
  }

  @Test
  void theLatestFailureOfAnyWebhookIsShown() {
    PlanRef ref = new PlanRef("shop", "checkout");
    status.failed(ref, "http://a", "first", T0);
    status.failed(ref, "http://b", "second", T0.plusSeconds(1));
    assertThat(status.lastFailure(ref).error()).isEqualTo("second");
    status.delivered(ref, "http://b");
    assertThat(status.lastFailure(ref).error()).as("a still fails").isEqualTo("first");
  }
}
