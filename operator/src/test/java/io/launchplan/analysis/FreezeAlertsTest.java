package io.launchplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.gates.Freeze;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cluster-wide freeze by alert: polled and pushed, and what a failing poll does. */
class FreezeAlertsTest {
  private static final URI PROM = URI.create("http://prometheus:9090");
  private static final FreezeAlertSelector SELECTOR = FreezeAlertSelector.parse("alertname=IncidentOpen");
  private static final String QUERY = "ALERTS{alertstate=\"firing\",alertname=\"IncidentOpen\"}";
  private static final Map<String, String> SERIES = Map.of("__name__", "ALERTS", "alertname", "IncidentOpen",
      "alertstate", "firing", "severity", "critical");
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private final FakePrometheus prometheus = new FakePrometheus();
  private final List<FreezeAlerts.Firing> pushed = new ArrayList<>();
  private final List<Boolean> polls = new ArrayList<>();
  private final AtomicInteger changes = new AtomicInteger();
  private Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  private FreezeAlerts alerts;

  @BeforeEach
  void setUp() {
    alerts = new FreezeAlerts(SELECTOR, prometheus, PROM, () -> List.copyOf(pushed), new Clock() {
      @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return clock.instant(); }
    }, polls::add);
    alerts.onChange(changes::incrementAndGet);
  }

  @Test
  void aPolledFiringAlertFreezesAndSaysWhichAlert() {
    prometheus.fires(QUERY, SERIES, "1");
    alerts.poll();
    Freeze f = alerts.current();
    assertThat(f.by()).isEqualTo("alert IncidentOpen{severity=\"critical\"}");
    assertThat(f.reason()).contains("alertname=\"IncidentOpen\"");
    assertThat(f.since()).isEqualTo(T0);
    assertThat(changes).hasValue(1);
    assertThat(polls).containsExactly(true);
    assertThat(prometheus.asked).containsExactly(QUERY);
  }

  @Test
  void theFirstSightingStaysTheSinceWhileItKeepsFiring() {
    prometheus.fires(QUERY, SERIES, "1");
    alerts.poll();
    clock = Clock.fixed(T0.plusSeconds(10), ZoneOffset.UTC);
    alerts.poll();
    assertThat(alerts.current().since()).isEqualTo(T0);
    assertThat(changes).as("the same freeze is no change").hasValue(1);
  }

  @Test
  void aPollThatSeesNothingLiftsIt() {
    prometheus.fires(QUERY, SERIES, "1");
    alerts.poll();
    prometheus.answers(QUERY, QueryResult.empty());
    alerts.poll();
    assertThat(alerts.current()).isNull();
    assertThat(changes).hasValue(2);
  }

  @Test
  void aFailingPollKeepsTheLastAnswerAndSaysSo() {
    prometheus.fires(QUERY, SERIES, "1");
    alerts.poll();
    prometheus.failsAll(FakePrometheus.refused(PROM.toString()));
    alerts.poll();
    assertThat(alerts.current()).as("no freeze lifted on missing data").isNotNull();
    assertThat(alerts.pollError()).contains("unreachable");
    assertThat(polls).containsExactly(true, false);
    assertThat(changes).hasValue(1);
  }

  @Test
  void aFailingPollInventsNoFreeze() {
    prometheus.failsAll(FakePrometheus.refused(PROM.toString()));
    alerts.poll();
    assertThat(alerts.current()).isNull();
    assertThat(changes).hasValue(0);
  }

  @Test
  void aPushedMatchingAlertFreezesAtOnceWithItsStart() {
    pushed.add(new FreezeAlerts.Firing(Map.of("alertname", "IncidentOpen", "team", "shop"), T0.minusSeconds(30)));
    pushed.add(new FreezeAlerts.Firing(Map.of("alertname", "Other"), T0.minusSeconds(60)));
    alerts.refresh();
    assertThat(alerts.current()).isEqualTo(new Freeze("alert IncidentOpen{team=\"shop\"}",
        "firing alert matches the freeze alert selector alertname=\"IncidentOpen\"", T0.minusSeconds(30)));
    assertThat(changes).hasValue(1);
    pushed.clear(); // resolved, or past its TTL
    alerts.refresh();
    assertThat(alerts.current()).isNull();
    assertThat(changes).hasValue(2);
  }

  @Test
  void theSameAlertPolledAndPushedIsOneFreezeWithTheEarlierStart() {
    pushed.add(new FreezeAlerts.Firing(Map.of("alertname", "IncidentOpen", "severity", "critical"), T0.minusSeconds(5)));
    prometheus.fires(QUERY, SERIES, "1");
    alerts.poll();
    assertThat(alerts.current().since()).isEqualTo(T0.minusSeconds(5));
    assertThat(alerts.current().by()).isEqualTo("alert IncidentOpen{severity=\"critical\"}");
  }
}
