package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.TargetRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invalid LaunchPlans are rejected by the real API server at apply time, with a message naming the field. */
@ExtendWith(ClusterExtension.class)
class CrdValidationIT {
  private static final String VALID = """
      apiVersion: launchplan.io/v1alpha1
      kind: LaunchPlan
      metadata: {name: bad}
      spec:
        targetRef: {name: web}
        template:
          spec:
            containers: [{name: app, image: "x:2"}]
        canary: {replicas: 1, observe: 30s}
        rollout: {observe: 5m}
        analysis:
          prometheus: {url: "http://prometheus.monitoring:9090"}
          interval: 10s
          onError: Pause
          queries:
            - {name: q1, expr: "vector(1)", for: 20s, action: Revert}
            - {name: q2, expr: "vector(1)", action: Pause}
        lane: shop-eu
        cooldown: 5m
        emergency: false
        postmortem: {revision: 5d8c7f9b00, cause: stale cache, impact: "3% 5xx", fix: key by tenant}
      """;

  @Test
  void validManifestIsAccepted(TestNamespace ns) {
    GenericKubernetesResource plan = Serialization.unmarshal(VALID, GenericKubernetesResource.class);

    assertThat(ns.client().genericKubernetesResources("launchplan.io/v1alpha1", "LaunchPlan")
        .inNamespace(ns.name()).resource(plan).create().getMetadata().getUid()).isNotBlank();
  }

  /** What {@code kubectl get lp} prints first: NAME, the launch's state, AGE last. */
  @Test
  void kubectlGetListsTheColumnsInOrderAgeLast(TestNamespace ns) throws Exception {
    assertAccepted(ns, VALID);
    Path kubectl = kubectl();
    Process p = new ProcessBuilder(kubectl.toString(), "--kubeconfig", LocalCluster.kubeconfigPath().toString(),
        "get", "lp", "-n", ns.name()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl get lp finished").isTrue();
    assertThat(p.exitValue()).as(out).isZero();

    assertThat(List.of(out.lines().findFirst().orElseThrow().trim().split("\\s+")))
        .containsExactly("NAME", "PHASE", "TARGET", "REVISION", "CANARY", "STEP", "REASON", "FROZEN", "FROZEN-SINCE", "AGE");
  }

  /** The kubectl {@code make cluster-up} built (hack/versions.sh: $LP_CACHE/kubernetes-<version>/bin). */
  private static Path kubectl() throws IOException {
    String cache = System.getenv("LP_CACHE");
    Path dir = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache/launchplan");
    try (Stream<Path> versions = Files.list(dir)) {
      return versions.filter(d -> d.getFileName().toString().startsWith("kubernetes-"))
          .map(d -> d.resolve("bin/kubectl")).filter(Files::isExecutable).sorted().reduce((a, b) -> b)
          .orElseThrow(() -> new IllegalStateException("no kubectl under " + dir + "/kubernetes-*/bin: run make cluster-up"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing targetRef.name        | 'targetRef: {name: web}'        | 'targetRef: {}'                          | spec.targetRef.name
      missing template              | 'template:'                     | 'template2:'                             | spec.template: Required value
      empty template                | '    spec:'                     | '    spec2:'                              | template must set
      canary replicas zero          | 'replicas: 1'                   | 'replicas: 0'                            | spec.canary.replicas
      duration not a duration       | 'observe: 30s'                  | 'observe: 30 seconds'                    | spec.canary.observe
      bad for duration              | 'for: 20s'                      | 'for: -5s'                               | for
      unknown action                | 'action: Pause'                 | 'action: Ignore'                         | Unsupported value
      unknown onError               | 'onError: Pause'                | 'onError: Continue'                      | spec.analysis.onError
      duplicate query names         | 'name: q2'                      | 'name: q1'                               | names must be unique
      bad target name               | 'targetRef: {name: web}'        | 'targetRef: {name: Web_1}'               | spec.targetRef.name
      lane with bad characters      | 'lane: shop-eu'                 | 'lane: Shop_EU'                          | spec.lane
      lane with a dot               | 'lane: shop-eu'                 | 'lane: shop.eu'                          | spec.lane
      lane longer than a DNS label  | 'lane: shop-eu'                 | 'lane: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' | spec.lane
      negative cooldown             | 'cooldown: 5m'                  | 'cooldown: -5m'                          | spec.cooldown
      cooldown not a duration       | 'cooldown: 5m'                  | 'cooldown: soon'                         | spec.cooldown
      emergency not a boolean       | 'emergency: false'              | 'emergency: maybe'                       | spec.emergency
      empty postmortem cause        | 'cause: stale cache'            | 'cause: ""'                              | spec.postmortem.cause
      empty postmortem revision     | 'revision: 5d8c7f9b00'          | 'revision: ""'                           | spec.postmortem.revision
      canary observe overflowing    | 'observe: 30s'                  | 'observe: 10000000000000h'               | spec.canary.observe: Invalid value: "10000000000000h": must be a duration of at most 168h (a week)
      canary observe over a week    | 'observe: 30s'                  | 'observe: 168h1ms'                       | spec.canary.observe: Invalid value: "168h1ms": must be a duration of at most 168h (a week)
      rollout observe not a long    | 'observe: 5m'                   | 'observe: 99999999999999999999s'         | spec.rollout.observe: Invalid value: "99999999999999999999s": must be a duration of at most 168h (a week)
      rollout observe over a week   | 'observe: 5m'                   | 'observe: 169h'                          | spec.rollout.observe: Invalid value: "169h": must be a duration of at most 168h (a week)
      interval 0s                   | 'interval: 10s'                 | 'interval: 0s'                           | spec.analysis.interval: Invalid value: "0s": must be a duration between 1s and 1h
      interval 1ms                  | 'interval: 10s'                 | 'interval: 1ms'                          | spec.analysis.interval: Invalid value: "1ms": must be a duration between 1s and 1h
      interval 999ms                | 'interval: 10s'                 | 'interval: 999ms'                        | spec.analysis.interval: Invalid value: "999ms": must be a duration between 1s and 1h
      interval over an hour         | 'interval: 10s'                 | 'interval: 1h1s'                         | spec.analysis.interval: Invalid value: "1h1s": must be a duration between 1s and 1h
      interval overflowing          | 'interval: 10s'                 | 'interval: 10000000000000h'              | spec.analysis.interval: Invalid value: "10000000000000h": must be a duration between 1s and 1h
      for over a week               | 'for: 20s'                      | 'for: 200h'                              | spec.analysis.queries[0].for: Invalid value: "200h": must be a duration of at most 168h (a week)
      for overflowing               | 'for: 20s'                      | 'for: 99999999999999999999s'             | spec.analysis.queries[0].for: Invalid value: "99999999999999999999s": must be a duration of at most 168h (a week)
      cooldown overflowing          | 'cooldown: 5m'                  | 'cooldown: 10000000000000h'              | spec.cooldown: Invalid value: "10000000000000h": must be a duration of at most 168h (a week)
      cooldown over a week          | 'cooldown: 5m'                  | 'cooldown: 604801s'                      | spec.cooldown: Invalid value: "604801s": must be a duration of at most 168h (a week)
      duration units out of order   | 'cooldown: 5m'                  | 'cooldown: 30s5m'                        | spec.cooldown: Invalid value: "30s5m": must be a duration of at most 168h (a week)
      duration unit twice           | 'cooldown: 5m'                  | 'cooldown: 5m5m'                         | spec.cooldown: Invalid value: "5m5m": must be a duration of at most 168h (a week)
      prometheus url not a URL      | 'url: "http://prometheus.monitoring:9090"' | 'url: "http://prometheus monitoring:9090"' | prometheus.url must be a URL
      prometheus url not http       | 'url: "http://prometheus.monitoring:9090"' | 'url: "prometheus:9090"' | spec.analysis.prometheus.url
      """)
  void invalidSpecIsRejectedAtApply(String what, String from, String to, String message, TestNamespace ns) {
    assertRejected(ns, replaced(what, from, to), message);
  }

  /** The maximums themselves, the shortest interval and the longest names are accepted. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      canary observe 168h           | 'observe: 30s'                  | 'observe: 168h'
      rollout observe 604800s       | 'observe: 5m'                   | 'observe: 604800s'
      interval 1s                   | 'interval: 10s'                 | 'interval: 1s'
      interval 1000ms               | 'interval: 10s'                 | 'interval: 1000ms'
      interval 1h                   | 'interval: 10s'                 | 'interval: 1h'
      for 168h                      | 'for: 20s'                      | 'for: 168h'
      for 0s                        | 'for: 20s'                      | 'for: 0s'
      cooldown 167h59m59s999ms      | 'cooldown: 5m'                  | 'cooldown: 167h59m59s999ms'
      cooldown 0s                   | 'cooldown: 5m'                  | 'cooldown: 0s'
      prometheus url with a path    | 'url: "http://prometheus.monitoring:9090"' | 'url: "https://metrics.example.com/prometheus/"'
      """)
  void boundsThemselvesAreAccepted(String what, String from, String to, TestNamespace ns) {
    assertAccepted(ns, replaced(what, from, to));
  }

  /** Staged canary steps: what the schema can say about them is refused at apply. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      percent zero                  | '[{percent: 0, observe: 5m}]'                              | spec.canary.steps[0].percent
      percent over 100              | '[{percent: 101, observe: 5m}]'                            | spec.canary.steps[0].percent
      percent step below previous   | '[{percent: 50}, {percent: 10}]'                           | each percent step must be at least the previous one
      replicas step below previous  | '[{replicas: 4}, {replicas: 2}]'                           | each replicas step must be at least the previous one
      replicas below canary         | '[{replicas: 1}]'                                          | must not be smaller than canary.replicas
      both percent and replicas     | '[{percent: 10, replicas: 2}]'                             | exactly one of percent and replicas
      neither percent nor replicas  | '[{observe: 5m}]'                                          | exactly one of percent and replicas
      step observe over a week      | '[{percent: 10, observe: 169h}]'                           | spec.canary.steps[0].observe
      eleven steps                  | '[{percent: 1},{percent: 2},{percent: 3},{percent: 4},{percent: 5},{percent: 6},{percent: 7},{percent: 8},{percent: 9},{percent: 10},{percent: 11}]' | must have at most 10 items
      """)
  void invalidStepsAreRejectedAtApply(String what, String steps, String message, TestNamespace ns) {
    assertRejected(ns, withSteps(steps, 2), message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ten steps                     | '[{percent: 1},{percent: 2},{percent: 3},{percent: 4},{percent: 5},{percent: 6},{percent: 7},{percent: 8},{percent: 9},{percent: 100}]'
      equal steps                   | '[{percent: 10, observe: 1m}, {percent: 10, observe: 5m}]'
      percent and replicas mixed    | '[{replicas: 3}, {percent: 10}, {replicas: 5}, {percent: 50}]'
      """)
  void validStepsAreAccepted(String what, String steps, TestNamespace ns) {
    assertAccepted(ns, withSteps(steps, 2));
  }

  private static String withSteps(String steps, int canaryReplicas) {
    return replaced("steps", "canary: {replicas: 1, observe: 30s}",
        "canary: {replicas: " + canaryReplicas + ", observe: 30s, steps: " + steps + "}");
  }

  @Test
  void longestNamesAreAccepted(TestNamespace ns) {
    assertAccepted(ns, VALID.replace("name: bad}", "name: " + "p".repeat(LaunchPlan.MAX_NAME_LENGTH) + "}")
        .replace("targetRef: {name: web}", "targetRef: {name: " + dnsName(TargetRef.MAX_NAME_LENGTH) + "}"));
  }

  @Test
  void aPlanNameTooLongForTheLabelIsRejected(TestNamespace ns) {
    assertRejected(ns, VALID.replace("name: bad}", "name: " + "p".repeat(64) + "}"),
        "metadata.name must be at most 63 characters: it is the value of the launchplan.io/plan label");
  }

  @Test
  void aTargetNameTooLongForTheCanaryIsRejected(TestNamespace ns) {
    String tooLong = dnsName(TargetRef.MAX_NAME_LENGTH + 1);
    assertRejected(ns, VALID.replace("targetRef: {name: web}", "targetRef: {name: " + tooLong + "}"),
        "\": targetRef.name must be at most 246 characters: the canary Deployment <name>-canary");
    assertRejected(ns, VALID.replace("targetRef: {name: web}", "targetRef: {name: " + dnsName(254) + "}"),
        "spec.targetRef.name: Too long");
  }

  /** A DNS subdomain of {@code length} characters: labels of 63 joined by dots. */
  private static String dnsName(int length) {
    StringBuilder b = new StringBuilder();
    while (b.length() < length) {
      if (b.length() % 64 == 63) {
        b.append('.');
      } else {
        b.append('a');
      }
    }
    return b.toString();
  }

  private static String replaced(String what, String from, String to) {
    String yaml = VALID.replace(from, to);
    if (yaml.equals(VALID)) {
      throw new IllegalStateException("test case '" + what + "' did not change the manifest");
    }
    return yaml;
  }

  private static void assertAccepted(TestNamespace ns, String yaml) {
    GenericKubernetesResource plan = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    assertThat(ns.client().genericKubernetesResources("launchplan.io/v1alpha1", "LaunchPlan")
        .inNamespace(ns.name()).resource(plan).create().getMetadata().getUid()).isNotBlank();
  }

  private static void assertRejected(TestNamespace ns, String yaml, String message) {
    // Sent untyped, as kubectl does: the API server, not the Java types, must reject it.
    GenericKubernetesResource plan = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    assertThatThrownBy(() -> ns.client().genericKubernetesResources("launchplan.io/v1alpha1", "LaunchPlan")
            .inNamespace(ns.name()).resource(plan).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(message);
  }
}
