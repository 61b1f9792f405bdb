package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.launchplan.api.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two operator processes with leader election: the leader is SIGKILLed mid-launch; the other
 * takes over within the lease time and finishes the launch with no step done twice.
 */
@ExtendWith(ClusterExtension.class)
class HighAvailabilityIT {
  private static final String LEASE_DURATION = "6s";

  @Test
  void standbyTakesOverFromAKilledLeaderAndFinishesTheLaunchOnce(TestNamespace ns) {
    ns.createWeb();
    long generation = ns.generation("web");
    Set<String> canaryCreations = ConcurrentHashMap.newKeySet();
    Watch watch = ns.client().apps().deployments().inNamespace(ns.name()).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Deployment d) {
        if (d.getMetadata().getName().equals("web-canary")) {
          canaryCreations.add(d.getMetadata().getUid());
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    });
    Path log = OperatorProcess.logDir().toPath().resolve(ns.name() + ".log");
    Map<String, OperatorProcess> ops = Map.of("op-a", start(ns, log, "op-a"), "op-b", start(ns, log, "op-b"));
    String leader = Awaitility.await("a leader").atMost(Duration.ofSeconds(60)).until(() -> holder(ns), h -> h != null);

    ns.apply(new PlanYaml().canaryObserve("10s").rolloutObserve("3s").build());
    ns.awaitPhase("web-v2", Phase.Observing, Duration.ofSeconds(60));
    Instant killed = Instant.now();
    ops.get(leader).kill();
    String next = Awaitility.await("the standby takes the lease").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100)).until(() -> holder(ns), h -> h != null && !h.equals(leader));
    Duration takeover = Duration.between(killed, Instant.now());
    System.out.printf("leader %s killed; %s holds the lease after %d ms (lease duration %s)%n",
        leader, next, takeover.toMillis(), LEASE_DURATION);

    ns.awaitPhase("web-v2", Phase.Succeeded, Duration.ofSeconds(120));
    watch.close();
    assertThat(ns.generation("web") - generation).as("target patches").isEqualTo(1);
    assertThat(canaryCreations).as("canary creations").hasSize(1);
    assertThat(ns.deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example/web:2");
  }

  /** Staged steps (issue 16): the leader killed in a middle step; the standby applies each step once. */
  @Test
  void standbyFinishesAStagedLaunchWithEachStepOnce(TestNamespace ns) {
    ns.createWeb();
    long generation = ns.generation("web");
    try (CanaryScaleLog scales = new CanaryScaleLog(ns, "web-canary")) {
      Path log = OperatorProcess.logDir().toPath().resolve(ns.name() + ".log");
      Map<String, OperatorProcess> ops = Map.of("op-a", start(ns, log, "op-a"), "op-b", start(ns, log, "op-b"));
      String leader = Awaitility.await("a leader").atMost(Duration.ofSeconds(60)).until(() -> holder(ns), h -> h != null);

      ns.apply(new PlanYaml().canaryObserve("2s").steps("[{percent: 50, observe: 10s}, {replicas: 3, observe: 2s}]")
          .rolloutObserve("3s").build());
      CanaryScaleLog.awaitStep(ns, "web-v2", Phase.Observing, 1, Duration.ofSeconds(90));
      ops.get(leader).kill();

      ns.awaitPhase("web-v2", Phase.Succeeded, Duration.ofSeconds(150));
      assertThat(scales.sizes()).as("canary sizes, each step once").containsExactly(1, 2, 3);
      assertThat(scales.creations()).as("canary creations").isEqualTo(1);
      assertThat(ns.generation("web") - generation).as("target patches").isEqualTo(1);
      assertThat(ns.plan("web-v2").getStatus().getHistory()).extracting(h -> h.getReason())
          .filteredOn("StepStarted"::equals).hasSize(2);
    }
  }

  private static OperatorProcess start(TestNamespace ns, Path log, String identity) {
    return OperatorProcess.start(ns, log, Map.of("LAUNCHPLAN_LEADER_ELECTION", "true",
        "LAUNCHPLAN_LEASE_NAMESPACE", ns.name(), "LAUNCHPLAN_LEASE_DURATION", LEASE_DURATION,
        "LAUNCHPLAN_IDENTITY", identity));
  }

  private static String holder(TestNamespace ns) {
    Lease lease = ns.client().leases().inNamespace(ns.name()).withName("launchplan-operator").get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }
}
