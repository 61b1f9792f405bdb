package io.launchplan.launch;

import io.fabric8.kubernetes.api.model.Condition;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import io.launchplan.api.Reason.Meaning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard Kubernetes conditions derived from the phase and reason, so kstatus, Helm
 * {@code --wait} and Flux can read a plan: Ready, Progressing, Paused, Frozen and Degraded, and
 * kstatus' Reconciling and Stalled ({@link KstatusConditions}).
 * {@code lastTransitionTime} moves only when a condition's status flips.
 */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String PAUSED = "Paused";
  public static final String FROZEN = "Frozen";
  public static final String DEGRADED = "Degraded";
  /** The reason of {@code Ready=False} while the last reconcile failed ({@link #reconcileError}). */
  public static final String RECONCILE_ERROR = Reason.ReconcileError.name();
  /** Present while {@code spec.emergency} is true (and False once it is removed). */
  public static final String EMERGENCY = "Emergency";

  private Conditions() {}

  /**
   * Rewrites {@code status.conditions} for the status' phase and reason. An {@code Emergency}
   * condition is added while {@code emergency} is true, and kept as False once it was there.
   */
  public static void apply(LaunchPlanStatus status, long generation, Instant now, String freeze, boolean emergency) {
    Phase phase = status.getPhase();
    String reason = status.getReason() != null ? status.getReason() : phase.name();
    String message = status.getMessage() != null ? status.getMessage() : "";
    List<Condition> old = status.getConditions() != null ? status.getConditions() : List.of();
    List<Condition> next = new ArrayList<>();

    boolean ready = phase == Phase.Succeeded;
    next.add(condition(old, READY, ready, ready ? reason : phaseReason(phase, reason),
        ready ? message : "launch is " + phase + ": " + message, generation, now));
    boolean progressing = switch (phase) {
      case Canary, Observing, RollingOut, Verifying, Reverting -> true;
      default -> false;
    };
    next.add(condition(old, PROGRESSING, progressing, reason, message, generation, now));
    boolean paused = phase == Phase.Paused || (phase == Phase.Pending && Reason.is(reason, Meaning.PAUSED_BY_HAND));
    next.add(condition(old, PAUSED, paused, paused ? reason : Reason.NotPaused.name(), paused ? message : "", generation, now));
    next.add(condition(old, FROZEN, freeze != null, (freeze != null ? Reason.Frozen : Reason.NotFrozen).name(),
        freeze != null ? "launches are frozen by " + freeze : "", generation, now));
    boolean degraded = phase == Phase.Reverting || phase == Phase.Reverted || Reason.is(reason, Meaning.DEGRADED);
    next.add(condition(old, DEGRADED, degraded, degraded ? reason : Reason.AsExpected.name(), degraded ? message : "",
        generation, now));
    if (emergency || old.stream().anyMatch(c -> EMERGENCY.equals(c.getType()))) {
      next.add(condition(old, EMERGENCY, emergency, (emergency ? Reason.EmergencyBypass : Reason.NotEmergency).name(), emergency
          ? "spec.emergency is true: the lane, the cooldown and freezes are bypassed; the canary and the analysis still run"
          : "", generation, now));
    }
    KstatusConditions.add(next, old, status, reason, message, generation, now);
    Condition drift = GitOpsDrift.condition(status, old, generation, now);
    if (drift != null) {
      next.add(drift);
    }
    status.setConditions(next);
  }

  /**
   * Marks a reconcile that failed: {@code Ready=False} with reason {@link #RECONCILE_ERROR} and the
   * error, the other conditions as they were. The next reconcile that gets through rewrites every
   * condition with {@link #apply}, which clears it.
   */
  public static void reconcileError(LaunchPlanStatus status, long generation, Instant now, String message) {
    List<Condition> old = status.getConditions() != null ? status.getConditions() : List.of();
    List<Condition> next = new ArrayList<>();
    next.add(condition(old, READY, false, RECONCILE_ERROR, message, generation, now));
    old.stream().filter(c -> !READY.equals(c.getType())).forEach(next::add);
    status.setConditions(next);
  }

  private static String phaseReason(Phase phase, String reason) {
    return reason != null ? reason : phase.name();
  }

  /**
   * A condition of {@code type}: its {@code lastTransitionTime} is kept from {@code old} while its
   * status stays the same, and is {@code now} when it flips (the one rule for every condition).
   */
  public static Condition condition(List<Condition> old, String type, boolean value, String reason,
      String message, long generation, Instant now) {
    String status = value ? "True" : "False";
    String since = old.stream()
        .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
        .map(Condition::getLastTransitionTime)
        .findFirst()
        .orElse(now.toString());
    Condition c = new Condition();
    c.setType(type);
    c.setStatus(status);
    c.setReason(reason);
    c.setMessage(message);
    c.setObservedGeneration(generation);
    c.setLastTransitionTime(since);
    return c;
  }

  /** The condition of {@code type}, or null. */
  public static Condition find(LaunchPlanStatus status, String type) {
    if (status == null || status.getConditions() == null) {
      return null;
    }
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
