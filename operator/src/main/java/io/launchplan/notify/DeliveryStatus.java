package io.launchplan.notify;

import io.fabric8.kubernetes.api.model.Condition;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Texts;
import io.launchplan.launch.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Which plans' notices are failing, in memory, by plan and webhook URL: a failure is recorded
 * when a notice is given up on (or dropped), and cleared by a later delivery to the same URL.
 * The status writer turns it into the {@code NotificationsFailing} condition; the listener wakes the
 * plan when it changes, so the condition shows even on a launch that already ended.
 * It also keeps which history entries' notices are queued and settled ({@link NoticeLedger}), and
 * wakes the plan when one settles, so its reconcile records it in {@code status.notifiedThrough}.
 */
public final class DeliveryStatus {
  public static final String CONDITION = "NotificationsFailing";

  /** The last lost notice to one URL. */
  public record Failure(String url, String error, Instant at) {}

  private final Map<PlanRef, Map<String, Failure>> failing = new ConcurrentHashMap<>();
  private volatile Consumer<PlanRef> listener = plan -> { };
  final NoticeLedger ledger = new NoticeLedger();

  /** Told (on a notifier thread) whenever a plan starts or stops failing, or fails anew. */
  public void onChange(Consumer<PlanRef> listener) {
    this.listener = listener;
  }

  /** Told (on a notifier thread) when every notice of a history entry is delivered or given up on. */
  public void onSettled(Consumer<PlanRef> listener) {
    ledger.onSettled(listener);
  }

  void failed(PlanRef plan, String url, String error, Instant at) {
    failing.computeIfAbsent(plan, p -> new ConcurrentHashMap<>()).put(url, new Failure(url, error, at));
    listener.accept(plan);
  }

  void delivered(PlanRef plan, String url) {
    Map<String, Failure> byUrl = failing.get(plan);
    if (byUrl != null && byUrl.remove(url) != null) {
      failing.computeIfPresent(plan, (p, m) -> m.isEmpty() ? null : m);
      listener.accept(plan);
    }
  }

  /** The latest failure among the plan's webhooks that have not been delivered to since, or null. */
  public Failure lastFailure(PlanRef plan) {
    Map<String, Failure> byUrl = failing.get(plan);
    return byUrl == null ? null : byUrl.values().stream().max(Comparator.comparing(Failure::at)).orElse(null);
  }

  public void forget(PlanRef plan) {
    failing.remove(plan);
    ledger.forget(plan);
  }

  /**
   * Adds the {@code NotificationsFailing} condition to {@code next} (whose standard conditions
   * were just rewritten) for a plan with webhooks, or with a failure on record.
   * {@code lastTransitionTime} is kept from the plan's current condition unless the status flips.
   */
  public void applyCondition(LaunchPlan plan, LaunchPlanStatus next, Instant now) {
    Failure failure = lastFailure(PlanRef.of(plan));
    boolean hasWebhooks = plan.getSpec() != null && !plan.getSpec().notifyOrDefault().webhooksOrEmpty().isEmpty();
    if (failure == null && !hasWebhooks) {
      return;
    }
    List<Condition> old = plan.getStatus() != null && plan.getStatus().getConditions() != null
        ? plan.getStatus().getConditions() : List.of();
    Condition c = Conditions.condition(old, CONDITION, failure != null,
        failure != null ? "DeliveryFailed" : "NoFailures", failure != null
            ? Texts.message("a notice to " + failure.url() + " was lost at " + failure.at() + ": " + failure.error()) : "",
        plan.getMetadata().getGeneration(), now);
    List<Condition> conditions = new ArrayList<>(next.getConditions() != null ? next.getConditions() : List.of());
    conditions.removeIf(x -> CONDITION.equals(x.getType()));
    conditions.add(c);
    next.setConditions(conditions);
  }
}
