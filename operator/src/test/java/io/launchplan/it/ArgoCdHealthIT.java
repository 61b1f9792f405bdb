package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/argocd/health.lua, the Argo CD health check users paste into argocd-cm, run by a real Lua
 * 5.1 interpreter (Debian's lua5.1, installed by `make cluster-up`; Argo CD runs gopher-lua, a
 * Lua 5.1) over plans as the API server returned them: the fixtures in docs/argocd/fixtures/ were
 * taken with `kubectl get lp -o json` from real plans on the local cluster (metadata trimmed).
 * The object is handed to the script as Argo CD does, a global table {@code obj}.
 */
class ArgoCdHealthIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DIR = LocalCluster.repoRoot().resolve("docs/argocd");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "succeeded, Healthy", "verifying, Progressing", "observing, Progressing",
      "reverted, Degraded", "paused-frozen, Suspended", "paused-manual, Suspended",
      "pending-lane-busy, Suspended", "pending-invalid-spec, Degraded", "pending-target-not-found, Progressing",
      "observing-step, Progressing"})
  void realPlansMapToArgoCdHealth(String fixture, String expected) throws Exception {
    JsonNode plan = fixture(fixture);
    String[] result = health(plan);
    assertThat(result[0]).as("health of %s: %s", fixture, result[1]).isEqualTo(expected);
    assertThat(result[1]).startsWith(plan.path("status").path("phase").asText());
  }

  /** Staged canary steps (issue 16): the message names the step the launch stands in. */
  @Test
  void aPlanInACanaryStepNamesTheStep() throws Exception {
    assertThat(health(fixture("observing-step"))[1]).startsWith("Observing step 1/1 (StepReady): ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"succeeded", "observing", "paused-frozen"})
  void aPlanWhoseNewSpecIsNotObservedYetIsProgressing(String fixture) throws Exception {
    ObjectNode plan = (ObjectNode) fixture(fixture);
    ((ObjectNode) plan.get("metadata")).put("generation", plan.path("status").path("observedGeneration").asLong() + 1);
    assertThat(health(plan)[0]).isEqualTo("Progressing");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"succeeded", "observing"})
  void aReconcileErrorIsDegradedWhateverThePhase(String fixture) throws Exception {
    ObjectNode plan = (ObjectNode) fixture(fixture);
    ObjectNode ready = JSON.createObjectNode().put("type", "Ready").put("status", "False")
        .put("reason", "ReconcileError").put("message", "the API server refused the status write");
    ((com.fasterxml.jackson.databind.node.ArrayNode) plan.get("status").get("conditions")).add(ready);
    assertThat(health(plan)).containsExactly("Degraded", "ReconcileError: the API server refused the status write");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"succeeded"})
  void aPlanWithoutStatusIsProgressing(String fixture) throws Exception {
    ObjectNode plan = (ObjectNode) fixture(fixture);
    plan.remove("status");
    assertThat(health(plan)[0]).isEqualTo("Progressing");
  }

  private static JsonNode fixture(String name) throws IOException {
    return JSON.readTree(DIR.resolve("fixtures/" + name + ".json").toFile());
  }

  /** Runs health.lua with {@code obj} = the plan; [status, message]. */
  private static String[] health(JsonNode plan) throws Exception {
    String script = "obj = " + lua(plan) + "\n"
        + "local check = loadfile(" + quote(DIR.resolve("health.lua").toString()) + ")\n"
        + "local hs = check()\n"
        + "io.write(hs.status, \"\\n\", hs.message or \"\")\n";
    Process p = new ProcessBuilder("lua5.1", "-").redirectErrorStream(true).start();
    p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("lua5.1 failed: %s", out).isZero();
    return out.split("\n", 2);
  }

  /** The JSON value as a Lua table constructor (arrays 1-based, null omitted), as Argo CD converts it. */
  static String lua(JsonNode node) {
    if (node.isObject()) {
      StringBuilder b = new StringBuilder("{");
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isNull()) {
          b.append('[').append(quote(e.getKey())).append("]=").append(lua(e.getValue())).append(',');
        }
      }
      return b.append('}').toString();
    }
    if (node.isArray()) {
      StringBuilder b = new StringBuilder("{");
      node.forEach(v -> b.append(lua(v)).append(','));
      return b.append('}').toString();
    }
    if (node.isTextual()) {
      return quote(node.asText());
    }
    return node.isNull() ? "nil" : node.toString();
  }

  /** A Lua string literal: every byte outside printable ASCII, and quotes and backslashes, as a three-digit decimal escape. */
  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
      int u = c & 0xff;
      if (u < 0x20 || u >= 0x7f || u == '"' || u == '\\') {
        b.append(String.format("\\%03d", u));
      } else {
        b.append((char) u);
      }
    }
    return b.append('"').toString();
  }
}
