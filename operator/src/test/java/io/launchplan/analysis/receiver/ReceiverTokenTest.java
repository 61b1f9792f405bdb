package io.launchplan.analysis.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchplan.analysis.receiver.ReceiverToken.Check;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReceiverTokenTest {
  @Test
  void acceptsTheBearerTokenOnly() {
    ReceiverToken token = ReceiverToken.fixed("s3cret-token");

    assertThat(token.check("Bearer s3cret-token")).isEqualTo(Check.ACCEPTED);
    assertThat(token.check("bearer s3cret-token")).as("the scheme is case-insensitive").isEqualTo(Check.ACCEPTED);
    assertThat(token.check("Bearer  s3cret-token ")).isEqualTo(Check.ACCEPTED);
    assertThat(token.check(null)).isEqualTo(Check.REJECTED);
    assertThat(token.check("")).isEqualTo(Check.REJECTED);
    assertThat(token.check("Bearer ")).isEqualTo(Check.REJECTED);
    assertThat(token.check("Bearer s3cret-tokeN")).isEqualTo(Check.REJECTED);
    assertThat(token.check("Bearer s3cret-token-and-more")).isEqualTo(Check.REJECTED);
    assertThat(token.check("s3cret-token")).as("the bare token is not a bearer credential").isEqualTo(Check.REJECTED);
    assertThat(token.check("Basic czNjcmV0LXRva2Vu")).isEqualTo(Check.REJECTED);
  }

  @Test
  void constantTimeEqualsComparesWholeValues() {
    assertThat(ReceiverToken.constantTimeEquals("abc", "abc")).isTrue();
    assertThat(ReceiverToken.constantTimeEquals("abc", "abd")).isFalse();
    assertThat(ReceiverToken.constantTimeEquals("abc", "abcd")).isFalse();
    assertThat(ReceiverToken.constantTimeEquals("", "a")).isFalse();
  }

  @Test
  void anEmptyTokenIsRefused() {
    assertThatThrownBy(() -> ReceiverToken.fixed(" ")).hasMessageContaining("empty");
  }

  @Test
  void insecureAcceptsEverything() {
    assertThat(ReceiverToken.insecure().check(null)).isEqualTo(Check.ACCEPTED);
  }

  @Test
  void withoutAnyTokenSettingTheReceiverRefusesToStart() {
    ReceiverConfig config = new ReceiverConfig(8081, null, null, false, PushedAlerts.DEFAULT_TTL);
    assertThatThrownBy(() -> ReceiverToken.forConfig(config, () -> null))
        .hasMessageContaining("LAUNCHPLAN_RECEIVER_TOKEN_SECRET")
        .hasMessageContaining("LAUNCHPLAN_RECEIVER_INSECURE=true");
  }

  @Test
  void aSecretTokenIsReadAgainAfterTheRefreshSoRotationWorks() {
    AtomicReference<String> secret = new AtomicReference<>("one");
    AtomicInteger reads = new AtomicInteger();
    MutableClock clock = new MutableClock();
    ReceiverToken token = ReceiverToken.fromSecret(() -> {
      reads.incrementAndGet();
      return secret.get();
    }, clock, Duration.ofSeconds(30));

    assertThat(token.check("Bearer one")).isEqualTo(Check.ACCEPTED);
    secret.set("two");
    assertThat(token.check("Bearer one")).as("cached").isEqualTo(Check.ACCEPTED);
    assertThat(reads).hasValue(1);
    clock.advance(Duration.ofSeconds(31));
    assertThat(token.check("Bearer one")).isEqualTo(Check.REJECTED);
    assertThat(token.check("Bearer two")).isEqualTo(Check.ACCEPTED);
  }

  @Test
  void aMissingSecretMakesTheReceiverUnavailableNotOpen() {
    ReceiverToken token = ReceiverToken.fromSecret(() -> null, new MutableClock(), Duration.ofSeconds(30));
    assertThat(token.check("Bearer anything")).isEqualTo(Check.UNAVAILABLE);
    assertThat(token.check(null)).isEqualTo(Check.UNAVAILABLE);
  }

  @Test
  void anApiServerErrorKeepsTheLastTokenRead() {
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    MutableClock clock = new MutableClock();
    ReceiverToken token = ReceiverToken.fromSecret(() -> {
      if (failure.get() != null) {
        throw failure.get();
      }
      return "one";
    }, clock, Duration.ofSeconds(30));
    assertThat(token.check("Bearer one")).isEqualTo(Check.ACCEPTED);

    failure.set(new IllegalStateException("connection refused"));
    clock.advance(Duration.ofMinutes(5));
    assertThat(token.check("Bearer one")).isEqualTo(Check.ACCEPTED);
    assertThat(token.check("Bearer two")).isEqualTo(Check.REJECTED);
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2025-01-01T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override public Instant instant() { return now; }
    @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
  }
}
