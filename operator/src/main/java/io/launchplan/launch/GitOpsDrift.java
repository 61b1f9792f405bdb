package io.launchplan.launch;

import io.fabric8.kubernetes.api.model.Condition;
import io.launchplan.api.DriftStatus;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Reason;
import java.time.Instant;
import java.util.List;

/**
 * GitOps drift: the target's pod template changed under the launch by another writer — typically
 * a GitOps tool syncing Git's copy of the Deployment back (Argo CD self-heal, Flux), or a new
 * template committed to the Deployment instead of the LaunchPlan. The launch holds as
 * {@code TargetModified} ({@link PauseCauses}); this names the writer from the Deployment's
 * managedFields in {@code status.drift} and a {@code GitOpsDrift} condition, so whoever reads the
 * plan sees which tool to configure (docs/gitops.md). Pure.
 */
public final class GitOpsDrift {
  public static final String CONDITION = "GitOpsDrift";
  static final String BACK = "Back";
  static final String OTHER = "Other";

  private GitOpsDrift() {}

  /**
   * Whether the target's template looks changed by someone else, so the cluster side should read
   * who wrote it (the informers' cache keeps no managedFields): {@link PauseCauses#editedBySomeoneElse}.
   */
  public static boolean suspected(TargetView target, LaunchPlanStatus status) {
    return target != null && status.getPhase() != null && status.getPhase().isActive()
        && PauseCauses.editedBySomeoneElse(target, status);
  }

  /** {@code target} with {@code writer} as the newest writer of its template. */
  public static TargetView writtenBy(TargetView target, TemplateWriter writer) {
    return new TargetView(target.replicas(), target.templateHash(), target.launchedRevision(), target.rolledOut(),
        target.paused(), writer, target.unstampedHash());
  }

  /** The words for the writer in a TargetModified message, e.g. " by field manager argocd-controller (Apply at ...)". */
  static String by(TargetView target) {
    return target != null && target.templateWriter() != null ? " by " + target.templateWriter().describe() : "";
  }

  /** Records (or clears) the drift for the pause cause this decision found; {@code cause} may be null. */
  static void record(LaunchPlanStatus status, PauseCauses.Cause cause, TargetView target) {
    if (cause == null || cause.reason() != Reason.TargetModified || target == null) {
      if (cause == null || cause.reason() != Reason.TargetModified) {
        status.setDrift(null);
      }
      return;
    }
    TemplateWriter w = target.templateWriter();
    String stable = status.getStableRevision();
    String direction = target.templateHash().equals(stable) || target.unstampedHash().equals(stable) ? BACK : OTHER;
    status.setDrift(new DriftStatus(w != null ? w.manager() : null, w != null ? w.operation() : null,
        w != null ? w.at() : null, direction));
  }

  /**
   * The {@code GitOpsDrift} condition for {@code status}: True while {@code status.drift} is set;
   * absent on plans that never drifted, False once a drift was there and is gone.
   */
  static Condition condition(LaunchPlanStatus status, List<Condition> old, long generation, Instant now) {
    DriftStatus drift = status.getDrift();
    if (drift == null) {
      return old.stream().anyMatch(c -> CONDITION.equals(c.getType()))
          ? Conditions.condition(old, CONDITION, false, Reason.NoDrift.name(), "", generation, now) : null;
    }
    String who = drift.getManager() != null ? "field manager " + drift.getManager() + " (" + drift.getOperation()
        + (drift.getAt() != null ? " at " + drift.getAt() : "") + ")" : "a writer the managedFields do not name";
    String what = BACK.equals(drift.getDirection())
        ? "changed the target's pod template back to the one it had before the launch (revision " + status.getStableRevision()
            + "), as a GitOps sync of the Deployment's Git copy does"
        : "changed the target's pod template to one that is neither the stable one nor this launch's";
    return Conditions.condition(old, CONDITION, true, Reason.TargetModified.name(), who + " " + what
        + "; the launch holds. Let the GitOps tool ignore the fields launchplan-operator owns (docs/gitops.md),"
        + " then restore the template, apply a new revision, or abort", generation, now);
  }
}
