package io.launchplan.cluster;

import io.launchplan.analysis.Analyzer;
import io.launchplan.analysis.PrometheusEndpoint;
import io.launchplan.analysis.PrometheusException;
import io.launchplan.analysis.PrometheusUrls;
import io.launchplan.analysis.TlsSettings;
import io.launchplan.api.AnalysisSpec;
import io.launchplan.api.BasicAuth;
import io.launchplan.api.CaSource;
import io.launchplan.api.HttpAuth;
import io.launchplan.api.HttpConnection;
import io.launchplan.api.HttpHeader;
import io.launchplan.api.PrometheusSpec;
import io.launchplan.api.SecretKeyRef;
import io.launchplan.api.SecretSource;
import io.launchplan.api.TlsSpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a plan's {@code spec.analysis.prometheus} into the {@link PrometheusEndpoint} its queries go
 * to: the URL (checked by {@link PrometheusUrls}), and the connection with every credential read
 * from its Secret through {@link WatchedObjects}, so a rotated Secret is used from the next tick on.
 *
 * <p>A plan that names no URL uses the operator's default Prometheus with the operator's default
 * connection ({@link DefaultConnection}), each of {@code auth}, {@code tls}, {@code headers} and
 * {@code timeout} the plan sets replacing the default's. A plan that names a URL gets nothing of the
 * default's connection: the operator's credentials only ever go to the operator's Prometheus.
 * A plan's Secrets and ConfigMaps are read in its own namespace, the default's in the namespace
 * the operator names for them.
 */
public final class PrometheusConnections {
  /** The operator's default connection (its Secrets in {@code namespace}); {@link #NONE} for none. */
  public record DefaultConnection(HttpConnection connection, String namespace, String setting) {
    public static final DefaultConnection NONE = new DefaultConnection(new HttpConnection(), null, null);
  }

  /** Whose settings a part of the connection is, for reading its references and for messages. */
  private record Owner(String namespace, String prefix) {}

  private final WatchedObjects objects;
  private final PrometheusUrls urls;
  private final DefaultConnection defaults;

  public PrometheusConnections(WatchedObjects objects, PrometheusUrls urls, DefaultConnection defaults) {
    this.objects = objects;
    this.urls = urls;
    this.defaults = defaults;
  }

  /**
   * Where the queries of a plan in {@code namespace} with {@code spec} go; the Secrets are read when
   * the source is asked, i.e. only when there are checks to send.
   *
   * @throws IllegalArgumentException when the URL is malformed or not allowed ({@link Analyzer#prometheusUrl})
   */
  public Analyzer.EndpointSource source(String namespace, AnalysisSpec spec) {
    URI url = Analyzer.prometheusUrl(spec, urls);
    PrometheusSpec own = spec.getPrometheus() != null ? spec.getPrometheus() : new PrometheusSpec();
    boolean usesDefault = own.getUrl() == null;
    return () -> endpoint(url, namespace, own, usesDefault);
  }

  /** The operator's default Prometheus with its default connection (for the freeze alert poll). */
  public Analyzer.EndpointSource defaultSource() {
    return () -> endpoint(urls.defaultUrl(), null, new PrometheusSpec(), true);
  }

  /** The watch cache the connections read through. */
  WatchedObjects objects() {
    return objects;
  }

  /** The namespace the default connection's Secrets are read in; null when there is no default connection. */
  String defaultNamespace() {
    return defaults.namespace();
  }

  /** Whether the connection a plan with {@code spec} uses checks no certificate ({@code tls.insecureSkipVerify}). */
  public boolean insecure(AnalysisSpec spec) {
    PrometheusSpec own = spec.getPrometheus();
    if (own != null && own.getTls() != null) {
      return own.insecure();
    }
    return (own == null || own.getUrl() == null) && defaults.connection().insecure();
  }

  private PrometheusEndpoint endpoint(URI url, String namespace, PrometheusSpec own, boolean usesDefault)
      throws PrometheusException {
    Owner plan = new Owner(namespace, "spec.analysis.prometheus.");
    Owner operator = new Owner(defaults.namespace(), "the operator's default connection (" + defaults.setting() + ") ");
    HttpConnection dflt = defaults.connection();
    boolean ownAuth = own.getAuth() != null || !usesDefault;
    boolean ownTls = own.getTls() != null || !usesDefault;
    boolean ownHeaders = own.getHeaders() != null || !usesDefault;
    boolean ownTimeout = own.getTimeout() != null || !usesDefault;
    Map<String, String> headers = new LinkedHashMap<>();
    HttpAuth auth = ownAuth ? own.getAuth() : dflt.getAuth();
    if (auth != null) {
      headers.put("Authorization", authorization(auth, ownAuth ? plan : operator));
    }
    List<HttpHeader> extra = ownHeaders ? own.headersOrEmpty() : dflt.headersOrEmpty();
    Owner headerOwner = ownHeaders ? plan : operator;
    for (int i = 0; i < extra.size(); i++) {
      HttpHeader h = extra.get(i);
      headers.put(h.getName(), h.getValueFrom() != null
          ? value(h.getValueFrom(), headerOwner, "headers[" + i + "] (" + h.getName() + ")") : h.getValue());
    }
    TlsSpec tls = ownTls ? own.getTls() : dflt.getTls();
    Duration timeout = ownTimeout ? own.timeoutOr(null) : dflt.timeoutOr(null);
    return new PrometheusEndpoint(url, headers, tls == null ? null : tls(tls, ownTls ? plan : operator), timeout);
  }

  private String authorization(HttpAuth auth, Owner owner) throws PrometheusException {
    if (auth.getBearerToken() != null) {
      return "Bearer " + value(auth.getBearerToken(), owner, "auth.bearerToken");
    }
    BasicAuth basic = auth.getBasic();
    String user = basic.getUsernameFrom() != null
        ? value(basic.getUsernameFrom(), owner, "auth.basic.usernameFrom") : basic.getUsername();
    String password = value(basic.getPassword(), owner, "auth.basic.password");
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private TlsSettings tls(TlsSpec tls, Owner owner) throws PrometheusException {
    String pem = null;
    String origin = null;
    CaSource ca = tls.getCa();
    if (ca != null) {
      try {
        if (ca.getSecretKeyRef() != null) {
          SecretKeyRef ref = ca.getSecretKeyRef();
          origin = "Secret " + ref.getName() + " key " + ref.getKey();
          pem = objects.secret(owner.namespace(), ref.getName(), ref.getKey());
        } else {
          origin = "ConfigMap " + ca.getConfigMapKeyRef().getName() + " key " + ca.getConfigMapKeyRef().getKey();
          pem = objects.configMap(owner.namespace(), ca.getConfigMapKeyRef().getName(), ca.getConfigMapKeyRef().getKey());
        }
      } catch (WatchedObjects.Unavailable e) {
        throw unavailable(owner, "tls.ca", e);
      }
    }
    return new TlsSettings(pem, origin, tls.getServerName(), tls.insecure());
  }

  /** A Secret's value, without the line end a file often leaves at its end. */
  private String value(SecretSource source, Owner owner, String field) throws PrometheusException {
    SecretKeyRef ref = source.getSecretKeyRef();
    try {
      return objects.secret(owner.namespace(), ref.getName(), ref.getKey()).replaceAll("[\r\n]+$", "");
    } catch (WatchedObjects.Unavailable e) {
      throw unavailable(owner, field, e);
    }
  }

  private static PrometheusException unavailable(Owner owner, String field, WatchedObjects.Unavailable e) {
    return new PrometheusException(PrometheusException.Kind.CONNECTION_SETUP, owner.prefix() + field + ": "
        + e.getMessage() + "; no query was sent", null, 0, e);
  }
}
