package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.api.PostmortemSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gates of the launch procedure and the manual controls, on the real cluster and Prometheus:
 * one launch at a time per lane, the cooldown, the postmortem after a revert, emergency launches,
 * and the promote and abort annotations. Each test has its own namespace, hence its own lane.
 */
@ExtendWith(ClusterExtension.class)
class GatesIT {
  private static final Duration T = Duration.ofSeconds(90);

  /** {@code yaml} with more lines under {@code spec} (each without indentation). */
  private static LaunchPlan withSpec(String yaml, String... lines) {
    StringBuilder b = new StringBuilder(yaml);
    for (String line : lines) {
      b.append("  ").append(line).append('\n');
    }
    return Plans.fromYaml(b.toString());
  }

  private static void createApp(TestNamespace ns, String app) {
    ns.createDeployment(app, 2, "registry.example/" + app + ":1", Map.of());
    ns.awaitAvailable(app, Duration.ofSeconds(60));
  }

  /** Changes the plan, trying again when the operator's status write came first (409 Conflict). */
  private static void edit(TestNamespace ns, String plan, Consumer<LaunchPlan> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName(plan).edit(p -> {
          change.accept(p);
          return p;
        });
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }
  }

  /**
   * Sets (or, with null, removes) an annotation on the plan with a merge patch, as {@code kubectl
   * annotate} or a GitOps sync would.
   */
  private static void annotate(TestNamespace ns, String plan, String key, String value) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.putObject("metadata").putObject("annotations").put(key, value);
    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName(plan)
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
  }

  private static HistoryEntry entry(LaunchPlan plan, String reason) {
    return plan.getStatus().getHistory().stream().filter(h -> reason.equals(h.getReason())).findFirst()
        .orElseThrow(() -> new AssertionError(plan.getMetadata().getName() + " has no history entry " + reason
            + ": " + plan.getStatus().getHistory().stream().map(HistoryEntry::getReason).toList()));
  }

  private static Instant at(HistoryEntry entry) {
    return Instant.parse(entry.getAt());
  }

  private static List<String> reasons(LaunchPlan plan) {
    return plan.getStatus().getHistory().stream().map(HistoryEntry::getReason).toList();
  }

  /** Asserts the plan stays in {@code phase} for {@code time}. */
  private static void staysIn(TestNamespace ns, String plan, Phase phase, Duration time) {
    Awaitility.await(plan + " stays " + phase).during(time).atMost(time.plusSeconds(5))
        .pollInterval(Duration.ofMillis(200)).until(() -> ns.plan(plan).getStatus().getPhase() == phase);
  }

  // ---------------------------------------------------------------- Lane

  @Test
  void plansInOneLaneRunOneAfterTheOtherInTheOrderTheyCame(TestNamespace ns) {
    ns.createWeb();
    createApp(ns, "api");
    createApp(ns, "db");
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("6s").rolloutObserve("2s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);

    ns.apply(Plans.simple("api-v2", "api", ""));
    LaunchPlan api = ns.awaitReason("api-v2", Phase.Pending, "LaneBusy", T);
    assertThat(api.getStatus().getMessage())
        .isEqualTo("waiting in lane " + ns.name() + ": next in line behind " + ns.name() + "/web-v2 (Observing)");
    ns.apply(Plans.simple("db-v2", "db", ""));
    LaunchPlan db = ns.awaitReason("db-v2", Phase.Pending, "LaneBusy", T);
    assertThat(db.getStatus().getMessage()).startsWith("waiting in lane " + ns.name() + ": 2nd in line behind "
        + ns.name() + "/web-v2 (");
    assertThat(ns.deployment("api-canary")).isNull();
    assertThat(ns.deployment("db-canary")).isNull();

    LaunchPlan web = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    api = ns.awaitPhase("api-v2", Phase.Succeeded, T);
    db = ns.awaitPhase("db-v2", Phase.Succeeded, T);

    Instant webEnded = Instant.parse(web.getStatus().getEndedAt());
    Instant apiStarted = at(entry(api, "LaunchStarted"));
    assertThat(apiStarted).as("api starts after web ended").isAfterOrEqualTo(webEnded);
    assertThat(Duration.between(webEnded, apiStarted)).as("woken by web's end, not by a timer")
        .isLessThan(Duration.ofSeconds(10));
    assertThat(at(entry(db, "LaunchStarted"))).as("db, queued later, starts after api ended")
        .isAfterOrEqualTo(Instant.parse(api.getStatus().getEndedAt()));
    assertThat(db.getStatus().getHistory()).extracting(HistoryEntry::getPhase)
        .containsSubsequence(Phase.Pending, Phase.Canary, Phase.Succeeded);
  }

  @Test
  void cooldownDelaysTheNextLaunchInTheLane(TestNamespace ns) {
    ns.createWeb();
    createApp(ns, "api");
    ns.startOperator();
    ns.apply(withSpec(new PlanYaml().canaryObserve("2s").rolloutObserve("1s").yaml(), "cooldown: 8s"));
    ns.awaitPhase("web-v2", Phase.Observing, T);
    ns.apply(Plans.simple("api-v2", "api", ""));

    LaunchPlan cooling = ns.awaitReason("api-v2", Phase.Pending, "Cooldown", T);
    assertThat(cooling.getStatus().getMessage()).contains("lane " + ns.name() + " cools down after the launch of "
        + ns.name() + "/web-v2").contains("left (cooldown 8s");
    LaunchPlan api = ns.awaitPhase("api-v2", Phase.Succeeded, T);
    LaunchPlan web = ns.plan("web-v2");

    Instant webEnded = Instant.parse(web.getStatus().getEndedAt());
    Duration gap = Duration.between(webEnded, at(entry(api, "LaunchStarted")));
    assertThat(gap).as("gap between web's end and api's canary").isGreaterThanOrEqualTo(Duration.ofSeconds(8))
        .isLessThan(Duration.ofSeconds(14));
    assertThat(reasons(api)).containsSubsequence("LaneBusy", "Cooldown", "LaunchStarted");
  }

  // ---------------------------------------------------------------- Postmortem

  @Test
  void afterARevertTheNextRevisionWaitsForAPostmortemNamingTheRevertedRevision(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();
    ns.apply(new PlanYaml().podAnnotations("{sim.launchplan.io/error-ratio: \"0.9\"}").canaryObserve("60s").build());
    LaunchPlan reverted = ns.awaitPhase("web-v2", Phase.Reverted, T);
    String bad = reverted.getStatus().getRevision();
    assertThat(reverted.getStatus().getLastRevertedRevision()).isEqualTo(bad);
    long generation = ns.generation("web");

    edit(ns, "web-v2", p -> p.getSpec().setTemplate(Plans.json("""
        metadata: {annotations: {sim.launchplan.io/error-ratio: "0"}}
        spec: {containers: [{name: app, image: "registry.example/web:3"}]}
        """)));
    LaunchPlan owed = ns.awaitReason("web-v2", Phase.Pending, "PostmortemRequired", T);
    assertThat(owed.getStatus().getMessage()).contains("revision " + bad + " was reverted");

    edit(ns, "web-v2", p -> p.getSpec().setPostmortem(new PostmortemSpec("0123456789", "stale cache", "90% 5xx on the canary",
        "key the cache by tenant")));
    LaunchPlan invalid = ns.awaitReason("web-v2", Phase.Pending, "InvalidPostmortem", T);
    assertThat(invalid.getStatus().getMessage()).contains("0123456789").contains("not the reverted revision " + bad);
    assertThat(ns.deployment("web-canary")).isNull();
    assertThat(ns.generation("web")).as("nothing changes while the gate holds").isEqualTo(generation);

    edit(ns, "web-v2", p -> p.getSpec().getPostmortem().setRevision(bad));
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    HistoryEntry accepted = entry(done, "PostmortemAccepted");
    assertThat(accepted.getMessage()).contains("stale cache").contains("90% 5xx on the canary")
        .contains("key the cache by tenant");
    assertThat(done.getStatus().getPostmortemAcceptedFor()).isEqualTo(bad);
    assertThat(reasons(done)).containsSubsequence("AnalysisRevert", "PostmortemRequired", "InvalidPostmortem",
        "PostmortemAccepted", "LaunchStarted", "Verified");
    assertThat(ns.deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example/web:3");
  }

  // ---------------------------------------------------------------- Emergency

  @Test
  void emergencyLaunchBypassesAFreezeButStillRunsTheCanaryAndTheAnalysis(TestNamespace ns) {
    ns.createWeb();
    createApp(ns, "api");
    ns.annotateNamespace("launchplan.io/freeze", "INC-7 payments outage");
    ns.startOperator();
    ns.apply(Plans.simple("api-v2", "api", ""));
    ns.awaitReason("api-v2", Phase.Pending, "Frozen", T);

    ns.apply(withSpec(new PlanYaml().podAnnotations("{sim.launchplan.io/error-ratio: \"0.9\"}").canaryObserve("60s")
        .yaml(), "emergency: true"));
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Reverted, T);

    assertThat(done.getStatus().getReason()).as("the analysis still judged it").isEqualTo("AnalysisRevert");
    assertThat(done.getStatus().getHistory()).extracting(HistoryEntry::getReason)
        .containsSubsequence("EmergencyBypass", "LaunchStarted", "CanaryReady", "AnalysisRevert");
    assertThat(entry(done, "EmergencyBypass").getMessage()).contains("INC-7 payments outage")
        .contains("canary and the analysis still run");
    assertThat(done.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Emergency");
      assertThat(c.getStatus()).isEqualTo("True");
    });
    List<Event> events = ns.client().v1().events().inNamespace(ns.name()).list().getItems();
    assertThat(events).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("EmergencyBypass");
      assertThat(e.getType()).isEqualTo("Warning");
    });
    assertThat(ns.plan("api-v2").getStatus().getReason()).as("the freeze still holds the others").isEqualTo("Frozen");
  }

  // ---------------------------------------------------------------- Manual controls

  @Test
  void promoteAnnotationSkipsALongWindowExactlyOnce(TestNamespace ns) {
    ns.createWeb();
    var operator = ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("10m").rolloutObserve("10m").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);
    staysIn(ns, "web-v2", Phase.Observing, Duration.ofSeconds(2)); // a few quiet analysis ticks

    annotate(ns, "web-v2", "launchplan.io/promote", "go-1");
    ns.awaitPhase("web-v2", Phase.Verifying, T);
    LaunchPlan verifying = ns.plan("web-v2");
    assertThat(verifying.getStatus().getHandledPromote()).isEqualTo("go-1");
    assertThat(entry(verifying, "ManualPromote").getMessage()).contains("launchplan.io/promote=\"go-1\"");

    // The same value again (removed and put back, as a Git revert and re-apply would) does nothing,
    annotate(ns, "web-v2", "launchplan.io/promote", null);
    annotate(ns, "web-v2", "launchplan.io/promote", "go-1");
    staysIn(ns, "web-v2", Phase.Verifying, Duration.ofSeconds(3));
    // and neither does a new operator that finds it.
    ns.stop(operator);
    ns.startOperator();
    staysIn(ns, "web-v2", Phase.Verifying, Duration.ofSeconds(5));

    annotate(ns, "web-v2", "launchplan.io/promote", "go-2");
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    assertThat(reasons(done).stream().filter("ManualPromote"::equals)).hasSize(2);
    assertThat(reasons(done)).doesNotContain("PromoteIgnored", "Promoted", "Verified");
    assertThat(done.getStatus().getHandledPromote()).isEqualTo("go-2");
  }

  @Test
  void abortAnnotationRevertsAtOnceWithReasonAborted(TestNamespace ns) {
    ns.createWeb();
    var stable = ns.deployment("web").getSpec().getTemplate();
    ns.startOperator();
    ns.apply(new PlanYaml().canaryObserve("10m").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);

    annotate(ns, "web-v2", "launchplan.io/abort", "p99 doubled in eu-west");
    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Reverted, T);

    assertThat(done.getStatus().getReason()).isEqualTo("Aborted");
    assertThat(done.getStatus().getHandledAbort()).isEqualTo("p99 doubled in eu-west");
    assertThat(entry(done, "Aborted").getMessage()).contains("launchplan.io/abort=\"p99 doubled in eu-west\"");
    assertThat(Duration.between(at(entry(done, "CanaryReady")), at(entry(done, "Aborted"))))
        .as("long before the 10m window ends").isLessThan(Duration.ofMinutes(1));
    assertThat(ns.deployment("web-canary")).isNull();
    assertThat(ns.deployment("web").getSpec().getTemplate()).isEqualTo(stable);
  }
}
