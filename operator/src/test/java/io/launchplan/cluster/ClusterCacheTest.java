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
