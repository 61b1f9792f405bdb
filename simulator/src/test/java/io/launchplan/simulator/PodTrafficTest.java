package io.launchplan.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PodTrafficTest {

  private static final long SECOND = 1_000_000_000L;
  private static final PodKey POD = new PodKey("shop", "web-1");

  @Test
  void requestsAccrueAtTheConfiguredRate() {
    PodTraffic traffic = new PodTraffic(new TrafficProfile(10, 0, 0.05), LatencyBuckets.DEFAULT, 0);

    traffic.advanceTo(3 * SECOND);

    TrafficReading reading = traffic.read(POD);
    assertThat(reading.successfulRequests()).isCloseTo(30, within(1e-9));
    assertThat(reading.failedRequests()).isZero();
  }

  @Test
  void fractionalRequestsAccrueSoRateIsExactOverShortWindows() {
    PodTraffic traffic = new PodTraffic(new TrafficProfile(3, 0, 0.05), LatencyBuckets.DEFAULT, 0);

    traffic.advanceTo(SECOND / 10);

    assertThat(traffic.read(POD).successfulRequests()).isCloseTo(0.3, within(1e-12));
  }

  @Test
  void errorRatioSplitsRequestsBetweenCodes() {
    PodTraffic traffic =
        new PodTraffic(new TrafficProfile(20, 0.25, 0.05), LatencyBuckets.DEFAULT, 0);

    traffic.advanceTo(10 * SECOND);

    TrafficReading reading = traffic.read(POD);
    assertThat(reading.failedRequests()).isCloseTo(20 * 0.25 * 10, within(1e-9));
    assertThat(reading.successfulRequests()).isCloseTo(20 * 0.75 * 10, within(1e-9));
  }

  @Test
  void manySmallStepsAddUpToTheSameTotalsAsOneBigStep() {
    PodTraffic stepwise =
        new PodTraffic(new TrafficProfile(7.3, 0.1, 0.05), LatencyBuckets.DEFAULT, 0);
    for (long t = 0; t <= 60 * SECOND; t += 173_000_000L) {
      stepwise.advanceTo(t);
    }
    stepwise.advanceTo(60 * SECOND);

    TrafficReading reading = stepwise.read(POD);
    assertThat(reading.successfulRequests()).isCloseTo(7.3 * 0.9 * 60, within(1e-6));
    assertThat(reading.failedRequests()).isCloseTo(7.3 * 0.1 * 60, within(1e-6));
    assertThat(reading.latencyCount()).isEqualTo(438); // floor(7.3 * 60)
  }

  @Test
  void countersKeepAccumulatingAcrossProfileChanges() {
    PodTraffic traffic = new PodTraffic(new TrafficProfile(10, 0, 0.05), LatencyBuckets.DEFAULT, 0);
    traffic.advanceTo(5 * SECOND);

    traffic.changeProfile(new TrafficProfile(10, 0.5, 0.05), 6 * SECOND);
    traffic.advanceTo(8 * SECOND);

    TrafficReading reading = traffic.read(POD);
    // 6 s at 10 rps all fine, then 2 s at 10 rps half failing
    assertThat(reading.successfulRequests()).isCloseTo(60 + 10, within(1e-9));
    assertThat(reading.failedRequests()).isCloseTo(10, within(1e-9));
  }

  @Test
  void timeGoingBackwardsChangesNothing() {
    PodTraffic traffic = new PodTraffic(new TrafficProfile(10, 0, 0.05), LatencyBuckets.DEFAULT, 0);
    traffic.advanceTo(2 * SECOND);

    traffic.advanceTo(SECOND);
    traffic.advanceTo(2 * SECOND);

    assertThat(traffic.read(POD).successfulRequests()).isCloseTo(20, within(1e-9));
  }

  @Test
  void zeroRpsServesNothingButStillReads() {
    PodTraffic traffic = new PodTraffic(new TrafficProfile(0, 0.5, 0.05), LatencyBuckets.DEFAULT, 0);

    traffic.advanceTo(100 * SECOND);

    TrafficReading reading = traffic.read(POD);
    assertThat(reading.successfulRequests()).isZero();
    assertThat(reading.failedRequests()).isZero();
    assertThat(reading.latencyCount()).isZero();
    assertThat(reading.latencyBucketCounts()).hasSize(12);
  }

  @Test
  void histogramCountsWholeRequestsOnly() {
    PodTraffic traffic = new PodTraffic(new TrafficProfile(2.5, 0, 0.05), LatencyBuckets.DEFAULT, 0);

    traffic.advanceTo(SECOND);

    TrafficReading reading = traffic.read(POD);
    assertThat(reading.successfulRequests()).isCloseTo(2.5, within(1e-12));
    assertThat(reading.latencyCount()).isEqualTo(2);
  }

  @Test
  void latencySumOverCountIsTheConfiguredMean() {
    PodTraffic traffic =
        new PodTraffic(new TrafficProfile(100, 0.2, 0.120), LatencyBuckets.DEFAULT, 0);

    traffic.advanceTo(30 * SECOND);

    TrafficReading reading = traffic.read(POD);
    assertThat(reading.latencyCount()).isEqualTo(3000);
    assertThat(reading.latencySumSeconds() / reading.latencyCount()).isCloseTo(0.120, within(1e-9));
  }

  @Test
  void latencyBucketsFollowAnExponentialDistributionAroundTheMean() {
    double mean = 0.05;
    PodTraffic traffic = new PodTraffic(new TrafficProfile(1000, 0, mean), LatencyBuckets.DEFAULT, 0);

    traffic.advanceTo(10 * SECOND);

    long[] cumulative = cumulative(traffic.read(POD).latencyBucketCounts());
    double[] bounds = LatencyBuckets.DEFAULT.upperBoundsWithInfinity();
    for (int i = 0; i < bounds.length - 1; i++) {
      double expected = 10_000 * (1 - Math.exp(-bounds[i] / mean));
      assertThat((double) cumulative[i]).as("le=%s", bounds[i]).isCloseTo(expected, within(1.0));
    }
    assertThat(cumulative[bounds.length - 1]).isEqualTo(10_000);
  }

  @Test
  void bucketCountsNeverDecreaseOverTimeOrAcrossLatencyChanges() {
    PodTraffic traffic = new PodTraffic(new TrafficProfile(13, 0, 0.03), LatencyBuckets.DEFAULT, 0);
    long[] previous = cumulative(traffic.read(POD).latencyBucketCounts());
    for (int step = 1; step <= 200; step++) {
      long now = step * 150_000_000L;
      if (step % 50 == 0) {
        traffic.changeProfile(new TrafficProfile(13, 0, step % 100 == 0 ? 0.5 : 0.002), now);
      }
      traffic.advanceTo(now);
      long[] current = cumulative(traffic.read(POD).latencyBucketCounts());
      for (int i = 0; i < current.length; i++) {
        assertThat(current[i]).as("bucket %d at step %d", i, step).isGreaterThanOrEqualTo(previous[i]);
        if (i > 0) {
          assertThat(current[i]).isGreaterThanOrEqualTo(current[i - 1]);
        }
      }
      previous = current;
    }
  }

  @Test
  void zeroLatencyPutsEveryRequestInTheFirstBucket() {
    PodTraffic traffic = new PodTraffic(new TrafficProfile(10, 0, 0), LatencyBuckets.DEFAULT, 0);

    traffic.advanceTo(SECOND);

    TrafficReading reading = traffic.read(POD);
    assertThat(reading.latencyBucketCounts()[0]).isEqualTo(10);
    assertThat(reading.latencySumSeconds()).isZero();
  }

  private static long[] cumulative(long[] perBucket) {
    long[] cumulative = Arrays.copyOf(perBucket, perBucket.length);
    for (int i = 1; i < cumulative.length; i++) {
      cumulative[i] += cumulative[i - 1];
    }
    return cumulative;
  }
}
