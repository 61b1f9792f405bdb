package io.launchplan.simulator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Warns about a malformed annotation value once per pod, annotation and value.
 *
 * <p>The informer re-delivers a pod on every status change, so without this a single bad value
 * would be logged over and over. A different bad value on the same pod is news and is logged
 * again. Memory is released when the pod goes away ({@link #forget}).
 */
final class MalformedAnnotationWarnings {

  private final Consumer<String> warningSink;
  private final Map<PodKey, Set<String>> alreadyWarned = new HashMap<>();

  /** @param warningSink where warning lines go (a logger in production, a list in tests) */
  MalformedAnnotationWarnings(Consumer<String> warningSink) {
    this.warningSink = warningSink;
  }

  /** A listener for {@link TrafficAnnotations#parse} that attributes its findings to {@code pod}. */
  TrafficAnnotations.MalformedAnnotationListener forPod(PodKey pod) {
    return (annotation, value, expected) -> warnOnce(pod, annotation, value, expected);
  }

  /** Drops what was remembered about {@code pod}; a pod of the same name later is a new pod. */
  synchronized void forget(PodKey pod) {
    alreadyWarned.remove(pod);
  }

  private synchronized void warnOnce(
      PodKey pod, String annotation, String value, String expected) {
    // NUL cannot occur in an annotation key, so the pair maps to the key unambiguously
    String annotationAndValue = annotation + '\0' + value;
    if (alreadyWarned.computeIfAbsent(pod, p -> new HashSet<>()).add(annotationAndValue)) {
      warningSink.accept(
          String.format(
              "pod %s: annotation %s has malformed value \"%s\" (expected %s); %s",
              pod, annotation, value, expected, consequence(annotation)));
    }
  }

  private static String consequence(String annotation) {
    switch (annotation) {
      case TrafficAnnotations.RPS:
        return "not simulating this pod";
      case TrafficAnnotations.ERROR_RATIO:
        return "using the default " + TrafficAnnotations.DEFAULT_ERROR_RATIO;
      case TrafficAnnotations.LATENCY_MS:
        return "using the default " + TrafficAnnotations.DEFAULT_LATENCY_MS + " ms";
      default:
        return "using the default";
    }
  }
}
