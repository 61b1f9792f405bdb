package io.launchplan.analysis.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AlertmanagerPayloadTest {
  /** What Alertmanager 0.25 sends for one firing and one resolved alert (trimmed of nothing). */
  static final String PAYLOAD = """
      {"receiver":"launchplan-operator","status":"firing",
       "alerts":[
         {"status":"firing",
          "labels":{"alertname":"LaunchPlanSimHighErrorRatio","namespace":"shop","pod":"web-canary-7d9f","severity":"page"},
          "annotations":{"summary":"Pod shop/web-canary-7d9f fails 90% of its requests"},
          "startsAt":"2025-01-01T12:00:01.123+00:00","endsAt":"0001-01-01T00:00:00Z",
          "generatorURL":"http://127.0.0.1:19090/graph?g0.expr=...","fingerprint":"c6b8d1a2e3f40516"},
         {"status":"resolved","labels":{"alertname":"Other"},"annotations":{},
          "startsAt":"0001-01-01T00:00:00Z","endsAt":"2025-01-01T12:00:05Z","generatorURL":"","fingerprint":"00000000000000aa"}],
       "groupLabels":{"alertname":"LaunchPlanSimHighErrorRatio"},"commonLabels":{},"commonAnnotations":{},
       "externalURL":"http://127.0.0.1:19093","version":"4","groupKey":"{}:{alertname=\\"x\\"}","truncatedAlerts":0}
      """;

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsFiringAndResolvedAlerts() throws Exception {
    List<WebhookAlert> alerts = AlertmanagerPayload.parse(bytes(PAYLOAD));

    assertThat(alerts).hasSize(2);
    WebhookAlert firing = alerts.get(0);
    assertThat(firing.firing()).isTrue();
    assertThat(firing.fingerprint()).isEqualTo("c6b8d1a2e3f40516");
    assertThat(firing.labels()).containsEntry("alertname", "LaunchPlanSimHighErrorRatio")
        .containsEntry("namespace", "shop").containsEntry("pod", "web-canary-7d9f");
    assertThat(firing.startsAt()).isEqualTo(Instant.parse("2025-01-01T12:00:01.123Z"));
    WebhookAlert resolved = alerts.get(1);
    assertThat(resolved.firing()).isFalse();
    assertThat(resolved.startsAt()).as("Alertmanager's zero time means unknown").isNull();
  }

  @Test
  void anEmptyAlertListIsValid() throws Exception {
    assertThat(AlertmanagerPayload.parse(bytes("{\"version\":\"4\",\"alerts\":[]}"))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      garbage                  | this is not json                                                   | body is not JSON
      trailing garbage         | {"version":"4","alerts":[]} x                                      | body is not JSON
      empty body               | ' '                                                                | not a JSON object
      array                    | []                                                                 | not a JSON object
      no version               | {"alerts":[]}                                                      | version must be "4"
      other version            | {"version":"3","alerts":[]}                                        | version must be "4"
      version as number        | {"version":4,"alerts":[]}                                          | version must be "4"
      no alerts                | {"version":"4"}                                                    | alerts must be an array
      alert not an object      | {"version":"4","alerts":[1]}                                       | alerts[0] is not an object
      unknown status           | {"version":"4","alerts":[{"status":"pending","labels":{},"fingerprint":"a"}]}   | alerts[0].status
      no fingerprint           | {"version":"4","alerts":[{"status":"firing","labels":{}}]}                      | alerts[0].fingerprint
      labels not an object     | {"version":"4","alerts":[{"status":"firing","labels":[],"fingerprint":"a"}]}    | alerts[0].labels must be an object
      label not a string       | {"version":"4","alerts":[{"status":"firing","labels":{"a":1},"fingerprint":"a"}]} | alerts[0].labels.a must be a string
      bad startsAt             | {"version":"4","alerts":[{"status":"firing","labels":{},"fingerprint":"a","startsAt":"yesterday"}]} | startsAt is not an RFC 3339 time
      """)
  void rejectsWhatIsNotAnAlertmanagerPayload(String what, String body, String message) {
    assertThatThrownBy(() -> AlertmanagerPayload.parse(bytes(body)))
        .isInstanceOf(AlertmanagerPayload.InvalidPayload.class)
        .hasMessageContaining(message);
  }

  @Test
  void oneBadAlertRejectsTheWholePayload() {
    String body = """
        {"version":"4","alerts":[
          {"status":"firing","labels":{"alertname":"A"},"fingerprint":"1"},
          {"status":"firing","labels":{"alertname":"B"}}]}""";
    assertThatThrownBy(() -> AlertmanagerPayload.parse(bytes(body))).hasMessageContaining("alerts[1].fingerprint");
  }

  @Test
  void labelsAreCopied() throws Exception {
    WebhookAlert a = AlertmanagerPayload.parse(bytes(
        "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"k\":\"v\"},\"fingerprint\":\"f\"}]}")).get(0);
    assertThat(a.labels()).isEqualTo(Map.of("k", "v"));
  }
}
