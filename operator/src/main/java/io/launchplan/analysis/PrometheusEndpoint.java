package io.launchplan.analysis;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a query goes and how, with every credential already read: the base URL, the request
 * headers ({@code Authorization} included), the TLS settings and the timeout. Two plans share an
 * answer (and an HTTP client) only when all of it is equal, so tenants and credentials never mix.
 *
 * <p>{@link #toString} shows the URL and the header names only: an endpoint may end up in a log
 * line or a message, its credentials must not.
 */
public final class PrometheusEndpoint {
  private final URI baseUrl;
  private final Map<String, String> headers;
  private final TlsSettings tls;
  private final Duration timeout;

  /**
   * @param baseUrl Prometheus' base URL
   * @param headers request headers by name, in order (values may be credentials)
   * @param tls how the server's certificate is checked; null for the JDK's defaults
   * @param timeout how long one query may take; null for the client's default
   */
  public PrometheusEndpoint(URI baseUrl, Map<String, String> headers, TlsSettings tls, Duration timeout) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.tls = tls;
    this.timeout = timeout;
  }

  /** A plain endpoint: no headers, default TLS and timeout. */
  public static PrometheusEndpoint of(URI baseUrl) {
    return new PrometheusEndpoint(baseUrl, Map.of(), null, null);
  }

  public URI baseUrl() { return baseUrl; }
  public Map<String, String> headers() { return headers; }
  public TlsSettings tls() { return tls; }
  public Duration timeout() { return timeout; }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrometheusEndpoint e && baseUrl.equals(e.baseUrl) && headers.equals(e.headers)
        && Objects.equals(tls, e.tls) && Objects.equals(timeout, e.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(baseUrl, headers, tls, timeout);
  }

  @Override
  public String toString() {
    return HttpPrometheusClient.shown(baseUrl) + (headers.isEmpty() ? "" : " (headers " + headers.keySet() + ")");
  }
}
