package io.launchplan.it;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A tiny auth-checking reverse proxy in front of a Prometheus, as Thanos and OpenShift put one:
 * a {@code POST} ({@code /api/v1/query}, {@code /api/v1/query_range}) is forwarded only with
 * {@code Authorization: Bearer <token>} and the tenant header {@code X-Scope-OrgID: <tenant>}; anything
 * else is answered 401 (no token or a wrong one) or 403 (the wrong tenant). {@link #https} serves HTTPS
 * instead (the kubectl plugin's backtest tests a plan's {@code tls} with it).
 */
public final class AuthProxy implements AutoCloseable {
  private final HttpServer server;
  private final String token;
  private final String tenant;

  AuthProxy(int port, URI upstream, String token, String tenant) throws IOException {
    this(port, upstream, token, tenant, null);
  }

  /** The proxy on a free port of 127.0.0.1, serving HTTPS with {@code tls} (e.g. {@link TestCertificates#serverContext}). */
  public static AuthProxy https(URI upstream, String token, String tenant, SSLContext tls) throws IOException {
    return new AuthProxy(0, upstream, token, tenant, tls);
  }

  private AuthProxy(int port, URI upstream, String token, String tenant, SSLContext tls) throws IOException {
    this.token = token;
    this.tenant = tenant;
    HttpClient client = HttpClient.newHttpClient();
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
    if (tls != null) {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    } else {
      server = HttpServer.create(address, 0);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      int status;
      byte[] answer;
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (!("Bearer " + this.token).equals(auth)) {
        status = 401;
        answer = "Unauthorized\n".getBytes(StandardCharsets.UTF_8);
      } else if (!tenant.equals(exchange.getRequestHeaders().getFirst("X-Scope-OrgID"))) {
        status = 403;
        answer = "wrong tenant\n".getBytes(StandardCharsets.UTF_8);
      } else {
        try {
          HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().getPath()))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
          status = r.statusCode();
          answer = r.body();
          exchange.getResponseHeaders().add("Content-Type", r.headers().firstValue("Content-Type").orElse("application/json"));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          status = 502;
          answer = new byte[0];
        }
      }
      exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
  }

  public URI url() {
    return URI.create((server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
