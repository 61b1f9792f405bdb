package io.launchplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.launchplan.analysis.PrometheusException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP client against a tiny local server that answers like Prometheus (canned bodies). */
class HttpPrometheusClientTest {
  private HttpServer server;
  private volatile int status = 200;
  private volatile String body = "";
  private volatile long delayMillis;
  private volatile String contentType;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Boolean> observed = new CopyOnWriteArrayList<>();
  private HttpPrometheusClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
          + exchange.getRequestHeaders().getFirst("Content-Type") + " " + URLDecoder.decode(form, StandardCharsets.UTF_8));
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      if (contentType != null) {
        exchange.getResponseHeaders().set("Content-Type", contentType);
      }
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    client = new HttpPrometheusClient(Duration.ofSeconds(2), (latency, ok) -> observed.add(ok));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void answer(int httpStatus, String json) {
    status = httpStatus;
    body = json;
  }

  @Test
  void vectorResultGivesEverySampleWithLabelsAndValueText() throws Exception {
    answer(200, """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"pod":"web-1","code":"500"},"value":[1735732800.123,"0.21"]},
          {"metric":{"pod":"web-2"},"value":[1735732800.123,"+Inf"]}]}}""");

    QueryResult result = client.query(base(), "x > 0");

    assertThat(result.samples()).containsExactly(
        new QueryResult.Sample(Map.of("pod", "web-1", "code", "500"), 0.21, "0.21"),
        new QueryResult.Sample(Map.of("pod", "web-2"), Double.POSITIVE_INFINITY, "+Inf"));
    assertThat(observed).containsExactly(true);
  }

  @Test
  void queryIsPostedFormEncodedToTheQueryEndpoint() throws Exception {
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");

    client.query(URI.create(base() + "/prom/"), "sum(rate(x{pod=~\"a|b\"}[1m])) > 0.01 & more");

    assertThat(requests).containsExactly("POST /prom/api/v1/query application/x-www-form-urlencoded "
        + "query=sum(rate(x{pod=~\"a|b\"}[1m])) > 0.01 & more&timeout=2s");
  }

  @Test
  void emptyVectorHasNoSamples() throws Exception {
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");

    assertThat(client.query(base(), "vector(1) > 2").hasSamples()).isFalse();
  }

  @Test
  void scalarResultIsRefusedAsNotAnInstantVector() {
    // A scalar is always one value: counted as a sample, a check on it would fire (and revert) on a 0.
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1735732800.1,\"0\"]}}");

    assertThatThrownBy(() -> client.query(base(), "1 > bool 2"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.NOT_A_VECTOR);
          assertThat(e.noAnswer()).isFalse();
          assertThat(e.getMessage()).startsWith("the query returns a scalar")
              .contains("must return an instant vector");
        });
  }

  @Test
  void syntaxErrorIsRejectedWithPrometheusOwnText() {
    answer(400, "{\"status\":\"error\",\"errorType\":\"bad_data\","
        + "\"error\":\"invalid parameter \\\"query\\\": 1:15: parse error: unclosed left parenthesis\"}");

    assertThatThrownBy(() -> client.query(base(), "sum(rate(x[1m]"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.REJECTED);
          assertThat(e.errorType()).isEqualTo("bad_data");
          assertThat(e.httpStatus()).isEqualTo(400);
          assertThat(e.getMessage())
              .isEqualTo("invalid parameter \"query\": 1:15: parse error: unclosed left parenthesis");
        });
    assertThat(observed).containsExactly(false);
  }

  @Test
  void http503IsUnreachableButNotNoAnswer() {
    answer(503, "Service Unavailable");

    assertThatThrownBy(() -> client.query(base(), "up"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
          assertThat(e.httpStatus()).isEqualTo(503);
          assertThat(e.noAnswer()).isFalse();
          // summarised, not echoed: the body of whatever answered is not shown in status and Events
          assertThat(e.getMessage()).endsWith("answered HTTP 503, no content type, 19 bytes")
              .doesNotContain("Service Unavailable");
        });
  }

  @Test
  void prometheusTimeoutErrorIsUnreachableWithItsText() {
    answer(503, "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in expression evaluation\"}");

    assertThatThrownBy(() -> client.query(base(), "up"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
          assertThat(e.errorType()).isEqualTo("timeout");
          assertThat(e.getMessage()).endsWith("query timed out in expression evaluation");
        });
  }

  @Test
  void garbageIsBadResponse() {
    answer(200, "<html>login page</html>");
    contentType = "text/html; charset=utf-8";

    assertThatThrownBy(() -> client.query(base(), "up"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
          assertThat(e.getMessage()).isEqualTo("unreadable answer from Prometheus at " + base()
              + " (HTTP 200, text/html; charset=utf-8, 23 bytes)");
        });
  }

  @Test
  void wrongPathAnswerIsBadResponse() {
    answer(404, "404 page not found");

    assertThatThrownBy(() -> client.query(base(), "up"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE));
  }

  @Test
  void malformedSampleIsBadResponse() {
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"x1\"]}]}}");

    assertThatThrownBy(() -> client.query(base(), "up"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE));
  }

  @Test
  void matrixResultIsRejectedAsNotAnInstantVector() {
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");

    assertThatThrownBy(() -> client.query(base(), "up[1m]"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.NOT_A_VECTOR);
          assertThat(e.getMessage()).contains("range vector");
        });
  }

  @Test
  void slowAnswerTimesOutAsNoAnswer() {
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
    delayMillis = 1_500;
    HttpPrometheusClient impatient = new HttpPrometheusClient(Duration.ofMillis(300), QueryObserver.NOOP);

    long start = System.nanoTime();
    assertThatThrownBy(() -> impatient.query(base(), "up"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
          assertThat(e.noAnswer()).isTrue();
          assertThat(e.getMessage()).contains("no answer within 300ms");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_200));
  }

  @Test
  void longPrometheusErrorIsCutAndMarked() {
    String longError = "parse error: " + "x".repeat(5_000);
    answer(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"" + longError + "\"}");

    assertThatThrownBy(() -> client.query(base(), "up"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.REJECTED);
          assertThat(e.getMessage()).isEqualTo(longError.substring(0, 200) + "…(truncated)");
        });
  }

  @Test
  void anotherServicesJsonIsSummarisedNotEchoed() {
    answer(200, "{\"users\":[{\"name\":\"admin\",\"password\":\"hunter2\"}]}");
    contentType = "application/json";

    assertThatThrownBy(() -> client.query(base(), "up"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
          assertThat(e.getMessage()).endsWith("(HTTP 200, application/json, 49 bytes)").doesNotContain("hunter2");
        });
  }

  @Test
  void bodyTricklingAfterTheHeadersFailsWithinTheTimeout() throws Exception {
    // Headers at once, then one byte a second: the JDK's request timeout covers only the headers.
    try (TricklingServer slow = new TricklingServer(Duration.ofSeconds(1), 10_000)) {
      HttpPrometheusClient impatient = new HttpPrometheusClient(Duration.ofMillis(800), QueryObserver.NOOP);

      long start = System.nanoTime();
      assertThatThrownBy(() -> impatient.query(slow.url(), "up"))
          .isInstanceOfSatisfying(PrometheusException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
            assertThat(e.noAnswer()).isTrue();
            assertThat(e.getMessage()).isEqualTo("Prometheus at " + slow.url() + " unreachable: the answer was not "
                + "complete within 800ms (headers arrived, the body did not finish)");
          });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_000));
      // the exchange was cancelled: its connection is closed, the server stops sending
      await().atMost(Duration.ofSeconds(5)).until(() -> slow.closedByClient.get() == 1);
    }
  }

  @Test
  void answerLargerThanTheLimitIsRefusedWithoutReadingItAll() throws Exception {
    try (TricklingServer huge = new TricklingServer(Duration.ZERO, 1L << 30)) {
      assertThatThrownBy(() -> client.query(huge.url(), "up"))
          .isInstanceOfSatisfying(PrometheusException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
            assertThat(e.httpStatus()).isEqualTo(200);
            assertThat(e.getMessage()).isEqualTo("the answer of Prometheus at " + huge.url()
                + " is larger than 4 MiB; narrow the query (e.g. aggregate with sum by (...))");
          });
      await().atMost(Duration.ofSeconds(5)).until(() -> huge.closedByClient.get() == 1);
    }
  }

  @Test
  void aUrlTheHttpClientCannotUseIsAnErrorNotAnException() {
    assertThatThrownBy(() -> client.query(URI.create("http://127.0.0.1:99999"), "up"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
          assertThat(e.getMessage()).startsWith("Prometheus URL http://127.0.0.1:99999 cannot be used: ");
        });
    assertThat(observed).containsExactly(false);
  }

  @Test
  void credentialsInTheUrlAreNotShownInMessages() {
    assertThat(HttpPrometheusClient.shown(URI.create("http://user:secret@prom:9090/p"))).isEqualTo("http://prom:9090/p");
  }
}
