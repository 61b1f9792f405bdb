package io.launchplan.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.launch.Decision;
import io.launchplan.metrics.OperatorMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a plan's status once per reconcile, when it changed, by server-side apply guarded by the
 * plan's resourceVersion. A quiet analysis tick (nothing but the tick time and the query values
 * changed) is not written while the status shows a tick younger than {@link #QUIET_TICK_REFRESH};
 * the tick time it kept is handed to the next reconcile ({@link #current}), so the schedule runs
 * from it.
 */
final class StatusWriter {
  /**
   * 1,000 plans on a 10 s interval would otherwise write 100 unchanged statuses a second. Every
   * change is written at once.
   */
  static final Duration QUIET_TICK_REFRESH = Duration.ofSeconds(30);

  /** The last tick of plans whose quiet ticks were not written, by UID. */
  private final Map<String, Instant> unwrittenTicks = new ConcurrentHashMap<>();
  private final OperatorMetrics metrics;

  StatusWriter(OperatorMetrics metrics) {
    this.metrics = metrics;
  }

  /** The plan's status as the decision takes it: the written one, with the time of an unwritten quiet tick. */
  LaunchPlanStatus current(LaunchPlan plan) {
    return withUnwrittenTick(plan.getStatus() != null ? plan.getStatus() : new LaunchPlanStatus(),
        unwrittenTicks.get(plan.getMetadata().getUid()));
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

  /** Forgets a deleted plan. */
  void forget(LaunchPlan plan) {
    unwrittenTicks.remove(plan.getMetadata().getUid());
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
