package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.launch.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What people write that is too big, reconciles that fail, a paused target, and the lanes' order
 * and scope: each ends in a status that says what happened, on the real cluster.
 */
@ExtendWith(ClusterExtension.class)
class LimitsAndErrorsIT {
  private static final Duration T = Duration.ofSeconds(90);
  /** About what one annotation may hold (all of an object's annotations together: 256 KiB). */
  private static final String HUGE = "INC-42 payments outage; ".repeat(8_000);

  private static void annotatePlan(TestNamespace ns, String plan, String key, String value) {
    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName(plan).edit(p -> {
      Map<String, String> a = p.getMetadata().getAnnotations() == null ? new HashMap<>()
          : new HashMap<>(p.getMetadata().getAnnotations());
      a.put(key, value);
      p.getMetadata().setAnnotations(a);
      return p;
    });
  }

  private static Condition condition(LaunchPlan plan, String type) {
    return Conditions.find(plan.getStatus(), type);
  }

  private static List<Event> events(TestNamespace ns, String reason) {
    return ns.client().v1().events().inNamespace(ns.name()).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason())).toList();
  }

  @Test
  void anAbortWithAHugeReasonRevertsAndEnds(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("5m").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);

    annotatePlan(ns, "web-v2", "launchplan.io/abort", HUGE);

    LaunchPlan reverted = ns.awaitPhase("web-v2", Phase.Reverted, T);
    assertThat(reverted.getStatus().getReason()).isEqualTo("Aborted");
    assertThat(reverted.getStatus().getHandledAbort()).hasSizeLessThanOrEqualTo(512).contains("more characters cut");
    assertThat(ns.deployment("web-canary")).isNull();
    assertThat(events(ns, "Aborted")).as("the revert and its end, each told once, not on every retry")
        .extracting(e -> e.getMessage().substring(0, e.getMessage().indexOf(':')))
        .containsExactlyInAnyOrder("Reverting", "Reverted");
  }

  @Test
  void aNamespaceFreezeWithAHugeReasonPausesTheLaunchAndSaysSo(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("5m").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);

    ns.annotateNamespace("launchplan.io/freeze", HUGE);

    LaunchPlan paused = ns.awaitReason("web-v2", Phase.Paused, "Frozen", T);
    assertThat(condition(paused, Conditions.FROZEN).getStatus()).isEqualTo("True");
    assertThat(paused.getStatus().getFreeze().getReason()).hasSizeLessThanOrEqualTo(512).startsWith("INC-42");
    ns.annotateNamespace("launchplan.io/freeze", null);
    ns.awaitPhase("web-v2", Phase.Observing, T);
  }

  @Test
  void aReconcileThatFailsSaysWhyAndTheNextGoodOneClearsIt(TestNamespace ns) {
    ns.createWeb();
    ns.slowRollout("web", 30);
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("1s").build());
    ns.awaitPhase("web-v2", Phase.RollingOut, T);
    // The stable template the revert needs is gone: the reconcile that restores the target fails.
    ControllerRevision stable = ns.client().apps().controllerRevisions().inNamespace(ns.name()).list().getItems()
        .stream().filter(r -> r.getMetadata().getName().startsWith("web-v2-stable-")).findFirst().orElseThrow();
    ns.client().apps().controllerRevisions().inNamespace(ns.name()).withName(stable.getMetadata().getName()).delete();
    Awaitility.await().atMost(T).until(() -> ns.client().apps().controllerRevisions().inNamespace(ns.name())
        .withName(stable.getMetadata().getName()).get() == null);

    annotatePlan(ns, "web-v2", "launchplan.io/abort", "bad");

    Awaitility.await("Ready=False/ReconcileError").atMost(T).until(() -> {
      Condition ready = condition(ns.plan("web-v2"), Conditions.READY);
      return ready != null && "ReconcileError".equals(ready.getReason());
    });
    LaunchPlan failing = ns.plan("web-v2");
    assertThat(condition(failing, Conditions.READY).getStatus()).isEqualTo("False");
    assertThat(condition(failing, Conditions.READY).getMessage()).contains("stable template").contains("missing");
    assertThat(events(ns, "ReconcileError")).isNotEmpty()
        .allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));

    // Put it back: the next attempt gets through, the revert ends and the error condition is gone.
    stable.getMetadata().setResourceVersion(null);
    stable.getMetadata().setUid(null);
    stable.getMetadata().setCreationTimestamp(null);
    stable.getMetadata().setManagedFields(null);
    ns.client().apps().controllerRevisions().inNamespace(ns.name()).resource(stable).create();
    LaunchPlan reverted = ns.awaitPhase("web-v2", Phase.Reverted, T);
    assertThat(condition(reverted, Conditions.READY).getReason()).isNotEqualTo("ReconcileError");
    assertThat(events(ns, "ReconcileError")).as("one Event per distinct error, not one per retry").hasSize(1);
  }

  @Test
  void aPausedTargetHoldsTheRolloutVisiblyUntilItIsResumed(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("3s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);
    ns.client().apps().deployments().inNamespace(ns.name()).withName("web").edit(d -> {
      d.getSpec().setPaused(true);
      return d;
    });

    LaunchPlan held = ns.awaitReason("web-v2", Phase.RollingOut, "TargetPaused", T);
    assertThat(held.getStatus().getMessage()).contains("kubectl rollout resume deployment/web");
    assertThat(condition(held, Conditions.DEGRADED).getStatus()).isEqualTo("True");

    ns.client().apps().deployments().inNamespace(ns.name()).withName("web").edit(d -> {
      d.getSpec().setPaused(false);
      return d;
    });
    ns.awaitPhase("web-v2", Phase.Succeeded, T);
  }

  @Test
  void aPlanThatWaitedThroughAFreezeLaunchesBeforeOneAppliedJustBeforeItLifted(TestNamespace ns) {
    ns.createWeb();
    ns.createDeployment("api", 2, "registry.example/api:1", Map.of());
    ns.awaitAvailable("api", T);
    ns.startOperator();
    ns.annotateNamespace("launchplan.io/freeze", "INC-7");
    ns.apply(new PlanYaml().canaryObserve("5s").build());
    ns.awaitReason("web-v2", Phase.Pending, "Frozen", T);
    ns.apply(Plans.simple("api-v2", "api", ""));
    ns.awaitReason("api-v2", Phase.Pending, "Frozen", T);

    ns.annotateNamespace("launchplan.io/freeze", null);

    ns.awaitPhase("web-v2", Phase.Observing, T);
    LaunchPlan api = ns.awaitReason("api-v2", Phase.Pending, "LaneBusy", T);
    assertThat(api.getStatus().getMessage()).contains("behind " + ns.name() + "/web-v2");
    LaunchPlan web = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    api = ns.awaitPhase("api-v2", Phase.Succeeded, T);
    assertThat(started(api)).as("api waited for web").isAfterOrEqualTo(Instant.parse(web.getStatus().getEndedAt()));
  }

  @Test
  void theSameLaneNameInAnotherNamespaceIsAnotherLane(TestNamespace ns) {
    TestNamespace other = ns.sibling("other");
    ns.createWeb();
    other.createWeb();
    ns.startOperatorAlsoWatching(other);
    String lane = "\n  lane: payments";
    ns.apply(Plans.fromYaml(new PlanYaml().canaryObserve("20s").yaml().replace("\n  canary:", lane + "\n  canary:")));
    ns.awaitPhase("web-v2", Phase.Observing, T);

    other.apply(Plans.fromYaml(new PlanYaml().canaryObserve("20s").yaml().replace("\n  canary:", lane + "\n  canary:")));

    LaunchPlan theirs = other.awaitPhase("web-v2", Phase.Observing, T);
    assertThat(theirs.getStatus().getHistory()).extracting(HistoryEntry::getReason).doesNotContain("LaneBusy");
    assertThat(ns.plan("web-v2").getStatus().getPhase()).isEqualTo(Phase.Observing);
  }

  private static Instant started(LaunchPlan plan) {
    return plan.getStatus().getHistory().stream().filter(h -> "LaunchStarted".equals(h.getReason()))
        .map(h -> Instant.parse(h.getAt())).reduce((a, b) -> b).orElseThrow();
  }
}
