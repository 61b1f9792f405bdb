package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One operator watching a list of namespaces reads each namespace's Deployments and pods from
 * caches of their own: launches in both namespaces run, whichever namespace's informer listed last.
 */
@ExtendWith(ClusterExtension.class)
class MultiNamespaceIT {
  private static final Duration T = Duration.ofSeconds(90);

  @Test
  void anOperatorWatchingTwoNamespacesLaunchesInBoth(TestNamespace ns) {
    TestNamespace other = ns.sibling("b");
    ns.createWeb();
    other.createWeb();
    ns.startOperatorAlsoWatching(other);

    ns.apply(new PlanYaml().build());
    other.apply(new PlanYaml().build());

    for (TestNamespace n : new TestNamespace[] {ns, other}) {
      LaunchPlan done = n.awaitPhase("web-v2", Phase.Succeeded, T);
      assertThat(done.getStatus().getAnalysis()).as("the canary queries ran in %s", n.name()).isNotEmpty();
      assertThat(n.deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .isEqualTo("registry.example/web:2");
    }
  }
}
