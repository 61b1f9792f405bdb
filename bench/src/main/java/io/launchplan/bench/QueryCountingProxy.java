package io.launchplan.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A pass-through HTTP proxy in front of Prometheus that counts every query text it forwards. The
 * operator's own metric counts all queries sent; this tells how often one particular text (the
 * query every plan shares) really reached Prometheus, i.e. how well coalescing works.
 */
final class QueryCountingProxy implements AutoCloseable {
  private final URI target;
  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(16);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  QueryCountingProxy(URI target) {
    this.target = target;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the query-counting proxy", e);
    }
    server.createContext("/", this::forward);
    server.setExecutor(pool);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many times {@code promql} was forwarded so far. */
  long count(String promql) {
    LongAdder a = counts.get(promql);
    return a == null ? 0 : a.sum();
  }

  /** How many forwarded queries' texts {@code match}. */
  long countWhere(java.util.function.Predicate<String> match) {
    return counts.entrySet().stream().filter(e -> match.test(e.getKey())).mapToLong(e -> e.getValue().sum()).sum();
  }

  long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  private void forward(HttpExchange ex) throws IOException {
    try {
      byte[] body = ex.getRequestBody().readAllBytes();
      String rawQuery = ex.getRequestURI().getRawQuery();
      String form = new String(body, StandardCharsets.UTF_8);
      String promql = param(form, "query");
      if (promql == null && rawQuery != null) {
        promql = param(rawQuery, "query");
      }
      if (promql != null) {
        counts.computeIfAbsent(promql, k -> new LongAdder()).increment();
      }
      URI to = target.resolve(ex.getRequestURI().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery));
      HttpRequest.Builder req = HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(30));
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      if (type != null) {
        req.header("Content-Type", type);
      }
      req.method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofByteArray(body));
      HttpResponse<byte[]> r = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
      r.headers().firstValue("Content-Type").ifPresent(t -> ex.getResponseHeaders().set("Content-Type", t));
      ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(r.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      try {
        ex.sendResponseHeaders(502, -1);
      } catch (IOException ignored) {
        // the client is gone
      }
    } finally {
      ex.close();
    }
  }

  private static String param(String encoded, String name) {
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
