package io.launchplan.notify;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
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

  /** Queues the notice for {@code transition} to each of the plan's webhooks; never blocks. */
  public void transition(LaunchPlan plan, HistoryEntry transition) {
    List<WebhookSpec> hooks = plan.getSpec().notifyOrDefault().webhooksOrEmpty();
    if (hooks.isEmpty()) {
      return;
    }
    Notice notice = Notice.of(plan, transition);
    if (notice == null) {
      return;
    }
    byte[] body = notice.toJson();
    PlanRef ref = PlanRef.of(plan);
    for (WebhookSpec hook : hooks) {
      if (hook == null || hook.getUrl() == null) {
        continue;
      }
      enqueue(new Delivery(ref, hook.getUrl(), hook.getSecretRef(), body, notice.phase() + "/" + notice.reason()));
    }
  }

  private void enqueue(Delivery d) {
    if (pending.incrementAndGet() > settings.capacity()) {
      pending.decrementAndGet();
      lost(d, "queue_full", "dropped: the notification queue is full (" + settings.capacity() + " notices waiting)");
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
    synchronized (queues) {
      ArrayDeque<Delivery> q = queues.get(key);
      q.pollFirst();
      more = !q.isEmpty();
      if (!more) {
        queues.remove(key);
      }
    }
    pending.decrementAndGet();
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
  }

  /** One notice to one webhook. */
  private static final class Delivery {
    private final PlanRef plan;
    private final String url;
    private final SecretKeyRef secretRef;
    private final byte[] body;
    private final String what;
    private int attempts;

    Delivery(PlanRef plan, String url, SecretKeyRef secretRef, byte[] body, String what) {
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
    String key() { return plan + " " + url; }
  }
}
