package io.launchplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchplan.analysis.FreezeAlertSelector;
import io.launchplan.cluster.ConfigMapRef;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code LAUNCHPLAN_CONFIG_MAP} and {@code LAUNCHPLAN_FREEZE_ALERTS} as {@link OperatorConfig#fromEnv} reads them. */
class FreezeConfigTest {
  static OperatorConfig read(String... keyValues) {
    Map<String, String> env = new HashMap<>();
    env.put("LAUNCHPLAN_RECEIVER_PORT", "0");
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return OperatorConfig.fromEnv(env);
  }

  @Test
  void unsetMeansNoClusterWideFreezeSource() {
    OperatorConfig c = read();
    assertThat(c.configMap()).isNull();
    assertThat(c.freezeAlerts()).isNull();
    assertThat(read("LAUNCHPLAN_CONFIG_MAP", " ", "LAUNCHPLAN_FREEZE_ALERTS", "").configMap()).isNull();
  }

  @Test
  void theConfigMapIsNamespaceSlashName() {
    assertThat(read("LAUNCHPLAN_CONFIG_MAP", "launchplan-system/launchplan-operator-config").configMap())
        .isEqualTo(new ConfigMapRef("launchplan-system", "launchplan-operator-config"));
    assertThat(read("LAUNCHPLAN_CONFIG_MAP", "ops/freeze.config").configMap().name()).isEqualTo("freeze.config");
  }

  @ParameterizedTest
  @ValueSource(strings = {"launchplan-operator-config", "a/b/c", "/name", "ns/", "Ops/config", "ops/Config", "ops/-x"})
  void aBadConfigMapIsRejectedNamingTheVariable(String value) {
    assertThatThrownBy(() -> read("LAUNCHPLAN_CONFIG_MAP", value))
        .hasMessageStartingWith("LAUNCHPLAN_CONFIG_MAP: '" + value + "' must be namespace/name of a ConfigMap")
        .hasMessageContaining("e.g. launchplan-system/launchplan-operator-config");
  }

  @Test
  void freezeAlertsAreLabelMatchers() {
    assertThat(read("LAUNCHPLAN_FREEZE_ALERTS", "alertname=IncidentOpen, severity=critical").freezeAlerts())
        .isEqualTo(FreezeAlertSelector.parse("severity=\"critical\",alertname=IncidentOpen"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"IncidentOpen", "alertname=", "alertname=~Incident.*", "severity!=info", "alertname=a,alertname=b",
      "1abc=x", "alertstate=firing", "alertname=a,,b=c", "alertname=\"open"})
  void badFreezeAlertsAreRejectedWithAnExample(String value) {
    assertThatThrownBy(() -> read("LAUNCHPLAN_FREEZE_ALERTS", value))
        .hasMessageStartingWith("LAUNCHPLAN_FREEZE_ALERTS: '" + value + "': ")
        .hasMessageEndingWith("e.g. alertname=IncidentOpen,severity=critical");
  }
}
