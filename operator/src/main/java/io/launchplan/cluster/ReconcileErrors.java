package io.launchplan.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.Texts;
import io.launchplan.launch.Conditions;
import java.time.Instant;

/** How a reconcile that threw is told on the plan: one line that says what failed, for the condition and the Event. */
final class ReconcileErrors {
  private ReconcileErrors() {}

  /** What went wrong, in one bounded line: the API server's own message for its refusals. */
  static String describe(Throwable e) {
    Throwable cause = e;
    while (!(cause instanceof KubernetesClientException) && cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String text;
    if (cause instanceof KubernetesClientException k && k.getCode() > 0) {
      String why = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : k.getMessage();
      text = "the API server answered " + k.getCode() + ": " + why;
    } else if (cause instanceof KubernetesClientException k) {
      text = "the API server could not be reached: " + k.getMessage();
    } else {
      text = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }
    return Texts.message("reconcile failed (retried with backoff): " + text);
  }

  /** The Event's content for {@code message}, in the plan's current phase. */
  static HistoryEntry entry(LaunchPlanStatus status, String message, Instant now) {
    Phase phase = status.getPhase() != null ? status.getPhase() : Phase.Pending;
    return new HistoryEntry(phase, Conditions.RECONCILE_ERROR, message, status.getRevision(), now.toString());
  }
}
