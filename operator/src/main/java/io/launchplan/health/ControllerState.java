package io.launchplan.health;

import java.util.List;

/**
 * A snapshot of the controller for the health endpoints, free of JOSDK types so the verdicts are
 * plain functions ({@link HealthVerdicts}).
 *
 * @param started the controller has started: its informers listed and synced once
 * @param stopping the operator is shutting down
 * @param leaderElection leader election is on
 * @param leading this replica holds the lease (always true without leader election)
 * @param unhealthy one line per unhealthy event source, e.g. "launchplan/ControllerEventSource: namespace shop: not watching"
 */
public record ControllerState(boolean started, boolean stopping, boolean leaderElection, boolean leading,
    List<String> unhealthy) {

  public ControllerState {
    unhealthy = List.copyOf(unhealthy);
  }
}
