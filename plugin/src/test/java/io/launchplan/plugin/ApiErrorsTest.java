package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** The API server's own words, as kubectl prints them. */
class ApiErrorsTest {
  @Test
  void aRefusalShowsTheReasonAndTheServersMessage() {
    Status forbidden = new StatusBuilder().withCode(403).withReason("Forbidden")
        .withMessage("launchplans.launchplan.io \"web\" is forbidden: User \"reader\" cannot patch resource \"launchplans\" "
            + "in API group \"launchplan.io\" in the namespace \"shop\"").build();
    assertThat(ApiErrors.message(new KubernetesClientException("Failure executing: PATCH ...", 403, forbidden), "https://127.0.0.1:16443"))
        .isEqualTo("Error from server (Forbidden): launchplans.launchplan.io \"web\" is forbidden: User \"reader\" cannot patch "
            + "resource \"launchplans\" in API group \"launchplan.io\" in the namespace \"shop\"");
  }

  @Test
  void aMissingResourceTypeSaysTheCrdIsMissing() {
    Status notFound = new StatusBuilder().withCode(404).withReason("NotFound").withMessage("Not Found").build();
    assertThat(ApiErrors.message(new KubernetesClientException("x", 404, notFound), ""))
        .startsWith("error: the server doesn't have a resource type \"launchplans\"");
  }

  @Test
  void aRefusedConnectionIsKubectlsLine() {
    var e = new KubernetesClientException("Operation: [list]  for kind: [LaunchPlan]", new IOException("x", new ConnectException()));
    assertThat(ApiErrors.message(e, "https://127.0.0.1:16443"))
        .isEqualTo("The connection to the server 127.0.0.1:16443 was refused - did you specify the right host or port?");
  }

  @Test
  void theNotFoundOfAPlan() {
    assertThat(ApiErrors.notFound("web")).isEqualTo("Error from server (NotFound): launchplans.launchplan.io \"web\" not found");
  }
}
