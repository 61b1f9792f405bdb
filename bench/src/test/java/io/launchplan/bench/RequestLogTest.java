package io.launchplan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLogTest {
  @Test
  void classifiesKubernetesPaths() {
    assertThat(RequestLog.classify("GET", URI.create("https://h:16443/apis/apps/v1/namespaces/n/deployments/web")))
        .isEqualTo("GET deployments");
    assertThat(RequestLog.classify("GET", URI.create("https://h:16443/api/v1/namespaces/n/pods?labelSelector=a%3Db")))
        .isEqualTo("LIST pods");
    assertThat(RequestLog.classify("GET", URI.create("https://h:16443/api/v1/namespaces/n/pods?watch=true")))
        .isEqualTo("WATCH pods");
    assertThat(RequestLog.classify("PATCH", URI.create("https://h:16443/apis/launchplan.io/v1alpha1/namespaces/n/launchplans/p/status")))
        .isEqualTo("PATCH launchplans/status");
    assertThat(RequestLog.classify("GET", URI.create("https://h:16443/api/v1/namespaces/n"))).isEqualTo("GET namespaces");
  }

  @Test
  void countsOnlyApiServerRequestsBetweenMarks(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("operator.log");
    Files.writeString(log, "INFO: REQUEST: https://127.0.0.1:16443/api/v1/namespaces/n GET\n");
    RequestLog requests = new RequestLog(log, URI.create("https://127.0.0.1:16443"));
    long from = requests.mark();
    Files.writeString(log, """
        Nov 23, 2026 4:26:11 PM jdk.internal.net.http.Http1Request headers
        INFO: REQUEST: https://127.0.0.1:16443/api/v1/namespaces/n GET
        INFO: RESPONSE: (GET https://127.0.0.1:16443/api/v1/namespaces/n) 200 HTTP_1_1 Local port:  50040
        INFO: REQUEST: http://127.0.0.1:19090/api/v1/query POST
        INFO: REQUEST: https://127.0.0.1:16443/apis/apps/v1/namespaces/n/deployments/a GET
        """, java.nio.file.StandardOpenOption.APPEND);
    assertThat(requests.between(from, requests.mark())).containsEntry("GET namespaces", 1L)
        .containsEntry("GET deployments", 1L).hasSize(2);
  }

  @Test
  void namesTheNamespaceOfAPath() {
    assertThat(RequestLog.namespaceOf(URI.create("https://h:1/apis/apps/v1/namespaces/a/deployments/web"))).isEqualTo("a");
    assertThat(RequestLog.namespaceOf(URI.create("https://h:1/api/v1/namespaces/b/pods?watch=true"))).isEqualTo("b");
    assertThat(RequestLog.namespaceOf(URI.create("https://h:1/apis/launchplan.io/v1/namespaces/c/launchplans/p/status")))
        .isEqualTo("c");
    assertThat(RequestLog.namespaceOf(URI.create("https://h:1/api/v1/namespaces/d"))).isEqualTo("-");
    assertThat(RequestLog.namespaceOf(URI.create("https://h:1/apis/launchplan.io/v1/launchpolicies"))).isEqualTo("-");
  }

  @Test
  void splitsRequestsByNamespace(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("operator.log");
    Files.writeString(log, """
        INFO: REQUEST: https://127.0.0.1:16443/apis/launchplan.io/v1/namespaces/idle/launchplans?watch=true GET
        INFO: REQUEST: https://127.0.0.1:16443/apis/launchplan.io/v1/namespaces/active/launchplans/p/status PATCH
        INFO: REQUEST: https://127.0.0.1:16443/apis/launchplan.io/v1/namespaces/active/launchplans/q/status PATCH
        INFO: REQUEST: https://127.0.0.1:16443/apis/launchplan.io/v1/launchpolicies?watch=true GET
        INFO: REQUEST: http://127.0.0.1:19090/api/v1/query POST
        """);
    RequestLog requests = new RequestLog(log, URI.create("https://127.0.0.1:16443"));
    assertThat(requests.byNamespace(0, requests.mark())).containsExactly(java.util.Map.entry("-", 1L),
        java.util.Map.entry("active", 2L), java.util.Map.entry("idle", 1L));
    assertThat(requests.between(0, requests.mark(), "active")).containsExactly(java.util.Map.entry("PATCH launchplans/status", 2L));
    assertThat(requests.between(0, requests.mark(), "idle")).containsExactly(java.util.Map.entry("WATCH launchplans", 1L));
  }
}
