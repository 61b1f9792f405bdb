package io.launchplan.cluster;

import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.launchplan.analysis.receiver.PlanWaker;
import io.launchplan.api.LaunchPlan;
import io.launchplan.notify.PlanRef;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Wakes plans on things that arrive from outside the API server: an Alertmanager push (any
 * plan whose alert selectors match) and a change in a plan's notification delivery. A JOSDK
 * event source with no resources of its own; the plans are found in the controller's cache.
 */
final class PushWakeUps extends AbstractEventSource<Void, LaunchPlan> implements PlanWaker {
  private final IndexerResourceCache<LaunchPlan> plans;

  PushWakeUps(IndexerResourceCache<LaunchPlan> plans) {
    super(Void.class, "pushes");
    this.plans = plans;
  }

  @Override
  public boolean running() {
    return isRunning();
  }

  @Override
  public int wake(Predicate<LaunchPlan> which) {
    if (!isRunning()) {
      return 0;
    }
    List<ResourceID> ids = plans.list().filter(which).map(ResourceID::fromResource).toList();
    ids.forEach(id -> getEventHandler().handleEvent(new Event(id)));
    return ids.size();
  }

  void wake(PlanRef plan) {
    if (isRunning()) {
      getEventHandler().handleEvent(new Event(new ResourceID(plan.name(), plan.namespace())));
    }
  }

  @Override
  public Set<Void> getSecondaryResources(LaunchPlan primary) {
    return Set.of();
  }
}
