package io.launchplan.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterCacheTest {

  @Test
  void podsAreKeptWithWhatTheQueryVariablesNeedOnly() {
    Pod pod = new PodBuilder()
        .withNewMetadata().withName("web-abc").withNamespace("shop").withUid("u1").withResourceVersion("42")
            .withLabels(Map.of("app", "web")).withDeletionTimestamp("2026-11-23T12:00:00Z")
            .withAnnotations(Map.of(Labels.REVISION, "rev2", "big/annotation", "x".repeat(1000)))
            .withManagedFields(new ManagedFieldsEntry()).endMetadata()
        .withNewSpec().withNodeName("node-1").addNewContainer().withName("app").withImage("web:1").endContainer().endSpec()
        .withNewStatus().withPhase("Running").endStatus()
        .build();

    var store = ClusterCache.slimStore(ClusterCache::slimPod);
    store.put(store.getKey(pod), pod);
    Pod kept = store.get("shop/web-abc");

    assertThat(kept.getMetadata().getName()).isEqualTo("web-abc");
    assertThat(kept.getMetadata().getLabels()).containsEntry("app", "web");
    assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(kept.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(kept.getMetadata().getManagedFields()).isEmpty();
    assertThat(kept.getMetadata().getAnnotations()).as("only the revision stamp")
        .containsExactly(Map.entry(Labels.REVISION, "rev2"));
    assertThat(kept.getSpec()).isNull();
    assertThat(kept.getStatus()).isNull();
  }

  /**
   * JOSDK's informer event source reads every cached object's annotations without a null check
   * (InformerEventSource.isEventKnownFromAnnotation): a slim pod with none must keep an empty map,
   * or each event of a pod without the revision stamp (a stable pod, a load generator) logs an
   * ERROR with a NullPointerException. Found on the real node.
   */
  @Test
  void slimPodsKeepEmptyAnnotationAndLabelMapsNeverNull() {
    Pod bare = new PodBuilder().withNewMetadata().withName("load-1").withNamespace("shop").withResourceVersion("7")
        .endMetadata().build();
    bare.getMetadata().setLabels(null);
    bare.getMetadata().setAnnotations(null);
    Pod stable = new PodBuilder().withNewMetadata().withName("web-1").withNamespace("shop")
        .addToAnnotations("prometheus.io/scrape", "true").addToLabels("app", "web").endMetadata().build();

    assertThat(ClusterCache.slimPod(bare).getMetadata().getAnnotations()).isNotNull().isEmpty();
    assertThat(ClusterCache.slimPod(bare).getMetadata().getLabels()).isNotNull().isEmpty();
    assertThat(ClusterCache.slimPod(stable).getMetadata().getAnnotations()).isNotNull().isEmpty();
    assertThat(ClusterCache.slimPod(stable).getMetadata().getLabels()).containsEntry("app", "web");
  }

  @Test
  void deploymentsAreKeptWithoutManagedFields() {
    Deployment d = new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace("shop").withManagedFields(List.of(new ManagedFieldsEntry()))
        .endMetadata()
        .withNewSpec().withReplicas(3).endSpec()
        .build();

    var store = ClusterCache.slimStore(ClusterCache::slimDeployment);
    store.put(store.getKey(d), d);

    Deployment kept = store.get("shop/web");
    assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(kept.getSpec().getReplicas()).isEqualTo(3);
  }
}
