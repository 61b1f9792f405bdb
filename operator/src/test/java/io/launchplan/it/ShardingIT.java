package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code LAUNCHPLAN_LABEL_SELECTOR} shards plans across operator installs: two operator processes
 * with {@code shard=a} and {@code shard=b} in one namespace each drive only their own plan.
 */
@ExtendWith(ClusterExtension.class)
class ShardingIT {
  @Test
  void eachOperatorDrivesOnlyThePlansMatchingItsSelector(TestNamespace ns) {
    ns.createWeb();
    ns.createDeployment("api", 3, "registry.example/api:1", Map.of("sim.launchplan.io/rps", "20"));
    ns.awaitAvailable("api", Duration.ofSeconds(60));
    Path log = OperatorProcess.logDir().toPath().resolve("sharding-" + ns.name() + ".log");
    OperatorProcess.start(ns, log, Map.of("LAUNCHPLAN_LABEL_SELECTOR", "shard=a"));

    // shard b's plan first, so operator a would have met it before its own plan if it saw it at all.
    ns.apply(plan("api-v2", "api", "b"));
    ns.apply(plan("web-v2", "web", "a"));
    ns.awaitPhase("web-v2", Phase.Succeeded, Duration.ofSeconds(120));

    LaunchPlan untouched = ns.plan("api-v2");
    assertThat(Serialization.asJson(untouched.getStatus())).as("operator a never wrote shard b's status")
        .isEqualTo(Serialization.asJson(new LaunchPlan().getStatus()));
    assertThat(untouched.getMetadata().getManagedFields()).as("no writer but the test")
        .allSatisfy(f -> assertThat(f.getSubresource()).isNullOrEmpty());
    assertThat(untouched.getMetadata().getFinalizers()).as("nor added its finalizer").isNullOrEmpty();
    assertThat(ns.deployment("api-canary")).as("nor made its canary").isNull();
    assertThat(ns.deployment("api").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example/api:1");

    String webStatus = Serialization.asJson(ns.plan("web-v2").getStatus());
    OperatorProcess.start(ns, log, Map.of("LAUNCHPLAN_LABEL_SELECTOR", "shard in (b)"));
    ns.awaitPhase("api-v2", Phase.Succeeded, Duration.ofSeconds(120));
    assertThat(ns.deployment("api").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example/web:2");
    assertThat(Serialization.asJson(ns.plan("web-v2").getStatus())).as("shard a's finished plan as it was")
        .isEqualTo(webStatus);
  }

  private static LaunchPlan plan(String name, String target, String shard) {
    LaunchPlan p = new PlanYaml().name(name).canaryObserve("2s").rolloutObserve("2s").build();
    p.getMetadata().setLabels(Map.of("shard", shard));
    p.getSpec().getTargetRef().setName(target);
    p.getSpec().setLane(target); // lanes are per install: keep them apart (docs/configuration.md)
    return p;
  }
}
