package io.launchplan.cluster;

import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.launchplan.api.LaunchPlan;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/**
 * LaunchPlans grouped by a key in the controller's in-memory cache: by lane ({@link Lanes}) and
 * by target Deployment ({@link TargetClaims}). Reading a group costs no API call, and each member
 * comes in its freshest known version.
 */
final class PlanIndex {
  static final PlanIndex LANES = new PlanIndex("launchplan-lane", Lanes::of);
  static final PlanIndex TARGETS = new PlanIndex("launchplan-target", TargetClaims::of);

  private final String name;
  private final Function<LaunchPlan, String> key;

  private PlanIndex(String name, Function<LaunchPlan, String> key) {
    this.name = name;
    this.key = key;
  }

  /** The plan's key in this index: its lane, its target Deployment. */
  String keyOf(LaunchPlan plan) {
    return key.apply(plan);
  }

  /** Registers the index on the controller's cache (before it starts). */
  void register(IndexerResourceCache<LaunchPlan> cache) {
    cache.addIndexer(name, p -> List.of(key.apply(p)));
  }

  /** The plans whose key is {@code value}, each in its freshest known version. */
  List<LaunchPlan> members(String value, IndexedResourceCache<LaunchPlan> cache) {
    return cache.byIndex(name, value).stream()
        // get() also sees this operator's own status writes the informer has not delivered yet
        .map(p -> cache.get(ResourceID.fromResource(p)).orElse(p))
        .filter(p -> value.equals(key.apply(p)))
        .toList();
  }

  /** A timestamp from status or metadata, or null when it is absent or unreadable. */
  static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
