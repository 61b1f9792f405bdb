package io.launchplan.plugin;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/** Errors in kubectl's words: the API server's own reason and message, or why the server could not be reached. */
public final class ApiErrors {
  private ApiErrors() {}

  /** The line kubectl would print for {@code e}, talking to {@code server}. */
  public static String message(KubernetesClientException e, String server) {
    Status status = e.getStatus();
    if (e.getCode() == 404 && status != null && (status.getDetails() == null || status.getDetails().getName() == null)
        && "Not Found".equals(status.getMessage())) {
      // a 404 without an object's name: the resource type itself is missing
      return "error: the server doesn't have a resource type \"launchplans\" (is the LaunchPlan CRD installed? "
          + "kubectl apply --server-side -f crds/)";
    }
    if (status != null && status.getMessage() != null && !status.getMessage().isBlank() && e.getCode() > 0) {
      String reason = status.getReason() != null && !status.getReason().isBlank() ? status.getReason() : "Code " + e.getCode();
      return "Error from server (" + reason + "): " + status.getMessage();
    }
    if (inChain(e, ConnectException.class)) {
      return "The connection to the server " + hostPort(server) + " was refused - did you specify the right host or port?";
    }
    if (inChain(e, HttpConnectTimeoutException.class) || inChain(e, HttpTimeoutException.class)) {
      return "Unable to connect to the server " + hostPort(server) + ": timeout";
    }
    Throwable cause = rootCause(e);
    String text = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    return "error: " + text;
  }

  /** kubectl's NotFound line for a LaunchPlan the API server answered 404 for. */
  static String notFound(String name) {
    return "Error from server (NotFound): launchplans.launchplan.io \"" + name + "\" not found";
  }

  private static boolean inChain(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  private static String hostPort(String server) {
    try {
      URI u = URI.create(server);
      return u.getPort() > 0 ? u.getHost() + ":" + u.getPort() : u.getHost();
    } catch (IllegalArgumentException e) {
      return server;
    }
  }
}
