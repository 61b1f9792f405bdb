package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every object in {@code examples/**.yaml} (examples/real/ included) is accepted by the real API server with the CRD of this
 * build (server-side dry-run apply, moved into the test's namespace): the examples people copy stay
 * valid as the schema changes.
 */
@ExtendWith(ClusterExtension.class)
class ExamplesIT {

  @Test
  void everyExampleIsAcceptedByTheApiServer(TestNamespace ns) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.walk(LocalCluster.repoRoot().resolve("examples"))) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    List<String> failures = new ArrayList<>();
    int plans = 0;
    int policies = 0;
    for (Path file : files) {
      List<HasMetadata> items;
      try (InputStream in = Files.newInputStream(file)) {
        items = ns.client().load(in).items();
      }
      assertThat(items).as("%s has objects", file.getFileName()).isNotEmpty();
      for (HasMetadata item : items) {
        if (item instanceof Namespace) {
          continue; // the test's own namespace stands in for it
        }
        plans += "LaunchPlan".equals(item.getKind()) ? 1 : 0;
        policies += "LaunchPolicy".equals(item.getKind()) ? 1 : 0;
        if (!"LaunchPolicy".equals(item.getKind())) { // cluster-scoped: dry run only, it covers nothing
          item.getMetadata().setNamespace(ns.name());
        }
        try {
          ns.client().resource(item).dryRun().fieldManager("examples-it").forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
          failures.add(file.getFileName() + ": " + item.getKind() + " " + item.getMetadata().getName() + ": "
              + e.getMessage());
        }
      }
    }
    assertThat(failures).as("server-side dry-run apply of the examples").isEmpty();
    assertThat(plans).as("LaunchPlans among the examples").isGreaterThanOrEqualTo(7);
    assertThat(policies).as("LaunchPolicies among the examples").isGreaterThanOrEqualTo(1);
  }
}
