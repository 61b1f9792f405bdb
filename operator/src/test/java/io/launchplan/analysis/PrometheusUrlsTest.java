package io.launchplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchplan.OperatorConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusUrlsTest {
  private static final URI DEFAULT = URI.create("http://prometheus-operated.monitoring:9090");
  private static final PrometheusUrls ANY = PrometheusUrls.of(DEFAULT, null);

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://[x                | 'http://[x' is not a URL: Expected closing bracket for IPv6 address at index 9",
      "http://prom:99999        | 'http://prom:99999': port 99999 is outside 1..65535",
      "http://prom:0            | 'http://prom:0': port 0 is outside 1..65535",
      "http://prom:abc          | 'http://prom:abc' has no valid host and port (the port must be a number 1..65535)",
      "http://under_score:9090  | 'http://under_score:9090' has no valid host and port (the port must be a number 1..65535)",
      "http://                  | 'http://' is not a URL: Expected authority at index 7",
      "ftp://prom:9090          | 'ftp://prom:9090' must be an http:// or https:// URL",
      "http://prom:9090/?x=1    | 'http://prom:9090/?x=1' must not have a query (?...) or fragment (#...): /api/v1/query is appended to it",
      "http://u:secret@prom:9090 | 'http://prom:9090' must not contain user info (user:password@): credentials in a URL end up in logs; the operator sends none",
  })
  void malformedUrlsAreRefusedWithAClearMessage(String url, String message) {
    assertThatThrownBy(() -> ANY.resolve(url, DEFAULT)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://prom:9090", "https://prom.monitoring.svc/prometheus/", "http://10.0.0.1",
      "http://[::1]:9090", "HTTP://Prom:9090"})
  void wellFormedUrlsResolveToThemselves(String url) {
    assertThat(ANY.resolve(url, DEFAULT)).isEqualTo(URI.create(url));
  }

  @Test
  void noPlanUrlIsTheDefault() {
    assertThat(ANY.resolve(null, DEFAULT)).isSameAs(DEFAULT);
  }

  @Test
  void aVeryLongUrlIsCutInTheMessage() {
    String url = "http://prom:99999/" + "p".repeat(1_000);

    assertThatThrownBy(() -> ANY.resolve(url, DEFAULT)).hasMessage("'" + url.substring(0, 200) + "…(truncated)': "
        + "port 99999 is outside 1..65535");
  }

  @ParameterizedTest
  @CsvSource({
      "http://prom.monitoring:9090, true",
      "http://prom.monitoring:9091, true",
      "http://thanos.observability:10902, true",
      "http://thanos.observability:9090, false",
      "http://a.b.monitoring.svc, true",
      "https://a.b.monitoring.svc:8443, true",
      "http://monitoring.svc, false",
      "http://evilmonitoring.svc, false",
      "http://[fd00::1]:9090, true",
      "http://[fd00::2]:9090, false",
      "http://PROM.Monitoring, true",
      "http://metadata.google.internal, false",
      "http://169.254.169.254, false",
      "http://prometheus-operated.monitoring:9090/prefix, true",
      "http://prometheus-operated.monitoring:9091, false",
  })
  void theAllowListDecidesWhichHostsAPlanMayName(String url, boolean allowed) {
    PrometheusUrls urls = PrometheusUrls.of(DEFAULT,
        "prom.monitoring, thanos.observability:10902, *.monitoring.svc, [fd00::1]:9090");

    if (allowed) {
      assertThat(urls.resolve(url, DEFAULT)).isEqualTo(URI.create(url));
    } else {
      assertThatThrownBy(() -> urls.resolve(url, DEFAULT)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not an allowed Prometheus host (LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS: "
              + "prom.monitoring, thanos.observability:10902, *.monitoring.svc, [fd00::1]:9090, and the default "
              + DEFAULT + ")");
    }
  }

  @Test
  void theAllowListIsShownAsConfigured() {
    assertThat(ANY.allowedHosts()).isEqualTo("any");
    assertThat(PrometheusUrls.of(DEFAULT, " Prom.Monitoring:9090 ,*.svc").allowedHosts()).isEqualTo("prom.monitoring:9090,*.svc");
  }

  @Test
  void theDefaultIsAlwaysAllowed() {
    PrometheusUrls urls = PrometheusUrls.of(DEFAULT, "prom.monitoring");

    assertThat(urls.resolve("http://prometheus-operated.monitoring:9090", DEFAULT)).isEqualTo(DEFAULT);
    assertThat(urls.resolve(null, DEFAULT)).isEqualTo(DEFAULT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"prom:99999", "prom:", "*", "*.", "a*.svc", "http://prom", "prom/x", "u@prom", "[fd00::1",
      "prom,,thanos", "fd00::1", "[prom]:9090"})
  void malformedAllowListEntriesAreRefusedAtStartUp(String entries) {
    assertThatThrownBy(() -> OperatorConfig.fromEnv(Map.of("LAUNCHPLAN_RECEIVER_PORT", "0",
        "LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS", entries)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS: '");
  }

  @Test
  void operatorConfigReadsTheAllowList() {
    OperatorConfig config = OperatorConfig.fromEnv(Map.of("LAUNCHPLAN_RECEIVER_PORT", "0",
        "LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS", "prom.monitoring"));

    assertThatThrownBy(() -> config.prometheusUrls().resolve("http://other:9090", config.prometheusUrl()))
        .hasMessageContaining("host other:9090 is not an allowed Prometheus host");
    assertThat(OperatorConfig.fromEnv(Map.of("LAUNCHPLAN_RECEIVER_PORT", "0")).prometheusUrls()
        .resolve("http://other:9090", DEFAULT)).isEqualTo(URI.create("http://other:9090"));
  }

  @Test
  void theDefaultUrlIsCheckedTheSameWay() {
    assertThatThrownBy(() -> OperatorConfig.fromEnv(Map.of("LAUNCHPLAN_RECEIVER_PORT", "0",
        "LAUNCHPLAN_PROMETHEUS_URL", "http://prom:99999")))
        .hasMessage("LAUNCHPLAN_PROMETHEUS_URL: 'http://prom:99999': port 99999 is outside 1..65535");
  }
}
