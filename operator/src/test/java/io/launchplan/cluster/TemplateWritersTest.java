package io.launchplan.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.launch.TemplateWriter;
import org.junit.jupiter.api.Test;

/** The newest writer of a Deployment's pod template, read from managedFields as the API server writes them. */
class TemplateWritersTest {
  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        managedFields:
          - manager: kubectl-create
            operation: Update
            time: "2025-01-01T11:00:00Z"
            fieldsType: FieldsV1
            fieldsV1: {"f:spec": {"f:replicas": {}, "f:template": {"f:spec": {"f:containers": {}}}}}
          - manager: launchplan-operator
            operation: Apply
            time: "2025-01-01T12:05:00Z"
            fieldsType: FieldsV1
            fieldsV1: {"f:spec": {"f:template": {"f:metadata": {"f:annotations": {"f:launchplan.io/revision": {}}}}}}
          - manager: kube-controller-manager
            operation: Update
            subresource: status
            time: "2025-01-01T12:06:00Z"
            fieldsType: FieldsV1
            fieldsV1: {"f:status": {"f:replicas": {}}}
          - manager: hpa-scaler
            operation: Update
            time: "2025-01-01T12:07:00Z"
            fieldsType: FieldsV1
            fieldsV1: {"f:spec": {"f:replicas": {}}}
          %s
      spec:
        template: {}
      """;

  @Test
  void theCreatorIsTheWriterUntilSomeoneElseWritesTheTemplate() {
    assertThat(TemplateWriters.newest(deployment(""))).isEqualTo(
        new TemplateWriter("kubectl-create", "Update", "2025-01-01T11:00:00Z"));
  }

  @Test
  void aGitOpsSyncOfTheTemplateIsTheNewestWriter() {
    String argo = "- manager: argocd-controller\n"
        + "      operation: Apply\n"
        + "      time: \"2025-01-01T12:10:00Z\"\n"
        + "      fieldsType: FieldsV1\n"
        + "      fieldsV1: {\"f:spec\": {\"f:template\": {\"f:spec\": {\"f:containers\": {}}}}}";

    assertThat(TemplateWriters.newest(deployment(argo)))
        .isEqualTo(new TemplateWriter("argocd-controller", "Apply", "2025-01-01T12:10:00Z"));
  }

  @Test
  void noManagedFieldsNoWriter() {
    Deployment d = deployment("");
    d.getMetadata().setManagedFields(null);

    assertThat(TemplateWriters.newest(d)).isNull();
    assertThat(TemplateWriters.newest(null)).isNull();
  }

  private static Deployment deployment(String extra) {
    return Serialization.unmarshal(DEPLOYMENT.formatted(extra), Deployment.class);
  }
}
