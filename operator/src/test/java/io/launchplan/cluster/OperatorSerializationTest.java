package io.launchplan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPolicy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The mapping the operator's client is built with ({@code Main}), on the JSON a newer CRD lets the
 * API server store: fields this operator's types do not know.
 */
class OperatorSerializationTest {
  private final KubernetesSerialization json = new OperatorSerialization();

  private static final String POLICY = """
      {"apiVersion": "launchplan.io/v1alpha1", "kind": "LaunchPolicy",
       "metadata": {"name": "p", "resourceVersion": "7"},
       "spec": {"quorum": {"of": 2},
                "minimums": {"canaryObserve": "5m", "fooBar": [1, {"x": 2}]},
                "windows": [{"kind": "Deny", "schedule": "0 0 * * *", "duration": "1h", "region": "eu"}],
                "maxConcurrentLaunches": 2},
       "status": {"newerStatusField": true}}
      """;

  @Test
  void theOldMappingFailsOnAnUnknownField() {
    assertThatThrownBy(() -> new KubernetesSerialization().unmarshal(POLICY, LaunchPolicy.class))
        .hasRootCauseInstanceOf(UnrecognizedPropertyException.class);
  }

  @Test
  void unknownSpecFieldsAreRecordedWithTheirPathAndTheKnownOnesRead() {
    LaunchPolicy policy = json.unmarshal(POLICY, LaunchPolicy.class);

    assertThat(policy.getSpec().unknownFields())
        .containsExactly("spec.quorum", "spec.minimums.fooBar", "spec.windows[0].region");
    assertThat(policy.getSpec().getMinimums().getCanaryObserve()).isEqualTo("5m");
    assertThat(policy.getSpec().getMaxConcurrentLaunches()).isEqualTo(2);
    assertThat(policy.getSpec().getWindows()).singleElement().satisfies(w -> assertThat(w.getDuration()).isEqualTo("1h"));
    assertThat(policy.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(json.asJson(policy)).as("the record is never written back").doesNotContain("unknownFields");
  }

  @Test
  void aPolicyWithOnlyKnownFieldsRecordsNothing() {
    String known = POLICY.replace("\"quorum\": {\"of\": 2},", "").replace(", \"fooBar\": [1, {\"x\": 2}]", "")
        .replace(", \"region\": \"eu\"", "");

    assertThat(json.unmarshal(known, LaunchPolicy.class).getSpec().unknownFields()).isEmpty();
  }

  /** The informers read lists and watch events; JOSDK hands the reconcilers clones. */
  @Test
  void theRecordSurvivesListsWatchEventsAndClones() {
    String text = "{\"apiVersion\": \"launchplan.io/v1alpha1\", \"kind\": \"LaunchPolicyList\","
        + " \"metadata\": {}, \"items\": [" + POLICY + "]}";
    DefaultKubernetesResourceList<LaunchPolicy> list = json.unmarshal(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        new TypeReference<DefaultKubernetesResourceList<LaunchPolicy>>() {});
    assertThat(list.getItems()).singleElement().satisfies(p -> assertThat(p.getSpec().unknownFields())
        .containsExactly("spec.quorum", "spec.minimums.fooBar", "spec.windows[0].region"));

    WatchEvent event = json.unmarshal("{\"type\": \"MODIFIED\", \"object\": " + POLICY + "}", WatchEvent.class);
    LaunchPolicy watched = json.convertValue(event.getObject(), LaunchPolicy.class);
    assertThat(watched.getSpec().unknownFields()).contains("spec.minimums.fooBar");

    LaunchPolicy copy = json.clone(json.unmarshal(POLICY, LaunchPolicy.class));
    assertThat(copy.getSpec().unknownFields()).containsExactly("spec.quorum", "spec.minimums.fooBar", "spec.windows[0].region");
  }

  @Test
  void unknownPlanFieldsAreRecordedOnTheSpec() {
    LaunchPlan plan = json.unmarshal("""
        {"apiVersion": "launchplan.io/v1alpha1", "kind": "LaunchPlan", "metadata": {"name": "a", "namespace": "n"},
         "spec": {"targetRef": {"name": "t"}, "template": {"spec": {"anything": 1}},
                  "canary": {"replicas": 1, "trafficPercent": 5}, "shadow": true},
         "status": {"phase": "Pending", "newerStatusField": {"a": 1}}}
        """, LaunchPlan.class);

    assertThat(plan.getSpec().unknownFields()).as("the template is schemaless: nothing there is unknown")
        .containsExactly("spec.canary.trafficPercent", "spec.shadow");
    assertThat(plan.getSpec().getCanary().getReplicas()).isEqualTo(1);
    assertThat(plan.getStatus().getPhase()).hasToString("Pending");
  }

  @Test
  void aValueOfTheWrongTypeStillFails() {
    assertThatThrownBy(() -> json.unmarshal(POLICY.replace("\"maxConcurrentLaunches\": 2", "\"maxConcurrentLaunches\": \"two\""),
        LaunchPolicy.class)).hasRootCauseInstanceOf(InvalidFormatException.class);
  }

  @Test
  void otherTypesMapAsBefore() {
    GenericKubernetesResource r = json.unmarshal(POLICY, GenericKubernetesResource.class);
    assertThat(r.getAdditionalProperties()).containsKey("spec");
  }
}
