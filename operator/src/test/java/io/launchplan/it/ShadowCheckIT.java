package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.Action;
import io.launchplan.api.CheckMode;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A shadow Revert query firing on a canary never acts: the launch promotes, and its status says it would have reverted. */
@ExtendWith(ClusterExtension.class)
class ShadowCheckIT {
  private static final Duration T = Duration.ofSeconds(90);

  @Test
  void firingShadowRevertQueryOnTheCanaryPromotesAndSaysItWouldHaveReverted(TestNamespace ns) {
    ns.createWeb();
    ns.startOperator();
    Instant applied = Instant.now();
    // half of the canary's requests fail: the enforced query reverts such a launch (LaunchIT)
    ns.apply(new PlanYaml().podAnnotations("{sim.launchplan.io/error-ratio: \"0.5\"}").canaryObserve("10s")
        .mode("Shadow").build());

    LaunchPlan done = ns.awaitPhase("web-v2", Phase.Succeeded, T);

    assertThat(done.getStatus().getAnalysis()).anySatisfy(q -> {
      assertThat(q.getName()).isEqualTo("errors");
      assertThat(q.getMode()).isEqualTo(CheckMode.Shadow);
      assertThat(q.getWouldHave()).isEqualTo(Action.Revert);
      assertThat(Instant.parse(q.getWouldHaveAt())).isAfter(applied);
    });
    assertThat(ns.deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example/web:2");
  }
}
