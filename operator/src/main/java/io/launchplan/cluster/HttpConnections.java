package io.launchplan.cluster;

import io.launchplan.analysis.ConnectionSettings;
import io.launchplan.analysis.TlsSettings;
import io.launchplan.api.BasicAuth;
import io.launchplan.api.CaSource;
import io.launchplan.api.HttpAuth;
import io.launchplan.api.HttpConnection;
import io.launchplan.api.HttpHeader;
import io.launchplan.api.SecretKeyRef;
import io.launchplan.api.SecretSource;
import io.launchplan.api.TlsSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one resolver of {@link HttpConnection}s (Prometheus connections, web checks): reads every
 * Secret and ConfigMap a connection names through {@link WatchedObjects} (the watch cache, so a
 * rotated Secret is used from the next request on) and turns the connection into the
 * {@link ConnectionSettings} a request is sent with. A value that cannot be read fails with a
 * message naming the field, the object and the key, never a value.
 */
final class HttpConnections {
  /** Where a connection's objects are read and how its fields are named in messages, e.g. {@code spec.analysis.prometheus.}. */
  record Owner(String namespace, String prefix) {}

  /** Why a connection cannot be set up: the message names the field, the object and the key, never a value. */
  static final class Unresolvable extends Exception {
    private static final long serialVersionUID = 1L;

    Unresolvable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What the connections read: a key of a Secret or a ConfigMap ({@link WatchedObjects} in the operator). */
  interface Values {
    String secret(String namespace, String name, String key) throws WatchedObjects.Unavailable;

    String configMap(String namespace, String name, String key) throws WatchedObjects.Unavailable;
  }

  private final Values values;

  HttpConnections(Values values) {
    this.values = values;
  }

  /** Every part of {@code connection}, all of it {@code owner}'s; its timeout unparsed is null. */
  ConnectionSettings resolve(HttpConnection connection, Owner owner) throws Unresolvable {
    Map<String, String> headers = new LinkedHashMap<>();
    if (connection.getAuth() != null) {
      headers.put("Authorization", authorization(connection.getAuth(), owner));
    }
    headers.putAll(headers(connection.headersOrEmpty(), owner));
    TlsSpec tls = connection.getTls();
    return new ConnectionSettings(headers, tls == null ? null : tls(tls, owner), connection.timeoutOr(null));
  }

  /** The {@code Authorization} header's value: {@code Bearer <token>} or {@code Basic <user:password>}. */
  String authorization(HttpAuth auth, Owner owner) throws Unresolvable {
    if (auth.getBearerToken() != null) {
      return "Bearer " + value(auth.getBearerToken(), owner, "auth.bearerToken");
    }
    BasicAuth basic = auth.getBasic();
    String user = basic.getUsernameFrom() != null
        ? value(basic.getUsernameFrom(), owner, "auth.basic.usernameFrom") : basic.getUsername();
    String password = value(basic.getPassword(), owner, "auth.basic.password");
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The extra headers by name, in order, those with {@code valueFrom} read from their Secrets. */
  Map<String, String> headers(List<HttpHeader> extra, Owner owner) throws Unresolvable {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < extra.size(); i++) {
      HttpHeader h = extra.get(i);
      headers.put(h.getName(), h.getValueFrom() != null
          ? value(h.getValueFrom(), owner, "headers[" + i + "] (" + h.getName() + ")") : h.getValue());
    }
    return headers;
  }

  /** The TLS settings, the CA read from its Secret or ConfigMap. */
  TlsSettings tls(TlsSpec tls, Owner owner) throws Unresolvable {
    String pem = null;
    String origin = null;
    CaSource ca = tls.getCa();
    if (ca != null) {
      try {
        if (ca.getSecretKeyRef() != null) {
          SecretKeyRef ref = ca.getSecretKeyRef();
          origin = "Secret " + ref.getName() + " key " + ref.getKey();
          pem = values.secret(owner.namespace(), ref.getName(), ref.getKey());
        } else {
          origin = "ConfigMap " + ca.getConfigMapKeyRef().getName() + " key " + ca.getConfigMapKeyRef().getKey();
          pem = values.configMap(owner.namespace(), ca.getConfigMapKeyRef().getName(), ca.getConfigMapKeyRef().getKey());
        }
      } catch (WatchedObjects.Unavailable e) {
        throw unresolvable(owner, "tls.ca", e);
      }
    }
    return new TlsSettings(pem, origin, tls.getServerName(), tls.insecure());
  }

  /** A Secret's value, without the line end a file often leaves at its end. */
  private String value(SecretSource source, Owner owner, String field) throws Unresolvable {
    SecretKeyRef ref = source.getSecretKeyRef();
    try {
      return values.secret(owner.namespace(), ref.getName(), ref.getKey()).replaceAll("[\r\n]+$", "");
    } catch (WatchedObjects.Unavailable e) {
      throw unresolvable(owner, field, e);
    }
  }

  private static Unresolvable unresolvable(Owner owner, String field, WatchedObjects.Unavailable e) {
    return new Unresolvable(owner.prefix() + field + ": " + e.getMessage(), e);
  }
}
