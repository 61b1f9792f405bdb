package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No traffic leaves this machine from the real node (hack/node.sh): a pod reaches the API server
 * through the {@code kubernetes} Service and the pods of its own node, and every other address,
 * a Service IP with no endpoint, a KWOK pod's fake IP or an address outside, is refused on this
 * machine at once ("no route to host"), never sent out through the default route (which would
 * show as a timeout, or a connection somewhere else).
 */
@ExtendWith(ClusterExtension.class)
class RealNodeNetworkIT {

  @Test
  void podsReachTheApiServerAndTheirNodeButNothingOutsideTheMachine(TestNamespace ns) {
    RealNode.requireReady(ns.client());
    // A Service whose only endpoints are KWOK pods (fake IPs in the Service range): kube-proxy
    // sends its traffic to addresses nothing here owns.
    ns.createDeployment("fake", 1, "registry.example/fake:1", Map.of("sim.launchplan.io/rps", "1"));
    ns.awaitAvailable("fake", Duration.ofSeconds(60));
    String fakeBacked = service(ns, "fake");
    String serving = podOnNode(ns, "server", "serve");
    awaitRunning(ns, serving);
    String servingIp = ns.client().pods().inNamespace(ns.name()).withName(serving).get().getStatus().getPodIP();

    assertThat(run(ns, "api", "10.0.0.1:443")).startsWith("connected");
    assertThat(run(ns, "neighbour", servingIp + ":8080")).startsWith("connected");
    assertRefusedHere(run(ns, "unbacked", "10.0.0.250:80"));
    assertRefusedHere(run(ns, "kwok-backed", fakeBacked + ":80"));
    assertRefusedHere(run(ns, "outside", "198.51.100.7:443"));
    assertRefusedHere(run(ns, "host-gateway", "192.0.2.1:80"));
  }

  @Test
  void theHostDoesNotRouteTheServiceRangeOffTheMachine() {
    long t0 = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("10.0.0.250", 80), 3000);
      throw new AssertionError("connected to 10.0.0.250:80, an address of the Service range nothing here owns");
    } catch (IOException e) {
      assertThat(e.getMessage()).containsIgnoringCase("no route to host");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
  }

  private static void assertRefusedHere(String output) {
    // "failed after 1ms: dial tcp ...: connect: no route to host": answered by this machine's
    // routing table, at once; a packet sent out would time out after 3 s instead.
    assertThat(output).contains("no route to host").doesNotContain("timeout");
  }

  private static String service(TestNamespace ns, String app) {
    return ns.client().services().inNamespace(ns.name()).resource(new ServiceBuilder()
        .withNewMetadata().withName(app).endMetadata()
        .withNewSpec().addToSelector("app", app).addNewPort().withPort(80).withNewTargetPort(8080).endPort().endSpec()
        .build()).create().getSpec().getClusterIP();
  }

  /** A pod on the real node running {@code demo-app ARGS...}; its name. */
  private static String podOnNode(TestNamespace ns, String name, String... args) {
    Pod pod = new PodBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withRestartPolicy("Never").addToNodeSelector("launchplan.io/node", "real")
        .withTolerations(new TolerationBuilder().withKey("launchplan.io/real-node").withOperator("Exists")
            .withEffect("NoSchedule").build())
        .addNewContainer().withName("app").withImage(RealNode.DEMO_IMAGE).withImagePullPolicy("Never").withArgs(args)
        .endContainer().endSpec().build();
    ns.client().pods().inNamespace(ns.name()).resource(pod).create();
    return name;
  }

  private static void awaitRunning(TestNamespace ns, String name) {
    Awaitility.await(name + " running").atMost(Duration.ofSeconds(60)).until(() -> {
      Pod p = ns.client().pods().inNamespace(ns.name()).withName(name).get();
      return p.getStatus().getPodIP() != null && "Running".equals(p.getStatus().getPhase());
    });
  }

  /** Runs {@code demo-app dial -addr ADDRESS} in a pod on the real node; what it printed. */
  private static String run(TestNamespace ns, String name, String address) {
    podOnNode(ns, name, "dial", "-addr", address, "-timeout", "3s");
    Awaitility.await(name + " finished").atMost(Duration.ofSeconds(60)).until(() -> {
      String phase = ns.client().pods().inNamespace(ns.name()).withName(name).get().getStatus().getPhase();
      return "Succeeded".equals(phase) || "Failed".equals(phase);
    });
    String log = ns.client().pods().inNamespace(ns.name()).withName(name).getLog();
    System.out.printf("pod %s dialing %s: %s", name, address, log);
    return log;
  }
}
