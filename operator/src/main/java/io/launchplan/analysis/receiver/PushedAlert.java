package io.launchplan.analysis.receiver;

import java.time.Instant;
import java.util.Map;

/**
 * A firing alert Alertmanager pushed, as the registry keeps it.
 *
 * @param fingerprint Alertmanager's identity of the alert
 * @param labels its labels
 * @param startsAt when Prometheus saw it start firing, or null when not sent
 * @param firstReceivedAt when the first push of it (since it last resolved) reached the operator
 * @param lastReceivedAt when the latest push of it reached the operator; the TTL counts from here
 */
public record PushedAlert(String fingerprint, Map<String, String> labels, Instant startsAt, Instant firstReceivedAt,
    Instant lastReceivedAt) {
  public PushedAlert {
    labels = Map.copyOf(labels);
  }
}
