package io.launchplan.simulator;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps {@link SimulatedPods} in step with the cluster's pods as the informer reports them.
 *
 * <p>A pod is simulated while it is serving ({@link PodServingState#isServing}) and carries a usable
 * {@value TrafficAnnotations#RPS} annotation; any other state of the same pod, or its deletion,
 * stops the simulation. Every event re-evaluates the pod from scratch, so the outcome depends only
 * on the latest pod, never on the order of events.
 */
final class PodWatcher implements ResourceEventHandler<Pod> {

  private final SimulatedPods simulatedPods;
  private final MalformedAnnotationWarnings warnings;
  private final Consumer<String> infoSink;

  /**
   * @param infoSink receives one line per pod that starts, changes or stops being simulated
   */
  PodWatcher(
      SimulatedPods simulatedPods, MalformedAnnotationWarnings warnings, Consumer<String> infoSink) {
    this.simulatedPods = simulatedPods;
    this.warnings = warnings;
    this.infoSink = infoSink;
  }

  @Override
  public void onAdd(Pod pod) {
    reconcile(pod);
  }

  @Override
  public void onUpdate(Pod oldPod, Pod newPod) {
    reconcile(newPod);
  }

  @Override
  public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
    PodKey key = keyOf(pod);
    stop(key, "deleted");
    warnings.forget(key);
  }

  private void reconcile(Pod pod) {
    PodKey key = keyOf(pod);
    // parsed even for pods not yet serving, so that a bad value is reported as soon as it is seen
    Optional<TrafficProfile> profile =
        TrafficAnnotations.parse(pod.getMetadata().getAnnotations(), warnings.forPod(key));
    if (profile.isEmpty()) {
      stop(key, "no usable " + TrafficAnnotations.RPS + " annotation");
    } else if (!PodServingState.isServing(pod)) {
      stop(key, "not Running+Ready, or terminating");
    } else {
      switch (simulatedPods.simulate(key, profile.get())) {
        case STARTED:
          infoSink.accept("simulating pod " + key + ": " + describe(profile.get()));
          break;
        case PROFILE_CHANGED:
          infoSink.accept("pod " + key + " traffic changed: " + describe(profile.get()));
          break;
        case UNCHANGED:
          break;
      }
    }
  }

  private void stop(PodKey key, String reason) {
    if (simulatedPods.stopSimulating(key)) {
      infoSink.accept("stopped simulating pod " + key + " (" + reason + ")");
    }
  }

  private static PodKey keyOf(Pod pod) {
    ObjectMeta metadata = pod.getMetadata();
    return new PodKey(metadata.getNamespace(), metadata.getName());
  }

  private static String describe(TrafficProfile profile) {
    return String.format(
        "%s rps, error ratio %s, mean latency %s ms",
        profile.requestsPerSecond(), profile.errorRatio(), profile.meanLatencySeconds() * 1000);
  }
}
