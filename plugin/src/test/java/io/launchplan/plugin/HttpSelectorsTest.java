package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSelectorsTest {
  private HttpServer server;

  @BeforeEach
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/version", exchange -> {
      byte[] body = "{\"major\":\"1\",\"minor\":\"33\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServing() {
    server.stop(0);
  }

  @Test
  void aClosedFabric8ClientLeavesItsSelectorThreadRunningAndStopEndsIt() {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort())
        .build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      assertThat(client.getKubernetesVersion().getMinor()).isEqualTo("33");
    }
    List<Thread> running = HttpSelectors.live();
    // Why the plugin needs this: after close() the JDK client's selector still waits in native code,
    // which HotSpot's exit waits up to 300 ms for.
    assertThat(running).isNotEmpty().allSatisfy(t -> assertThat(t.isAlive()).isTrue());

    List<Thread> stopped = HttpSelectors.stop(Duration.ofSeconds(5));

    assertThat(stopped).containsAll(running);
    assertThat(stopped).allSatisfy(t -> assertThat(t.isAlive()).as(t.getName()).isFalse());
    assertThat(HttpSelectors.live()).isEmpty();
  }

  @Test
  void leavesOtherThreadsAlone() throws Exception {
    Thread other = new Thread(() -> {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "HttpClient-like-worker");
    other.setDaemon(true);
    other.start();
    try {
      HttpSelectors.stop(Duration.ofMillis(50));
      assertThat(other.isAlive()).isTrue();
      assertThat(other.isInterrupted()).isFalse();
    } finally {
      other.interrupt();
      other.join(5_000);
    }
  }
}
