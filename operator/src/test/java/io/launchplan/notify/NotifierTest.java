package io.launchplan.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.SecretKeyRef;
import io.launchplan.api.WebhookSpec;
import io.launchplan.metrics.OperatorMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotifierTest {
  /** Fast retries for tests: 100 ms, 200 ms, 400 ms, ... */
  static final Notifier.Settings FAST = new Notifier.Settings(100, 5, Duration.ofMillis(100), Duration.ofMillis(800),
      Duration.ofSeconds(2), 2);

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final OperatorMetrics metrics = new OperatorMetrics(registry);
  private final DeliveryStatus status = new DeliveryStatus();
  private final List<PlanRef> changes = new CopyOnWriteArrayList<>();
  private final HookServer hook = HookServer.start();
  private Notifier notifier;

  {
    status.onChange(changes::add);
  }

  @AfterEach
  void stop() {
    if (notifier != null) {
      notifier.close();
    }
    hook.close();
  }

  private Notifier notifier(Notifier.Settings settings) {
    notifier = new Notifier(settings, (ns, ref) -> "tok-" + ns + "-" + ref.getName() + "-" + ref.getKey(), metrics,
        status, Clock.systemUTC());
    return notifier;
  }

  static LaunchPlan planNotifying(String... urls) {
    LaunchPlan plan = NoticeTest.plan();
    plan.getSpec().getNotify().setWebhooks(java.util.Arrays.stream(urls)
        .map(u -> new WebhookSpec(u, new SecretKeyRef("hook-token", "token"))).toList());
    return plan;
  }

  double counter(String name, String... labels) {
    return registry.scrape().stream().filter(m -> m.getMetadata().getPrometheusName().equals(name))
        .flatMap(m -> ((CounterSnapshot) m).getDataPoints().stream())
        .filter(d -> labels.length == 0 || labels[1].equals(d.getLabels().get(labels[0])))
        .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
  }

  @Test
  void aNoticeIsRetriedWithBackoffUntilTheWebhookTakesIt() throws Exception {
    hook.thenAnswer(500, 503);
    notifier(FAST).transition(planNotifying(hook.url()), NoticeTest.entry(Phase.Canary, "LaunchStarted", "launching"));

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> counter("launchplan_notifications_sent") == 1);
    List<HookServer.Request> got = hook.requests();
    assertThat(got).hasSize(3);
    assertThat(Duration.between(got.get(0).at(), got.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(90));
    assertThat(Duration.between(got.get(1).at(), got.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    HookServer.Request last = got.get(2);
    assertThat(last.authorization()).isEqualTo("Bearer tok-shop-hook-token-token");
    assertThat(last.contentType()).isEqualTo("application/json");
    assertThat(new ObjectMapper().readTree(last.body()).path("text").asText()).startsWith(":rocket: shop/checkout");
    assertThat(counter("launchplan_notification_failures")).isZero();
    assertThat(status.lastFailure(new PlanRef("shop", "checkout"))).isNull();
    assertThat(changes).as("nothing to report: it never failed for good").isEmpty();
  }

  @Test
  void theDefaultBackoffDoublesFromHalfASecondToEightSeconds() {
    Notifier.Settings d = Notifier.Settings.DEFAULTS;
    assertThat(d.attempts()).isEqualTo(5);
    assertThat(List.of(d.backoff(1), d.backoff(2), d.backoff(3), d.backoff(4), d.backoff(5), d.backoff(9)))
        .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
            Duration.ofSeconds(8), Duration.ofSeconds(8));
  }

  @Test
  void aWebhookThatIsDownIsGivenUpOnCountedAndReported() {
    notifier(new Notifier.Settings(100, 3, Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofSeconds(1), 2))
        .transition(planNotifying(HookServer.deadUrl()), NoticeTest.entry(Phase.Canary, "LaunchStarted", "launching"));

    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> counter("launchplan_notification_failures", "reason", "unreachable") == 1);
    DeliveryStatus.Failure failure = status.lastFailure(new PlanRef("shop", "checkout"));
    assertThat(failure.error()).contains("cannot connect").contains("after 3 tries");
    assertThat(changes).containsExactly(new PlanRef("shop", "checkout"));
  }

  @Test
  void aLaterDeliveryClearsTheFailure() {
    hook.thenAnswer(500, 500);
    LaunchPlan plan = planNotifying(hook.url());
    notifier(new Notifier.Settings(100, 2, Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofSeconds(1), 2))
        .transition(plan, NoticeTest.entry(Phase.Canary, "LaunchStarted", "launching"));
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> counter("launchplan_notification_failures", "reason", "status_5xx") == 1);
    assertThat(status.lastFailure(PlanRef.of(plan)).error()).contains("HTTP 500");

    notifier.transition(plan, NoticeTest.entry(Phase.RollingOut, "Promoted", "rolling out"));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> status.lastFailure(PlanRef.of(plan)) == null);
    assertThat(changes).hasSize(2);
  }

  @Test
  void clientErrorsAreNotRetried() {
    hook.thenAnswer(400);
    notifier(FAST).transition(planNotifying(hook.url()), NoticeTest.entry(Phase.Canary, "LaunchStarted", "launching"));
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> counter("launchplan_notification_failures", "reason", "status_4xx") == 1);
    assertThat(hook.requests()).hasSize(1);
  }

  @Test
  void noticesToOneWebhookArriveInOrderEvenWhenOneIsRetried() throws Exception {
    hook.thenAnswer(500);
    LaunchPlan plan = planNotifying(hook.url());
    notifier(FAST);
    notifier.transition(plan, NoticeTest.entry(Phase.Canary, "LaunchStarted", "1"));
    notifier.transition(plan, NoticeTest.entry(Phase.RollingOut, "Promoted", "2"));
    notifier.transition(plan, NoticeTest.entry(Phase.Succeeded, "Verified", "3"));

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> counter("launchplan_notifications_sent") == 3);
    ObjectMapper json = new ObjectMapper();
    List<String> phases = hook.requests().stream().map(r -> {
      try {
        return json.readTree(r.body()).path("phase").asText();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
    assertThat(phases).containsExactly("Canary", "Canary", "RollingOut", "Succeeded");
  }

  @Test
  void whenTheQueueIsFullNoticesAreDroppedAndCountedWithoutBlocking() {
    hook.hold();
    LaunchPlan plan = planNotifying(hook.url());
    notifier(new Notifier.Settings(2, 5, Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofSeconds(10), 1));

    long started = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      notifier.transition(plan, NoticeTest.entry(Phase.Paused, "AnalysisPause", "notice " + i));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));

    assertThat(counter("launchplan_notification_failures", "reason", "queue_full")).isEqualTo(3);
    assertThat(status.lastFailure(PlanRef.of(plan)).error()).contains("queue");
    hook.release();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> counter("launchplan_notifications_sent") == 2);
  }

  @Test
  void aMissingTokenSecretIsRetriedThenLost() {
    notifier = new Notifier(new Notifier.Settings(100, 2, Duration.ofMillis(20), Duration.ofMillis(40),
        Duration.ofSeconds(1), 2), (ns, ref) -> null, metrics, status, Clock.systemUTC());
    notifier.transition(planNotifying(hook.url()), NoticeTest.entry(Phase.Canary, "LaunchStarted", "launching"));
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> counter("launchplan_notification_failures", "reason", "secret") == 1);
    assertThat(hook.requests()).as("never sent without its token").isEmpty();
  }

  @Test
  void aWebhookWithoutSecretIsSentWithoutAuthorization() {
    LaunchPlan plan = NoticeTest.plan();
    plan.getSpec().getNotify().setWebhooks(List.of(new WebhookSpec(hook.url(), null)));
    notifier(FAST).transition(plan, NoticeTest.entry(Phase.Succeeded, "Verified", "done"));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hook.requests().size() == 1);
    assertThat(hook.requests().get(0).authorization()).isNull();
  }

  @Test
  void routineStepsAndPlansWithoutWebhooksSendNothing() throws Exception {
    notifier(FAST);
    notifier.transition(planNotifying(hook.url()), NoticeTest.entry(Phase.Observing, "CanaryReady", "ready"));
    LaunchPlan silent = NoticeTest.plan();
    silent.getSpec().setNotify(null);
    notifier.transition(silent, NoticeTest.entry(Phase.Canary, "LaunchStarted", "launching"));
    Thread.sleep(300);
    assertThat(hook.requests()).isEmpty();
  }

  // --- at least once across restarts: status.notifiedThrough, settle() before the write, catchUp() after ---

  private final List<PlanRef> settledWakeUps = new CopyOnWriteArrayList<>();

  {
    status.onSettled(settledWakeUps::add);
  }

  /** One reconcile as the reconciler does it: the decision's history, settle, the status write, catchUp. */
  private static LaunchPlanStatus reconcile(Notifier notifier, LaunchPlan plan, HistoryEntry... history) {
    LaunchPlanStatus next = new LaunchPlanStatus();
    next.setHistory(new java.util.ArrayList<>(List.of(history)));
    notifier.settle(plan, next);
    plan.setStatus(next); // the write
    notifier.catchUp(plan, next);
    return next;
  }

  static HistoryEntry at(String at, Phase phase, String reason) {
    return new HistoryEntry(phase, reason, reason, "5d8c7f9b", at);
  }

  static final HistoryEntry PENDING = at("2025-01-01T12:00:00Z", Phase.Pending, "Queued");
  static final HistoryEntry CANARY = at("2025-01-01T12:00:01Z", Phase.Canary, "LaunchStarted");
  static final HistoryEntry OBSERVING = at("2025-01-01T12:00:02Z", Phase.Observing, "CanaryReady");
  static final HistoryEntry REVERTING = at("2025-01-01T12:00:03Z", Phase.Reverting, "AnalysisRevert");

  /** The phases of the notices the hook answered with {@code code}. */
  private List<String> phasesReceived(int code) {
    ObjectMapper json = new ObjectMapper();
    return hook.requests().stream().filter(r -> r.code() == code).map(r -> {
      try {
        return json.readTree(r.body()).path("phase").asText();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  @Test
  void aTransitionIsSentOnceAndRecordedInStatusWhenDelivered() throws Exception {
    LaunchPlan plan = planNotifying(hook.url());
    notifier(FAST);
    assertThat(reconcile(notifier, plan, PENDING).getNotifiedThrough())
        .as("an entry without a notice is done at once").isEqualTo(PENDING.getAt());

    assertThat(reconcile(notifier, plan, PENDING, CANARY).getNotifiedThrough()).isEqualTo(PENDING.getAt());
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !settledWakeUps.isEmpty());
    assertThat(settledWakeUps).containsExactly(PlanRef.of(plan));
    assertThat(reconcile(notifier, plan, PENDING, CANARY).getNotifiedThrough()).isEqualTo(CANARY.getAt());
    assertThat(reconcile(notifier, plan, PENDING, CANARY, OBSERVING).getNotifiedThrough()).isEqualTo(OBSERVING.getAt());
    Thread.sleep(300);
    assertThat(phasesReceived(200)).containsExactly("Canary");
  }

  @Test
  void aNoticeStillQueuedIsNotQueuedAgainByTheNextReconcile() throws Exception {
    hook.thenAnswer(500, 500);
    LaunchPlan plan = planNotifying(hook.url());
    notifier(FAST);
    reconcile(notifier, plan, PENDING, CANARY);
    reconcile(notifier, plan, PENDING, CANARY);
    reconcile(notifier, plan, PENDING, CANARY, OBSERVING, REVERTING);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> counter("launchplan_notifications_sent") == 2);
    Thread.sleep(300);
    assertThat(phasesReceived(500)).containsExactly("Canary", "Canary");
    assertThat(phasesReceived(200)).containsExactly("Canary", "Reverting");
    assertThat(reconcile(notifier, plan, PENDING, CANARY, OBSERVING, REVERTING).getNotifiedThrough())
        .isEqualTo(REVERTING.getAt());
  }

  @Test
  void aRestartedOperatorSendsWhatTheStoppedOneLeftUnsentAndNothingElse() throws Exception {
    LaunchPlan plan = planNotifying(hook.url());
    Notifier first = notifier(FAST);
    reconcile(first, plan, PENDING, CANARY);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !settledWakeUps.isEmpty());
    reconcile(first, plan, PENDING, CANARY); // the woken reconcile records the delivery
    hook.thenAnswer(500, 500, 500, 500, 500, 500, 500, 500, 500, 500);
    reconcile(first, plan, PENDING, CANARY, REVERTING);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hook.requests().size() >= 2);
    first.close(); // killed while the revert notice is being retried
    assertThat(plan.getStatus().getNotifiedThrough()).isEqualTo(CANARY.getAt());
    // A try already on the wire when it was killed may still reach the webhook: let it land (and
    // be refused) before the webhook comes back, as it would for a process that died.
    int seen = hook.requests().size();
    Thread.sleep(300);
    assertThat(hook.requests()).as("nothing more is sent once the notifier is closed").hasSizeLessThanOrEqualTo(seen + 1);

    hook.answerOk(); // the webhook is back
    DeliveryStatus restartedStatus = new DeliveryStatus();
    List<PlanRef> restartedWakeUps = new CopyOnWriteArrayList<>();
    restartedStatus.onSettled(restartedWakeUps::add);
    Notifier second = new Notifier(FAST, (ns, ref) -> "t", metrics, restartedStatus, Clock.systemUTC());
    try {
      LaunchPlan restarted = planNotifying(hook.url());
      restarted.setStatus(plan.getStatus()); // what the new operator reads from the API server
      assertThat(reconcile(second, restarted, PENDING, CANARY, REVERTING).getNotifiedThrough()).isEqualTo(CANARY.getAt());
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !restartedWakeUps.isEmpty());
      assertThat(reconcile(second, restarted, PENDING, CANARY, REVERTING).getNotifiedThrough())
          .isEqualTo(REVERTING.getAt());
      reconcile(second, restarted, PENDING, CANARY, REVERTING);
      Thread.sleep(300);
      assertThat(phasesReceived(200)).as("delivered before the kill: not sent again").containsExactly("Canary", "Reverting");
    } finally {
      second.close();
    }
  }

  @Test
  void aPlanWithHistoryButNoMarkIsNotAnnouncedAgain() throws Exception {
    LaunchPlan plan = planNotifying(hook.url());
    LaunchPlanStatus old = new LaunchPlanStatus(); // written by an operator before status.notifiedThrough existed
    old.setHistory(new java.util.ArrayList<>(List.of(PENDING, CANARY, REVERTING)));
    plan.setStatus(old);
    notifier(FAST);
    assertThat(reconcile(notifier, plan, PENDING, CANARY, REVERTING).getNotifiedThrough()).isEqualTo(REVERTING.getAt());
    HistoryEntry reverted = at("2025-01-01T12:00:09Z", Phase.Reverted, "Restored");
    reconcile(notifier, plan, PENDING, CANARY, REVERTING, reverted);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hook.requests().size() == 1);
    Thread.sleep(300);
    assertThat(phasesReceived(200)).containsExactly("Reverted");
  }

  @Test
  void aNoticeGivenUpOnIsRecordedAsSettledSoItIsNotRetriedForever() {
    LaunchPlan plan = planNotifying(HookServer.deadUrl());
    notifier(new Notifier.Settings(100, 2, Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofSeconds(1), 2));
    reconcile(notifier, plan, PENDING, CANARY);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !settledWakeUps.isEmpty());
    assertThat(reconcile(notifier, plan, PENDING, CANARY).getNotifiedThrough()).isEqualTo(CANARY.getAt());
    assertThat(status.lastFailure(PlanRef.of(plan)).error()).contains("after 2 tries");
  }

  @Test
  void aPlanWithoutWebhooksHasNoMarkAndQueuesNothing() throws Exception {
    LaunchPlan plan = NoticeTest.plan();
    plan.getSpec().setNotify(null);
    notifier(FAST);
    assertThat(reconcile(notifier, plan, PENDING, CANARY).getNotifiedThrough()).isNull();
    Thread.sleep(200);
    assertThat(settledWakeUps).isEmpty();
    assertThat(counter("launchplan_notifications_sent")).isZero();
  }

  @Test
  void everyWebhookMustSettleBeforeTheEntryIsMarked() {
    HookServer other = HookServer.start();
    try {
      other.hold();
      LaunchPlan plan = planNotifying(hook.url(), other.url());
      notifier(FAST);
      reconcile(notifier, plan, PENDING, CANARY);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hook.requests().size() == 1);
      assertThat(reconcile(notifier, plan, PENDING, CANARY).getNotifiedThrough()).isEqualTo(PENDING.getAt());
      other.release();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !settledWakeUps.isEmpty());
      assertThat(reconcile(notifier, plan, PENDING, CANARY).getNotifiedThrough()).isEqualTo(CANARY.getAt());
    } finally {
      other.close();
    }
  }
}
