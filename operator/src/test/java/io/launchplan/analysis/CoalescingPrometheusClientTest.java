package io.launchplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.launchplan.analysis.PrometheusException.Kind;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescingPrometheusClientTest {
  private static final URI PROM = URI.create("http://prom:9090");
  private static final QueryResult ONE =
      new QueryResult(List.of(new QueryResult.Sample(Map.of(), 1, "1")));

  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicLong clock = new AtomicLong();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicBoolean blocking = new AtomicBoolean(false);
  private final AtomicBoolean failing = new AtomicBoolean(false);
  /** Named per test so {@link #awaitAllParked} counts only this test's threads. */
  private final String threadPrefix = "coalescing-" + System.identityHashCode(this) + "-";
  private final AtomicInteger threadNumber = new AtomicInteger();
  private final ExecutorService pool =
      Executors.newFixedThreadPool(8, r -> new Thread(r, threadPrefix + threadNumber.incrementAndGet()));

  /** Counts calls; optionally holds every call until released, optionally fails. */
  private final PrometheusClient counting = (url, promql) -> {
    calls.incrementAndGet();
    if (blocking.get()) {
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    if (failing.get()) {
      throw new PrometheusException(Kind.REJECTED, "parse error", "bad_data", 400, null);
    }
    return ONE;
  };

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private CoalescingPrometheusClient coalescing(Duration maxAge) {
    return new CoalescingPrometheusClient(counting, maxAge, clock::get);
  }

  private List<Future<Object>> concurrently(CoalescingPrometheusClient client, int n) {
    List<Future<Object>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(pool.submit(() -> {
        try {
          return client.query(PROM, "up");
        } catch (PrometheusException e) {
          return e;
        }
      }));
    }
    return futures;
  }

  /** Waits until every pool thread is parked: one in the fake, the others on the shared answer. */
  private void awaitAllParked() {
    await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(threadPrefix))
        .filter(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)
        .count() >= 8);
  }

  @Test
  void waitersOfAHungRequestAreReleasedAfterTheLimitAndALaterCallAsksAfresh() throws Exception {
    blocking.set(true); // the first call's request hangs until released
    CoalescingPrometheusClient client =
        new CoalescingPrometheusClient(counting, Duration.ZERO, Duration.ofMillis(300), clock::get);

    long start = System.nanoTime();
    List<Future<Object>> futures = concurrently(client, 8);
    await().atMost(Duration.ofSeconds(3)).until(() -> futures.stream().filter(Future::isDone).count() == 7);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofMillis(1_500));
    assertThat(calls).hasValue(1);
    for (Future<Object> f : futures.stream().filter(Future::isDone).toList()) {
      assertThat(f.get()).isInstanceOfSatisfying(PrometheusException.class, e -> {
        assertThat(e.noAnswer()).isTrue();
        assertThat(e.getMessage()).isEqualTo(
            "Prometheus at http://prom:9090 unreachable: no answer within 300ms (a query shared with other plans)");
      });
    }
    blocking.set(false);
    assertThat(client.query(PROM, "up")).isSameAs(ONE); // not the timed-out one: sent again
    assertThat(calls).hasValue(2);
    release.countDown();
  }

  @Test
  void waitersOfATricklingAnswerAreReleasedWithinTheTimeout() throws Exception {
    try (TricklingServer slow = new TricklingServer(Duration.ofSeconds(1), 10_000)) {
      Duration timeout = Duration.ofMillis(800);
      CoalescingPrometheusClient client = new CoalescingPrometheusClient(
          new HttpPrometheusClient(timeout, QueryObserver.NOOP), Duration.ZERO, timeout);

      long start = System.nanoTime();
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        futures.add(pool.submit(() -> {
          try {
            return client.query(slow.url(), "up");
          } catch (PrometheusException e) {
            return e;
          }
        }));
      }
      for (Future<Object> f : futures) {
        assertThat(f.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(PrometheusException.class,
            e -> assertThat(e.noAnswer()).isTrue());
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
      assertThat(slow.accepted).hasValue(1); // shared: one request for the four
    }
  }

  @Test
  void concurrentIdenticalQueriesShareOneRequest() throws Exception {
    blocking.set(true);
    CoalescingPrometheusClient client = coalescing(Duration.ZERO);

    List<Future<Object>> futures = concurrently(client, 8);
    awaitAllParked();
    release.countDown();

    for (Future<Object> f : futures) {
      assertThat(f.get(5, TimeUnit.SECONDS)).isSameAs(ONE);
    }
    assertThat(calls).hasValue(1);
  }

  @Test
  void inFlightErrorIsSharedWithWaitersButNotKept() throws Exception {
    blocking.set(true);
    failing.set(true);
    CoalescingPrometheusClient client = coalescing(Duration.ofSeconds(10));

    List<Future<Object>> futures = concurrently(client, 8);
    awaitAllParked();
    release.countDown();

    for (Future<Object> f : futures) {
      assertThat(f.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(PrometheusException.class,
          e -> assertThat(e.getMessage()).isEqualTo("parse error"));
    }
    assertThat(calls).hasValue(1);

    failing.set(false);
    assertThat(client.query(PROM, "up")).isSameAs(ONE);
    assertThat(calls).hasValue(2);
  }

  @Test
  void recentAnswerIsReusedWithinMaxAge() throws Exception {
    CoalescingPrometheusClient client = coalescing(Duration.ofMillis(500));

    client.query(PROM, "up");
    clock.addAndGet(Duration.ofMillis(499).toNanos());
    client.query(PROM, "up");
    assertThat(calls).hasValue(1);

    clock.addAndGet(Duration.ofMillis(1).toNanos());
    client.query(PROM, "up");
    assertThat(calls).hasValue(2);
  }

  @Test
  void differentQueriesOrPrometheusesAreSentSeparately() throws Exception {
    CoalescingPrometheusClient client = coalescing(Duration.ofSeconds(1));

    client.query(PROM, "up");
    client.query(PROM, "up == 0");
    client.query(URI.create("http://other:9090"), "up");

    assertThat(calls).hasValue(3);
  }

  @Test
  void staleAnswersAreForgotten() throws Exception {
    CoalescingPrometheusClient client = coalescing(Duration.ofMillis(500));
    client.query(PROM, "a");
    client.query(PROM, "b");
    client.query(PROM, "c");
    assertThat(client.size()).isEqualTo(3);

    clock.addAndGet(Duration.ofSeconds(2).toNanos());
    client.query(PROM, "d");

    assertThat(client.size()).isEqualTo(1);
  }

  @Test
  void anAnswerForATickSlotIsSharedByEveryPlanTickingInThatSlot() throws Exception {
    CoalescingPrometheusClient client = coalescing(Duration.ofMillis(500));
    Instant tick = Instant.parse("2026-11-23T12:00:10Z");

    client.query(PROM, "up", tick);
    clock.addAndGet(Duration.ofSeconds(3).toNanos()); // a plan ticking 3 s later in the slot, far past maxAge
    client.query(PROM, "up", tick);
    assertThat(calls).hasValue(1);

    client.query(PROM, "up", tick.plusSeconds(10)); // the next slot asks again
    assertThat(calls).hasValue(2);
    client.query(PROM, "up"); // so does a call off the schedule
    assertThat(calls).hasValue(3);
  }

  @Test
  void aFailedTickSlotAnswerIsNotKept() throws Exception {
    CoalescingPrometheusClient client = coalescing(Duration.ofMillis(500));
    Instant tick = Instant.parse("2026-11-23T12:00:10Z");
    failing.set(true);
    assertThatThrownBy(() -> client.query(PROM, "up", tick)).isInstanceOf(PrometheusException.class);

    failing.set(false);
    assertThat(client.query(PROM, "up", tick)).isEqualTo(ONE);
    assertThat(calls).hasValue(2);
  }

  @Test
  void tickSlotAnswersAreForgottenAfterTheRetention() throws Exception {
    CoalescingPrometheusClient client = coalescing(Duration.ofMillis(500));
    Instant tick = Instant.parse("2026-11-23T12:00:10Z");
    client.query(PROM, "a", tick);
    clock.addAndGet(CoalescingPrometheusClient.TICK_RETENTION.minusSeconds(1).toNanos());
    client.query(PROM, "b", tick);
    assertThat(client.size()).isEqualTo(2);

    clock.addAndGet(Duration.ofSeconds(2).toNanos());
    client.query(PROM, "c", tick);

    assertThat(client.size()).isEqualTo(2); // b and c
    client.query(PROM, "a", tick);
    assertThat(calls).hasValue(4);
  }
}
