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
import io.launchplan.api.WebCheck;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a plan's web checks ({@code spec.analysis.web}) and judges the answers: the status must be
 * the expected one and, when a {@code jsonPath} is set, the JSON body must match it. No answer
 * within the check's timeout (or a connection that fails) is {@link Answer.Result#NO_ANSWER}:
 * inconclusive, which pauses. Every request is told to the {@link QueryObserver}, like a query.
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

  /** What one web check's request said. */
  public record Answer(Result result, String message) {
    /** Passed, failed (a wrong answer), or no answer at all. */
    public enum Result { PASSED, FAILED, NO_ANSWER }
  }

  private final HttpClient http;
  private final QueryObserver observer;

  public WebChecks(QueryObserver observer) {
    this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build(),
        observer);
  }

  WebChecks(HttpClient http, QueryObserver observer) {
    this.http = http;
    this.observer = observer;
  }

  /**
   * Sends each check once, one after another, with {@code ${name}} variables substituted into URL,
   * headers and body.
   *
   * @return the answers by check name, in spec order
   */
  public Map<String, Answer> run(List<WebCheck> checks, Map<String, String> vars) {
    Map<String, Answer> answers = new LinkedHashMap<>();
    for (WebCheck check : checks) {
      answers.put(check.getName(), send(check, vars));
    }
    return answers;
  }

  Answer send(WebCheck check, Map<String, String> vars) {
    long started = System.nanoTime();
    boolean ok = false;
    String host = hostOf(substitute(check.getUrl(), vars));
    try {
      HttpRequest request = request(check, vars);
      HttpResponse<byte[]> response = http.send(request, info -> LimitedBody.subscriber(info, BODY_LIMIT));
      ok = true;
      return judge(check, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      return new Answer(Answer.Result.NO_ANSWER, "no answer from " + host + " within "
          + check.timeoutOrDefault().toMillis() + "ms");
    } catch (IOException e) {
      return new Answer(Answer.Result.NO_ANSWER, "no answer from " + host + ": " + e.getClass().getSimpleName()
          + (e.getMessage() != null ? " " + e.getMessage() : ""));
    } catch (IllegalArgumentException e) {
      return new Answer(Answer.Result.NO_ANSWER, "cannot send: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(Answer.Result.NO_ANSWER, "interrupted");
    } finally {
      observer.observed(Duration.ofNanos(System.nanoTime() - started), ok);
    }
  }

  private static HttpRequest request(WebCheck check, Map<String, String> vars) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(substitute(check.getUrl(), vars)))
        .timeout(check.timeoutOrDefault())
        .header("User-Agent", "launchplan-operator");
    check.headersOrEmpty().forEach(h -> b.header(h.getName(), substitute(h.getValue(), vars)));
    if (check.methodOrDefault() == WebCheck.Method.POST) {
      String body = check.getBody() == null ? "" : substitute(check.getBody(), vars);
      b.POST(HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.GET();
    }
    return b.build();
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
