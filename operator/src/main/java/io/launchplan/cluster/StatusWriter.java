package io.launchplan.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.launch.Conditions;
import io.launchplan.launch.InsecureConnections;
import io.launchplan.launch.Decision;
import io.launchplan.gates.PolicyHolds;
import io.launchplan.metrics.OperatorMetrics;
import io.launchplan.metrics.PolicyMetrics;
import io.launchplan.notify.Notifier;
import io.launchplan.notify.PlanRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles a plan's status (the decision's, with the observed generation, the freeze, every
 * condition and how far its notices are sent) and writes it once per reconcile, when it changed,
 * by server-side apply guarded by the plan's resourceVersion; after the write it tells of the
 * transition (log, Event, metric) and queues its notices, so a failed write, which repeats the
 * reconcile, tells nothing twice. A reconcile that threw is written as {@code Ready=False} with
 * reason {@code ReconcileError} ({@link #writeError}). A quiet analysis tick (nothing but the tick time and the query values
 * changed) is not written while the status shows a tick younger than {@link #QUIET_TICK_REFRESH};
 * the tick time it kept is handed to the next reconcile ({@link #current}), so the schedule runs
 * from it.
 */
final class StatusWriter implements Loop.Write {
  private static final Logger log = LoggerFactory.getLogger("io.launchplan.transitions");

  /**
   * 1,000 plans on a 10 s interval would otherwise write 100 unchanged statuses a second. Every
   * change is written at once.
   */
  static final Duration QUIET_TICK_REFRESH = Duration.ofSeconds(30);

  /** The last tick of plans whose quiet ticks were not written, by UID. */
  private final Map<String, Instant> unwrittenTicks = new ConcurrentHashMap<>();
  private final OperatorMetrics metrics;
  private final Notifier notifier;
  private final LaunchEvents events;
  private final Clock clock;

  StatusWriter(OperatorMetrics metrics, Notifier notifier, LaunchEvents events, Clock clock) {
    this.metrics = metrics;
    this.notifier = notifier;
    this.events = events;
    this.clock = clock;
  }

  /** The plan's status as the decision takes it: the written one, with the time of an unwritten quiet tick. */
  @Override
  public LaunchPlanStatus current(LaunchPlan plan) {
    return withUnwrittenTick(plan.getStatus() != null ? plan.getStatus() : new LaunchPlanStatus(),
        unwrittenTicks.get(plan.getMetadata().getUid()));
  }

  /**
   * Completes the decision's status (observed generation, freeze, conditions, notices), writes it
   * ({@link #write(LaunchPlan, LaunchPlanStatus, Decision, boolean, Instant, Context)}), then tells
   * of its transition and queues the notices owed.
   */
  @Override
  public void write(LaunchPlan plan, Decision decision, Observed seen, Context<LaunchPlan> context) {
    LaunchPlanStatus next = decision.status();
    Instant now = seen.observation().now();
    long generation = plan.getMetadata().getGeneration();
    next.setObservedGeneration(generation);
    next.setFreeze(seen.frozenBy());
    Conditions.apply(next, generation, now, seen.observation().freeze(), plan.getSpec().emergency());
    InsecureConnections.apply(next, plan.getSpec(), generation, now); // issue 17
    notifier.status().applyCondition(plan, next, now);
    notifier.settle(plan, next); // status.notifiedThrough: how far the plan's notices are sent
    metrics.phase(key(plan), next.getPhase());
    metrics.policies().holds(key(plan), PolicyHolds.of(seen.spec(), next, seen.observation().policy(),
        seen.observation().lane(), seen.observation().policyQueues(), now).stream()
        .map(h -> new PolicyMetrics.Held(h.policy(), h.value())).toList());
    write(plan, next, decision, seen.ticked(), now, context);
    if (decision.transition() != null) {
      // After the write: a write that fails repeats the step, and the transition is told once.
      HistoryEntry t = next.getHistory().get(next.getHistory().size() - 1);
      log.info("{}/{} {} -> {} reason={} revision={} message=\"{}\"", plan.getMetadata().getNamespace(),
          plan.getMetadata().getName(), seen.phase(), t.getPhase(), t.getReason(), t.getRevision(), t.getMessage());
      events.record(plan, t, decision.warning());
      metrics.transition(t.getPhase(), t.getReason());
    }
    notifier.catchUp(plan, next); // after the write: a failed write repeats the step
  }

  /**
   * A reconcile that threw: {@code Ready=False} with reason {@code ReconcileError} and what went
   * wrong, and a Warning Event when the error is new (the same error again writes nothing). The
   * next reconcile that gets through rewrites every condition, which clears it.
   */
  @Override
  public void writeError(LaunchPlan plan, Exception error, Context<LaunchPlan> context) {
    String message = ReconcileErrors.describe(error);
    log.warn("{}/{} reconcile failed: {}", plan.getMetadata().getNamespace(), plan.getMetadata().getName(), message);
    LaunchPlanStatus status = plan.getStatus() != null
        ? Serialization.jsonMapper().convertValue(plan.getStatus(), LaunchPlanStatus.class) : new LaunchPlanStatus();
    Condition ready = Conditions.find(status, Conditions.READY);
    if (ready != null && Conditions.RECONCILE_ERROR.equals(ready.getReason()) && message.equals(ready.getMessage())) {
      return;
    }
    Conditions.reconcileError(status, plan.getMetadata().getGeneration(), clock.instant(), message);
    try {
      writeStatus(plan, status, context);
      events.record(plan, ReconcileErrors.entry(status, message, clock.instant()), true);
    } catch (RuntimeException writeFailed) {
      // The plan changed meanwhile (its own write went through) or the API server is away: the retry tells.
      log.warn("{}/{} could not record the reconcile error: {}", plan.getMetadata().getNamespace(),
          plan.getMetadata().getName(), writeFailed.getMessage());
    }
  }

  /**
   * Writes {@code next} unless it equals what is written or is a quiet tick.
   *
   * @param ticked whether this reconcile ran an analysis tick
   */
  void write(LaunchPlan plan, LaunchPlanStatus next, Decision decision, boolean ticked, Instant now,
      Context<LaunchPlan> context) {
    String uid = plan.getMetadata().getUid();
    JsonNode nextJson = Serialization.jsonMapper().valueToTree(next);
    JsonNode writtenJson = Serialization.jsonMapper().valueToTree(plan.getStatus());
    boolean quiet = ticked && decision.transition() == null && decision.effects().isEmpty()
        && quietTick(nextJson, writtenJson, now);
    if (quiet) {
      unwrittenTicks.put(uid, Instant.parse(next.getLastAnalysisAt()));
      metrics.statusWrite(false);
    } else if (!nextJson.equals(writtenJson)) {
      unwrittenTicks.remove(uid);
      metrics.statusWrite(true);
      writeStatus(plan, next, context);
    }
  }

  /** Forgets a deleted plan: its unwritten tick, its phase metric and its notices' delivery state. */
  @Override
  public void forget(LaunchPlan plan) {
    unwrittenTicks.remove(plan.getMetadata().getUid());
    metrics.forget(key(plan));
    metrics.policies().forgetPlan(key(plan));
    notifier.status().forget(PlanRef.of(plan));
  }

  private static String key(LaunchPlan plan) {
    return plan.getMetadata().getNamespace() + "/" + plan.getMetadata().getName();
  }

  /** Writes {@code status} as the plan's whole status (server-side apply, guarded by the plan's resourceVersion). */
  static void writeStatus(LaunchPlan plan, LaunchPlanStatus status, Context<LaunchPlan> context) {
    LaunchPlan fresh = new LaunchPlan();
    fresh.setMetadata(new ObjectMetaBuilder()
        .withName(plan.getMetadata().getName()).withNamespace(plan.getMetadata().getNamespace())
        .withResourceVersion(plan.getMetadata().getResourceVersion()).build());
    fresh.setStatus(status);
    PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(plan, fresh, context);
  }

  /** {@code status} with the tick time of a quiet tick that was not written, when there is one. */
  private static LaunchPlanStatus withUnwrittenTick(LaunchPlanStatus status, Instant unwritten) {
    if (unwritten == null || status.getLastAnalysisAt() == null
        || !unwritten.isAfter(Instant.parse(status.getLastAnalysisAt()))) {
      return status;
    }
    LaunchPlanStatus copy = Serialization.jsonMapper().convertValue(status, LaunchPlanStatus.class);
    copy.setLastAnalysisAt(unwritten.toString());
    return copy;
  }

  /**
   * Whether {@code next} differs from the written status only by the tick time and the query
   * values, and the written tick is younger than {@link #QUIET_TICK_REFRESH}.
   */
  static boolean quietTick(LaunchPlanStatus next, LaunchPlanStatus written, Instant now) {
    return quietTick(Serialization.jsonMapper().valueToTree(next), Serialization.jsonMapper().valueToTree(written), now);
  }

  /** As above, on the statuses as JSON (each reconcile converts them once). */
  private static boolean quietTick(JsonNode next, JsonNode written, Instant now) {
    if (!written.hasNonNull("lastAnalysisAt") || !next.hasNonNull("lastAnalysisAt")
        || !now.isBefore(Instant.parse(written.get("lastAnalysisAt").asText()).plus(QUIET_TICK_REFRESH))) {
      return false;
    }
    return withoutTick(next).equals(withoutTick(written));
  }

  private static JsonNode withoutTick(JsonNode status) {
    ObjectNode json = (ObjectNode) status.deepCopy();
    json.remove("lastAnalysisAt");
    JsonNode analysis = json.get("analysis");
    if (analysis != null && analysis.isArray()) {
      analysis.forEach(q -> ((ObjectNode) q).remove("value"));
    }
    return json;
  }
}
