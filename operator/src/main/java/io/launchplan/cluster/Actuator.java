package io.launchplan.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.launch.CanarySteps;
import io.launchplan.launch.CheckGate;
import io.launchplan.launch.Decision;
import io.launchplan.launch.Effect;
import io.launchplan.launch.LoopDecisions;
import io.launchplan.launch.Revisions;
import io.launchplan.metrics.OperatorMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a decision's changes in the cluster (its {@link Effect}s, in order, each idempotent), and
 * what a deleted plan leaves behind: only its own canary goes, and the stable template comes back
 * only while its own launch runs on the target.
 */
final class Actuator implements Loop.Act {
  private static final Logger log = LoggerFactory.getLogger("io.launchplan.transitions");

  private final TargetDeployments targets;
  private final CanaryDeployments canaries;
  private final StableTemplates stableTemplates;
  private final JobChecks jobChecks;
  private final CronJobSuspender cronJobs;
  private final OperatorMetrics metrics;
  private final Clock clock;
  /** The informers' caches, which see this operator's own writes at once. */
  private final Supplier<ClusterCache> cache;

  Actuator(KubernetesClient client, TargetDeployments targets, OperatorMetrics metrics, Clock clock,
      Supplier<ClusterCache> cache) {
    this.targets = targets;
    this.canaries = new CanaryDeployments(client);
    this.stableTemplates = new StableTemplates(client);
    this.jobChecks = new JobChecks(client);
    this.cronJobs = new CronJobSuspender(client, new LaunchEvents(client));
    this.metrics = metrics;
    this.clock = clock;
    this.cache = cache;
  }

  /**
   * Makes the decision's changes ({@link #apply}) and stamps its transition with when they were
   * made ({@link #stampActed}).
   */
  @Override
  public void act(LaunchPlan plan, Decision decision, Observed seen) {
    apply(plan, decision, seen.target(), seen.canary(), seen.observation().revision(), decision.status());
    cronJobs.reconcile(plan, decision.status());
    stampActed(decision.status(), decision, seen.observation().now(), clock.instant());
  }

  /** Makes the decision's changes, in order; each is idempotent. */
  void apply(LaunchPlan plan, Decision decision, Deployment target, Deployment canary, String revision,
      LaunchPlanStatus next) {
    for (Effect effect : decision.effects()) {
      switch (effect) {
        case SAVE_STABLE_TEMPLATE -> stableTemplates.save(plan, target, next.getStableRevision());
        case APPLY_CANARY -> cache.get().wrote(canaries.apply(CanaryDeployments.build(plan, target,
            targets.dryRunPatch(plan, revision), revision, CanarySteps.canaryReplicas(plan.getSpec(), next),
            CanarySteps.stamp(next)), canary), canary);
        case PATCH_TARGET -> {
          Deployment patched = targets.patch(plan, revision);
          cache.get().wrote(patched, target);
          next.setTargetTemplateHash(Revisions.templateHash(patched.getSpec().getTemplate()));
        }
        case DELETE_CANARY -> {
          canaries.delete(plan);
          Instant decided = LoopDecisions.revertDecidedAt(decision);
          if (decided != null) {
            metrics.detectToRevert(Duration.between(decided, clock.instant()));
          }
        }
        case RESTORE_TARGET -> {
          JsonNode stable = stableTemplates.load(plan, next.getStableRevision());
          if (stable == null) {
            throw new IllegalStateException("the stable template " + next.getStableRevision() + " of "
                + plan.getMetadata().getName() + " is missing; cannot restore the target");
          }
          cache.get().wrote(targets.restore(plan, stable), target);
        }
        case RUN_CHECK_JOBS -> jobChecks.start(plan, CheckGate.jobsToStart(plan.getSpec(), next, CheckGate.pointOf(next)),
            next.getRevision(), next.getStableRevision());
        case CLEAN_CHECK_JOBS -> jobChecks.deleteOtherRevisions(plan, next.getRevision());
      }
    }
  }

  /**
   * A deleted plan's clean-up: its own canary goes (a stranger of that name stays, see
   * {@link CanaryDeployments#delete}); a launch that has not been verified does not stay on the
   * target, while a plan whose launch is not running there (never started, ended, waiting for
   * another's) touches nothing.
   */
  @Override
  public void removeOnDelete(LaunchPlan plan) {
    LaunchPlanStatus status = plan.getStatus();
    Deployment target = targets.get(plan);
    canaries.delete(plan);
    cronJobs.restore(plan, status != null ? status : new LaunchPlanStatus());
    if (LoopDecisions.restoreOnDelete(status, TargetDeployments.view(target))) {
      JsonNode stable = stableTemplates.load(plan, status.getStableRevision());
      if (stable != null) {
        targets.restore(plan, stable);
        log.info("{}/{} deleted during {}: target {} restored to stable revision {}", plan.getMetadata().getNamespace(),
            plan.getMetadata().getName(), status.getPhase(), plan.getSpec().getTargetRef().getName(),
            status.getStableRevision());
      }
    }
  }

  /**
   * The transition of {@code decision} happened when its changes were made, at {@code acted}, not
   * when it was decided: its history entry, and the start of the phase it entered, say so.
   */
  static void stampActed(LaunchPlanStatus next, Decision decision, Instant decided, Instant acted) {
    if (decision.transition() == null || next.getHistory() == null || next.getHistory().isEmpty()) {
      return;
    }
    HistoryEntry last = next.getHistory().get(next.getHistory().size() - 1);
    if (decided.toString().equals(last.getAt())) {
      last.setAt(acted.toString());
    }
    if (decided.toString().equals(next.getPhaseStartedAt())) {
      next.setPhaseStartedAt(acted.toString());
    }
    if (decided.toString().equals(next.getEndedAt())) {
      next.setEndedAt(acted.toString());
    }
  }
}
