package io.launchplan.launch;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlanStatus;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of one decision: the status to write, the cluster changes to make first, and when
 * to look again.
 *
 * @param status the new status (a copy; the input status is never modified)
 * @param effects cluster changes, in order
 * @param requeueAfter when to reconcile again at the latest, or null to wait for a watch event
 * @param transition the history entry added by this decision, or null when nothing moved
 * @param warning whether the transition is bad news (a Warning event rather than Normal)
 */
public record Decision(
    LaunchPlanStatus status,
    List<Effect> effects,
    Duration requeueAfter,
    HistoryEntry transition,
    boolean warning) {}
