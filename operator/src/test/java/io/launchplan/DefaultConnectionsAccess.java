package io.launchplan;

import io.launchplan.cluster.PrometheusConnections.DefaultConnection;
import java.util.Map;

/** Test access to {@link DefaultConnections}: the default connection a setting's text gives. */
public final class DefaultConnectionsAccess {
  private DefaultConnectionsAccess() {}

  public static DefaultConnection parse(String yaml, String namespace) {
    return DefaultConnections.fromEnv(Map.of("LAUNCHPLAN_PROMETHEUS_CONNECTION", yaml,
        "LAUNCHPLAN_PROMETHEUS_CONNECTION_NAMESPACE", namespace));
  }
}
