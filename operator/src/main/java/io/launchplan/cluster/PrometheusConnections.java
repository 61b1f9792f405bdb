package io.launchplan.cluster;

import io.launchplan.analysis.Analyzer;
import io.launchplan.analysis.PrometheusEndpoint;
import io.launchplan.analysis.PrometheusException;
import io.launchplan.analysis.PrometheusUrls;
import io.launchplan.api.AnalysisSpec;
import io.launchplan.api.HttpAuth;
import io.launchplan.api.HttpConnection;
import io.launchplan.api.PrometheusSpec;
import io.launchplan.api.TlsSpec;
import io.launchplan.cluster.HttpConnections.Owner;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a plan's {@code spec.analysis.prometheus} into the {@link PrometheusEndpoint} its queries go
 * to: the URL (checked by {@link PrometheusUrls}), and the connection with every credential read
 * from its Secret by the shared resolver ({@link HttpConnections}) through {@link WatchedObjects}, so a
 * rotated Secret is used from the next tick on.
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

  private final WatchedObjects objects;
  private final PrometheusUrls urls;
  private final DefaultConnection defaults;
  private final HttpConnections resolver;

  public PrometheusConnections(WatchedObjects objects, PrometheusUrls urls, DefaultConnection defaults) {
    this.objects = objects;
    this.resolver = new HttpConnections(objects);
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
    try {
      Map<String, String> headers = new LinkedHashMap<>();
      HttpAuth auth = ownAuth ? own.getAuth() : dflt.getAuth();
      if (auth != null) {
        headers.put("Authorization", resolver.authorization(auth, ownAuth ? plan : operator));
      }
      headers.putAll(resolver.headers(ownHeaders ? own.headersOrEmpty() : dflt.headersOrEmpty(), ownHeaders ? plan : operator));
      TlsSpec tls = ownTls ? own.getTls() : dflt.getTls();
      Duration timeout = ownTimeout ? own.timeoutOr(null) : dflt.timeoutOr(null);
      return new PrometheusEndpoint(url, headers, tls == null ? null : resolver.tls(tls, ownTls ? plan : operator), timeout);
    } catch (HttpConnections.Unresolvable e) {
      throw new PrometheusException(PrometheusException.Kind.CONNECTION_SETUP, e.getMessage() + "; no query was sent",
          null, 0, e);
    }
  }
}
