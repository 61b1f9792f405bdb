package io.launchplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.launchplan.analysis.PrometheusException.Kind;
import io.launchplan.analysis.model.QueryTemplate;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpPrometheusClient} against a real Prometheus ({@code LAUNCHPLAN_PROMETHEUS_URL},
 * default {@code http://127.0.0.1:19090}, started by {@code make cluster-up}). Fails, rather than
 * skips, when Prometheus is not there: a skipped IT would hide that it never ran.
 */
class PrometheusClientIT {
  private static final URI PROMETHEUS = URI.create(
      System.getenv().getOrDefault("LAUNCHPLAN_PROMETHEUS_URL", "http://127.0.0.1:19090"));

  private final HttpPrometheusClient client = new HttpPrometheusClient(Duration.ofSeconds(5), QueryObserver.NOOP);

  @BeforeAll
  static void prometheusIsUp() {
    try {
      new HttpPrometheusClient(Duration.ofSeconds(5), QueryObserver.NOOP).query(PROMETHEUS, "vector(1)");
    } catch (PrometheusException e) {
      fail("no Prometheus at " + PROMETHEUS + " (" + e.getMessage() + "). Run `make cluster-up`, or point "
          + "LAUNCHPLAN_PROMETHEUS_URL at a running Prometheus.", e);
    }
  }

  @Test
  void vectorOneReturnsOneSample() throws Exception {
    QueryResult result = client.query(PROMETHEUS, "vector(1)");

    assertThat(result.samples()).hasSize(1);
    assertThat(result.samples().get(0).valueText()).isEqualTo("1");
    assertThat(result.samples().get(0).value()).isEqualTo(1.0);
  }

  @Test
  void filteredOutVectorReturnsNoSample() throws Exception {
    assertThat(client.query(PROMETHEUS, "vector(1) > 2").hasSamples()).isFalse();
  }

  @Test
  void scalarIsRefusedAsNotAnInstantVector() {
    // one value, always: counted as a sample it would make every check on it fire
    assertThatThrownBy(() -> client.query(PROMETHEUS, "scalar(vector(0.5))"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.NOT_A_VECTOR);
          assertThat(e.getMessage()).contains("must return an instant vector");
        });
    assertThatThrownBy(() -> client.query(PROMETHEUS, "1 > bool 2"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_A_VECTOR));
  }

  @Test
  void syntaxErrorIsRejectedWithPrometheusOwnMessage() {
    assertThatThrownBy(() -> client.query(PROMETHEUS, "sum(rate(x[1m]"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.REJECTED);
          assertThat(e.errorType()).isEqualTo("bad_data");
          assertThat(e.getMessage()).contains("parse error");
        });
  }

  @Test
  void closedPortIsUnreachableQuickly() {
    long start = System.nanoTime();

    assertThatThrownBy(() -> client.query(URI.create("http://127.0.0.1:1"), "vector(1)"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
          assertThat(e.noAnswer()).isTrue();
          assertThat(e.getMessage()).startsWith("Prometheus at http://127.0.0.1:1 unreachable: ");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void unknownHostIsUnreachableNamingTheHost() {
    assertThatThrownBy(() -> client.query(URI.create("http://no-such-host.invalid:9090"), "vector(1)"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
          assertThat(e.getMessage()).contains("unknown host no-such-host.invalid");
        });
  }

  @Test
  void podRegexesAreValidPromqlAndMatchExactlyThePods() throws Exception {
    // label_replace uses the same anchored RE2 matching as pod=~"...": "m" is set only on a match.
    String pods = QueryTemplate.podRegex(List.of("web-1.a", "web-2"));
    assertThat(podMatches("web-1.a", pods)).isTrue();
    assertThat(podMatches("web-2", pods)).isTrue();
    assertThat(podMatches("web-1xa", pods)).isFalse();
    assertThat(podMatches("web-22", pods)).isFalse();
    assertThat(podMatches("", QueryTemplate.NO_PODS)).isFalse();
    assertThat(podMatches("web-1", QueryTemplate.NO_PODS)).isFalse();
    assertThat(client.query(PROMETHEUS, "up{pod=~\"" + pods + "\"} or up{pod=~\"" + QueryTemplate.NO_PODS + "\"}")
        .hasSamples()).isFalse();
  }

  @Test
  void alertQueryIsValidPromql() throws Exception {
    var selector = AlertQueryTest.selector(java.util.Map.of("service", "check\"out\\", "severity", "page"));

    assertThat(client.query(PROMETHEUS, AlertQuery.promql(selector)).hasSamples()).isFalse();
  }

  @Test
  void longQueriesArePosted() throws Exception {
    String pods = QueryTemplate.podRegex(java.util.stream.IntStream.range(0, 2_000)
        .mapToObj(i -> "checkout-5d8c7f9b-" + i).toList());

    assertThat(client.query(PROMETHEUS, "vector(1) unless on() up{pod=~\"" + pods + "\"}").hasSamples()).isTrue();
  }

  private boolean podMatches(String pod, String regex) throws PrometheusException {
    String q = "label_replace(label_replace(vector(1), \"pod\", \"" + pod + "\", \"\", \"\"), "
        + "\"m\", \"yes\", \"pod\", \"" + regex + "\")";
    QueryResult r = client.query(PROMETHEUS, q);
    return "yes".equals(r.samples().get(0).labels().get("m"));
  }
}
