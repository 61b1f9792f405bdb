package io.launchplan.analysis;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;

/**
 * One HTTP client per distinct TLS context (CA, server name, insecureSkipVerify), built when first
 * used and shared by every plan with the same settings, so connections are kept alive across
 * plans and ticks. A rotated CA is another context: its client is built on the next query, and the
 * old one is dropped once unused for {@link #IDLE} (a JDK client has no close; its connections and
 * selector thread go when nothing refers to it).
 */
final class TlsClients {
  static final Duration IDLE = Duration.ofMinutes(10);

  private record Built(HttpClient client, AtomicLong lastUsedNanos) {}

  /** A context that cannot be built is remembered too, so a broken CA is not parsed on every query. */
  private record Failed(PrometheusException error) {}

  private final Function<SSLContext, HttpClient> build;
  private final LongSupplier nanoTime;
  private final ConcurrentMap<TlsSettings, Object> clients = new ConcurrentHashMap<>();
  private final AtomicLong lastSweepNanos;

  TlsClients(Function<SSLContext, HttpClient> build) {
    this(build, System::nanoTime);
  }

  TlsClients(Function<SSLContext, HttpClient> build, LongSupplier nanoTime) {
    this.build = build;
    this.nanoTime = nanoTime;
    this.lastSweepNanos = new AtomicLong(nanoTime.getAsLong());
  }

  /** The client for {@code tls}. */
  HttpClient get(TlsSettings tls) throws PrometheusException {
    sweepOccasionally();
    Object entry = clients.computeIfAbsent(tls, t -> {
      try {
        return new Built(build.apply(TlsTrust.context(t)), new AtomicLong(nanoTime.getAsLong()));
      } catch (PrometheusException e) {
        return new Failed(e);
      }
    });
    if (entry instanceof Failed failed) {
      throw failed.error();
    }
    Built built = (Built) entry;
    built.lastUsedNanos().set(nanoTime.getAsLong());
    return built.client();
  }

  private void sweepOccasionally() {
    long now = nanoTime.getAsLong();
    long last = lastSweepNanos.get();
    if (now - last < Duration.ofMinutes(1).toNanos() || !lastSweepNanos.compareAndSet(last, now)) {
      return;
    }
    clients.values().removeIf(e -> e instanceof Failed
        || now - ((Built) e).lastUsedNanos().get() > IDLE.toNanos());
  }

  /** How many contexts are kept; for tests. */
  int size() {
    return clients.size();
  }
}
