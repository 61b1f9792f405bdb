package io.launchplan.plugin.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One page's server-sent events: the keys of the plans that changed are collected (a set, so a
 * burst of changes to one plan is one update, and memory is bounded by the number of plans), then
 * turned into events at most every {@link #COALESCE_MS}; a comment every {@link #HEARTBEAT_S}
 * seconds keeps proxies from closing the stream and finds pages that went away.
 */
final class EventStream implements Consumer<String> {
  static final long COALESCE_MS = 250;
  static final long HEARTBEAT_S = 15;
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private final Semaphore wake = new Semaphore(0);
  /** Which changed plans this page cares for. */
  private final Predicate<String> filter;

  EventStream(Predicate<String> filter) {
    this.filter = filter;
  }

  @Override
  public void accept(String key) {
    if (filter.test(key) && dirty.add(key)) {
      wake.release();
    }
  }

  /**
   * Writes {@code first} now, then, until the page goes away or {@code running} is false, the events
   * {@code render} makes of each batch of changed keys. Returns when the connection breaks.
   */
  void pump(OutputStream out, String first, Function<Set<String>, String> render, BooleanSupplier running)
      throws IOException, InterruptedException {
    write(out, first);
    while (running.getAsBoolean()) {
      if (!wake.tryAcquire(HEARTBEAT_S, TimeUnit.SECONDS)) {
        write(out, ": keep-alive\n\n");
        continue;
      }
      Thread.sleep(COALESCE_MS);
      wake.drainPermits();
      Set<String> batch = Set.copyOf(dirty);
      dirty.removeAll(batch);
      String events = render.apply(batch);
      if (!events.isEmpty()) {
        write(out, events);
      }
    }
  }

  /** One event in the text/event-stream format. */
  static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data.replace("\n", "\ndata: ") + "\n\n";
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
