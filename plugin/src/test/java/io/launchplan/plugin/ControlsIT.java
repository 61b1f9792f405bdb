package io.launchplan.plugin;

import static io.launchplan.plugin.FollowAndStatusIT.observingLong;
import static io.launchplan.plugin.FollowAndStatusIT.startOperator;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.cluster.Labels;
import io.launchplan.it.ClusterExtension;
import io.launchplan.it.OperatorProcess;
import io.launchplan.it.Plans;
import io.launchplan.it.TestNamespace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** promote, abort, pause, resume, freeze, unfreeze, lanes and postmortem, each acting on a real launch. */
@ExtendWith(ClusterExtension.class)
class ControlsIT {
  private static final Duration MINUTE = Duration.ofSeconds(60);

  @Test
  void promoteEndsTheObservationWindow(TestNamespace ns) {
    ns.createWeb();
    startOperator(ns);
    ns.apply(observingLong("web"));
    ns.awaitPhase("web", Phase.Observing, MINUTE);

    PluginProcess.Result r = PluginProcess.run("-n", ns.name(), "promote", "web");
    System.out.println("promote web:\n" + r);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("launchplan.launchplan.io/web annotated: launchplan.io/promote=", "RollingOut", "ManualPromote",
        "set by kubectl-launchplan");
    LaunchPlan plan = ns.plan("web");
    assertThat(plan.getStatus().getHandledPromote()).isEqualTo(plan.getMetadata().getAnnotations().get(Labels.PROMOTE));
    assertThat(plan.getStatus().getHistory()).anyMatch(e -> "ManualPromote".equals(e.getReason()) && e.getPhase() == Phase.RollingOut);
  }

  @Test
  void promoteWhilePendingIsIgnoredAndSaysSo(TestNamespace ns) {
    ns.createWeb();
    startOperator(ns);
    LaunchPlan plan = observingLong("web");
    plan.getSpec().setPaused(true);
    ns.apply(plan);
    ns.awaitPhase("web", Phase.Pending, MINUTE);

    PluginProcess.Result r = PluginProcess.run("-n", ns.name(), "promote", "web");
    System.out.println("promote web (Pending):\n" + r);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("PromoteIgnored");
    assertThat(r.err()).startsWith("error: the operator did not act on it: ");
    assertThat(ns.plan("web").getStatus().getPhase()).isEqualTo(Phase.Pending);
  }

  @Test
  void abortRevertsAndPostmortemWritesWhatTheRevertOwes(TestNamespace ns) {
    ns.createWeb();
    startOperator(ns);
    ns.apply(observingLong("web"));
    ns.awaitPhase("web", Phase.Observing, MINUTE);

    PluginProcess.Result r = PluginProcess.run("-n", ns.name(), "abort", "web", "--reason", "p99 doubled");
    System.out.println("abort web:\n" + r);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("launchplan.io/abort=\"p99 doubled\"", "Reverting", "Aborted", "p99 doubled");
    LaunchPlan reverted = ns.awaitPhase("web", Phase.Reverted, MINUTE);
    String revision = reverted.getStatus().getRevision();

    PluginProcess.Result stanza = PluginProcess.run("-n", ns.name(), "postmortem", "web");
    System.out.println("postmortem web:\n" + stanza);
    assertThat(stanza.exitCode()).as(stanza.toString()).isZero();
    assertThat(stanza.out()).contains("revision " + revision + " was reverted", "(Aborted)",
        "spec:\n  postmortem:\n    revision: \"" + revision + "\"\n    cause: ");
    assertThat(ns.plan("web").getSpec().getPostmortem()).isNull(); // printing writes nothing

    PluginProcess.Result incomplete = PluginProcess.run("-n", ns.name(), "postmortem", "web", "--apply", "--cause", "a bad cache key");
    assertThat(incomplete.exitCode()).isEqualTo(1);
    assertThat(incomplete.err()).contains("--apply needs --cause, --impact and --fix");

    PluginProcess.Result applied = PluginProcess.run("-n", ns.name(), "postmortem", "web", "--apply",
        "--cause", "a bad cache key", "--impact", "none: caught on the canary", "--fix", "key includes the tenant");
    System.out.println("postmortem web --apply:\n" + applied);
    assertThat(applied.exitCode()).as(applied.toString()).isZero();
    var pm = ns.plan("web").getSpec().getPostmortem();
    assertThat(pm.getRevision()).isEqualTo(revision);
    assertThat(pm.getCause()).isEqualTo("a bad cache key");
    assertThat(pm.getFix()).isEqualTo("key includes the tenant");
  }

  @Test
  void pauseHoldsTheLaunchAndResumeLetsItGoOn(TestNamespace ns) {
    ns.createWeb();
    startOperator(ns);
    ns.apply(observingLong("web"));
    ns.awaitPhase("web", Phase.Observing, MINUTE);

    PluginProcess.Result paused = PluginProcess.run("-n", ns.name(), "pause", "web");
    System.out.println("pause web:\n" + paused);
    assertThat(paused.exitCode()).as(paused.toString()).isZero();
    assertThat(paused.out()).contains("spec.paused=true", "Paused", "ManualPause");
    assertThat(ns.plan("web").getStatus().getPhase()).isEqualTo(Phase.Paused);

    PluginProcess.Result resumed = PluginProcess.run("-n", ns.name(), "resume", "web");
    System.out.println("resume web:\n" + resumed);
    assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
    assertThat(resumed.out()).contains("spec.paused removed", "Observing");
    assertThat(ns.plan("web").getSpec().getPaused()).isNull();
    assertThat(ns.plan("web").getStatus().getPhase()).isEqualTo(Phase.Observing);
  }

  @Test
  void freezeOfTheNamespacePausesItsLaunchesAndUnfreezeResumesThem(TestNamespace ns) {
    ns.createWeb();
    startOperator(ns);
    ns.apply(observingLong("web"));
    ns.awaitPhase("web", Phase.Observing, MINUTE);

    PluginProcess.Result frozen = PluginProcess.run("freeze", ns.name(), "--reason", "INC-42 payments outage");
    System.out.println("freeze:\n" + frozen);
    assertThat(frozen.exitCode()).as(frozen.toString()).isZero();
    assertThat(frozen.out()).contains("namespace/" + ns.name() + " annotated: launchplan.io/freeze=\"INC-42 payments outage\"",
        ns.name() + "/web: Paused (Frozen)", "namespace " + ns.name() + ": INC-42 payments outage");
    assertThat(ns.client().namespaces().withName(ns.name()).get().getMetadata().getAnnotations())
        .containsEntry(Labels.FREEZE, "INC-42 payments outage");
    assertThat(ns.plan("web").getStatus().getFreeze().getBy()).isEqualTo("namespace " + ns.name());

    PluginProcess.Result thawed = PluginProcess.run("unfreeze", ns.name());
    System.out.println("unfreeze:\n" + thawed);
    assertThat(thawed.exitCode()).as(thawed.toString()).isZero();
    assertThat(thawed.out()).contains(ns.name() + "/web: Observing");
    Map<String, String> annotations = ns.client().namespaces().withName(ns.name()).get().getMetadata().getAnnotations();
    assertThat(annotations == null ? Map.<String, String>of() : annotations).doesNotContainKey(Labels.FREEZE);
    assertThat(ns.plan("web").getStatus().getFreeze()).isNull();
  }

  @Test
  void freezeOfTheClusterGoesOnTheOperatorsConfigMap(TestNamespace ns) {
    ns.createWeb();
    ns.client().configMaps().inNamespace(ns.name()).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("launchplan-config").endMetadata().build()).create();
    String ref = ns.name() + "/launchplan-config";
    OperatorProcess.start(ns, Path.of("target", "operator-" + ns.name() + ".log"),
        Map.of("LAUNCHPLAN_CONFIG_MAP", ref));
    ns.apply(observingLong("web"));
    ns.awaitPhase("web", Phase.Observing, MINUTE);

    PluginProcess.Result frozen = PluginProcess.run("freeze", "--cluster", "--config-map", ref, "--reason", "release freeze");
    System.out.println("freeze --cluster:\n" + frozen);
    assertThat(frozen.exitCode()).as(frozen.toString()).isZero();
    assertThat(frozen.out()).contains("configmap/launchplan-config annotated", ns.name() + "/web: Paused (Frozen)",
        "cluster config " + ref);

    PluginProcess.Result thawed = PluginProcess.run("unfreeze", "--cluster", "--config-map", ref);
    System.out.println("unfreeze --cluster:\n" + thawed);
    assertThat(thawed.exitCode()).as(thawed.toString()).isZero();
    assertThat(ns.awaitPhase("web", Phase.Observing, MINUTE).getStatus().getFreeze()).isNull();
  }

  @Test
  void lanesShowTheActiveLaunchAndTheQueue(TestNamespace ns) {
    ns.createWeb();
    ns.createDeployment("api", 2, "registry.example/api:1", Map.of("sim.launchplan.io/rps", "5"));
    ns.awaitAvailable("api", MINUTE);
    startOperator(ns);
    ns.apply(observingLong("web"));
    ns.awaitPhase("web", Phase.Observing, MINUTE);
    LaunchPlan api = Plans.simple("api", "api", "");
    ns.apply(api);
    ns.awaitReason("api", Phase.Pending, "LaneBusy", MINUTE);

    PluginProcess.Result r = PluginProcess.run("-n", ns.name(), "lanes");
    System.out.println("lanes:\n" + r);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().lines().toList()).hasSize(2);
    assertThat(r.out()).contains("web (Observing)", "1. api (LaneBusy)");

    PluginProcess.Result get = PluginProcess.run("-n", ns.name(), "get");
    System.out.println("get (lane busy):\n" + get);
    assertThat(get.out().lines().filter(l -> l.startsWith("api")).findFirst().orElseThrow())
        .contains("Pending", "LaneBusy", "lane " + ns.name() + ": next in line behind "); // cut at 80 characters
  }
}
