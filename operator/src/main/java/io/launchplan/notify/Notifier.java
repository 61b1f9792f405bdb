package io.launchplan.notify;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.SecretKeyRef;
import io.launchplan.api.WebhookSpec;
import io.launchplan.metrics.OperatorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Sends launch notices ({@link Notice}) to the plan's webhooks, off the reconcile thread: which
 * history entries are owed a notice is decided here, the notices wait in a {@link NoticeQueue}
 * and each try is a {@link WebhookSender}'s.
 *
 * <p>{@link #transition} only enqueues: at most {@code capacity} notices wait or are in flight;
 * more are dropped and counted ({@code reason="queue_full"}). Notices to one webhook of one plan
 * go out in order, one at a time; a failed attempt (connection refused, timeout, 408, 429, 5xx,
 * a Secret not readable yet) is retried after 0.5 s, 1 s, 2 s, 4 s (doubling up to 8 s), other
 * 4xx are not retried. A notice given up on is counted in
 * {@code launchplan_notification_failures_total{reason}} and recorded in {@link DeliveryStatus}.
 *
 * <p>Delivery is at least once across restarts and leader changes: the status writer calls
 * {@link #settle} before its status write, recording in {@code status.notifiedThrough} how far
 * the plan's notices are settled, and {@link #catchUp} after it, queuing every history entry past
 * that mark not queued yet in this process. A notice delivered just before the operator stops,
 * before its plan recorded it, is sent again by the next one.
 */
public final class Notifier implements AutoCloseable {
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

  private final DeliveryStatus status;
  private final NoticeQueue queue;

  public Notifier(Settings settings, TokenLookup tokens, OperatorMetrics metrics, DeliveryStatus status, Clock clock) {
    this.status = Objects.requireNonNull(status);
    this.queue = new NoticeQueue(settings, new WebhookSender(tokens, settings.timeout()), metrics, status, clock);
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
      queue.add(ref, hook.getUrl(), hook.getSecretRef(), body, notice.phase() + "/" + notice.reason(), settled);
    }
  }

  private static List<WebhookSpec> webhooks(LaunchPlan plan) {
    return plan.getSpec() == null ? List.of() : plan.getSpec().notifyOrDefault().webhooksOrEmpty().stream()
        .filter(h -> h != null && h.getUrl() != null).toList();
  }

  private static String uid(LaunchPlan plan) {
    return Objects.requireNonNullElse(plan.getMetadata().getUid(), "");
  }

  /** Stops sending; notices still waiting are not sent, and nothing is sent once this returns. */
  @Override
  public void close() {
    queue.close();
  }
}
