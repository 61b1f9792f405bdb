package io.launchplan.analysis;

import java.net.URI;
import java.net.URISyntaxException;
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
 * ({@code LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS}, a {@link UrlAllowList}), since the operator sends
 * the plan's credentials there and answers with what it got back (in status and Events). The
 * default Prometheus is always allowed.
 *
 * <p>The policy in force is process-wide ({@link #use}), set once by the operator at start-up:
 * the spec checks that refuse a plan before its launch run where no operator object is at hand.
 */
public final class PrometheusUrls {
  /**
   * The operator's default Prometheus when {@code LAUNCHPLAN_PROMETHEUS_URL} is not set (the Prometheus
   * Operator's service in namespace {@code monitoring}); here, not in OperatorConfig, so that the kubectl
   * plugin's jar, which has this class, can name it.
   */
  public static final String BUILT_IN_DEFAULT = "http://prometheus-operated.monitoring:9090";

  /** The longest piece of a URL shown in a message. */
  private static final int SHOWN = 200;

  private final URI defaultUrl;
  private final UrlAllowList allowed;

  private PrometheusUrls(URI defaultUrl, UrlAllowList allowed) {
    this.defaultUrl = defaultUrl;
    this.allowed = allowed;
  }

  /**
   * @param defaultUrl the operator's default Prometheus (always allowed); checked with {@link #parse}
   * @param allowedHosts the allow-list as configured, comma-separated; null or blank allows any host
   * @throws IllegalArgumentException saying which entry is malformed
   */
  public static PrometheusUrls of(URI defaultUrl, String allowedHosts) {
    Objects.requireNonNull(defaultUrl, "defaultUrl");
    return new PrometheusUrls(defaultUrl, UrlAllowList.parse(allowedHosts));
  }

  /** The operator's default Prometheus, for plans that name none. */
  public URI defaultUrl() {
    return defaultUrl;
  }

  /** The allow-list itself; web checks' URLs are held to it too ({@link WebChecks#urlProblem}). */
  public UrlAllowList allowList() {
    return allowed;
  }

  /** The allow-list as configured, for the start-up log: {@code any} when there is none. */
  public String allowedHosts() {
    return allowed.allowsAny() ? "any" : allowed.toString().replace(", ", ",");
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
    if (allowed.allowsAny() || isDefault(uri) || (fallback != null && sameServer(uri, fallback))) {
      return uri;
    }
    if (!allowed.allows(uri)) {
      throw new IllegalArgumentException("'" + shown(planUrl) + "': host " + hostPort(uri)
          + " is not an allowed Prometheus host (LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS: " + allowed
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
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && UrlAllowList.host(a).equals(UrlAllowList.host(b))
        && UrlAllowList.effectivePort(a) == UrlAllowList.effectivePort(b);
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
