package io.launchplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchplan.api.AlertSelector;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertQueryTest {
  static AlertSelector selector(Map<String, String> labels) {
    AlertSelector s = new AlertSelector();
    s.setMatchLabels(labels);
    return s;
  }

  @Test
  void selectsFiringAlertsWithTheLabels() {
    assertThat(AlertQuery.promql(selector(Map.of("service", "checkout"))))
        .isEqualTo("ALERTS{alertstate=\"firing\",service=\"checkout\"}");
  }

  @Test
  void labelsAreSortedSoEqualSelectorsGiveEqualQueries() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("service", "checkout");
    labels.put("severity", "page");
    labels.put("env", "prod");

    assertThat(AlertQuery.promql(selector(labels)))
        .isEqualTo("ALERTS{alertstate=\"firing\",env=\"prod\",service=\"checkout\",severity=\"page\"}");
    assertThat(AlertQuery.checkName(selector(labels))).isEqualTo("alert:env=prod,service=checkout,severity=page");
  }

  @Test
  void labelValuesAreEscapedForPromqlStrings() {
    assertThat(AlertQuery.promql(selector(Map.of("msg", "a\\b\"c\nd"))))
        .isEqualTo("ALERTS{alertstate=\"firing\",msg=\"a\\\\b\\\"c\\nd\"}");
  }

  @Test
  void invalidLabelNameIsRejected() {
    assertThatThrownBy(() -> AlertQuery.promql(selector(Map.of("app.kubernetes.io/name", "x"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app.kubernetes.io/name");
    assertThatThrownBy(() -> AlertQuery.promql(selector(Map.of("1abc", "x"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptySelectorIsRejectedBecauseItWouldMatchEveryAlert() {
    assertThatThrownBy(() -> AlertQuery.promql(selector(Map.of()))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AlertQuery.promql(selector(null))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void alertstateCannotBeOverridden() {
    assertThatThrownBy(() -> AlertQuery.promql(selector(Map.of("alertstate", "pending"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alertstate");
  }

  @Test
  void missingValueIsRejected() {
    Map<String, String> labels = new HashMap<>();
    labels.put("service", null);

    assertThatThrownBy(() -> AlertQuery.promql(selector(labels))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("service");
  }

  @Test
  void pushedAlertMatchesWhenAllSelectorLabelsAreEqual() {
    AlertSelector s = selector(Map.of("service", "checkout", "severity", "page"));

    assertThat(AlertQuery.matches(s, Map.of("alertname", "High5xx", "service", "checkout", "severity", "page")))
        .isTrue();
    assertThat(AlertQuery.matches(s, Map.of("service", "checkout", "severity", "ticket"))).isFalse();
    assertThat(AlertQuery.matches(s, Map.of("service", "checkout"))).isFalse();
  }
}
