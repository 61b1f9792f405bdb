package io.launchplan.simulator;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the {@link SimulatedPods} into metric families on every scrape.
 *
 * <p>A collector that builds snapshots from scratch, rather than long-lived Counter and Histogram
 * objects, makes "a pod that is no longer simulated has no series" hold by construction, and lets
 * each scrape advance the traffic to the very instant it is taken.
 *
 * <ul>
 *   <li>{@code http_requests_total{namespace,pod,code}} &ndash; counter, code "200" or "500"
 *   <li>{@code http_request_duration_seconds{namespace,pod}} &ndash; classic histogram
 *   <li>{@code sim_pods} &ndash; gauge, the number of pods simulated
 * </ul>
 */
final class TrafficMetricsCollector implements MultiCollector {

  static final String REQUESTS = "http_requests"; // the exposition appends "_total"
  static final String DURATION = "http_request_duration_seconds";
  static final String SIMULATED_PODS = "sim_pods";

  private final SimulatedPods simulatedPods;
  private final double[] upperBounds;

  TrafficMetricsCollector(SimulatedPods simulatedPods) {
    this.simulatedPods = simulatedPods;
    this.upperBounds = simulatedPods.buckets().upperBoundsWithInfinity();
  }

  @Override
  public MetricSnapshots collect() {
    List<TrafficReading> readings = simulatedPods.readAll();
    List<MetricSnapshot> families = new ArrayList<>(3);
    if (!readings.isEmpty()) {
      families.add(requests(readings));
      families.add(durations(readings));
    }
    families.add(
        GaugeSnapshot.builder()
            .name(SIMULATED_PODS)
            .help("Number of pods whose traffic is currently simulated.")
            .dataPoint(GaugeDataPointSnapshot.builder().value(readings.size()).build())
            .build());
    return new MetricSnapshots(families);
  }

  private static CounterSnapshot requests(List<TrafficReading> readings) {
    CounterSnapshot.Builder family =
        CounterSnapshot.builder()
            .name(REQUESTS)
            .help("Simulated HTTP requests served by the pod, by response code.");
    for (TrafficReading reading : readings) {
      Labels pod = podLabels(reading.pod());
      family.dataPoint(requestCount(pod, "200", reading.successfulRequests()));
      family.dataPoint(requestCount(pod, "500", reading.failedRequests()));
    }
    return family.build();
  }

  private static CounterDataPointSnapshot requestCount(Labels pod, String code, double value) {
    return CounterDataPointSnapshot.builder().labels(pod.add("code", code)).value(value).build();
  }

  private HistogramSnapshot durations(List<TrafficReading> readings) {
    HistogramSnapshot.Builder family =
        HistogramSnapshot.builder()
            .name(DURATION)
            .help("Simulated HTTP request durations in seconds.");
    for (TrafficReading reading : readings) {
      family.dataPoint(
          HistogramDataPointSnapshot.builder()
              .labels(podLabels(reading.pod()))
              .classicHistogramBuckets(
                  ClassicHistogramBuckets.of(upperBounds, reading.latencyBucketCounts()))
              .sum(reading.latencySumSeconds())
              .build());
    }
    return family.build();
  }

  private static Labels podLabels(PodKey pod) {
    return Labels.of("namespace", pod.namespace(), "pod", pod.name());
  }
}
