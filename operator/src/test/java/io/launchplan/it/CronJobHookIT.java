package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.launchplan.LaunchPlanOperator;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code hooks.suspendCronJobs}: the matching CronJobs are suspended while the launch runs and each
 * gets its own previous value back however the launch ends, across an operator restart too; one
 * resumed by hand mid-launch is left as it was set, and the plan says so in a Warning Event.
 */
@ExtendWith(ClusterExtension.class)
class CronJobHookIT {
  private static final Duration T = Duration.ofSeconds(90);
  private static final String HOOK = "hooks: {suspendCronJobs: {selector: {matchLabels: {tier: batch}}}}";

  /** A plan for {@code web} with the CronJob hook; its canary window is {@code observe}. */
  private static LaunchPlan plan(String observe) {
    String yaml = new PlanYaml().canaryObserve(observe).yaml();
    return Plans.fromYaml(yaml.replace("spec:\n  targetRef:", "spec:\n  " + HOOK + "\n  targetRef:"));
  }

  /** A CronJob that would run once a year (never during the test), labelled {@code labels}. */
  private static void cronJob(TestNamespace ns, String name, boolean suspend, Map<String, String> labels) {
    ns.client().batch().v1().cronjobs().inNamespace(ns.name()).resource(new CronJobBuilder()
        .withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewSpec().withSchedule("0 0 1 1 *").withSuspend(suspend)
            .withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec()
                .addNewContainer().withName("batch").withImage("registry.example/batch:1").endContainer()
                .withRestartPolicy("Never")
            .endSpec().endTemplate().endSpec().endJobTemplate()
        .endSpec().build()).create();
  }

  private static CronJob cron(TestNamespace ns, String name) {
    return ns.client().batch().v1().cronjobs().inNamespace(ns.name()).withName(name).get();
  }

  private static boolean suspended(TestNamespace ns, String name) {
    return Boolean.TRUE.equals(cron(ns, name).getSpec().getSuspend());
  }

  private static void awaitSuspended(TestNamespace ns, String name, boolean suspended) {
    await(name + " suspend: " + suspended).atMost(T).pollInterval(Duration.ofMillis(200))
        .until(() -> suspended(ns, name) == suspended);
  }

  private static void assertUnmarked(TestNamespace ns, String name) {
    CronJob c = cron(ns, name);
    assertThat(c.getMetadata().getLabels()).doesNotContainKey("launchplan.io/suspended-by");
    assertThat(c.getMetadata().getAnnotations() == null ? Map.of() : c.getMetadata().getAnnotations())
        .doesNotContainKey("launchplan.io/suspend-before");
  }

  @Test
  void suspendsTheMatchingCronJobsWhileTheLaunchRunsAndRestoresEachOnesOwnValue(TestNamespace ns) {
    ns.createWeb();
    cronJob(ns, "report", false, Map.of("tier", "batch"));
    cronJob(ns, "cleanup", true, Map.of("tier", "batch"));
    cronJob(ns, "unrelated", false, Map.of("tier", "web"));
    ns.startOperator();
    ns.apply(plan("8s"));
    ns.awaitPhase("web-v2", Phase.Observing, T);
    awaitSuspended(ns, "report", true);
    assertThat(ns.plan("web-v2").getStatus().getSuspendedCronJobs()).containsExactlyInAnyOrder("report", "cleanup");
    assertThat(suspended(ns, "unrelated")).isFalse();

    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    awaitSuspended(ns, "report", false);
    assertThat(suspended(ns, "cleanup")).as("was suspended before the launch: stays so").isTrue();
    assertUnmarked(ns, "report");
    assertUnmarked(ns, "cleanup");
    assertThat(suspended(ns, "unrelated")).isFalse();
    assertThat(done.getStatus().getSuspendedCronJobs()).isNull();
  }

  @Test
  void restoresAfterARevertThatARestartedOperatorCarriesOut(TestNamespace ns) {
    ns.createWeb();
    cronJob(ns, "report", false, Map.of("tier", "batch"));
    LaunchPlanOperator first = ns.startOperator();
    ns.apply(plan("5m"));
    ns.awaitPhase("web-v2", Phase.Observing, T);
    awaitSuspended(ns, "report", true);
    ns.stop(first);

    ns.startOperator();
    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2").patch(
        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"launchplan.io/abort\":\"bad build\"}}}");
    ns.awaitPhase("web-v2", Phase.Reverted, T);
    awaitSuspended(ns, "report", false);
    assertUnmarked(ns, "report");
  }

  @Test
  void aCronJobResumedByHandMidLaunchIsLeftAsSetAndThePlanSaysSo(TestNamespace ns) {
    ns.createWeb();
    cronJob(ns, "report", false, Map.of("tier", "batch"));
    cronJob(ns, "cleanup", false, Map.of("tier", "batch"));
    ns.startOperator();
    ns.apply(plan("20s"));
    ns.awaitPhase("web-v2", Phase.Observing, T);
    awaitSuspended(ns, "report", true);
    awaitSuspended(ns, "cleanup", true);

    ns.client().batch().v1().cronjobs().inNamespace(ns.name()).withName("report")
        .edit(c -> { c.getSpec().setSuspend(false); return c; });
    await("a Warning Event names the CronJob").atMost(T).pollInterval(Duration.ofMillis(200)).until(() ->
        ns.client().v1().events().inNamespace(ns.name()).list().getItems().stream().anyMatch(e ->
            "CronJobResumedByHand".equals(e.getReason()) && "Warning".equals(e.getType())
                && e.getMessage().contains("CronJob report was resumed by hand")));
    // not suspended again while the launch goes on ...
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> !suspended(ns, "report"));
    assertThat(ns.plan("web-v2").getStatus().getSuspendedCronJobs()).containsExactly("cleanup");

    ns.awaitPhase("web-v2", Phase.Succeeded, T);
    awaitSuspended(ns, "cleanup", false);
    assertThat(suspended(ns, "report")).isFalse();
    assertUnmarked(ns, "report");
    assertUnmarked(ns, "cleanup");
  }

  @Test
  void aPlanDeletedMidLaunchGivesItsCronJobsBack(TestNamespace ns) {
    ns.createWeb();
    cronJob(ns, "report", false, Map.of("tier", "batch"));
    ns.startOperator();
    ns.apply(plan("5m"));
    ns.awaitPhase("web-v2", Phase.Observing, T);
    awaitSuspended(ns, "report", true);

    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2").delete();
    awaitSuspended(ns, "report", false);
    assertUnmarked(ns, "report");
  }
}
