package io.launchplan.cluster;

import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.Phase;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Wakes plans on changes of other LaunchPlans that JOSDK does not deliver by itself: it filters
 * out updates of a plan that leave its generation unchanged (status and metadata only).
 *
 * <ul>
 *   <li>A plan's phase, reason, queue time, end time, lane, cooldown or emergency flag changes,
 *       or it is deleted: the waiting (Pending or new) plans of its lane look again, at once. So a
 *       launch that ends hands the lane over without a timer, and places in the queue move.
 *   <li>A plan's phase, reason, queue time or target changes, or it is deleted: the waiting plans
 *       of its target Deployment ({@link TargetClaims}) look again, at once, the same way.
 *   <li>A plan's phase, reason, queue time or end time changes, or it is deleted: the plans of any
 *       lane waiting for a LaunchPolicy's launch slot ({@code PolicyConcurrency}) look again.
 *   <li>A plan's {@code launchplan.io/promote}, {@code abort} or {@code freeze} annotation
 *       changes: that plan looks again, at once.
 * </ul>
 *
 * JOSDK hands every event of the controller's own informer to event sources that are
 * {@link ResourceEventAware}, after the informer's cache has the new version, so a woken plan
 * sees the change. No resources of its own, no API calls.
 */
final class LaneWakeUps extends AbstractEventSource<Void, LaunchPlan> implements ResourceEventAware<LaunchPlan> {
  private static final Set<String> CONTROL_ANNOTATIONS = Set.of(Labels.PROMOTE, Labels.ABORT, Labels.FREEZE);

  private final IndexerResourceCache<LaunchPlan> plans;

  LaneWakeUps(IndexerResourceCache<LaunchPlan> plans) {
    super(Void.class, "lanes");
    this.plans = plans;
  }

  @Override
  public void onResourceUpdated(LaunchPlan now, LaunchPlan before) {
    if (!isRunning() || before == null) {
      return;
    }
    if (controlsChanged(before, now)) {
      getEventHandler().handleEvent(new Event(ResourceID.fromResource(now)));
    }
    if (Lanes.laneStateChanged(before, now)) {
      wakeMoved(PlanIndex.LANES, before, now);
    }
    if (TargetClaims.stateChanged(before, now)) {
      wakeMoved(PlanIndex.TARGETS, before, now);
    }
    if (Lanes.laneStateChanged(before, now)) {
      wakeSlotWaiters(now);
    }
  }

  @Override
  public void onResourceDeleted(LaunchPlan gone) {
    if (isRunning()) {
      wakeWaiting(PlanIndex.LANES, gone, gone);
      wakeWaiting(PlanIndex.TARGETS, gone, gone);
      wakeSlotWaiters(gone);
    }
  }

  /**
   * Wakes the plans, of any lane, that wait for a launch slot of a LaunchPolicy
   * ({@code maxConcurrentLaunches}), except {@code changed}: a launch that ends or a plan that leaves
   * their queue may free one. Each looks again and finds out whether it is its policy's.
   */
  private void wakeSlotWaiters(LaunchPlan changed) {
    ResourceID self = ResourceID.fromResource(changed);
    plans.list().filter(PolicyQueues::waitsForSlot).map(ResourceID::fromResource)
        .filter(id -> !id.equals(self))
        .forEach(id -> getEventHandler().handleEvent(new Event(id)));
  }

  /** Wakes the waiting plans of {@code now}'s group in {@code index}, and of {@code before}'s when it left it. */
  private void wakeMoved(PlanIndex index, LaunchPlan before, LaunchPlan now) {
    wakeWaiting(index, now, now);
    if (!index.keyOf(before).equals(index.keyOf(now))) {
      wakeWaiting(index, before, now);
    }
  }

  /**
   * Wakes the plans of {@code member}'s group in {@code index} (its lane, its target) that wait to
   * launch, except {@code changed}.
   */
  private void wakeWaiting(PlanIndex index, LaunchPlan member, LaunchPlan changed) {
    ResourceID self = ResourceID.fromResource(changed);
    index.members(index.keyOf(member), plans).stream()
        .filter(p -> p.getStatus() == null || p.getStatus().getPhase() == null
            || p.getStatus().getPhase() == Phase.Pending)
        .map(ResourceID::fromResource)
        .filter(id -> !id.equals(self))
        .forEach(id -> getEventHandler().handleEvent(new Event(id)));
  }

  private static boolean controlsChanged(LaunchPlan before, LaunchPlan now) {
    Map<String, String> b = before.getMetadata().getAnnotations();
    Map<String, String> a = now.getMetadata().getAnnotations();
    return CONTROL_ANNOTATIONS.stream().anyMatch(k -> !Objects.equals(b == null ? null : b.get(k), a == null ? null : a.get(k)));
  }

  @Override
  public Set<Void> getSecondaryResources(LaunchPlan primary) {
    return Set.of();
  }
}
