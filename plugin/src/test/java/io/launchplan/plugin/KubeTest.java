package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import org.junit.jupiter.api.Test;

class KubeTest {
  @Test
  void readsThePlansOfANewerOperatorWhoseStatusHasFieldsItDoesNotKnow() {
    String list = """
        {"apiVersion": "launchplan.io/v1alpha1", "kind": "LaunchPlanList", "metadata": {"resourceVersion": "7"}, "items": [
          {"apiVersion": "launchplan.io/v1alpha1", "kind": "LaunchPlan", "metadata": {"name": "web", "namespace": "shop"},
           "spec": {"targetRef": {"name": "web"}, "template": {"spec": {}}, "somethingNew": true},
           "status": {"phase": "Observing", "approvalsOwed": [{"purpose": "Launch", "count": 2}]}}]}
        """;
    KubernetesResourceList<LaunchPlan> parsed = Kube.serialization().unmarshal(list, LaunchPlanListType.class);
    assertThat(parsed.getItems()).singleElement().satisfies(p -> assertThat(p.getStatus().getPhase()).isEqualTo(Phase.Observing));
  }

  /** The list type the client reads a list of plans into. */
  static final class LaunchPlanListType extends DefaultKubernetesResourceList<LaunchPlan> {}
}
