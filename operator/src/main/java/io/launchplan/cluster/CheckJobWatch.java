package io.launchplan.cluster;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.launchplan.api.LaunchPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Job checks' Jobs, watched (only Jobs labelled {@code launchplan.io/check}, one informer per
 * watched namespace): a Job that is created, finishes or is deleted wakes the plan that owns it at
 * once, so a finished check is acted on without a poll, and {@link JobChecks} reads the Jobs from
 * this cache instead of asking the API server on every reconcile.
 */
final class CheckJobWatch {
  private final Map<String, InformerEventSource<Job, LaunchPlan>> sources;

  private CheckJobWatch(Map<String, InformerEventSource<Job, LaunchPlan>> sources) {
    this.sources = sources;
  }

  /** The informers of {@code namespaces} (or {@link Constants#WATCH_ALL_NAMESPACES} alone). */
  static CheckJobWatch of(EventSourceContext<LaunchPlan> ctx, Set<String> namespaces) {
    Map<String, InformerEventSource<Job, LaunchPlan>> sources = new LinkedHashMap<>();
    for (String ns : namespaces) {
      String suffix = ns.equals(Constants.WATCH_ALL_NAMESPACES) ? "" : "-" + ns;
      sources.put(ns, new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, LaunchPlan.class)
          .withName("check-jobs" + suffix)
          .withNamespaces(Set.of(ns))
          .withLabelSelector(JobChecks.CHECK)
          .withSecondaryToPrimaryMapper(CheckJobWatch::owner)
          .build(), ctx));
    }
    return new CheckJobWatch(sources);
  }

  /** The plan a check Job belongs to: the LaunchPlan that controls it. */
  static Set<ResourceID> owner(Job job) {
    if (job.getMetadata().getOwnerReferences() == null) {
      return Set.of();
    }
    return job.getMetadata().getOwnerReferences().stream()
        .filter(o -> "LaunchPlan".equals(o.getKind()) && Boolean.TRUE.equals(o.getController()))
        .map(o -> new ResourceID(o.getName(), job.getMetadata().getNamespace()))
        .collect(Collectors.toSet());
  }

  /** The event sources to register. */
  List<InformerEventSource<Job, LaunchPlan>> eventSources() {
    return List.copyOf(sources.values());
  }

  /** The Job {@code namespace/name} as the watch last saw it, or null. */
  Job job(String namespace, String name) {
    InformerEventSource<Job, LaunchPlan> source = sources.get(namespace);
    if (source == null) {
      source = sources.get(Constants.WATCH_ALL_NAMESPACES);
    }
    return source == null ? null : source.get(new ResourceID(name, namespace)).orElse(null);
  }
}
