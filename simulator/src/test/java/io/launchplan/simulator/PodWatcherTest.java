package io.launchplan.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodWatcherTest {

  private final FakeClock clock = new FakeClock();
  private final SimulatedPods simulatedPods = new SimulatedPods(clock, LatencyBuckets.DEFAULT);
  private final List<String> warnings = new ArrayList<>();
  private final List<String> infos = new ArrayList<>();
  private final PodWatcher watcher =
      new PodWatcher(simulatedPods, new MalformedAnnotationWarnings(warnings::add), infos::add);

  @Test
  void runningReadyAnnotatedPodIsSimulated() {
    watcher.onAdd(pod("Running", "True", Map.of(TrafficAnnotations.RPS, "5")));
    clock.advanceSeconds(2);

    assertThat(simulatedPods.readAll())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.pod()).isEqualTo(new PodKey("shop", "web-1"));
              assertThat(r.successfulRequests()).isCloseTo(10, within(1e-9));
            });
    assertThat(infos).containsExactly("simulating pod shop/web-1: 5.0 rps, error ratio 0.0, "
        + "mean latency 50.0 ms");
  }

  @Test
  void podWithoutRpsAnnotationIsIgnored() {
    watcher.onAdd(pod("Running", "True", Map.of("other", "1")));

    assertThat(simulatedPods.size()).isZero();
  }

  @Test
  void podThatIsNotReadyOrNotRunningIsNotSimulated() {
    watcher.onAdd(pod("Running", "False", Map.of(TrafficAnnotations.RPS, "5")));
    watcher.onAdd(pod("Pending", "True", Map.of(TrafficAnnotations.RPS, "5")));

    assertThat(simulatedPods.size()).isZero();
  }

  @Test
  void podBecomingReadyStartsAndBecomingUnreadyStopsSimulation() {
    Map<String, String> annotations = Map.of(TrafficAnnotations.RPS, "5");
    Pod pending = pod("Pending", null, annotations);
    Pod ready = pod("Running", "True", annotations);
    Pod unready = pod("Running", "False", annotations);

    watcher.onAdd(pending);
    watcher.onUpdate(pending, ready);
    assertThat(simulatedPods.size()).isEqualTo(1);

    watcher.onUpdate(ready, unready);
    assertThat(simulatedPods.size()).isZero();
    assertThat(infos).last().asString().contains("stopped simulating pod shop/web-1");
  }

  @Test
  void terminatingPodIsNoLongerSimulated() {
    Pod ready = pod("Running", "True", Map.of(TrafficAnnotations.RPS, "5"));
    Pod terminating =
        new PodBuilder(ready).editMetadata().withDeletionTimestamp("2024-01-01T00:00:00Z")
            .endMetadata().build();

    watcher.onAdd(ready);
    watcher.onUpdate(ready, terminating);

    assertThat(simulatedPods.size()).isZero();
  }

  @Test
  void annotationChangeOnLivePodChangesTrafficButKeepsCounters() {
    Pod before = pod("Running", "True", Map.of(TrafficAnnotations.RPS, "10"));
    Pod after =
        pod(
            "Running",
            "True",
            Map.of(TrafficAnnotations.RPS, "10", TrafficAnnotations.ERROR_RATIO, "0.5"));

    watcher.onAdd(before);
    clock.advanceSeconds(1);
    watcher.onUpdate(before, after);
    clock.advanceSeconds(1);

    TrafficReading reading = simulatedPods.readAll().get(0);
    assertThat(reading.successfulRequests()).isCloseTo(15, within(1e-9));
    assertThat(reading.failedRequests()).isCloseTo(5, within(1e-9));
  }

  @Test
  void removingRpsAnnotationStopsSimulation() {
    Pod before = pod("Running", "True", Map.of(TrafficAnnotations.RPS, "10"));
    Pod after = pod("Running", "True", Map.of());

    watcher.onAdd(before);
    watcher.onUpdate(before, after);

    assertThat(simulatedPods.size()).isZero();
  }

  @Test
  void deletedPodIsNoLongerSimulated() {
    Pod pod = pod("Running", "True", Map.of(TrafficAnnotations.RPS, "10"));

    watcher.onAdd(pod);
    watcher.onDelete(pod, false);

    assertThat(simulatedPods.size()).isZero();
  }

  @Test
  void malformedRpsIsTreatedAsNotAnnotatedAndWarnedOnce() {
    Pod pod = pod("Running", "True", Map.of(TrafficAnnotations.RPS, "abc"));

    watcher.onAdd(pod);
    watcher.onUpdate(pod, pod);
    watcher.onUpdate(pod, pod);

    assertThat(simulatedPods.size()).isZero();
    assertThat(warnings)
        .containsExactly(
            "pod shop/web-1: annotation sim.launchplan.io/rps has malformed value \"abc\" "
                + "(expected a number >= 0); not simulating this pod");
  }

  @Test
  void malformedErrorRatioFallsBackToDefaultAndIsWarnedOncePerValue() {
    Pod first =
        pod("Running", "True",
            Map.of(TrafficAnnotations.RPS, "10", TrafficAnnotations.ERROR_RATIO, "2.5"));
    Pod second =
        pod("Running", "True",
            Map.of(TrafficAnnotations.RPS, "10", TrafficAnnotations.ERROR_RATIO, "NaN"));

    watcher.onAdd(first);
    watcher.onUpdate(first, first);
    watcher.onUpdate(first, second);
    watcher.onUpdate(second, second);
    clock.advanceSeconds(1);

    assertThat(simulatedPods.readAll().get(0).failedRequests()).isZero();
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0)).contains("shop/web-1", TrafficAnnotations.ERROR_RATIO, "\"2.5\"");
    assertThat(warnings.get(1)).contains("shop/web-1", TrafficAnnotations.ERROR_RATIO, "\"NaN\"");
  }

  @Test
  void recreatedPodWithSameBadValueIsWarnedAgain() {
    Pod pod = pod("Running", "True", Map.of(TrafficAnnotations.RPS, "-1"));

    watcher.onAdd(pod);
    watcher.onDelete(pod, false);
    watcher.onAdd(pod);

    assertThat(warnings).hasSize(2);
  }

  private static Pod pod(String phase, String readyStatus, Map<String, String> annotations) {
    PodBuilder builder =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace("shop")
            .withName("web-1")
            .withAnnotations(new LinkedHashMap<>(annotations))
            .endMetadata()
            .withNewStatus()
            .withPhase(phase)
            .endStatus();
    if (readyStatus != null) {
      builder
          .editStatus()
          .addNewCondition()
          .withType("PodScheduled")
          .withStatus("True")
          .endCondition()
          .addNewCondition()
          .withType("Ready")
          .withStatus(readyStatus)
          .endCondition()
          .endStatus();
    }
    return builder.build();
  }
}
