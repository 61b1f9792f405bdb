package io.launchplan.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.SecretKeyRef;
import io.launchplan.notify.NoticeQueue.Sender.Failure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One try of one notice against a real HTTP server: what it sends, and how each failure reads. */
class WebhookSenderTest {
  private static final PlanRef PLAN = new PlanRef("shop", "checkout");
  private static final SecretKeyRef TOKEN = new SecretKeyRef("hook-token", "token");
  private static final byte[] BODY = "{\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

  private final HookServer hook = HookServer.start();
  private final WebhookSender sender = new WebhookSender((ns, ref) -> "tok-" + ns + "-" + ref.getName() + " ",
      Duration.ofSeconds(2));

  @AfterEach
  void stop() {
    hook.close();
  }

  @Test
  void aNoticeIsPostedAsJsonWithTheSecretsBearerToken() {
    assertThat(sender.send(PLAN, hook.url(), TOKEN, BODY)).isNull();

    HookServer.Request got = hook.requests().get(0);
    assertThat(got.authorization()).isEqualTo("Bearer tok-shop-hook-token");
    assertThat(got.contentType()).isEqualTo("application/json");
    assertThat(got.body()).isEqualTo("{\"text\":\"hello\"}");
  }

  @Test
  void aWebhookWithoutSecretIsSentWithoutAuthorization() {
    assertThat(sender.send(PLAN, hook.url(), null, BODY)).isNull();
    assertThat(hook.requests().get(0).authorization()).isNull();
  }

  @ParameterizedTest(name = "HTTP {0}: {1}, retry={2}")
  @CsvSource({
      "500, status_5xx, true",
      "503, status_5xx, true",
      "408, status_4xx, true",
      "429, status_4xx, true",
      "404, status_4xx, false",
      "401, status_4xx, false"})
  void anAnswerOtherThan2xxFailsAndOnlyTransientOnesAreRetried(int code, String reason, boolean retry) {
    hook.thenAnswer(code);
    assertThat(sender.send(PLAN, hook.url(), TOKEN, BODY))
        .isEqualTo(new Failure(reason, "the webhook answered HTTP " + code, retry));
  }

  @Test
  void aTokenSecretThatIsMissingOrUnreadableIsRetriedAndNothingIsSent() {
    WebhookSender missing = new WebhookSender((ns, ref) -> null, Duration.ofSeconds(2));
    WebhookSender failing = new WebhookSender((ns, ref) -> {
      throw new IllegalStateException("forbidden");
    }, Duration.ofSeconds(2));

    assertThat(missing.send(PLAN, hook.url(), TOKEN, BODY))
        .isEqualTo(new Failure("secret", "Secret hook-token has no key token", true));
    assertThat(failing.send(PLAN, hook.url(), TOKEN, BODY))
        .isEqualTo(new Failure("secret", "cannot read Secret hook-token: forbidden", true));
    assertThat(hook.requests()).isEmpty();
  }

  @Test
  void aWebhookThatIsDownIsUnreachableAndRetried() {
    Failure failure = sender.send(PLAN, HookServer.deadUrl(), TOKEN, BODY);
    assertThat(failure.reason()).isEqualTo("unreachable");
    assertThat(failure.error()).contains("cannot connect");
    assertThat(failure.retry()).isTrue();
  }

  @Test
  void aMalformedUrlIsNeverRetried() {
    Failure failure = sender.send(PLAN, "http://exa mple/hook", TOKEN, BODY);
    assertThat(failure.reason()).isEqualTo("invalid_url");
    assertThat(failure.retry()).isFalse();
  }

  @Test
  void aWebhookThatDoesNotAnswerInTimeTimesOut() {
    hook.hold();
    try {
      WebhookSender impatient = new WebhookSender((ns, ref) -> "t", Duration.ofMillis(200));
      assertThat(impatient.send(PLAN, hook.url(), TOKEN, BODY))
          .isEqualTo(new Failure("timeout", "no answer within 200 ms", true));
    } finally {
      hook.release();
    }
  }
}
