package io.launchplan.launch;

import io.launchplan.api.CanaryStep;
import io.launchplan.api.Durations;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import io.launchplan.api.StepStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Staged canary steps ({@code canary.steps}): after the first canary's window, the canary grows
 * step by step, each observed in a window of its own, before the target is touched.
 *
 * <pre>
 * Canary(step 0) ─► Observing(step 0) ─► Canary(step 1) ─► Observing(step 1) ─► … ─► Observing(step N) ─► RollingOut
 * </pre>
 *
 * <p>A step begins by going back to Canary ({@code StepStarted}): the canary Deployment is scaled to
 * the step's size and, once ready, observed ({@code StepReady}). Starting a step forgets the
 * previous step's analysis ({@code lastAnalysisAt}, the checks' {@code since}), so the step gets
 * fresh ticks and every {@code for} timer starts again. The step is kept in {@code status.step},
 * so a Pause or a restart resumes the same step, never an earlier or a later one; the canary
 * Deployment carries its step ({@code launchplan.io/step}), so a step applied by an operator that
 * died before writing status is recognised instead of being done again. A percent step follows the
 * target's current replicas (an HPA or a person scaling it): the canary is resized within the step,
 * whose window goes on. Pure, like the decider. A plan without steps has no {@code status.step}
 * and none of this applies.
 */
public final class CanarySteps {
  private CanarySteps() {}

  /** The canary's size a decision with {@code next} applies: the step's, or {@code canary.replicas} without steps. */
  public static int canaryReplicas(LaunchPlanSpec spec, LaunchPlanStatus next) {
    StepStatus step = next.getStep();
    return step != null && step.getReplicas() != null && step.getReplicas() > 0 ? step.getReplicas()
        : spec.canaryOrDefault().replicasOrDefault();
  }

  /** The step stamp for the canary applied with {@code next}: its step, or -1 for a plan without steps. */
  public static int stamp(LaunchPlanStatus next) {
    return next.getStep() != null ? current(next) : -1;
  }

  /**
   * What is wrong with the plan's steps next to a target of {@code targetReplicas} that the schema
   * cannot say, or null: a replicas step larger than the target (more new pods than the target has is
   * no canary), or a step smaller than the one before it once percents are counted in pods.
   */
  public static String problem(LaunchPlanSpec spec, int targetReplicas) {
    List<CanaryStep> steps = spec.canaryOrDefault().stepsOrEmpty();
    int previous = spec.canaryOrDefault().replicasOrDefault();
    for (int i = 0; i < steps.size(); i++) {
      CanaryStep step = steps.get(i);
      if (step.getReplicas() != null && step.getReplicas() > targetReplicas) {
        return "canary.steps[" + i + "].replicas (" + step.getReplicas() + ") is larger than the target's replicas ("
            + targetReplicas + "): a step has at most as many pods as the target";
      }
      int size = step.size(targetReplicas);
      if (size < previous) {
        return "canary.steps[" + i + "] (" + step.describe() + ") is " + size + " pods next to the target's "
            + targetReplicas + " replicas, fewer than the " + previous + " of the step before it: steps must not shrink";
      }
      previous = size;
    }
    return null;
  }

  /** Whether the plan has staged steps. */
  static boolean staged(LaunchPlanSpec spec) {
    return !spec.canaryOrDefault().stepsOrEmpty().isEmpty();
  }

  /** The step a launch stands in: 0 (the first canary) unless {@code status.step} says otherwise. */
  static int current(LaunchPlanStatus status) {
    return status.getStep() != null && status.getStep().getCurrent() != null ? status.getStep().getCurrent() : 0;
  }

  /** The step status a launch starts with: step 0 of the plan's steps, or null for a plan without steps. */
  static StepStatus first(LaunchPlanSpec spec, String now) {
    return staged(spec) ? new StepStatus(0, total(spec), spec.canaryOrDefault().replicasOrDefault(), now) : null;
  }

  /** The canary's size the current step asks for next to a target of {@code targetReplicas}. */
  static int desired(LaunchPlanSpec spec, LaunchPlanStatus status, TargetView target) {
    int step = current(status);
    List<CanaryStep> steps = spec.canaryOrDefault().stepsOrEmpty();
    if (step == 0 || step > steps.size()) {
      return spec.canaryOrDefault().replicasOrDefault();
    }
    return steps.get(step - 1).size(target != null ? target.replicas() : 0);
  }

  /** The current step's observation window. */
  static Duration observe(LaunchPlanSpec spec, LaunchPlanStatus status) {
    int step = current(status);
    List<CanaryStep> steps = spec.canaryOrDefault().stepsOrEmpty();
    Duration canary = spec.canaryOrDefault().observeOrDefault();
    return step == 0 || step > steps.size() ? canary : steps.get(step - 1).observeOr(canary);
  }

  /** The current step's window as people write it. */
  static String observeText(LaunchPlanSpec spec, LaunchPlanStatus status) {
    return Durations.format(observe(spec, status));
  }

  /** "step 2/3 " for a launch with steps, "" without: the prefix of every step message. */
  static String label(LaunchPlanStatus status) {
    return status.getStep() != null ? "step " + status.getStep().getSummary() + " " : "";
  }

  /** Records the canary's size the step asks for now (what {@code APPLY_CANARY} applies). */
  static void record(Draft d, int desired) {
    StepStatus step = d.status().getStep();
    if (step != null && (step.getReplicas() == null || step.getReplicas() != desired)) {
      d.status().setStep(new StepStatus(step.getCurrent(), step.getTotal(), desired, step.getStartedAt()));
    }
  }

  /** Whether a step follows the current one. */
  static boolean hasNext(LaunchPlanSpec spec, LaunchPlanStatus status) {
    return status.getStep() != null && current(status) < spec.canaryOrDefault().stepsOrEmpty().size();
  }

  /**
   * In Observing, before anything else of the step: a canary already stamped with a later step was
   * applied by an operator that stopped before it could write the step (continue that step), and a
   * percent step's canary follows the target's replicas. Returns true when it decided this step.
   */
  static boolean reconcile(LaunchPlanSpec spec, Observation obs, Draft d) {
    if (d.status().getStep() == null || obs.canary() == null) {
      return false;
    }
    if (obs.canary().step() > current(d.status()) && hasNext(spec, d.status())) {
      begin(spec, obs, d, Reason.StepStarted, "the canary already runs step " + obs.canary().step() + "; ");
      return true;
    }
    int desired = desired(spec, d.status(), obs.target());
    if (current(d.status()) > 0 && obs.canary().desired() != desired) {
      record(d, desired);
      d.effect(Effect.APPLY_CANARY);
      d.note(Reason.StepResized, label(d.status()) + "(" + step(spec, d.status()).describe() + "): the target has "
          + obs.target().replicas() + " replicas now, so the canary goes from " + obs.canary().desired() + " to "
          + desired + " pods; the step's window goes on", false);
      d.wakeIn(LaunchDecider.WAIT_POLL);
    }
    return false;
  }

  /**
   * Starts the next step: back to Canary, the canary scaled to the step's size, the previous
   * step's analysis forgotten (fresh ticks, {@code for} timers from zero).
   *
   * @param reason StepStarted, or ManualPromote when a promotion ended the previous step's window
   * @param why what ended the previous step's window, as the message's start
   */
  static void begin(LaunchPlanSpec spec, Observation obs, Draft d, Reason reason, String why) {
    LaunchPlanStatus s = d.status();
    int from = obs.canary() != null ? obs.canary().desired() : s.getStep().getReplicas();
    int next = current(s) + 1;
    s.setStep(new StepStatus(next, total(spec), 0, obs.now().toString()));
    int desired = desired(spec, s, obs.target());
    record(d, desired);
    s.setLastAnalysisAt(null);
    s.setAnalysis(new ArrayList<>());
    d.moveTo(Phase.Canary, reason, why + label(s) + "(" + step(spec, s).describe() + "): scaling the canary from "
        + from + " to " + desired + " pods; observing for " + observeText(spec, s) + " once ready");
    d.effect(Effect.APPLY_CANARY);
    d.wakeIn(LaunchDecider.WAIT_POLL);
  }

  private static CanaryStep step(LaunchPlanSpec spec, LaunchPlanStatus status) {
    return spec.canaryOrDefault().stepsOrEmpty().get(current(status) - 1);
  }

  private static int total(LaunchPlanSpec spec) {
    return spec.canaryOrDefault().stepsOrEmpty().size();
  }
}
