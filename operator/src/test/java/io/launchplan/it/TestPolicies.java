package io.launchplan.it;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.launchplan.api.LaunchPolicy;
import java.util.HashMap;
import java.util.UUID;

/**
 * LaunchPolicies for integration tests. LaunchPolicy is cluster-scoped: every policy made here selects
 * only namespaces carrying a label that the test's namespaces alone have ({@link #scope}), so it never
 * covers another test's plans, and is deleted when the test ends.
 */
final class TestPolicies {
  static final String LABEL = "launchplan.io/policy-it";

  private TestPolicies() {}

  /** Labels the namespace so that only policies made for this test select it; returns the label's value. */
  static String scope(TestNamespace ns) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    scope(ns, id);
    return id;
  }

  /** Labels the namespace with the scope {@code id} of another namespace of the same test. */
  static void scope(TestNamespace ns, String id) {
    ns.client().namespaces().withName(ns.name()).edit(n -> {
      var labels = n.getMetadata().getLabels() == null ? new HashMap<String, String>()
          : new HashMap<>(n.getMetadata().getLabels());
      labels.put(LABEL, id);
      n.getMetadata().setLabels(labels);
      return n;
    });
  }

  /**
   * Creates a policy {@code <session prefix>policy-it-<id>-<suffix>} selecting the namespaces of scope
   * {@code id}, with {@code specLines} under spec; deleted when the test ends.
   */
  static String create(TestNamespace ns, String id, String suffix, String specLines) {
    String name = ClusterExtension.sessionPrefix() + "policy-it-" + id + "-" + suffix;
    // Untyped, so that what the Java types could not even hold reaches the API server to be refused there.
    GenericKubernetesResource policy = ns.client().getKubernetesSerialization().unmarshal("""
        apiVersion: launchplan.io/v1alpha1
        kind: LaunchPolicy
        metadata: {name: %s, labels: {%s: "%s"}}
        spec:
          namespaceSelector: {matchLabels: {%s: "%s"}}
        %s
        """.formatted(name, LABEL, id, LABEL, id, specLines.stripTrailing().indent(2).stripTrailing()),
        GenericKubernetesResource.class);
    ns.client().resource(policy).create();
    ns.onCleanup(() -> ns.client().resources(LaunchPolicy.class).withName(name).delete());
    return name;
  }
}
