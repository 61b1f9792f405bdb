package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.launchplan.launch.TemplateWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who last wrote a Deployment's pod template, by its {@code metadata.managedFields}: of the
 * entries that own a field under {@code spec.template} (the status subresource's and the
 * operator's own left out), the newest. Names the GitOps tool (or person) behind a
 * {@code TargetModified}: Argo CD writes as {@code argocd-controller}, Flux as
 * {@code kustomize-controller}, kubectl as {@code kubectl-client-side-apply}, {@code kubectl-edit} ...
 */
final class TemplateWriters {
  private TemplateWriters() {}

  /** The newest writer of {@code d}'s pod template other than the operator, or null. Pure. */
  static TemplateWriter newest(Deployment d) {
    List<ManagedFieldsEntry> entries = d == null || d.getMetadata().getManagedFields() == null ? List.of()
        : d.getMetadata().getManagedFields();
    return entries.stream()
        .filter(e -> e.getManager() != null && !Labels.FIELD_MANAGER.equals(e.getManager()))
        .filter(e -> e.getSubresource() == null || e.getSubresource().isEmpty())
        .filter(TemplateWriters::ownsTemplate)
        .max(Comparator.comparing((ManagedFieldsEntry e) -> Objects.requireNonNullElse(e.getTime(), "")))
        .map(e -> new TemplateWriter(e.getManager(), e.getOperation(), e.getTime()))
        .orElse(null);
  }

  private static boolean ownsTemplate(ManagedFieldsEntry e) {
    if (e.getFieldsV1() == null || e.getFieldsV1().getAdditionalProperties() == null) {
      return false;
    }
    Object spec = e.getFieldsV1().getAdditionalProperties().get("f:spec");
    return spec instanceof Map<?, ?> m && m.get("f:template") instanceof Map<?, ?> t && !t.isEmpty();
  }
}
