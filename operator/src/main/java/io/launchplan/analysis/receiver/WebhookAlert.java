package io.launchplan.analysis.receiver;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One alert of an Alertmanager webhook notification.
 *
 * @param firing true for {@code status: firing}, false for {@code resolved}
 * @param labels the alert's labels ({@code alertname}, {@code namespace}, ...)
 * @param startsAt when the alert started firing in Prometheus, or null when not given
 * @param fingerprint Alertmanager's stable identity of the alert (a hash of its labels)
 */
public record WebhookAlert(boolean firing, Map<String, String> labels, Instant startsAt, String fingerprint) {
  public WebhookAlert {
    labels = Map.copyOf(labels);
    Objects.requireNonNull(fingerprint, "fingerprint");
  }
}
