package io.launchplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReconcileThreadsTest {
  @Test
  void runsUpToItsSizeAtOnceAndItsThreadsEndWhenIdle() throws Exception {
    ThreadPoolExecutor pool = ReconcileThreads.pool(4, Duration.ofMillis(200));
    try {
      CountDownLatch running = new CountDownLatch(4);
      CountDownLatch release = new CountDownLatch(1);
      for (int i = 0; i < 6; i++) {
        pool.execute(() -> {
          running.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      }
      assertThat(running.await(10, TimeUnit.SECONDS)).as("4 tasks run at once").isTrue();
      assertThat(pool.getPoolSize()).isEqualTo(4);
      assertThat(pool.getQueue()).hasSize(2);
      release.countDown();
      await().atMost(Duration.ofSeconds(10)).until(() -> pool.getCompletedTaskCount() == 6);
      await().atMost(Duration.ofSeconds(10)).until(() -> pool.getPoolSize() == 0);

      CountDownLatch again = new CountDownLatch(1);
      pool.execute(again::countDown);
      assertThat(again.await(10, TimeUnit.SECONDS)).as("a thread starts again on demand").isTrue();
    } finally {
      pool.shutdownNow();
    }
  }
}
