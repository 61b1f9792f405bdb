package io.launchplan.launch;

import io.launchplan.api.LaunchPlanSpec;

/** One phase's step of the launch state machine ({@link LaunchDecider} picks the handler by phase). */
interface PhaseHandler {
  /** Decides the step of a plan in this phase into {@code d}. */
  void decide(LaunchPlanSpec spec, Observation obs, Draft d);
}
