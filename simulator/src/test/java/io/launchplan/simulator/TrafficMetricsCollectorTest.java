package io.launchplan.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.junit.jupiter.api.Test;

class TrafficMetricsCollectorTest {

  private final FakeClock clock = new FakeClock();
  private final SimulatedPods pods = new SimulatedPods(clock, LatencyBuckets.DEFAULT);
  private final TrafficMetricsCollector collector = new TrafficMetricsCollector(pods);

  private String scrape() {
    return PrometheusTextFormatWriter.create().toDebugString(collector.collect());
  }

  @Test
  void exposesRequestCountersPerPodAndCode() {
    pods.simulate(new PodKey("shop", "web-1"), new TrafficProfile(10, 0.2, 0.05));
    clock.advanceSeconds(5);

    assertThat(scrape())
        .contains("# TYPE http_requests_total counter")
        .contains("http_requests_total{code=\"200\",namespace=\"shop\",pod=\"web-1\"} 40.0\n")
        .contains("http_requests_total{code=\"500\",namespace=\"shop\",pod=\"web-1\"} 10.0\n");
  }

  @Test
  void exposesDurationHistogramPerPod() {
    pods.simulate(new PodKey("shop", "web-1"), new TrafficProfile(100, 0, 0.05));
    clock.advanceSeconds(10);

    String text = scrape();

    assertThat(text)
        .contains("# TYPE http_request_duration_seconds histogram")
        .contains("http_request_duration_seconds_bucket{namespace=\"shop\",pod=\"web-1\",le=\"0.005\"} ")
        .contains("http_request_duration_seconds_bucket{namespace=\"shop\",pod=\"web-1\",le=\"+Inf\"} 1000\n")
        .contains("http_request_duration_seconds_count{namespace=\"shop\",pod=\"web-1\"} 1000\n")
        .contains("http_request_duration_seconds_sum{namespace=\"shop\",pod=\"web-1\"} 50.0");
  }

  @Test
  void simPodsCountsSimulatedPods() {
    assertThat(scrape()).contains("sim_pods 0.0\n").doesNotContain("http_requests_total");

    pods.simulate(new PodKey("a", "x"), new TrafficProfile(1, 0, 0.05));
    pods.simulate(new PodKey("b", "y"), new TrafficProfile(1, 0, 0.05));

    assertThat(scrape()).contains("sim_pods 2.0\n");
  }

  @Test
  void stoppedPodSeriesDisappear() {
    PodKey gone = new PodKey("shop", "gone");
    pods.simulate(gone, new TrafficProfile(10, 0, 0.05));
    pods.simulate(new PodKey("shop", "stays"), new TrafficProfile(10, 0, 0.05));
    clock.advanceSeconds(1);
    assertThat(scrape()).contains("pod=\"gone\"");

    pods.stopSimulating(gone);

    assertThat(scrape()).doesNotContain("pod=\"gone\"").contains("pod=\"stays\"");
  }

  @Test
  void scrapeAdvancesTrafficToTheScrapeInstant() {
    pods.simulate(new PodKey("shop", "web-1"), new TrafficProfile(4, 0, 0.05));
    clock.advanceSeconds(1);
    scrape();
    clock.advanceSeconds(0.5);

    assertThat(scrape())
        .contains("http_requests_total{code=\"200\",namespace=\"shop\",pod=\"web-1\"} 6.0\n");
  }
}
