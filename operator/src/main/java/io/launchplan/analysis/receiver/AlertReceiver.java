package io.launchplan.analysis.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
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
 *
 * <p>Served by Jetty, so slow or hostile clients cannot block valid pushes: connections wait for
 * bytes without holding a thread (the body too is read as it arrives, see {@link RequestBody}), the
 * thread pool is small and bounded, a request must arrive whole (headers and body) within
 * {@code requestTimeout} ({@link RequestDeadlines}), a connection sending nothing is closed after
 * {@code idleTimeout}, and request headers are limited to {@link #MAX_HEADER_BYTES}.
 */
public final class AlertReceiver implements AutoCloseable {
  public static final String PATH = "/alertmanager";
  /** Alertmanager's payload for hundreds of alerts stays far below this. */
  public static final int MAX_BODY_BYTES = 1 << 20;
  /** How much of an oversized body is read (and dropped) before answering 413. */
  static final long DRAIN_LIMIT_BYTES = 16L << 20;
  /** The longest a request may take to arrive whole, headers and body (Alertmanager sends in milliseconds). */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** How long a connection may stay open sending nothing (Alertmanager keeps connections for reuse). */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  /** Request line and headers together: a bearer token and Alertmanager's few headers fit many times. */
  static final int MAX_HEADER_BYTES = 8 * 1024;
  /** Threads of the server, selector and acceptor included; pushes are handled in milliseconds. */
  static final int MAX_THREADS = 8;

  private static final Logger log = LoggerFactory.getLogger(AlertReceiver.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Server server;
  private final ServerConnector connector;
  private final RequestDeadlines deadlines;
  private final ReceiverToken token;
  private final PushedAlerts alerts;
  private final Consumer<String> outcomes;

  /**
   * @param port where to listen (0 picks a free port, for tests)
   * @param outcomes told the result of every request ({@code accepted}, {@code unauthorized},
   *     {@code bad_request}, ...), for the {@code launchplan_alert_pushes_total} metric
   */
  public AlertReceiver(int port, ReceiverToken token, PushedAlerts alerts, Consumer<String> outcomes) {
    this(port, token, alerts, outcomes, DEFAULT_REQUEST_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
  }

  /** As above, with the time bounds made explicit (tests use short ones). */
  AlertReceiver(int port, ReceiverToken token, PushedAlerts alerts, Consumer<String> outcomes, Duration requestTimeout,
      Duration idleTimeout) {
    this.token = Objects.requireNonNull(token);
    this.alerts = Objects.requireNonNull(alerts);
    this.outcomes = Objects.requireNonNull(outcomes);
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
    threads.setName("alert-receiver");
    threads.setDaemon(true);
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(MAX_HEADER_BYTES);
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setPort(port);
    connector.setIdleTimeout(idleTimeout.toMillis());
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        AlertReceiver.this.handle(request, response, callback);
        return true;
      }
    });
    try {
      connector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("the Alertmanager receiver cannot listen on port " + port + ": " + e.getMessage(), e);
    }
    this.deadlines = new RequestDeadlines(connector, requestTimeout);
  }

  public AlertReceiver start() {
    try {
      server.start();
    } catch (Exception e) {
      close();
      throw new IllegalStateException("the Alertmanager receiver cannot start: " + e.getMessage(), e);
    }
    deadlines.start();
    log.info("Alertmanager receiver listening on :{}{}{}", port(), PATH,
        token.insecureMode() ? " WITHOUT authentication (LAUNCHPLAN_RECEIVER_INSECURE=true)" : "");
    return this;
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    deadlines.close();
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("Alertmanager receiver: stopping failed: {}", e.toString());
    }
  }

  private void handle(Request request, Response response, Callback callback) {
    try {
      respond(request, response, callback);
    } catch (RuntimeException e) {
      log.warn("Alertmanager receiver: request failed", e);
      outcomes.accept("error");
      send(response, callback, 500, JSON.createObjectNode().put("status", "error").put("error", "internal error: " + e));
    }
  }

  private void respond(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    if (!PATH.equals(path) && !(PATH + "/").equals(path)) {
      reject(request, response, callback, 404, "not_found", "only " + PATH + " is served here");
      return;
    }
    if (!"POST".equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      reject(request, response, callback, 405, "method_not_allowed",
          request.getMethod() + " is not allowed; Alertmanager POSTs");
      return;
    }
    switch (token.check(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
      case REJECTED -> {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"launchplan\"");
        reject(request, response, callback, 401, "unauthorized", "missing or wrong bearer token");
        return;
      }
      case UNAVAILABLE -> {
        reject(request, response, callback, 503, "unavailable", "the receiver's token Secret cannot be read");
        return;
      }
      case ACCEPTED -> { }
    }
    if (request.getLength() > DRAIN_LIMIT_BYTES) {
      // far too big to read through: the sender may see the connection closed instead of the 413
      reject(request, response, callback, 413, "too_large", "the body exceeds " + MAX_BODY_BYTES + " bytes");
      return;
    }
    RequestBody.read(request, MAX_BODY_BYTES, DRAIN_LIMIT_BYTES, body -> {
      try {
        received(request, response, callback, body);
      } catch (RuntimeException e) {
        log.warn("Alertmanager receiver: request failed", e);
        outcomes.accept("error");
        send(response, callback, 500, JSON.createObjectNode().put("status", "error").put("error", "internal error: " + e));
      }
    });
  }

  private void received(Request request, Response response, Callback callback, RequestBody.Outcome body) {
    if (body.failure() != null) {
      // the connection failed or was closed (e.g. too slow): no one is left to answer
      outcomes.accept("incomplete");
      log.warn("Alertmanager receiver: {} {} from {}: body not received: {}", request.getMethod(),
          request.getHttpURI().getPath(), Request.getRemoteAddr(request), body.failure().toString());
      callback.failed(body.failure());
      return;
    }
    if (body.tooLarge()) {
      reject(request, response, callback, 413, "too_large", "the body exceeds " + MAX_BODY_BYTES + " bytes");
      return;
    }
    List<WebhookAlert> parsed;
    try {
      parsed = AlertmanagerPayload.parse(body.body());
    } catch (AlertmanagerPayload.InvalidPayload e) {
      reject(request, response, callback, 400, "bad_request", e.getMessage());
      return;
    }
    if (!alerts.accepting()) {
      reject(request, response, callback, 503, "not_ready",
          "this replica does not run the controller now (starting, or not the leader)");
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
    send(response, callback, 200, reply);
  }

  private void reject(Request request, Response response, Callback callback, int code, String outcome, String message) {
    outcomes.accept(outcome);
    log.warn("Alertmanager receiver: {} {} from {}: {} {}", request.getMethod(), request.getHttpURI().getPath(),
        Request.getRemoteAddr(request), code, message);
    send(response, callback, code, JSON.createObjectNode().put("status", "error").put("error", message));
  }

  private static void send(Response response, Callback callback, int code, ObjectNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    response.setStatus(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
