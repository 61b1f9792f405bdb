package io.launchplan.analysis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body of at most {@code limit} bytes; a longer one is cancelled (its
 * connection closed) as soon as it passes the limit, and fails with {@link TooLarge}. The JDK's own
 * body handlers read everything, however large.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
  /** The body passed the limit; nothing of it is kept. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;

    TooLarge(int httpStatus, int limit) {
      super("the answer is larger than " + limit + " bytes");
      this.httpStatus = httpStatus;
    }

    int httpStatus() { return httpStatus; }
  }

  private final int limit;
  private final int httpStatus;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private Flow.Subscription subscription;

  private LimitedBody(int httpStatus, int limit) {
    this.httpStatus = httpStatus;
    this.limit = limit;
  }

  static HttpResponse.BodySubscriber<byte[]> subscriber(HttpResponse.ResponseInfo info, int limit) {
    return new LimitedBody(info.statusCode(), limit);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (body.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      if ((long) bytes.size() + item.remaining() > limit) {
        subscription.cancel();
        body.completeExceptionally(new TooLarge(httpStatus, limit));
        return;
      }
      byte[] chunk = new byte[item.remaining()];
      item.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }
  }

  @Override
  public void onError(Throwable error) {
    body.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    body.complete(bytes.toByteArray());
  }
}
