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
}
