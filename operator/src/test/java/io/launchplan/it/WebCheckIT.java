package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.launchplan.api.CheckState;
import io.launchplan.api.CheckStatus;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Web checks against a real HTTP server on 127.0.0.1 (the JDK's), sent by the operator on every
 * analysis tick at their point: a right answer lets the launch through, a wrong one reverts, a slow
 * one is inconclusive and pauses until it answers in time again.
 */
@ExtendWith(ClusterExtension.class)
class WebCheckIT {
  private static final Duration T = Duration.ofSeconds(90);

  private HttpServer server;
  private String base;
  /** What /health answers: its status, body and how long it takes. */
  private final AtomicInteger status = new AtomicInteger(200);
  private volatile String body = "{\"status\":\"ok\",\"checks\":[{\"name\":\"db\",\"ok\":true}]}";
  private final AtomicLong delayMillis = new AtomicLong();
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/health", this::health);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void health(HttpExchange ex) throws IOException {
    String sent = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    seen.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " rev=" + ex.getRequestHeaders().getFirst("X-Revision")
        + " body=" + sent);
    try {
      Thread.sleep(delayMillis.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] out = body.getBytes(StandardCharsets.UTF_8);
    try {
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(status.get(), out.length);
      ex.getResponseBody().write(out);
    } catch (IOException e) {
      // the operator gave up waiting (timeout): nothing to answer to
    } finally {
      ex.close();
    }
  }

  private String web(String at, String extra) {
    return """
        web:
          - name: health
            at: %s
            url: "%s/health?plan=${plan}"
            headers: [{name: X-Revision, value: "${revision}"}]
            timeout: 1s
        %s""".formatted(at, base, extra.indent(4).stripTrailing());
  }

  private static CheckStatus health(LaunchPlan plan) {
    return plan.getStatus().getChecks().stream().filter(c -> c.getName().equals("health")).findFirst().orElseThrow();
  }

  @Test
  void passingWebChecksLetTheLaunchThroughAndEachTickSendsOne(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().analysis(web("Canary", "jsonPath: \"$.checks[?(@.name == 'db')].ok\"\nequals: \"true\"")
        + "\n" + web("PreCanary", "method: POST\nbody: '{\"revision\": \"${revision}\"}'").replace("web:\n", "")
            .replace("name: health", "name: pre")).build());
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);

    CheckStatus health = health(done);
    assertThat(health.getState()).isEqualTo(CheckState.Passed);
    assertThat(health.getKind()).isEqualTo("Web");
    assertThat(health.getRuns()).isGreaterThanOrEqualTo(1);
    String revision = done.getStatus().getRevision();
    assertThat(seen).anySatisfy(s -> assertThat(s).isEqualTo("GET /health?plan=web-v2 rev=" + revision + " body="));
    assertThat(seen).anySatisfy(s -> assertThat(s)
        .isEqualTo("POST /health?plan=web-v2 rev=" + revision + " body={\"revision\": \"" + revision + "\"}"));
    // Sent on the ticks of its own point only: never more often than the analysis ticks ran.
    assertThat(seen.stream().filter(s -> s.startsWith("GET")).count()).isEqualTo(health.getRuns().longValue());
  }

  @Test
  void wrongAnswerRevertsTheLaunch(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();
    body = "{\"status\":\"degraded\"}";
    ns.apply(new PlanYaml().analysis(web("Verifying", "jsonPath: $.status\nequals: ok\naction: Revert")).build());
    LaunchPlan reverted = ns.awaitPhase("web-v2", Phase.Reverted, T);

    assertThat(reverted.getStatus().getReason()).isEqualTo("CheckFailed");
    assertThat(reverted.getStatus().getMessage()).contains("web check health").contains("$.status is \"degraded\"");
    assertThat(health(reverted).getState()).isEqualTo(CheckState.Failed);
  }

  @Test
  void slowAnswerIsInconclusiveAndPausesUntilItAnswersInTime(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();
    delayMillis.set(3000);
    ns.apply(new PlanYaml().canaryObserve("20s").analysis(web("Canary", "")).build());
    LaunchPlan paused = ns.awaitReason("web-v2", Phase.Paused, "CheckInconclusive", T);

    assertThat(paused.getStatus().getPausedFrom()).isEqualTo(Phase.Observing);
    assertThat(paused.getStatus().getMessage()).contains("no answer from 127.0.0.1:").contains("within 1000ms");
    assertThat(ns.deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .as("never promoted blind").isEqualTo("registry.example/web:1");
    delayMillis.set(0);
    ns.awaitPhase("web-v2", Phase.Succeeded, T);
  }

  @Test
  void urlThatIsNotHttpIsRejectedAtApply(TestNamespace ns) {
    assertThatThrownBy(() -> ns.apply(new PlanYaml().analysis(web("Canary", "").replace(base, "ftp://127.0.0.1")).build()))
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("url must be an http:// or https:// URL");
    String token = "auth: {bearerToken: {secretKeyRef: {name: check-token, key: token}}}";
    assertThatThrownBy(() -> ns.apply(new PlanYaml().analysis(web("Canary", token)
        .replace("name: X-Revision", "name: authorization")).build()))
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("auth sets the Authorization header");
    assertThatThrownBy(() -> ns.apply(new PlanYaml().analysis(web("Canary", "").replace("value: \"${revision}\"",
        "value: x, valueFrom: {secretKeyRef: {name: s, key: k}}")).build()))
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("a header needs exactly one of value and valueFrom");
  }
}
