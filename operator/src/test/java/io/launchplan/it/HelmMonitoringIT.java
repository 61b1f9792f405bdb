package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.launchplan.metrics.OperatorMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart's optional monitoring: ServiceMonitor, PrometheusRule and the Grafana dashboard. The
 * alert rules pass promtool's check and its rule unit tests on synthetic series, every expression
 * parses in the real Prometheus, and every metric they name is one the operator exports.
 */
@ExtendWith(ClusterExtension.class)
class HelmMonitoringIT {
  private static final Set<String> MONITORING_KINDS = Set.of("ServiceMonitor", "PrometheusRule");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void monitoringExtrasRenderValidRulesAndADashboardOfRealMetrics(TestNamespace ns) throws Exception {
    List<HasMetadata> items = HelmChart.parse(ns.client(), HelmChart.template(ns.name(),
        "--set", "serviceMonitor.enabled=true,prometheusRule.enabled=true,grafanaDashboard.enabled=true"));
    assertThat(HelmChart.kinds(items)).contains("ServiceMonitor", "PrometheusRule", "ConfigMap");
    boolean monitoringCrds = ns.client().apiextensions().v1().customResourceDefinitions()
        .withName("servicemonitors.monitoring.coreos.com").get() != null;
    if (!monitoringCrds) {
      System.out.println("HelmChartIT: the test cluster has no monitoring.coreos.com CRDs: ServiceMonitor and"
          + " PrometheusRule are not dry-run applied; their rules are checked with promtool and Prometheus instead");
    }
    HelmChart.dryRunApply(ns, monitoringCrds ? items
        : items.stream().filter(i -> !MONITORING_KINDS.contains(i.getKind())).toList());

    // The alert rules: promtool accepts them, and each expression parses in the real Prometheus.
    GenericKubernetesResource rule = (GenericKubernetesResource) HelmChart.ofKind(items, "PrometheusRule").get(0);
    Object groups = rule.getAdditionalProperties().get("spec");
    Path rules = Files.createTempFile("launchplan-rules", ".yml");
    Files.writeString(rules, io.fabric8.kubernetes.client.utils.Serialization.asYaml(groups));
    Process promtool = new ProcessBuilder("promtool", "check", "rules", rules.toString()).redirectErrorStream(true).start();
    String promtoolOut = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS) && promtool.exitValue() == 0).as(promtoolOut).isTrue();
    // And they fire when they should: promtool's rule unit test on synthetic series.
    String sel = "job=\"launchplan-operator\",namespace=\"" + ns.name() + "\"";
    Path ruleTest = rules.resolveSibling(rules.getFileName() + ".test.yml");
    Files.writeString(ruleTest, """
        rule_files: [%s]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - {series: 'launchplan_launches{%s,pod="a",phase="RollingOut"}', values: '1x40'}
              - {series: 'launchplan_launches{%s,pod="a",phase="Canary"}', values: '1x10 0 1x29'}
              - {series: 'launchplan_launches{%s,pod="a",phase="Observing"}', values: '1x40'}
              - {series: 'up{%s,pod="a"}', values: '1x10 0x10 _x20'}
              - {series: 'launchplan_prometheus_query_errors_total{%s,pod="a"}', values: '0+5x40'}
              - {series: 'launchplan_prometheus_query_seconds_count{%s,pod="a"}', values: '0+10x40'}
            alert_rule_test:
              - eval_time: 29m
                alertname: LaunchPlanStuck
                exp_alerts: []
              - eval_time: 35m
                alertname: LaunchPlanStuck
                exp_alerts:
                  - exp_labels: {severity: warning, namespace: %s, phase: RollingOut}
                    exp_annotations:
                      summary: A launch has been RollingOut for over 30m
                      description: >-
                        1 LaunchPlan(s) in phase RollingOut for at least 30m. Find them with `kubectl get lp -A` and read status.reason and status.message.
              - eval_time: 14m
                alertname: LaunchPlanOperatorDown
                exp_alerts: []
              # scraped but down from 11m (up == 0), then not scraped at all from 21m (absent)
              - eval_time: 17m
                alertname: LaunchPlanOperatorDown
                exp_alerts:
                  - exp_labels: {severity: critical, job: launchplan-operator, namespace: %s}
                    exp_annotations:
                      summary: launchplan-operator is down
                      description: >-
                        No launchplan-operator pod in %s has been scraped successfully for 5m. Launches are not driven: canaries are not promoted, and a bad canary is only reverted by alerts or people, not by the operator.
              - eval_time: 35m
                alertname: LaunchPlanOperatorDown
                exp_alerts:
                  - exp_labels: {severity: critical, job: launchplan-operator, namespace: %s}
                    exp_annotations:
                      summary: launchplan-operator is down
                      description: >-
                        No launchplan-operator pod in %s has been scraped successfully for 5m. Launches are not driven: canaries are not promoted, and a bad canary is only reverted by alerts or people, not by the operator.
              - eval_time: 20m
                alertname: LaunchPlanQueryErrors
                exp_alerts:
                  - exp_labels: {severity: warning, namespace: %s}
                    exp_annotations:
                      summary: launchplan-operator analysis queries are failing
                      description: >-
                        50%% of the operator's Prometheus queries failed over the last 5 minutes. Plans with onError Pause are paused, with onError Revert they revert; none is promoted without data. Check the Prometheus URL and the queries' status.analysis errors.
        """.formatted(rules.getFileName(), sel, sel, sel, sel, sel, sel, ns.name(), ns.name(), ns.name(), ns.name(), ns.name(),
        ns.name()));
    Process ruleTests = new ProcessBuilder("promtool", "test", "rules", ruleTest.getFileName().toString())
        .directory(rules.getParent().toFile()).redirectErrorStream(true).start();
    String ruleTestsOut = new String(ruleTests.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ruleTests.waitFor(60, TimeUnit.SECONDS) && ruleTests.exitValue() == 0).as(ruleTestsOut).isTrue();

    List<String> ruleExprs = new ArrayList<>();
    JSON.valueToTree(groups).get("groups").forEach(g -> g.get("rules").forEach(r -> ruleExprs.add(r.get("expr").asText())));
    assertThat(ruleExprs).hasSize(3);

    ConfigMap dashboardMap = HelmChart.ofKind(items, ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getLabels() != null && "1".equals(c.getMetadata().getLabels().get("grafana_dashboard")))
        .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap labelled grafana_dashboard: \"1\""));
    JsonNode dashboard = JSON.readTree(dashboardMap.getData().get("launchplan-operator.json"));
    List<String> panelExprs = new ArrayList<>();
    dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> panelExprs.add(t.get("expr").asText())));
    assertThat(panelExprs).anyMatch(e -> e.contains("launchplan_launches"))
        .anyMatch(e -> e.contains("launchplan_reverts_total"))
        .anyMatch(e -> e.contains("launchplan_detect_to_revert_seconds_bucket"))
        .anyMatch(e -> e.contains("launchplan_reconcile_seconds_bucket"));

    Set<String> exported = exportedSeries();
    List<String> all = new ArrayList<>(ruleExprs);
    panelExprs.forEach(e -> all.add(e.replace("$__rate_interval", "1m").replace("$__range", "1h").replace("$job", ".+")));
    Matcher m = Pattern.compile("launchplan_[a-z_]+").matcher(String.join("\n", all));
    Set<String> used = new HashSet<>();
    while (m.find()) {
      used.add(m.group());
    }
    assertThat(exported).as("series the operator exports").containsAll(used);
    HttpClient http = HttpClient.newHttpClient();
    for (String expr : all) {
      URI uri = URI.create(ns.prometheus() + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("Prometheus parses %s: %s", expr, r.body()).isEqualTo(200);
    }
  }

  /** Every series name the operator's own metrics expose (counters with _total, histograms with their parts). */
  private static Set<String> exportedSeries() {
    PrometheusRegistry registry = new PrometheusRegistry();
    new OperatorMetrics(registry);
    Set<String> names = new HashSet<>();
    for (MetricSnapshot s : registry.scrape()) {
      String n = s.getMetadata().getPrometheusName();
      if (s instanceof CounterSnapshot) {
        names.add(n + "_total");
      } else if (s instanceof HistogramSnapshot) {
        names.addAll(List.of(n + "_bucket", n + "_count", n + "_sum"));
      } else {
        names.add(n);
      }
    }
    return names;
  }
}
