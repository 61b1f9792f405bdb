package io.launchplan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapacityMedianTest {
  private static CapacityBench.Result run(double rss, Double peak, double cpu, long ticks, Double tickP99, List<Double> lags) {
    return new CapacityBench.Result(1000, "ns", 200, 180, 1000, ticks, new Stats.Summary((int) ticks, 0.003, 0.005, tickP99, null),
        new Stats.Summary(10, 0.5, 6.0, 6.5, 9.0), 0.009, 0.1, 18000, 260, 0.003, 0.04, rss, rss + 1, peak, 160, 220, 68.0,
        cpu, Map.of("kube-apiserver", cpu * 2), 1.3, 1800, 130, Map.of(), 4900, Map.of(), 18000, 18000, 18, cpu * 10, 900.0, lags);
  }

  @Test
  void resultMedianTakesTheMiddleOfEachQuantityAndKeepsEveryLagSample() {
    var m = CapacityBench.Result.median(List.of(
        run(446, 470.0, 0.40, 18000, 0.013, List.of(1.0)),
        run(430, null, 0.50, 18100, 0.041, List.of(2.0)),
        run(460, 480.0, 0.30, 17900, 0.007, List.of(3.0))));

    assertThat(m.rssMb()).isEqualTo(446);
    assertThat(m.rssPeakMb()).as("median of the runs that have it").isEqualTo(475.0);
    assertThat(m.cpuCores()).isEqualTo(0.40);
    assertThat(m.ticks()).isEqualTo(18000);
    assertThat(m.tickLag().p99()).isEqualTo(0.013);
    assertThat(m.tickLag().max()).isNull();
    assertThat(m.environmentCpuCores()).containsEntry("kube-apiserver", 0.80);
    assertThat(m.lags()).containsExactly(1.0, 2.0, 3.0);
    assertThat(m.gcSeconds()).isEqualTo(4.0);
    assertThat(m.gcShare()).isEqualTo(4.0 / 180);
    assertThat(m.gcMeanPauseMillis()).isCloseTo(4.44, org.assertj.core.api.Assertions.within(0.01));
  }

  @Test
  void oneRunIsItsOwnMedian() {
    var only = run(446, 470.0, 0.40, 18000, 0.013, List.of(1.0));
    assertThat(CapacityBench.Result.median(List.of(only))).isSameAs(only);
    var row = Report.capacity(only);
    assertThat(Report.capacityMedian(List.of(row))).isSameAs(row);
  }

  @Test
  void reportRowIsTheMedianOfEachFigureWithEachRunListed() {
    var rows = List.of(
        Report.capacity(run(446, 470.0, 0.40, 18000, 0.013, List.of())),
        Report.capacity(run(430, 500.0, 0.50, 18100, 0.041, List.of())),
        Report.capacity(run(460, 480.0, 0.30, 17900, 0.007, List.of())));

    Map<String, Object> m = Report.capacityMedian(rows);

    assertThat(m.get("plans")).isEqualTo(1000L);
    assertThat(m.get("rss_mb")).isEqualTo(446.0);
    assertThat(m.get("rss_peak_mb")).isEqualTo(480.0);
    assertThat(m.get("tick_lag_p99_s")).isEqualTo(0.013);
    assertThat(m.get("cpu_cores")).isEqualTo(0.4);
    assertThat(m.get("tick_lag_max_s")).as("null in every run stays null").isNull();
    assertThat(m.get("runs")).isEqualTo(3);
    @SuppressWarnings("unchecked")
    var env = (Map<String, Object>) m.get("environment_cpu_cores");
    assertThat(env.get("kube-apiserver")).isEqualTo(0.8);
    @SuppressWarnings("unchecked")
    var perRun = (List<Map<String, Object>>) m.get("per_run");
    assertThat(perRun).extracting(r -> r.get("rss_peak_mb")).containsExactly(470.0, 500.0, 480.0);
    assertThat(perRun).extracting(r -> r.get("tick_lag_p99_s")).containsExactly(0.013, 0.041, 0.007);
  }

  @Test
  void peakIsNeverBelowTheHighestSampleOfTheWindow() {
    // VmHWM 440 read after a VmRSS sample of 447 (the kernel updates the high-water mark lazily)
    assertThat(Report.capacity(run(446, 440.0, 0.4, 18000, 0.01, List.of())).get("rss_peak_mb")).isEqualTo(447.0);
    assertThat(Report.capacity(run(446, null, 0.4, 18000, 0.01, List.of())).get("rss_peak_mb")).isNull();
  }
}
