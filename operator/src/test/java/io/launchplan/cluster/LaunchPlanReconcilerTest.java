package io.launchplan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.launch.Controls;
import io.launchplan.launch.Decision;
import io.launchplan.launch.Effect;
import io.launchplan.launch.Observation;
import io.launchplan.metrics.OperatorMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The loop itself, with fakes of its four parts: each reconcile observes, decides on that
 * observation, acts on that decision and writes it, in that order and once; the locks the
 * observation took are released whatever happens; the reschedule counts from the decision.
 */
class LaunchPlanReconcilerTest {
  private static final Instant DECIDED = Instant.parse("2026-12-01T12:00:00Z");

  private final List<String> calls = new ArrayList<>();
  private final LaunchPlan plan = plan();
  private final LaunchPlanStatus written = new LaunchPlanStatus();
  private final Observation observation = new Observation(DECIDED, "rev1", null, null, null, null, null, null,
      Controls.NONE, 0.5, null, null, -1, null);
  private final Observed seen = new Observed(observation, plan.getSpec(), Phase.Pending, null, null, null, false);
  private Decision decision = decision(Duration.ofSeconds(10));
  private RuntimeException actFails;
  private Clock clock = Clock.fixed(DECIDED, ZoneOffset.UTC);

  private final Loop.Observe observer = new Loop.Observe() {
    @Override
    public Observed observe(LaunchPlan p, LaunchPlanStatus status, Context<LaunchPlan> context) {
      calls.add("observe " + (status == written));
      return seen;
    }

    @Override
    public void release() {
      calls.add("release");
    }
  };

  private final Loop.Decide decider = (spec, status, obs) -> {
    calls.add("decide " + (spec == plan.getSpec()) + " " + (status == written) + " " + (obs == observation));
    return decision;
  };

  private final Loop.Act actuator = new Loop.Act() {
    @Override
    public void act(LaunchPlan p, Decision d, Observed s) {
      calls.add("act " + (d == decision) + " " + (s == seen));
      if (actFails != null) {
        throw actFails;
      }
    }

    @Override
    public void removeOnDelete(LaunchPlan p) {
      calls.add("removeOnDelete");
    }
  };

  private final Loop.Write writer = new Loop.Write() {
    @Override
    public LaunchPlanStatus current(LaunchPlan p) {
      calls.add("current");
      return written;
    }

    @Override
    public void write(LaunchPlan p, Decision d, Observed s, Context<LaunchPlan> context) {
      calls.add("write " + (d == decision) + " " + (s == seen));
    }

    @Override
    public void writeError(LaunchPlan p, Exception error, Context<LaunchPlan> context) {
      calls.add("writeError " + error.getMessage());
    }

    @Override
    public void forget(LaunchPlan p) {
      calls.add("forget");
    }
  };

  private LaunchPlanReconciler reconciler() {
    return new LaunchPlanReconciler(clock, new OperatorMetrics(new PrometheusRegistry()),
        new Loop.Parts(observer, decider, actuator, writer, context -> List.of()));
  }

  @Test
  void aReconcileObservesDecidesActsAndWritesOnceInThatOrder() {
    reconciler().reconcile(plan, context(Optional.empty()));

    assertThat(calls).containsExactly("current", "observe true", "decide true true true", "act true true",
        "write true true", "release");
  }

  @Test
  void theRescheduleCountsFromTheDecisionNotFromTheReturn() {
    clock = Clock.fixed(DECIDED.plusMillis(2_500), ZoneOffset.UTC); // acting and writing took 2.5 s

    UpdateControl<LaunchPlan> control = reconciler().reconcile(plan, context(Optional.empty()));

    assertThat(control.getScheduleDelay()).contains(7_500L);
  }

  @Test
  void aDecisionThatAsksForNoWakeUpWaitsForAWatch() {
    decision = decision(null);

    assertThat(reconciler().reconcile(plan, context(Optional.empty())).getScheduleDelay()).isEmpty();
  }

  @Test
  void aReconcileThatThrowsWritesNothingAndStillReleasesTheLocks() {
    actFails = new IllegalStateException("the stable template is missing");

    assertThatThrownBy(() -> reconciler().reconcile(plan, context(Optional.empty())))
        .isSameAs(actFails);
    assertThat(calls).containsExactly("current", "observe true", "decide true true true", "act true true", "release");
  }

  @Test
  void aFailedReconcileIsWrittenAsAnErrorAndRetriedWithBackoff() {
    var control = reconciler().updateErrorStatus(plan, context(Optional.of(retry(false))), new RuntimeException("boom"));

    assertThat(calls).containsExactly("writeError boom");
    assertThat(control.isNoRetry()).isFalse();
    assertThat(control.getScheduleDelay()).isEmpty();
  }

  @Test
  void onceTheRetriesAreUsedUpThePlanIsLookedAtAgainLater() {
    var control = reconciler().updateErrorStatus(plan, context(Optional.of(retry(true))), new RuntimeException("boom"));

    assertThat(control.isNoRetry()).isTrue();
    assertThat(control.getScheduleDelay()).contains(LaunchPlanReconciler.ERROR_RECHECK.toMillis());
  }

  @Test
  void aDeletedPlanIsForgottenAndCleanedUp() {
    reconciler().cleanup(plan, context(Optional.empty()));

    assertThat(calls).containsExactly("forget", "removeOnDelete");
  }

  private static Decision decision(Duration requeueAfter) {
    return new Decision(new LaunchPlanStatus(), List.of(Effect.APPLY_CANARY), requeueAfter, null, false);
  }

  private static LaunchPlan plan() {
    LaunchPlan p = new LaunchPlan();
    p.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("checkout").withUid("u1").withGeneration(1L)
        .build());
    p.setSpec(new LaunchPlanSpec());
    return p;
  }

  private static RetryInfo retry(boolean last) {
    return new RetryInfo() {
      @Override
      public int getAttemptCount() {
        return 1;
      }

      @Override
      public boolean isLastAttempt() {
        return last;
      }
    };
  }

  /** A Context that answers only {@code getRetryInfo}: the fakes read nothing else. */
  @SuppressWarnings("unchecked")
  private static Context<LaunchPlan> context(Optional<RetryInfo> retry) {
    return (Context<LaunchPlan>) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getRetryInfo")) {
            return retry;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
