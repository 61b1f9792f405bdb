package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.LaunchPolicy;
import io.launchplan.api.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator process, whose client maps JSON with {@code OperatorSerialization}, starts and launches
 * while a LaunchPolicy using every field of the current CRD exists: the mapping that tolerates a newer
 * CRD's fields reads today's in full. (What it does with fields it does not know is covered by
 * OperatorSerializationTest, CombinedPolicyTest and SpecChecksTest: the shared cluster's CRD cannot be
 * made newer than the build.)
 */
@ExtendWith(ClusterExtension.class)
class CrdSkewIT {
  private static final String EVERY_FIELD = """
      planSelector:
        matchExpressions: [{key: launchplan.io/crd-skew-it, operator: In, values: [covered]}]
      minimums: {canaryObserve: 2s, rolloutObserve: 2s, maxAnalysisInterval: 30s, maxCanaryReplicas: 1}
      required:
        queries: [{name: never, expr: "vector(0) > 1", for: 1s, action: Revert}]
        alerts: [{matchLabels: {severity: critical}, action: Revert}]
      windows:
        - {kind: Deny, schedule: "0 0 29 2 *", duration: 1m, timeZone: UTC, reason: never soon}
      onWindowClose: Finish
      emergency: {allowed: true, requireReason: true}
      approvals: [{purpose: Emergency, count: 1, groups: [release-managers], validFor: 1h}]
      maxConcurrentLaunches: 2
      """;

  @Test
  void startsAndLaunchesWhileAPolicyUsesEveryField(TestNamespace ns) throws IOException {
    String name = TestPolicies.create(ns, TestPolicies.scope(ns), "every-field", EVERY_FIELD);
    LaunchPolicy stored = ns.client().resources(LaunchPolicy.class).withName(name).get();
    assertThat(stored.getSpec().getApprovals()).as("the CRD kept every field").hasSize(1);
    assertThat(stored.getSpec().getMaxConcurrentLaunches()).isEqualTo(2);
    ns.createWeb();
    Path log = OperatorProcess.logDir().toPath().resolve(ns.name() + ".log");

    try (OperatorProcess op = OperatorProcess.start(ns, log)) {
      ns.apply(Plans.fromYaml(new PlanYaml().canaryObserve("2s").rolloutObserve("2s").yaml()));

      ns.awaitPhase("web-v2", Phase.Succeeded, Duration.ofSeconds(180));
      assertThat(op.alive()).isTrue();
    }
    assertThat(Files.readString(log)).doesNotContain("UnrecognizedPropertyException")
        .doesNotContain("is not known to this operator");
  }
}
