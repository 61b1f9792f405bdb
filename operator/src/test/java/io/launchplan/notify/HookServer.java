package io.launchplan.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver for tests (JDK HttpServer on a free port): records every request, and answers
 * with the scripted status codes first, then 200. {@link #hold()} makes it hang until released.
 */
public final class HookServer implements AutoCloseable {
  /** One request as received. */
  public record Request(String path, String authorization, String contentType, String body, Instant at, int code) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
  private volatile CountDownLatch gate;

  private HookServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        CountDownLatch g = gate;
        if (g != null) {
          g.await(30, TimeUnit.SECONDS);
        }
        Integer scripted = script.poll();
        int code = scripted == null ? 200 : scripted;
        requests.add(new Request(exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            exchange.getRequestHeaders().getFirst("Content-Type"), body, Instant.now(), code));
        exchange.sendResponseHeaders(code, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
  }

  public static HookServer start() {
    return new HookServer();
  }

  /** The URL of {@code /hook} on this server. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** Answers the next requests with these codes (then 200 again). */
  public HookServer thenAnswer(Integer... codes) {
    script.addAll(List.of(codes));
    return this;
  }

  /** Answers 200 from now on, whatever was scripted. */
  public void answerOk() {
    script.clear();
  }

  /** Requests hang until {@link #release()}. */
  public void hold() {
    gate = new CountDownLatch(1);
  }

  public void release() {
    CountDownLatch g = gate;
    gate = null;
    if (g != null) {
      g.countDown();
    }
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** A URL where nothing listens: a port that was free a moment ago. */
  public static String deadUrl() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + s.getLocalPort() + "/hook";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
