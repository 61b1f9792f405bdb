package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CrdUnionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode crd(String schema, String columns) throws Exception {
    return JSON.readTree("{\"spec\":{\"versions\":[{\"name\":\"v1\",\"additionalPrinterColumns\":" + columns
        + ",\"schema\":{\"openAPIV3Schema\":" + schema + "}}]}}");
  }

  @Test
  void keepsTheLivePropertiesRulesAndColumnsTheGeneratedOneLacks() throws Exception {
    ObjectNode generated = (ObjectNode) crd("""
        {"properties":{"spec":{"properties":{"a":{"type":"string"},"canary":{"properties":{"observe":{"type":"string"}}}}}}}""",
        "[{\"name\":\"Phase\"}]");
    JsonNode live = crd("""
        {"properties":{"spec":{"properties":{"b":{"type":"integer"},"canary":{"x-kubernetes-validations":[{"rule":"r1"}],
        "properties":{"steps":{"type":"array","items":{"properties":{"percent":{"type":"integer"}}}}}}}}}}""",
        "[{\"name\":\"Phase\"},{\"name\":\"Step\"}]");

    CrdUnion.addMissing(generated, live);

    JsonNode version = generated.path("spec").path("versions").get(0);
    JsonNode spec = version.path("schema").path("openAPIV3Schema").path("properties").path("spec").path("properties");
    assertThat(spec.path("a").path("type").asText()).isEqualTo("string");
    assertThat(spec.path("b").path("type").asText()).isEqualTo("integer");
    assertThat(spec.path("canary").path("properties").path("observe").isObject()).isTrue();
    assertThat(spec.path("canary").path("properties").path("steps").path("items").path("properties").has("percent")).isTrue();
    assertThat(spec.path("canary").path("x-kubernetes-validations").get(0).path("rule").asText()).isEqualTo("r1");
    assertThat(version.path("additionalPrinterColumns")).extracting(n -> n.path("name").asText()).containsExactly("Phase", "Step");
  }

  @Test
  void keepsTheLiveStatusSubresourceTheGeneratedOneLacks() throws Exception {
    ObjectNode generated = (ObjectNode) crd("{}", "[]");
    JsonNode live = JSON.readTree("{\"spec\":{\"versions\":[{\"name\":\"v1\",\"subresources\":{\"status\":{}}}]}}");

    CrdUnion.addMissing(generated, live);

    assertThat(generated.path("spec").path("versions").get(0).path("subresources").has("status")).isTrue();
  }

  @Test
  void aRetiredRuleOfTheLiveCrdIsNotKept() throws Exception {
    ObjectNode generated = (ObjectNode) crd("{\"properties\":{\"web\":{\"type\":\"object\"}}}", "[]");
    JsonNode live = crd("{\"properties\":{\"web\":{\"x-kubernetes-validations\":[{\"rule\":\"!has(self.auth)\",\"message\":"
        + JSON.writeValueAsString(CrdUnion.RETIRED_RULES.iterator().next()) + "},{\"rule\":\"r2\"}]}}}", "[]");

    CrdUnion.addMissing(generated, live);

    JsonNode web = generated.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema")
        .path("properties").path("web");
    assertThat(web.path("x-kubernetes-validations")).extracting(n -> n.path("rule").asText()).containsExactly("r2");
  }
}
