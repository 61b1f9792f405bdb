package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchplan.api.Action;
import io.launchplan.api.LaunchPlan;
import io.launchplan.testsupport.LaunchPlanYaml;
import org.junit.jupiter.api.Test;

/** The YAML helpers the integration tests and the bench write plans with. */
class PlansTest {
  @Test
  void specLinesLandUnderSpecAfterTargetAndTemplate() {
    LaunchPlan p = Plans.fromYaml(LaunchPlanYaml.of("cap-0001", "app-0001", """
        lane: cap-0001
        canary: {replicas: 1, observe: 60m}
        analysis:
          interval: 10s
          queries:
            - name: q
              action: Revert
              expr: 'vector(1) > 0'
        """));

    assertThat(p.getMetadata().getName()).isEqualTo("cap-0001");
    assertThat(p.getSpec().getTargetRef().getName()).isEqualTo("app-0001");
    assertThat(p.getSpec().getTemplate().at("/spec/containers/0/image").asText()).isEqualTo("registry.example/app-0001:2");
    assertThat(p.getSpec().getLane()).isEqualTo("cap-0001");
    assertThat(p.getSpec().getCanary().getObserve()).isEqualTo("60m");
    assertThat(p.getSpec().getAnalysis().getInterval()).isEqualTo("10s");
    assertThat(p.getSpec().getAnalysis().getQueries()).singleElement().satisfies(q -> {
      assertThat(q.getExpr()).isEqualTo("vector(1) > 0");
      assertThat(q.getAction()).isEqualTo(Action.Revert);
    });
  }

  @Test
  void yamlOfAnySizeReadsAListOverSnakeyamlsDefaultLimitOf3Mb() {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
    String padding = "x".repeat(1000);
    int items = 0;
    while (yaml.length() < 4 << 20) { // 4 MB
      yaml.append("- metadata: {name: p-").append(items).append(", namespace: ns-").append(items % 7).append("}\n")
          .append("  spec: {note: ").append(padding).append("}\n");
      items++;
    }
    assertThatThrownBy(() -> Plans.json(yaml.toString())).hasStackTraceContaining("exceeds the limit");
    var list = Plans.yamlOfAnySize(yaml.toString());
    assertThat(list.get("kind").asText()).isEqualTo("List");
    assertThat(list.get("items").size()).isEqualTo(items);
    assertThat(list.get("items").findValuesAsText("namespace")).contains("ns-6");
  }

  @Test
  void simpleHasOneSecondWindowsAndTheExtraSpec() {
    LaunchPlan p = Plans.simple("p", "web", "lane: l\npaused: true");

    assertThat(p.getSpec().getCanary().getObserve()).isEqualTo("1s");
    assertThat(p.getSpec().getRollout().getObserve()).isEqualTo("1s");
    assertThat(p.getSpec().getLane()).isEqualTo("l");
    assertThat(p.getSpec().getPaused()).isTrue();
  }
}
