package io.launchplan.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.metrics.OperatorMetrics;
import io.launchplan.notify.NoticeQueue.Sender.Failure;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The queue with a fake sender (no network): retries with backoff, order per webhook, the
 * capacity, giving up, and that nothing is tried once it is closed.
 */
class NoticeQueueTest {
  private static final PlanRef PLAN = new PlanRef("shop", "checkout");
  private static final Failure DOWN = new Failure("unreachable", "cannot connect: refused", true);
  private static final Failure NOT_FOUND = new Failure("status_4xx", "the webhook answered HTTP 404", false);
  private static final Notifier.Settings FAST =
      new Notifier.Settings(100, 4, Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(1), 2);

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final DeliveryStatus status = new DeliveryStatus();
  /** The answers the fake sender gives, in order; then it delivers. */
  private final Queue<Failure> answers = new ConcurrentLinkedQueue<>();
  /** What the fake sender was asked to send: {@code url body} at when. */
  private final List<String> tries = new CopyOnWriteArrayList<>();
  private final List<Instant> triedAt = new CopyOnWriteArrayList<>();
  private final List<String> settled = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch gate;
  private NoticeQueue queue;

  private final NoticeQueue.Sender sender = (plan, url, secretRef, body) -> {
    CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    tries.add(url + " " + new String(body, StandardCharsets.UTF_8));
    triedAt.add(Instant.now());
    return answers.poll();
  };

  @AfterEach
  void stop() {
    if (queue != null) {
      queue.close();
    }
  }

  private NoticeQueue queue(Notifier.Settings settings) {
    queue = new NoticeQueue(settings, sender, new OperatorMetrics(registry), status, Clock.systemUTC());
    return queue;
  }

  /** A queue with fast retries whose sender answers {@code first}, then delivers, and a first notice on it. */
  private void start(Failure... first) {
    answers.addAll(List.of(first));
    queue(FAST);
    add("http://hook/a", "n1");
  }

  private void awaitSettled(int notices) {
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> settled.size() == notices);
  }

  private void add(String url, String body) {
    queue.add(PLAN, url, null, body.getBytes(StandardCharsets.UTF_8), "Canary/LaunchStarted",
        () -> settled.add(url + " " + body));
  }

  private double counter(String name, String reason) {
    return registry.scrape().stream().filter(m -> m.getMetadata().getPrometheusName().equals(name))
        .flatMap(m -> ((CounterSnapshot) m).getDataPoints().stream())
        .filter(d -> reason == null || reason.equals(d.getLabels().get("reason")))
        .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
  }

  @Test
  void aFailedTryIsRetriedWithBackoffUntilItIsDelivered() {
    start(DOWN, DOWN);

    awaitSettled(1);
    assertThat(tries).containsExactly("http://hook/a n1", "http://hook/a n1", "http://hook/a n1");
    assertThat(Duration.between(triedAt.get(0), triedAt.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(45));
    assertThat(Duration.between(triedAt.get(1), triedAt.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(95));
    assertThat(counter("launchplan_notifications_sent", null)).isEqualTo(1);
    assertThat(status.lastFailure(PLAN)).isNull();
  }

  @Test
  void noticesToOneWebhookGoOutInOrderEvenWhenOneIsRetried() {
    start(DOWN);
    add("http://hook/a", "n2");
    add("http://hook/a", "n3");

    awaitSettled(3);
    assertThat(tries).containsExactly("http://hook/a n1", "http://hook/a n1", "http://hook/a n2", "http://hook/a n3");
    assertThat(settled).containsExactly("http://hook/a n1", "http://hook/a n2", "http://hook/a n3");
  }

  @Test
  void aNoticeThatKeepsFailingIsGivenUpOnCountedAndReported() {
    start(DOWN, DOWN, DOWN, DOWN, DOWN);

    awaitSettled(1);
    assertThat(tries).hasSize(FAST.attempts());
    assertThat(counter("launchplan_notification_failures", "unreachable")).isEqualTo(1);
    assertThat(status.lastFailure(PLAN).error()).isEqualTo("cannot connect: refused (after 4 tries)");
  }

  @Test
  void aFailureThatCannotPassIsNotRetried() {
    start(NOT_FOUND);

    awaitSettled(1);
    assertThat(tries).hasSize(1);
    assertThat(status.lastFailure(PLAN).error()).isEqualTo("the webhook answered HTTP 404 (after 1 try)");
  }

  @Test
  void whenTheQueueIsFullNoticesAreDroppedCountedAndSettledAtOnce() throws Exception {
    gate = new CountDownLatch(1);
    queue(new Notifier.Settings(2, 4, Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(1), 1));
    for (int i = 1; i <= 5; i++) {
      add("http://hook/a", "n" + i);
    }

    assertThat(counter("launchplan_notification_failures", "queue_full")).isEqualTo(3);
    assertThat(settled).containsExactly("http://hook/a n3", "http://hook/a n4", "http://hook/a n5");
    assertThat(status.lastFailure(PLAN).error()).contains("queue is full");
    gate.countDown();
    awaitSettled(5);
    assertThat(tries).containsExactly("http://hook/a n1", "http://hook/a n2");
  }

  @Test
  void twoWebhooksAreServedIndependently() {
    start();
    add("http://hook/b", "n1");

    awaitSettled(2);
    assertThat(tries).containsExactlyInAnyOrder("http://hook/a n1", "http://hook/b n1");
  }

  @Test
  void nothingIsTriedOnceTheQueueIsClosed() {
    answers.add(DOWN);
    queue(new Notifier.Settings(100, 4, Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(1), 1));
    add("http://hook/a", "n1");
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> tries.size() == 1);

    queue.close();
    List<String> atClose = new ArrayList<>(tries);
    add("http://hook/a", "n2");
    Awaitility.await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> true);
    assertThat(tries).isEqualTo(atClose);
    assertThat(settled).isEmpty();
  }

  @Test
  void triesAreCountedPerNotice() {
    start(DOWN, DOWN);
    awaitSettled(1);
    answers.addAll(List.of(DOWN, DOWN, DOWN));
    add("http://hook/a", "n2");
    awaitSettled(2);
    assertThat(tries).as("3 tries of n1, 4 of n2 (its own count, not n1's)").hasSize(7);
    assertThat(counter("launchplan_notifications_sent", null)).isEqualTo(2);
  }
}
