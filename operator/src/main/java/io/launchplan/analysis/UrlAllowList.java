package io.launchplan.analysis;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which hosts the operator may send a plan's requests to (Prometheus queries, web checks): entries
 * are {@code host}, {@code host:port}, or {@code *.suffix} (any host ending in {@code .suffix}, not
 * {@code suffix} itself), each optionally with {@code :port}; IPv6 addresses in {@code [...]}. An
 * empty list allows any host. Who can write a plan chooses where the operator sends the plan's
 * credentials, so an admin who does not trust every plan author restricts it with one of these.
 */
public final class UrlAllowList {
  /** One entry: a host (or {@code .suffix}) and a port, -1 for any. */
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

  /** Allows any host. */
  public static final UrlAllowList ANY = new UrlAllowList(List.of());

  private final List<Allowed> allowed;

  private UrlAllowList(List<Allowed> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  /**
   * @param entries comma-separated entries as configured; null or blank allows any host
   * @throws IllegalArgumentException saying which entry is malformed
   */
  public static UrlAllowList parse(String entries) {
    List<Allowed> list = new ArrayList<>();
    if (entries != null) {
      for (String part : entries.split(",", -1)) {
        String entry = part.trim();
        if (entry.isEmpty()) {
          if (!entries.isBlank()) {
            throw new IllegalArgumentException("'" + entries + "' has an empty entry (two commas?)");
          }
          continue;
        }
        list.add(entry(entry));
      }
    }
    return new UrlAllowList(list);
  }

  /** Whether the list is empty, i.e. allows any host. */
  public boolean allowsAny() {
    return allowed.isEmpty();
  }

  /** Whether {@code uri} (an http or https URL with a host) names an allowed host and port. */
  public boolean allows(URI uri) {
    return allowed.isEmpty() || allowed.stream().anyMatch(a -> a.matches(host(uri), effectivePort(uri)));
  }

  /** The entries, {@code ", "}-separated; {@code any} when there are none. */
  @Override
  public String toString() {
    return allowed.isEmpty() ? "any" : String.join(", ", allowed.stream().map(Allowed::toString).toList());
  }

  /** The host as compared: lower case, IPv6 without brackets. */
  static String host(URI uri) {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** The URL's port, or its scheme's default. */
  static int effectivePort(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static Allowed entry(String entry) {
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
}
