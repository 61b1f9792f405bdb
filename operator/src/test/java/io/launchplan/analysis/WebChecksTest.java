package io.launchplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.analysis.WebChecks.Answer.Result;
import io.launchplan.api.WebCheck;
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
}
