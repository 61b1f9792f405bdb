package io.launchplan;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reconcile threads. JOSDK's default is a fixed pool whose threads, once started, live for
 * good: after a burst (a restart over 50 finished plans reconciles each once) all 50 stayed,
 * with their stacks, for a cluster where nothing happens (bench/README.md, "Footprint"). These
 * end after {@link #IDLE} without work and start again on demand; under steady load (active plans
 * tick every few seconds) they never idle that long, so the pool behaves as the fixed one.
 */
final class ReconcileThreads {
  static final Duration IDLE = Duration.ofSeconds(60);

  private ReconcileThreads() {}

  static ExecutorService pool(int threads) {
    return pool(threads, IDLE);
  }

  static ThreadPoolExecutor pool(int threads, Duration idle) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "reconcile-" + n.incrementAndGet());
      t.setDaemon(false);
      return t;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, idle.toMillis(), TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
