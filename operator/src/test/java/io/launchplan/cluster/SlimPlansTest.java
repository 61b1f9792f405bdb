package io.launchplan.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.launchplan.api.LaunchPlan;
import io.launchplan.launch.Controls;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlimPlansTest {
  private static ManagedFieldsEntry entry(String manager, Map<String, Object> fields) {
    ManagedFieldsEntry e = new ManagedFieldsEntry();
    e.setManager(manager);
    e.setOperation("Update");
    FieldsV1 f = new FieldsV1();
    fields.forEach(f::setAdditionalProperty);
    e.setFieldsV1(f);
    return e;
  }

  private static final ManagedFieldsEntry OPERATOR_STATUS = entry("launchplan-operator",
      Map.of("f:status", Map.of("f:phase", Map.of(), "f:history", Map.of(), "f:conditions", Map.of())));
  private static final ManagedFieldsEntry APPLY = entry("kubectl-client-side-apply",
      Map.of("f:metadata", Map.of("f:annotations", Map.of("f:kubectl.kubernetes.io/last-applied-configuration", Map.of())),
          "f:spec", Map.of("f:targetRef", Map.of(), "f:analysis", Map.of())));
  private static final ManagedFieldsEntry ANNOTATE = entry("kubectl-annotate",
      Map.of("f:metadata", Map.of("f:annotations", Map.of("f:" + Labels.PROMOTE, Map.of()))));

  private static LaunchPlan plan(Map<String, String> annotations, ManagedFieldsEntry... managed) {
    LaunchPlan p = new LaunchPlan();
    p.setMetadata(new ObjectMetaBuilder().withName("web").withNamespace("shop").withResourceVersion("7")
        .withAnnotations(annotations).withManagedFields(List.of(managed)).build());
    return p;
  }

  @Test
  void aPlanWithoutControlAnnotationsKeepsNoManagedFields() {
    var store = SlimPlans.store();
    LaunchPlan p = plan(Map.of("note", "x"), OPERATOR_STATUS, APPLY);
    store.put(store.getKey(p), p);
    LaunchPlan kept = store.get("shop/web");
    assertThat(kept.getMetadata().getManagedFields()).isNull();
    assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(kept.getMetadata().getAnnotations()).containsEntry("note", "x");
  }

  @Test
  void theOwnerOfAControlAnnotationIsStillKnown() {
    LaunchPlan full = plan(Map.of(Labels.PROMOTE, "true"), OPERATOR_STATUS, APPLY, ANNOTATE);
    Controls before = ControlAnnotations.of(full);
    LaunchPlan slim = SlimPlans.slim(plan(Map.of(Labels.PROMOTE, "true"), OPERATOR_STATUS, APPLY, ANNOTATE));
    assertThat(slim.getMetadata().getManagedFields()).hasSize(1);
    assertThat(ControlAnnotations.of(slim)).isEqualTo(before);
    assertThat(ControlAnnotations.owner(slim.getMetadata().getManagedFields(), Labels.PROMOTE)).isEqualTo("kubectl-annotate");
  }

  @Test
  void aControlAnnotationWithoutAnOwnerKeepsNothing() {
    LaunchPlan slim = SlimPlans.slim(plan(Map.of(Labels.ABORT, "true"), OPERATOR_STATUS));
    assertThat(slim.getMetadata().getManagedFields()).isNull();
    assertThat(ControlAnnotations.of(slim).abortBy()).isNull();
  }
}
