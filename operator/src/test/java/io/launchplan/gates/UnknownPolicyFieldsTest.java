package io.launchplan.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.LaunchPolicy;
import io.launchplan.cluster.OperatorSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A LaunchPolicy written for a newer CRD than this build's (a field it does not know, at any level)
 * is read with what the build knows: the informer on LaunchPolicies is cluster-wide, and one such
 * object used to stop the whole operator ("Fatal error in informer") — e.g. during an upgrade,
 * where the CRDs are applied first. The operator's client maps with {@link OperatorSerialization}, which
 * also records the fields it skipped, so the policy fails closed (CombinedPolicyTest) instead of being
 * weakened to the rules this build knows.
 */
class UnknownPolicyFieldsTest {
  @Test
  void unknownFieldsAreIgnoredAtEveryLevel() {
    String yaml = """
        apiVersion: launchplan.io/v1alpha1
        kind: LaunchPolicy
        metadata: {name: future}
        spec:
          maxConcurrentLaunches: 3
          namespaceSelector: {matchLabels: {team: shop}, somethingNew: 1}
          minimums: {canaryObserve: 5m, maxCanarySteps: 4}
          emergency: {allowed: false, approvers: [sre]}
          windows: [{kind: Deny, schedule: "0 0 * * *", duration: 1h, blackout: true}]
          required: {queries: [], severity: high}
        """;

    LaunchPolicy policy = new OperatorSerialization().unmarshal(yaml, LaunchPolicy.class);

    assertThat(policy.getSpec().getMinimums().getCanaryObserve()).isEqualTo("5m");
    assertThat(policy.getSpec().getNamespaceSelector().getMatchLabels()).containsEntry("team", "shop");
    assertThat(policy.getSpec().unknownFields()).containsExactly("spec.namespaceSelector.somethingNew",
        "spec.minimums.maxCanarySteps", "spec.emergency.approvers", "spec.windows[0].blackout", "spec.required.severity");
    assertThat(CombinedPolicy.of(List.of(new PolicyView("future", policy.getSpec()))).invalidPolicies())
        .containsExactly("future");
  }
}
