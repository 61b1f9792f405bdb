package io.launchplan;

import io.launchplan.analysis.FreezeAlertSelector;
import io.launchplan.analysis.PrometheusUrls;
import io.launchplan.analysis.receiver.PushedAlerts;
import io.launchplan.analysis.receiver.ReceiverConfig;
import io.launchplan.api.Durations;
import io.launchplan.cluster.ConfigMapRef;
import io.launchplan.cluster.PrometheusConnections.DefaultConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's settings, read from environment variables or the settings file ({@link Settings})
 * and validated at start-up with a message that names the setting. All of them, with defaults and
 * checks: docs/configuration.md.
 *
 * @param prometheusUrl default Prometheus for plans that do not name one ({@code LAUNCHPLAN_PROMETHEUS_URL})
 * @param namespaces namespaces to watch, empty for all ({@code LAUNCHPLAN_NAMESPACES}, comma-separated)
 * @param metricsPort port of {@code /metrics}, 0 to disable ({@code LAUNCHPLAN_METRICS_PORT}, default 8080)
 * @param queryTimeout per-query timeout ({@code LAUNCHPLAN_QUERY_TIMEOUT}, default 5s)
 * @param concurrency reconcile threads ({@code LAUNCHPLAN_RECONCILE_CONCURRENCY}, default 50: a reconcile
 *     mostly waits for the API server and Prometheus, so threads are cheap and ticks of many plans
 *     at once must not queue)
 * @param receiver the Alertmanager webhook receiver: {@code LAUNCHPLAN_RECEIVER_PORT} (default 8081,
 *     0 = off), its bearer token from {@code LAUNCHPLAN_RECEIVER_TOKEN_SECRET} ({@code namespace/name/key})
 *     or {@code LAUNCHPLAN_RECEIVER_TOKEN}, or {@code LAUNCHPLAN_RECEIVER_INSECURE=true} for none (one
 *     of the three is required while the receiver is on), and {@code LAUNCHPLAN_RECEIVER_ALERT_TTL}
 *     (default 10m: how long a pushed firing alert counts unless pushed again)
 * @param labelSelector only plans matching this Kubernetes label selector are driven, empty for all
 *     ({@code LAUNCHPLAN_LABEL_SELECTOR}): shards plans across several installs
 * @param configMap the operator's config ConfigMap, whose {@code launchplan.io/freeze} annotation freezes
 *     every launch ({@code LAUNCHPLAN_CONFIG_MAP}, {@code namespace/name}); null when unset: no
 *     cluster-wide annotation freeze
 * @param freezeAlerts alerts that freeze every launch while one fires ({@code LAUNCHPLAN_FREEZE_ALERTS},
 *     label matchers such as {@code alertname=IncidentOpen,severity=critical}); null when unset
 * @param prometheusUrls which Prometheus (and web-check) URLs a plan may name: well-formed, and a host of
 *     {@code LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS} (comma-separated {@code host}, {@code host:port},
 *     {@code *.suffix}; unset = any host) or the default's
 * @param prometheusConnection the default Prometheus' connection (auth, TLS, headers, timeout) for plans that
 *     name no URL: {@code LAUNCHPLAN_PROMETHEUS_CONNECTION} (YAML or JSON of the shape of
 *     {@code spec.analysis.prometheus} without {@code url}), its Secrets and ConfigMaps read in
 *     {@code LAUNCHPLAN_PROMETHEUS_CONNECTION_NAMESPACE}
 */
public record OperatorConfig(URI prometheusUrl, Set<String> namespaces, int metricsPort, Duration queryTimeout,
    int concurrency, ReceiverConfig receiver, String labelSelector, ConfigMapRef configMap,
    FreezeAlertSelector freezeAlerts, PrometheusUrls prometheusUrls, DefaultConnection prometheusConnection) {

  /** Without a default Prometheus connection (a plain default Prometheus). */
  public OperatorConfig(URI prometheusUrl, Set<String> namespaces, int metricsPort, Duration queryTimeout,
      int concurrency, ReceiverConfig receiver, String labelSelector, ConfigMapRef configMap,
      FreezeAlertSelector freezeAlerts, PrometheusUrls prometheusUrls) {
    this(prometheusUrl, namespaces, metricsPort, queryTimeout, concurrency, receiver, labelSelector, configMap,
        freezeAlerts, prometheusUrls, DefaultConnection.NONE);
  }

  private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

  public static final int DEFAULT_CONCURRENCY = 50;

  public static final String DEFAULT_PROMETHEUS = PrometheusUrls.BUILT_IN_DEFAULT;

  /** Reads the configuration from {@code env}; throws IllegalArgumentException naming the bad setting. */
  public static OperatorConfig fromEnv(Map<String, String> env) {
    URI prometheus = uri("LAUNCHPLAN_PROMETHEUS_URL", env.getOrDefault("LAUNCHPLAN_PROMETHEUS_URL", DEFAULT_PROMETHEUS));
    Set<String> namespaces = Arrays.stream(env.getOrDefault("LAUNCHPLAN_NAMESPACES", "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    for (String ns : namespaces) {
      if (!ns.matches(DNS_LABEL)) {
        throw new IllegalArgumentException("LAUNCHPLAN_NAMESPACES: '" + ns + "' is not a namespace name");
      }
    }
    int port = integer(env, "LAUNCHPLAN_METRICS_PORT", 8080, 0, 65535);
    Duration timeout = Durations.parse(check(env, "LAUNCHPLAN_QUERY_TIMEOUT"), Duration.ofSeconds(5));
    int concurrency = integer(env, "LAUNCHPLAN_RECONCILE_CONCURRENCY", DEFAULT_CONCURRENCY, 1, 200);
    String selector = env.getOrDefault("LAUNCHPLAN_LABEL_SELECTOR", "").trim();
    if (!selector.isEmpty()) {
      LabelSelectors.check("LAUNCHPLAN_LABEL_SELECTOR", selector);
    }
    return new OperatorConfig(prometheus, namespaces, port, timeout, concurrency, receiver(env), selector, configMap(env),
        freezeAlerts(env), prometheusUrls(prometheus, env), DefaultConnections.fromEnv(env));
  }

  private static PrometheusUrls prometheusUrls(URI prometheus, Map<String, String> env) {
    String text = env.get("LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS");
    try {
      return PrometheusUrls.of(prometheus, text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS: " + e.getMessage()
          + "; expected comma-separated host, host:port or *.suffix entries");
    }
  }

  private static ConfigMapRef configMap(Map<String, String> env) {
    String text = blankToNull(env.get("LAUNCHPLAN_CONFIG_MAP"));
    if (text == null) {
      return null;
    }
    String[] parts = text.split("/", -1);
    if (parts.length != 2 || !parts[0].matches(DNS_LABEL) || parts[1].length() > 253
        || !parts[1].matches(DNS_LABEL + "(\\." + DNS_LABEL + ")*")) {
      throw new IllegalArgumentException("LAUNCHPLAN_CONFIG_MAP: '" + text
          + "' must be namespace/name of a ConfigMap, e.g. launchplan-system/launchplan-operator-config");
    }
    return new ConfigMapRef(parts[0], parts[1]);
  }

  private static FreezeAlertSelector freezeAlerts(Map<String, String> env) {
    String text = blankToNull(env.get("LAUNCHPLAN_FREEZE_ALERTS"));
    if (text == null) {
      return null;
    }
    try {
      return FreezeAlertSelector.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("LAUNCHPLAN_FREEZE_ALERTS: '" + text + "': " + e.getMessage()
          + "; expected label=value matchers, comma-separated, e.g. alertname=IncidentOpen,severity=critical");
    }
  }

  private static ReceiverConfig receiver(Map<String, String> env) {
    int port = integer(env, "LAUNCHPLAN_RECEIVER_PORT", 8081, 0, 65535);
    String secretText = blankToNull(env.get("LAUNCHPLAN_RECEIVER_TOKEN_SECRET"));
    ReceiverConfig.SecretLocation secret = null;
    if (secretText != null) {
      String[] parts = secretText.split("/", -1);
      if (parts.length != 3 || !parts[0].matches(DNS_LABEL) || !parts[1].matches(DNS_LABEL + "(\\." + DNS_LABEL + ")*")
          || !parts[2].matches("[-._a-zA-Z0-9]+")) {
        throw new IllegalArgumentException("LAUNCHPLAN_RECEIVER_TOKEN_SECRET: '" + secretText
            + "' must be namespace/name/key of a Secret, e.g. monitoring/launchplan-receiver/token");
      }
      secret = new ReceiverConfig.SecretLocation(parts[0], parts[1], parts[2]);
    }
    String token = blankToNull(env.get("LAUNCHPLAN_RECEIVER_TOKEN"));
    if (secret != null && token != null) {
      throw new IllegalArgumentException("LAUNCHPLAN_RECEIVER_TOKEN_SECRET and LAUNCHPLAN_RECEIVER_TOKEN are both set; "
          + "set one");
    }
    String insecureText = env.getOrDefault("LAUNCHPLAN_RECEIVER_INSECURE", "false").trim();
    if (!insecureText.equals("true") && !insecureText.equals("false")) {
      throw new IllegalArgumentException("LAUNCHPLAN_RECEIVER_INSECURE: '" + insecureText + "' must be true or false");
    }
    boolean insecure = insecureText.equals("true");
    if (port > 0 && secret == null && token == null && !insecure) {
      throw new IllegalArgumentException("LAUNCHPLAN_RECEIVER_PORT: the Alertmanager receiver on port " + port
          + " needs a bearer token: set LAUNCHPLAN_RECEIVER_TOKEN_SECRET (namespace/name/key) or "
          + "LAUNCHPLAN_RECEIVER_TOKEN, or LAUNCHPLAN_RECEIVER_INSECURE=true to accept unauthenticated pushes, "
          + "or LAUNCHPLAN_RECEIVER_PORT=0 to turn the receiver off");
    }
    Duration ttl = Durations.parse(check(env, "LAUNCHPLAN_RECEIVER_ALERT_TTL"), PushedAlerts.DEFAULT_TTL);
    if (ttl.isZero()) {
      throw new IllegalArgumentException("LAUNCHPLAN_RECEIVER_ALERT_TTL: must be more than 0");
    }
    return new ReceiverConfig(port, secret, token, insecure, ttl);
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static String check(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v != null && !v.isBlank() && !v.matches(Durations.PATTERN)) {
      throw new IllegalArgumentException(name + ": '" + v + "' is not a duration (e.g. 5s)");
    }
    return v;
  }

  private static URI uri(String name, String value) {
    try {
      return PrometheusUrls.parse(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage());
    }
  }

  private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw new IllegalArgumentException(name + ": " + n + " is outside " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": '" + v + "' is not a number");
    }
  }
}
