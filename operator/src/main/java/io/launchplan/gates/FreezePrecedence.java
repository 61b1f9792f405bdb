package io.launchplan.gates;

import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Which incident freeze holds a plan, and whether it holds it, in one place. The most specific
 * source wins: the {@code launchplan.io/freeze} annotation on the plan itself, then on its
 * Namespace, then on the operator's config ConfigMap, then a firing freeze alert (the earliest
 * of them); a source is only asked when no more specific one freezes the plan. A freeze holds a new
 * launch in Pending and pauses one under way, except that {@code spec.emergency} goes through any
 * freeze (the decision records the bypass at the launch's start). Pure: the sources are read by
 * the cluster side ({@code cluster.Freezes}, {@code cluster.ClusterFreezes}, {@code analysis.FreezeAlerts}).
 */
public final class FreezePrecedence {
  private FreezePrecedence() {}

  /** Where a freeze comes from, the most specific first. */
  public enum Source {
    /** The plan's own {@code launchplan.io/freeze} annotation. */
    PLAN,
    /** Its Namespace's annotation. */
    NAMESPACE,
    /** The annotation on the operator's config ConfigMap (cluster-wide). */
    CONFIG,
    /** A firing alert matching the freeze alert selector (cluster-wide). */
    ALERT
  }

  /**
   * The freeze that holds the plan: the first source, in {@link Source} order, that reports one;
   * null when none does. {@code source} is asked lazily, in that order.
   */
  public static Freeze find(Function<Source, Freeze> source) {
    for (Source s : Source.values()) {
      Freeze freeze = source.apply(s);
      if (freeze != null) {
        return freeze;
      }
    }
    return null;
  }

  /**
   * Whether a freeze holds the plan's launch (keeps it Pending, or pauses it): a freeze is there and
   * the plan is not an emergency. {@code frozen} is not asked for an emergency plan.
   */
  public static boolean holds(boolean emergency, BooleanSupplier frozen) {
    return !emergency && frozen.getAsBoolean();
  }
}
