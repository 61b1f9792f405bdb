package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.analysis.ConnectionSettings;
import io.launchplan.analysis.PrometheusEndpoint;
import io.launchplan.analysis.TlsSettings;
import io.launchplan.api.PrometheusSpec;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which connection backtest sends its queries with: the plan's, as the operator resolved it, and --prometheus-header. */
class BacktestConnectionTest {
  private static PrometheusSpec prometheus(String yaml) {
    return Serialization.unmarshal(yaml, PrometheusSpec.class);
  }

  @Test
  void aPlanWithOnlyTlsIsResolvedToo() {
    assertThat(BacktestConnection.fromThePlan(prometheus("""
        url: https://prometheus.monitoring:9091
        tls: {ca: {configMapKeyRef: {name: prom-ca, key: ca.crt}}, serverName: prometheus.monitoring.svc}
        """))).isTrue();
    assertThat(BacktestConnection.fromThePlan(prometheus("tls: {insecureSkipVerify: true}"))).isTrue();
    assertThat(BacktestConnection.fromThePlan(prometheus("headers: [{name: X-Scope-OrgID, value: a}]"))).isTrue();
    assertThat(BacktestConnection.fromThePlan(prometheus("url: http://prometheus:9090"))).isFalse();
    assertThat(BacktestConnection.fromThePlan(null)).isFalse();
  }

  @Test
  void theResolvedTlsAndHeadersAreUsedAndTheFlagsHeadersAddOrReplace() {
    TlsSettings tls = new TlsSettings("PEM", "ConfigMap prom-ca key ca.crt", "prometheus.monitoring.svc", false);
    PrometheusEndpoint resolved = new PrometheusEndpoint(URI.create("https://p:9091"),
        Map.of("Authorization", "Bearer t", "X-Scope-OrgID", "a"), tls, null);
    ConnectionSettings c = BacktestConnection.of(resolved, List.of("X-Scope-OrgID: b", "X-Extra:1"));
    assertThat(c.tls()).isEqualTo(tls);
    assertThat(c.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("Authorization", "Bearer t", "X-Scope-OrgID", "b",
        "X-Extra", "1"));
    assertThat(BacktestConnection.of(null, null)).isEqualTo(new ConnectionSettings(Map.of(), null, null));
    assertThatThrownBy(() -> BacktestConnection.of(null, List.of("no colon"))).hasMessage("--prometheus-header must be NAME:VALUE");
  }

  @Test
  void insecureSkipVerifyIsWarnedAbout() {
    assertThat(BacktestConnection.warning(prometheus("tls: {insecureSkipVerify: true}"))).hasValueSatisfying(w ->
        assertThat(w).startsWith("warning: spec.analysis.prometheus.tls.insecureSkipVerify is true: Prometheus' certificate"
            + " is not checked"));
    assertThat(BacktestConnection.warning(prometheus("tls: {serverName: p.test}"))).isEmpty();
    assertThat(BacktestConnection.warning(null)).isEmpty();
  }
}
