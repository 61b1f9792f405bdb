package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import io.launchplan.notify.HookServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhook notices survive the operator: the operator process is SIGKILLed while the revert notice
 * is being retried, and the next one sends it (and nothing already delivered); a plan written
 * before {@code status.notifiedThrough} existed is not announced again.
 */
@ExtendWith(ClusterExtension.class)
class NotifyRestartIT {
  private static final Duration T = Duration.ofSeconds(120);

  private static LaunchPlan planNotifying(String url, String canaryObserve) {
    return Plans.fromYaml(new PlanYaml().canaryObserve(canaryObserve).rolloutObserve("2s").yaml() + """
          notify:
            webhooks:
              - url: %s
                secretRef: {name: hook-token, key: token}
        """.formatted(url));
  }

  private static void tokenSecret(TestNamespace ns) {
    ns.client().secrets().inNamespace(ns.name()).resource(new SecretBuilder()
        .withNewMetadata().withName("hook-token").endMetadata().addToStringData("token", "t0ken").build()).create();
  }

  private static void patchPlan(TestNamespace ns, ObjectNode patch) {
    ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2")
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
  }

  /** "phase/reason" of the notices the hook answered with {@code code}, in arrival order. */
  private static List<String> received(HookServer hook, int code) {
    return hook.requests().stream().filter(r -> r.code() == code)
        .map(r -> Plans.json(r.body())).map(n -> n.path("phase").asText() + "/" + n.path("reason").asText()).toList();
  }

  private static int indexOf(List<HistoryEntry> history, String at) {
    return IntStream.range(0, history.size()).filter(i -> at.equals(history.get(i).getAt())).max().orElse(-1);
  }

  /** Waits until {@code status.notifiedThrough} is the newest history entry's time. */
  private static LaunchPlan awaitAllNotified(TestNamespace ns, Duration timeout) {
    Awaitility.await("notifiedThrough reaches the newest entry").atMost(timeout).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          var s = ns.plan("web-v2").getStatus();
          return s != null && !s.getHistory().isEmpty()
              && s.getHistory().get(s.getHistory().size() - 1).getAt().equals(s.getNotifiedThrough());
        });
    return ns.plan("web-v2");
  }

  @Test
  void aRevertNoticeQueuedWhenTheOperatorIsKilledIsSentByTheNextOne(TestNamespace ns) {
    tokenSecret(ns);
    ns.createWeb();
    Path log = OperatorProcess.logDir().toPath().resolve(ns.name() + ".log");
    try (HookServer hook = HookServer.start()) {
      OperatorProcess op = OperatorProcess.start(ns, log);
      ns.apply(planNotifying(hook.url(), "10m"));
      ns.awaitPhase("web-v2", Phase.Observing, T);
      awaitAllNotified(ns, Duration.ofSeconds(30)); // the start notice is delivered and recorded
      assertThat(received(hook, 200)).containsExactly("Canary/LaunchStarted");

      hook.thenAnswer(Collections.nCopies(50, 500).toArray(Integer[]::new)); // the receiver fails from now on
      ObjectNode abort = JsonNodeFactory.instance.objectNode();
      abort.putObject("metadata").putObject("annotations").put("launchplan.io/abort", "p99 doubled");
      patchPlan(ns, abort);
      Awaitility.await("the revert notice is refused").atMost(T).pollInterval(Duration.ofMillis(20))
          .until(() -> received(hook, 500).contains("Reverting/Aborted"));
      op.kill(); // while the notice waits for its retry
      int refused = received(hook, 500).size();

      LaunchPlan killed = ns.plan("web-v2");
      var history = killed.getStatus().getHistory();
      int aborted = IntStream.range(0, history.size()).filter(i -> "Aborted".equals(history.get(i).getReason()))
          .findFirst().orElseThrow();
      assertThat(indexOf(history, killed.getStatus().getNotifiedThrough()))
          .as("the revert is not recorded as notified").isBetween(0, aborted - 1);

      hook.answerOk(); // the receiver is back
      OperatorProcess.start(ns, log);
      ns.awaitPhase("web-v2", Phase.Reverted, T);
      LaunchPlan done = awaitAllNotified(ns, Duration.ofSeconds(60));
      List<String> delivered = received(hook, 200);
      System.out.println("refused before the kill: " + received(hook, 500) + "; delivered: " + delivered
          + "; notifiedThrough " + done.getStatus().getNotifiedThrough());
      assertThat(received(hook, 500)).as("the killed operator sent nothing more").hasSize(refused);
      assertThat(delivered).as("in order, the start notice not again")
          .containsExactly("Canary/LaunchStarted", "Reverting/Aborted", "Reverted/Aborted");
    }
  }

  @Test
  void aPlanWithHistoryButNoNotifiedThroughIsNotAnnouncedAgain(TestNamespace ns) {
    tokenSecret(ns);
    ns.createWeb();
    Path log = OperatorProcess.logDir().toPath().resolve(ns.name() + ".log");
    try (HookServer hook = HookServer.start()) {
      OperatorProcess op = OperatorProcess.start(ns, log);
      ns.apply(planNotifying(hook.url(), "2s"));
      ns.awaitPhase("web-v2", Phase.Succeeded, T);
      awaitAllNotified(ns, Duration.ofSeconds(30));
      op.kill();
      List<String> before = received(hook, 200);
      assertThat(before).containsExactly("Canary/LaunchStarted", "RollingOut/Promoted", "Succeeded/Verified");

      // What an operator from before the field left: the history, no notifiedThrough.
      ns.client().resources(LaunchPlan.class).inNamespace(ns.name()).withName("web-v2").editStatus(p -> {
        p.getStatus().setNotifiedThrough(null);
        return p;
      });
      assertThat(ns.plan("web-v2").getStatus().getNotifiedThrough()).isNull();

      OperatorProcess.start(ns, log);
      awaitAllNotified(ns, Duration.ofSeconds(60)); // the new operator has seen the plan
      sleep(2000);
      assertThat(received(hook, 200)).as("nothing announced again").isEqualTo(before);

      // The next launch is announced as usual.
      ObjectNode v3 = JsonNodeFactory.instance.objectNode();
      v3.putObject("spec").putObject("template").putObject("metadata").putObject("annotations").put("web/release", "3");
      patchPlan(ns, v3);
      Awaitility.await("the next launch's start notice").atMost(T).pollInterval(Duration.ofMillis(200))
          .until(() -> received(hook, 200).size() > before.size());
      assertThat(received(hook, 200).subList(before.size(), received(hook, 200).size()))
          .first().isEqualTo("Canary/LaunchStarted");
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
