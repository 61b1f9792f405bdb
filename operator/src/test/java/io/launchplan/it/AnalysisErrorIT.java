package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Prometheus rejecting a query or not answering never promotes a launch and never changes the target. */
@ExtendWith(ClusterExtension.class)
class AnalysisErrorIT {
  private static final Duration T = Duration.ofSeconds(60);

  @Test
  void promqlSyntaxErrorHoldsThePlanWithPrometheusOwnMessage(TestNamespace ns) {
    ns.createDeployment("web", 2, "registry.example/web:1", Map.of());
    ns.awaitAvailable("web", Duration.ofSeconds(60));
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
    assertThat(ns.deployment("web-canary")).isNull();
    assertThat(ns.generation("web")).isEqualTo(generation);
    assertThat(ns.client().v1().events().inNamespace(ns.name()).list().getItems())
        .anySatisfy(e -> {
          assertThat(e.getType()).isEqualTo("Warning");
          assertThat(e.getMessage()).contains("parse error");
        });
  }

  @Test
  void unreachablePrometheusMidLaunchPausesAndResumesWhenBack(TestNamespace ns) {
    ns.createDeployment("web", 2, "registry.example/web:1", Map.of("sim.launchplan.io/rps", "10"));
    ns.awaitAvailable("web", Duration.ofSeconds(60));
    long generation = ns.generation("web");
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("6s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);
    setPrometheus(ns, "http://127.0.0.1:1");
    LaunchPlan paused = ns.awaitReason("web-v2", Phase.Paused, "AnalysisError", T);
    assertThat(paused.getStatus().getMessage()).contains("127.0.0.1:1").contains("unreachable");
    assertThat(ns.generation("web")).as("target untouched").isEqualTo(generation);
    setPrometheus(ns, ns.prometheus().toString());
    ns.awaitPhase("web-v2", Phase.Succeeded, T);
  }

  @Test
  void unreachablePrometheusKeepsANewLaunchPending(TestNamespace ns) {
    ns.createDeployment("web", 2, "registry.example/web:1", Map.of());
    ns.awaitAvailable("web", Duration.ofSeconds(60));
    ns.startOperator();
    ns.apply(new PlanYaml().analysis("prometheus: {url: \"http://127.0.0.1:1\"}").build());
    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "AnalysisError", T);
    assertThat(held.getStatus().getMessage()).contains("unreachable");
    assertThat(ns.deployment("web-canary")).isNull();
  }

  private static void setPrometheus(TestNamespace ns, String url) {
    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2").edit(p -> {
      var prom = new io.launchplan.api.PrometheusSpec();
      prom.setUrl(url);
      p.getSpec().getAnalysis().setPrometheus(prom);
      return p;
    });
  }
}
