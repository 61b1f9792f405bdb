package io.launchplan.analysis;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one place that turns a Prometheus URL, the operator's default or a plan's
 * {@code spec.analysis.prometheus.url}, into the URI queries go to, or says clearly why it cannot.
 *
 * <p>A URL must parse, use {@code http} or {@code https}, name a host and, if it has one, a port in
 * 1..65535, and carry no user info, query or fragment (the query endpoint is appended to it). The
 * CRD's pattern only checks the scheme, so {@code http://[x} or {@code http://prom:99999} reach the
 * operator and are refused here with a message, never with an exception retried forever.
 *
 * <p>The operator's admin may restrict which hosts a plan may send queries to
 * ({@code LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS}), since the operator answers with what it got back
 * (in status and Events): entries are {@code host}, {@code host:port}, or {@code *.suffix} (any
 * host ending in {@code .suffix}), optionally with {@code :port}; no entries means any host. The
 * default Prometheus is always allowed.
 *
 * <p>The policy in force is process-wide ({@link #use}), set once by the operator at start-up:
 * the spec checks that refuse a plan before its launch run where no operator object is at hand.
 */
public final class PrometheusUrls {
  /** The longest piece of a URL shown in a message. */
  private static final int SHOWN = 200;

  /** One allow-list entry: a host (or {@code *.suffix}) and a port, -1 for any. */
  private record Allowed(String host, boolean suffix, int port) {
    boolean matches(String urlHost, int urlPort) {
      boolean hostMatches = suffix ? urlHost.endsWith(host) : urlHost.equals(host);
      return hostMatches && (port < 0 || port == urlPort);
    }

    @Override
    public String toString() {
      String h = (suffix ? "*" : "") + (host.contains(":") ? "[" + host + "]" : host);
      return port < 0 ? h : h + ":" + port;
    }
  }

  private final URI defaultUrl;
  private final List<Allowed> allowed;

  private PrometheusUrls(URI defaultUrl, List<Allowed> allowed) {
    this.defaultUrl = defaultUrl;
    this.allowed = List.copyOf(allowed);
  }

  /**
   * @param defaultUrl the operator's default Prometheus (always allowed); checked with {@link #parse}
   * @param allowedHosts the allow-list as configured, comma-separated; null or blank allows any host
   * @throws IllegalArgumentException saying which entry is malformed
   */
  public static PrometheusUrls of(URI defaultUrl, String allowedHosts) {
    Objects.requireNonNull(defaultUrl, "defaultUrl");
    List<Allowed> entries = new ArrayList<>();
    if (allowedHosts != null) {
      for (String part : allowedHosts.split(",", -1)) {
        String entry = part.trim();
        if (entry.isEmpty()) {
          if (!allowedHosts.isBlank()) {
            throw new IllegalArgumentException("'" + allowedHosts + "' has an empty entry (two commas?)");
          }
          continue;
        }
        entries.add(allowedEntry(entry));
      }
    }
    return new PrometheusUrls(defaultUrl, entries);
  }

  /** The operator's default Prometheus, for plans that name none. */
  public URI defaultUrl() {
    return defaultUrl;
  }

  /** The allow-list as configured, for the start-up log: {@code any} when there is none. */
  public String allowedHosts() {
    return allowed.isEmpty() ? "any" : String.join(",", allowed.stream().map(Allowed::toString).toList());
  }

  /**
   * Where a plan's queries go.
   *
   * @param planUrl the plan's {@code spec.analysis.prometheus.url}, or null for the default
   * @param fallback the default Prometheus, used when {@code planUrl} is null
   * @throws IllegalArgumentException with a message to show in a condition: what is wrong with the URL
   */
  public URI resolve(String planUrl, URI fallback) {
    if (planUrl == null) {
      return Objects.requireNonNull(fallback, "fallback");
    }
    URI uri = parse(planUrl);
    if (allowed.isEmpty() || isDefault(uri) || (fallback != null && sameServer(uri, fallback))) {
      return uri;
    }
    String host = host(uri);
    int port = effectivePort(uri);
    if (allowed.stream().noneMatch(a -> a.matches(host, port))) {
      throw new IllegalArgumentException("'" + shown(planUrl) + "': host " + hostPort(uri)
          + " is not an allowed Prometheus host (LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS: "
          + String.join(", ", allowed.stream().map(Allowed::toString).toList())
          + (defaultUrl == null ? "" : ", and the default " + defaultUrl) + ")");
    }
    return uri;
  }

  /**
   * Checks a URL's form, not the allow-list.
   *
   * @throws IllegalArgumentException saying what is wrong, with the URL (cut if long)
   */
  public static URI parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + shown(url) + "' is not a URL: " + e.getReason()
          + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("'" + shown(url) + "' must be an http:// or https:// URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("'" + shown(url) + "' must not contain user info "
          + "(user:password@): credentials in a URL end up in logs; the operator sends none");
    }
    if (uri.getHost() == null) {
      // a port that is not a number, or an authority that is no host name, leaves URI without a host
      throw new IllegalArgumentException("'" + shown(url) + "' has no valid host"
          + (uri.getRawAuthority() != null && uri.getRawAuthority().contains(":")
              ? " and port (the port must be a number 1..65535)" : ""));
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw new IllegalArgumentException("'" + shown(url) + "': port " + uri.getPort() + " is outside 1..65535");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("'" + shown(url) + "' must not have a query (?...) or fragment (#...): "
          + "/api/v1/query is appended to it");
    }
    return uri;
  }

  private boolean isDefault(URI uri) {
    return defaultUrl != null && sameServer(uri, defaultUrl);
  }

  private static boolean sameServer(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && host(a).equals(host(b)) && effectivePort(a) == effectivePort(b);
  }

  private static Allowed allowedEntry(String entry) {
    String text = entry.toLowerCase(Locale.ROOT);
    boolean suffix = text.startsWith("*.");
    String rest = suffix ? text.substring(1) : text; // keeps the dot: ".monitoring.svc"
    int port = -1;
    String host = rest;
    int colon = rest.lastIndexOf(':');
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + entry + "': unbalanced [ in an IPv6 address");
      }
      host = rest.substring(1, close);
      String after = rest.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw new IllegalArgumentException("'" + entry + "' must be host, host:port or *.suffix");
        }
        port = port(entry, after.substring(1));
      }
    } else if (colon >= 0) {
      host = rest.substring(0, colon);
      port = port(entry, rest.substring(colon + 1));
    }
    String check = suffix ? host.substring(1) : host;
    boolean ipv6 = rest.startsWith("[") && check.matches("[0-9a-f:.]+") && check.contains(":");
    if (check.isEmpty() || rest.startsWith("[") != ipv6 || !(ipv6 || check.matches("[a-z0-9]([-a-z0-9_]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9_]*[a-z0-9])?)*"))) {
      throw new IllegalArgumentException("'" + entry + "' must be host, host:port or *.suffix "
          + "(e.g. prometheus.monitoring, prometheus.monitoring:9090, *.monitoring.svc)");
    }
    return new Allowed(host, suffix, port);
  }

  private static int port(String entry, String text) {
    if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
      throw new IllegalArgumentException("'" + entry + "': the port must be a number 1..65535");
    }
    return Integer.parseInt(text);
  }

  /** The host as compared: lower case, IPv6 without brackets. */
  private static String host(URI uri) {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static String hostPort(URI uri) {
    return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
  }

  private static String withoutUserInfo(String url) {
    return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
  }

  /** The URL as it may be shown: without credentials, cut if long. */
  private static String shown(String url) {
    String safe = withoutUserInfo(url);
    return safe.length() <= SHOWN ? safe : safe.substring(0, SHOWN) + PrometheusResponses.TRUNCATED;
  }
}
