package io.launchplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code LAUNCHPLAN_LABEL_SELECTOR}: the Kubernetes label selector syntax, checked at start-up. */
class LabelSelectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"shard=a", "shard==a", "shard!=b", "launchplan.io/shard=a", "shard in (a, b)",
      "shard notin (c)", "shard", "!legacy", "shard=a,tier in (web,api),!legacy", " shard = a ", "empty=",
      "a.b-c_d=x.Y-z_1"})
  void acceptsKubernetesSelectors(String selector) {
    assertThat(read(selector).labelSelector())
        .isEqualTo(selector.trim());
  }

  @ParameterizedTest
  @ValueSource(strings = {"shard=a,", "shard=a b", "shard in a,b", "shard in (a,b", "shard=(a)", "-shard=a",
      "shard=a=b", "Shard.IO/x=a", "shard in (a b)", "shard>3", "=a"})
  void rejectsMalformedSelectorsNamingTheSetting(String selector) {
    assertThatThrownBy(() -> read(selector))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("LAUNCHPLAN_LABEL_SELECTOR: ");
  }

  private static OperatorConfig read(String selector) {
    return OperatorConfig.fromEnv(Map.of("LAUNCHPLAN_LABEL_SELECTOR", selector, "LAUNCHPLAN_RECEIVER_PORT", "0"));
  }

  @org.junit.jupiter.api.Test
  void emptyMeansEveryPlan() {
    assertThat(read("").labelSelector()).isEmpty();
    assertThat(read("  ").labelSelector()).isEmpty();
  }
}
