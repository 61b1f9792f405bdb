package io.launchplan.analysis;

import io.launchplan.analysis.PrometheusException.Kind;
import io.launchplan.api.Durations;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Sends each distinct (Prometheus, query text) once however many plans ask for it at about the
 * same time, so identical queries across plans cost Prometheus one evaluation per tick.
 *
 * <p>A call that finds the same query in flight waits for that request and shares its answer,
 * success or failure, but never longer than {@code waitLimit} (the query timeout): when a waiter's
 * time is up, the shared request fails for every caller waiting on it, and is forgotten, so one
 * slow answer cannot hold every plan that shares it. A failure is not kept, so the next call after
 * it asks again. A successful
 * answer is reused:
 * <ul>
 *   <li>for a call with a tick slot ({@link #query(URI, String, Instant)}): by every call for the
 *       same slot (each plan ticks once per interval slot, at its own place in it: the first plan
 *       to tick in the 12:00:10 slot sends a shared text, the others reuse its answer, so each
 *       shared text goes to Prometheus once per interval); kept for {@link #TICK_RETENTION} after
 *       it arrived;
 *   <li>for a call without one: by calls arriving within {@code maxAge} of its completion.
 * </ul>
 */
public final class CoalescingPrometheusClient implements PrometheusClient {
  /** How long an answer for a tick slot is kept for plans ticking later in the same slot. */
  static final Duration TICK_RETENTION = Duration.ofMinutes(1);

  /**
   * {@code tick} (the slot) is null for a call off the schedule. The whole endpoint is part of the
   * key: the same text sent with other credentials or another tenant header is another question.
   */
  private record Key(PrometheusEndpoint endpoint, String promql, Instant tick) {}

  /** One request: its answer (once there) and when it arrived, for the {@code maxAge} reuse. */
  private static final class Entry {
    final CompletableFuture<QueryResult> answer = new CompletableFuture<>();
    volatile long completedAtNanos;
  }

  private final PrometheusClient delegate;
  private final long maxAgeNanos;
  private final Duration waitLimit;
  private final LongSupplier nanoTime;
  private final ConcurrentMap<Key, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong lastSweepNanos;

  /**
   * @param delegate the client that actually sends
   * @param maxAge how long a successful answer is reused, e.g. 500 ms; zero shares only in-flight requests
   * @param waitLimit the longest a call waits for a request another call sent: the query timeout
   */
  public CoalescingPrometheusClient(PrometheusClient delegate, Duration maxAge, Duration waitLimit) {
    this(delegate, maxAge, waitLimit, System::nanoTime);
  }

  /** With the default query timeout as the wait limit and an explicit clock, for tests. */
  CoalescingPrometheusClient(PrometheusClient delegate, Duration maxAge, LongSupplier nanoTime) {
    this(delegate, maxAge, HttpPrometheusClient.DEFAULT_TIMEOUT, nanoTime);
  }

  /** With the clock made explicit for tests (it dates answers; waiting is bounded in real time). */
  CoalescingPrometheusClient(PrometheusClient delegate, Duration maxAge, Duration waitLimit, LongSupplier nanoTime) {
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
    }
    if (waitLimit.isNegative() || waitLimit.isZero()) {
      throw new IllegalArgumentException("waitLimit must be positive: " + waitLimit);
    }
    this.delegate = Objects.requireNonNull(delegate);
    this.maxAgeNanos = maxAge.toNanos();
    this.waitLimit = waitLimit;
    this.nanoTime = nanoTime;
    this.lastSweepNanos = new AtomicLong(nanoTime.getAsLong());
  }

  @Override
  public QueryResult query(PrometheusEndpoint endpoint, String promql) throws PrometheusException {
    return query(endpoint, promql, null);
  }

  @Override
  public QueryResult query(PrometheusEndpoint endpoint, String promql, Instant tick) throws PrometheusException {
    Key key = new Key(endpoint, promql, tick);
    while (true) {
      Entry existing = entries.get(key);
      if (existing != null) {
        if (!existing.answer.isDone()) {
          return await(key, existing);
        }
        if (fresh(key, existing)) {
          return existing.answer.getNow(null);
        }
        entries.remove(key, existing);
        continue;
      }
      Entry mine = new Entry();
      if (entries.putIfAbsent(key, mine) != null) {
        continue; // another caller started the same query first: share theirs
      }
      sweepOccasionally();
      return send(key, mine);
    }
  }

  /** Runs the query for everyone waiting on {@code entry}. */
  private QueryResult send(Key key, Entry entry) throws PrometheusException {
    try {
      QueryResult result = delegate.query(key.endpoint(), key.promql());
      entry.completedAtNanos = nanoTime.getAsLong(); // before completing, so waiters see a fresh entry
      entry.answer.complete(result);
      return result;
    } catch (PrometheusException | RuntimeException | Error e) {
      // Drop it before waking the waiters: failures are shared, never reused by later calls.
      entries.remove(key, entry);
      entry.answer.completeExceptionally(e);
      throw e;
    }
  }

  private QueryResult await(Key key, Entry entry) throws PrometheusException {
    String where = HttpPrometheusClient.shown(key.endpoint().baseUrl());
    Duration waitLimit = key.endpoint().timeout() != null ? key.endpoint().timeout() : this.waitLimit;
    try {
      return entry.answer.get(waitLimit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // Fail it for everyone waiting, and forget it: the next call sends afresh. The sender's own
      // client times out by itself; its late answer is then no one else's.
      PrometheusException timedOut = new PrometheusException(Kind.UNREACHABLE, "Prometheus at " + where
          + " unreachable: no answer within " + Durations.format(waitLimit) + " (a query shared with other plans)",
          null, 0, e);
      entries.remove(key, entry);
      if (entry.answer.completeExceptionally(timedOut)) {
        throw timedOut;
      }
      return await(key, entry); // the answer arrived just now
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException(Kind.UNREACHABLE,
          "interrupted while querying Prometheus at " + where, null, 0, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof PrometheusException p) {
        throw p;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) cause;
    }
  }

  /** Whether a completed entry may still be reused (it succeeded, recently enough for its kind). */
  private boolean fresh(Key key, Entry entry) {
    long age = nanoTime.getAsLong() - entry.completedAtNanos;
    return !entry.answer.isCompletedExceptionally()
        && age < (key.tick() != null ? TICK_RETENTION.toNanos() : maxAgeNanos);
  }

  /**
   * Forgets stale answers. Queries differ per plan (pod names), so without this the map would keep
   * every query ever asked. Done at most once per {@code maxAge} (or per second when that is zero).
   */
  private void sweepOccasionally() {
    long now = nanoTime.getAsLong();
    long last = lastSweepNanos.get();
    long every = Math.max(maxAgeNanos, Duration.ofSeconds(1).toNanos());
    if (now - last < every || !lastSweepNanos.compareAndSet(last, now)) {
      return;
    }
    entries.entrySet().removeIf(e -> e.getValue().answer.isDone() && !fresh(e.getKey(), e.getValue()));
  }

  /** How many answers are remembered or in flight; for tests. */
  int size() {
    return entries.size();
  }
}
