package io.launchplan.analysis.receiver;

import io.launchplan.api.LaunchPlan;
import java.util.function.Predicate;

/**
 * Wakes plans at once, without waiting for their next timer: implemented over a JOSDK event
 * source by {@code cluster.WakeUps}, so the receiver knows nothing of JOSDK.
 */
public interface PlanWaker {
  /** Whether a wake-up reaches a reconciler now (false while starting, or on a replica that does not lead). */
  boolean running();

  /** Wakes every cached plan {@code which} accepts; returns how many. */
  int wake(Predicate<LaunchPlan> which);
}
