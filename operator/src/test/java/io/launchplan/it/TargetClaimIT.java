package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One Deployment has at most one active launch: a second plan on the same target (in another
 * lane, so the lane does not hold it) waits {@code TargetBusy}, never touches the first plan's
 * canary, and its deletion while it waits touches nothing.
 */
@ExtendWith(ClusterExtension.class)
class TargetClaimIT {
  private static final Duration T = Duration.ofSeconds(90);

  private static LaunchPlan plan(String name, String lane, String image, String observe) {
    return Plans.fromYaml("""
        apiVersion: launchplan.io/v1alpha1
        kind: LaunchPlan
        metadata: {name: %s}
        spec:
          targetRef: {name: web}
          lane: %s
          template:
            spec:
              containers: [{name: app, image: "%s"}]
          canary: {observe: %s}
          rollout: {observe: 1s}
        """.formatted(name, lane, image, observe));
  }

  /** Who the canary Deployment belonged to, at every change of it. */
  private record CanarySeen(Instant at, String plan, List<String> owners) {}

  private static Watch watchCanary(TestNamespace ns, List<CanarySeen> seen) {
    return ns.client().apps().deployments().inNamespace(ns.name()).withName("web-canary").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Deployment d) {
        var labels = d.getMetadata().getLabels();
        seen.add(new CanarySeen(Instant.now(), labels == null ? null : labels.get("launchplan.io/plan"),
            d.getMetadata().getOwnerReferences().stream().map(o -> o.getName() + "/" + o.getUid()).toList()));
      }

      @Override
      public void onClose(WatcherException cause) {}
    });
  }

  private static Instant at(LaunchPlan plan, String reason) {
    return plan.getStatus().getHistory().stream().filter(h -> reason.equals(h.getReason())).findFirst()
        .map(h -> Instant.parse(h.getAt())).orElseThrow(() -> new AssertionError("no " + reason));
  }

  @Test
  void aSecondPlanOnTheSameDeploymentWaitsForTheFirstAndThenLaunches(TestNamespace ns) {
    ns.createWeb();
    List<CanarySeen> seen = new CopyOnWriteArrayList<>();
    Watch watch = watchCanary(ns, seen);
    ns.onCleanup(watch::close);
    ns.startOperator();
    LaunchPlan first = ns.apply(plan("first", "lane-a", "registry.example/web:2", "8s"));
    ns.awaitPhase("first", Phase.Observing, T);

    ns.apply(plan("second", "lane-b", "registry.example/web:3", "1s"));
    LaunchPlan waiting = ns.awaitReason("second", Phase.Pending, "TargetBusy", T);
    assertThat(waiting.getStatus().getMessage()).isEqualTo("Deployment web is being launched by plan " + ns.name()
        + "/first (Observing); this plan launches when it ends");

    LaunchPlan firstDone = ns.awaitPhase("first", Phase.Succeeded, T);
    LaunchPlan secondDone = ns.awaitPhase("second", Phase.Succeeded, T);

    Instant firstEnded = Instant.parse(firstDone.getStatus().getEndedAt());
    assertThat(at(secondDone, "LaunchStarted")).as("second starts after first ended").isAfterOrEqualTo(firstEnded);
    assertThat(Duration.between(firstEnded, at(secondDone, "LaunchStarted"))).as("woken by the first's end")
        .isLessThan(Duration.ofSeconds(10));
    assertThat(secondDone.getStatus().getHistory()).extracting(HistoryEntry::getReason)
        .containsSubsequence("TargetBusy", "LaunchStarted", "Verified");
    assertThat(firstDone.getStatus().getHistory()).extracting(HistoryEntry::getReason)
        .as("the first's canary was never taken from it").doesNotContain("CanaryLost");
    String firstOwner = "first/" + first.getMetadata().getUid();
    assertThat(seen).isNotEmpty();
    assertThat(seen.stream().filter(s -> s.at().isBefore(firstEnded)).toList()).isNotEmpty()
        .allSatisfy(s -> {
          assertThat(s.plan()).isEqualTo("first");
          assertThat(s.owners()).containsExactly(firstOwner);
        });
    assertThat(ns.deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example/web:3");
  }

  @Test
  void deletingThePlanThatWaitsForTheTargetTouchesNothing(TestNamespace ns) {
    ns.createWeb();
    long generation = ns.generation("web");
    ns.startOperator();
    ns.apply(plan("first", "lane-a", "registry.example/web:2", "15s"));
    ns.awaitPhase("first", Phase.Observing, T);
    ns.apply(plan("second", "lane-b", "registry.example/web:3", "1s"));
    ns.awaitReason("second", Phase.Pending, "TargetBusy", T);
    Deployment canary = ns.deployment("web-canary");

    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("second").delete();
    Awaitility.await("second gone").atMost(T).until(() -> ns.plan("second") == null);

    Awaitility.await("the first's canary stays").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8))
        .until(() -> {
          Deployment now = ns.deployment("web-canary");
          return now != null && now.getMetadata().getUid().equals(canary.getMetadata().getUid())
              && now.getMetadata().getDeletionTimestamp() == null;
        });
    assertThat(ns.generation("web")).as("the target untouched").isEqualTo(generation);
    assertThat(ns.plan("first").getStatus().getPhase()).isEqualTo(Phase.Observing);
    LaunchPlan done = ns.awaitPhase("first", Phase.Succeeded, T);
    assertThat(done.getStatus().getHistory()).extracting(HistoryEntry::getReason).doesNotContain("CanaryLost");
    assertThat(ns.deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example/web:2");
  }
}
