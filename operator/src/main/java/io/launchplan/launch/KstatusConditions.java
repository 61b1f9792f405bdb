package io.launchplan.launch;

import io.fabric8.kubernetes.api.model.Condition;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The two conditions kstatus ({@code sigs.k8s.io/cli-utils}: Flux's health checks, Helm's and
 * kpt's waits) reads on a custom resource, besides {@code observedGeneration}:
 * {@code Reconciling=True} is InProgress, {@code Stalled=True} is Failed, neither is Current.
 *
 * <ul>
 *   <li><b>Reconciling</b> is True while the plan is on its way somewhere by itself: a launch in
 *       flight (Canary … Verifying, Reverting, also Paused: a pause ends by itself or by a person),
 *       or a new revision waiting in Pending for its turn (lane, cooldown, target, freeze, window,
 *       approval). A wait is bounded by the waiter's timeout, as for a Deployment rolling out.</li>
 *   <li><b>Stalled</b> is True when nothing changes without a person: the launch ended
 *       {@code Reverted}, or a new revision is refused (invalid spec, policy, owed postmortem, a
 *       stranger holding the canary's name). A wait then ends Failed at once instead of hanging.</li>
 *   <li>{@code Succeeded}: both False; with {@code Ready=True} the plan is Current.</li>
 * </ul>
 */
final class KstatusConditions {
  static final String RECONCILING = "Reconciling";
  static final String STALLED = "Stalled";

  /** Pending reasons that need a person: the plan stays where it is until someone acts. */
  private static final Set<String> NEEDS_A_PERSON = Set.of(Reason.InvalidSpec.name(), Reason.PostmortemRequired.name(),
      Reason.InvalidPostmortem.name(), Reason.PolicyInvalid.name(), Reason.PolicyViolation.name(),
      Reason.CanaryNameTaken.name());

  private KstatusConditions() {}

  /** Adds Reconciling and Stalled for {@code status}'s phase and reason to {@code next}. */
  static void add(List<Condition> next, List<Condition> old, LaunchPlanStatus status, String reason, String message,
      long generation, Instant now) {
    Phase phase = status.getPhase();
    boolean stalled = phase == Phase.Reverted || (phase == Phase.Pending && NEEDS_A_PERSON.contains(reason));
    boolean reconciling = !stalled && (phase.isActive() || phase == Phase.Pending);
    next.add(Conditions.condition(old, RECONCILING, reconciling, reconciling ? reason : settled(phase, reason),
        reconciling ? "launch is " + phase + ": " + message : "", generation, now));
    next.add(Conditions.condition(old, STALLED, stalled, stalled ? reason : Reason.AsExpected.name(),
        stalled ? "launch is " + phase + " and needs a person: " + message : "", generation, now));
  }

  private static String settled(Phase phase, String reason) {
    return phase == Phase.Succeeded ? reason : Reason.AsExpected.name();
  }
}
