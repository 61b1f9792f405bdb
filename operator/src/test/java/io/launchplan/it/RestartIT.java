package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator process is SIGKILLed while a launch is in each phase and started again: the launch
 * reaches the same end state, with exactly one canary created and each target change made once.
 */
@ExtendWith(ClusterExtension.class)
class RestartIT {
  private static final Duration END = Duration.ofSeconds(120);

  @Test
  void killedInCanaryFinishesOnce(TestNamespace ns) {
    String zone = ns.name();
    Scenario s = new Scenario(ns, new PlanYaml().canaryObserve("2s").rolloutObserve("2s").yaml()
        .replace("      containers: [{name: app, image: \"registry.example/web:2\"}]",
            "      nodeSelector: {launchplan.io/test-zone: " + zone + "}\n      containers: [{name: app, image: \"registry.example/web:2\"}]"));
    s.op.close(); // the canary cannot be scheduled until a node carries the zone label
    s.op = OperatorProcess.start(ns, s.log);
    ns.awaitPhase("web-v2", Phase.Canary, END);
    sleep(1500);
    s.op.kill();
    String node = "launchplan-node-0"; // one of the local cluster's own nodes (benchmarks may add tainted ones)
    ns.client().nodes().withName(node).edit(n -> { n.getMetadata().getLabels().put("launchplan.io/test-zone", zone); return n; });
    try {
      s.restart();
      s.assertSucceededOnce();
    } finally {
      ns.client().nodes().withName(node).edit(n -> { n.getMetadata().getLabels().remove("launchplan.io/test-zone"); return n; });
    }
  }

  @Test
  void killedInObservingFinishesOnce(TestNamespace ns) {
    Scenario s = new Scenario(ns, new PlanYaml().canaryObserve("8s").rolloutObserve("2s").yaml());
    ns.awaitPhase("web-v2", Phase.Observing, END);
    s.op.kill();
    sleep(2000);
    s.restart();
    s.assertSucceededOnce();
  }

  @Test
  void killedInRollingOutFinishesOnce(TestNamespace ns) {
    ns.createWeb();
    ns.slowRollout("web", 5);
    Scenario s = new Scenario(ns, new PlanYaml().canaryObserve("2s").rolloutObserve("2s").yaml());
    ns.awaitPhase("web-v2", Phase.RollingOut, END);
    s.op.kill();
    sleep(2000);
    s.restart();
    s.assertSucceededOnce();
  }

  @Test
  void killedInVerifyingFinishesOnce(TestNamespace ns) {
    Scenario s = new Scenario(ns, new PlanYaml().canaryObserve("2s").rolloutObserve("8s").yaml());
    ns.awaitPhase("web-v2", Phase.Verifying, END);
    s.op.kill();
    sleep(2000);
    s.restart();
    s.assertSucceededOnce();
  }

  /** Staged steps (issue 16): killed in the middle of three canary sizes, no step is applied twice. */
  @Test
  void killedInAMiddleStepFinishesWithEachStepOnce(TestNamespace ns) {
    ns.createWeb();
    try (CanaryScaleLog scales = new CanaryScaleLog(ns, "web-canary")) {
      Scenario s = new Scenario(ns, new PlanYaml().canaryObserve("2s")
          .steps("[{percent: 50, observe: 8s}, {replicas: 3, observe: 2s}]").rolloutObserve("2s").yaml());
      CanaryScaleLog.awaitStep(ns, "web-v2", Phase.Observing, 1, END);
      s.op.kill();
      sleep(2000);
      s.restart();
      LaunchPlan done = s.assertLaunchedOnce();
      assertThat(scales.sizes()).as("canary sizes: 1 pod, 50% of 3, 3 pods, each once").containsExactly(1, 2, 3);
      assertThat(done.getStatus().getHistory()).extracting(h -> h.getPhase()).containsExactly(Phase.Canary,
          Phase.Observing, Phase.Canary, Phase.Observing, Phase.Canary, Phase.Observing, Phase.RollingOut,
          Phase.Verifying, Phase.Succeeded);
      assertThat(done.getStatus().getHistory()).extracting(h -> h.getReason())
          .filteredOn("StepStarted"::equals).hasSize(2);
      assertThat(done.getStatus().getHistory()).extracting(h -> h.getReason())
          .filteredOn("StepReady"::equals).hasSize(2);
      s.close();
    }
  }

  @Test
  void killedInRevertingFinishesOnce(TestNamespace ns) {
    ns.createWeb();
    ns.slowRollout("web", 5);
    long before = ns.generation("web");
    var template = ns.deployment("web").getSpec().getTemplate();
    Scenario s = new Scenario(ns, new PlanYaml().canaryObserve("2s").rolloutObserve("30s").query(PlanYaml.ALL_5XX).yaml());
    // Revert from Verifying: the old ReplicaSet is at 0 then, so the restore has to bring up new
    // pods, each held back minReadySeconds, and Reverting lasts long enough to be killed in.
    ns.awaitPhase("web-v2", Phase.Verifying, END);
    ns.annotatePods(Map.of("app", "web"), "sim.launchplan.io/error-ratio", "0.9");
    ns.awaitPhase("web-v2", Phase.Reverting, END);
    s.op.kill();
    sleep(2000);
    s.restart();
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Reverted, END);
    assertThat(done.getStatus().getReason()).isEqualTo("AnalysisRevert");
    ns.awaitAvailable("web", Duration.ofSeconds(60));
    assertThat(ns.deployment("web").getSpec().getTemplate()).isEqualTo(template);
    assertThat(ns.generation("web") - before).as("target changes: one patch, one restore").isEqualTo(2);
    assertThat(s.canaryCreations).hasSize(1);
    s.close();
  }

  /** One launch of {@code web} with a watch that counts canary creations, and a killable operator. */
  private static final class Scenario implements AutoCloseable {
    final TestNamespace ns;
    final Path log;
    final Set<String> canaryCreations = ConcurrentHashMap.newKeySet();
    final long generationBefore;
    final Watch watch;
    OperatorProcess op;

    Scenario(TestNamespace ns, String planYaml) {
      this.ns = ns;
      if (ns.deployment("web") == null) {
        ns.createWeb();
      }
      this.generationBefore = ns.generation("web");
      this.log = OperatorProcess.logDir().toPath().resolve(ns.name() + ".log");
      this.watch = ns.client().apps().deployments().inNamespace(ns.name()).watch(new Watcher<>() {
        @Override
        public void eventReceived(Action action, Deployment d) {
          if (d.getMetadata().getName().equals("web-canary")) {
            canaryCreations.add(d.getMetadata().getUid());
          }
        }

        @Override
        public void onClose(WatcherException cause) {}
      });
      this.op = OperatorProcess.start(ns, log);
      ns.apply(Plans.fromYaml(planYaml));
    }

    void restart() {
      op = OperatorProcess.start(ns, log);
    }

    void assertSucceededOnce() {
      LaunchPlan done = assertLaunchedOnce();
      assertThat(done.getStatus().getHistory()).extracting(h -> h.getPhase())
          .containsSubsequence(Phase.Canary, Phase.Observing, Phase.RollingOut, Phase.Verifying, Phase.Succeeded)
          .doesNotHaveDuplicates();
      close();
    }

    /** Succeeded with one target patch and one canary; returns the plan. */
    LaunchPlan assertLaunchedOnce() {
      LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, END);
      assertThat(ns.deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .isEqualTo("registry.example/web:2");
      assertThat(ns.generation("web") - generationBefore).as("target patches").isEqualTo(1);
      assertThat(canaryCreations).as("canary creations").hasSize(1);
      assertThat(ns.deployment("web-canary")).isNull();
      return done;
    }

    @Override
    public void close() {
      watch.close();
      op.close();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
