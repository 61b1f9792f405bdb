package io.launchplan.plugin;

import io.launchplan.api.FreezeStatus;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.time.Instant;

/** What a person wants to know of one plan at a glance, read from its status alone (pure). */
public final class Plans {
  private static final int HOLDER_WIDTH = 80;

  private Plans() {}

  public static String key(LaunchPlan plan) {
    return plan.getMetadata().getNamespace() + "/" + plan.getMetadata().getName();
  }

  /** The operator has written a status for the plan's current spec (its generation). */
  static boolean observed(LaunchPlan plan) {
    LaunchPlanStatus s = plan.getStatus();
    Long generation = plan.getMetadata().getGeneration();
    return s != null && s.getPhase() != null && s.getObservedGeneration() != null
        && (generation == null || s.getObservedGeneration() >= generation);
  }

  /** The launch of the plan's current spec ended (Succeeded or Reverted). */
  static boolean ended(LaunchPlan plan) {
    return observed(plan) && plan.getStatus().getPhase().isTerminal();
  }

  public static Phase phase(LaunchPlan plan) {
    return plan.getStatus() == null ? null : plan.getStatus().getPhase();
  }

  public static String phaseText(LaunchPlan plan) {
    Phase p = phase(plan);
    return p == null ? "<new>" : p.name();
  }

  public static String lane(LaunchPlan plan) {
    String lane = plan.getSpec() == null ? null : plan.getSpec().getLane();
    return lane == null || lane.isBlank() ? plan.getMetadata().getNamespace() : lane;
  }

  public static String target(LaunchPlan plan) {
    LaunchPlanSpec spec = plan.getSpec();
    return spec == null || spec.getTargetRef() == null ? "" : spec.getTargetRef().getName();
  }

  /** How long the plan has been in its phase. */
  public static String inPhase(LaunchPlan plan, Instant now) {
    LaunchPlanStatus s = plan.getStatus();
    return s == null || s.getPhaseStartedAt() == null ? "" : Ages.since(s.getPhaseStartedAt(), now);
  }

  /**
   * Who or what holds the plan where it stands, in a few words (empty when nothing does): a freeze, a
   * person's spec.paused, the lane, a cooldown, an owed postmortem, the analysis, another plan...
   */
  public static String holder(LaunchPlan plan) {
    LaunchPlanStatus s = plan.getStatus();
    if (s == null || s.getPhase() == null) {
      return "the operator has not seen it yet";
    }
    if (!observed(plan)) {
      return "the operator has not seen generation " + plan.getMetadata().getGeneration() + " yet";
    }
    FreezeStatus freeze = s.getFreeze();
    boolean waiting = s.getPhase() == Phase.Pending || s.getPhase() == Phase.Paused;
    if (!waiting) {
      return "";
    }
    if (freeze != null) {
      return cut("freeze by " + freeze.getBy() + ": " + freeze.getReason());
    }
    String reason = s.getReason() == null ? "" : s.getReason();
    String message = s.getMessage() == null ? "" : s.getMessage();
    return cut(switch (reason) {
      case "ManualPause" -> "spec.paused";
      case "LaneBusy" -> message.startsWith("waiting in ") ? message.substring("waiting in ".length()) : message;
      case "PostmortemRequired" -> "a postmortem for revision " + s.getLastRevertedRevision();
      case "AnalysisPause", "AnalysisError" -> "analysis: " + message;
      default -> message;
    });
  }

  /** What the launch waits for next, in a sentence. */
  public static String waitingFor(LaunchPlan plan, Instant now) {
    LaunchPlanStatus s = plan.getStatus();
    if (s == null || s.getPhase() == null || !observed(plan)) {
      return holder(plan);
    }
    LaunchPlanSpec spec = plan.getSpec();
    String target = target(plan);
    return switch (s.getPhase()) {
      case Pending, Paused -> {
        String h = s.getFreeze() != null ? "the freeze by " + s.getFreeze().getBy() + " to lift (" + s.getFreeze().getReason() + ")"
            : "ManualPause".equals(s.getReason()) ? "spec.paused to be removed (kubectl launchplan resume " + plan.getMetadata().getName() + ")"
            : "PostmortemRequired".equals(s.getReason()) ? "spec.postmortem for revision " + s.getLastRevertedRevision()
                + " (kubectl launchplan postmortem " + plan.getMetadata().getName() + ")"
            : s.getMessage() == null ? s.getReason() : s.getMessage();
        yield h;
      }
      case Canary -> "the canary's pods to be ready"
          + (s.getCanary() != null && s.getCanary().getSummary() != null ? " (" + s.getCanary().getSummary() + ")" : "");
      case Observing -> window("the canary's observation window", spec.canaryOrDefault().observeOrDefault(), "canary.observe", s, now);
      case RollingOut -> "Deployment " + target + " to roll out the revision (every replica updated and available)";
      case Verifying -> window("the verification window", spec.rolloutOrDefault().observeOrDefault(), "rollout.observe", s, now);
      case Reverting -> "Deployment " + target + " to be available on the stable revision " + s.getStableRevision();
      case Succeeded, Reverted -> "nothing: the launch ended " + Ages.since(s.getEndedAt() != null ? s.getEndedAt() : s.getPhaseStartedAt(), now) + " ago";
    };
  }

  private static String window(String what, Duration length, String field, LaunchPlanStatus s, Instant now) {
    Instant started = Ages.parse(s.getPhaseStartedAt());
    String left = started == null ? "" : ": " + Ages.format(Duration.between(now, started.plus(length))) + " left of "
        + Ages.format(length) + " (" + field + ")";
    return what + " to end" + left + ", then an analysis tick in which every check answers and none fires";
  }

  private static String cut(String text) {
    String oneLine = text.replace('\n', ' ');
    return oneLine.length() <= HOLDER_WIDTH ? oneLine : oneLine.substring(0, HOLDER_WIDTH - 1) + "…";
  }
}
