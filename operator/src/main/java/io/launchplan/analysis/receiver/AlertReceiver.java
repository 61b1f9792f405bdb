package io.launchplan.analysis.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alertmanager's webhook receiver: {@code POST /alertmanager} with Alertmanager's JSON payload.
 * Firing alerts go to {@link PushedAlerts}, which wakes the plans they concern at once.
 *
 * <p>Anything else has no effect and gets a JSON error: 401 without the right bearer token,
 * 405 for another method, 413 for a body over 1 MiB, 400 for a body that is not an Alertmanager
 * payload, 404 for another path. 503 when the token Secret cannot be read or this replica does
 * not run the controller (not the leader, or still starting): Alertmanager retries on 5xx, and a
 * retry through the Service may reach the leader.
 */
public final class AlertReceiver implements AutoCloseable {
  public static final String PATH = "/alertmanager";
  /** Alertmanager's payload for hundreds of alerts stays far below this. */
  public static final int MAX_BODY_BYTES = 1 << 20;
  /** How much of an oversized body is read (and dropped) before answering 413. */
  static final long DRAIN_LIMIT_BYTES = 16L << 20;

  private static final Logger log = LoggerFactory.getLogger(AlertReceiver.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final ReceiverToken token;
  private final PushedAlerts alerts;
  private final Consumer<String> outcomes;

  /**
   * @param port where to listen (0 picks a free port, for tests)
   * @param outcomes told the result of every request ({@code accepted}, {@code unauthorized},
   *     {@code bad_request}, ...), for the {@code launchplan_alert_pushes_total} metric
   */
  public AlertReceiver(int port, ReceiverToken token, PushedAlerts alerts, Consumer<String> outcomes) {
    this.token = Objects.requireNonNull(token);
    this.alerts = Objects.requireNonNull(alerts);
    this.outcomes = Objects.requireNonNull(outcomes);
    try {
      this.server = HttpServer.create(new InetSocketAddress(port), 32);
    } catch (IOException e) {
      throw new UncheckedIOException("the Alertmanager receiver cannot listen on port " + port + ": " + e.getMessage(), e);
    }
    this.executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "alert-receiver");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  public AlertReceiver start() {
    server.start();
    log.info("Alertmanager receiver listening on :{}{}{}", port(), PATH,
        token.insecureMode() ? " WITHOUT authentication (LAUNCHPLAN_RECEIVER_INSECURE=true)" : "");
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      try {
        respond(exchange);
      } catch (RuntimeException e) {
        log.warn("Alertmanager receiver: request failed", e);
        outcomes.accept("error");
        send(exchange, 500, JSON.createObjectNode().put("status", "error").put("error", "internal error: " + e));
      }
    } catch (IOException e) {
      log.warn("Alertmanager receiver: request failed: {}", e.toString());
    }
  }

  private void respond(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    if (!PATH.equals(path) && !(PATH + "/").equals(path)) {
      reject(ex, 404, "not_found", "only " + PATH + " is served here");
      return;
    }
    if (!"POST".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().set("Allow", "POST");
      reject(ex, 405, "method_not_allowed", ex.getRequestMethod() + " is not allowed; Alertmanager POSTs");
      return;
    }
    switch (token.check(ex.getRequestHeaders().getFirst("Authorization"))) {
      case REJECTED -> {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"launchplan\"");
        reject(ex, 401, "unauthorized", "missing or wrong bearer token");
        return;
      }
      case UNAVAILABLE -> {
        reject(ex, 503, "unavailable", "the receiver's token Secret cannot be read");
        return;
      }
      case ACCEPTED -> { }
    }
    byte[] body = readBody(ex);
    if (body == null) {
      reject(ex, 413, "too_large", "the body exceeds " + MAX_BODY_BYTES + " bytes");
      return;
    }
    List<WebhookAlert> parsed;
    try {
      parsed = AlertmanagerPayload.parse(body);
    } catch (AlertmanagerPayload.InvalidPayload e) {
      reject(ex, 400, "bad_request", e.getMessage());
      return;
    }
    if (!alerts.accepting()) {
      reject(ex, 503, "not_ready", "this replica does not run the controller now (starting, or not the leader)");
      return;
    }
    PushedAlerts.Receipt receipt = alerts.receive(parsed);
    outcomes.accept("accepted");
    if (receipt.firing() > 0 || receipt.resolved() > 0) {
      log.info("Alertmanager push: {} firing, {} resolved, {} plan(s) woken", receipt.firing(), receipt.resolved(),
          receipt.plansWoken());
    }
    ObjectNode reply = JSON.createObjectNode().put("status", "ok").put("firing", receipt.firing())
        .put("resolved", receipt.resolved()).put("plansWoken", receipt.plansWoken());
    send(ex, 200, reply);
  }

  /**
   * The body, or null when it is longer than {@link #MAX_BODY_BYTES}. The excess is read and
   * dropped (up to {@link #DRAIN_LIMIT_BYTES}) so the 413 reaches the sender: closing a connection
   * with unread bytes resets it, and the answer would be lost.
   */
  private static byte[] readBody(HttpExchange ex) throws IOException {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && declared.trim().matches("[0-9]{1,18}") && Long.parseLong(declared.trim()) > DRAIN_LIMIT_BYTES) {
      return null; // far too big to read through: the sender may see the connection closed instead of the 413
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length <= MAX_BODY_BYTES) {
        return body;
      }
      byte[] buffer = new byte[64 * 1024];
      long dropped = 0;
      for (int n; dropped < DRAIN_LIMIT_BYTES && (n = in.read(buffer)) > 0;) {
        dropped += n;
      }
      return null;
    }
  }

  private void reject(HttpExchange ex, int code, String outcome, String message) throws IOException {
    outcomes.accept(outcome);
    log.warn("Alertmanager receiver: {} {} from {}: {} {}", ex.getRequestMethod(), ex.getRequestURI().getPath(),
        ex.getRemoteAddress().getAddress().getHostAddress(), code, message);
    send(ex, code, JSON.createObjectNode().put("status", "error").put("error", message));
  }

  private static void send(HttpExchange ex, int code, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
