package io.launchplan.analysis.receiver;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without holding a thread while the sender is slow: chunks are taken as
 * they arrive and the reader asks Jetty to call back when more is there. The body is kept up to
 * {@code limit} bytes; past it the rest is read and dropped (up to {@code drainLimit} in all) so
 * the sender sees the 413 instead of a reset connection.
 */
final class RequestBody implements Runnable {
  /** What reading ended with: the body, or {@code tooLarge}, or the failure of the connection. */
  record Outcome(byte[] body, boolean tooLarge, Throwable failure) {}

  private final Request request;
  private final int limit;
  private final long drainLimit;
  private final Consumer<Outcome> done;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private long seen;

  private RequestBody(Request request, int limit, long drainLimit, Consumer<Outcome> done) {
    this.request = request;
    this.limit = limit;
    this.drainLimit = drainLimit;
    this.done = done;
  }

  /** Starts reading; {@code done} is called once, on whichever thread the last chunk arrives. */
  static void read(Request request, int limit, long drainLimit, Consumer<Outcome> done) {
    new RequestBody(request, limit, drainLimit, done).run();
  }

  @Override
  public void run() {
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        done.accept(new Outcome(null, false, chunk.getFailure()));
        return;
      }
      int n = chunk.remaining();
      if (seen + n <= limit) {
        byte[] part = new byte[n];
        chunk.get(part, 0, n);
        bytes.write(part, 0, n);
      }
      seen += n;
      boolean last = chunk.isLast();
      chunk.release();
      if (last || seen > drainLimit) {
        done.accept(seen > limit ? new Outcome(null, true, null) : new Outcome(bytes.toByteArray(), false, null));
        return;
      }
    }
  }
}
