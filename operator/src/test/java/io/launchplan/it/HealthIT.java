package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.Phase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /healthz} and {@code /readyz} of a real operator process: ready once its informers have
 * synced, not ready (but still live) while the API server is unreachable, ready again and driving
 * launches when it comes back; a leader-election standby is live and ready.
 */
@ExtendWith(ClusterExtension.class)
class HealthIT {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void notReadyButLiveWhileTheApiServerIsUnreachableThenReadyAgain(TestNamespace ns) throws Exception {
    TcpProxy proxy = TcpProxy.forKubeconfig(LocalCluster.kubeconfigPath());
    ns.onCleanup(() -> {
      try {
        proxy.close();
      } catch (IOException e) {
        // best effort
      }
    });
    Path kubeconfig = proxy.kubeconfigThroughProxy(LocalCluster.kubeconfigPath(), Files.createTempDirectory("health-it-"));
    int port = freePort();
    Path log = OperatorProcess.logDir().toPath().resolve("health-" + ns.name() + ".log");
    long t0 = System.nanoTime();
    OperatorProcess op = OperatorProcess.start(ns, log, Map.of("KUBECONFIG", kubeconfig.toString(),
        "LAUNCHPLAN_METRICS_PORT", Integer.toString(port)));

    HttpResponse<String> ready = awaitStatus(op, port, "/readyz", 200, Duration.ofSeconds(60), log);
    System.out.printf("HealthIT: /readyz 200 %d ms after the process started: %s", (System.nanoTime() - t0) / 1_000_000,
        ready.body());
    assertThat(ready.body()).startsWith("ok:");
    assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);

    long c0 = System.nanoTime();
    proxy.cut();
    HttpResponse<String> unready = awaitStatus(op, port, "/readyz", 503, Duration.ofSeconds(60), log);
    System.out.printf("HealthIT: API server cut off; /readyz 503 after %d ms:%n%s", (System.nanoTime() - c0) / 1_000_000,
        unready.body());
    assertThat(unready.body()).startsWith("unhealthy:").contains("not watching").contains("namespace " + ns.name());
    // Liveness holds while the API server is away: a restart would not bring it back.
    List<Integer> liveness = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      liveness.add(get(port, "/healthz").statusCode());
      Thread.sleep(300);
    }
    assertThat(liveness).containsOnly(200);
    assertThat(op.alive()).isTrue();

    long r0 = System.nanoTime();
    proxy.restore();
    awaitStatus(op, port, "/readyz", 200, Duration.ofSeconds(90), log);
    System.out.printf("HealthIT: API server back; /readyz 200 after %d ms%n", (System.nanoTime() - r0) / 1_000_000);

    // And the operator works again: a launch runs to the end.
    ns.createWeb();
    ns.apply(new PlanYaml().canaryObserve("2s").rolloutObserve("2s").build());
    ns.awaitPhase("web-v2", Phase.Succeeded, Duration.ofSeconds(120));
  }

  @Test
  void aLeaderElectionStandbyIsLiveAndReady(TestNamespace ns) throws Exception {
    Path log = OperatorProcess.logDir().toPath().resolve("health-standby-" + ns.name() + ".log");
    int portA = freePort();
    OperatorProcess a = OperatorProcess.start(ns, log, leaderElection(ns, "op-a", portA));
    awaitStatus(a, portA, "/readyz", 200, Duration.ofSeconds(60), log);
    Awaitility.await("op-a leads").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> get(portA, "/readyz").body().contains("leader (holds the lease)"));
    int portB = freePort();
    OperatorProcess b = OperatorProcess.start(ns, log, leaderElection(ns, "op-b", portB));
    HttpResponse<String> standby = awaitStatus(b, portB, "/readyz", 200, Duration.ofSeconds(60), log);
    assertThat(standby.body()).contains("standby (waiting for the lease)");
    assertThat(get(portB, "/healthz").statusCode()).isEqualTo(200);
  }

  private static Map<String, String> leaderElection(TestNamespace ns, String identity, int port) {
    return Map.of("LAUNCHPLAN_LEADER_ELECTION", "true", "LAUNCHPLAN_LEASE_NAMESPACE", ns.name(),
        "LAUNCHPLAN_IDENTITY", identity, "LAUNCHPLAN_LEASE_DURATION", "6s", "LAUNCHPLAN_METRICS_PORT", Integer.toString(port));
  }

  private HttpResponse<String> awaitStatus(OperatorProcess op, int port, String path, int status, Duration timeout,
      Path log) {
    return Awaitility.await(path + " answers " + status).atMost(timeout).pollInterval(Duration.ofMillis(100))
        .ignoreException(java.net.ConnectException.class)
        .until(() -> {
          assertThat(op.alive()).as("operator alive; log:\n%s", Files.readString(log)).isTrue();
          return get(port, path);
        }, r -> r.statusCode() == status);
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
