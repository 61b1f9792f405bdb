package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the real kstatus library ({@code sigs.k8s.io/cli-utils}, as Flux's health checks and Helm's
 * {@code --wait} use it) makes of LaunchPlans read from the cluster: a launch in flight (in a canary
 * step too) is InProgress, Succeeded is Current, Reverted and a refused spec are Failed — never a
 * wait that hangs on a launch that cannot go on. The checker is {@code hack/kstatus}, built here
 * with the machine's Go. With {@code LAUNCHPLAN_WRITE_FIXTURES=1} the plans are also written to
 * docs/argocd/fixtures/ (step fixtures for ArgoCdHealthIT).
 */
@ExtendWith(ClusterExtension.class)
class KstatusIT {
  private static final Duration T = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static Path checker;

  @BeforeAll
  static void buildTheChecker() throws Exception {
    Path out = Path.of("target/kstatus").toAbsolutePath();
    Process p = new ProcessBuilder("go", "build", "-o", out.toString(), ".")
        .directory(LocalCluster.repoRoot().resolve("hack/kstatus").toFile()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("go build finished").isTrue();
    assertThat(p.exitValue()).as("go build hack/kstatus: %s", log).isZero();
    checker = out;
  }

  @Test
  void aLaunchInAStepIsInProgressAndSucceededIsCurrent(TestNamespace ns) throws Exception {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("2s").steps("[{percent: 50, observe: 6s}]").rolloutObserve("2s").build());

    CanaryScaleLog.awaitStep(ns, "web-v2", Phase.Observing, 1, T);
    JsonNode inStep = plan(ns);
    fixture("observing-step", inStep);
    assertThat(kstatus(inStep)).containsExactly("InProgress", "launch is Observing: step 1/1 2/2 canary pods ready; observing for 6s");

    ns.awaitPhase("web-v2", Phase.Succeeded, T);
    JsonNode succeeded = plan(ns);
    assertThat(kstatus(succeeded)[0]).isEqualTo("Current");
  }

  @Test
  void aRevertedLaunchIsFailedNotInProgressForever(TestNamespace ns) throws Exception {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("120s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);
    ns.annotatePods(Map.of("launchplan.io/role", "canary"), "sim.launchplan.io/error-ratio", "0.9");
    ns.awaitPhase("web-v2", Phase.Reverted, T);

    String[] result = kstatus(plan(ns));
    assertThat(result[0]).isEqualTo("Failed");
    assertThat(result[1]).startsWith("launch is Reverted and needs a person: ");
  }

  @Test
  void aRefusedSpecIsFailedAndAWaitingOneInProgress(TestNamespace ns) throws Exception {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().steps("[{replicas: 5}]").build());
    ns.awaitReason("web-v2", Phase.Pending, "InvalidSpec", T);
    assertThat(kstatus(plan(ns))[0]).as("a replicas step larger than the target").isEqualTo("Failed");

    ns.apply(Plans.fromYaml(new PlanYaml().name("web-paused").image("registry.example/web:3").yaml()
        .replace("\n  rollout: {", "\n  paused: true\n  rollout: {")));
    ns.awaitReason("web-paused", Phase.Pending, "ManualPause", T);
    assertThat(kstatus(plan(ns, "web-paused"))[0]).as("held by a person, not failed").isEqualTo("InProgress");
  }

  @Test
  void aSpecTheOperatorHasNotObservedYetIsInProgress(TestNamespace ns) throws Exception {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("2s").rolloutObserve("2s").build());
    ns.awaitPhase("web-v2", Phase.Succeeded, T);
    ObjectNode plan = (ObjectNode) plan(ns);
    ((ObjectNode) plan.get("metadata")).put("generation", plan.path("status").path("observedGeneration").asLong() + 1);

    assertThat(kstatus(plan)[0]).isEqualTo("InProgress");
  }

  private static JsonNode plan(TestNamespace ns) throws IOException {
    return plan(ns, "web-v2");
  }

  /** The plan as the API server returns it (untyped, so nothing the Java types drop is lost). */
  private static JsonNode plan(TestNamespace ns, String name) throws IOException {
    GenericKubernetesResource r = ns.client().genericKubernetesResources("launchplan.io/v1alpha1", "LaunchPlan")
        .inNamespace(ns.name()).withName(name).get();
    return JSON.readTree(Serialization.asJson(r));
  }

  /** kstatus' [status, message] for {@code plan}. */
  private static String[] kstatus(JsonNode plan) throws Exception {
    Process p = new ProcessBuilder(checker.toString()).redirectErrorStream(false).start();
    p.getOutputStream().write(JSON.writeValueAsBytes(plan));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("kstatus failed: %s", err).isZero();
    JsonNode line = JSON.readTree(out);
    return new String[] {line.path("status").asText(), line.path("message").asText()};
  }

  /** Keeps a real plan as an Argo CD health fixture when asked to. */
  private static void fixture(String name, JsonNode plan) throws IOException {
    if (!"1".equals(System.getenv("LAUNCHPLAN_WRITE_FIXTURES"))) {
      return;
    }
    ObjectNode copy = plan.deepCopy();
    JsonNode meta = plan.get("metadata");
    copy.putObject("metadata").put("generation", meta.path("generation").asLong()).put("name", meta.path("name").asText())
        .put("namespace", "health-fx");
    Files.writeString(LocalCluster.repoRoot().resolve("docs/argocd/fixtures/" + name + ".json"),
        JSON.writeValueAsString(copy) + "\n");
  }
}
