package io.launchplan.analysis;

import io.launchplan.api.Durations;
import io.launchplan.analysis.QueryResult.Sample;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/** Small pieces of the human messages {@link Analyzer} writes into conditions and events. */
final class Messages {
  /** How many alert names a message lists before it stops. */
  private static final int MAX_ALERT_NAMES = 3;

  private Messages() {}

  /** {@code 20s}, {@code 1m30s}; whole seconds once above a second, as nobody needs the milliseconds. */
  static String duration(Duration d) {
    return Durations.format(d.compareTo(Duration.ofSeconds(1)) >= 0 ? d.truncatedTo(ChronoUnit.SECONDS) : d);
  }

  /** {@code value 0.21} for a query; {@code alertname HighErrorRate, PodDown} for an alert selector. */
  static String firstValue(Check check, QueryResult result) {
    if (!check.alert()) {
      return "value " + result.samples().get(0).valueText();
    }
    List<String> names = result.samples().stream().map(Sample::labels).map(l -> l.get("alertname"))
        .filter(Objects::nonNull).distinct().toList();
    if (names.isEmpty()) {
      return result.samples().size() + " alert(s)";
    }
    String shown = String.join(", ", names.subList(0, Math.min(MAX_ALERT_NAMES, names.size())));
    return "alertname " + shown + (names.size() > MAX_ALERT_NAMES ? " +" + (names.size() - MAX_ALERT_NAMES) + " more" : "");
  }
}
