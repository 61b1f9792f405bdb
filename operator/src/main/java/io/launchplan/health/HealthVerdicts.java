package io.launchplan.health;

/**
 * What {@code /healthz} and {@code /readyz} answer for a {@link ControllerState}.
 *
 * <p>Liveness fails only when restarting the process could help: the controller is not running
 * (not yet started, or stopped). It does not fail for an unreachable API server (a restart would
 * not bring it back, and restarting every operator pod at once when the API server blips only
 * adds load) nor for a leader-election standby (waiting for the lease is its job).
 *
 * <p>Readiness fails while the controller has not started or any informer is not running,
 * watching and synced, e.g. because the API server is unreachable or the operator may no longer
 * list LaunchPlans. A standby is ready when its informers are healthy: its caches are warm and it
 * can take over; a rolling update (maxUnavailable 0) waits for the new pod's readiness, and the new
 * pod cannot get the lease before the old one is gone, so a standby that waited for the lease to be
 * ready would stall every upgrade.
 */
public final class HealthVerdicts {
  private HealthVerdicts() {}

  /** The status code and a short explanation, one line per finding. */
  public record Verdict(boolean ok, String body) {
    public int status() {
      return ok ? 200 : 503;
    }
  }

  public static Verdict liveness(ControllerState s) {
    if (s.stopping()) {
      return new Verdict(false, "unhealthy: the operator is stopping\n");
    }
    if (!s.started()) {
      return new Verdict(false, "unhealthy: the controller has not started (its informers have not synced yet)\n");
    }
    return new Verdict(true, "ok: the controller is running" + role(s) + "\n");
  }

  public static Verdict readiness(ControllerState s) {
    if (s.stopping() || !s.started()) {
      return liveness(s);
    }
    if (!s.unhealthy().isEmpty()) {
      StringBuilder sb = new StringBuilder("unhealthy: ").append(s.unhealthy().size())
          .append(s.unhealthy().size() == 1 ? " event source is" : " event sources are")
          .append(" not healthy (API server unreachable, or access to a watched resource lost?)\n");
      s.unhealthy().forEach(line -> sb.append("  ").append(line).append('\n'));
      return new Verdict(false, sb.toString());
    }
    return new Verdict(true, "ok: the controller is running and its informers are watching and synced" + role(s) + "\n");
  }

  private static String role(ControllerState s) {
    if (!s.leaderElection()) {
      return "";
    }
    return s.leading() ? "; leader (holds the lease)" : "; standby (waiting for the lease)";
  }
}
