package io.launchplan.plugin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends the JDK HTTP client's selector threads before the plugin exits.
 *
 * <p>Each {@code java.net.http.HttpClient} runs a daemon thread, {@code HttpClient-N-SelectorManager},
 * that waits in {@code epoll_wait}, in native code. HotSpot's exit (both {@code System.exit} and the
 * return of {@code main}) waits for threads in native code to come back, 10 ms at a time for up to
 * 300 ms, so a command that used the API server spent a third of a second after its last line
 * (measured with strace: 340 ms from the last write to {@code exit_group}). Java 17's client has no
 * {@code close()} (Java 21 adds one) and fabric8's close leaves the selector running; the selector's
 * loop ends when its thread is interrupted (the interrupt wakes {@code select}), which is what this
 * does. Threads of another name are left alone: if a later JDK renames them, exits are only slower.
 */
final class HttpSelectors {
  private static final String PREFIX = "HttpClient-";
  private static final String SUFFIX = "-SelectorManager";

  private HttpSelectors() {}

  /** Interrupts every live selector thread and waits up to {@code wait} in all for them to end; returns them. */
  static List<Thread> stop(Duration wait) {
    List<Thread> selectors = live();
    selectors.forEach(Thread::interrupt);
    long deadline = System.nanoTime() + wait.toNanos();
    for (Thread t : selectors) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        t.join(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return selectors;
  }

  /** The selector threads alive now. */
  static List<Thread> live() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    List<Thread> selectors = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = threads[i].getName();
      if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && threads[i].isDaemon()) {
        selectors.add(threads[i]);
      }
    }
    return selectors;
  }
}
