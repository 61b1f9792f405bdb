package io.launchplan.analysis.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchplan.api.Phase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receiver over real HTTP on a free port: what it accepts, and that everything else has no effect. */
class AlertReceiverTest {
  static final String TOKEN = "receiver-test-token";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ReceiverTokenTest.MutableClock clock = new ReceiverTokenTest.MutableClock();
  private final PushedAlerts alerts = new PushedAlerts(clock, Duration.ofMinutes(10));
  private final PushedAlertsTest.RecordingWaker waker = new PushedAlertsTest.RecordingWaker();
  private final List<String> outcomes = new CopyOnWriteArrayList<>();
  private AlertReceiver receiver;

  @BeforeEach
  void start() {
    waker.plans.add(PushedAlertsTest.plan(Phase.Observing, "- matchLabels: {alertname: LaunchPlanSimHighErrorRatio}"));
    alerts.wakeWith(waker);
    receiver = new AlertReceiver(0, ReceiverToken.fixed(TOKEN), alerts, outcomes::add).start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private HttpResponse<String> post(String path, String authorization, byte[] body) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + path))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String authorization, String body) throws Exception {
    return post(AlertReceiver.PATH, authorization, AlertmanagerPayloadTest.bytes(body));
  }

  private void assertNoEffect(HttpResponse<String> r, int code) throws Exception {
    assertThat(r.statusCode()).isEqualTo(code);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("status").asText()).isEqualTo("error");
    assertThat(body.path("error").asText()).isNotBlank();
    assertThat(alerts.firing()).isEmpty();
    assertThat(waker.woken).isEmpty();
  }

  @Test
  void anAuthenticatedPushIsRecordedAndWakesTheMatchingPlan() throws Exception {
    HttpResponse<String> r = post("Bearer " + TOKEN, AlertmanagerPayloadTest.PAYLOAD);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("firing").asInt()).isEqualTo(1);
    assertThat(body.path("plansWoken").asInt()).isEqualTo(1);
    assertThat(alerts.firing()).singleElement().satisfies(a -> assertThat(a.fingerprint()).isEqualTo("c6b8d1a2e3f40516"));
    assertThat(waker.woken).hasSize(1);
    assertThat(outcomes).containsExactly("accepted");
  }

  @Test
  void withoutTheTokenIts401() throws Exception {
    assertNoEffect(post(null, AlertmanagerPayloadTest.PAYLOAD), 401);
    assertNoEffect(post("Bearer wrong", AlertmanagerPayloadTest.PAYLOAD), 401);
    HttpResponse<String> r = post("Basic " + TOKEN, AlertmanagerPayloadTest.PAYLOAD);
    assertNoEffect(r, 401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(outcomes).containsExactly("unauthorized", "unauthorized", "unauthorized");
  }

  @Test
  void garbageAndOtherJsonIs400() throws Exception {
    assertNoEffect(post("Bearer " + TOKEN, "not json at all"), 400);
    assertNoEffect(post("Bearer " + TOKEN, "{\"hello\":\"world\"}"), 400);
    assertNoEffect(post("Bearer " + TOKEN, ""), 400);
    HttpResponse<String> r = post("Bearer " + TOKEN,
        "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"LaunchPlanSimHighErrorRatio\"}}]}");
    assertNoEffect(r, 400);
    assertThat(JSON.readTree(r.body()).path("error").asText()).contains("fingerprint");
    assertThat(outcomes).containsOnly("bad_request");
  }

  @Test
  void anotherMethodIs405() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/alertmanager"))
        .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertNoEffect(r, 405);
    assertThat(r.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void aBodyOverOneMebibyteIs413() throws Exception {
    // A valid payload padded with a long annotation: only its size is wrong.
    String padding = "x".repeat(AlertReceiver.MAX_BODY_BYTES);
    String big = AlertmanagerPayloadTest.PAYLOAD.replace("\"annotations\":{}", "\"annotations\":{\"pad\":\"" + padding + "\"}");
    assertThat(big.length()).isGreaterThan(AlertReceiver.MAX_BODY_BYTES);
    assertNoEffect(post("Bearer " + TOKEN, big), 413);
    assertThat(outcomes).containsExactly("too_large");
  }

  @Test
  void anotherPathIs404() throws Exception {
    assertNoEffect(post("/alerts", "Bearer " + TOKEN, AlertmanagerPayloadTest.bytes(AlertmanagerPayloadTest.PAYLOAD)), 404);
  }

  @Test
  void whileTheControllerDoesNotRunIts503SoAlertmanagerRetries() throws Exception {
    waker.running = false;
    assertNoEffect(post("Bearer " + TOKEN, AlertmanagerPayloadTest.PAYLOAD), 503);
  }

  @Test
  void anUnreadableTokenSecretIs503() throws Exception {
    receiver.close();
    receiver = new AlertReceiver(0, ReceiverToken.fromSecret(() -> null, clock, Duration.ofSeconds(30)), alerts,
        outcomes::add).start();
    assertNoEffect(post("Bearer " + TOKEN, AlertmanagerPayloadTest.PAYLOAD), 503);
  }

  @Test
  void insecureModeAcceptsPushesWithoutAToken() throws Exception {
    receiver.close();
    receiver = new AlertReceiver(0, ReceiverToken.insecure(), alerts, outcomes::add).start();
    assertThat(post(null, AlertmanagerPayloadTest.PAYLOAD).statusCode()).isEqualTo(200);
  }
}
