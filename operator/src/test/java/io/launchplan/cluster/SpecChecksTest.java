package io.launchplan.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.analysis.PrometheusUrls;
import io.launchplan.api.LaunchPlan;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The checks that need no API server: stored durations the launch could not read, and a canary as
 * large as its target. (The dry run of the merged template is covered by EdgeCasesIT.)
 */
class SpecChecksTest {
  private static final String PLAN = """
      apiVersion: launchplan.io/v1alpha1
      kind: LaunchPlan
      metadata: {name: checkout-v2, namespace: shop}
      spec:
        targetRef: {name: checkout}
        template:
          spec:
            containers: [{name: app, image: "checkout:2"}]
        canary: {replicas: 1, observe: 2m}
        rollout: {observe: 5m}
        analysis:
          interval: 10s
          queries:
            - {name: errors, expr: "vector(1)", for: 20s}
        cooldown: 5m
      """;

  /** No dry run is reached in these cases, so no client is needed. */
  private final SpecChecks checks = new SpecChecks(null, PrometheusUrls.of(URI.create("http://prometheus.monitoring:9090"), null));

  private static LaunchPlan plan() {
    return Serialization.unmarshal(PLAN, LaunchPlan.class);
  }

  private static LaunchPlan plan(String from, String to) {
    String yaml = PLAN.replace(from, to);
    assertThat(yaml).as("the replacement of '%s' changed the plan", from).isNotEqualTo(PLAN);
    return Serialization.unmarshal(yaml, LaunchPlan.class);
  }

  private static Deployment target(Integer replicas) {
    return new DeploymentBuilder().withNewMetadata().withName("checkout").withNamespace("shop").endMetadata()
        .withNewSpec().withReplicas(replicas).endSpec().build();
  }

  /** A newer CRD's field this operator does not know: the launch waits, it does not run with the field dropped. */
  @Test
  void aFieldTheOperatorDoesNotKnowIsASpecProblemCheckedFirst() {
    LaunchPlan plan = new OperatorSerialization().unmarshal(PLAN.replace("cooldown: 5m", "cooldown: 5m\n  fooBar: 1")
        .replace("rollout: {observe: 5m}", "rollout: {observe: 5m, surge: 2}"), LaunchPlan.class);

    assertThat(checks.problem(plan, target(3), "r1"))
        .startsWith("fields spec.rollout.surge, spec.fooBar are not known to this operator (")
        .endsWith("); upgrade the operator");
  }

  @Test
  void aValidPlanHasNoDurationProblem() {
    assertThat(SpecChecks.durationProblem(plan("observe: 2m", "observe: 168h").getSpec())).isNull();
    assertThat(checks.problem(plan("interval: 10s", "interval: 1s"), null, "r1")).isNull();
  }

  /** Values stored before the schema bounded them: the launch stays Pending/InvalidSpec naming the field. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      canary observe overflowing an Instant | observe: 2m   | observe: 10000000000000h    | spec.canary.observe: '10000000000000h' is not a duration
      canary observe over a week            | observe: 2m   | observe: 169h               | spec.canary.observe: '169h' is longer than the maximum 168h
      rollout observe not a long            | observe: 5m   | observe: 99999999999999999999s | spec.rollout.observe: '99999999999999999999s' is not a duration
      interval 0s                           | interval: 10s | interval: 0s                | spec.analysis.interval: '0s' is shorter than the minimum 1s
      interval 1ms                          | interval: 10s | interval: 1ms               | spec.analysis.interval: '1ms' is shorter than the minimum 1s
      interval over an hour                 | interval: 10s | interval: 61m               | spec.analysis.interval: '61m' is longer than the maximum 1h
      query for over a week                 | for: 20s      | for: 200h                   | spec.analysis.queries[0].for (errors): '200h' is longer than the maximum 168h
      cooldown overflowing                  | cooldown: 5m  | cooldown: 10000000000000h   | spec.cooldown: '10000000000000h' is not a duration
      cooldown over a week                  | cooldown: 5m  | cooldown: 168h1s            | spec.cooldown: '168h1s' is longer than the maximum 168h
      """)
  void aDurationTheLaunchCannotReadIsASpecProblemNamingTheField(String what, String from, String to, String message) {
    LaunchPlan plan = plan(from, to);

    assertThat(SpecChecks.durationProblem(plan.getSpec())).startsWith(message);
    assertThat(checks.problem(plan, null, "r1")).startsWith(message);
    assertThat(checks.problem(plan, target(3), "r1")).as("checked before anything else").startsWith(message);
  }

  @Test
  void everyBadDurationIsNamed() {
    LaunchPlan plan = plan("interval: 10s", "interval: 0s");
    plan.getSpec().setCooldown("1000h");

    assertThat(SpecChecks.durationProblem(plan.getSpec()))
        .isEqualTo("spec.analysis.interval: '0s' is shorter than the minimum 1s; "
            + "spec.cooldown: '1000h' is longer than the maximum 168h");
  }

  @Test
  void aCanaryAsLargeAsTheTargetIsRefused() {
    LaunchPlan plan = plan("replicas: 1", "replicas: 3");

    assertThat(checks.problem(plan, target(3), "r1"))
        .isEqualTo("canary.replicas (3) must be less than Deployment checkout's replicas (3): a canary that large "
            + "is a full second copy of the target, not a canary; use at most 2 (a 1-pod canary is always allowed)");
    assertThat(SpecChecks.canaryReplicasProblem(plan.getSpec(), target(2))).contains("canary.replicas (3)")
        .contains("replicas (2)");
    assertThat(SpecChecks.canaryReplicasProblem(plan("replicas: 1", "replicas: 2").getSpec(), target(null)))
        .as("replicas unset is 1").contains("canary.replicas (2)").contains("replicas (1)").contains("use at most 1");
  }

  @Test
  void aCanarySmallerThanTheTargetIsFine() {
    assertThat(SpecChecks.canaryReplicasProblem(plan("replicas: 1", "replicas: 2").getSpec(), target(3))).isNull();
    assertThat(SpecChecks.canaryReplicasProblem(plan("replicas: 1", "replicas: 99").getSpec(), target(100))).isNull();
    assertThat(SpecChecks.canaryReplicasProblem(plan("canary: {replicas: 1, observe: 2m}", "canary: {observe: 2m}")
        .getSpec(), target(2))).as("default 1").isNull();
  }

  @Test
  void aOnePodCanaryIsAllowedOnAOneReplicaTarget() {
    assertThat(SpecChecks.canaryReplicasProblem(plan().getSpec(), target(1))).isNull();
    assertThat(SpecChecks.canaryReplicasProblem(plan().getSpec(), target(null))).isNull();
  }

  @Test
  void aTargetScaledToZeroIsLeftToItsOwnReason() {
    assertThat(SpecChecks.canaryReplicasProblem(plan("replicas: 1", "replicas: 2").getSpec(), target(0))).isNull();
  }
}
