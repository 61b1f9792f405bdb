package io.launchplan.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;
import java.util.List;

/**
 * How the operator talks to an HTTP endpoint a plan names: authentication, TLS, extra headers and
 * a timeout. Secrets and ConfigMaps are read in the plan's namespace (the operator's default
 * connection reads them in the operator's namespace). Shared by every check that calls out
 * ({@link PrometheusSpec}, and web checks).
 */
@ValidationRule(value = "!has(self.auth) || !has(self.headers) || !self.headers.exists(h, h.name.lowerAscii() == 'authorization')",
    message = "auth sets the Authorization header: do not set it in headers too")
@ValidationRule(value = "!has(self.headers) || self.headers.all(h, self.headers.exists_one(g, g.name.lowerAscii() == h.name.lowerAscii()))",
    message = "header names must be unique (case-insensitive)")
public class HttpConnection {
  private HttpAuth auth;

  private TlsSpec tls;

  @Size(max = 16)
  private List<HttpHeader> headers;

  /** How long one request may take, connecting and reading the answer (default: the operator's LAUNCHPLAN_QUERY_TIMEOUT). */
  @Pattern(Durations.PATTERN)
  @Size(min = Durations.MIN_LENGTH, max = Durations.MAX_LENGTH)
  @ValidationRule(value = Durations.INTERVAL_RULE, message = Durations.INTERVAL_MESSAGE)
  private String timeout;

  public HttpAuth getAuth() { return auth; }
  public void setAuth(HttpAuth auth) { this.auth = auth; }
  public TlsSpec getTls() { return tls; }
  public void setTls(TlsSpec tls) { this.tls = tls; }
  public List<HttpHeader> getHeaders() { return headers; }
  public void setHeaders(List<HttpHeader> headers) { this.headers = headers; }
  public String getTimeout() { return timeout; }
  public void setTimeout(String timeout) { this.timeout = timeout; }

  public List<HttpHeader> headersOrEmpty() { return headers != null ? headers : List.of(); }
  /** The timeout, or {@code fallback} when unset. */
  public Duration timeoutOr(Duration fallback) { return Durations.parse(timeout, fallback); }
  /** Whether TLS certificate checks are off ({@code tls.insecureSkipVerify: true}). */
  public boolean insecure() { return tls != null && tls.insecure(); }
}
