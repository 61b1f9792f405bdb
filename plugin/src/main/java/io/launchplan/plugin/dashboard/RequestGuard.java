package io.launchplan.plugin.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps other web sites out of the dashboard (pure). The dashboard acts with the user's
 * credentials, so a page on another origin that the user's browser opens must not drive it:
 * <ul>
 *   <li>every request must name this server in {@code Host} (127.0.0.1 or localhost and its port):
 *       a DNS-rebinding site's requests carry its own host name and are refused, reads included;</li>
 *   <li>a POST must carry this process' random token in {@code X-Dashboard-Token} (the token is in
 *       the served page only, which another origin cannot read), and an {@code Origin}, when the
 *       browser sends one, must be this server's.</li>
 * </ul>
 */
final class RequestGuard {
  static final String TOKEN_HEADER = "X-Dashboard-Token";
  private final String token;
  private final Set<String> hosts;

  RequestGuard(int port, String token) {
    this.token = token;
    this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
  }

  static String newToken() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  String token() {
    return token;
  }

  /** Why a request is refused, or null when it may go on. */
  String refuse(String method, String host, String origin, String tokenHeader) {
    if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
      return "unexpected Host header " + host + ": the dashboard answers only as http://127.0.0.1 or http://localhost";
    }
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      if (origin != null && !hosts.contains(origin.toLowerCase(Locale.ROOT).replaceFirst("^http://", ""))) {
        return "cross-site request from " + origin + " refused";
      }
      if (tokenHeader == null || !MessageDigest.isEqual(tokenHeader.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
        return "missing or wrong " + TOKEN_HEADER + ": reload the dashboard's page";
      }
    }
    return null;
  }
}
