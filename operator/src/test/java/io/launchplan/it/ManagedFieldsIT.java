package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What docs/gitops.md promises a GitOps tool: after a launch, the field manager
 * {@code launchplan-operator} owns on the target Deployment (operation Apply) exactly the fields
 * the plan's {@code spec.template} names plus the pod template annotation
 * {@code launchplan.io/revision}, and nothing else; no other write of the operator shows up.
 */
@ExtendWith(ClusterExtension.class)
class ManagedFieldsIT {
  @Test
  void afterALaunchTheOperatorOwnsOnlyTheTemplateFieldsOfThePlanAndTheRevisionAnnotation(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().podAnnotations("{team/release: \"2\"}").canaryObserve("2s").rolloutObserve("2s").build());
    ns.awaitPhase("web-v2", Phase.Succeeded, Duration.ofSeconds(90));

    Deployment target = ns.deployment("web");
    List<ManagedFieldsEntry> ours = target.getMetadata().getManagedFields().stream()
        .filter(e -> "launchplan-operator".equals(e.getManager())).toList();
    assertThat(ours).as("the operator's entries in managedFields").singleElement().satisfies(e -> {
      assertThat(e.getOperation()).isEqualTo("Apply");
      assertThat(e.getSubresource()).isNullOrEmpty();
    });
    Set<String> owned = fieldPaths(ours.get(0).getFieldsV1().getAdditionalProperties());
    System.out.println("ManagedFieldsIT: launchplan-operator owns on the target: " + owned);
    // The list in docs/gitops.md ("What the operator owns on your Deployment").
    assertThat(owned).containsExactlyInAnyOrder(
        "spec.template.metadata.annotations.launchplan.io/revision",
        "spec.template.metadata.annotations.team/release",
        "spec.template.spec.containers[name=app]",
        "spec.template.spec.containers[name=app].image",
        "spec.template.spec.containers[name=app].name");

    // Deleted while the operator runs, so that its finalizer does not hold the test's namespace.
    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2").delete();
    Awaitility.await("plan deleted").atMost(Duration.ofSeconds(30)).until(() -> ns.plan("web-v2") == null);
  }

  /** Leaf paths of a fieldsV1 tree: {@code f:a} → {@code a}, {@code k:{"name":"app"}} → {@code [name=app]}, {@code .} → the item itself. */
  static Set<String> fieldPaths(Map<String, Object> fields) {
    Set<String> out = new TreeSet<>();
    walk("", fields, out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void walk(String prefix, Map<String, Object> node, Set<String> out) {
    for (var e : node.entrySet()) {
      String key = e.getKey();
      if (key.equals(".")) {
        out.add(prefix);
        continue;
      }
      String path;
      if (key.startsWith("f:")) {
        path = prefix.isEmpty() ? key.substring(2) : prefix + "." + key.substring(2);
      } else if (key.startsWith("k:")) {
        String k = key.substring(2).replaceAll("[{}\"]", "").replace(':', '=');
        path = prefix + "[" + k + "]";
      } else {
        path = prefix + "." + key;
      }
      Object child = e.getValue();
      if (child instanceof Map<?, ?> m && !m.isEmpty()) {
        walk(path, (Map<String, Object>) m, out);
      } else {
        out.add(path);
      }
    }
  }
}
