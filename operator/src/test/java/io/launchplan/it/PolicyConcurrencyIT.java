package io.launchplan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code maxConcurrentLaunches} on the real cluster: two namespaces (so two lanes) covered by one
 * policy allowing one launch at a time, and a second policy allowing five: the stricter one holds.
 */
@ExtendWith(ClusterExtension.class)
@NamespacePrefix("slots")
class PolicyConcurrencyIT {
  private static final Duration T = Duration.ofSeconds(120);

  @Test
  void aSecondLaunchInAnotherLaneWaitsForTheSlotOfTheStrictestPolicyAndStartsWhenTheFirstEnds(TestNamespace ns) {
    TestNamespace other = ns.sibling("b");
    String id = TestPolicies.scope(ns);
    TestPolicies.scope(other, id);
    String narrow = TestPolicies.create(ns, id, "one", "maxConcurrentLaunches: 1");
    TestPolicies.create(ns, id, "five", "maxConcurrentLaunches: 5");
    ns.createWeb();
    other.createWeb();
    ns.startOperatorAlsoWatching(other);

    ns.apply(new PlanYaml().canaryObserve("15s").rolloutObserve("2s").build());
    ns.awaitPhase("web-v2", Phase.Observing, T);
    other.apply(new PlanYaml().canaryObserve("3s").rolloutObserve("2s").build());
    LaunchPlan waiting = other.awaitReason("web-v2", Phase.Pending, "PolicyConcurrency", T);

    assertThat(waiting.getStatus().getMessage()).isEqualTo("waiting for a launch slot of LaunchPolicy " + narrow
        + " (maxConcurrentLaunches 1): next in line; 1 under way (" + ns.name() + "/web-v2 (Observing))");
    assertThat(other.deployment("web-canary")).as("nothing in the cluster changes").isNull();

    LaunchPlan first = ns.awaitPhase("web-v2", Phase.Succeeded, T);
    LaunchPlan second = other.awaitPhase("web-v2", Phase.Succeeded, T);
    Instant firstEnded = Instant.parse(first.getStatus().getEndedAt());
    Instant secondStarted = Instant.parse(second.getStatus().getHistory().stream()
        .filter(h -> h.getPhase() == Phase.Canary).map(HistoryEntry::getAt).findFirst().orElseThrow());
    assertThat(secondStarted).as("the second launch started once the first had ended, woken by it")
        .isAfterOrEqualTo(firstEnded).isBefore(firstEnded.plusSeconds(20));
  }
}
