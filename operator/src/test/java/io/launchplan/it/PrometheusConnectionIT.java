package io.launchplan.it;

import static io.launchplan.it.ConnectionFixtures.assertUntouched;
import static io.launchplan.it.ConnectionFixtures.quietWeb;
import static io.launchplan.it.ConnectionFixtures.secret;
import static io.launchplan.it.ConnectionFixtures.statusAndEvents;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.launchplan.DefaultConnectionsAccess;
import io.launchplan.LaunchPlanOperator;
import io.launchplan.OperatorConfig;
import io.launchplan.analysis.PrometheusUrls;
import io.launchplan.analysis.receiver.ReceiverConfig;
import io.launchplan.api.LaunchPlan;
import io.launchplan.cluster.PrometheusConnections.DefaultConnection;
import io.launchplan.api.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Plans querying a Prometheus that wants credentials: a real Prometheus with {@code --web.config.file}
 * (basic auth, TLS with a CA made by the test: {@link TlsPrometheus}) and, for a bearer token and a
 * tenant header, a real Prometheus behind an auth-checking proxy ({@link AuthProxy}). Right
 * credentials promote; wrong ones, a wrong CA and a missing Secret or key hold the launch with a
 * message saying why and change nothing; fixing the Secret is picked up without a restart; no
 * credential ever shows in status, Events or the operator's log.
 */
@ExtendWith(ClusterExtension.class)
class PrometheusConnectionIT {
  private static final Duration T = Duration.ofSeconds(90);
  /** The password of user launchplan in {@code prometheus-auth/web-users.yml}. */
  static final String PASSWORD = "s3cret-right";
  private static final String WRONG_PASSWORD = "wr0ng-pass-123";
  private static final int TLS_PORT = Integer.getInteger("launchplan.test.tlsPrometheusPort", 18201);
  private static final int PROXY_PORT = Integer.getInteger("launchplan.test.authProxyPort", 18202);
  private static final String QUIET = "vector(1) > 2";
  private static TlsPrometheus prometheus;

  @BeforeAll
  static void startPrometheus() throws Exception {
    prometheus = TlsPrometheus.start(TLS_PORT);
  }

  @AfterAll
  static void stopPrometheus() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  private static final String BASIC_AUTH_TLS = """
      prometheus:
        url: "%s"
        auth: {basic: {username: launchplan, password: {secretKeyRef: {name: prom-auth, key: password}}}}
        tls: {ca: {secretKeyRef: {name: prom-ca, key: ca.crt}}}""";

  @Test
  void basicAuthOverTlsPromotesWithTheRightPasswordAndARotatedSecretIsPickedUpWithoutRestart(TestNamespace ns)
      throws IOException {
    long generation = quietWeb(ns);
    secret(ns, "prom-ca", Map.of("ca.crt", prometheus.caPem()));
    secret(ns, "prom-auth", Map.of("password", WRONG_PASSWORD));
    Path log = OperatorProcess.logDir().toPath().resolve("PrometheusConnectionIT-" + ns.name() + ".log");
    Files.deleteIfExists(log);
    OperatorProcess.start(ns, log, Map.of("LAUNCHPLAN_LOG_LEVEL", "DEBUG"));
    ns.apply(new PlanYaml().query(QUIET).analysis(BASIC_AUTH_TLS.formatted(prometheus.url())).build());

    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "AnalysisError", T);
    assertThat(held.getStatus().getMessage()).contains("Prometheus at " + prometheus.url() + " answered HTTP 401");
    assertUntouched(ns, generation);

    secret(ns, "prom-auth", Map.of("password", PASSWORD + "\n")); // rotated; a file's last newline is no part of it
    ns.awaitPhase("web-v2", Phase.Succeeded, T);

    String shown = statusAndEvents(ns) + Files.readString(log);
    assertThat(shown).contains("AnalysisError").doesNotContain(PASSWORD).doesNotContain(WRONG_PASSWORD)
        .doesNotContain(Base64.getEncoder().encodeToString(("launchplan:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .doesNotContain(Base64.getEncoder().encodeToString(("launchplan:" + WRONG_PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aWrongCaFailsTheHandshakeWithAClearMessageUntilTheCaIsFixed(TestNamespace ns) throws IOException {
    long generation = quietWeb(ns);
    secret(ns, "prom-ca", Map.of("ca.crt", prometheus.otherCaPem()));
    secret(ns, "prom-auth", Map.of("password", PASSWORD));
    ns.startOperator();
    ns.apply(new PlanYaml().query(QUIET).analysis(BASIC_AUTH_TLS.formatted(prometheus.url())).build());

    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "AnalysisError", T);
    assertThat(held.getStatus().getMessage()).contains("TLS handshake with 127.0.0.1:" + TLS_PORT + " failed: "
        + "the server's certificate (CN=prometheus, issued by CN=launchplan test CA) is not signed by the CA of "
        + "Secret prom-ca key ca.crt");
    assertUntouched(ns, generation);

    secret(ns, "prom-ca", Map.of("ca.crt", prometheus.caPem()));
    ns.awaitPhase("web-v2", Phase.Succeeded, T);
  }

  @Test
  void aMissingSecretOrKeyHoldsTheLaunchNamingThemAndChangesNothing(TestNamespace ns) throws IOException {
    long generation = quietWeb(ns);
    secret(ns, "prom-ca", Map.of("ca.crt", prometheus.caPem()));
    ns.startOperator();
    ns.apply(new PlanYaml().query(QUIET).analysis(BASIC_AUTH_TLS.formatted(prometheus.url())).build());

    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "AnalysisError", T);
    assertThat(held.getStatus().getMessage()).contains("spec.analysis.prometheus.auth.basic.password: Secret prom-auth "
        + "not found in namespace " + ns.name() + "; no query was sent");
    assertUntouched(ns, generation);

    secret(ns, "prom-auth", Map.of("passwd", PASSWORD));
    org.awaitility.Awaitility.await("the missing key named").atMost(T).until(() -> ns.plan("web-v2").getStatus()
        .getMessage().contains("Secret prom-auth in namespace " + ns.name() + " has no key password"));
    assertUntouched(ns, generation);
    assertThat(statusAndEvents(ns)).doesNotContain(PASSWORD);
  }

  @Test
  void bearerTokenAndTenantHeaderGoThroughAnAuthProxy(TestNamespace ns) throws IOException {
    long generation = quietWeb(ns);
    try (AuthProxy proxy = new AuthProxy(PROXY_PORT, ns.prometheus(), "tok-right-42", "team-a")) {
      secret(ns, "prom-token", Map.of("token", "tok-wrong-17"));
      ns.startOperator();
      ns.apply(new PlanYaml().query(QUIET).analysis("""
          prometheus:
            url: "%s"
            auth: {bearerToken: {secretKeyRef: {name: prom-token, key: token}}}
            headers: [{name: X-Scope-OrgID, value: team-a}]""".formatted(proxy.url())).build());

      LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "AnalysisError", T);
      assertThat(held.getStatus().getMessage()).contains("answered HTTP 401 Unauthorized");
      assertUntouched(ns, generation);

      secret(ns, "prom-token", Map.of("token", "tok-right-42\n"));
      ns.awaitPhase("web-v2", Phase.Succeeded, T);
      assertThat(statusAndEvents(ns)).doesNotContain("tok-right-42").doesNotContain("tok-wrong-17");
    }
  }

  @Test
  void theOperatorsDefaultConnectionAuthenticatesPlansThatNameNoUrl(TestNamespace ns) throws IOException {
    quietWeb(ns);
    TestNamespace operatorNs = ns.sibling("sys");
    operatorNs.client().secrets().inNamespace(operatorNs.name()).resource(new SecretBuilder().withNewMetadata()
        .withName("launchplan-prometheus").withNamespace(operatorNs.name()).endMetadata()
        .withStringData(Map.of("password", PASSWORD, "ca.crt", prometheus.caPem())).build()).serverSideApply();
    DefaultConnection connection = DefaultConnectionsAccess.parse("""
        auth: {basic: {username: launchplan, password: {secretKeyRef: {name: launchplan-prometheus, key: password}}}}
        tls: {ca: {secretKeyRef: {name: launchplan-prometheus, key: ca.crt}}}""", operatorNs.name());
    OperatorConfig config = new OperatorConfig(prometheus.url(), Set.of(ns.name()), 0, Duration.ofSeconds(2), 4,
        ReceiverConfig.OFF, "", null, null, PrometheusUrls.of(prometheus.url(), null), connection);
    LaunchPlanOperator operator = new LaunchPlanOperator(ns.client(), config, Clock.systemUTC(), new PrometheusRegistry())
        .start();
    ns.onCleanup(operator::close);
    ns.apply(new PlanYaml().query(QUIET).build()); // no prometheus block: the default, with its connection

    ns.awaitPhase("web-v2", Phase.Succeeded, T);
    assertThat(statusAndEvents(ns)).doesNotContain(PASSWORD);
  }
}
