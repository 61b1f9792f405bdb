package io.launchplan.notify;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.SecretKeyRef;
import io.launchplan.api.WebhookSpec;
import io.launchplan.metrics.OperatorMetrics;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends launch notices ({@link Notice}) to the plan's webhooks, off the reconcile thread.
 *
 * <p>{@link #transition} only enqueues: at most {@code capacity} notices wait or are in flight;
 * more are dropped and counted ({@code reason="queue_full"}). Notices to one webhook of one plan
 * go out in order, one at a time; a failed attempt (connection refused, timeout, 408, 429, 5xx,
 * a Secret not readable yet) is retried after 0.5 s, 1 s, 2 s, 4 s (doubling up to 8 s), other
 * 4xx are not retried. A notice given up on is counted in
 * {@code launchplan_notification_failures_total{reason}} and recorded in {@link DeliveryStatus}.
 *
 * <p>Delivery is at least once across restarts and leader changes: the reconciler calls
 * {@link #settle} before its status write, recording in {@code status.notifiedThrough} how far
 * the plan's notices are settled, and {@link #catchUp} after it, queuing every history entry past
 * that mark not queued yet in this process. A notice delivered just before the operator stops,
 * before its plan recorded it, is sent again by the next one.
 */
public final class Notifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  /**
   * @param capacity notices waiting or in flight, at most
   * @param attempts tries per notice, the first included
   * @param firstBackoff wait before the second try; doubles for each further one
   * @param maxBackoff the longest wait between tries
   * @param timeout connect and response timeout of one try
   * @param threads sending threads
   */
  public record Settings(int capacity, int attempts, Duration firstBackoff, Duration maxBackoff, Duration timeout,
      int threads) {
    public static final Settings DEFAULTS =
        new Settings(1000, 5, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(5), 2);

    /** The wait after the {@code failedAttempts}-th failed try. */
    Duration backoff(int failedAttempts) {
      Duration d = firstBackoff.multipliedBy(1L << Math.min(failedAttempts - 1, 20));
      return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
  }

  /** Reads a webhook token: the value, or null when the Secret or key does not exist; throws on API errors. */
  @FunctionalInterface
  public interface TokenLookup {
    String token(String namespace, SecretKeyRef ref);
  }

  private final Settings settings;
  private final TokenLookup tokens;
  private final OperatorMetrics metrics;
  private final DeliveryStatus status;
  private final Clock clock;
  private final HttpClient http;
  private final ScheduledThreadPoolExecutor executor;
  private final AtomicInteger pending = new AtomicInteger();
  /** Per plan and URL, the notices not yet delivered or given up on; the head is being sent. */
  private final Map<String, ArrayDeque<Delivery>> queues = new HashMap<>();

  public Notifier(Settings settings, TokenLookup tokens, OperatorMetrics metrics, DeliveryStatus status, Clock clock) {
    this.settings = Objects.requireNonNull(settings);
    this.tokens = Objects.requireNonNull(tokens);
    this.metrics = Objects.requireNonNull(metrics);
    this.status = Objects.requireNonNull(status);
    this.clock = Objects.requireNonNull(clock);
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    AtomicInteger n = new AtomicInteger();
    this.executor = new ScheduledThreadPoolExecutor(settings.threads(), r -> {
      Thread t = new Thread(r, "notifier-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public DeliveryStatus status() {
    return status;
  }

  /**
   * Before the status write: moves {@code next.notifiedThrough} past the history entries whose
   * notices are settled in this process (see {@link NoticeCursor} for the rules), or clears it on a
   * plan without webhooks. Reads memory only.
   */
  public void settle(LaunchPlan plan, LaunchPlanStatus next) {
    if (webhooks(plan).isEmpty()) {
      next.setNotifiedThrough(null);
      return;
    }
    PlanRef ref = PlanRef.of(plan);
    String uid = uid(plan);
    next.setNotifiedThrough(NoticeCursor.advance(next.getHistory(), NoticeCursor.start(plan.getStatus()),
        e -> Notice.of(plan, e) == null || status.ledger.settled(ref, uid, NoticeCursor.key(e))));
  }

  /**
   * After the status write (or when nothing changed): queues, in order, the notices of the history
   * entries after {@code written.notifiedThrough} that this process has not queued yet, such as
   * the transition just written, or those a stopped operator left unsent. Never blocks.
   */
  public void catchUp(LaunchPlan plan, LaunchPlanStatus written) {
    PlanRef ref = PlanRef.of(plan);
    List<WebhookSpec> hooks = webhooks(plan);
    if (hooks.isEmpty()) {
      status.ledger.forget(ref);
      return;
    }
    String uid = uid(plan);
    List<HistoryEntry> history = written.getHistory() == null ? List.of() : written.getHistory();
    status.ledger.keepOnly(ref, uid, history.stream().map(NoticeCursor::key).toList());
    String mark = Objects.requireNonNullElseGet(written.getNotifiedThrough(), () -> NoticeCursor.start(written));
    for (HistoryEntry e : NoticeCursor.owed(history, mark)) {
      Notice notice = Notice.of(plan, e);
      String key = NoticeCursor.key(e);
      if (notice != null && status.ledger.open(ref, uid, key, hooks.size())) {
        enqueue(ref, hooks, notice, () -> status.ledger.settleOne(ref, uid, key));
      }
    }
  }

  /**
   * Queues the notice for {@code transition} to each of the plan's webhooks, whatever was queued
   * before; never blocks. The reconciler uses {@link #catchUp}, which also survives restarts.
   */
  public void transition(LaunchPlan plan, HistoryEntry transition) {
    List<WebhookSpec> hooks = webhooks(plan);
    Notice notice = hooks.isEmpty() ? null : Notice.of(plan, transition);
    if (notice != null) {
      enqueue(PlanRef.of(plan), hooks, notice, () -> { });
    }
  }

  private void enqueue(PlanRef ref, List<WebhookSpec> hooks, Notice notice, Runnable settled) {
    byte[] body = notice.toJson();
    for (WebhookSpec hook : hooks) {
      enqueue(new Delivery(ref, hook.getUrl(), hook.getSecretRef(), body, notice.phase() + "/" + notice.reason(),
          settled));
    }
  }

  private static List<WebhookSpec> webhooks(LaunchPlan plan) {
    return plan.getSpec() == null ? List.of() : plan.getSpec().notifyOrDefault().webhooksOrEmpty().stream()
        .filter(h -> h != null && h.getUrl() != null).toList();
  }

  private static String uid(LaunchPlan plan) {
    return Objects.requireNonNullElse(plan.getMetadata().getUid(), "");
  }

  private void enqueue(Delivery d) {
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
    d.attempts++;
    Failure failure = send(d);
    if (executor.isShutdown()) {
      return; // the operator stops: what is in flight is neither delivered nor lost
    }
    if (failure == null) {
      metrics.notificationSent();
      status.delivered(d.plan(), d.url());
      finish(key);
    } else if (failure.retry() && d.attempts < settings.attempts()) {
      log.debug("notice {} for {} to {} failed (try {}): {}", d.what(), d.plan(), d.url(), d.attempts, failure.error());
      submit(() -> attempt(key), settings.backoff(d.attempts));
    } else {
      lost(d, failure.reason(), failure.error() + " (after " + d.attempts + " tr" + (d.attempts == 1 ? "y" : "ies") + ")");
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

  /** Why one try failed; null from {@link #send} means delivered. */
  private record Failure(String reason, String error, boolean retry) {}

  private Failure send(Delivery d) {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(d.url())).timeout(settings.timeout())
          .header("Content-Type", "application/json").header("User-Agent", "launchplan-operator")
          .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
    } catch (IllegalArgumentException e) {
      return new Failure("invalid_url", "invalid webhook URL: " + e.getMessage(), false);
    }
    if (d.secretRef() != null) {
      String token;
      try {
        token = tokens.token(d.plan().namespace(), d.secretRef());
      } catch (RuntimeException e) {
        return new Failure("secret", "cannot read Secret " + d.secretRef().getName() + ": " + e.getMessage(), true);
      }
      if (token == null || token.isBlank()) {
        return new Failure("secret", "Secret " + d.secretRef().getName() + " has no key " + d.secretRef().getKey(), true);
      }
      request.header("Authorization", "Bearer " + token.strip());
    }
    try {
      HttpResponse<Void> r = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      int code = r.statusCode();
      if (code >= 200 && code < 300) {
        return null;
      }
      boolean retry = code >= 500 || code == 408 || code == 429;
      return new Failure(code >= 500 ? "status_5xx" : "status_4xx", "the webhook answered HTTP " + code, retry);
    } catch (HttpTimeoutException e) {
      return new Failure("timeout", "no answer within " + settings.timeout().toMillis() + " ms", true);
    } catch (ConnectException e) {
      String why = e.getMessage() != null ? e.getMessage()
          : e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : "connection refused";
      return new Failure("unreachable", "cannot connect: " + why, true);
    } catch (IOException e) {
      return new Failure("unreachable", Objects.requireNonNullElse(e.getMessage(), e.toString()), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failure("unreachable", "interrupted", false);
    } catch (IllegalArgumentException e) {
      return new Failure("invalid_url", "invalid webhook URL: " + e.getMessage(), false);
    } catch (RuntimeException e) {
      return new Failure("error", e.toString(), true);
    }
  }

  /** Stops sending; notices still waiting are not sent. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      // A send under way is interrupted: wait for it, so nothing is sent once close() returns.
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One notice to one webhook. */
  private static final class Delivery {
    private final PlanRef plan;
    private final String url;
    private final SecretKeyRef secretRef;
    private final byte[] body;
    private final String what;
    /** Run once the notice is delivered, given up on or dropped (not when the operator stops). */
    private final Runnable settled;
    private int attempts;

    Delivery(PlanRef plan, String url, SecretKeyRef secretRef, byte[] body, String what, Runnable settled) {
      this.settled = settled;
      this.plan = plan;
      this.url = url;
      this.secretRef = secretRef;
      this.body = body;
      this.what = what;
    }

    PlanRef plan() { return plan; }
    String url() { return url; }
    SecretKeyRef secretRef() { return secretRef; }
    byte[] body() { return body; }
    String what() { return what; }
    Runnable settled() { return settled; }
    String key() { return plan + " " + url; }
  }
}
