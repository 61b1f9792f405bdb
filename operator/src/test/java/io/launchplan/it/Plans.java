package io.launchplan.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.LaunchPlan;

/** LaunchPlans for tests, written as YAML the way people write them. */
public final class Plans {
  private Plans() {}

  public static LaunchPlan fromYaml(String yaml) {
    return Serialization.unmarshal(yaml, LaunchPlan.class);
  }

  public static JsonNode json(String yaml) {
    return Serialization.unmarshal(yaml, JsonNode.class);
  }
}
