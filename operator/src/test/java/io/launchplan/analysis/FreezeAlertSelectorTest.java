package io.launchplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FreezeAlertSelectorTest {
  @Test
  void oneMatcherBecomesAnAlertsQuery() {
    FreezeAlertSelector s = FreezeAlertSelector.parse("alertname=IncidentOpen");
    assertThat(s.promql()).isEqualTo("ALERTS{alertstate=\"firing\",alertname=\"IncidentOpen\"}");
    assertThat(s.matchers()).containsExactly(Map.entry("alertname", "IncidentOpen"));
  }

  @Test
  void severalMatchersAreSortedSoEqualSelectorsGiveEqualQueries() {
    FreezeAlertSelector a = FreezeAlertSelector.parse("severity=critical,alertname=IncidentOpen");
    FreezeAlertSelector b = FreezeAlertSelector.parse(" alertname = IncidentOpen , severity = critical ");
    assertThat(a).isEqualTo(b);
    assertThat(a.promql()).isEqualTo("ALERTS{alertstate=\"firing\",alertname=\"IncidentOpen\",severity=\"critical\"}");
    assertThat(a).hasToString("alertname=\"IncidentOpen\",severity=\"critical\"");
  }

  @Test
  void quotedValuesMayHoldCommasAndQuotes() {
    FreezeAlertSelector s = FreezeAlertSelector.parse("team=\"a,b\",note=\"say \\\"hi\\\"\"");
    assertThat(s.matchers()).containsEntry("team", "a,b").containsEntry("note", "say \"hi\"");
    assertThat(s.promql()).contains("team=\"a,b\"").contains("note=\"say \\\"hi\\\"\"");
  }

  @Test
  void anAlertMatchesWhenEveryMatcherIsEqual() {
    FreezeAlertSelector s = FreezeAlertSelector.parse("alertname=IncidentOpen,severity=critical");
    assertThat(s.matches(Map.of("alertname", "IncidentOpen", "severity", "critical", "team", "shop"))).isTrue();
    assertThat(s.matches(Map.of("alertname", "IncidentOpen", "severity", "warning"))).isFalse();
    assertThat(s.matches(Map.of("alertname", "IncidentOpen"))).isFalse();
  }

  @Test
  void badTextIsRejectedSayingWhy() {
    assertThatThrownBy(() -> FreezeAlertSelector.parse(" ")).hasMessageContaining("no matchers");
    assertThatThrownBy(() -> FreezeAlertSelector.parse("IncidentOpen")).hasMessageContaining("not a label=value matcher");
    assertThatThrownBy(() -> FreezeAlertSelector.parse("alertname=~Inc.*")).hasMessageContaining("only equality");
    assertThatThrownBy(() -> FreezeAlertSelector.parse("a=1,a=2")).hasMessageContaining("given twice");
    assertThatThrownBy(() -> FreezeAlertSelector.parse("alertstate=pending")).hasMessageContaining("alertstate");
    assertThatThrownBy(() -> FreezeAlertSelector.parse("my-label=x")).hasMessageContaining("not a Prometheus label name");
    assertThatThrownBy(() -> FreezeAlertSelector.parse("a=\"x")).hasMessageContaining("unbalanced quote");
    assertThatThrownBy(() -> FreezeAlertSelector.parse("a=")).hasMessageContaining("empty value");
  }
}
