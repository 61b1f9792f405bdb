package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.launchplan.LaunchPlanOperator;
import io.launchplan.api.CheckState;
import io.launchplan.api.CheckStatus;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Job checks on the real cluster: the Job's pod lands on a fake node of the test's own, whose
 * private kwok-controller finishes it as its {@code launchplan.io/test-exit} annotation says
 * ({@link KwokNode}, hack/kwok/stages.yaml), so the test decides each check's outcome.
 */
@ExtendWith(ClusterExtension.class)
class JobCheckIT {
  private static final Duration T = Duration.ofSeconds(120);
  /** The private kwok-controller's port (the jc- session's range; any free port on 127.0.0.1 does). */
  private static final int KWOK_PORT = Integer.getInteger("launchplan.kwokPort", 18251);
  private static KwokNode node;

  @BeforeAll
  static void startNode() {
    node = KwokNode.start(KWOK_PORT);
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  /** {@code spec.analysis.jobs} with one check whose pod exits as {@code exit} says. */
  private static String job(String name, String at, String exit, String action, String timeout) {
    return """
        jobs:
          - name: %s
            at: %s
            action: %s
            timeout: %s
            template:
              metadata: {labels: {team: qa}}
              spec:
                template:
                  metadata: {annotations: {launchplan.io/test-exit: "%s"}}
                  spec:
                    nodeSelector: {kubernetes.io/hostname: %s}
                    tolerations: [{key: launchplan.io/test-node, operator: Exists, effect: NoSchedule}]
                    containers: [{name: smoke, image: registry.example/smoke:1, env: [{name: TARGET_URL, value: "http://web"}]}]
        """.formatted(name, at, action, timeout, exit, node.name());
  }

  private static CheckStatus check(LaunchPlan plan, String name) {
    return plan.getStatus().getChecks().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
  }

  private static List<Job> jobs(TestNamespace ns) {
    return ns.client().batch().v1().jobs().inNamespace(ns.name()).withLabel("launchplan.io/check").list().getItems();
  }

  @Test
  void preCanaryAndCanaryJobChecksThatSucceedLetTheLaunchThrough(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().analysis(job("pre", "PreCanary", "0", "Revert", "60s")
        + job("smoke", "Canary", "0", "Revert", "60s").replace("jobs:\n", "")).build());
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);

    assertThat(check(done, "pre").getState()).isEqualTo(CheckState.Passed);
    CheckStatus smoke = check(done, "smoke");
    assertThat(smoke.getState()).isEqualTo(CheckState.Passed);
    assertThat(smoke.getLogs()).isEqualTo("kubectl logs -n " + ns.name() + " job/" + smoke.getJob());
    Job job = ns.client().batch().v1().jobs().inNamespace(ns.name()).withName(smoke.getJob()).get();
    assertThat(job.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(done.getMetadata().getUid()));
    assertThat(job.getMetadata().getLabels()).containsEntry("team", "qa").containsEntry("launchplan.io/plan", "web-v2");
    Map<String, String> env = job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertThat(env).containsEntry("LAUNCHPLAN_CANARY", "web-canary").containsEntry("LAUNCHPLAN_TARGET", "web")
        .containsEntry("LAUNCHPLAN_REVISION", done.getStatus().getRevision())
        .containsEntry("LAUNCHPLAN_STABLE_REVISION", done.getStatus().getStableRevision())
        .containsEntry("LAUNCHPLAN_CHECK_POINT", "Canary").containsEntry("TARGET_URL", "http://web");
    // The pre-canary check passed before the canary existed.
    CheckStatus pre = check(done, "pre");
    assertThat(java.time.Instant.parse(pre.getFinishedAt())).isBeforeOrEqualTo(
        java.time.Instant.parse(done.getStatus().getHistory().stream().filter(h -> "LaunchStarted".equals(h.getReason()))
            .findFirst().orElseThrow().getAt()));
  }

  @Test
  void failedCanaryJobCheckRevertsWithTheLogsHint(TestNamespace ns) {
    ns.createWeb();
    long generation = ns.generation("web");
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("30s").analysis(job("smoke", "Canary", "1", "Revert", "60s")).build());
    LaunchPlan reverted = ns.awaitPhase("web-v2", Phase.Reverted, T);

    assertThat(reverted.getStatus().getReason()).isEqualTo("CheckFailed");
    assertThat(reverted.getStatus().getMessage()).contains("failed").contains("kubectl logs -n " + ns.name() + " job/");
    assertThat(check(reverted, "smoke").getState()).isEqualTo(CheckState.Failed);
    assertThat(ns.generation("web")).as("target untouched").isEqualTo(generation);
    assertThat(ns.deployment("web-canary")).isNull();
  }

  @Test
  void verifyingJobCheckThatNeverFinishesPausesAsInconclusive(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().analysis(job("qa", "Verifying", "never", "Revert", "5s")).build());
    LaunchPlan paused = ns.awaitReason("web-v2", Phase.Paused, "CheckInconclusive", T);

    assertThat(paused.getStatus().getPausedFrom()).isEqualTo(Phase.Verifying);
    assertThat(paused.getStatus().getMessage()).contains("did not finish within 5s");
    assertThat(check(paused, "qa").getState()).isEqualTo(CheckState.Inconclusive);
  }

  @Test
  void jobTemplateTheApiServerRejectsIsAnInvalidSpecBeforeTheLaunch(TestNamespace ns) {
    ns.createWeb();
    long generation = ns.generation("web");
    ns.startOperator();
    // restartPolicy Always is not allowed for a Job's pods: only the API server says so
    ns.apply(new PlanYaml().analysis(job("smoke", "Canary", "0", "Revert", "60s")
        .replace("nodeSelector:", "restartPolicy: Always\n            nodeSelector:")).build());
    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "InvalidSpec", T);

    assertThat(held.getStatus().getMessage()).contains("the API server rejects the Job of spec.analysis.jobs smoke")
        .contains("restartPolicy");
    assertThat(ns.deployment("web-canary")).isNull();
    assertThat(ns.generation("web")).isEqualTo(generation);
    assertThat(jobs(ns)).isEmpty();
  }

  @Test
  void restartedOperatorFindsItsRunningJobInsteadOfStartingASecond(TestNamespace ns) {
    ns.createWeb();
    LaunchPlanOperator first = ns.startOperator();
    ns.apply(new PlanYaml().analysis(job("smoke", "Canary", "never", "Revert", "10m")).build());
    await("the Job check runs").atMost(T).pollInterval(Duration.ofMillis(200)).until(() -> {
      LaunchPlan p = ns.plan("web-v2");
      return p.getStatus() != null && p.getStatus().getChecks() != null
          && p.getStatus().getChecks().stream().anyMatch(c -> c.getState() == CheckState.Running);
    });
    String uid = jobs(ns).get(0).getMetadata().getUid();
    ns.stop(first);
    ns.startOperator();
    // The check stays Running under the new operator, with the same Job ...
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).until(() -> jobs(ns).size() == 1
        && ns.plan("web-v2").getStatus().getPhase() == Phase.Observing);
    // ... which the test now lets succeed: the launch goes on from it.
    ns.annotatePods(Map.of("launchplan.io/check", "smoke"), KwokNode.TEST_EXIT, "0");
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);

    assertThat(jobs(ns)).singleElement().satisfies(j -> assertThat(j.getMetadata().getUid()).isEqualTo(uid));
    assertThat(check(done, "smoke").getState()).isEqualTo(CheckState.Passed);
  }

  /**
   * A Job check's Job that finishes wakes its plan through the operator's watch on check Jobs: a
   * PreCanary Job with a 10m timeout (the plan's only timer while it runs) is let succeed, and the
   * launch starts right after the Job completes, not at a poll.
   */
  @Test
  void aFinishedJobIsActedOnAtOnceNotAtAPoll(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().analysis(job("pre", "PreCanary", "never", "Revert", "10m")).build());
    await("the PreCanary Job runs").atMost(T).pollInterval(Duration.ofMillis(200)).until(() -> {
      LaunchPlan p = ns.plan("web-v2");
      return p.getStatus() != null && "CheckRunning".equals(p.getStatus().getReason()) && jobs(ns).size() == 1
          && !ns.client().pods().inNamespace(ns.name()).withLabel("launchplan.io/check", "pre").list().getItems().isEmpty();
    });

    ns.annotatePods(Map.of("launchplan.io/check", "pre"), KwokNode.TEST_EXIT, "0");
    LaunchPlan started = ns.awaitPhase("web-v2", Phase.Succeeded, T);

    Job job = jobs(ns).get(0);
    java.time.Instant completed = java.time.Instant.parse(job.getStatus().getCompletionTime());
    java.time.Instant launched = java.time.Instant.parse(started.getStatus().getHistory().stream()
        .filter(h -> "LaunchStarted".equals(h.getReason())).findFirst().orElseThrow().getAt());
    Duration reaction = Duration.between(completed, launched);
    System.out.println("JobCheckIT: launch started " + reaction.toMillis() + " ms after the Job's completionTime (second precision)");
    // completionTime is cut to the second (up to 1 s of the figure), the reconcile queries Prometheus
    // first; a 5 s poll would add up to 5 s on top.
    assertThat(reaction).as("acted on at the Job's completion, not at the next 5 s poll")
        .isLessThan(Duration.ofSeconds(3));
  }
}
