package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.LaunchPlan;
import io.launchplan.it.ClusterExtension;
import io.launchplan.it.TestNamespace;
import io.launchplan.testsupport.PromApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code backtest} as a real process against the real Prometheus, over history the traffic simulator
 * made with a known error pattern: the test turns the pods' error ratio on and off at known times
 * (Prometheus scrapes every second, hack/prometheus/prometheus.yml), then checks the episodes and the
 * firing time the backtest reports within one step. And its exits on bad input.
 */
@ExtendWith(ClusterExtension.class)
class BacktestIT {
  private static final String ERROR_RATIO = "sim.launchplan.io/error-ratio";
  private static final int STEP = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

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
    ns.awaitAvailable("web", Duration.ofSeconds(90));
    Awaitility.await("the pods' traffic in Prometheus").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> PromApi.query(ns.prometheus(), "sum(irate(http_requests_total{namespace=\"" + ns.name()
            + "\"}[5s])) > 0").size() == 1);
  }

  /** Waits {@code seconds} of the pattern the test writes into Prometheus' history (not an assertion). */
  private static Instant hold(int seconds) throws InterruptedException {
    Thread.sleep(seconds * 1000L);
    return Instant.now();
  }

  private static Instant errors(TestNamespace ns, String ratio) {
    ns.annotatePods(Map.of("app", "web"), ERROR_RATIO, ratio);
    return Instant.now(); // the simulator follows within a second
  }

  @Test
  void backtestReportsTheEpisodesTheSimulatorWasToldToFail(TestNamespace ns) throws Exception {
    web(ns);
    ns.apply(Serialization.unmarshal(plan(ns.name(), ERRORS), LaunchPlan.class));
    Instant begin = hold(6);
    Instant on1 = errors(ns, "0.8");
    hold(20);
    Instant off1 = errors(ns, null);
    hold(14);
    Instant on2 = errors(ns, "0.8");
    hold(12);
    Instant off2 = errors(ns, null);
    hold(10);
    long since = Duration.between(begin, Instant.now()).toSeconds();

    PluginProcess.Result r = PluginProcess.run("-n", ns.name(), "backtest", "web", "--since", since + "s", "--step",
        STEP + "s", "--prometheus-url", ns.prometheus().toString(), "-o", "json");
    System.out.println("backtest -o json:\n" + r);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode report = JSON.readTree(r.out());
    JsonNode errors = report.path("checks").get(0);
    double on = Duration.between(on1, off1).toSeconds() + Duration.between(on2, off2).toSeconds();
    assertThat(errors.path("name").asText()).isEqualTo("errors");
    assertThat(errors.path("episodes").asInt()).as(errors.toString()).isEqualTo(2);
    assertThat(errors.path("wouldAct").asInt()).isEqualTo(2);
    assertThat(errors.path("longestSeconds").asDouble()).as(errors.toString())
        .isCloseTo(Duration.between(on1, off1).toSeconds(), within((double) STEP));
    double firing = errors.path("firingShare").asDouble() * errors.path("evaluatedSeconds").asDouble();
    assertThat(firing).as("firing time, " + errors).isCloseTo(on, within((double) STEP));
    assertThat(errors.path("evaluatedSeconds").asLong()).isBetween(since - 2 * STEP, since + 2 * STEP);
    assertThat(errors.path("distribution").path("max").asDouble()).isCloseTo(0.8, within(0.1));
    assertThat(errors.path("distribution").path("p50").asDouble()).isZero();
    assertThat(errors.path("threshold").path("suggested").asDouble()).isGreaterThan(0.8);
    assertThat(errors.path("threshold").path("margin").asDouble()).isNegative();
    // the project's rule LaunchPlanSimHighErrorRatio (rate over 10s > 0.5) fires once per error period
    JsonNode alert = report.path("checks").get(1);
    assertThat(alert.path("name").asText()).isEqualTo("alert:alertname=LaunchPlanSimHighErrorRatio,namespace=" + ns.name());
    assertThat(alert.path("episodes").asInt()).as(alert.toString()).isEqualTo(2);
    assertThat(report.path("pods").size()).isEqualTo(2);

    PluginProcess.Result table = PluginProcess.run("-n", ns.name(), "backtest", "web", "--since", since + "s", "--step",
        STEP + "s", "--prometheus-url", ns.prometheus().toString());
    System.out.println("backtest:\n" + table);
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out()).contains("CHECK", "EPISODES", "errors", "> 0.1", "Past reverts: none in the plan's history.");
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
    assertThat(down.err()).contains("error: Prometheus at http://127.0.0.1:19149 unreachable: connection refused");
    assertThat(down.out()).isEmpty();

    PluginProcess.Result noPlan = PluginProcess.run("-n", ns.name(), "backtest", "nosuch", "--prometheus-url",
        ns.prometheus().toString());
    assertThat(noPlan.exitCode()).as(noPlan.toString()).isEqualTo(1);
    assertThat(noPlan.err()).contains("not found");

    PluginProcess.Result usage = PluginProcess.run("-n", ns.name(), "backtest", "--step", "500ms", "-f", noData.toString());
    assertThat(usage.exitCode()).as(usage.toString()).isEqualTo(64);
    assertThat(usage.err()).contains("--step must be whole seconds");
  }
}
