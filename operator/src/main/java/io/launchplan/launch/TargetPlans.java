package io.launchplan.launch;

import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import io.launchplan.api.Reason.Meaning;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The other LaunchPlans on the plan's target Deployment, as the Pending phase sees them when a
 * launch may start: one Deployment has at most one active launch, whatever the plans' lanes, and
 * plans waiting for it start first come first served. Built by {@code cluster.TargetClaims} (for
 * the Observer) from the operator's in-memory cache; no client objects cross this line.
 *
 * @param self {@code namespace/name} of the plan itself
 * @param created the plan's creation timestamp (a tie-breaker in the queue), or null
 * @param others the other plans whose {@code targetRef} names the same Deployment
 */
public record TargetPlans(String self, Instant created, List<Claim> others) {
  /** The order of the queue: queued time, then creation, then {@code namespace/name} (a total order). */
  private static final Comparator<Place> ORDER = Comparator.comparing(Place::queuedAt)
      .thenComparing(Place::created).thenComparing(Place::key);

  private record Place(Instant queuedAt, Instant created, String key) {}

  public TargetPlans {
    others = List.copyOf(others);
  }

  /**
   * Another plan on the target.
   *
   * @param key its {@code namespace/name}
   * @param phase its phase, or null when the operator has not written its status yet
   * @param reason its status reason, or null
   * @param queuedAt when it entered Pending with its current revision, or null
   * @param created its creation timestamp, or null
   */
  public record Claim(String key, Phase phase, String reason, Instant queuedAt, Instant created) {
    /** A launch runs on the target (Canary…Verifying, Paused and Reverting included). */
    public boolean active() {
      return phase != null && phase.isActive();
    }

    /** Waits to launch: Pending with nothing but its turn holding it, or not judged yet. */
    boolean queued() {
      return phase == null || (phase == Phase.Pending && (reason == null || Reason.is(reason, Meaning.WAITS_FOR_TARGET)));
    }

    String describe() {
      return key + " (" + (phase == null ? "new" : phase + (phase == Phase.Pending && reason != null ? ": " + reason : ""))
          + ")";
    }

    private Place place() {
      return new Place(orEpoch(queuedAt != null ? queuedAt : created), orEpoch(created), key);
    }
  }

  /**
   * What keeps the plan, queued at {@code queuedAt}, from launching onto the target: a message
   * naming the plan whose launch runs there, or the plan queued before it; null when it may go.
   */
  public String busy(String target, Instant queuedAt) {
    List<Claim> active = others.stream().filter(Claim::active).toList();
    if (!active.isEmpty()) {
      return "Deployment " + target + " is being launched by plan " + active.get(0).describe()
          + "; this plan launches when it ends";
    }
    Place own = new Place(orEpoch(queuedAt != null ? queuedAt : created), orEpoch(created), self);
    return others.stream().filter(Claim::queued).filter(c -> ORDER.compare(c.place(), own) < 0)
        .min(Comparator.comparing(Claim::place, ORDER))
        .map(c -> "Deployment " + target + " is launched next by plan " + c.describe()
            + ", queued first; this plan launches when that launch ends")
        .orElse(null);
  }

  private static Instant orEpoch(Instant i) {
    return i != null ? i : Instant.EPOCH;
  }
}
