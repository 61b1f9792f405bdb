package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.launch.Controls;
import java.util.List;
import java.util.Map;

/**
 * Reads the manual control annotations of a plan, and who set each: the field manager that owns
 * the annotation in {@code metadata.managedFields} (e.g. {@code kubectl-annotate}, {@code argocd-controller}).
 */
final class ControlAnnotations {
  private ControlAnnotations() {}

  static Controls of(LaunchPlan plan) {
    Map<String, String> annotations = plan.getMetadata().getAnnotations();
    if (annotations == null || (!annotations.containsKey(Labels.PROMOTE) && !annotations.containsKey(Labels.ABORT))) {
      return Controls.NONE;
    }
    List<ManagedFieldsEntry> managed = plan.getMetadata().getManagedFields();
    String promote = annotations.get(Labels.PROMOTE);
    String abort = annotations.get(Labels.ABORT);
    return new Controls(promote, promote != null ? owner(managed, Labels.PROMOTE) : null,
        abort, abort != null ? owner(managed, Labels.ABORT) : null);
  }

  /** The manager whose managed fields include annotation {@code key}, or null. */
  static String owner(List<ManagedFieldsEntry> managed, String key) {
    if (managed == null) {
      return null;
    }
    for (ManagedFieldsEntry entry : managed) {
      if (entry.getFieldsV1() == null || entry.getFieldsV1().getAdditionalProperties() == null) {
        continue;
      }
      Object metadata = entry.getFieldsV1().getAdditionalProperties().get("f:metadata");
      Object annotations = metadata instanceof Map<?, ?> m ? m.get("f:annotations") : null;
      if (annotations instanceof Map<?, ?> a && a.containsKey("f:" + key)) {
        return entry.getManager();
      }
    }
    return null;
  }
}
