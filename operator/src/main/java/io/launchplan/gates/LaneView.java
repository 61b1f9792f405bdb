package io.launchplan.gates;

import io.launchplan.api.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A plan's lane as the gates see it: the lane's name, the plan's own identity (for its place in
 * the queue) and every other LaunchPlan in the lane. Built by {@code cluster.Lanes} (for the
 * Observer) from the operator's in-memory cache; no client objects cross this line. A lane
 * is local to its namespace: plans of two namespaces never share one.
 *
 * @param name the lane ({@code spec.lane}, default the namespace)
 * @param namespace the plan's namespace
 * @param plan the plan's name
 * @param created the plan's creation timestamp (a tie-breaker in the queue), or null
 * @param others the other plans in the lane
 */
public record LaneView(String name, String namespace, String plan, Instant created, List<Member> others) {
  public LaneView {
    others = List.copyOf(others);
  }

  /** A lane in which the plan is alone. */
  public static LaneView alone(String name, String namespace, String plan, Instant created) {
    return new LaneView(name, namespace, plan, created, List.of());
  }

  /** {@code namespace/name} of the plan itself. */
  public String self() {
    return namespace + "/" + plan;
  }

  /**
   * Another plan in the lane.
   *
   * @param phase its phase, or null when the operator has not written its status yet
   * @param reason its status reason, or null
   * @param queuedAt when it entered Pending with its current revision, or null
   * @param endedAt when its last launch ended, or null
   * @param cooldown its {@code spec.cooldown} (zero when unset)
   * @param created its creation timestamp, or null
   * @param emergency its {@code spec.emergency}
   * @param holdLifted what its status says held it (a freeze, {@code spec.paused}) holds it no more,
   *     though it has not been reconciled since: it takes its place in the queue again
   */
  public record Member(String namespace, String name, Phase phase, String reason, Instant queuedAt,
      Instant endedAt, Duration cooldown, Instant created, boolean emergency, boolean holdLifted) {

    /** {@code namespace/name}. */
    public String key() {
      return namespace + "/" + name;
    }

    /** Holds the lane: a launch runs (Canary…Verifying, Paused and Reverting included). */
    public boolean active() {
      return phase != null && phase.isActive();
    }
  }
}
