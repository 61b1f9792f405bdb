package io.launchplan.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchplan.analysis.ConnectionSettings;
import io.launchplan.api.BasicAuth;
import io.launchplan.api.CaSource;
import io.launchplan.api.ConfigMapKeyRef;
import io.launchplan.api.HttpAuth;
import io.launchplan.api.HttpConnection;
import io.launchplan.api.HttpHeader;
import io.launchplan.api.SecretKeyRef;
import io.launchplan.api.SecretSource;
import io.launchplan.api.TlsSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared connection resolver: every credential read from its Secret, every failure naming field, object and key. */
class HttpConnectionsTest {
  private static final HttpConnections.Owner PLAN = new HttpConnections.Owner("shop", "spec.analysis.web[smoke].");

  /** Secrets and ConfigMaps by "namespace/name", each a map of keys. */
  private final Map<String, Map<String, String>> secrets = new HashMap<>();
  private final Map<String, Map<String, String>> configMaps = new HashMap<>();
  private final HttpConnections connections = new HttpConnections(new HttpConnections.Values() {
    @Override
    public String secret(String namespace, String name, String key) throws WatchedObjects.Unavailable {
      return read(secrets, "Secret", namespace, name, key);
    }

    @Override
    public String configMap(String namespace, String name, String key) throws WatchedObjects.Unavailable {
      return read(configMaps, "ConfigMap", namespace, name, key);
    }
  });

  private static String read(Map<String, Map<String, String>> objects, String kind, String namespace, String name,
      String key) throws WatchedObjects.Unavailable {
    Map<String, String> data = objects.get(namespace + "/" + name);
    if (data == null) {
      throw new WatchedObjects.Unavailable(kind + " " + name + " not found in namespace " + namespace);
    }
    if (!data.containsKey(key)) {
      throw new WatchedObjects.Unavailable(kind + " " + name + " in namespace " + namespace + " has no key " + key);
    }
    return data.get(key);
  }

  private static SecretSource from(String name, String key) {
    SecretKeyRef ref = new SecretKeyRef();
    ref.setName(name);
    ref.setKey(key);
    return new SecretSource(ref);
  }

  private static HttpConnection bearer(String name, String key) {
    HttpAuth auth = new HttpAuth();
    auth.setBearerToken(from(name, key));
    HttpConnection c = new HttpConnection();
    c.setAuth(auth);
    return c;
  }

  @Test
  void bearerTokenIsReadFromItsSecretWithoutTheFilesLastNewline() throws Exception {
    secrets.put("shop/token", Map.of("token", "t0k3n\n"));
    ConnectionSettings s = connections.resolve(bearer("token", "token"), PLAN);
    assertThat(s.headers()).containsExactly(Map.entry("Authorization", "Bearer t0k3n"));
    assertThat(s.tls()).isNull();
    assertThat(s.toString()).doesNotContain("t0k3n");
  }

  @Test
  void aRotatedSecretIsReadOnTheNextResolve() throws Exception {
    secrets.put("shop/token", Map.of("token", "old"));
    assertThat(connections.resolve(bearer("token", "token"), PLAN).headers()).containsEntry("Authorization", "Bearer old");
    secrets.put("shop/token", Map.of("token", "new"));
    assertThat(connections.resolve(bearer("token", "token"), PLAN).headers()).containsEntry("Authorization", "Bearer new");
  }

  @Test
  void basicAuthWithTheUserFromASecretAndHeadersFromSecretsInOrder() throws Exception {
    secrets.put("shop/creds", Map.of("user", "ops", "password", "pa:ss"));
    secrets.put("shop/tenant", Map.of("org", "team-a"));
    BasicAuth basic = new BasicAuth();
    basic.setUsernameFrom(from("creds", "user"));
    basic.setPassword(from("creds", "password"));
    HttpAuth auth = new HttpAuth();
    auth.setBasic(basic);
    HttpConnection c = new HttpConnection();
    c.setAuth(auth);
    HttpHeader tenant = new HttpHeader("X-Scope-OrgID", null);
    tenant.setValueFrom(from("tenant", "org"));
    c.setHeaders(List.of(new HttpHeader("X-Plain", "yes"), tenant));
    c.setTimeout("3s");

    ConnectionSettings s = connections.resolve(c, PLAN);
    assertThat(s.headers()).containsExactly(
        Map.entry("Authorization", "Basic " + Base64.getEncoder().encodeToString("ops:pa:ss".getBytes(StandardCharsets.UTF_8))),
        Map.entry("X-Plain", "yes"), Map.entry("X-Scope-OrgID", "team-a"));
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void theCaComesFromASecretOrAConfigMapAndNamesItsOrigin() throws Exception {
    configMaps.put("shop/ca", Map.of("ca.crt", "PEM"));
    CaSource ca = new CaSource();
    ConfigMapKeyRef ref = new ConfigMapKeyRef();
    ref.setName("ca");
    ref.setKey("ca.crt");
    ca.setConfigMapKeyRef(ref);
    TlsSpec tls = new TlsSpec();
    tls.setCa(ca);
    tls.setServerName("checkout.test");
    HttpConnection c = new HttpConnection();
    c.setTls(tls);

    ConnectionSettings s = connections.resolve(c, PLAN);
    assertThat(s.tls().caPem()).isEqualTo("PEM");
    assertThat(s.tls().caOrigin()).isEqualTo("ConfigMap ca key ca.crt");
    assertThat(s.tls().serverName()).isEqualTo("checkout.test");
    assertThat(s.ownTls()).isTrue();
  }

  @Test
  void aMissingSecretOrKeyNamesTheFieldTheSecretAndTheKey() {
    assertThatThrownBy(() -> connections.resolve(bearer("token", "token"), PLAN))
        .isInstanceOf(HttpConnections.Unresolvable.class)
        .hasMessage("spec.analysis.web[smoke].auth.bearerToken: Secret token not found in namespace shop");
    secrets.put("shop/token", Map.of("tok", "s3cret"));
    assertThatThrownBy(() -> connections.resolve(bearer("token", "token"), PLAN))
        .hasMessage("spec.analysis.web[smoke].auth.bearerToken: Secret token in namespace shop has no key token")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void aMissingHeaderSecretNamesTheHeader() {
    HttpHeader h = new HttpHeader("X-Api-Key", null);
    h.setValueFrom(from("api", "key"));
    HttpConnection c = new HttpConnection();
    c.setHeaders(List.of(h));
    assertThatThrownBy(() -> connections.resolve(c, PLAN))
        .hasMessage("spec.analysis.web[smoke].headers[0] (X-Api-Key): Secret api not found in namespace shop");
  }

  @Test
  void secretsAreReadInTheOwnersNamespaceOnly() {
    secrets.put("other/token", Map.of("token", "theirs"));
    assertThatThrownBy(() -> connections.resolve(bearer("token", "token"), PLAN))
        .hasMessageContaining("not found in namespace shop");
  }
}
