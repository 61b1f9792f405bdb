package io.launchplan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTextTest {
  private static final String TEXT = """
      # HELP launchplan_reconcile_seconds Time spent in one reconcile of a LaunchPlan
      # TYPE launchplan_reconcile_seconds histogram
      launchplan_reconcile_seconds_bucket{le="0.005"} 3
      launchplan_reconcile_seconds_bucket{le="0.01"} 7
      launchplan_reconcile_seconds_bucket{le="+Inf"} 9
      launchplan_reconcile_seconds_count 9
      launchplan_reconcile_seconds_sum 0.125
      jvm_memory_used_bytes{area="heap"} 1.048576E7
      jvm_memory_used_bytes{area="nonheap"} 5000000.0
      apiserver_request_total{code="200",component="apiserver",resource="pods",subresource="",verb="LIST",version="v1"} 12
      apiserver_request_total{code="201",component="apiserver",resource="pods",subresource="",verb="POST",version="v1"} 3
      weird_total{msg="a \\"quoted\\", comma"} 1 1700000000000
      """;

  @Test
  void sumsSamplesByNameAndLabels() {
    MetricsText m = MetricsText.parse(TEXT);
    assertThat(m.sum("jvm_memory_used_bytes", l -> "heap".equals(l.get("area")))).isEqualTo(10485760.0);
    assertThat(m.sum("apiserver_request_total")).isEqualTo(15.0);
    assertThat(m.sumBy("apiserver_request_total", "verb", "resource")).containsEntry("LIST/pods", 12.0)
        .containsEntry("POST/pods", 3.0);
    assertThat(m.sum("weird_total")).isEqualTo(1.0);
  }

  @Test
  void readsHistogramBuckets() {
    assertThat(MetricsText.parse(TEXT).buckets("launchplan_reconcile_seconds"))
        .containsEntry(0.005, 3.0).containsEntry(0.01, 7.0).containsEntry(Double.POSITIVE_INFINITY, 9.0);
  }
}
