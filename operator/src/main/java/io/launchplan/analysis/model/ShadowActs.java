package io.launchplan.analysis.model;

import io.launchplan.api.Action;
import io.launchplan.api.QueryStatus;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Which shadow checks would have acted for the first time in a launch with this tick (for the metric). */
public final class ShadowActs {
  private ShadowActs() {}

  /**
   * The actions of the shadow checks whose {@code wouldHaveAt} is set in {@code after} and was not in
   * {@code before} (the statuses of the last tick; null or empty at a launch's first tick).
   */
  public static List<Action> newlyActing(List<QueryStatus> before, List<QueryStatus> after) {
    Set<String> already = before == null ? Set.of() : before.stream()
        .filter(s -> s != null && s.shadow() && s.getWouldHaveAt() != null).map(QueryStatus::getName)
        .collect(Collectors.toSet());
    return after.stream().filter(s -> s != null && s.shadow() && s.getWouldHaveAt() != null)
        .filter(s -> !already.contains(s.getName())).map(QueryStatus::getWouldHave).filter(Objects::nonNull).toList();
  }
}
