package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The CRD's rules on a Prometheus connection (and shadow mode) at {@code kubectl apply}. */
@ExtendWith(ClusterExtension.class)
class ConnectionValidationIT {
  private static void refused(TestNamespace ns, String prometheus, String message) {
    assertThatThrownBy(() -> ns.apply(new PlanYaml().analysis("prometheus:\n" + prometheus.indent(2)).build()))
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining(message);
  }

  @Test
  void aFullConnectionAndAShadowQueryAreAccepted(TestNamespace ns) {
    assertThatCode(() -> ns.apply(new PlanYaml().mode("Shadow").analysis("""
        prometheus:
          url: https://thanos.monitoring.svc:9091
          auth: {basic: {usernameFrom: {secretKeyRef: {name: a, key: u}}, password: {secretKeyRef: {name: a, key: p}}}}
          tls: {ca: {configMapKeyRef: {name: ca, key: ca.crt}}, serverName: thanos.monitoring.svc}
          headers: [{name: X-Scope-OrgID, value: team-a}, {name: Authorization-Extra, valueFrom: {secretKeyRef: {name: a, key: h}}}]
          timeout: 10s""").build())).doesNotThrowAnyException();
  }

  @Test
  void badConnectionsAreRefusedAtApply(TestNamespace ns) {
    refused(ns, "auth: {bearerToken: {secretKeyRef: {name: a, key: t}}, basic: {username: u, password: {secretKeyRef: {name: a, key: p}}}}",
        "auth needs exactly one of bearerToken and basic");
    refused(ns, "auth: {basic: {password: {secretKeyRef: {name: a, key: p}}}}",
        "basic auth needs exactly one of username and usernameFrom");
    refused(ns, "tls: {insecureSkipVerify: true, ca: {secretKeyRef: {name: a, key: c}}}",
        "tls.insecureSkipVerify checks no certificate");
    refused(ns, "tls: {ca: {secretKeyRef: {name: a, key: c}, configMapKeyRef: {name: b, key: c}}}",
        "tls.ca needs exactly one of secretKeyRef and configMapKeyRef");
    refused(ns, "headers: [{name: Authorization, value: Bearer xyz}]",
        "a credential header (Authorization, Proxy-Authorization, Cookie) must take its value from a Secret");
    refused(ns, "headers: [{name: Host, value: other}]", "cannot be overridden");
    refused(ns, "headers: [{name: X-A, value: a}, {name: x-a, value: b}]", "header names must be unique");
    refused(ns, "auth: {bearerToken: {secretKeyRef: {name: a, key: t}}}\nheaders: [{name: authorization, valueFrom: {secretKeyRef: {name: a, key: h}}}]",
        "auth sets the Authorization header");
    refused(ns, "timeout: 0s", "must be a duration between");
  }
}
