package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.launchplan.api.LaunchPolicy;
import io.launchplan.api.LaunchPolicyStatus;
import io.launchplan.api.Reason;
import io.launchplan.gates.PolicyReport;
import io.launchplan.gates.PolicyView;
import io.launchplan.metrics.PolicyMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Writes a LaunchPolicy's own status: {@code Ready} ({@code False}/{@code PolicyInvalid} with the
 * errors, and a Warning Event when it becomes so), whether its launch windows are open now and when
 * that changes ({@link PolicyReport}), and its metrics. Patches the status only when it differs, and
 * looks again at the window's next change (and not before): no polling. Reconciled on deletion too
 * (no finalizer), to drop the policy's metrics.
 */
@ControllerConfiguration(name = "launchpolicy", triggerReconcilerOnAllEvents = true)
public final class LaunchPolicyReconciler implements Reconciler<LaunchPolicy> {
  public static final String READY = "Ready";
  /** The Ready reason of a policy the operator can evaluate. */
  public static final String VALID = "Valid";
  /** Looked at again a little after the window's change, so that the change has happened. */
  static final Duration AFTER_CHANGE = Duration.ofMillis(200);

  private final Clock clock;
  private final PolicyMetrics metrics;
  private final PolicyEvents events;

  public LaunchPolicyReconciler(KubernetesClient client, Clock clock, PolicyMetrics metrics) {
    this.clock = clock;
    this.metrics = metrics;
    this.events = new PolicyEvents(client);
  }

  @Override
  public UpdateControl<LaunchPolicy> reconcile(LaunchPolicy policy, Context<LaunchPolicy> context) {
    String name = policy.getMetadata().getName();
    if (context.isPrimaryResourceDeleted()) {
      metrics.forgetPolicy(name);
      return UpdateControl.noUpdate();
    }
    Instant now = clock.instant();
    PolicyReport report = PolicyReport.of(new PolicyView(name, policy.getSpec()), now);
    metrics.policy(name, !report.valid(), PolicyReport.OPEN.equals(report.window().getState()));
    LaunchPolicyStatus old = policy.getStatus();
    LaunchPolicyStatus next = status(old, report, policy.getMetadata().getGeneration(), now);
    UpdateControl<LaunchPolicy> control = UpdateControl.noUpdate();
    if (!next.equals(old)) {
      LaunchPolicy patch = new LaunchPolicy();
      patch.setMetadata(new ObjectMetaBuilder().withName(name).build());
      patch.setStatus(next);
      control = UpdateControl.patchStatus(patch);
      if (!report.valid() && (old == null || !invalid(old))) {
        events.warning(policy, Reason.PolicyInvalid.name(), message(report));
      }
    }
    if (report.nextChange() != null) {
      control.rescheduleAfter(Duration.between(now, report.nextChange()).plus(AFTER_CHANGE));
    }
    return control;
  }

  /**
   * A status write that failed: JOSDK retries with backoff; once the retries are used up the policy is
   * looked at again after {@link LaunchPlanReconciler#ERROR_RECHECK}, so its window's next change is not lost.
   */
  @Override
  public ErrorStatusUpdateControl<LaunchPolicy> updateErrorStatus(LaunchPolicy policy, Context<LaunchPolicy> context,
      Exception e) {
    ErrorStatusUpdateControl<LaunchPolicy> control = ErrorStatusUpdateControl.noStatusUpdate();
    if (context.getRetryInfo().map(RetryInfo::isLastAttempt).orElse(false)) {
      control.withNoRetry().rescheduleAfter(LaunchPlanReconciler.ERROR_RECHECK);
    }
    return control;
  }

  /** The status {@code report} makes of {@code old}: the Ready condition keeps its transition time while it holds. */
  static LaunchPolicyStatus status(LaunchPolicyStatus old, PolicyReport report, Long generation, Instant now) {
    LaunchPolicyStatus next = new LaunchPolicyStatus();
    next.setObservedGeneration(generation);
    next.setWindow(report.window());
    String status = report.valid() ? "True" : "False";
    String reason = report.valid() ? VALID : Reason.PolicyInvalid.name();
    Condition before = old == null || old.getConditions() == null ? null : old.getConditions().stream()
        .filter(c -> READY.equals(c.getType())).findFirst().orElse(null);
    String since = before != null && status.equals(before.getStatus()) && reason.equals(before.getReason())
        && before.getLastTransitionTime() != null ? before.getLastTransitionTime() : now.toString();
    next.setConditions(List.of(new ConditionBuilder().withType(READY).withStatus(status).withReason(reason)
        .withMessage(message(report)).withObservedGeneration(generation).withLastTransitionTime(since).build()));
    return next;
  }

  private static String message(PolicyReport report) {
    return report.valid() ? "the operator evaluates every rule of this policy"
        : String.join("; ", report.errors()) + " (the new launches it covers wait Pending/PolicyInvalid)";
  }

  private static boolean invalid(LaunchPolicyStatus status) {
    return status.getConditions() != null && status.getConditions().stream()
        .anyMatch(c -> READY.equals(c.getType()) && Reason.PolicyInvalid.name().equals(c.getReason()));
  }
}
