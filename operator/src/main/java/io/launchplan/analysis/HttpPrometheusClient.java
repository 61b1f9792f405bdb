package io.launchplan.analysis;

import io.launchplan.analysis.PrometheusException.Kind;
import io.launchplan.api.Durations;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;

/**
 * {@link PrometheusClient} over Prometheus' HTTP API. One {@link HttpClient} (HTTP/1.1, keep-alive)
 * is shared by all queries. Queries are POSTed form-encoded so long PromQL never hits URL length
 * limits.
 *
 * <p>The timeout bounds the whole exchange, connecting, headers and body: the JDK's request
 * timeout stops at the response headers, so a server that sends headers at once and then trickles
 * the body would otherwise hold a reconcile for as long as it likes. When the time is up the
 * exchange is cancelled (its connection closed). At most {@link #MAX_BODY_BYTES} of an answer are
 * read, so a huge answer cannot exhaust the operator's memory.
 */
public final class HttpPrometheusClient implements PrometheusClient {
  /** Default timeout of one query, the whole exchange. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** The largest answer read; a vector of thousands of series stays far below this. */
  public static final int MAX_BODY_BYTES = 4 << 20;

  private final HttpClient http;
  private final Duration timeout;
  private final QueryObserver observer;
  /** One client per TLS context other than the JDK's default, built when first asked for (see {@link TlsClients}). */
  private final TlsClients tlsClients;

  /** A client with the default timeout and no observer. */
  public HttpPrometheusClient() {
    this(DEFAULT_TIMEOUT, QueryObserver.NOOP);
  }

  /**
   * @param timeout how long one query may take, connecting and reading the whole answer included
   * @param observer told the latency and outcome of every request
   */
  public HttpPrometheusClient(Duration timeout, QueryObserver observer) {
    this(HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        // No redirects: a redirected POST turns into a GET without the query. A 3xx is reported instead.
        .followRedirects(HttpClient.Redirect.NEVER)
        .build(), timeout, observer);
  }

  /**
   * @param http the client to send with, e.g. one configured with a CA or proxy
   * @param timeout how long one query may take
   * @param observer told the latency and outcome of every request
   */
  public HttpPrometheusClient(HttpClient http, Duration timeout, QueryObserver observer) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    this.http = Objects.requireNonNull(http);
    this.timeout = timeout;
    this.observer = Objects.requireNonNull(observer);
    this.tlsClients = new TlsClients(tls -> HttpCalls.client(timeout, tls));
  }

  @Override
  public QueryResult query(PrometheusEndpoint target, String promql) throws PrometheusException {
    URI baseUrl = target.baseUrl();
    Duration timeout = target.timeout() != null ? target.timeout() : this.timeout;
    String where = shown(baseUrl);
    long start = System.nanoTime();
    boolean ok = false;
    AtomicBoolean headersArrived = new AtomicBoolean();
    CompletableFuture<HttpResponse<byte[]>> exchange;
    try {
      HttpClient client = "https".equalsIgnoreCase(baseUrl.getScheme()) && target.tls() != null
          && !target.tls().isDefault() ? tlsClients.get(target.tls()) : http;
      HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint(baseUrl))
          .timeout(timeout)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(form(promql, timeout)));
      String badHeader = HttpCalls.addHeaders(builder, target.headers());
      if (badHeader != null) {
        throw new PrometheusException(Kind.CONNECTION_SETUP, "header " + badHeader
            + " of the Prometheus connection cannot be sent: its name or value has characters HTTP does not allow",
            null, 0, null);
      }
      exchange = client.sendAsync(builder.build(), info -> {
        headersArrived.set(true);
        return LimitedBody.subscriber(info, MAX_BODY_BYTES);
      });
    } catch (IllegalArgumentException e) {
      observer.observed(Duration.ofNanos(System.nanoTime() - start), false);
      throw unusable(where, e);
    } catch (PrometheusException e) {
      observer.observed(Duration.ofNanos(System.nanoTime() - start), false);
      throw e;
    }
    try {
      HttpResponse<byte[]> response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      QueryResult result = PrometheusResponses.parse(where, response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null), new String(response.body(), StandardCharsets.UTF_8));
      ok = true;
      return result;
    } catch (TimeoutException e) {
      exchange.cancel(true); // closes the connection: the server stops sending into nowhere
      throw new PrometheusException(Kind.UNREACHABLE, "Prometheus at " + where + " unreachable: "
          + (headersArrived.get() ? "the answer was not complete within " + Durations.format(timeout)
              + " (headers arrived, the body did not finish)" : "no answer within " + Durations.format(timeout)),
          null, 0, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof LimitedBody.TooLarge tooLarge) {
        throw new PrometheusException(Kind.BAD_RESPONSE, "the answer of Prometheus at " + where + " is larger than "
            + (MAX_BODY_BYTES >> 20) + " MiB; narrow the query (e.g. aggregate with sum by (...))",
            null, tooLarge.httpStatus(), null);
      }
      if (cause instanceof IllegalArgumentException bad) {
        throw unusable(where, bad);
      }
      IOException io = cause instanceof IOException i ? i : new IOException(String.valueOf(cause), cause);
      throw new PrometheusException(Kind.UNREACHABLE,
          "Prometheus at " + where + " unreachable: " + HttpCalls.describe(io, baseUrl, timeout), null, 0, io);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new PrometheusException(Kind.UNREACHABLE,
          "interrupted while querying Prometheus at " + where, null, 0, e);
    } finally {
      observer.observed(Duration.ofNanos(System.nanoTime() - start), ok);
    }
  }

  /** PrometheusUrls refuses such URLs before they get here; never let one become a reconcile exception. */
  private static PrometheusException unusable(String where, IllegalArgumentException e) {
    return new PrometheusException(Kind.BAD_RESPONSE, "Prometheus URL " + where + " cannot be used: " + e.getMessage(),
        null, 0, e);
  }

  /** The query form; Prometheus is also told the timeout so it stops evaluating when we stop waiting. */
  private static String form(String promql, Duration timeout) {
    return "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
        + "&timeout=" + Durations.format(timeout);
  }

  /** {@code <base>/api/v1/query}, keeping a path prefix such as {@code /prometheus}. */
  static URI endpoint(URI baseUrl) {
    String base = baseUrl.toString();
    int cut = base.length();
    while (cut > 0 && base.charAt(cut - 1) == '/') {
      cut--;
    }
    return URI.create(base.substring(0, cut) + "/api/v1/query");
  }

  /** The base URL as it may appear in conditions and logs: without user info (credentials). */
  static String shown(URI baseUrl) {
    if (baseUrl.getRawUserInfo() == null) {
      return baseUrl.toString();
    }
    return baseUrl.getScheme() + "://" + baseUrl.getHost() + (baseUrl.getPort() >= 0 ? ":" + baseUrl.getPort() : "")
        + (baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath());
  }
}
