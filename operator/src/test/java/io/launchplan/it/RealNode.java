package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The local cluster's real node (hack/node.sh): a kubelet with containerd, tainted, reached by
 * pods that ask for it. Images are imported into its containerd, never pulled.
 */
final class RealNode {
  static final String NAME = "launchplan-real-0";
  /** The node's bridge address: the host as the node's pods see it (Prometheus is forwarded there). */
  static final String HOST_IP = "10.213.0.1";
  static final String DEMO_IMAGE = "localhost/demo-app:0.1.0";
  private static String operatorImage;

  private RealNode() {}

  /** Fails, saying how to get one, unless the real node is Ready. */
  static void requireReady(KubernetesClient client) {
    Node node = client.nodes().withName(NAME).get();
    assertThat(node).as("node %s: `make cluster-up` starts it (unless LAUNCHPLAN_REAL_NODE=0)", NAME).isNotNull();
    assertThat(node.getStatus().getConditions())
        .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True"));
  }

  /**
   * The operator's image built from this build's jar ({@code hack/image.sh}) and imported into the
   * node's containerd, once per test JVM; its reference.
   */
  static synchronized String operatorImage() {
    if (operatorImage != null) {
      return operatorImage;
    }
    Path repo = LocalCluster.repoRoot();
    Path jar = repo.resolve("operator/target/launchplan-operator.jar");
    Path digest = repo.resolve("target/image/digest");
    assertThat(jar).as("the operator jar (mvn package)").exists();
    long t0 = System.nanoTime();
    if (!Files.exists(digest) || modified(digest) < modified(jar)) {
      Scripts.run(Duration.ofMinutes(20), "image.sh").requireSuccess("hack/image.sh (the operator image)");
    }
    long built = System.nanoTime();
    Scripts.run(Duration.ofMinutes(5), "cluster.sh", "import-image", repo.resolve("target/image/oci").toString(),
        "localhost/launchplan-operator").requireSuccess("hack/cluster.sh import-image");
    System.out.printf("operator image: built in %d ms, imported into the node's containerd in %d ms%n",
        (built - t0) / 1_000_000, (System.nanoTime() - built) / 1_000_000);
    operatorImage = "localhost/launchplan-operator:" + tag(repo.resolve("target/image/oci/index.json"));
    return operatorImage;
  }

  /** The objects of {@code file} (repo-relative), moved into namespace {@code ns}; Namespace objects dropped. */
  static List<HasMetadata> load(KubernetesClient client, String file, String ns) {
    try (var in = Files.newInputStream(LocalCluster.repoRoot().resolve(file))) {
      List<HasMetadata> items = client.load(in).items().stream()
          .filter(o -> !"Namespace".equals(o.getKind())).toList();
      items.forEach(o -> o.getMetadata().setNamespace(ns));
      return items;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tag(Path index) {
    try {
      JsonNode manifests = new ObjectMapper().readTree(index.toFile()).path("manifests");
      return manifests.get(0).path("annotations").path("org.opencontainers.image.ref.name").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
