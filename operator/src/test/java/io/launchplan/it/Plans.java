package io.launchplan.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.LaunchPlan;
import io.launchplan.testsupport.LaunchPlanYaml;
import org.yaml.snakeyaml.LoaderOptions;

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

  /** Reads YAML of any length; fabric8's {@link Serialization} keeps snakeyaml's default limit of 3 MB. */
  private static final ObjectMapper ANY_SIZE = new ObjectMapper(YAMLFactory.builder().loaderOptions(anySize()).build());

  private static LoaderOptions anySize() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    return options;
  }

  /**
   * {@link #json} without a limit on the length: for {@code get -A -o yaml} of a whole cluster, which is over
   * snakeyaml's 3 MB when the cluster holds some thousand plans (a shared cluster, a benchmark's plans).
   */
  public static JsonNode yamlOfAnySize(String yaml) {
    try {
      return ANY_SIZE.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not YAML: " + e.getOriginalMessage(), e);
    }
  }
}
