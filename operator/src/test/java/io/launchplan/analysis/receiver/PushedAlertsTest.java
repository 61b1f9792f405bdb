package io.launchplan.analysis.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.analysis.model.AnalysisOutcome;
import io.launchplan.analysis.model.Verdict;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.QueryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PushedAlertsTest {
  static final Map<String, String> CANARY_ALERT = Map.of("alertname", "HighErrorRatio", "namespace", "shop",
      "pod", "checkout-canary-1", "severity", "page");

  private final ReceiverTokenTest.MutableClock clock = new ReceiverTokenTest.MutableClock();
  private final PushedAlerts alerts = new PushedAlerts(clock, Duration.ofMinutes(10));
  private final RecordingWaker waker = new RecordingWaker();

  @BeforeEach
  void connect() {
    alerts.wakeWith(waker);
  }

  static LaunchPlan plan(Phase phase, String alertsYaml) {
    LaunchPlan plan = Serialization.unmarshal("""
        apiVersion: launchplan.io/v1alpha1
        kind: LaunchPlan
        metadata: {name: checkout, namespace: shop}
        spec:
          targetRef: {name: checkout}
          template: {spec: {containers: [{name: app, image: "x:2"}]}}
          analysis:
            interval: 60s
            queries: [{name: canary-5xx, expr: "vector(1) > 2"}]
            alerts:
        %s
        """.formatted(alertsYaml.indent(6).stripTrailing()), LaunchPlan.class);
    LaunchPlanStatus status = new LaunchPlanStatus();
    status.setPhase(phase);
    plan.setStatus(status);
    return plan;
  }

  static LaunchPlan observing() {
    return plan(Phase.Observing, "- matchLabels: {alertname: HighErrorRatio, namespace: shop}");
  }

  static WebhookAlert firing(String fingerprint, Map<String, String> labels) {
    return new WebhookAlert(true, labels, Instant.parse("2025-01-01T11:59:58Z"), fingerprint);
  }

  static WebhookAlert resolved(String fingerprint, Map<String, String> labels) {
    return new WebhookAlert(false, labels, null, fingerprint);
  }

  @Test
  void anAlertMatchingOnlyAShadowSelectorNeitherActsNorWakes() {
    alerts.receive(List.of(firing("fp1", CANARY_ALERT)));
    LaunchPlan plan = plan(Phase.Observing, "- {matchLabels: {alertname: HighErrorRatio}, mode: Shadow}");

    assertThat(alerts.outcomeFor(plan, List.of(), clock.instant())).isNull();
    assertThat(PushedAlerts.concerns(plan, alerts.firing())).isFalse();
  }

  @Test
  void aMatchingFiringAlertRevertsAtOnce() {
    alerts.receive(List.of(firing("fp1", CANARY_ALERT)));

    AnalysisOutcome outcome = alerts.outcomeFor(observing(), List.of(), clock.instant());

    assertThat(outcome.verdict()).isEqualTo(Verdict.REVERT);
    assertThat(outcome.decidedBy()).isEqualTo("alert:alertname=HighErrorRatio,namespace=shop");
    assertThat(outcome.message()).startsWith("alert:alertname=HighErrorRatio,namespace=shop fired (pushed by Alertmanager at ")
        .contains("pod=checkout-canary-1");
    assertThat(outcome.statuses()).singleElement().satisfies(s -> {
      assertThat(s.getName()).isEqualTo("alert:alertname=HighErrorRatio,namespace=shop");
      assertThat(s.firing()).isTrue();
      assertThat(s.getSince()).isEqualTo(clock.instant().toString());
    });
  }

  @Test
  void aPauseSelectorPausesAndARevertSelectorWins() {
    LaunchPlan pauseOnly = plan(Phase.Canary, "- {matchLabels: {severity: page}, action: Pause}");
    LaunchPlan both = plan(Phase.Canary, """
        - {matchLabels: {severity: page}, action: Pause}
        - {matchLabels: {namespace: shop}}""");
    alerts.receive(List.of(firing("fp1", CANARY_ALERT)));

    assertThat(alerts.outcomeFor(pauseOnly, List.of(), clock.instant()).verdict()).isEqualTo(Verdict.PAUSE);
    AnalysisOutcome outcome = alerts.outcomeFor(both, List.of(), clock.instant());
    assertThat(outcome.verdict()).isEqualTo(Verdict.REVERT);
    assertThat(outcome.decidedBy()).isEqualTo("alert:namespace=shop");
    assertThat(outcome.statuses()).extracting(QueryStatus::getName)
        .containsExactly("alert:severity=page", "alert:namespace=shop");
  }

  @Test
  void alertsThatDoNotMatchChangeNothing() {
    alerts.receive(List.of(firing("fp1", Map.of("alertname", "HighErrorRatio", "namespace", "other"))));

    assertThat(alerts.outcomeFor(observing(), List.of(), clock.instant())).isNull();
    assertThat(waker.woken).isEmpty();
  }

  @Test
  void theStatusesOfTheOtherChecksAreKept() {
    QueryStatus query = new QueryStatus("canary-5xx", null, false, null, null);
    QueryStatus wasFiring = new QueryStatus("alert:alertname=HighErrorRatio,namespace=shop", "1", true,
        "2025-01-01T11:59:00Z", null);
    alerts.receive(List.of(firing("fp1", CANARY_ALERT)));

    AnalysisOutcome outcome = alerts.outcomeFor(observing(), List.of(query, wasFiring), clock.instant());

    assertThat(outcome.statuses()).hasSize(2);
    assertThat(outcome.statuses().get(0)).isEqualTo(query);
    assertThat(outcome.statuses().get(1).getSince()).as("firing since is kept").isEqualTo("2025-01-01T11:59:00Z");
  }

  @Test
  void repeatedSelectorsAreNumberedAsThePollNumbersThem() {
    LaunchPlan plan = plan(Phase.Observing, """
        - {matchLabels: {namespace: shop}, action: Pause}
        - {matchLabels: {namespace: shop}}""");
    alerts.receive(List.of(firing("fp1", CANARY_ALERT)));

    AnalysisOutcome outcome = alerts.outcomeFor(plan, List.of(), clock.instant());
    assertThat(outcome.statuses()).extracting(QueryStatus::getName)
        .containsExactly("alert:namespace=shop", "alert:namespace=shop#2");
    assertThat(outcome.decidedBy()).isEqualTo("alert:namespace=shop#2");
  }

  @Test
  void onlyPhasesWhoseChecksCountAreJudged() {
    alerts.receive(List.of(firing("fp1", CANARY_ALERT)));
    String selector = "- matchLabels: {namespace: shop}";
    for (Phase phase : Phase.values()) {
      boolean expected = phase == Phase.Canary || phase == Phase.Observing || phase == Phase.RollingOut
          || phase == Phase.Verifying || phase == Phase.Paused;
      assertThat(alerts.outcomeFor(plan(phase, selector), List.of(), clock.instant()) != null)
          .as(phase.name()).isEqualTo(expected);
    }
    LaunchPlan pausedInPending = plan(Phase.Paused, selector);
    pausedInPending.getStatus().setPausedFrom(Phase.Reverting);
    assertThat(alerts.outcomeFor(pausedInPending, List.of(), clock.instant())).isNull();
  }

  @Test
  void aResolvedAlertNoLongerActs() {
    alerts.receive(List.of(firing("fp1", CANARY_ALERT)));
    alerts.receive(List.of(resolved("fp1", CANARY_ALERT)));

    assertThat(alerts.firing()).isEmpty();
    assertThat(alerts.outcomeFor(observing(), List.of(), clock.instant())).isNull();
  }

  @Test
  void anAlertNotPushedAgainExpiresAfterTheTtl() {
    alerts.receive(List.of(firing("fp1", CANARY_ALERT)));
    clock.advance(Duration.ofMinutes(9));
    alerts.receive(List.of(firing("fp1", CANARY_ALERT)));
    clock.advance(Duration.ofMinutes(9));
    assertThat(alerts.outcomeFor(observing(), List.of(), clock.instant())).as("re-pushed 9 min ago").isNotNull();
    assertThat(alerts.firing()).singleElement().satisfies(a -> {
      assertThat(a.firstReceivedAt()).isEqualTo(clock.instant().minus(Duration.ofMinutes(18)));
      assertThat(a.lastReceivedAt()).isEqualTo(clock.instant().minus(Duration.ofMinutes(9)));
    });

    clock.advance(Duration.ofMinutes(2));
    assertThat(alerts.outcomeFor(observing(), List.of(), clock.instant())).isNull();
    assertThat(alerts.firing()).isEmpty();
  }

  @Test
  void aPushWakesExactlyThePlansItConcerns() {
    LaunchPlan matching = observing();
    LaunchPlan otherLabels = plan(Phase.Observing, "- matchLabels: {namespace: elsewhere}");
    LaunchPlan ended = plan(Phase.Succeeded, "- matchLabels: {namespace: shop}");
    waker.plans.addAll(List.of(matching, otherLabels, ended));

    PushedAlerts.Receipt receipt = alerts.receive(List.of(firing("fp1", CANARY_ALERT), resolved("fp2", Map.of())));

    assertThat(receipt).isEqualTo(new PushedAlerts.Receipt(1, 0, 1));
    assertThat(waker.woken).containsExactly(matching);
  }

  @Test
  void resolvedAlertsWakeNobody() {
    waker.plans.add(observing());
    alerts.receive(List.of(firing("fp1", CANARY_ALERT)));
    waker.woken.clear();

    PushedAlerts.Receipt receipt = alerts.receive(List.of(resolved("fp1", CANARY_ALERT)));

    assertThat(receipt).isEqualTo(new PushedAlerts.Receipt(0, 1, 0));
    assertThat(waker.woken).isEmpty();
  }

  @Test
  void acceptsPushesOnlyWhileTheControllerRuns() {
    PushedAlerts unconnected = new PushedAlerts(clock, Duration.ofMinutes(10));
    assertThat(unconnected.accepting()).isFalse();
    assertThat(alerts.accepting()).isTrue();
    waker.running = false;
    assertThat(alerts.accepting()).isFalse();
  }

  @Test
  void combineKeepsThePollsPrecedence() {
    List<QueryStatus> none = List.of();
    AnalysisOutcome pass = new AnalysisOutcome(none, Verdict.PASS, null, "quiet");
    AnalysisOutcome error = new AnalysisOutcome(none, Verdict.ERROR, "q", "unreachable");
    AnalysisOutcome pollRevert = new AnalysisOutcome(none, Verdict.REVERT, "q", "query q fired");
    AnalysisOutcome pushedPause = new AnalysisOutcome(none, Verdict.PAUSE, "alert:a=b", "pushed pause");
    AnalysisOutcome pushedRevert = new AnalysisOutcome(none, Verdict.REVERT, "alert:a=b", "pushed revert");

    assertThat(PushedAlerts.combine(null, null)).isNull();
    assertThat(PushedAlerts.combine(pass, null)).isSameAs(pass);
    assertThat(PushedAlerts.combine(null, pushedPause)).isSameAs(pushedPause);
    assertThat(PushedAlerts.combine(pass, pushedPause)).isSameAs(pushedPause);
    assertThat(PushedAlerts.combine(error, pushedRevert)).isSameAs(pushedRevert);
    assertThat(PushedAlerts.combine(error, pushedPause).verdict()).isEqualTo(Verdict.ERROR);
    assertThat(PushedAlerts.combine(pollRevert, pushedPause).message()).isEqualTo("query q fired");
  }

  /** Wakes from a fixed list of plans and records which. */
  static final class RecordingWaker implements PlanWaker {
    final List<LaunchPlan> plans = new ArrayList<>();
    final List<LaunchPlan> woken = new ArrayList<>();
    volatile boolean running = true;

    @Override
    public boolean running() {
      return running;
    }

    @Override
    public int wake(Predicate<LaunchPlan> which) {
      List<LaunchPlan> hit = plans.stream().filter(which).toList();
      woken.addAll(hit);
      return hit.size();
    }
  }
}
