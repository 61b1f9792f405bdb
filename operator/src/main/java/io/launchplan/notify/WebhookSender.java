package io.launchplan.notify;

import io.launchplan.api.SecretKeyRef;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends one notice to one webhook, once: a JSON POST with the bearer token from the webhook's
 * Secret when it names one, HTTP/1.1, no redirects followed. Says why a try failed and whether
 * another may succeed (connection refused, timeout, 408, 429, 5xx, a Secret not readable yet),
 * so {@link NoticeQueue} knows whether to retry; other 4xx and a malformed URL are final.
 */
final class WebhookSender implements NoticeQueue.Sender {
  private final Notifier.TokenLookup tokens;
  private final Duration timeout;
  private final HttpClient http;

  /** @param timeout connect and response timeout of one try */
  WebhookSender(Notifier.TokenLookup tokens, Duration timeout) {
    this.tokens = Objects.requireNonNull(tokens);
    this.timeout = Objects.requireNonNull(timeout);
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public Failure send(PlanRef plan, String url, SecretKeyRef secretRef, byte[] body) {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
          .header("Content-Type", "application/json").header("User-Agent", "launchplan-operator")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    } catch (IllegalArgumentException e) {
      return new Failure("invalid_url", "invalid webhook URL: " + e.getMessage(), false);
    }
    if (secretRef != null) {
      String token;
      try {
        token = tokens.token(plan.namespace(), secretRef);
      } catch (RuntimeException e) {
        return new Failure("secret", "cannot read Secret " + secretRef.getName() + ": " + e.getMessage(), true);
      }
      if (token == null || token.isBlank()) {
        return new Failure("secret", "Secret " + secretRef.getName() + " has no key " + secretRef.getKey(), true);
      }
      request.header("Authorization", "Bearer " + token.strip());
    }
    try {
      HttpResponse<Void> r = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      int code = r.statusCode();
      if (code >= 200 && code < 300) {
        return null;
      }
      boolean retry = code >= 500 || code == 408 || code == 429;
      return new Failure(code >= 500 ? "status_5xx" : "status_4xx", "the webhook answered HTTP " + code, retry);
    } catch (HttpTimeoutException e) {
      return new Failure("timeout", "no answer within " + timeout.toMillis() + " ms", true);
    } catch (ConnectException e) {
      String why = e.getMessage() != null ? e.getMessage()
          : e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : "connection refused";
      return new Failure("unreachable", "cannot connect: " + why, true);
    } catch (IOException e) {
      return new Failure("unreachable", Objects.requireNonNullElse(e.getMessage(), e.toString()), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Failure("unreachable", "interrupted", false);
    } catch (IllegalArgumentException e) {
      return new Failure("invalid_url", "invalid webhook URL: " + e.getMessage(), false);
    } catch (RuntimeException e) {
      return new Failure("error", e.toString(), true);
    }
  }
}
