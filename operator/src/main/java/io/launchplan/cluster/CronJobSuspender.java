package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.CronJobHook;
import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.PolicySelector;
import io.launchplan.api.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code hooks.suspendCronJobs}: while a launch is active the CronJobs of the plan's namespace that
 * the selector matches are suspended; when it is not (it ended however it ended, or went back to
 * Pending, or the plan was deleted) each gets its own previous {@code spec.suspend} back. Level
 * based and restart-safe: what the operator did is on each CronJob itself, the label
 * {@value #SUSPENDED_BY} (the plan) and the annotation {@value #SUSPEND_BEFORE} (its previous value),
 * so a restarted operator restores what it suspended. A CronJob resumed by hand during the launch
 * is left as that person set it, and a Warning Event on the plan says so.
 */
final class CronJobSuspender {
  static final String SUSPENDED_BY = "launchplan.io/suspended-by";
  static final String SUSPEND_BEFORE = "launchplan.io/suspend-before";
  /** The {@value #SUSPEND_BEFORE} of a CronJob someone resumed during the launch: never touched again. */
  static final String RESUMED_BY_HAND = "resumed-by-hand";

  private final KubernetesClient client;
  private final LaunchEvents events;

  CronJobSuspender(KubernetesClient client, LaunchEvents events) {
    this.client = client;
    this.events = events;
  }

  /**
   * Makes the CronJobs agree with the launch's state in {@code next}, and records the ones it holds
   * suspended in {@code next.suspendedCronJobs}. Does nothing for a plan without the hook that holds none.
   */
  void reconcile(LaunchPlan plan, LaunchPlanStatus next) {
    CronJobHook hook = plan.getSpec().getHooks() == null ? null : plan.getSpec().getHooks().getSuspendCronJobs();
    boolean holds = next.getSuspendedCronJobs() != null && !next.getSuspendedCronJobs().isEmpty();
    if (hook == null && !holds) {
      return;
    }
    if (hook != null && next.getPhase() != null && next.getPhase().isActive()) {
      next.setSuspendedCronJobs(suspend(plan, hook, next));
    } else {
      restore(plan, next);
      next.setSuspendedCronJobs(null);
    }
  }

  /** Puts back every CronJob the plan suspended (a deleted plan, or a launch that is over). */
  void restore(LaunchPlan plan, LaunchPlanStatus status) {
    for (CronJob c : ours(plan)) {
      String before = annotation(c, SUSPEND_BEFORE);
      boolean suspended = Boolean.TRUE.equals(c.getSpec().getSuspend());
      if (RESUMED_BY_HAND.equals(before)) {
        patch(c, null, null, null);
      } else if (suspended) {
        patch(c, null, null, "true".equals(before));
      } else {
        tell(plan, status, c, "was resumed by hand during the launch; left as it was set (spec.suspend: false)");
        patch(c, null, null, null);
      }
    }
  }

  private List<String> suspend(LaunchPlan plan, CronJobHook hook, LaunchPlanStatus next) {
    List<String> held = new ArrayList<>();
    String name = plan.getMetadata().getName();
    for (CronJob c : client.batch().v1().cronjobs().inNamespace(plan.getMetadata().getNamespace())
        .withLabelSelector(selector(hook.getSelector())).list().getItems()) {
      String by = label(c, SUSPENDED_BY);
      boolean suspended = Boolean.TRUE.equals(c.getSpec().getSuspend());
      if (by == null) {
        patch(c, name, String.valueOf(suspended), true);
        held.add(c.getMetadata().getName());
      } else if (by.equals(name)) {
        if (!suspended && !RESUMED_BY_HAND.equals(annotation(c, SUSPEND_BEFORE))) {
          tell(plan, next, c, "was resumed by hand during the launch; the operator leaves it as it was set");
          patch(c, name, RESUMED_BY_HAND, null);
        }
        if (!RESUMED_BY_HAND.equals(annotation(c, SUSPEND_BEFORE)) && suspended) {
          held.add(c.getMetadata().getName());
        }
      } // else: another plan's launch holds it and restores it
    }
    return held.isEmpty() ? null : held;
  }

  private List<CronJob> ours(LaunchPlan plan) {
    return client.batch().v1().cronjobs().inNamespace(plan.getMetadata().getNamespace())
        .withLabel(SUSPENDED_BY, plan.getMetadata().getName()).list().getItems();
  }

  /**
   * A merge patch of the operator's marks (null {@code by}: removed) and, unless null, {@code spec.suspend}.
   */
  private void patch(CronJob c, String by, String before, Boolean suspend) {
    var root = Serialization.jsonMapper().createObjectNode();
    var meta = root.putObject("metadata");
    if (by == null) {
      meta.putObject("labels").putNull(SUSPENDED_BY);
      meta.putObject("annotations").putNull(SUSPEND_BEFORE);
    } else {
      meta.putObject("labels").put(SUSPENDED_BY, by);
      meta.putObject("annotations").put(SUSPEND_BEFORE, before);
    }
    if (suspend != null) {
      root.putObject("spec").put("suspend", suspend);
    }
    client.batch().v1().cronjobs().inNamespace(c.getMetadata().getNamespace()).withName(c.getMetadata().getName())
        .patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(Labels.FIELD_MANAGER).build(),
            root.toString());
  }

  private void tell(LaunchPlan plan, LaunchPlanStatus status, CronJob c, String what) {
    events.record(plan, new HistoryEntry(status.getPhase(), Reason.CronJobResumedByHand.name(),
        "CronJob " + c.getMetadata().getName() + " " + what, status.getRevision(), Instant.now().toString()), true);
  }

  private static LabelSelector selector(PolicySelector s) {
    List<LabelSelectorRequirement> expressions = s.matchExpressionsOrEmpty().stream()
        .map(r -> new LabelSelectorRequirement(r.getKey(), r.getOperator().name(), r.getValues()))
        .toList();
    return new LabelSelector(expressions, Map.copyOf(s.matchLabelsOrEmpty()));
  }

  private static String label(CronJob c, String key) {
    Map<String, String> labels = c.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }

  private static String annotation(CronJob c, String key) {
    Map<String, String> a = c.getMetadata().getAnnotations();
    return a == null ? null : Objects.requireNonNullElse(a.get(key), null);
  }
}
