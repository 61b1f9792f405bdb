package io.launchplan.simulator;

/**
 * The running totals of one simulated pod's traffic, advanced along an explicit time axis.
 *
 * <p>Requests arrive continuously at the profile's rate, so over any interval of {@code s} seconds
 * exactly {@code rps * s} requests accrue, split {@code errorRatio : 1 - errorRatio} between failed
 * and successful ones. The request counters are fractional on purpose: PromQL's {@code rate()} over
 * any window then equals the configured rate exactly, independent of when scrapes happen.
 *
 * <p>The duration histogram is fed only whole requests (a histogram count is an integer) and
 * deterministically rather than by random sampling: each batch of requests adds its expected share
 * to every bucket, so bucket counts follow the exponential distribution without noise and {@code
 * sum / count} equals the configured mean exactly. The exported bucket counts are the rounded-down
 * running expectations, which keeps them integral, monotonic over time and consistent across
 * buckets.
 *
 * <p>Time is nanoseconds on any monotonic axis (normally {@link System#nanoTime()}); it is passed
 * in, never read, so this class is deterministic and needs no clock to test. Not thread-safe: the
 * owner ({@link SimulatedPods}) serialises access.
 */
final class PodTraffic {

  /** Floating-point slack when rounding expected bucket counts down to whole requests. */
  private static final double ROUNDING_SLACK = 1e-6;

  private final LatencyBuckets buckets;
  private TrafficProfile profile;
  private double[] shareAtOrBelowBound;
  private long lastAdvancedNanos;

  private double successfulRequests;
  private double failedRequests;
  /** All requests so far, fractional; its whole part is what the histogram has been fed. */
  private double accruedRequests;

  private long observedRequests;
  private double latencySumSeconds;
  /** Per finite bucket, the (fractional) expected number of observations at or below its bound. */
  private final double[] expectedAtOrBelowBound;

  /** Starts a pod with no traffic served yet; requests accrue from {@code startNanos} on. */
  PodTraffic(TrafficProfile profile, LatencyBuckets buckets, long startNanos) {
    this.buckets = buckets;
    this.expectedAtOrBelowBound = new double[buckets.finiteBucketCount()];
    this.lastAdvancedNanos = startNanos;
    useProfile(profile);
  }

  TrafficProfile profile() {
    return profile;
  }

  /**
   * Accrues the requests that arrived between the previous advance and {@code nanos} at the current
   * profile. A {@code nanos} at or before the previous one changes nothing, so callers racing each
   * other with slightly stale timestamps cannot make counters go backwards or count twice.
   */
  void advanceTo(long nanos) {
    long elapsedNanos = nanos - lastAdvancedNanos; // subtraction, as System.nanoTime may wrap
    if (elapsedNanos <= 0) {
      return;
    }
    lastAdvancedNanos = nanos;
    double requests = profile.requestsPerSecond() * (elapsedNanos / 1e9);
    failedRequests += requests * profile.errorRatio();
    successfulRequests += requests * (1 - profile.errorRatio());
    accruedRequests += requests;
    observeNewWholeRequests();
  }

  /**
   * Switches to a new profile at {@code nanos}: requests up to that instant still accrue at the old
   * profile, later ones at the new. Totals carry over, so counters never reset.
   */
  void changeProfile(TrafficProfile newProfile, long nanos) {
    advanceTo(nanos);
    useProfile(newProfile);
  }

  /** The current totals, as of the last advance. */
  TrafficReading read(PodKey pod) {
    return new TrafficReading(
        pod, successfulRequests, failedRequests, latencyBucketCounts(), latencySumSeconds);
  }

  private void useProfile(TrafficProfile newProfile) {
    this.profile = newProfile;
    this.shareAtOrBelowBound = buckets.shareAtOrBelowEachBound(newProfile.meanLatencySeconds());
  }

  private void observeNewWholeRequests() {
    double newWholeRequests = Math.floor(accruedRequests) - observedRequests;
    if (newWholeRequests < 1) {
      return;
    }
    for (int i = 0; i < expectedAtOrBelowBound.length; i++) {
      expectedAtOrBelowBound[i] += newWholeRequests * shareAtOrBelowBound[i];
    }
    observedRequests += (long) newWholeRequests;
    latencySumSeconds += newWholeRequests * profile.meanLatencySeconds();
  }

  /** Per-bucket (not cumulative) counts, the {@code +Inf} bucket last; they add up to the count. */
  private long[] latencyBucketCounts() {
    long[] counts = new long[expectedAtOrBelowBound.length + 1];
    long cumulativeBelow = 0;
    for (int i = 0; i < expectedAtOrBelowBound.length; i++) {
      long roundedDown = (long) Math.floor(expectedAtOrBelowBound[i] + ROUNDING_SLACK);
      // clamping guards the invariants against floating-point noise: cumulative counts never
      // decrease across buckets and never exceed the total
      long cumulative = Math.min(observedRequests, Math.max(cumulativeBelow, roundedDown));
      counts[i] = cumulative - cumulativeBelow;
      cumulativeBelow = cumulative;
    }
    counts[expectedAtOrBelowBound.length] = observedRequests - cumulativeBelow;
    return counts;
  }
}
