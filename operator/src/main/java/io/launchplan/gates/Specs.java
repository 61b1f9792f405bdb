package io.launchplan.gates;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchplan.api.LaunchPlanSpec;

/** Copies of a plan's spec the gates hand on changed, leaving the plan's own untouched. */
final class Specs {
  private static final ObjectMapper COPIER = new ObjectMapper();

  private Specs() {}

  /** A deep copy of {@code spec}, every field included. */
  static LaunchPlanSpec copy(LaunchPlanSpec spec) {
    return COPIER.convertValue(spec, LaunchPlanSpec.class);
  }
}
