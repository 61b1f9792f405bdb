package io.launchplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchplan.analysis.PrometheusException.Kind;
import org.junit.jupiter.api.Test;

class TlsTrustTest {
  @Test
  void namesMatchExactlyOrByOneLeftmostWildcardLabel() {
    assertThat(TlsTrust.matches("prometheus.monitoring.svc", "Prometheus.Monitoring.svc")).isTrue();
    assertThat(TlsTrust.matches("*.monitoring.svc", "prometheus.monitoring.svc")).isTrue();
    assertThat(TlsTrust.matches("*.monitoring.svc", "a.b.monitoring.svc")).isFalse();
    assertThat(TlsTrust.matches("*.monitoring.svc", "monitoring.svc")).isFalse();
    assertThat(TlsTrust.matches("127.0.0.1", "127.0.0.1")).isTrue();
    assertThat(TlsTrust.matches("0:0:0:0:0:0:0:1", "[::1]")).isTrue();
    assertThat(TlsTrust.matches("prometheus", "127.0.0.1")).as("a DNS name never covers an IP").isFalse();
  }

  @Test
  void aCaThatIsNoCertificateSaysWhereItCameFrom() {
    assertThatThrownBy(() -> TlsTrust.context(new TlsSettings("not a pem", "Secret prom-ca key ca.crt", null, false)))
        .isInstanceOfSatisfying(PrometheusException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.CONNECTION_SETUP);
          assertThat(e.noAnswer()).isTrue();
          assertThat(e.getMessage()).startsWith("tls.ca (Secret prom-ca key ca.crt) is not a PEM CA certificate");
        });
  }

  @Test
  void anEndpointNeverShowsItsCredentials() {
    PrometheusEndpoint endpoint = new PrometheusEndpoint(java.net.URI.create("https://prom:9091"),
        java.util.Map.of("Authorization", "Bearer s3cret"), null, null);
    assertThat(endpoint.toString()).isEqualTo("https://prom:9091 (headers [Authorization])").doesNotContain("s3cret");
  }
}
