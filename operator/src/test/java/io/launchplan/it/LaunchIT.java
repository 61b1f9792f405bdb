package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Whole launches on the real local cluster and Prometheus, with the operator running in-process. */
@ExtendWith(ClusterExtension.class)
class LaunchIT {
  @Test
  void happyPathCanaryObserveRolloutVerifySucceeds(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();

    ns.apply(new PlanYaml().canaryObserve("4s").rolloutObserve("3s").build());
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, Duration.ofSeconds(90));

    Deployment target = ns.deployment("web");
    assertThat(target.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/web:2");
    assertThat(ns.deployment("web-canary")).isNull();
    List<Phase> phases = done.getStatus().getHistory().stream().map(HistoryEntry::getPhase).toList();
    assertThat(phases).containsExactly(Phase.Canary, Phase.Observing, Phase.RollingOut, Phase.Verifying, Phase.Succeeded);
    List<Instant> times = done.getStatus().getHistory().stream().map(h -> Instant.parse(h.getAt())).toList();
    assertThat(times).isSorted();
    assertThat(done.getStatus().getRevision()).isNotBlank();
    assertThat(done.getStatus().getStableRevision()).isNotBlank().isNotEqualTo(done.getStatus().getRevision());
    assertThat(done.getStatus().getObservedGeneration()).isEqualTo(done.getMetadata().getGeneration());
    assertThat(done.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Ready");
      assertThat(c.getStatus()).isEqualTo("True");
    });
    assertThat(done.getStatus().getAnalysis()).singleElement()
        .satisfies(q -> assertThat(q.getFiring()).isFalse());
    ns.awaitAvailable("web", Duration.ofSeconds(30));
    assertThat(ns.client().v1().events().inNamespace(ns.name()).list().getItems())
        .extracting(e -> e.getReason()).contains("LaunchStarted", "CanaryReady", "Promoted", "RolledOut", "Verified");
  }

  @Test
  void badCanaryRevertsWithoutTouchingTheTarget(TestNamespace ns) {
    ns.createWeb();
    long generation = ns.deployment("web").getMetadata().getGeneration();
    String template = ns.deployment("web").getSpec().getTemplate().toString();
    var operator = ns.startOperator();
    java.util.concurrent.atomic.AtomicReference<Instant> canaryPodsDeleted = new java.util.concurrent.atomic.AtomicReference<>();
    var podWatch = ns.client().pods().inNamespace(ns.name()).withLabel("launchplan.io/role", "canary")
        .watch(new io.fabric8.kubernetes.client.Watcher<io.fabric8.kubernetes.api.model.Pod>() {
          @Override
          public void eventReceived(Action action, io.fabric8.kubernetes.api.model.Pod pod) {
            if (action == Action.DELETED || pod.getMetadata().getDeletionTimestamp() != null) {
              canaryPodsDeleted.compareAndSet(null, Instant.now());
            }
          }

          @Override
          public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
        });

    LaunchPlan bad = Plans.fromYaml("""
        apiVersion: launchplan.io/v1alpha1
        kind: LaunchPlan
        metadata: {name: web-bad}
        spec:
          targetRef: {name: web}
          template:
            metadata:
              annotations: {sim.launchplan.io/error-ratio: "0.9"}
            spec:
              containers: [{name: app, image: "registry.example/web:bad"}]
          canary: {observe: 60s}
          rollout: {observe: 5s}
          analysis:
            interval: 1s
            queries:
              - name: canary-5xx
                expr: |
        %s
        """.formatted(PlanYaml.CANARY_5XX.indent(12).stripTrailing()));
    ns.apply(bad);
    LaunchPlan done = ns.awaitPhase("web-bad", Phase.Reverted, Duration.ofSeconds(90));

    assertThat(done.getStatus().getReason()).isEqualTo("AnalysisRevert");
    assertThat(done.getStatus().getHistory()).extracting(HistoryEntry::getPhase)
        .containsExactly(Phase.Canary, Phase.Observing, Phase.Reverting, Phase.Reverted);
    Deployment target = ns.deployment("web");
    assertThat(target.getMetadata().getGeneration()).isEqualTo(generation);
    assertThat(target.getSpec().getTemplate().toString()).isEqualTo(template);
    assertThat(ns.deployment("web-canary")).isNull();
    Awaitility.await("canary pods gone").atMost(Duration.ofSeconds(30)).until(() ->
        ns.client().pods().inNamespace(ns.name()).withLabel("launchplan.io/role", "canary").list().getItems().isEmpty());
    podWatch.close();
    Instant decided = Instant.parse(done.getStatus().getRevertDecidedAt());
    assertThat(canaryPodsDeleted.get()).as("canary pod deletion seen").isNotNull();
    Duration detectToDeleted = Duration.between(decided, canaryPodsDeleted.get());
    var histogram = operator.metrics().registry().scrape().stream()
        .filter(m -> m.getMetadata().getName().equals("launchplan_detect_to_revert_seconds")).findFirst().orElseThrow();
    var data = ((io.prometheus.metrics.model.snapshots.HistogramSnapshot) histogram).getDataPoints().get(0);
    assertThat(data.getCount()).isEqualTo(1);
    System.out.printf("detect-to-revert: first tick that saw canary-5xx firing %s -> canary pods deleted (watch) %s: %d ms;"
        + " operator metric launchplan_detect_to_revert_seconds: %.1f ms%n",
        decided, canaryPodsDeleted.get(), detectToDeleted.toMillis(), data.getSum() * 1000);
  }

  @Test
  void failureDuringRolloutRestoresThePreviousTemplate(TestNamespace ns) {
    ns.createWeb();
    ns.slowRollout("web", 6);
    var stable = ns.deployment("web").getSpec().getTemplate();
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("2s").rolloutObserve("30s").query(PlanYaml.ALL_5XX).build());
    ns.awaitPhase("web-v2", Phase.RollingOut, Duration.ofSeconds(60));
    ns.annotatePods(Map.of("app", "web"), "sim.launchplan.io/error-ratio", "0.9");
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Reverted, Duration.ofSeconds(120));
    assertThat(done.getStatus().getHistory()).extracting(HistoryEntry::getPhase)
        .containsSubsequence(Phase.RollingOut, Phase.Reverting, Phase.Reverted);
    assertThat(ns.deployment("web").getSpec().getTemplate()).isEqualTo(stable);
    ns.awaitAvailable("web", Duration.ofSeconds(60));
    assertThat(ns.deployment("web-canary")).isNull();
  }
}
