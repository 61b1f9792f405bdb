package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
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
        analysis:
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
      """)
  void invalidSpecIsRejectedAtApply(String what, String from, String to, String message, TestNamespace ns) {
    String yaml = VALID.replace(from, to);
    if (yaml.equals(VALID)) {
      throw new IllegalStateException("test case '" + what + "' did not change the manifest");
    }
    // Sent untyped, as kubectl does: the API server, not the Java types, must reject it.
    GenericKubernetesResource plan = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    assertThatThrownBy(() -> ns.client().genericKubernetesResources("launchplan.io/v1alpha1", "LaunchPlan")
            .inNamespace(ns.name()).resource(plan).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(message);
  }
}
