package io.launchplan.plugin.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard's HTTP server: the JDK's {@code com.sun.net.httpserver} on 127.0.0.1 only (no
 * dependency, nothing to load at the plugin's start; docs/dashboard.md says why that is enough).
 * Pages and scripts come from the jar; {@link Routes} answers the API and the event streams.
 */
final class DashboardServer implements AutoCloseable {
  /** Event streams at once, at most (each holds a thread); more are answered 503. */
  static final int MAX_STREAMS = 32;
  private final HttpServer server;
  private final ExecutorService threads;
  private final Semaphore streams = new Semaphore(MAX_STREAMS);
  private volatile boolean running = true;
  private final RequestGuard guard;
  private final Routes routes;

  private DashboardServer(HttpServer server, ExecutorService threads, RequestGuard guard, Routes routes) {
    this.server = server;
    this.threads = threads;
    this.guard = guard;
    this.routes = routes;
  }

  static DashboardServer start(int port, PlanHub hub, Actions actions, PrometheusRange prometheus, Clock clock) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    AtomicInteger n = new AtomicInteger();
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "dashboard-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    int bound = server.getAddress().getPort();
    RequestGuard guard = new RequestGuard(bound, RequestGuard.newToken());
    DashboardServer d = new DashboardServer(server, threads, guard, new Routes(hub, actions, prometheus, clock));
    server.createContext("/", d::handle);
    server.start();
    return d;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String refused = guard.refuse(x.getRequestMethod(), x.getRequestHeaders().getFirst("Host"),
          x.getRequestHeaders().getFirst("Origin"), x.getRequestHeaders().getFirst(RequestGuard.TOKEN_HEADER));
      if (refused != null) {
        send(x, 403, "application/json", Json.write(Map.of("message", refused)));
        return;
      }
      String path = x.getRequestURI().getRawPath();
      x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      x.getResponseHeaders().set("X-Frame-Options", "DENY");
      x.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
      if (x.getRequestMethod().equals("POST")) {
        post(x, path);
      } else if (path.equals("/events")) {
        events(x);
      } else if (path.equals("/") || path.startsWith("/plan/")) {
        page(x, path.equals("/") ? "overview.html" : "plan.html");
      } else if (path.startsWith("/static/")) {
        asset(x, path.substring("/static/".length()));
      } else if (path.startsWith("/api/")) {
        Routes.Reply r = routes.get(segments(path.substring("/api/".length())));
        send(x, r.code(), "application/json", r.json());
      } else {
        send(x, 404, "text/plain", "not found");
      }
    } catch (RuntimeException e) {
      send(x, 500, "application/json", Json.write(Map.of("message", String.valueOf(e))));
    }
  }

  private void post(HttpExchange x, String path) throws IOException {
    List<String> s = segments(path.startsWith("/api/") ? path.substring("/api/".length()) : "");
    String body;
    try (InputStream in = x.getRequestBody()) {
      body = new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8);
    }
    Routes.Reply r = routes.post(s, body);
    send(x, r.code(), "application/json", r.json());
  }

  private void events(HttpExchange x) throws IOException {
    if (!streams.tryAcquire()) {
      send(x, 503, "text/plain", "too many event streams");
      return;
    }
    try {
      String plan = query(x).get("plan");
      x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      x.getResponseHeaders().set("Cache-Control", "no-store");
      x.sendResponseHeaders(200, 0);
      routes.stream(plan, x.getResponseBody(), () -> running);
    } catch (IOException e) {
      // the page went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      streams.release();
    }
  }

  private void page(HttpExchange x, String name) throws IOException {
    byte[] html = resource("io/launchplan/plugin/dashboard/" + name);
    String text = new String(html, StandardCharsets.UTF_8).replace("{{token}}", guard.token());
    send(x, 200, "text/html; charset=utf-8", text);
  }

  private void asset(HttpExchange x, String name) throws IOException {
    if (name.contains("..")) {
      send(x, 404, "text/plain", "not found");
      return;
    }
    String path = name.startsWith("uplot/") ? "META-INF/resources/webjars/uplot/" + Assets.UPLOT_VERSION + "/dist/" + name.substring(6)
        : "io/launchplan/plugin/dashboard/static/" + name;
    byte[] bytes = resource(path);
    if (bytes == null) {
      send(x, 404, "text/plain", "not found");
      return;
    }
    x.getResponseHeaders().set("Content-Type", Assets.contentType(name));
    x.getResponseHeaders().set("Cache-Control", "max-age=3600");
    x.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(path)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  static List<String> segments(String path) {
    return Arrays.stream(path.split("/")).filter(p -> !p.isEmpty())
        .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)).toList();
  }

  private static Map<String, String> query(HttpExchange x) {
    Map<String, String> q = new HashMap<>();
    String raw = x.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String kv : raw.split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          q.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return q;
  }

  private static void send(HttpExchange x, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    running = false;
    server.stop(0);
    threads.shutdownNow();
  }
}
