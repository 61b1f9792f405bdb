package io.launchplan.analysis;

import io.launchplan.api.Durations;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * What the operator's outgoing HTTP calls (Prometheus queries, web checks) share: how their
 * clients are built, how a connection's headers are put on a request without a credential ever
 * reaching a message, and how a failed exchange is described in one short sentence. Public for
 * the kubectl plugin's backtest, which sends its range queries with a plan's connection the same way.
 */
public final class HttpCalls {
  private HttpCalls() {}

  /**
   * A {@link #client(Duration, SSLContext) client} that checks the server's certificate as {@code tls}
   * says (its CA, its server name, or nothing with insecureSkipVerify); null or the JDK's defaults: the JDK's checks.
   *
   * @throws PrometheusException ({@link PrometheusException.Kind#CONNECTION_SETUP}) when the CA holds no usable certificate
   */
  public static HttpClient clientFor(Duration connectTimeout, TlsSettings tls) throws PrometheusException {
    return client(connectTimeout, tls == null || tls.isDefault() ? null : TlsTrust.context(tls));
  }

  /** An HTTP/1.1 client that follows no redirect (a redirect could carry the credentials elsewhere). */
  static HttpClient client(Duration connectTimeout, SSLContext tls) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER);
    if (tls != null) {
      b.sslContext(tls);
    }
    return b.build();
  }

  /**
   * Adds {@code headers} to {@code builder}.
   *
   * @return the name of the first header HTTP does not allow (its name or value), or null when all were added;
   *     never the JDK's message, which may quote the value, a credential
   */
  public static String addHeaders(HttpRequest.Builder builder, Map<String, String> headers) {
    for (var header : headers.entrySet()) {
      try {
        builder.header(header.getKey(), header.getValue());
      } catch (IllegalArgumentException e) {
        return header.getKey();
      }
    }
    return null;
  }

  /**
   * A short reason. The JDK's HttpClient often drops the text of connect failures (a refused
   * connection is a bare ConnectException over a ClosedChannelException), so name them from the types.
   */
  public static String describe(IOException e, URI url, Duration timeout) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return "TLS handshake with " + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
            + " failed: " + tlsReason(t);
      }
    }
    if (e instanceof HttpConnectTimeoutException) {
      return "connect timed out after " + Durations.format(timeout);
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + Durations.format(timeout);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "unknown host " + url.getHost();
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e instanceof ConnectException ? "Connection refused" : e.getClass().getSimpleName();
  }

  /** The innermost certificate complaint ({@link TlsTrust} words them), else the TLS layer's own message. */
  private static String tlsReason(Throwable ssl) {
    String reason = ssl.getMessage();
    for (Throwable t = ssl; t != null; t = t.getCause()) {
      if (t instanceof CertificateException && t.getMessage() != null) {
        reason = t.getMessage();
        break;
      }
    }
    return reason == null || reason.isBlank() ? ssl.getClass().getSimpleName() : reason;
  }
}
