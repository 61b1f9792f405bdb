package io.launchplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchplan.cluster.PrometheusConnections.DefaultConnection;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultConnectionsTest {
  @Test
  void unsetIsNone() {
    assertThat(DefaultConnections.fromEnv(Map.of())).isSameAs(DefaultConnection.NONE);
  }

  @Test
  void readsTheConnectionAndItsNamespace() {
    DefaultConnection c = OperatorConfig.fromEnv(Map.of("LAUNCHPLAN_RECEIVER_PORT", "0",
        "LAUNCHPLAN_PROMETHEUS_CONNECTION", "{auth: {bearerToken: {secretKeyRef: {name: t, key: token}}}, "
            + "headers: [{name: X-Scope-OrgID, value: ops}], timeout: 10s}",
        "LAUNCHPLAN_PROMETHEUS_CONNECTION_NAMESPACE", "launchplan-system")).prometheusConnection();

    assertThat(c.namespace()).isEqualTo("launchplan-system");
    assertThat(c.connection().getAuth().getBearerToken().getSecretKeyRef().getName()).isEqualTo("t");
    assertThat(c.connection().headersOrEmpty()).singleElement().satisfies(h -> assertThat(h.getValue()).isEqualTo("ops"));
  }

  @Test
  void whatTheCrdWouldRefuseIsRefusedAtStartUp() {
    assertThatThrownBy(() -> DefaultConnections.fromEnv(Map.of("LAUNCHPLAN_PROMETHEUS_CONNECTION",
        "{auth: {basic: {username: u}}}", "LAUNCHPLAN_PROMETHEUS_CONNECTION_NAMESPACE", "x")))
        .hasMessage("LAUNCHPLAN_PROMETHEUS_CONNECTION: auth.basic.password is required");
    assertThatThrownBy(() -> DefaultConnections.fromEnv(Map.of("LAUNCHPLAN_PROMETHEUS_CONNECTION", "{tokn: x}")))
        .hasMessageStartingWith("LAUNCHPLAN_PROMETHEUS_CONNECTION: not a connection (auth, tls, headers, timeout)");
    assertThatThrownBy(() -> DefaultConnections.fromEnv(Map.of("LAUNCHPLAN_PROMETHEUS_CONNECTION",
        "{auth: {bearerToken: {secretKeyRef: {name: t, key: token}}}}")))
        .hasMessageStartingWith("LAUNCHPLAN_PROMETHEUS_CONNECTION_NAMESPACE: must name the namespace");
  }
}
