package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;

/**
 * What the ITs of authenticated connections (Prometheus, web checks) share: a quiet target, the
 * Secrets they read, the check that nothing changed, and the text in which no credential may show.
 */
final class ConnectionFixtures {
  private ConnectionFixtures() {}

  /** Creates or replaces the Secret {@code name} of {@code ns} with {@code data} (a rotation when it exists). */
  static void secret(TestNamespace ns, String name, Map<String, String> data) {
    ns.client().secrets().inNamespace(ns.name()).resource(new SecretBuilder().withNewMetadata().withName(name)
        .withNamespace(ns.name()).endMetadata().withStringData(data).build()).serverSideApply();
  }

  /** A 2-replica Deployment {@code web} serving no errors, available; returns its generation. */
  static long quietWeb(TestNamespace ns) {
    ns.createDeployment("web", 2, "registry.example/web:1", Map.of());
    ns.awaitAvailable("web", Duration.ofSeconds(60));
    return ns.generation("web");
  }

  /** No canary, and the target at {@code generation}: nothing changed. */
  static void assertUntouched(TestNamespace ns, long generation) {
    assertThat(ns.deployment("web-canary")).isNull();
    assertThat(ns.generation("web")).isEqualTo(generation);
  }

  /** The plan {@code web-v2}'s status and the namespace's Events, as text. */
  static String statusAndEvents(TestNamespace ns) {
    return Serialization.asYaml(ns.plan("web-v2").getStatus())
        + Serialization.asYaml(ns.client().v1().events().inNamespace(ns.name()).list().getItems());
  }
}
