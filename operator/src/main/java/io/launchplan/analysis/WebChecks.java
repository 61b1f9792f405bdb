package io.launchplan.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.launchplan.api.HttpConnection;
import io.launchplan.api.WebCheck;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a plan's web checks ({@code spec.analysis.web}) and judges the answers: the status must be
 * the expected one and, when a {@code jsonPath} is set, the JSON body must match it. No answer
 * within the check's timeout (or a connection that fails) is {@link Answer.Result#NO_ANSWER}:
 * inconclusive, which pauses. Every request is told to the {@link QueryObserver}, like a query.
 *
 * <p>A check whose request cannot be sent at all is {@link Answer.Result#CANNOT_SEND}, and nothing
 * is sent: its URL's host is not on the operator's allow-list ({@link UrlAllowList}: who writes a
 * plan chooses where the operator sends the plan's credentials), or its connection cannot be set
 * up ({@link Connections}: a Secret or key missing or not readable, a CA that is no CA).
 */
public final class WebChecks {
  /** A body larger than this is not read on: a health endpoint answers in a few kilobytes. */
  static final int BODY_LIMIT = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Configuration JSONPATH = Configuration.builder()
      .jsonProvider(new JacksonJsonNodeJsonProvider(JSON))
      .mappingProvider(new JacksonMappingProvider(JSON))
      .options(Option.SUPPRESS_EXCEPTIONS)
      .build();

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** What one web check's request said. */
  public record Answer(Result result, String message) {
    /** Passed, failed (a wrong answer), no answer at all, or not sent (refused URL, connection not set up). */
    public enum Result { PASSED, FAILED, NO_ANSWER, CANNOT_SEND }
  }

  /** Reads a check's connection (its auth, TLS and header Secrets) in the plan's namespace. */
  @FunctionalInterface
  public interface Connections {
    /**
     * @param connection the check's connection, literal header values with their variables substituted
     * @throws CannotSend naming the field, the object and the key, never a value
     */
    ConnectionSettings of(WebCheck check, HttpConnection connection) throws CannotSend;
  }

  /** Why a check's connection cannot be set up; the message names no credential. */
  public static final class CannotSend extends Exception {
    private static final long serialVersionUID = 1L;

    public CannotSend(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final HttpClient http;
  private final QueryObserver observer;
  private final UrlAllowList allowed;
  /** One client per TLS context other than the JDK's defaults, shared by the checks with the same CA. */
  private final TlsClients tlsClients = new TlsClients(tls -> HttpCalls.client(CONNECT_TIMEOUT, tls));

  /**
   * @param allowed the hosts checks may be sent to (the operator's {@code LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS})
   */
  public WebChecks(QueryObserver observer, UrlAllowList allowed) {
    this(HttpCalls.client(CONNECT_TIMEOUT, null), observer, allowed);
  }

  WebChecks(HttpClient http, QueryObserver observer, UrlAllowList allowed) {
    this.http = http;
    this.observer = observer;
    this.allowed = allowed;
  }

  /**
   * Sends each check once, one after another, with {@code ${name}} variables substituted into URL,
   * headers and body.
   *
   * @return the answers by check name, in spec order
   */
  public Map<String, Answer> run(List<WebCheck> checks, Map<String, String> vars, Connections connections) {
    Map<String, Answer> answers = new LinkedHashMap<>();
    for (WebCheck check : checks) {
      answers.put(check.getName(), send(check, vars, connections));
    }
    return answers;
  }

  Answer send(WebCheck check, Map<String, String> vars, Connections connections) {
    String refused = urlProblem(check, vars, allowed);
    if (refused != null) {
      return new Answer(Answer.Result.CANNOT_SEND, refused + "; no request was sent");
    }
    String url = substitute(check.getUrl(), vars);
    URI uri = URI.create(url);
    String host = hostOf(url);
    long started = System.nanoTime();
    boolean ok = false;
    try {
      ConnectionSettings connection = connections.of(check, check.connection(v -> substitute(v, vars)));
      HttpClient client = "https".equalsIgnoreCase(uri.getScheme()) && connection.ownTls()
          ? tlsClients.get(connection.tls()) : http;
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(check.timeoutOrDefault())
          .header("User-Agent", "launchplan-operator");
      String badHeader = HttpCalls.addHeaders(request, connection.headers());
      if (badHeader != null) {
        return new Answer(Answer.Result.CANNOT_SEND, "header " + badHeader
            + " cannot be sent: its name or value has characters HTTP does not allow; no request was sent");
      }
      if (check.methodOrDefault() == WebCheck.Method.POST) {
        request.POST(HttpRequest.BodyPublishers.ofString(check.getBody() == null ? "" : substitute(check.getBody(), vars)));
      } else {
        request.GET();
      }
      HttpResponse<byte[]> response = client.send(request.build(), info -> LimitedBody.subscriber(info, BODY_LIMIT));
      ok = true;
      return judge(check, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    } catch (CannotSend e) {
      return new Answer(Answer.Result.CANNOT_SEND, e.getMessage() + "; no request was sent");
    } catch (PrometheusException e) { // a CA that cannot be used (TlsTrust words it)
      return new Answer(Answer.Result.CANNOT_SEND, e.getMessage() + "; no request was sent");
    } catch (HttpTimeoutException e) {
      return new Answer(Answer.Result.NO_ANSWER, "no answer from " + host + " within "
          + check.timeoutOrDefault().toMillis() + "ms");
    } catch (IOException e) {
      return new Answer(Answer.Result.NO_ANSWER, "no answer from " + host + ": "
          + HttpCalls.describe(e, uri, check.timeoutOrDefault()));
    } catch (IllegalArgumentException e) {
      return new Answer(Answer.Result.CANNOT_SEND, "cannot send: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(Answer.Result.NO_ANSWER, "interrupted");
    } finally {
      observer.observed(Duration.ofNanos(System.nanoTime() - started), ok);
    }
  }

  /**
   * Why {@code check} may not be sent to its URL with {@code vars} substituted, or null: not an
   * http(s) URL with a host, or a host {@code allowed} does not list. Pure: also asked before a
   * launch starts, when every variable is known, so a refused URL changes nothing.
   */
  public static String urlProblem(WebCheck check, Map<String, String> vars, UrlAllowList allowed) {
    String url = substitute(check.getUrl(), vars);
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "url of web check " + check.getName() + " is not a URL once its variables are substituted: " + e.getReason();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
      return "url of web check " + check.getName() + " must be an http:// or https:// URL with a host once its "
          + "variables are substituted";
    }
    if (uri.getRawUserInfo() != null) {
      return "url of web check " + check.getName() + " must not contain user info (user:password@): use auth, "
          + "whose credentials come from a Secret";
    }
    if (!allowed.allows(uri)) {
      return "web check " + check.getName() + ": host " + hostOf(url) + " is not an allowed host "
          + "(LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS: " + allowed + ")";
    }
    return null;
  }

  /** Whether {@code status} and {@code body} are what {@code check} expects. Pure. */
  static Answer judge(WebCheck check, int status, String body) {
    if (status != check.expectStatusOrDefault()) {
      return new Answer(Answer.Result.FAILED, "HTTP " + status + ", expected " + check.expectStatusOrDefault());
    }
    if (check.getJsonPath() == null) {
      return new Answer(Answer.Result.PASSED, "HTTP " + status);
    }
    JsonNode found;
    try {
      found = JsonPath.using(JSONPATH).parse(body).read(check.getJsonPath());
    } catch (InvalidPathException e) {
      return new Answer(Answer.Result.FAILED, "jsonPath " + check.getJsonPath() + " cannot be read: " + e.getMessage());
    } catch (InvalidJsonException e) {
      return new Answer(Answer.Result.FAILED, "HTTP " + status + ", the body is not JSON, so jsonPath "
          + check.getJsonPath() + " cannot match");
    }
    String shown = found == null ? "nothing" : abbreviate(found.toString());
    boolean matches = check.getEquals() != null ? check.getEquals().equals(text(found)) : truthy(found);
    return new Answer(matches ? Answer.Result.PASSED : Answer.Result.FAILED, "HTTP " + status + ", " + check.getJsonPath()
        + " is " + shown + (check.getEquals() != null ? " (expected " + check.getEquals() + ")" : ""));
  }

  /** A match counts unless it is nothing, null, false or an empty list. */
  private static boolean truthy(JsonNode found) {
    return found != null && !found.isNull() && !(found.isBoolean() && !found.asBoolean())
        && !(found.isArray() && found.isEmpty());
  }

  /** A single value as text (a one-element list, as a filter gives, counts as its element). */
  private static String text(JsonNode found) {
    if (found == null || found.isNull()) {
      return null;
    }
    JsonNode one = found.isArray() && found.size() == 1 ? found.get(0) : found;
    return one.isValueNode() ? one.asText() : one.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  private static String substitute(String text, Map<String, String> vars) {
    String out = text;
    for (Map.Entry<String, String> v : vars.entrySet()) {
      out = out.replace("${" + v.getKey() + "}", v.getValue());
    }
    return out;
  }

  /** The host (and port) of {@code url}, the part a message names: never its path or query, which may carry tokens. */
  private static String hostOf(String url) {
    try {
      URI uri = URI.create(url);
      return uri.getHost() != null ? uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") : "the check's URL";
    } catch (IllegalArgumentException e) {
      return "the check's URL";
    }
  }
}
