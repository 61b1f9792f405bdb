package io.launchplan.analysis;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a request to an endpoint a plan names is sent, with every credential already read from its
 * Secret: the request headers ({@code Authorization} included), the TLS settings and the timeout.
 * Made from an {@link io.launchplan.api.HttpConnection} by the cluster's connection resolver, used
 * by Prometheus queries ({@link PrometheusEndpoint}) and web checks ({@link WebChecks}) alike.
 *
 * <p>{@link #toString} shows the header names only: the values may be credentials.
 *
 * @param headers request headers by name, in order (values may be credentials)
 * @param tls how the server's certificate is checked; null for the JDK's defaults
 * @param timeout how long one request may take; null for the caller's default
 */
public record ConnectionSettings(Map<String, String> headers, TlsSettings tls, Duration timeout) {
  /** No headers, the JDK's TLS defaults, the caller's timeout. */
  public static final ConnectionSettings NONE = new ConnectionSettings(Map.of(), null, null);

  public ConnectionSettings {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
  }

  /** Whether the requests need an HTTP client of their own (a CA, a server name or no certificate checks). */
  public boolean ownTls() {
    return tls != null && !tls.isDefault();
  }

  @Override
  public String toString() {
    return "headers " + headers.keySet() + (tls != null ? ", " + tls : "") + (timeout != null ? ", timeout " + timeout : "");
  }
}
