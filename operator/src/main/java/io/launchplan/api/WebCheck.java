package io.launchplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An HTTP(S) request the operator sends on every analysis tick while the launch is at
 * {@link #at}: it passes when the response has {@link #expectStatus} and, when {@link #jsonPath}
 * is set, the JSON body matches it. A wrong answer takes {@link #action}; no answer within
 * {@link #timeout} is inconclusive and pauses. {@code ${namespace}}, {@code ${target}},
 * {@code ${canary}} and {@code ${revision}} are substituted into the URL, headers and body.
 *
 * <p>Its connection is set like a Prometheus connection's ({@link HttpConnection}): {@link #auth}
 * (bearer token or basic auth from Secrets), {@link #tls} (a CA from a Secret or ConfigMap,
 * {@code insecureSkipVerify}) and header values from Secrets ({@link WebHeader#getValueFrom}), all read
 * in the plan's namespace. The operator's allow-list of hosts ({@code LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS})
 * applies to its URL.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.auth) || !has(self.headers) || !self.headers.exists(h, h.name.lowerAscii() == 'authorization')",
    message = "auth sets the Authorization header: do not set it in headers too")
@ValidationRule(value = "!has(self.equals) || has(self.jsonPath)", message = "equals needs jsonPath")
@ValidationRule(value = "!has(self.body) || (has(self.method) && self.method == 'POST')", message = "body is only sent with method POST")
public class WebCheck {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The HTTP methods a check may use. */
  public enum Method { GET, POST }

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 63)
  private String name;

  @Required
  private CheckPoint at;

  @Required
  @Size(min = 8, max = 2048)
  @ValidationRule(value = "self.startsWith('http://') || self.startsWith('https://')",
      message = "url must be an http:// or https:// URL")
  private String url;

  private Method method;

  @Size(max = 65536)
  private String body;

  @Size(max = 32)
  private List<WebHeader> headers;

  /** The status the answer must have (default 200). */
  @Min(100)
  @Max(599)
  private Integer expectStatus;

  /**
   * A JSONPath over the response body (e.g. {@code $.status} or {@code $[?(@.ready == true)]}):
   * without {@link #equals}, the check passes when it matches something other than false, null or
   * an empty list; with it, when the match (a single value) equals it as text.
   */
  @Size(min = 1, max = 1024)
  private String jsonPath;

  @Size(max = 1024)
  private String equals;

  /** How long to wait for the answer before the check is inconclusive (default 10s). */
  @Pattern(Durations.PATTERN)
  @Size(min = Durations.MIN_LENGTH, max = Durations.MAX_LENGTH)
  @ValidationRule(value = Durations.WINDOW_RULE, message = Durations.WINDOW_MESSAGE)
  private String timeout;

  /** What a wrong answer does: Revert (default) or Pause. */
  private Action action;

  /** Sent as the {@code Authorization} header: a bearer token or basic auth, from Secrets in the plan's namespace. */
  private HttpAuth auth;

  /** How an https:// URL's certificate is checked (a CA from a Secret or ConfigMap, a server name). */
  private TlsSpec tls;

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public CheckPoint getAt() { return at; }
  public void setAt(CheckPoint at) { this.at = at; }
  public String getUrl() { return url; }
  public void setUrl(String url) { this.url = url; }
  public Method getMethod() { return method; }
  public void setMethod(Method method) { this.method = method; }
  public String getBody() { return body; }
  public void setBody(String body) { this.body = body; }
  public List<WebHeader> getHeaders() { return headers; }
  public void setHeaders(List<WebHeader> headers) { this.headers = headers; }
  public Integer getExpectStatus() { return expectStatus; }
  public void setExpectStatus(Integer expectStatus) { this.expectStatus = expectStatus; }
  public String getJsonPath() { return jsonPath; }
  public void setJsonPath(String jsonPath) { this.jsonPath = jsonPath; }
  public String getEquals() { return equals; }
  public void setEquals(String equals) { this.equals = equals; }
  public String getTimeout() { return timeout; }
  public void setTimeout(String timeout) { this.timeout = timeout; }
  public Action getAction() { return action; }
  public void setAction(Action action) { this.action = action; }
  public HttpAuth getAuth() { return auth; }
  public void setAuth(HttpAuth auth) { this.auth = auth; }
  public TlsSpec getTls() { return tls; }
  public void setTls(TlsSpec tls) { this.tls = tls; }

  public Method methodOrDefault() { return method != null ? method : Method.GET; }
  public int expectStatusOrDefault() { return expectStatus != null ? expectStatus : 200; }
  public Duration timeoutOrDefault() { return Durations.window(timeout, DEFAULT_TIMEOUT); }
  public Action actionOrDefault() { return action != null ? action : Action.Revert; }
  public List<WebHeader> headersOrEmpty() { return headers != null ? headers : List.of(); }
  /** Whether this check's certificate checks are off ({@code tls.insecureSkipVerify: true}). */
  public boolean insecure() { return tls != null && tls.insecure(); }

  /**
   * This check's connection in the shape every connection is resolved from: its auth, TLS and
   * headers, each literal header value passed through {@code substitute} (its variables); no
   * timeout (the check has its own, {@link #timeoutOrDefault}).
   */
  public HttpConnection connection(UnaryOperator<String> substitute) {
    HttpConnection c = new HttpConnection();
    c.setAuth(auth);
    c.setTls(tls);
    c.setHeaders(headersOrEmpty().stream().map(h -> {
      HttpHeader header = new HttpHeader(h.getName(), h.getValue() == null ? null : substitute.apply(h.getValue()));
      header.setValueFrom(h.getValueFrom());
      return header;
    }).toList());
    return c;
  }
}
