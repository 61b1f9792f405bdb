package io.launchplan.analysis;

import io.launchplan.gates.Freeze;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide freeze by alert ({@code LAUNCHPLAN_FREEZE_ALERTS}): launches are frozen while
 * an alert matching the selector fires, seen either way: pushed by Alertmanager to the receiver
 * (at once; until it is pushed resolved or its TTL passes) or polled from Prometheus as
 * {@code ALERTS{alertstate="firing",...}} every {@link #POLL_INTERVAL} (so it works with the
 * receiver off or Alertmanager down). Either source firing is enough.
 *
 * <p>A failed poll neither invents nor lifts a freeze: the last answer Prometheus gave stands
 * (none before the first answer), the error is logged and counted, and
 * {@link #pollError()} says what failed. {@link #onChange} is told whenever the freeze starts,
 * ends or changes, so every plan can be woken.
 */
public final class FreezeAlerts {
  private static final Logger log = LoggerFactory.getLogger(FreezeAlerts.class);
  public static final Duration POLL_INTERVAL = Duration.ofSeconds(10);

  /** A firing alert from either source. */
  public record Firing(Map<String, String> labels, Instant since) {
    public Firing {
      labels = Map.copyOf(labels);
    }
  }

  /** What the poll reports, for metrics. */
  public interface PollObserver {
    void polled(boolean ok);
  }

  private final FreezeAlertSelector selector;
  private final PrometheusClient prometheus;
  private final URI prometheusUrl;
  /** The default Prometheus with the operator's default connection (its credentials read at each poll). */
  private final Analyzer.EndpointSource endpoint;
  private final Supplier<List<Firing>> pushed;
  private final Clock clock;
  private final PollObserver observer;
  /** Labels of the alerts the last successful poll saw firing, with when this operator first saw each. */
  private volatile Map<Map<String, String>, Instant> polled = Map.of();
  private volatile String pollError;
  private volatile Runnable onChange = () -> {};
  private String lastKey = "";

  public FreezeAlerts(FreezeAlertSelector selector, PrometheusClient prometheus, URI prometheusUrl,
      Supplier<List<Firing>> pushed, Clock clock, PollObserver observer) {
    this(selector, prometheus, prometheusUrl, () -> PrometheusEndpoint.of(prometheusUrl), pushed, clock, observer);
  }

  /** Polling {@code endpoint} (the default Prometheus {@code prometheusUrl} with the operator's default connection). */
  public FreezeAlerts(FreezeAlertSelector selector, PrometheusClient prometheus, URI prometheusUrl,
      Analyzer.EndpointSource endpoint, Supplier<List<Firing>> pushed, Clock clock, PollObserver observer) {
    this.selector = Objects.requireNonNull(selector);
    this.prometheus = prometheus;
    this.prometheusUrl = prometheusUrl;
    this.endpoint = endpoint;
    this.pushed = pushed;
    this.clock = clock;
    this.observer = observer;
  }

  public FreezeAlertSelector selector() {
    return selector;
  }

  /** Called whenever the freeze starts, ends or changes source (e.g. to wake every plan). */
  public void onChange(Runnable onChange) {
    this.onChange = Objects.requireNonNull(onChange);
  }

  /** Asks Prometheus which matching alerts fire; on an error keeps the last answer. Then {@link #refresh}. */
  public void poll() {
    Instant now = clock.instant();
    try {
      QueryResult result = prometheus.query(endpoint.get(), selector.promql());
      Map<Map<String, String>, Instant> seen = new HashMap<>();
      for (QueryResult.Sample s : result.samples()) {
        Map<String, String> labels = alertLabels(s.labels());
        seen.put(labels, polled.getOrDefault(labels, now));
      }
      polled = Map.copyOf(seen);
      if (pollError != null) {
        log.info("freeze alert poll answers again ({}): {} alert(s) firing", selector.promql(), seen.size());
      }
      pollError = null;
      observer.polled(true);
    } catch (PrometheusException | RuntimeException e) {
      String error = e.getMessage();
      if (!Objects.equals(error, pollError)) {
        log.warn("freeze alert poll {} on {} failed: {}; keeping the last answer ({} alert(s) firing)",
            selector.promql(), prometheusUrl, error, polled.size());
      }
      pollError = error == null ? e.getClass().getSimpleName() : error;
      observer.polled(false);
    }
    try {
      refresh();
    } catch (RuntimeException e) {
      // Runs on a timer: an exception here would silently cancel every later poll.
      log.warn("waking the plans after a freeze alert change failed", e);
    }
  }

  /** Why the last poll failed, or null when it answered. */
  public String pollError() {
    return pollError;
  }

  /** Tells {@link #onChange} when the freeze differs from the one last seen (a push arrived, an alert expired). */
  public void refresh() {
    Freeze now = current();
    String key = now == null ? "" : now.by() + "\n" + now.reason();
    boolean changed;
    synchronized (this) {
      changed = !key.equals(lastKey);
      lastKey = key;
    }
    if (changed) {
      log.info(now == null ? "freeze alert cleared: launches may go on" : "launches frozen by {}: {}",
          now == null ? null : now.by(), now == null ? null : now.reason());
      onChange.run();
    }
  }

  /** The freeze now: the earliest firing matching alert, polled or pushed; null when none fires. */
  public Freeze current() {
    Map<Map<String, String>, Instant> firing = new HashMap<>(polled);
    for (Firing f : pushed.get()) {
      Map<String, String> labels = alertLabels(f.labels());
      if (selector.matches(labels)) {
        firing.merge(labels, f.since(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    return firing.entrySet().stream()
        .min(Comparator.comparing((Map.Entry<Map<String, String>, Instant> e) -> e.getValue())
            .thenComparing(e -> describe(e.getKey())))
        .map(e -> new Freeze("alert " + describe(e.getKey()),
            "firing alert matches the freeze alert selector " + selector, e.getValue()))
        .orElse(null);
  }

  /** {@code IncidentOpen{severity="critical"}}: the alert name and up to 6 other labels, sorted. */
  static String describe(Map<String, String> labels) {
    Map<String, String> others = new TreeMap<>(labels);
    String name = Objects.requireNonNullElse(others.remove("alertname"), "");
    String text = others.entrySet().stream().limit(6)
        .map(e -> e.getKey() + "=\"" + AlertQuery.escape(e.getValue()) + "\"").collect(Collectors.joining(","));
    return name + "{" + text + (others.size() > 6 ? ",..." : "") + "}";
  }

  /** The alert's own labels: what ALERTS adds ({@code __name__}, {@code alertstate}) removed. */
  private static Map<String, String> alertLabels(Map<String, String> labels) {
    Map<String, String> own = new HashMap<>(labels);
    own.remove("__name__");
    own.remove("alertstate");
    return Map.copyOf(own);
  }
}
