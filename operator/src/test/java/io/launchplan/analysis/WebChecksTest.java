package io.launchplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.launchplan.analysis.WebChecks.Answer.Result;
import io.launchplan.api.WebCheck;
import io.launchplan.api.WebHeader;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** How a web check's answer is judged: status, then the JSONPath condition. */
class WebChecksTest {
  private static WebCheck check(String jsonPath, String equals) {
    WebCheck c = new WebCheck();
    c.setName("health");
    c.setUrl("http://127.0.0.1/health");
    c.setJsonPath(jsonPath);
    c.setEquals(equals);
    return c;
  }

  @Test
  void wrongStatusFails() {
    WebChecks.Answer a = WebChecks.judge(check(null, null), 503, "");
    assertThat(a.result()).isEqualTo(Result.FAILED);
    assertThat(a.message()).isEqualTo("HTTP 503, expected 200");
  }

  @Test
  void expectedStatusWithoutJsonPathPasses() {
    assertThat(WebChecks.judge(check(null, null), 200, "not json").result()).isEqualTo(Result.PASSED);
  }

  @Test
  void jsonPathEqualsComparesTheValueAsText() {
    assertThat(WebChecks.judge(check("$.status", "ok"), 200, "{\"status\":\"ok\"}").result()).isEqualTo(Result.PASSED);
    WebChecks.Answer bad = WebChecks.judge(check("$.status", "ok"), 200, "{\"status\":\"degraded\"}");
    assertThat(bad.result()).isEqualTo(Result.FAILED);
    assertThat(bad.message()).contains("$.status is \"degraded\" (expected ok)");
    assertThat(WebChecks.judge(check("$.replicas", "3"), 200, "{\"replicas\":3}").result()).isEqualTo(Result.PASSED);
  }

  @Test
  void jsonPathWithoutEqualsNeedsATruthyMatch() {
    assertThat(WebChecks.judge(check("$.ready", null), 200, "{\"ready\":true}").result()).isEqualTo(Result.PASSED);
    assertThat(WebChecks.judge(check("$.ready", null), 200, "{\"ready\":false}").result()).isEqualTo(Result.FAILED);
    assertThat(WebChecks.judge(check("$.missing", null), 200, "{\"ready\":true}").result()).isEqualTo(Result.FAILED);
    assertThat(WebChecks.judge(check("$.items[?(@.ok == true)]", null), 200, "{\"items\":[{\"ok\":false}]}").result())
        .isEqualTo(Result.FAILED);
    assertThat(WebChecks.judge(check("$.items[?(@.ok == true)]", null), 200, "{\"items\":[{\"ok\":true}]}").result())
        .isEqualTo(Result.PASSED);
  }

  @Test
  void aBodyThatIsNotJsonFailsAJsonPathCheck() {
    assertThat(WebChecks.judge(check("$.status", "ok"), 200, "<html>").result()).isEqualTo(Result.FAILED);
  }

  private static final UrlAllowList ONLY_CHECKOUT = UrlAllowList.parse("checkout.shop,*.monitoring.svc:9090");

  private static WebCheck at(String url) {
    WebCheck c = check(null, null);
    c.setUrl(url);
    return c;
  }

  @Test
  void theAllowListIsAppliedToTheUrlWithItsVariablesSubstituted() {
    Map<String, String> vars = Map.of("namespace", "shop");
    assertThat(WebChecks.urlProblem(at("http://checkout.${namespace}/health"), vars, ONLY_CHECKOUT)).isNull();
    assertThat(WebChecks.urlProblem(at("http://prom.monitoring.svc:9090/-/ready"), vars, ONLY_CHECKOUT)).isNull();
    assertThat(WebChecks.urlProblem(at("https://attacker.example/steal?x=${namespace}"), vars, ONLY_CHECKOUT))
        .isEqualTo("web check health: host attacker.example is not an allowed host "
            + "(LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS: checkout.shop, *.monitoring.svc:9090)");
    assertThat(WebChecks.urlProblem(at("http://prom.monitoring.svc/-/ready"), vars, ONLY_CHECKOUT))
        .as("the entry's port only").contains("is not an allowed host");
    assertThat(WebChecks.urlProblem(at("https://attacker.example/"), vars, UrlAllowList.ANY)).isNull();
  }

  @Test
  void aUrlThatIsNoUrlOnceSubstitutedOrCarriesUserInfoIsRefused() {
    assertThat(WebChecks.urlProblem(at("http://${host}/x"), Map.of("host", "a b"), UrlAllowList.ANY))
        .contains("is not a URL once its variables are substituted");
    assertThat(WebChecks.urlProblem(at("http://u:p@checkout.shop/x"), Map.of(), UrlAllowList.ANY))
        .contains("must not contain user info");
  }

  @Test
  void theConnectionsHeadersAreSentAndARefusedOrUnresolvableCheckSendsNothing() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      seen.add(ex.getRequestHeaders().getFirst("Authorization") + " " + ex.getRequestHeaders().getFirst("X-Rev"));
      ex.sendResponseHeaders(ex.getRequestHeaders().getFirst("Authorization") != null ? 200 : 401, -1);
      ex.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
      WebCheck check = at(url);
      WebHeader rev = new WebHeader();
      rev.setName("X-Rev");
      rev.setValue("${revision}");
      check.setHeaders(List.of(rev));
      Map<String, String> vars = Map.of("revision", "abc123");
      WebChecks web = new WebChecks(QueryObserver.NOOP, UrlAllowList.parse("127.0.0.1"));
      WebChecks.Connections withToken = (c, connection) -> {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Authorization", "Bearer t0k");
        connection.headersOrEmpty().forEach(h -> headers.put(h.getName(), h.getValue()));
        return new ConnectionSettings(headers, null, null);
      };

      assertThat(web.send(check, vars, withToken).result()).isEqualTo(Result.PASSED);
      assertThat(seen).containsExactly("Bearer t0k abc123");

      WebChecks.Answer missing = web.send(check, vars, (c, connection) -> {
        throw new WebChecks.CannotSend("spec.analysis.web[health].auth.bearerToken: Secret t not found in namespace shop",
            null);
      });
      assertThat(missing.result()).isEqualTo(Result.CANNOT_SEND);
      assertThat(missing.message()).isEqualTo("spec.analysis.web[health].auth.bearerToken: Secret t not found in "
          + "namespace shop; no request was sent");

      WebChecks.Answer refused = new WebChecks(QueryObserver.NOOP, ONLY_CHECKOUT).send(check, vars, withToken);
      assertThat(refused.result()).isEqualTo(Result.CANNOT_SEND);
      assertThat(refused.message()).contains("host 127.0.0.1:" + server.getAddress().getPort() + " is not an allowed host")
          .endsWith("; no request was sent");
      assertThat(seen).as("nothing sent for either").hasSize(1);
    } finally {
      server.stop(0);
    }
  }
}
