package io.launchplan.plugin.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsServer;
import io.launchplan.analysis.ConnectionSettings;
import io.launchplan.analysis.PrometheusException;
import io.launchplan.analysis.TlsSettings;
import io.launchplan.it.TestCertificates;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backtest's range queries over HTTPS with a plan's {@code tls}, against a real HTTPS server on
 * 127.0.0.1 (the JDK's, with a certificate for {@code 127.0.0.1} and {@code prometheus.test} signed by
 * a CA made with openssl): the CA, the server name and insecureSkipVerify are used as the operator uses
 * them, and a certificate that fails says why in the operator's words.
 */
class PrometheusHistoryTlsTest {
  private static final Instant END = Instant.parse("2026-12-01T20:00:00Z");
  private static final StepRange RANGE = StepRange.last(Duration.ofSeconds(20), END, Duration.ofSeconds(10));
  private static final String ORIGIN = "ConfigMap prom-ca key ca.crt";
  private static TestCertificates certs;
  private static HttpsServer server;
  private static URI url;
  private static final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    certs = TestCertificates.make("prometheus");
    server = certs.httpsServer();
    server.createContext("/api/v1/query_range", ex -> {
      seen.add(ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("Authorization"));
      byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},"
          + "\"values\":[[" + RANGE.at(1).getEpochSecond() + ",\"0.25\"]]}]}}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    url = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
    if (certs != null) {
      certs.close();
    }
  }

  private static PrometheusHistory history(TlsSettings tls) throws PrometheusException {
    return new PrometheusHistory(url, new ConnectionSettings(Map.of("Authorization", "Bearer tok-7"), tls, null),
        Duration.ofSeconds(10));
  }

  @Test
  void thePlansCaIsTrustedAndTheHeadersAreSent() throws Exception {
    PrometheusHistory.Grid grid = history(new TlsSettings(certs.caPem(), ORIGIN, null, false)).range("up", RANGE);
    assertThat(grid.series()).singleElement().satisfies(s -> assertThat(s).containsExactly(null, 0.25, null));
    assertThat(seen).contains("/api/v1/query_range Bearer tok-7");
  }

  @Test
  void aServerSignedByAnotherCaIsRefusedNamingTheCa() throws Exception {
    TlsSettings other = new TlsSettings(certs.otherCaPem(), ORIGIN, null, false);
    assertThatThrownBy(() -> history(other).range("up", RANGE))
        .isInstanceOfSatisfying(BacktestException.class, e -> assertThat(e.kind()).isEqualTo(BacktestException.Kind.UNREACHABLE))
        .hasMessageContaining("Prometheus at " + url + " unreachable: TLS handshake with 127.0.0.1:" + url.getPort()
            + " failed: the server's certificate (CN=prometheus, issued by CN=launchplan test CA) is not signed by the CA of "
            + ORIGIN);
  }

  @Test
  void withoutTlsTheJdksTrustStoreChecksTheServer() {
    assertThatThrownBy(() -> history(null).range("up", RANGE)).isInstanceOf(BacktestException.class)
        .hasMessageContaining("TLS handshake with 127.0.0.1:" + url.getPort() + " failed");
  }

  @Test
  void theServerNameIsTheNameTheCertificateMustCarry() throws Exception {
    assertThat(history(new TlsSettings(certs.caPem(), ORIGIN, "prometheus.test", false)).range("up", RANGE).series())
        .hasSize(1);
    assertThatThrownBy(() -> history(new TlsSettings(certs.caPem(), ORIGIN, "other.test", false)).range("up", RANGE))
        .isInstanceOf(BacktestException.class)
        .hasMessageContaining("the server's certificate is for [127.0.0.1, prometheus.test], not other.test");
  }

  @Test
  void insecureSkipVerifyChecksNoCertificate() throws Exception {
    assertThat(history(new TlsSettings(null, null, null, true)).range("up", RANGE).series()).hasSize(1);
  }

  @Test
  void aClosedPortIsUnreachableInTheOperatorsWords() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    URI down = URI.create("https://127.0.0.1:" + closed);
    assertThatThrownBy(() -> new PrometheusHistory(down, ConnectionSettings.NONE, Duration.ofSeconds(5)).range("up", RANGE))
        .isInstanceOf(BacktestException.class).hasMessage("Prometheus at " + down + " unreachable: Connection refused");
  }

  @Test
  void aCaThatIsNotACertificateFailsBeforeAnythingIsSent() {
    seen.clear();
    assertThatThrownBy(() -> history(new TlsSettings("not a certificate", ORIGIN, null, false)))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("tls.ca (" + ORIGIN + ") is not a PEM CA certificate");
    assertThat(seen).isEmpty();
  }
}
