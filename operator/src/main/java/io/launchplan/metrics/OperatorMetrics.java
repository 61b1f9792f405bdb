package io.launchplan.metrics;

import io.launchplan.api.Phase;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The operator's own metrics, served on {@code /metrics}. */
public final class OperatorMetrics {
  private final Map<String, Phase> phaseByPlan = new ConcurrentHashMap<>();
  private final Counter transitions;
  private final Counter reverts;
  private final Histogram detectToRevert;
  private final Histogram reconcileSeconds;
  private final Histogram querySeconds;
  private final Histogram tickLag;
  private final Counter statusWrites;
  private final Counter queryErrors;
  private final Counter alertPushes;
  private final Counter notificationsSent;
  private final Counter notificationFailures;
  private final Counter freezeAlertPolls;
  // shadow checks (issue 17)
  private final Counter shadowWouldAct;
  private final PrometheusRegistry registry;
  // LaunchPolicies: holds by policy and rule, each policy's own state.
  private final PolicyMetrics policies;

  public OperatorMetrics(PrometheusRegistry registry) {
    this.registry = registry;
    this.policies = new PolicyMetrics(registry);
    transitions = Counter.builder().name("launchplan_transitions_total")
        .help("Launch phase transitions, by the phase entered and the reason").labelNames("phase", "reason")
        .register(registry);
    reverts = Counter.builder().name("launchplan_reverts_total")
        .help("Launches that started reverting, by reason").labelNames("reason").register(registry);
    detectToRevert = Histogram.builder().name("launchplan_detect_to_revert_seconds")
        .help("From the analysis tick that decided a revert to the canary Deployment and pods being deleted")
        .classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10).register(registry);
    reconcileSeconds = Histogram.builder().name("launchplan_reconcile_seconds")
        .help("Time spent in one reconcile of a LaunchPlan").classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
        .register(registry);
    querySeconds = Histogram.builder().name("launchplan_prometheus_query_seconds")
        .help("Latency of analysis queries sent to Prometheus").classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
        .register(registry);
    tickLag = Histogram.builder().name("launchplan_analysis_tick_lag_seconds")
        .help("How late a scheduled analysis tick started (its place in the interval slot to the reconcile's start)")
        .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10).register(registry);
    statusWrites = Counter.builder().name("launchplan_status_writes_total")
        .help("LaunchPlan status writes, by result: written, or skipped (a quiet analysis tick within 30 s of the last "
            + "written one)").labelNames("result").register(registry);
    queryErrors = Counter.builder().name("launchplan_prometheus_query_errors_total")
        .help("Analysis queries that failed (unreachable, rejected, bad response)").register(registry);
    alertPushes = Counter.builder().name("launchplan_alert_pushes_total")
        .help("Requests to the Alertmanager receiver, by result (accepted, unauthorized, bad_request, too_large, ...)")
        .labelNames("result").register(registry);
    notificationsSent = Counter.builder().name("launchplan_notifications_sent_total")
        .help("Launch notices delivered to a webhook").register(registry);
    notificationFailures = Counter.builder().name("launchplan_notification_failures_total")
        .help("Launch notices given up on after their retries, or dropped, by reason").labelNames("reason")
        .register(registry);
    freezeAlertPolls = Counter.builder().name("launchplan_freeze_alert_polls_total")
        .help("Polls of Prometheus for the freeze alerts (LAUNCHPLAN_FREEZE_ALERTS), by result (ok, error)")
        .labelNames("result").register(registry);
    shadowWouldAct = Counter.builder().name("launchplan_shadow_checks_would_act_total")
        .help("Shadow checks (mode: Shadow) that would have acted in a launch, had they been enforced, by the action "
            + "they would have taken (counted once per check and launch)").labelNames("action").register(registry);
    GaugeWithCallback.builder().name("launchplan_launches").help("LaunchPlans by current phase").labelNames("phase")
        .callback(cb -> {
          Map<Phase, Integer> counts = new EnumMap<>(Phase.class);
          phaseByPlan.values().forEach(p -> counts.merge(p, 1, Integer::sum));
          for (Phase p : Phase.values()) {
            cb.call(counts.getOrDefault(p, 0), p.name());
          }
        })
        .register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** The LaunchPolicies' metrics. */
  public PolicyMetrics policies() {
    return policies;
  }

  public void phase(String plan, Phase phase) {
    phaseByPlan.put(plan, phase);
  }

  public void forget(String plan) {
    phaseByPlan.remove(plan);
  }

  public void transition(Phase phase, String reason) {
    transitions.labelValues(phase.name(), reason == null ? "" : reason).inc();
    if (phase == Phase.Reverting) {
      reverts.labelValues(reason == null ? "" : reason).inc();
    }
  }

  public void detectToRevert(Duration d) {
    detectToRevert.observe(d.toNanos() / 1e9);
  }

  public void reconcile(Duration d) {
    reconcileSeconds.observe(d.toNanos() / 1e9);
  }

  /** A scheduled analysis tick started {@code lag} after its place in the interval. */
  public void tickLag(Duration lag) {
    tickLag.observe(Math.max(0, lag.toNanos()) / 1e9);
  }

  /** A reconcile wrote its status ({@code written}) or left a quiet tick unwritten. */
  public void statusWrite(boolean written) {
    statusWrites.labelValues(written ? "written" : "skipped").inc();
  }

  /** Feeds the Prometheus client's query observer. */
  public void query(Duration latency, boolean ok) {
    querySeconds.observe(latency.toNanos() / 1e9);
    if (!ok) {
      queryErrors.inc();
    }
  }

  /** One request to the Alertmanager receiver and how it ended. */
  public void alertPush(String result) {
    alertPushes.labelValues(result).inc();
  }

  /** One poll for the freeze alerts; a failed one keeps the last answer. */
  public void freezeAlertPoll(boolean ok) {
    freezeAlertPolls.labelValues(ok ? "ok" : "error").inc();
  }

  /** A shadow check that would have taken {@code action} (Revert or Pause) for the first time in its launch. */
  public void shadowWouldAct(String action) {
    shadowWouldAct.labelValues(action).inc();
  }

  public void notificationSent() {
    notificationsSent.inc();
  }

  /** A notice lost: {@code reason} is one of a few fixed words (status_5xx, unreachable, queue_full, ...). */
  public void notificationFailed(String reason) {
    notificationFailures.labelValues(reason).inc();
  }
}
