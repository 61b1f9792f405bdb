package io.launchplan.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.launch.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A transition is stamped with when its changes were made, not when the reconcile began. */
class StampActedTest {
  private static final Instant DECIDED = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant ACTED = DECIDED.plusMillis(1_700);

  private static LaunchPlanStatus ended(Instant at) {
    LaunchPlanStatus s = new LaunchPlanStatus();
    HistoryEntry earlier = new HistoryEntry(Phase.Verifying, "RolledOut", "m", "r", "2026-12-01T09:00:00Z");
    HistoryEntry now = new HistoryEntry(Phase.Succeeded, "Verified", "m", "r", at.toString());
    s.setHistory(new ArrayList<>(List.of(earlier, now)));
    s.setPhase(Phase.Succeeded);
    s.setPhaseStartedAt(at.toString());
    s.setEndedAt(at.toString());
    return s;
  }

  @Test
  void theTransitionItsPhaseStartAndItsEndTakeTheTimeOfTheAct() {
    LaunchPlanStatus next = ended(DECIDED);
    Decision decision = new Decision(next, List.of(), null, next.getHistory().get(1), false);

    Actuator.stampActed(next, decision, DECIDED, ACTED);

    assertThat(next.getHistory().get(1).getAt()).isEqualTo(ACTED.toString());
    assertThat(next.getHistory().get(0).getAt()).as("older entries keep their time").isEqualTo("2026-12-01T09:00:00Z");
    assertThat(next.getPhaseStartedAt()).isEqualTo(ACTED.toString());
    assertThat(next.getEndedAt()).isEqualTo(ACTED.toString());
  }

  @Test
  void withoutATransitionNothingMoves() {
    LaunchPlanStatus next = ended(DECIDED.minusSeconds(60));
    Decision decision = new Decision(next, List.of(), null, null, false);

    Actuator.stampActed(next, decision, DECIDED, ACTED);

    assertThat(next.getHistory().get(1).getAt()).isEqualTo(DECIDED.minusSeconds(60).toString());
  }
}
