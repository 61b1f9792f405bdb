package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.launchplan.api.LaunchPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the LaunchPlan informer keeps of each plan: everything but {@code metadata.managedFields},
 * of which only the owners of the manual control annotations ({@link ControlAnnotations}) are read.
 * A plan's managedFields are a tree of maps, one per field each manager wrote (the operator's
 * status writes name every status field): at 1,000 plans they were ~100 maps per plan, the largest
 * part of the operator's heap (bench/README.md, "Scale").
 */
public final class SlimPlans {
  private static final List<String> CONTROLS = List.of(Labels.PROMOTE, Labels.ABORT);

  private SlimPlans() {}

  /** The primary informer's store: each plan as {@link #slim} leaves it. */
  public static ItemStore<LaunchPlan> store() {
    return ClusterCache.slimStore(SlimPlans::slim);
  }

  /**
   * {@code plan} without managedFields, except, for each control annotation it carries, the
   * manager that owns it, with that annotation alone as its fields.
   */
  static LaunchPlan slim(LaunchPlan plan) {
    var meta = plan.getMetadata();
    List<ManagedFieldsEntry> managed = meta.getManagedFields();
    Map<String, String> annotations = meta.getAnnotations();
    if (managed == null || managed.isEmpty()) {
      return plan;
    }
    List<ManagedFieldsEntry> kept = new ArrayList<>();
    if (annotations != null) {
      for (String key : CONTROLS) {
        String owner = annotations.containsKey(key) ? ControlAnnotations.owner(managed, key) : null;
        if (owner != null) {
          ManagedFieldsEntry e = new ManagedFieldsEntry();
          e.setManager(owner);
          FieldsV1 fields = new FieldsV1();
          fields.setAdditionalProperty("f:metadata", Map.of("f:annotations", Map.of("f:" + key, Map.of())));
          e.setFieldsV1(fields);
          kept.add(e);
        }
      }
    }
    meta.setManagedFields(kept.isEmpty() ? null : kept);
    return plan;
  }
}
