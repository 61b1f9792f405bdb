package io.launchplan.analysis.receiver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the {@code Authorization: Bearer <token>} header of a push against the configured token,
 * in constant time. The token is fixed, or read from a Secret (re-read every 30 s, so a rotated
 * token takes effect without a restart; the last good value is kept while the API server fails).
 */
public final class ReceiverToken {
  private static final Logger log = LoggerFactory.getLogger(ReceiverToken.class);
  static final Duration SECRET_REFRESH = Duration.ofSeconds(30);

  /** The answer to one request's credentials. */
  public enum Check {
    ACCEPTED,
    /** No token, or a wrong one: 401. */
    REJECTED,
    /** The token Secret cannot be read: 503, so that Alertmanager retries. */
    UNAVAILABLE
  }

  private final Supplier<String> source;
  private final boolean insecure;
  private final Clock clock;
  /** How long a token read from the Secret is used before reading it again; null for a fixed token. */
  private final Duration refresh;
  private byte[] cachedDigest;
  private Instant cachedAt;

  private ReceiverToken(Supplier<String> source, boolean insecure, Clock clock, Duration refresh) {
    this.source = source;
    this.insecure = insecure;
    this.clock = clock;
    this.refresh = refresh;
  }

  public static ReceiverToken fixed(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the receiver token is empty");
    }
    ReceiverToken fixed = new ReceiverToken(() -> token, false, Clock.systemUTC(), null);
    fixed.cachedDigest = sha256(token.strip());
    return fixed;
  }

  /** Every request is accepted: only for a receiver reachable by Alertmanager alone. */
  public static ReceiverToken insecure() {
    return new ReceiverToken(() -> null, true, Clock.systemUTC(), Duration.ZERO);
  }

  /**
   * A token read through {@code read} (null when the Secret or key is missing; may throw when the
   * API server fails), cached for {@code refresh}.
   */
  public static ReceiverToken fromSecret(Supplier<String> read, Clock clock, Duration refresh) {
    return new ReceiverToken(Objects.requireNonNull(read), false, clock, refresh);
  }

  /** The token for {@code config}; {@code readSecret} reads the Secret key it names. */
  public static ReceiverToken forConfig(ReceiverConfig config, Supplier<String> readSecret) {
    if (config.tokenSecret() != null) {
      return fromSecret(readSecret, Clock.systemUTC(), SECRET_REFRESH);
    }
    if (config.token() != null) {
      return fixed(config.token());
    }
    if (config.insecure()) {
      return insecure();
    }
    throw new IllegalStateException("the Alertmanager receiver has no token: set LAUNCHPLAN_RECEIVER_TOKEN_SECRET "
        + "(namespace/name/key) or LAUNCHPLAN_RECEIVER_TOKEN, or LAUNCHPLAN_RECEIVER_INSECURE=true to accept "
        + "unauthenticated pushes, or LAUNCHPLAN_RECEIVER_PORT=0 to turn the receiver off");
  }

  public boolean insecureMode() {
    return insecure;
  }

  /** Checks an {@code Authorization} header value (null when absent). */
  public Check check(String authorization) {
    if (insecure) {
      return Check.ACCEPTED;
    }
    byte[] expected = expectedDigest();
    if (expected == null) {
      return Check.UNAVAILABLE;
    }
    String presented = bearer(authorization);
    // Compare digests, so neither the length nor the content of the token leaks through timing.
    return presented != null && MessageDigest.isEqual(expected, sha256(presented)) ? Check.ACCEPTED : Check.REJECTED;
  }

  /** Whether two tokens are equal, in time independent of where they differ and of their lengths. */
  public static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(sha256(a), sha256(b));
  }

  private synchronized byte[] expectedDigest() {
    Instant now = clock.instant();
    if (cachedDigest != null && (refresh == null || now.isBefore(cachedAt.plus(refresh)))) {
      return cachedDigest;
    }
    try {
      String token = source.get();
      if (token == null || token.isBlank()) {
        log.warn("the Alertmanager receiver's token Secret is missing or empty; answering pushes with 503");
        cachedDigest = null;
        return null;
      }
      cachedDigest = sha256(token.strip());
      cachedAt = now;
    } catch (RuntimeException e) {
      log.warn("cannot read the Alertmanager receiver's token Secret ({}); {}", e.getMessage(),
          cachedDigest != null ? "keeping the last token read" : "answering pushes with 503");
    }
    return cachedDigest;
  }

  private static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String v = authorization.strip();
    if (v.length() < 7 || !v.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = v.substring(7).strip();
    return token.isEmpty() ? null : token;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
