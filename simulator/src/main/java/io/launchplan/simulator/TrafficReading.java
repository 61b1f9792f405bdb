package io.launchplan.simulator;

/**
 * What one simulated pod's metrics show at one instant; an immutable copy, safe to hand to the
 * exposition outside any lock.
 *
 * @param pod whose traffic this is
 * @param successfulRequests value of {@code http_requests_total{code="200"}}
 * @param failedRequests value of {@code http_requests_total{code="500"}}
 * @param latencyBucketCounts per-bucket (not cumulative) observation counts, one per finite bucket
 *     of {@link LatencyBuckets} plus the {@code +Inf} bucket last
 * @param latencySumSeconds {@code http_request_duration_seconds_sum}
 */
record TrafficReading(
    PodKey pod,
    double successfulRequests,
    double failedRequests,
    long[] latencyBucketCounts,
    double latencySumSeconds) {

  /** {@code http_request_duration_seconds_count}: the total over all buckets. */
  long latencyCount() {
    long count = 0;
    for (long bucket : latencyBucketCounts) {
      count += bucket;
    }
    return count;
  }
}
