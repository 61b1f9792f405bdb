package io.launchplan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Schema union of two versions of one CRD, for several worktrees sharing one development cluster
 * (opt-in with {@code LAUNCHPLAN_TEST_CRD_UNION=1}). Each worktree's tests apply the CRD their build
 * generated; without the union, a worktree adding {@code spec.a} and another adding {@code spec.b}
 * would each prune the other's field from every object written after their apply. The union keeps
 * every property, CEL rule, printer column and subresource of the live CRD that the applied one lacks. CI starts
 * from an empty cluster, where the union is the generated CRD itself.
 */
final class CrdUnion {
  /**
   * CEL rules removed from the types on purpose, by their message: never carried over from the
   * live CRD, or a worktree could not lift a restriction another's older CRD still has.
   */
  static final Set<String> RETIRED_RULES = Set.of(
      // web checks' auth, reserved and refused until issue 17 wired it to the connection types
      "auth is coming with the Prometheus connection types (bearer, basic, TLS from Secrets); use headers for now");

  private CrdUnion() {}

  /** Adds to {@code generated} (a CRD as JSON) what {@code live} has and it lacks. */
  static void addMissing(ObjectNode generated, JsonNode live) {
    JsonNode liveVersions = live.path("spec").path("versions");
    for (JsonNode version : generated.path("spec").path("versions")) {
      for (JsonNode liveVersion : liveVersions) {
        if (liveVersion.path("name").equals(version.path("name"))) {
          ObjectNode v = (ObjectNode) version;
          mergeSchema(v.path("schema").path("openAPIV3Schema"), liveVersion.path("schema").path("openAPIV3Schema"));
          unionBy(v, liveVersion, "additionalPrinterColumns", "name");
          // A status subresource one worktree added (LaunchPolicy's) stays: without it, PATCH .../status is a 404.
          if (liveVersion.has("subresources") && !v.has("subresources")) {
            v.set("subresources", liveVersion.get("subresources").deepCopy());
          }
        }
      }
    }
  }

  private static void mergeSchema(JsonNode into, JsonNode from) {
    if (!(into instanceof ObjectNode target) || !from.isObject()) {
      return;
    }
    JsonNode fromProps = from.path("properties");
    if (fromProps.isObject()) {
      ObjectNode props = target.has("properties") ? (ObjectNode) target.get("properties") : target.putObject("properties");
      for (Iterator<Map.Entry<String, JsonNode>> it = fromProps.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (props.has(e.getKey())) {
          mergeSchema(props.get(e.getKey()), e.getValue());
        } else {
          props.set(e.getKey(), e.getValue().deepCopy());
        }
      }
    }
    if (from.has("items")) {
      mergeSchema(target.path("items"), from.get("items"));
    }
    if (from.has("additionalProperties")) {
      mergeSchema(target.path("additionalProperties"), from.get("additionalProperties"));
    }
    unionBy(target, from, "x-kubernetes-validations", "rule");
  }

  private static void unionBy(ObjectNode into, JsonNode from, String field, String key) {
    JsonNode extra = from.path(field);
    if (!extra.isArray() || extra.isEmpty()) {
      return;
    }
    ArrayNode list = into.has(field) ? (ArrayNode) into.get(field) : into.putArray(field);
    Set<String> seen = new HashSet<>();
    list.forEach(n -> seen.add(n.path(key).asText()));
    extra.forEach(n -> {
      if (!RETIRED_RULES.contains(n.path("message").asText()) && seen.add(n.path(key).asText())) {
        list.add(n.deepCopy());
      }
    });
  }
}
