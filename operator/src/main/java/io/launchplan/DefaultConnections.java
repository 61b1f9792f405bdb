package io.launchplan;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.launchplan.api.BasicAuth;
import io.launchplan.api.HttpConnection;
import io.launchplan.api.HttpHeader;
import io.launchplan.api.SecretSource;
import io.launchplan.cluster.PrometheusConnections.DefaultConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the default Prometheus' connection from {@code LAUNCHPLAN_PROMETHEUS_CONNECTION} (YAML or
 * JSON, the shape of a plan's {@code spec.analysis.prometheus} without {@code url}) and the
 * namespace of its Secrets from {@code LAUNCHPLAN_PROMETHEUS_CONNECTION_NAMESPACE}, checking what the
 * CRD checks for a plan.
 */
final class DefaultConnections {
  static final String SETTING = "LAUNCHPLAN_PROMETHEUS_CONNECTION";
  static final String NAMESPACE = "LAUNCHPLAN_PROMETHEUS_CONNECTION_NAMESPACE";

  private static final Logger log = LoggerFactory.getLogger(DefaultConnections.class);

  private DefaultConnections() {}

  static DefaultConnection fromEnv(Map<String, String> env) {
    String text = env.get(SETTING);
    if (text == null || text.isBlank()) {
      return DefaultConnection.NONE;
    }
    HttpConnection connection;
    try {
      connection = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(text, HttpConnection.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(SETTING + ": not a connection (auth, tls, headers, timeout): "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    if (connection == null) {
      return DefaultConnection.NONE;
    }
    List<String> problems = problems(connection);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(SETTING + ": " + String.join("; ", problems));
    }
    String namespace = env.get(NAMESPACE) == null ? null : env.get(NAMESPACE).trim();
    if ((namespace == null || namespace.isEmpty()) && (connection.getAuth() != null
        || (connection.getTls() != null && connection.getTls().getCa() != null)
        || connection.headersOrEmpty().stream().anyMatch(h -> h.getValueFrom() != null))) {
      throw new IllegalArgumentException(NAMESPACE + ": must name the namespace of the Secrets and ConfigMaps "
          + SETTING + " refers to (the chart sets it to the operator's namespace)");
    }
    return new DefaultConnection(connection, namespace, SETTING);
  }

  /** What the CRD's rules would refuse in a plan's connection. */
  static List<String> problems(HttpConnection c) {
    List<String> problems = new ArrayList<>();
    if (c.getAuth() != null) {
      if ((c.getAuth().getBearerToken() == null) == (c.getAuth().getBasic() == null)) {
        problems.add("auth needs exactly one of bearerToken and basic");
      }
      secret(c.getAuth().getBearerToken(), "auth.bearerToken", false, problems);
      BasicAuth basic = c.getAuth().getBasic();
      if (basic != null) {
        if ((basic.getUsername() == null) == (basic.getUsernameFrom() == null)) {
          problems.add("auth.basic needs exactly one of username and usernameFrom");
        }
        secret(basic.getUsernameFrom(), "auth.basic.usernameFrom", false, problems);
        secret(basic.getPassword(), "auth.basic.password", true, problems);
      }
    }
    if (c.getTls() != null && c.getTls().getCa() != null) {
      var ca = c.getTls().getCa();
      if ((ca.getSecretKeyRef() == null) == (ca.getConfigMapKeyRef() == null)) {
        problems.add("tls.ca needs exactly one of secretKeyRef and configMapKeyRef");
      }
    }
    if (c.insecure() && (c.getTls().getCa() != null || c.getTls().getServerName() != null)) {
      problems.add("tls.insecureSkipVerify cannot be combined with tls.ca or tls.serverName");
    }
    List<HttpHeader> headers = c.headersOrEmpty();
    for (int i = 0; i < headers.size(); i++) {
      HttpHeader h = headers.get(i);
      if (h.getName() == null || !h.getName().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        problems.add("headers[" + i + "].name must be an HTTP header name");
      }
      if ((h.getValue() == null) == (h.getValueFrom() == null)) {
        problems.add("headers[" + i + "] needs exactly one of value and valueFrom");
      }
      secret(h.getValueFrom(), "headers[" + i + "].valueFrom", false, problems);
    }
    try {
      c.timeoutOr(null);
    } catch (IllegalArgumentException e) {
      problems.add("timeout: " + e.getMessage());
    }
    return problems;
  }

  /** What the default connection is, without a value of any Secret; loudly when it checks no certificate. */
  static void logAtStart(DefaultConnection c) {
    if (c == DefaultConnection.NONE) {
      return;
    }
    HttpConnection h = c.connection();
    String auth = h.getAuth() == null ? "none" : h.getAuth().getBearerToken() != null ? "bearer token" : "basic";
    log.info("default Prometheus connection: auth={} tls={} headers={} timeout={} (Secrets in namespace {})", auth,
        h.getTls() == null ? "default" : h.insecure() ? "insecureSkipVerify" : h.getTls().getCa() != null ? "own CA" : "default",
        h.headersOrEmpty().stream().map(HttpHeader::getName).toList(), h.getTimeout() == null ? "default" : h.getTimeout(),
        c.namespace());
    if (h.insecure()) {
      log.warn("{}: tls.insecureSkipVerify is true: the default Prometheus' certificate is not checked, so anyone on the "
          + "network path can read the credentials sent and forge the answers launches are judged by", SETTING);
    }
  }

  private static void secret(SecretSource source, String field, boolean required, List<String> problems) {
    if (source == null) {
      if (required) {
        problems.add(field + " is required");
      }
      return;
    }
    if (source.getSecretKeyRef() == null || source.getSecretKeyRef().getName() == null
        || source.getSecretKeyRef().getKey() == null) {
      problems.add(field + " needs secretKeyRef: {name, key}");
    }
  }
}
