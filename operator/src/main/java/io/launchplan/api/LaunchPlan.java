package io.launchplan.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A launch of a new pod template onto a Deployment: a canary, an observation window, the full
 * rollout and a verification window, stopped by Prometheus queries, alerts and freezes.
 */
@Group(LaunchPlan.GROUP)
@Version(LaunchPlan.VERSION)
@ShortNames("lp")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Target", jsonPath = ".spec.targetRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Revision", jsonPath = ".status.revision", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Canary", jsonPath = ".status.canary.summary", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Frozen", jsonPath = ".status.freeze.by", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Frozen-Since", jsonPath = ".status.freeze.since", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class LaunchPlan extends CustomResource<LaunchPlanSpec, LaunchPlanStatus> implements Namespaced {
  public static final String GROUP = "launchplan.io";
  public static final String VERSION = "v1alpha1";

  @Override
  protected LaunchPlanStatus initStatus() {
    return new LaunchPlanStatus();
  }
}
