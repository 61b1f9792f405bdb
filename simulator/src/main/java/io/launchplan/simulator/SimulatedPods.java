package io.launchplan.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The set of pods currently being simulated, each with its {@link PodTraffic}; shared between the
 * informer thread (which adds, changes and removes pods), the background tick and scrapes.
 *
 * <p>All methods are synchronized and read the clock inside the lock, so the time passed to a
 * pod's traffic only moves forward. The clock is injected so that tests can drive it.
 */
final class SimulatedPods {

  /** What {@link #simulate} did, so the caller can log transitions (and only those). */
  enum Change {
    STARTED,
    PROFILE_CHANGED,
    UNCHANGED
  }

  private final LongSupplier nanoClock;
  private final LatencyBuckets buckets;
  private final Map<PodKey, PodTraffic> trafficByPod = new LinkedHashMap<>();

  SimulatedPods(LongSupplier nanoClock, LatencyBuckets buckets) {
    this.nanoClock = nanoClock;
    this.buckets = buckets;
  }

  LatencyBuckets buckets() {
    return buckets;
  }

  /**
   * Makes {@code pod} serve traffic per {@code profile} from now on. A pod already simulated keeps
   * its totals: only the rate of future requests changes.
   */
  synchronized Change simulate(PodKey pod, TrafficProfile profile) {
    long now = nanoClock.getAsLong();
    PodTraffic traffic = trafficByPod.get(pod);
    if (traffic == null) {
      trafficByPod.put(pod, new PodTraffic(profile, buckets, now));
      return Change.STARTED;
    }
    if (traffic.profile().equals(profile)) {
      return Change.UNCHANGED;
    }
    traffic.changeProfile(profile, now);
    return Change.PROFILE_CHANGED;
  }

  /**
   * Stops simulating {@code pod} and forgets its totals, so its series vanish from the next scrape.
   * Should it come back it starts from zero, which PromQL treats as a counter reset.
   *
   * @return whether the pod had been simulated
   */
  synchronized boolean stopSimulating(PodKey pod) {
    return trafficByPod.remove(pod) != null;
  }

  /** Accrues every pod's traffic up to now; the background tick calls this. */
  synchronized void advanceAll() {
    long now = nanoClock.getAsLong();
    for (PodTraffic traffic : trafficByPod.values()) {
      traffic.advanceTo(now);
    }
  }

  /** Advances every pod to now and returns their readings, ordered by namespace and name. */
  synchronized List<TrafficReading> readAll() {
    advanceAll();
    List<TrafficReading> readings = new ArrayList<>(trafficByPod.size());
    trafficByPod.forEach((pod, traffic) -> readings.add(traffic.read(pod)));
    readings.sort(
        Comparator.comparing((TrafficReading r) -> r.pod().namespace())
            .thenComparing(r -> r.pod().name()));
    return readings;
  }

  synchronized int size() {
    return trafficByPod.size();
  }
}
