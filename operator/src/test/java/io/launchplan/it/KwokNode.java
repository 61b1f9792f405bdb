package io.launchplan.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A fake node of the tests' own, played by a private kwok-controller process that runs
 * {@code hack/kwok/stages.yaml}: a Job pod on it finishes as its annotation
 * {@value #TEST_EXIT} says ({@code "0"} succeeded, {@code "1"} failed, {@code "never"} keeps
 * running), whether or not the shared cluster's kwok has those stages. The node is tainted
 * {@value #TAINT}, so only pods that tolerate it ({@link #toleration()}) and select it
 * ({@link #nodeSelector()}) land there. Its name is {@code <namespace prefix>fake-0} (e.g.
 * {@code jc-fake-0}); the controller's PID is written to {@code target/kwok-<node>.pid} and the
 * process is stopped by that PID ({@link #close}).
 */
public final class KwokNode implements AutoCloseable {
  public static final String TEST_EXIT = "launchplan.io/test-exit";
  static final String TAINT = "launchplan.io/test-node";

  private final KubernetesClient client;
  private final String name;
  private final Process process;
  private final Path pidFile;

  private KwokNode(KubernetesClient client, String name, Process process, Path pidFile) {
    this.client = client;
    this.name = name;
    this.process = process;
    this.pidFile = pidFile;
  }

  /** Creates the node and starts its controller on {@code port} (127.0.0.1); returns once the node is Ready. */
  public static KwokNode start(int port) {
    LocalCluster cluster = LocalCluster.get();
    String group = System.getProperty("launchplan.namespacePrefix", "it-") + "fake";
    String name = group + "-0";
    KubernetesClient client = cluster.client();
    client.nodes().resource(new NodeBuilder()
        .withNewMetadata().withName(name)
            .withAnnotations(Map.of("kwok.x-k8s.io/node", group, "node.alpha.kubernetes.io/ttl", "0"))
            .withLabels(Map.of("kubernetes.io/hostname", name, "kubernetes.io/os", "linux", "type", "kwok"))
        .endMetadata()
        .withNewSpec().addNewTaint().withKey(TAINT).withValue(group).withEffect("NoSchedule").endTaint().endSpec()
        .withNewStatus()
            .withAllocatable(Map.of("cpu", new Quantity("32"), "memory", new Quantity("256Gi"), "pods", new Quantity("110")))
            .withCapacity(Map.of("cpu", new Quantity("32"), "memory", new Quantity("256Gi"), "pods", new Quantity("110")))
        .endStatus()
        .build()).serverSideApply();
    Path kwok = Path.of(System.getProperty("user.home"), ".cache/launchplan/kwok-v0.7.0/bin/kwok");
    Path stages = LocalCluster.repoRoot().resolve("hack/kwok/stages.yaml");
    Path log = OperatorProcess.logDir().toPath().resolve("kwok-" + name + ".log");
    ProcessBuilder pb = new ProcessBuilder(kwok.toString(),
        "--kubeconfig=" + LocalCluster.kubeconfigPath(),
        "--config=" + stages,
        "--manage-all-nodes=false",
        "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=" + group,
        "--node-lease-duration-seconds=200",
        "--node-ip=127.0.0.1",
        "--node-name=" + name,
        "--node-port=" + port,
        "--server-address=127.0.0.1:" + port)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("HOME", Path.of("target").toAbsolutePath().toString()); // its ~/.kwok stays in target/
    Process process;
    Path pidFile = Path.of("target", "kwok-" + name + ".pid");
    try {
      process = pb.start();
      Files.writeString(pidFile, process.pid() + "\n");
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + kwok + " (hack/cluster.sh up fetches it)", e);
    }
    KwokNode node = new KwokNode(client, name, process, pidFile);
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(node::ready);
    } catch (RuntimeException e) {
      node.close();
      throw new IllegalStateException("node " + name + " did not become Ready; read " + log, e);
    }
    return node;
  }

  public String name() {
    return name;
  }

  /** The toleration of the node's taint, for the pods meant to land there. */
  public static Toleration toleration() {
    return new TolerationBuilder().withKey(TAINT).withOperator("Exists").withEffect("NoSchedule").build();
  }

  /** The node selector of the pods meant to land there. */
  public Map<String, String> nodeSelector() {
    return Map.of("kubernetes.io/hostname", name);
  }

  private boolean ready() {
    if (!process.isAlive()) {
      throw new IllegalStateException("kwok-controller exited with " + process.exitValue());
    }
    Node node = client.nodes().withName(name).get();
    return node != null && node.getStatus() != null && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Stops the controller (by the PID it started) and deletes the node. */
  @Override
  public void close() {
    Processes.stop(process);
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      // only a leftover file
    }
    client.nodes().withName(name).delete();
  }
}
