package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Helm chart {@code helm/launchplan-operator}, rendered by the pinned helm of
 * {@code hack/helm.sh} (built with {@code go install} on first use).
 */
final class HelmChart {
  /** The release name the tests render with; the chart's fullname is then {@code launchplan-operator}. */
  static final String RELEASE = "launchplan-operator";

  private HelmChart() {}

  static Path chartDir() {
    return LocalCluster.repoRoot().resolve("helm/launchplan-operator");
  }

  /** Runs {@code hack/helm.sh ARGS}; the first run builds helm (minutes), so the timeout is generous. */
  static Scripts.Result helmSh(String... args) {
    return Scripts.run(Duration.ofMinutes(20), "helm.sh", args);
  }

  /** {@code helm template} into {@code namespace} with {@code --set} values (and any other helm flags). */
  static String template(String namespace, String... flags) {
    List<String> args = new ArrayList<>(List.of("template", "--namespace", namespace, "--kube-version", "1.36.3"));
    args.addAll(List.of(flags));
    return helmSh(args.toArray(String[]::new)).requireSuccess("helm template " + String.join(" ", flags)).stdout();
  }

  /** The rendered manifests as objects (kinds without a fabric8 model become GenericKubernetesResource). */
  static List<HasMetadata> parse(KubernetesClient client, String yaml) {
    return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
  }

  static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> items, Class<T> type) {
    return items.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static List<HasMetadata> ofKind(List<HasMetadata> items, String kind) {
    return items.stream().filter(i -> kind.equals(i.getKind())).toList();
  }

  /**
   * The operator container's environment as the kubelet would give it: plain values, and the
   * downward-API fields the chart uses resolved for a pod {@code podName} in {@code namespace}.
   */
  /** The settings file the chart renders into the ConfigMap {@code launchplan-operator-settings}. */
  static String settingsFile(List<HasMetadata> items) {
    return ofKind(items, io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals(RELEASE + "-settings")).findFirst()
        .orElseThrow(() -> new AssertionError("no ConfigMap " + RELEASE + "-settings")).getData().get("settings.yaml");
  }

  /** The settings file's entries. */
  static Map<String, String> settings(List<HasMetadata> items) {
    Map<String, String> settings = new HashMap<>();
    io.fabric8.kubernetes.client.utils.Serialization.unmarshal(settingsFile(items), Map.class)
        .forEach((k, v) -> settings.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    return settings;
  }

  static Map<String, String> containerEnv(Deployment deployment, String namespace, String podName) {
    Map<String, String> env = new HashMap<>();
    for (EnvVar v : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      if (v.getValueFrom() == null) {
        env.put(v.getName(), v.getValue() == null ? "" : v.getValue());
      } else if (v.getValueFrom().getFieldRef() != null) {
        String path = v.getValueFrom().getFieldRef().getFieldPath();
        env.put(v.getName(), switch (path) {
          case "metadata.namespace" -> namespace;
          case "metadata.name" -> podName;
          default -> throw new AssertionError("the test does not resolve fieldRef " + path);
        });
      } else {
        throw new AssertionError("the test does not resolve env " + v.getName() + " from " + v.getValueFrom());
      }
    }
    return env;
  }

  /**
   * The objects without the LaunchPolicies' admission policy and binding ({@code policyadmission.yaml},
   * {@code <release>-policy-minimums}), for tests of the plan writers' admission policy.
   */
  static List<HasMetadata> withoutPolicyMinimums(List<HasMetadata> items) {
    return items.stream().filter(i -> !isPolicyMinimums(i)).toList();
  }

  static boolean isPolicyMinimums(HasMetadata item) {
    return item.getMetadata().getName() != null && item.getMetadata().getName().endsWith("-policy-minimums");
  }

  static List<String> kinds(List<HasMetadata> items) {
    return items.stream().map(HasMetadata::getKind).toList();
  }

  /** Server-side dry-run apply of every object: the API server validates each against its schema and admission. */
  static void dryRunApply(TestNamespace ns, List<HasMetadata> items) {
    List<String> failures = new ArrayList<>();
    for (HasMetadata item : items) {
      try {
        ns.client().resource(item).dryRun().fieldManager("helm-chart-it").forceConflicts().serverSideApply();
      } catch (KubernetesClientException e) {
        failures.add(item.getKind() + " " + item.getMetadata().getName() + ": " + e.getMessage());
      }
    }
    assertThat(failures).as("server-side dry-run apply").isEmpty();
    System.out.printf("HelmChart: %d objects accepted by a server-side dry-run apply: %s%n", items.size(),
        items.stream().map(i -> i.getKind() + "/" + i.getMetadata().getName()).collect(Collectors.joining(", ")));
  }

}
