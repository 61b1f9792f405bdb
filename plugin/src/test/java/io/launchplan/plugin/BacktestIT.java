package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.LaunchPlan;
import io.launchplan.it.AuthProxy;
import io.launchplan.it.ClusterExtension;
import io.launchplan.it.TestCertificates;
import io.launchplan.it.TestNamespace;
import io.launchplan.testsupport.PromApi;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code backtest} as a real process against the real Prometheus, over history the traffic simulator
 * made with a known error pattern: the test turns one pod's error ratio on and off at known times
 * (Prometheus scrapes every second, hack/prometheus/prometheus.yml), then checks the episodes and the
 * firing time the backtest reports within one step. And its exits on bad input.
 */
@ExtendWith(ClusterExtension.class)
class BacktestIT {
  private static final String ERROR_RATIO = "sim.launchplan.io/error-ratio";
  private static final int STEP = 2;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SIMULATOR = System.getenv().getOrDefault("LAUNCHPLAN_SIMULATOR_URL", "http://127.0.0.1:19101");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String plan(String namespace, String queries) {
    return """
        apiVersion: launchplan.io/v1alpha1
        kind: LaunchPlan
        metadata: {name: web, namespace: %s}
        spec:
          targetRef: {name: web}
          template: {spec: {containers: [{name: app, image: registry.example/web:2}]}}
          analysis:
            interval: %ds
            queries:
        %s
            alerts:
              - matchLabels: {alertname: LaunchPlanSimHighErrorRatio, namespace: %s}
        """.formatted(namespace, STEP, queries.indent(6).stripTrailing(), namespace);
  }

  private static final String ERRORS = """
      - name: errors
        expr: |
          sum(irate(http_requests_total{namespace="${namespace}",pod=~"${canaryPods}",code=~"5.."}[5s]))
            / sum(irate(http_requests_total{namespace="${namespace}",pod=~"${canaryPods}"}[5s])) > 0.1
        for: 4s
      """;

  private static void web(TestNamespace ns) {
    ns.createDeployment("web", 2, "registry.example/web:1", Map.of("sim.launchplan.io/rps", "20"));
    ns.awaitAvailable("web", Duration.ofSeconds(240)); // generous: the shared cluster may be busy making others' pods
    Awaitility.await("the pods' traffic in Prometheus").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> PromApi.query(ns.prometheus(), "sum(irate(http_requests_total{namespace=\"" + ns.name()
            + "\"}[5s])) > 0").size() == 1);
  }

  /** Waits {@code seconds} of the pattern the test writes into Prometheus' history (not an assertion). */
  private static Instant hold(int seconds) throws InterruptedException {
    Thread.sleep(seconds * 1000L);
    return Instant.now();
  }

  /**
   * Sets (null: removes) the error ratio of one pod of web, and returns when the simulator itself began
   * (or stopped) answering 5xx for it, read from its own {@code /metrics} every 200 ms: the instant the
   * errors really changed, whatever the watch lag of a busy cluster, and independent of Prometheus.
   */
  private static Instant errors(TestNamespace ns, String ratio) throws Exception {
    String pod = ns.client().pods().inNamespace(ns.name()).withLabel("app", "web").list().getItems().stream()
        .map(p -> p.getMetadata().getName()).sorted().findFirst().orElseThrow();
    ns.client().pods().inNamespace(ns.name()).withName(pod).edit(p -> {
      if (ratio == null) {
        p.getMetadata().getAnnotations().remove(ERROR_RATIO);
      } else {
        p.getMetadata().getAnnotations().put(ERROR_RATIO, ratio);
      }
      return p;
    });
    double last = simulatedErrors(ns, pod);
    Instant lastAt = Instant.now();
    Instant deadline = lastAt.plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      double now = simulatedErrors(ns, pod);
      Instant at = Instant.now();
      if (ratio != null && now > last) {
        return at; // the first errors
      }
      if (ratio == null && now == last) {
        return lastAt; // no error since the poll before
      }
      last = now;
      lastAt = at;
    }
    throw new AssertionError("the simulator did not follow " + ERROR_RATIO + "=" + ratio + " on " + pod + " within 30s");
  }

  private static double simulatedErrors(TestNamespace ns, String pod) throws Exception {
    String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(SIMULATOR + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    String series = "http_requests_total{code=\"500\",namespace=\"" + ns.name() + "\",pod=\"" + pod + "\"} ";
    return metrics.lines().filter(l -> l.startsWith(series)).mapToDouble(l -> Double.parseDouble(l.substring(series.length())))
        .findFirst().orElse(0);
  }

  @Test
  void backtestReportsTheEpisodesTheSimulatorWasToldToFail(TestNamespace ns) throws Exception {
    web(ns);
    ns.apply(Serialization.unmarshal(plan(ns.name(), ERRORS), LaunchPlan.class));
    Instant begin = hold(20);
    Instant on1 = errors(ns, "0.8");
    hold(20);
    Instant off1 = errors(ns, null);
    hold(14);
    Instant on2 = errors(ns, "0.8");
    hold(12);
    Instant off2 = errors(ns, null);
    Instant end = hold(10);
    // the range reaches 15 s before the pattern: the plugin's JVM takes seconds to start and counts back from its own now
    long since = Duration.between(begin, end).toSeconds() + 15;

    PluginProcess.Result r = PluginProcess.run("-n", ns.name(), "backtest", "web", "--since", since + "s", "--step",
        STEP + "s", "--prometheus-url", ns.prometheus().toString(), "-o", "json");
    System.out.println("backtest -o json:\n" + r);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode report = JSON.readTree(r.out());
    JsonNode errors = report.path("checks").get(0);
    double on = (Duration.between(on1, off1).toMillis() + Duration.between(on2, off2).toMillis()) / 1000.0;
    assertThat(errors.path("name").asText()).isEqualTo("errors");
    assertThat(errors.path("episodes").asInt()).as(errors.toString()).isEqualTo(2);
    assertThat(errors.path("wouldAct").asInt()).isEqualTo(2);
    assertThat(errors.path("longestSeconds").asDouble()).as(errors.toString())
        .isCloseTo(Duration.between(on1, off1).toMillis() / 1000.0, within((double) STEP));
    // each of the two episodes within one step: the firing time within two
    double firing = errors.path("firingShare").asDouble() * errors.path("evaluatedSeconds").asDouble();
    assertThat(firing).as("firing time, " + errors).isCloseTo(on, within(2.0 * STEP));
    assertThat(errors.path("evaluatedSeconds").asLong()).isBetween(Duration.between(begin, end).toSeconds(), since + 2 * STEP);
    // one pod of two fails 80% of its requests: 40% of web's
    assertThat(errors.path("distribution").path("max").asDouble()).isCloseTo(0.4, within(0.05));
    assertThat(errors.path("distribution").path("min").asDouble()).isZero();
    assertThat(errors.path("threshold").path("suggested").asDouble()).isEqualTo(0.48);
    assertThat(errors.path("threshold").path("margin").asDouble()).isNegative();
    // the project's rule LaunchPlanSimHighErrorRatio (rate over 10s > 0.5) fires once per error period
    JsonNode alert = report.path("checks").get(1);
    assertThat(alert.path("name").asText()).isEqualTo("alert:alertname=LaunchPlanSimHighErrorRatio,namespace=" + ns.name());
    assertThat(alert.path("episodes").asInt()).as(alert.toString()).isEqualTo(2);
    assertThat(report.path("pods").size()).isEqualTo(2);

    // over 10,000 steps the range is asked in pieces (Prometheus allows 11,000 points): the same two episodes
    PluginProcess.Result pieces = PluginProcess.run("-n", ns.name(), "backtest", "web", "--since", "3h", "--step", "1s",
        "--prometheus-url", ns.prometheus().toString(), "-o", "json");
    assertThat(pieces.exitCode()).as(pieces.toString()).isZero();
    JsonNode long3h = JSON.readTree(pieces.out());
    assertThat(Duration.between(Instant.parse(long3h.path("from").asText()), Instant.parse(long3h.path("to").asText())))
        .isEqualTo(Duration.ofHours(3));
    JsonNode errors3h = long3h.path("checks").get(0);
    assertThat(errors3h.path("episodes").asInt()).as(errors3h.toString()).isEqualTo(2);
    assertThat(errors3h.path("firingShare").asDouble() * errors3h.path("evaluatedSeconds").asDouble()).as(errors3h.toString())
        .isCloseTo(firing, within(2.0 * STEP));

    PluginProcess.Result table = PluginProcess.run("-n", ns.name(), "backtest", "web", "--since", since + "s", "--step",
        STEP + "s", "--prometheus-url", ns.prometheus().toString());
    System.out.println("backtest:\n" + table);
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out()).contains("CHECK", "EPISODES", "errors", "> 0.1", "Past reverts: none in the plan's history.");
  }

  @Test
  void pastRevertsShowTheDelayFromCanaryReadyAndWhetherTheWindowCoversIt(TestNamespace ns) throws Exception {
    web(ns);
    FollowAndStatusIT.startOperator(ns);
    ns.apply(Serialization.unmarshal(plan(ns.name(), ERRORS).replace(
        "template: {spec: {containers: [{name: app, image: registry.example/web:2}]}}",
        "template: {metadata: {annotations: {\"" + ERROR_RATIO + "\": \"0.8\"}}, "
            + "spec: {containers: [{name: app, image: registry.example/web:2}]}}\n  canary: {observe: 2m}"), LaunchPlan.class));
    LaunchPlan reverted = ns.awaitPhase("web", io.launchplan.api.Phase.Reverted, Duration.ofSeconds(180));
    assertThat(reverted.getStatus().getReason()).isEqualTo("AnalysisRevert");

    PluginProcess.Result r = PluginProcess.run("-n", ns.name(), "backtest", "web", "--since", "3m", "--prometheus-url",
        ns.prometheus().toString());
    System.out.println("backtest after a revert:\n" + r);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Past reverts (from the plan's history):", "AnalysisRevert", "canary.observe 2m covers it.");
    PluginProcess.Result json = PluginProcess.run("-n", ns.name(), "backtest", "web", "--since", "3m", "--prometheus-url",
        ns.prometheus().toString(), "-o", "json");
    JsonNode reverts = JSON.readTree(json.out()).path("reverts");
    JsonNode revert = reverts.path("reverts").get(0);
    assertThat(revert.path("reason").asText()).isEqualTo("AnalysisRevert");
    assertThat(revert.path("revision").asText()).isEqualTo(reverted.getStatus().getRevision());
    Duration delay = Duration.parse(revert.path("delay").asText());
    // the canary fails at once: the first of the query (for: 4s) and the alert (for: 0s) reverts within seconds, or
    // (a busy cluster, the canary slow to be ready) already in Canary, which counts as 0s
    assertThat(delay).isLessThan(Duration.ofSeconds(60));
    assertThat(revert.path("phase").asText()).isIn("Canary", "Observing");
    assertThat(reverts.path("covered").asBoolean()).isTrue();
    // the canary's errors are not the target's: the current (stable) pods never fired
    assertThat(JSON.readTree(json.out()).path("checks").get(0).path("episodes").asInt()).isZero();
  }

  /**
   * The plan's {@code tls} over real HTTPS: the real Prometheus behind an auth-checking proxy that serves a
   * certificate for 127.0.0.1 and prometheus.test signed by a CA made with openssl; the CA from a ConfigMap
   * or a Secret, {@code serverName}, {@code insecureSkipVerify} (warned about), each read with the user's
   * kubeconfig like the bearer token and the tenant header.
   */
  @Test
  void thePlansTlsIsUsedAsTheOperatorUsesIt(TestNamespace ns) throws Exception {
    web(ns);
    try (TestCertificates certs = TestCertificates.make("prometheus");
        AuthProxy proxy = AuthProxy.https(ns.prometheus(), "tok-tls-3", "team-a", certs.serverContext())) {
      ns.client().configMaps().inNamespace(ns.name()).resource(new ConfigMapBuilder().withNewMetadata().withName("prom-ca")
          .endMetadata().withData(Map.of("ca.crt", certs.caPem())).build()).create();
      ns.client().secrets().inNamespace(ns.name()).resource(new SecretBuilder().withNewMetadata().withName("prom")
          .endMetadata().withStringData(Map.of("token", "tok-tls-3", "other-ca.crt", certs.otherCaPem())).build()).create();

      PluginProcess.Result ca = viaTls(ns, proxy, "{ca: {configMapKeyRef: {name: prom-ca, key: ca.crt}}}");
      assertThat(ca.exitCode()).as(ca.toString()).isZero();
      assertThat(ca.err()).isEmpty();
      JsonNode report = JSON.readTree(ca.out());
      assertThat(report.path("prometheus").asText()).isEqualTo(proxy.url().toString());
      assertThat(report.path("checks").get(0).path("evaluatedSeconds").asLong()).isPositive();

      PluginProcess.Result otherCa = viaTls(ns, proxy, "{ca: {secretKeyRef: {name: prom, key: other-ca.crt}}}");
      assertThat(otherCa.exitCode()).as(otherCa.toString()).isEqualTo(3);
      assertThat(otherCa.err()).contains("unreachable: TLS handshake with 127.0.0.1:" + proxy.url().getPort()
          + " failed: the server's certificate (CN=prometheus, issued by CN=launchplan test CA) is not signed by the CA of"
          + " Secret prom key other-ca.crt").doesNotContain("tok-tls-3");

      String configMapCa = "ca: {configMapKeyRef: {name: prom-ca, key: ca.crt}}";
      PluginProcess.Result name = viaTls(ns, proxy, "{" + configMapCa + ", serverName: prometheus.test}");
      assertThat(name.exitCode()).as(name.toString()).isZero();
      PluginProcess.Result wrongName = viaTls(ns, proxy, "{" + configMapCa + ", serverName: other.test}");
      assertThat(wrongName.exitCode()).as(wrongName.toString()).isEqualTo(3);
      assertThat(wrongName.err()).contains("the server's certificate is for [127.0.0.1, prometheus.test], not other.test");

      PluginProcess.Result insecure = viaTls(ns, proxy, "{insecureSkipVerify: true}");
      assertThat(insecure.exitCode()).as(insecure.toString()).isZero();
      assertThat(insecure.err()).startsWith("warning: spec.analysis.prometheus.tls.insecureSkipVerify is true: Prometheus'"
          + " certificate is not checked");
    }
  }

  /** {@code backtest -f} of a plan whose Prometheus is {@code proxy}, with its token, tenant and {@code tls} (a flow map). */
  private static PluginProcess.Result viaTls(TestNamespace ns, AuthProxy proxy, String tls) throws IOException {
    Path file = Files.createTempFile("bt-tls", ".yaml");
    Files.writeString(file, plan(ns.name(), ERRORS).replace("    interval:", "    prometheus:\n"
        + "      url: " + proxy.url() + "\n"
        + "      auth: {bearerToken: {secretKeyRef: {name: prom, key: token}}}\n"
        + "      headers: [{name: X-Scope-OrgID, value: team-a}]\n"
        + "      tls: " + tls + "\n"
        + "    interval:"));
    return PluginProcess.run("backtest", "-f", file.toString(), "--since", "1m", "-o", "json");
  }

  @Test
  void badInputExitsNonZeroWithAClearMessage(TestNamespace ns) throws Exception {
    web(ns);
    Path rejected = Files.createTempFile("bt-rejected", ".yaml");
    Files.writeString(rejected, plan(ns.name(), """
        - name: broken
          expr: sum(rate(http_requests_total{namespace="${namespace}"}[1m]) >
        """));
    PluginProcess.Result r = PluginProcess.run("backtest", "-f", rejected.toString(), "--since", "5m",
        "--prometheus-url", ns.prometheus().toString());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("error: query broken: Prometheus at " + ns.prometheus()
        + " rejected the query (HTTP 400): bad_data:", "parse error");

    Path noData = Files.createTempFile("bt-nodata", ".yaml");
    Files.writeString(noData, plan(ns.name(), """
        - name: nosuch
          expr: sum(rate(launchplan_no_such_metric_total{pod=~"${canaryPods}"}[1m])) > 1
        """));
    PluginProcess.Result empty = PluginProcess.run("backtest", "-f", noData.toString(), "--since", "5m",
        "--prometheus-url", ns.prometheus().toString(), "-o", "json");
    assertThat(empty.exitCode()).as(empty.toString()).isEqualTo(4);
    assertThat(empty.err()).contains("error: query nosuch: no data from");
    assertThat(JSON.readTree(empty.out()).path("checks").get(0).path("error").asText()).startsWith("no data");
    assertThat(JSON.readTree(empty.out()).path("checks").get(0).has("firingShare")).isFalse();

    PluginProcess.Result down = PluginProcess.run("backtest", "-f", noData.toString(), "--since", "5m",
        "--prometheus-url", "http://127.0.0.1:19149");
    assertThat(down.exitCode()).as(down.toString()).isEqualTo(3);
    assertThat(down.err()).contains("error: Prometheus at http://127.0.0.1:19149 unreachable: Connection refused");
    assertThat(down.out()).isEmpty();

    // the plan's own connection: auth and headers from its Secret, read by the operator's PrometheusConnections
    Path authed = Files.createTempFile("bt-auth", ".yaml");
    List<Map<String, String>> seen = Collections.synchronizedList(new ArrayList<>());
    HttpServer refusing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    refusing.createContext("/", exchange -> {
      seen.add(Map.of("path", exchange.getRequestURI().getPath(),
          "auth", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
          "tenant", String.valueOf(exchange.getRequestHeaders().getFirst("X-Scope-OrgID"))));
      byte[] answer = "Unauthorized\n".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(401, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    refusing.start();
    try {
      Files.writeString(authed, plan(ns.name(), ERRORS).replace("    interval:", "    prometheus:\n"
          + "      url: http://127.0.0.1:" + refusing.getAddress().getPort() + "\n"
          + "      auth: {bearerToken: {secretKeyRef: {name: prom-token, key: token}}}\n"
          + "      headers: [{name: X-Scope-OrgID, value: team-a}]\n"
          + "    interval:"));
      PluginProcess.Result noSecret = PluginProcess.run("backtest", "-f", authed.toString(), "--since", "5m");
      assertThat(noSecret.exitCode()).as(noSecret.toString()).isEqualTo(1);
      assertThat(noSecret.err()).contains("spec.analysis.prometheus.auth.bearerToken", "prom-token");
      assertThat(seen).isEmpty();
      ns.client().secrets().inNamespace(ns.name()).resource(new SecretBuilder().withNewMetadata().withName("prom-token")
          .endMetadata().withStringData(Map.of("token", "tok-42\n")).build()).create();
      PluginProcess.Result refused = PluginProcess.run("backtest", "-f", authed.toString(), "--since", "5m");
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
      assertThat(refused.err()).contains("answered HTTP 401", "Unauthorized").doesNotContain("tok-42");
      assertThat(seen.get(0)).isEqualTo(Map.of("path", "/api/v1/query_range", "auth", "Bearer tok-42", "tenant", "team-a"));
    } finally {
      refusing.stop(0);
    }

    PluginProcess.Result noPlan = PluginProcess.run("-n", ns.name(), "backtest", "nosuch", "--prometheus-url",
        ns.prometheus().toString());
    assertThat(noPlan.exitCode()).as(noPlan.toString()).isEqualTo(1);
    assertThat(noPlan.err()).contains("not found");

    PluginProcess.Result usage = PluginProcess.run("-n", ns.name(), "backtest", "--step", "500ms", "-f", noData.toString());
    assertThat(usage.exitCode()).as(usage.toString()).isEqualTo(64);
    assertThat(usage.err()).contains("--step must be whole seconds");
  }
}
