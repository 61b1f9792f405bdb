package io.launchplan.it;

import static io.launchplan.it.ConnectionFixtures.assertUntouched;
import static io.launchplan.it.ConnectionFixtures.quietWeb;
import static io.launchplan.it.ConnectionFixtures.secret;
import static io.launchplan.it.ConnectionFixtures.statusAndEvents;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.launchplan.api.CheckState;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.notify.HookServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Web checks that authenticate, against a real HTTPS server on 127.0.0.1 (the JDK's
 * {@code HttpsServer}, its certificate signed by a CA this test makes): the bearer token, basic
 * auth and a header value come from Secrets of the plan's namespace, the CA from a ConfigMap. Right
 * credentials pass, wrong ones fail the check with the server's 401 and change nothing, a rotated
 * Secret is used without a restart, a missing Secret or key holds the launch naming them before
 * anything is sent, a host not on the operator's allow-list is refused before anything changes,
 * and no credential ever shows in status, Events, the operator's log or the notices.
 */
@ExtendWith(ClusterExtension.class)
class WebCheckAuthIT {
  private static final Duration T = Duration.ofSeconds(120);
  private static final String QUIET = "vector(1) > 2";
  private static final String RIGHT_TOKEN = "tok-right-5e1f";
  private static final String WRONG_TOKEN = "tok-wrong-9a7c";
  private static final String PASSWORD = "pw-right-77d2";
  private static final String TENANT = "team-a";

  private static TestCertificates certs;
  private static HttpsServer server;
  private static String base;
  /** The Authorization header of every request to /health, and whether it was let through. */
  private static final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startServer() throws Exception {
    certs = TestCertificates.make("checks");
    server = certs.httpsServer();
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/health", WebCheckAuthIT::health);
    server.createContext("/open", ex -> answer(ex, 200, "{\"status\":\"ok\"}"));
    server.start();
    base = "https://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.stop(0);
    }
    if (certs != null) {
      certs.close();
    }
  }

  @BeforeEach
  void forget() {
    seen.clear();
  }

  /** 200 for the right bearer token or basic password with the tenant header; 401 otherwise. */
  private static void health(HttpExchange ex) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String basic = "Basic " + Base64.getEncoder().encodeToString(("ops:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    boolean ok = (("Bearer " + RIGHT_TOKEN).equals(auth) || basic.equals(auth))
        && TENANT.equals(ex.getRequestHeaders().getFirst("X-Tenant"));
    seen.add(auth + (ok ? " ok" : " refused"));
    answer(ex, ok ? 200 : 401, ok ? "{\"status\":\"ok\"}" : "{\"error\":\"unauthorized\"}");
  }

  private static void answer(HttpExchange ex, int status, String body) throws IOException {
    byte[] out = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, out.length);
    ex.getResponseBody().write(out);
    ex.close();
  }

  /** The target, the CA's ConfigMap and the tenant header's Secret every test uses; returns the target's generation. */
  private static long prepare(TestNamespace ns) throws IOException {
    LocalCluster.reapplyLaunchPlanCrd(ns.client()); // before the operator starts: see there
    long generation = quietWeb(ns);
    ns.client().configMaps().inNamespace(ns.name()).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("checks-ca").withNamespace(ns.name()).endMetadata().withData(Map.of("ca.crt", certs.caPem())).build())
        .serverSideApply();
    secret(ns, "tenant", Map.of("org", TENANT));
    return generation;
  }

  /** A plan whose web check {@code health} at {@code at} sends {@code auth} and the tenant header from its Secret. */
  private static String plan(String at, String auth, String extraChecks, String notifyUrl) {
    String yaml = new PlanYaml().query(QUIET).analysis("""
        web:
          - name: health
            at: %s
            url: "%s/health?rev=${revision}"
            auth: %s
            tls: {ca: {configMapKeyRef: {name: checks-ca, key: ca.crt}}}
            headers: [{name: X-Tenant, valueFrom: {secretKeyRef: {name: tenant, key: org}}}]
            timeout: 5s
        %s""".formatted(at, base, auth, extraChecks.indent(2).stripTrailing())).yaml();
    return notifyUrl == null ? yaml : yaml + """
          notify:
            webhooks: [{url: "%s"}]
        """.formatted(notifyUrl);
  }

  @Test
  void aWrongTokenFailsWithThe401AndChangesNothingTheRotatedRightOnePassesAndNoCredentialIsShown(TestNamespace ns)
      throws Exception {
    long generation = prepare(ns);
    secret(ns, "check-token", Map.of("token", WRONG_TOKEN));
    Path log = OperatorProcess.logDir().toPath().resolve("WebCheckAuthIT-" + ns.name() + ".log");
    Files.deleteIfExists(log);
    try (HookServer hook = HookServer.start()) {
      OperatorProcess.start(ns, log, Map.of("LAUNCHPLAN_LOG_LEVEL", "DEBUG"));
      ns.apply(Plans.fromYaml(plan("PreCanary",
          "{bearerToken: {secretKeyRef: {name: check-token, key: token}}}", "", hook.url())));

      LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "CheckFailed", T);
      assertThat(held.getStatus().getMessage()).contains("web check health: HTTP 401, expected 200")
          .contains("the launch has not started and nothing was changed");
      assertThat(seen).contains("Bearer " + WRONG_TOKEN + " refused");
      assertUntouched(ns, generation);

      secret(ns, "check-token", Map.of("token", RIGHT_TOKEN + "\n")); // rotated; a file's last newline is no part of it
      LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);
      assertThat(done.getStatus().getChecks()).singleElement()
          .satisfies(c -> assertThat(c.getState()).isEqualTo(CheckState.Passed));
      assertThat(seen).contains("Bearer " + RIGHT_TOKEN + " ok");
      Awaitility.await("the success notice").atMost(Duration.ofSeconds(30))
          .until(() -> hook.requests().stream().anyMatch(r -> r.body().contains("Succeeded")));

      String shown = statusAndEvents(ns) + Files.readString(log)
          + String.join("\n", hook.requests().stream().map(HookServer.Request::body).toList());
      assertThat(shown).contains("HTTP 401").contains("web check health")
          .doesNotContain(RIGHT_TOKEN).doesNotContain(WRONG_TOKEN);
    }
  }

  @Test
  void aMissingSecretOrKeyHoldsTheLaunchNamingThemBeforeAnythingIsSentAndInsecureSkipVerifyIsFlagged(TestNamespace ns)
      throws Exception {
    long generation = prepare(ns);
    ns.startOperator();
    ns.apply(Plans.fromYaml(plan("Canary",
        "{basic: {username: ops, password: {secretKeyRef: {name: check-basic, key: password}}}}", """
        - name: open
          at: Canary
          url: "%s/open"
          tls: {insecureSkipVerify: true}""".formatted(base), null)));

    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "AnalysisError", T);
    assertThat(held.getStatus().getMessage()).contains("spec.analysis.web[health].auth.basic.password: Secret "
        + "check-basic not found in namespace " + ns.name() + "; no request was sent");
    assertUntouched(ns, generation);

    secret(ns, "check-basic", Map.of("passwd", PASSWORD));
    Awaitility.await("the missing key named").atMost(T).until(() -> ns.plan("web-v2").getStatus().getMessage()
        .contains("Secret check-basic in namespace " + ns.name() + " has no key password"));
    assertUntouched(ns, generation);
    assertThat(seen).as("nothing sent while the Secret was missing").isEmpty();

    secret(ns, "check-basic", Map.of("password", PASSWORD));
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    assertThat(done.getStatus().getChecks()).hasSize(2)
        .allSatisfy(c -> assertThat(c.getState()).isEqualTo(CheckState.Passed));
    assertThat(seen).isNotEmpty().allSatisfy(s -> assertThat(s).endsWith(" ok"));
    assertThat(done.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("InsecureConnection");
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getMessage()).contains("spec.analysis.web[open].tls.insecureSkipVerify is true: the certificate of "
          + base + " is not checked");
    });
    assertThat(statusAndEvents(ns)).doesNotContain(PASSWORD);
  }

  @Test
  void aHostNotOnTheOperatorsAllowListIsRefusedBeforeAnythingChanges(TestNamespace ns) throws Exception {
    long generation = prepare(ns);
    secret(ns, "check-token", Map.of("token", RIGHT_TOKEN));
    Path log = OperatorProcess.logDir().toPath().resolve("WebCheckAuthIT-allow-" + ns.name() + ".log");
    OperatorProcess.start(ns, log, Map.of("LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS", "checks.example:8443"));
    ns.apply(Plans.fromYaml(plan("Canary",
        "{bearerToken: {secretKeyRef: {name: check-token, key: token}}}", "", null)));

    LaunchPlan held = ns.awaitReason("web-v2", Phase.Pending, "InvalidSpec", T);
    assertThat(held.getStatus().getMessage()).contains("spec.analysis.web: web check health: host 127.0.0.1:"
        + server.getAddress().getPort() + " is not an allowed host (LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS: checks.example:8443)");
    assertUntouched(ns, generation);
    assertThat(seen).as("the token never went to a host the admin did not allow").isEmpty();
  }
}
