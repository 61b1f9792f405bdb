package io.launchplan.plugin;

import io.launchplan.analysis.ConnectionSettings;
import io.launchplan.analysis.PrometheusEndpoint;
import io.launchplan.api.PrometheusSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connection {@code backtest} sends its queries with: the plan's {@code analysis.prometheus}
 * ({@code auth}, {@code headers}, {@code tls}) as the operator's {@code PrometheusConnections} resolves it
 * (its Secrets and ConfigMaps read with the user's kubeconfig), then {@code --prometheus-header}. The
 * operator's <em>default</em> connection lives in the operator's environment and is not used.
 */
final class BacktestConnection {
  private BacktestConnection() {}

  /** Whether the plan's connection has anything to resolve, i.e. Secrets or ConfigMaps to read. */
  static boolean fromThePlan(PrometheusSpec own) {
    return own != null && (own.getAuth() != null || own.getHeaders() != null || own.getTls() != null);
  }

  /**
   * The headers and TLS settings of {@code resolved} (null: a plan without a connection of its own),
   * with {@code extraHeaders} ({@code NAME: VALUE}) added or replacing those of the same name.
   *
   * @throws IllegalArgumentException when an extra header is not {@code NAME:VALUE}
   */
  static ConnectionSettings of(PrometheusEndpoint resolved, List<String> extraHeaders) {
    Map<String, String> headers = new LinkedHashMap<>(resolved == null ? Map.of() : resolved.headers());
    for (String header : extraHeaders == null ? List.<String>of() : extraHeaders) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("--prometheus-header must be NAME:VALUE");
      }
      headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
    }
    return new ConnectionSettings(headers, resolved == null ? null : resolved.tls(), null);
  }

  /** The warning to print when the plan's connection checks no certificate. */
  static Optional<String> warning(PrometheusSpec own) {
    return own != null && own.insecure()
        ? Optional.of("warning: spec.analysis.prometheus.tls.insecureSkipVerify is true: Prometheus' certificate is not"
            + " checked, so anyone on the network path can read the credentials sent and forge the answers")
        : Optional.empty();
  }
}
