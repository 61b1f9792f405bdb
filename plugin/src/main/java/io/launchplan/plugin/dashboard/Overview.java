package io.launchplan.plugin.dashboard;

import io.launchplan.api.CanaryStatus;
import io.launchplan.api.FreezeStatus;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.WindowStatus;
import io.launchplan.plugin.LaneTable;
import io.launchplan.plugin.Plans;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The overview's rows: each plan with what a person watching the lanes wants to see, grouped by lane (pure). */
final class Overview {
  private Overview() {}

  /** One plan on the overview. */
  record Row(String key, String namespace, String name, String lane, String phase, String step, String reason,
      String message, String heldBy, Integer queuePlace, String freeze, String window, String revision,
      String inPhase, String phaseStartedAt, String cooldown) {}

  /** One lane: namespace and lane name, its plans in the operator's queue order after the active ones. */
  record Lane(String key, String namespace, String lane, List<Row> rows) {}

  /** The lane key of a plan, as the operator groups lanes: the namespace and the lane's name. */
  static String laneKey(LaunchPlan plan) {
    return plan.getMetadata().getNamespace() + "/" + Plans.lane(plan);
  }

  static List<Lane> lanes(List<LaunchPlan> plans, Instant now) {
    return lanes(plans, null, now);
  }

  /** The lanes (all of them, or only those whose key is in {@code only}), sorted by key. */
  static List<Lane> lanes(List<LaunchPlan> plans, Set<String> only, Instant now) {
    Map<String, List<LaunchPlan>> byLane = plans.stream().filter(p -> only == null || only.contains(laneKey(p)))
        .collect(Collectors.groupingBy(Overview::laneKey, TreeMap::new, Collectors.toList()));
    List<Lane> lanes = new ArrayList<>();
    byLane.forEach((key, members) -> lanes.add(lane(key, members, now)));
    return lanes;
  }

  private static Lane lane(String key, List<LaunchPlan> members, Instant now) {
    List<LaunchPlan> waiting = members.stream().filter(p -> Plans.phase(p) == Phase.Pending).sorted(LaneTable.QUEUE_ORDER).toList();
    String cooldown = LaneTable.cooldown(members, now);
    List<Row> rows = members.stream().sorted(Comparator.comparing(Overview::order)
            .thenComparing(p -> waiting.indexOf(p)).thenComparing(Plans::key))
        .map(p -> row(p, waiting.indexOf(p) < 0 ? null : waiting.indexOf(p) + 1, cooldown, now)).toList();
    LaunchPlan first = members.get(0);
    return new Lane(key, first.getMetadata().getNamespace(), Plans.lane(first), rows);
  }

  /** Active launches first, then the queue, then the ended ones. */
  private static int order(LaunchPlan p) {
    Phase phase = Plans.phase(p);
    return phase == null ? 1 : phase.isActive() ? 0 : phase == Phase.Pending ? 1 : 2;
  }

  static Row row(LaunchPlan p, Integer queuePlace, String laneCooldown, Instant now) {
    LaunchPlanStatus s = p.getStatus();
    FreezeStatus f = s == null ? null : s.getFreeze();
    WindowStatus w = s == null ? null : s.getWindow();
    return new Row(Plans.key(p), p.getMetadata().getNamespace(), p.getMetadata().getName(), Plans.lane(p), Plans.phaseText(p),
        step(p), s == null ? null : s.getReason(), s == null ? null : s.getMessage(), Plans.holder(p), queuePlace,
        f == null ? null : f.getBy() + ": " + f.getReason() + " (since " + f.getSince() + ")",
        w == null ? null : w.getReason() + (w.getNextOpen() != null ? "; opens " + w.getNextOpen() : "") + " (policy " + w.getPolicy() + ")",
        s == null ? null : s.getRevision(), Plans.inPhase(p, now), s == null ? null : s.getPhaseStartedAt(),
        Plans.phase(p) == Phase.Pending && "Cooldown".equals(s.getReason()) ? laneCooldown : null);
  }

  /** Where in the launch it stands: the canary's readiness while there is one, else the phase's place in the procedure. */
  static String step(LaunchPlan p) {
    Phase phase = Plans.phase(p);
    if (phase == null) {
      return "";
    }
    CanaryStatus c = p.getStatus().getCanary();
    String canary = c == null || c.getSummary() == null ? "" : " (canary " + c.getSummary() + ")";
    return switch (phase) {
      case Pending -> "waiting";
      case Canary -> "1/4 canary starting" + canary;
      case Observing -> "2/4 canary observed" + canary;
      case RollingOut -> "3/4 rolling out";
      case Verifying -> "4/4 verifying";
      case Paused -> "paused in " + p.getStatus().getPausedFrom() + canary;
      case Reverting -> "reverting";
      case Succeeded, Reverted -> "ended";
    };
  }
}
