package io.launchplan.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NoticeTest {
  static final String AT = "2025-01-01T12:00:00Z";

  static LaunchPlan plan() {
    return Serialization.unmarshal("""
        apiVersion: launchplan.io/v1alpha1
        kind: LaunchPlan
        metadata: {name: checkout, namespace: shop, generation: 3}
        spec:
          targetRef: {name: checkout}
          template: {spec: {containers: [{name: app, image: "x:2"}]}}
          notify:
            webhooks: [{url: "http://chat-bridge/hooks/launches", secretRef: {name: hook-token, key: token}}]
        """, LaunchPlan.class);
  }

  static HistoryEntry entry(Phase phase, String reason, String message) {
    return new HistoryEntry(phase, reason, message, "5d8c7f9b", AT);
  }

  @Test
  void theStartNoticeCarriesEveryFieldAndASlackLine() throws Exception {
    Notice n = Notice.of(plan(), entry(Phase.Canary, "LaunchStarted",
        "launching revision 5d8c7f9b onto Deployment checkout (stable revision 9a1b2c3d)"));

    JsonNode json = new ObjectMapper().readTree(n.toJson());
    assertThat(json.path("plan").asText()).isEqualTo("checkout");
    assertThat(json.path("namespace").asText()).isEqualTo("shop");
    assertThat(json.path("revision").asText()).isEqualTo("5d8c7f9b");
    assertThat(json.path("phase").asText()).isEqualTo("Canary");
    assertThat(json.path("reason").asText()).isEqualTo("LaunchStarted");
    assertThat(json.path("message").asText()).startsWith("launching revision 5d8c7f9b");
    assertThat(json.path("at").asText()).isEqualTo(AT);
    assertThat(json.path("text").asText()).isEqualTo(
        ":rocket: shop/checkout revision 5d8c7f9b: Canary — launching revision 5d8c7f9b onto Deployment checkout"
            + " (stable revision 9a1b2c3d)");
    assertThat(json.size()).isEqualTo(8);
  }

  @ParameterizedTest(name = "{0}/{1}")
  @CsvSource(delimiter = '|', textBlock = """
      RollingOut | Promoted       | ':ship: shop/checkout revision 5d8c7f9b: RollingOut — m'
      Paused     | AnalysisPause  | ':double_vertical_bar: shop/checkout revision 5d8c7f9b: Paused (AnalysisPause) — m'
      Paused     | Frozen         | ':snowflake: shop/checkout revision 5d8c7f9b: Paused (Frozen) — m'
      Pending    | Frozen         | ':snowflake: shop/checkout revision 5d8c7f9b: Pending (Frozen) — m'
      Pending    | PolicyViolation | ':no_entry: shop/checkout revision 5d8c7f9b: Pending (PolicyViolation) — m'
      Pending    | PolicyInvalid  | ':warning: shop/checkout revision 5d8c7f9b: Pending (PolicyInvalid) — m'
      Pending    | OutsideLaunchWindow | ':clock3: shop/checkout revision 5d8c7f9b: Pending (OutsideLaunchWindow) — m'
      Pending    | ApprovalRequired | ':raised_hand: shop/checkout revision 5d8c7f9b: Pending (ApprovalRequired) — m'
      Pending    | Approved       | ':ballot_box_with_check: shop/checkout revision 5d8c7f9b: Pending (Approved) — m'
      Reverting  | AnalysisRevert | ':rewind: shop/checkout revision 5d8c7f9b: Reverting (AnalysisRevert) — m'
      Reverted   | AnalysisRevert | ':leftwards_arrow_with_hook: shop/checkout revision 5d8c7f9b: Reverted (AnalysisRevert) — m'
      Succeeded  | Verified       | ':white_check_mark: shop/checkout revision 5d8c7f9b: Succeeded — m'
      """)
  void eachNotableTransitionHasItsLine(Phase phase, String reason, String text) {
    assertThat(Notice.of(plan(), entry(phase, reason, "m")).text()).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0}/{1}")
  @CsvSource(delimiter = '|', textBlock = """
      Pending    | TargetNotFound
      Pending    | LaneBusy
      Observing  | CanaryReady
      Verifying  | RolledOut
      """)
  void routineStepsAreNotAnnounced(Phase phase, String reason) {
    assertThat(Notice.of(plan(), entry(phase, reason, "m"))).isNull();
  }

  @Test
  void theTextIsOneEscapedLine() {
    Notice n = Notice.of(plan(), entry(Phase.Reverting, "AnalysisRevert", "query <errors> fired\n  & more"));
    assertThat(n.text()).endsWith("— query &lt;errors&gt; fired &amp; more");
    assertThat(n.message()).as("the message itself is untouched").isEqualTo("query <errors> fired\n  & more");
  }

  @Test
  void longMessagesAreShortenedInTheTextOnly() {
    String longMessage = "x".repeat(1000);
    Notice n = Notice.of(plan(), entry(Phase.Reverting, "AnalysisRevert", longMessage));
    assertThat(n.text()).hasSizeLessThan(400).endsWith("…");
    assertThat(n.message()).isEqualTo(longMessage);
  }
}
