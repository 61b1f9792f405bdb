package io.launchplan.analysis.receiver;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Alertmanager receiver runs.
 *
 * @param port where to serve {@code POST /alertmanager}; 0 turns the receiver off
 * @param tokenSecret the Secret key holding the bearer token, or null
 * @param token the bearer token itself (for local runs), or null
 * @param insecure accept pushes without a token (only when neither token setting is given)
 * @param alertTtl how long a pushed firing alert counts without being pushed again
 */
public record ReceiverConfig(int port, SecretLocation tokenSecret, String token, boolean insecure, Duration alertTtl) {
  /** The receiver turned off. */
  public static final ReceiverConfig OFF = new ReceiverConfig(0, null, null, false, PushedAlerts.DEFAULT_TTL);

  /** A key of a Secret, as {@code namespace/name/key}. */
  public record SecretLocation(String namespace, String name, String key) {
    @Override
    public String toString() {
      return namespace + "/" + name + "/" + key;
    }
  }

  public ReceiverConfig {
    Objects.requireNonNull(alertTtl, "alertTtl");
  }

  /** A receiver on {@code port} accepting {@code Authorization: Bearer <token>}. */
  public static ReceiverConfig withToken(int port, String token) {
    return new ReceiverConfig(port, null, token, false, PushedAlerts.DEFAULT_TTL);
  }

  public boolean enabled() {
    return port > 0;
  }

  /** How pushes are authenticated, for the start-up log line; never the token itself. */
  public String authDescription() {
    if (tokenSecret != null) {
      return "bearer token from Secret " + tokenSecret;
    }
    return token != null ? "bearer token from LAUNCHPLAN_RECEIVER_TOKEN" : insecure ? "none (insecure)" : "unset";
  }

  @Override
  public String toString() {
    return "ReceiverConfig[port=" + port + ", auth=" + authDescription() + ", alertTtl=" + alertTtl + "]";
  }
}
