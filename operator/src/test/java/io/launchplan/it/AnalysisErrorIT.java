package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;


import io.fabric8.kubernetes.client.KubernetesClientException;
import io.launchplan.LaunchPlanOperator;
import io.launchplan.OperatorConfig;
import io.launchplan.analysis.PrometheusUrls;
import io.launchplan.analysis.receiver.ReceiverConfig;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.api.PrometheusSpec;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Prometheus rejecting a query or not answering, a Prometheus URL that is malformed or not allowed,
 * and a query that is no instant vector never promote a launch and never change the target.
 */
@ExtendWith(ClusterExtension.class)
class AnalysisErrorIT {
  private static final Duration T = Duration.ofSeconds(60);

  /** Deployment web, 2 replicas of web:1 with no traffic, available. */
  private static void createQuietWeb(TestNamespace ns) {
    ns.createDeployment("web", 2, "registry.example/web:1", Map.of());
    ns.awaitAvailable("web", Duration.ofSeconds(60));
  }

  /** No canary, and the target as it was at {@code generation}. */
  private static void assertUntouched(TestNamespace ns, long generation) {
    assertThat(ns.deployment("web-canary")).isNull();
    assertThat(ns.generation("web")).isEqualTo(generation);
  }

  private static void assertWarningEvent(TestNamespace ns, String text) {
    assertThat(ns.client().v1().events().inNamespace(ns.name()).list().getItems())
        .anySatisfy(e -> {
          assertThat(e.getType()).isEqualTo("Warning");
          assertThat(e.getMessage()).contains(text);
        });
  }

  @Test
  void promqlSyntaxErrorHoldsThePlanWithPrometheusOwnMessage(TestNamespace ns) {
    createQuietWeb(ns);
    long generation = ns.generation("web");
    ns.startOperator();
    ns.apply(new PlanYaml().query("sum(rate(http_requests_total[1m]").build());
    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "AnalysisError", T);
    assertThat(held.getStatus().getMessage()).contains("errors").contains("parse error");
    assertThat(held.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Degraded");
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getMessage()).contains("parse error");
    });
    assertUntouched(ns, generation);
    assertWarningEvent(ns, "parse error");
  }

  @Test
  void unreachablePrometheusMidLaunchPausesAndResumesWhenBack(TestNamespace ns) {
    String message = pausedMidLaunchBy(ns, "http://127.0.0.1:1");
    assertThat(message).contains("127.0.0.1:1").contains("unreachable");
  }

  @Test
  void unreachablePrometheusKeepsANewLaunchPending(TestNamespace ns) {
    createQuietWeb(ns);
    ns.startOperator();
    ns.apply(new PlanYaml().analysis("prometheus: {url: \"http://127.0.0.1:1\"}").build());
    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "AnalysisError", T);
    assertThat(held.getStatus().getMessage()).contains("unreachable");
    assertThat(ns.deployment("web-canary")).isNull();
  }

  @Test
  void malformedPrometheusUrlIsAnInvalidSpecAndChangesNothing(TestNamespace ns) {
    createQuietWeb(ns);
    long generation = ns.generation("web");
    ns.startOperator();
    // No URL at all is refused at apply by the CRD's isURL rule ...
    assertThatThrownBy(() -> ns.apply(new PlanYaml().analysis("prometheus: {url: \"http://[x\"}").build()))
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("prometheus.url must be a URL");
    // ... one that passes it (a port is only checked to be digits there) is the operator's to refuse.
    ns.apply(new PlanYaml().analysis("prometheus: {url: \"http://prometheus:99999\"}").build());
    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "InvalidSpec", T);
    assertThat(held.getStatus().getMessage())
        .isEqualTo("spec.analysis: prometheus.url 'http://prometheus:99999': port 99999 is outside 1..65535");
    assertUntouched(ns, generation);
    assertWarningEvent(ns, "port 99999 is outside 1..65535");
  }

  @Test
  void prometheusHostOutsideTheAllowListIsAnInvalidSpec(TestNamespace ns) {
    createQuietWeb(ns);
    long generation = ns.generation("web");
    var config = new OperatorConfig(ns.prometheus(), Set.of(ns.name()), 0, Duration.ofSeconds(2), 4, ReceiverConfig.OFF,
        "", null, null, PrometheusUrls.of(ns.prometheus(), "prometheus.allowed.example, *.monitoring.svc"));
    LaunchPlanOperator operator = new LaunchPlanOperator(ns.client(), config, Clock.systemUTC(), new PrometheusRegistry())
        .start();
    ns.onCleanup(operator::close);
    // Alertmanager: an internal service that answers HTTP, but not a Prometheus plans may use here
    ns.apply(new PlanYaml().analysis("prometheus: {url: \"" + ns.alertmanager() + "\"}").build());
    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "InvalidSpec", T);
    assertThat(held.getStatus().getMessage()).startsWith("spec.analysis: prometheus.url '" + ns.alertmanager() + "': host ")
        .contains("is not an allowed Prometheus host (LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS: prometheus.allowed.example, "
            + "*.monitoring.svc, and the default " + ns.prometheus() + ")");
    assertUntouched(ns, generation);
    // the default Prometheus is always allowed, named or not
    setPrometheus(ns, ns.prometheus().toString());
    ns.awaitPhase("web-v2", Phase.Succeeded, T);
  }

  @Test
  void malformedPrometheusUrlMidLaunchPausesWithTheMessageAndResumesWhenFixed(TestNamespace ns) {
    // passes the CRD's isURL rule (a port is only checked to be digits there), but is no usable URL
    String message = pausedMidLaunchBy(ns, "http://prometheus:99999");
    assertThat(message)
        .startsWith("invalid spec.analysis: prometheus.url 'http://prometheus:99999': port 99999 is outside 1..65535");
  }

  /**
   * Sets {@code url} as an Observing launch's Prometheus: the launch pauses with AnalysisError and
   * the target untouched, then succeeds once the default Prometheus is back (always allowed, named
   * or not). Returns the paused plan's message.
   */
  private static String pausedMidLaunchBy(TestNamespace ns, String url) {
    ns.createDeployment("web", 2, "registry.example/web:1", Map.of("sim.launchplan.io/rps", "10"));
    ns.awaitAvailable("web", Duration.ofSeconds(60));
    long generation = ns.generation("web");
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("6s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);
    setPrometheus(ns, url);
    LaunchPlan paused = ns.awaitReason("web-v2", Phase.Paused, "AnalysisError", T);
    assertThat(ns.generation("web")).as("target untouched").isEqualTo(generation);
    setPrometheus(ns, ns.prometheus().toString());
    ns.awaitPhase("web-v2", Phase.Succeeded, T);
    return paused.getStatus().getMessage();
  }

  @Test
  void scalarQueryHoldsANewLaunchAsAnAnalysisErrorNeverFiring(TestNamespace ns) {
    createQuietWeb(ns);
    long generation = ns.generation("web");
    ns.startOperator();
    // a comparison of scalars is a scalar (0 here): it used to count as a sample and fire
    ns.apply(new PlanYaml().query("1 > bool 2").build());
    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "AnalysisError", T);
    assertThat(held.getStatus().getMessage()).contains("the query returns a scalar")
        .contains("must return an instant vector");
    assertUntouched(ns, generation);
  }

  private static void setPrometheus(TestNamespace ns, String url) {
    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2").edit(p -> {
      var prom = new PrometheusSpec();
      prom.setUrl(url);
      p.getSpec().getAnalysis().setPrometheus(prom);
      return p;
    });
  }
}
