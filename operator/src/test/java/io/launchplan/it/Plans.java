package io.launchplan.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.LaunchPlan;
import io.launchplan.testsupport.LaunchPlanYaml;

/** LaunchPlans for tests, written as YAML the way people write them. */
public final class Plans {
  private Plans() {}

  public static LaunchPlan fromYaml(String yaml) {
    return Serialization.unmarshal(yaml, LaunchPlan.class);
  }

  /**
   * A plan for Deployment {@code app} without checks: image {@code registry.example/<app>:2}, canary
   * and verification windows of 1s, plus {@code extraSpec} (lines under {@code spec}, unindented).
   */
  public static LaunchPlan simple(String name, String app, String extraSpec) {
    return fromYaml(LaunchPlanYaml.of(name, app, """
        canary: {observe: 1s}
        rollout: {observe: 1s}
        """ + extraSpec));
  }

  public static JsonNode json(String yaml) {
    return Serialization.unmarshal(yaml, JsonNode.class);
  }
}
