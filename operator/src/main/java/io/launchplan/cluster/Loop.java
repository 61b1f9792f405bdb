package io.launchplan.cluster;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.launch.Decision;
import io.launchplan.launch.LaunchDecider;
import io.launchplan.launch.Observation;
import java.util.List;

/**
 * The four parts of a reconcile as {@link LaunchPlanReconciler} wires them: observe
 * ({@link Observer}), decide ({@link LaunchDecider}), act ({@link Actuator}), write
 * ({@link StatusWriter}). Interfaces so the loop itself is tested with fakes of each.
 */
final class Loop {
  private Loop() {}

  /** The parts one reconciler wires, and the event sources whose caches they read. */
  record Parts(Observe observer, Decide decider, Act actuator, Write statusWriter, Sources wakeUps) {}

  /** Reads the world into what the decision looks at. */
  interface Observe {
    Observed observe(LaunchPlan plan, LaunchPlanStatus status, Context<LaunchPlan> context);

    /** Releases what {@link #observe} locked on this thread; called once the reconcile ends, also when it threw. */
    void release();
  }

  /** The pure decision. */
  @FunctionalInterface
  interface Decide {
    Decision decide(LaunchPlanSpec spec, LaunchPlanStatus status, Observation observation);
  }

  /** Makes a decision's changes in the cluster. */
  interface Act {
    /** Makes the changes, and stamps the transition with when they were made. */
    void act(LaunchPlan plan, Decision decision, Observed seen);

    /** What a deleted plan leaves behind. */
    void removeOnDelete(LaunchPlan plan);
  }

  /** Assembles and writes the status, once, and tells of the transition after the write. */
  interface Write {
    /** The status the decision takes. */
    LaunchPlanStatus current(LaunchPlan plan);

    void write(LaunchPlan plan, Decision decision, Observed seen, Context<LaunchPlan> context);

    /** A reconcile that threw: {@code Ready=False}, reason {@code ReconcileError}. */
    void writeError(LaunchPlan plan, Exception error, Context<LaunchPlan> context);

    /** Forgets a deleted plan. */
    void forget(LaunchPlan plan);
  }

  /** Makes the event sources that wake plans, and with them the caches the parts read ({@link WakeUps}). */
  @FunctionalInterface
  interface Sources {
    List<EventSource<?, LaunchPlan>> eventSources(EventSourceContext<LaunchPlan> context);
  }
}
