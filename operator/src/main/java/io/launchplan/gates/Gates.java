package io.launchplan.gates;

import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import java.time.Instant;
import java.util.List;

/**
 * The gates of the launch procedure that a new launch passes before its canary starts, in this
 * order: an owed postmortem, then the lane (one launch at a time, first come first served), then
 * the lane's cooldown. {@code spec.emergency} skips the lane and the cooldown (and, in the
 * decision, a freeze: {@link FreezePrecedence}) but never the postmortem. Pure: the lane comes in as a
 * {@link LaneView}.
 */
public final class Gates {
  private Gates() {}

  /** What the gates say about starting a launch now. */
  public sealed interface Outcome permits Open, Hold, PostmortemAccepted {}

  /**
   * The launch may start.
   *
   * @param bypassed what an emergency launch skipped (lane and cooldown holds, as sentences); empty otherwise
   */
  public record Open(List<String> bypassed) implements Outcome {
    public Open {
      bypassed = List.copyOf(bypassed);
    }
  }

  /**
   * {@code spec.postmortem} settles the postmortem owed for {@code revision}: record it (history
   * reason {@code PostmortemAccepted}) before anything else happens.
   */
  public record PostmortemAccepted(String revision, String message) implements Outcome {}

  /** Checks the gates for a Pending plan whose status is {@code status} (its queuedAt already set). */
  public static Outcome check(LaunchPlanSpec spec, LaunchPlanStatus status, LaneView lane, Instant now) {
    Outcome postmortem = Postmortems.check(spec, status);
    if (postmortem != null) {
      return postmortem;
    }
    List<Hold> holds = LaneGate.holds(spec, status, lane, now);
    if (spec.emergency()) {
      return new Open(holds.stream().map(Hold::message).toList());
    }
    return holds.isEmpty() ? new Open(List.of()) : holds.get(0);
  }
}
