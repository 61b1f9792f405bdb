package io.launchplan.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A launch of a new pod template onto a Deployment: a canary, an observation window, the full
 * rollout and a verification window, stopped by Prometheus queries, alerts and freezes.
 *
 * <p>The plan's name is the value of the {@code launchplan.io/plan} label on the canary and its pods,
 * so it is refused at apply when longer than a label value may be ({@value #MAX_NAME_LENGTH}); the other
 * names derived from it ({@code <plan>-stable-<revision>}, {@code <plan>.<id>} events) then fit too.
 */
@Group(LaunchPlan.GROUP)
@Version(LaunchPlan.VERSION)
@ShortNames("lp")
@ValidationRule(value = "size(self.metadata.name) <= " + LaunchPlan.MAX_NAME_LENGTH,
    message = "metadata.name must be at most " + LaunchPlan.MAX_NAME_LENGTH + " characters: it is the value of the "
        + "launchplan.io/plan label the operator puts on the canary and its pods")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Target", jsonPath = ".spec.targetRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Revision", jsonPath = ".status.revision", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Canary", jsonPath = ".status.canary.summary", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Step", jsonPath = ".status.step.summary", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Frozen", jsonPath = ".status.freeze.by", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Frozen-Since", jsonPath = ".status.freeze.since", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class LaunchPlan extends CustomResource<LaunchPlanSpec, LaunchPlanStatus> implements Namespaced {
  public static final String GROUP = "launchplan.io";
  public static final String VERSION = "v1alpha1";
  /** The longest label value Kubernetes accepts. */
  public static final int MAX_NAME_LENGTH = 63;

  @Override
  protected LaunchPlanStatus initStatus() {
    return new LaunchPlanStatus();
  }
}
