package io.launchplan.plugin;

import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code lanes}: each lane (namespace and lane name) with its active launch, its queue in the operator's
 * order (queuedAt, then creation time, then name) and the cooldown left (pure).
 */
public final class LaneTable {
  /** The operator's queue order in a lane. */
  public static final Comparator<LaunchPlan> QUEUE_ORDER = Comparator
      .comparing((LaunchPlan p) -> instantOrMax(p.getStatus().getQueuedAt()))
      .thenComparing(p -> instantOrMax(p.getMetadata().getCreationTimestamp()))
      .thenComparing(Plans::key);

  private LaneTable() {}

  static Table of(List<LaunchPlan> plans, Instant now) {
    Map<String, List<LaunchPlan>> lanes = plans.stream()
        .collect(Collectors.groupingBy(p -> p.getMetadata().getNamespace() + "\u0000" + Plans.lane(p), TreeMap::new, Collectors.toList()));
    Table table = new Table(List.of("NAMESPACE", "LANE", "ACTIVE", "QUEUE", "COOLDOWN"));
    lanes.forEach((key, members) -> {
      String[] nsLane = key.split("\u0000", 2);
      table.row(List.of(nsLane[0], nsLane[1], PlanTable.dash(active(members)), PlanTable.dash(queue(members)),
          PlanTable.dash(cooldown(members, now))));
    });
    return table;
  }

  static String active(List<LaunchPlan> members) {
    return members.stream().filter(p -> Plans.phase(p) != null && Plans.phase(p).isActive())
        .sorted(Comparator.comparing(Plans::key))
        .map(p -> p.getMetadata().getName() + " (" + Plans.phaseText(p) + ")").collect(Collectors.joining(", "));
  }

  public static String queue(List<LaunchPlan> members) {
    List<LaunchPlan> waiting = members.stream().filter(p -> Plans.phase(p) == Phase.Pending).sorted(QUEUE_ORDER).toList();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < waiting.size(); i++) {
      LaunchPlan p = waiting.get(i);
      String reason = p.getStatus().getReason();
      out.add((i + 1) + ". " + p.getMetadata().getName() + (reason != null ? " (" + reason + ")" : ""));
    }
    return String.join(", ", out);
  }

  /** The longest cooldown still running among the launches that ended, e.g. {@code 3m12s left (after checkout)}. */
  public static String cooldown(List<LaunchPlan> members, Instant now) {
    Instant until = null;
    String after = null;
    for (LaunchPlan p : members) {
      LaunchPlanStatus s = p.getStatus();
      Instant ended = s == null ? null : Ages.parse(s.getEndedAt());
      Duration cooldown = p.getSpec() == null ? Duration.ZERO : p.getSpec().cooldownOrZero();
      if (ended == null || cooldown.isZero()) {
        continue;
      }
      Instant end = ended.plus(cooldown);
      if (end.isAfter(now) && (until == null || end.isAfter(until))) {
        until = end;
        after = p.getMetadata().getName();
      }
    }
    return until == null ? "" : Ages.format(Duration.between(now, until)) + " left (after " + after + ")";
  }

  private static Instant instantOrMax(String rfc3339) {
    Instant at = Ages.parse(rfc3339);
    return at == null ? Instant.MAX : at;
  }
}
