package io.launchplan.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedPodsTest {

  private static final PodKey WEB_1 = new PodKey("shop", "web-1");
  private static final PodKey WEB_2 = new PodKey("shop", "web-2");
  private static final TrafficProfile TEN_RPS = new TrafficProfile(10, 0, 0.05);

  private final FakeClock clock = new FakeClock();
  private final SimulatedPods pods = new SimulatedPods(clock, LatencyBuckets.DEFAULT);

  @Test
  void trafficStartsWhenThePodStartsBeingSimulated() {
    clock.advanceSeconds(100);
    assertThat(pods.simulate(WEB_1, TEN_RPS)).isEqualTo(SimulatedPods.Change.STARTED);

    clock.advanceSeconds(2);

    assertThat(pods.readAll())
        .singleElement()
        .satisfies(r -> assertThat(r.successfulRequests()).isCloseTo(20, within(1e-9)));
  }

  @Test
  void annotationChangeAppliesFromNowWithoutResettingCounters() {
    pods.simulate(WEB_1, TEN_RPS);
    clock.advanceSeconds(3);

    assertThat(pods.simulate(WEB_1, new TrafficProfile(10, 1, 0.05)))
        .isEqualTo(SimulatedPods.Change.PROFILE_CHANGED);
    clock.advanceSeconds(1);

    TrafficReading reading = pods.readAll().get(0);
    assertThat(reading.successfulRequests()).isCloseTo(30, within(1e-9));
    assertThat(reading.failedRequests()).isCloseTo(10, within(1e-9));
  }

  @Test
  void unchangedProfileIsReportedAsSuch() {
    pods.simulate(WEB_1, TEN_RPS);

    assertThat(pods.simulate(WEB_1, new TrafficProfile(10, 0, 0.05)))
        .isEqualTo(SimulatedPods.Change.UNCHANGED);
  }

  @Test
  void stoppedPodDisappearsFromReadings() {
    pods.simulate(WEB_1, TEN_RPS);
    pods.simulate(WEB_2, TEN_RPS);

    assertThat(pods.stopSimulating(WEB_1)).isTrue();
    assertThat(pods.stopSimulating(WEB_1)).isFalse();

    assertThat(pods.readAll()).extracting(TrafficReading::pod).containsExactly(WEB_2);
    assertThat(pods.size()).isEqualTo(1);
  }

  @Test
  void podThatComesBackStartsFromZero() {
    pods.simulate(WEB_1, TEN_RPS);
    clock.advanceSeconds(5);
    pods.stopSimulating(WEB_1);

    pods.simulate(WEB_1, TEN_RPS);
    clock.advanceSeconds(1);

    assertThat(pods.readAll().get(0).successfulRequests()).isCloseTo(10, within(1e-9));
  }

  @Test
  void readingsAreOrderedByNamespaceAndName() {
    PodKey other = new PodKey("another", "z");
    pods.simulate(WEB_2, TEN_RPS);
    pods.simulate(WEB_1, TEN_RPS);
    pods.simulate(other, TEN_RPS);

    List<PodKey> order = pods.readAll().stream().map(TrafficReading::pod).toList();

    assertThat(order).containsExactly(other, WEB_1, WEB_2);
  }
}
