package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.it.ClusterExtension;
import io.launchplan.it.OperatorProcess;
import io.launchplan.it.Plans;
import io.launchplan.it.TestNamespace;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code get -w} and {@code status --wait} as real processes against the real cluster, with the
 * operator running as a process of its own.
 */
@ExtendWith(ClusterExtension.class)
class FollowAndStatusIT {
  /** A check that always fires (an instant vector with one series): the canary is reverted at its first tick. */
  static final String ALWAYS_FIRES = """
      analysis:
        interval: 1s
        queries:
          - {name: always-bad, expr: 'vector(1) > 0', action: Revert}
      """;

  /** A plan whose canary is observed for 10 minutes: it stays Observing for the test's length. */
  static LaunchPlan observingLong(String name) {
    LaunchPlan plan = Plans.simple(name, "web", "");
    plan.getSpec().getCanary().setObserve("10m");
    return plan;
  }

  /** The operator running and plan web Observing for 10 minutes, the test's length. */
  static void webObservingLong(TestNamespace ns) {
    ns.createWeb();
    startOperator(ns);
    ns.apply(observingLong("web"));
    ns.awaitPhase("web", Phase.Observing, Duration.ofSeconds(60));
  }

  static void startOperator(TestNamespace ns) {
    OperatorProcess.start(ns, Path.of("target", "operator-" + ns.name() + ".log"));
  }

  @Test
  void getWatchFollowsAGoodLaunchToItsEndAndExits(TestNamespace ns) {
    ns.createWeb();
    startOperator(ns);
    ns.apply(Plans.simple("web", "web", ""));
    PluginProcess watch = PluginProcess.start("-n", ns.name(), "get", "web", "-w");
    PluginProcess.Result r = watch.await(Duration.ofSeconds(120));
    System.out.println("get web -w:\n" + r);

    LaunchPlan plan = ns.plan("web");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(plan.getStatus().getPhase()).isEqualTo(Phase.Succeeded);
    // every step of the launch, in order, then the closing summary
    assertThat(r.out()).containsSubsequence("TIME", "PHASE", "REASON", "REVISION", "MESSAGE");
    assertThat(r.out()).containsSubsequence("LaunchStarted", "CanaryReady", "Promoted", "RolledOut", "Verified",
        ns.name() + "/web: Succeeded");
    assertThat(r.out().lines().filter(l -> l.matches("^\\d{4}-.*  LaunchStarted .*")).toList()).as("each entry once").hasSize(1);
    assertThat(r.err()).isEmpty();
    assertThat(r.out().lines().filter(l -> l.startsWith(ns.name() + "/web: ")).toList()).hasSize(1);
    // it exits once the launch ended, not before and not much later
    Instant ended = Instant.parse(plan.getStatus().getEndedAt());
    Instant last = watch.lines().get(watch.lines().size() - 1).at();
    assertThat(last).isAfterOrEqualTo(ended.minusMillis(5)); // clocks: same machine
    assertThat(Duration.between(ended, watch.started.plus(r.took()))).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void getWatchOfANamespaceFollowsItsLaunchesUntilTheyEnd(TestNamespace ns) {
    ns.createWeb();
    startOperator(ns);
    LaunchPlan held = Plans.simple("web", "web", "");
    held.getSpec().setPaused(true); // held until the watch is seen following it
    ns.apply(held);
    PluginProcess watch = PluginProcess.start("-n", ns.name(), "get", "-w");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> watch.lines().stream().anyMatch(l -> l.text().contains("ManualPause")));
    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web")
        .edit(p -> {
          p.getSpec().setPaused(null);
          return p;
        });
    PluginProcess.Result r = watch.await(Duration.ofSeconds(120));
    System.out.println("get -w:\n" + r);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(ns.plan("web").getStatus().getPhase()).isEqualTo(Phase.Succeeded);
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("NAME").contains("PHASE");
    assertThat(lines.stream().filter(l -> l.startsWith("NAME")).toList()).as("one header").hasSize(1);
    // a row each time the plan's phase or reason changed, as it happened, the last one Succeeded
    assertThat(lines.subList(1, lines.size())).allMatch(l -> l.startsWith("web "));
    assertThat(String.join("\n", lines)).containsSubsequence("ManualPause", "Observing", "Succeeded");
    assertThat(lines.get(lines.size() - 1)).contains("Succeeded");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void getWatchStopsCleanlyOnCtrlC(TestNamespace ns) throws Exception {
    webObservingLong(ns);
    PluginProcess watch = PluginProcess.start("-n", ns.name(), "get", "web", "-w");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> watch.lines().stream().anyMatch(l -> l.text().contains("CanaryReady")));
    assertThat(watch.alive()).as("a launch that has not ended is followed").isTrue();

    watch.interrupt(); // what Ctrl-C sends
    PluginProcess.Result r = watch.await(Duration.ofSeconds(30));
    System.out.println("get web -w, then SIGINT:\n" + r);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(130);
    assertThat(r.err()).as("no stack trace, no message").isEmpty();
  }

  @Test
  void statusWaitExitsZeroForASuccess(TestNamespace ns) {
    ns.createWeb();
    startOperator(ns);
    ns.apply(Plans.simple("web", "web", ""));
    PluginProcess.Result r = PluginProcess.run(Duration.ofSeconds(120), "-n", ns.name(), "status", "web", "--wait", "--timeout", "100s");
    System.out.println("status --wait (success):\n" + r);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains(ns.name() + "/web: Succeeded");
    assertThat(ns.plan("web").getStatus().getPhase()).isEqualTo(Phase.Succeeded);
  }

  @Test
  void statusWaitExitsOneForARevert(TestNamespace ns) {
    ns.createWeb();
    startOperator(ns);
    ns.apply(Plans.simple("web", "web", ALWAYS_FIRES));
    PluginProcess.Result r = PluginProcess.run(Duration.ofSeconds(120), "-n", ns.name(), "status", "web", "--wait", "--timeout", "100s");
    System.out.println("status --wait (revert):\n" + r);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains(ns.name() + "/web: Reverted");
    assertThat(ns.plan("web").getStatus().getPhase()).isEqualTo(Phase.Reverted);
  }

  @Test
  void statusWaitExitsTwoAtItsTimeoutAndThreeForAnError(TestNamespace ns) {
    webObservingLong(ns);
    PluginProcess.Result r = PluginProcess.run(Duration.ofSeconds(60), "-n", ns.name(), "status", "web", "--wait", "--timeout", "3s");
    System.out.println("status --wait --timeout 3s:\n" + r);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).contains(ns.name() + "/web: Observing");
    assertThat(r.err()).contains("timed out after 3s waiting for web to end");
    assertThat(r.took()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(30));

    PluginProcess.Result missing = PluginProcess.run("-n", ns.name(), "status", "nope", "--wait");
    System.out.println("status nope --wait:\n" + missing);
    assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(3);
    assertThat(missing.err()).isEqualTo("Error from server (NotFound): launchplans.launchplan.io \"nope\" not found\n");

    PluginProcess.Result noWait = PluginProcess.run("-n", ns.name(), "status", "web");
    assertThat(noWait.exitCode()).as(noWait.toString()).isEqualTo(2);
  }

  @Test
  void getShowsTheTableAndOnePlanInFull(TestNamespace ns) {
    ns.createWeb();
    startOperator(ns);
    ns.apply(Plans.simple("web", "web", ALWAYS_FIRES));
    ns.awaitPhase("web", Phase.Reverted, Duration.ofSeconds(90));

    PluginProcess.Result table = PluginProcess.run("-n", ns.name(), "get");
    System.out.println("get:\n" + table);
    assertThat(table.exitCode()).as(table.toString()).isZero();
    List<String> lines = table.out().lines().toList();
    assertThat(lines.get(0)).startsWith("NAME").contains("PHASE", "REASON", "TARGET", "REVISION", "AGE", "HELD BY");
    assertThat(lines.get(1)).startsWith("web").contains("Reverted", ns.plan("web").getStatus().getRevision());

    PluginProcess.Result one = PluginProcess.run("-n", ns.name(), "get", "web");
    System.out.println("get web:\n" + one);
    assertThat(one.out()).contains("Phase:", "Reverted", "Waiting for:", "Analysis:", "always-bad", "Timeline:", "Reverting",
        "Postmortem:  owed for reverted revision " + ns.plan("web").getStatus().getRevision());

    PluginProcess.Result json = PluginProcess.run("-n", ns.name(), "get", "web", "-o", "json");
    assertThat(json.exitCode()).isZero();
    LaunchPlan parsed = Serialization.unmarshal(json.out(), LaunchPlan.class);
    assertThat(parsed.getStatus().getPhase()).isEqualTo(Phase.Reverted);
    assertThat(json.out()).startsWith("{").doesNotContain("managedFields");

    PluginProcess.Result yaml = PluginProcess.run("-A", "get", "-o", "yaml");
    assertThat(yaml.exitCode()).as(yaml.toString()).isZero();
    JsonNode list = Plans.yamlOfAnySize(yaml.out()); // every plan of the cluster: megabytes on a shared or benchmarked one
    assertThat(list.get("kind").asText()).isEqualTo("List");
    assertThat(list.get("items").findValuesAsText("namespace")).contains(ns.name());
  }
}
