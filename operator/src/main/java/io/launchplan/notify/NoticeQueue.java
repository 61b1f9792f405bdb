package io.launchplan.notify;

import io.launchplan.api.SecretKeyRef;
import io.launchplan.metrics.OperatorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notices on their way, off the reconcile thread: at most {@code capacity} wait or are in
 * flight, more are dropped and counted ({@code reason="queue_full"}). Notices to one webhook of
 * one plan go out in order, one at a time; a try the {@link Sender} says may succeed later is
 * retried after the settings' backoff (doubling up to its maximum), up to the settings' attempts.
 * A notice given up on is counted in {@code launchplan_notification_failures_total{reason}} and
 * recorded in {@link DeliveryStatus}; a delivered one is counted and clears that record.
 */
final class NoticeQueue implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  /** Makes one try of one notice. */
  @FunctionalInterface
  interface Sender {
    /** One try: null when delivered, else why not. */
    Failure send(PlanRef plan, String url, SecretKeyRef secretRef, byte[] body);

    /**
     * Why one try failed.
     *
     * @param reason the metric's label, e.g. {@code status_5xx}
     * @param error what went wrong, for status and the log
     * @param retry whether another try may succeed
     */
    record Failure(String reason, String error, boolean retry) {}
  }

  private final Notifier.Settings settings;
  private final Sender sender;
  private final OperatorMetrics metrics;
  private final DeliveryStatus status;
  private final Clock clock;
  private final ScheduledThreadPoolExecutor executor;
  private final AtomicInteger pending = new AtomicInteger();
  /** Per plan and URL, the notices not yet delivered or given up on; the head is being sent. */
  private final Map<String, ArrayDeque<Delivery>> queues = new HashMap<>();

  NoticeQueue(Notifier.Settings settings, Sender sender, OperatorMetrics metrics, DeliveryStatus status, Clock clock) {
    this.settings = Objects.requireNonNull(settings);
    this.sender = Objects.requireNonNull(sender);
    this.metrics = Objects.requireNonNull(metrics);
    this.status = Objects.requireNonNull(status);
    this.clock = Objects.requireNonNull(clock);
    AtomicInteger n = new AtomicInteger();
    this.executor = new ScheduledThreadPoolExecutor(settings.threads(), r -> {
      Thread t = new Thread(r, "notifier-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Queues {@code body} for {@code url}; never blocks. {@code settled} runs once the notice is
   * delivered, given up on or dropped (not when the queue is closed first).
   *
   * @param what the notice for the log, e.g. {@code Canary/LaunchStarted}
   */
  void add(PlanRef plan, String url, SecretKeyRef secretRef, byte[] body, String what, Runnable settled) {
    Delivery d = new Delivery(plan, url, secretRef, body, what, settled, new AtomicInteger());
    if (pending.incrementAndGet() > settings.capacity()) {
      pending.decrementAndGet();
      lost(d, "queue_full", "dropped: the notification queue is full (" + settings.capacity() + " notices waiting)");
      d.settled().run();
      return;
    }
    boolean idle;
    synchronized (queues) {
      ArrayDeque<Delivery> q = queues.computeIfAbsent(d.key(), k -> new ArrayDeque<>());
      q.addLast(d);
      idle = q.size() == 1;
    }
    if (idle) {
      submit(() -> attempt(d.key()), Duration.ZERO);
    }
  }

  private void attempt(String key) {
    Delivery d;
    synchronized (queues) {
      ArrayDeque<Delivery> q = queues.get(key);
      d = q == null ? null : q.peekFirst();
    }
    if (d == null) {
      return;
    }
    int attempts = d.attempts().incrementAndGet();
    Sender.Failure failure = sender.send(d.plan(), d.url(), d.secretRef(), d.body());
    if (executor.isShutdown()) {
      return; // the operator stops: what is in flight is neither delivered nor lost
    }
    if (failure == null) {
      metrics.notificationSent();
      status.delivered(d.plan(), d.url());
      finish(key);
    } else if (failure.retry() && attempts < settings.attempts()) {
      log.debug("notice {} for {} to {} failed (try {}): {}", d.what(), d.plan(), d.url(), attempts, failure.error());
      submit(() -> attempt(key), settings.backoff(attempts));
    } else {
      lost(d, failure.reason(), failure.error() + " (after " + attempts + " tr" + (attempts == 1 ? "y" : "ies") + ")");
      finish(key);
    }
  }

  private void finish(String key) {
    boolean more;
    Delivery d;
    synchronized (queues) {
      ArrayDeque<Delivery> q = queues.get(key);
      d = q.pollFirst();
      more = !q.isEmpty();
      if (!more) {
        queues.remove(key);
      }
    }
    pending.decrementAndGet();
    d.settled().run();
    if (more) {
      submit(() -> attempt(key), Duration.ZERO);
    }
  }

  private void submit(Runnable task, Duration delay) {
    if (!executor.isShutdown()) {
      executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void lost(Delivery d, String reason, String error) {
    metrics.notificationFailed(reason);
    status.failed(d.plan(), d.url(), error, clock.instant());
    log.warn("notice {} for {} to {} lost: {}", d.what(), d.plan(), d.url(), error);
  }

  /** Stops sending; notices still waiting are not sent. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      // A send under way is interrupted: wait for it, so nothing is sent once close() returns.
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("a webhook send was still under way 5 s after the notifier stopped");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One notice to one webhook.
   *
   * @param settled run once the notice is delivered, given up on or dropped (not when the operator stops)
   * @param attempts the tries made so far
   */
  private record Delivery(PlanRef plan, String url, SecretKeyRef secretRef, byte[] body, String what,
      Runnable settled, AtomicInteger attempts) {
    String key() {
      return plan + " " + url;
    }
  }
}
