package io.launchplan.analysis.receiver;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections whose request takes longer than {@code limit} to arrive and be answered:
 * headers and body together, however slowly the bytes trickle in. Jetty's idle timeout only
 * catches a connection that sends nothing at all; one byte a second keeps it alive for ever.
 *
 * <p>A connection is "in a request" from the first byte it sends after its last answer until the
 * next answer: it has read bytes ({@link Connection#getBytesIn}) that no answer
 * ({@link Connection#getMessagesOut}) has closed yet. Checked every {@link #STEP}, so a slow
 * connection is closed between {@code limit} and {@code limit + STEP} after its request began.
 */
final class RequestDeadlines implements AutoCloseable {
  static final Duration STEP = Duration.ofMillis(250);

  private static final Logger log = LoggerFactory.getLogger(RequestDeadlines.class);

  /** Where a connection stood at the last answer it sent, and since when it has been in a request. */
  private static final class Progress {
    long messagesOut = -1;
    long bytesInAtLastAnswer;
    long inRequestSinceNanos = -1;
  }

  private final ServerConnector connector;
  private final long limitNanos;
  private final LongSupplier nanoTime;
  private final Map<EndPoint, Progress> progress = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "alert-receiver-deadlines");
    t.setDaemon(true);
    return t;
  });

  RequestDeadlines(ServerConnector connector, Duration limit) {
    this.connector = connector;
    this.limitNanos = limit.toNanos();
    this.nanoTime = System::nanoTime;
  }

  RequestDeadlines start() {
    timer.scheduleWithFixedDelay(this::sweep, STEP.toMillis(), STEP.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void sweep() {
    try {
      long now = nanoTime.getAsLong();
      Set<EndPoint> open = Set.copyOf(connector.getConnectedEndPoints());
      progress.keySet().retainAll(open);
      for (EndPoint endPoint : open) {
        Connection connection = endPoint.getConnection();
        if (connection == null) {
          continue;
        }
        Progress p = progress.computeIfAbsent(endPoint, e -> new Progress());
        long bytesIn = connection.getBytesIn();
        long messagesOut = connection.getMessagesOut();
        if (messagesOut != p.messagesOut) {
          p.messagesOut = messagesOut;
          p.bytesInAtLastAnswer = messagesOut == 0 ? 0 : bytesIn;
          p.inRequestSinceNanos = -1;
        }
        if (bytesIn <= p.bytesInAtLastAnswer) {
          continue; // between requests: the idle timeout applies
        }
        if (p.inRequestSinceNanos < 0) {
          p.inRequestSinceNanos = now;
        } else if (now - p.inRequestSinceNanos >= limitNanos) {
          log.warn("Alertmanager receiver: closing the connection from {}: its request did not arrive within {} s",
              endPoint.getRemoteSocketAddress(), Duration.ofNanos(limitNanos).toMillis() / 1000.0);
          progress.remove(endPoint);
          endPoint.close();
        }
      }
    } catch (RuntimeException e) {
      log.warn("Alertmanager receiver: request deadline check failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
