package io.launchplan.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.HistoryEntry;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoticeCursorTest {
  static final String T1 = "2025-01-01T12:00:01Z";
  static final String T2 = "2025-01-01T12:00:02.5Z";
  static final String T3 = "2025-01-01T12:00:03.000123Z";
  static final String T4 = "2025-01-01T12:00:04Z";

  static HistoryEntry at(String at, Phase phase, String reason) {
    return new HistoryEntry(phase, reason, "", "5d8c7f9b", at);
  }

  static final List<HistoryEntry> LAUNCH = List.of(at(T1, Phase.Canary, "LaunchStarted"),
      at(T2, Phase.Observing, "CanaryReady"), at(T3, Phase.Reverting, "AnalysisRevert"), at(T4, Phase.Reverted, "Restored"));

  static LaunchPlanStatus status(String mark, List<HistoryEntry> history) {
    LaunchPlanStatus s = new LaunchPlanStatus();
    s.setNotifiedThrough(mark);
    s.setHistory(new ArrayList<>(history));
    return s;
  }

  @Test
  void aNewPlanOwesEveryEntry() {
    assertThat(NoticeCursor.start(null)).isEqualTo(NoticeCursor.NONE);
    assertThat(NoticeCursor.start(status(null, List.of()))).isEqualTo(NoticeCursor.NONE);
    assertThat(NoticeCursor.owed(LAUNCH, NoticeCursor.NONE)).isEqualTo(LAUNCH);
  }

  @Test
  void aPlanWrittenBeforeTheFieldExistedOwesNothingOld() {
    String mark = NoticeCursor.start(status(null, LAUNCH));
    assertThat(mark).isEqualTo(T4);
    assertThat(NoticeCursor.owed(LAUNCH, mark)).isEmpty();
  }

  @Test
  void anUnreadableMarkCountsAsMissing() {
    assertThat(NoticeCursor.start(status("yesterday", LAUNCH))).isEqualTo(T4);
  }

  @Test
  void theEntriesAfterTheMarkAreOwed() {
    assertThat(NoticeCursor.start(status(T2, LAUNCH))).isEqualTo(T2);
    assertThat(NoticeCursor.owed(LAUNCH, T2)).isEqualTo(LAUNCH.subList(2, 4));
    assertThat(NoticeCursor.owed(LAUNCH, T4)).isEmpty();
  }

  @Test
  void entriesAfterAMarkThatFellOffTheHistoryAreFoundByTime() {
    // the history is capped: the marked entry is gone, the later ones are owed, the earlier ones not
    assertThat(NoticeCursor.owed(LAUNCH, "2025-01-01T12:00:02Z")).isEqualTo(LAUNCH.subList(1, 4));
    assertThat(NoticeCursor.owed(LAUNCH, "2025-01-01T11:00:00Z")).isEqualTo(LAUNCH);
  }

  @Test
  void theMarkIsFoundByPositionSoAClockThatWentBackDoesNotHideAnEntry() {
    // a new leader whose clock is behind the old one's records an entry "before" the mark
    List<HistoryEntry> skewed = List.of(at(T3, Phase.Canary, "LaunchStarted"), at(T2, Phase.Reverting, "Aborted"));
    assertThat(NoticeCursor.owed(skewed, T3)).containsExactly(skewed.get(1));
  }

  @Test
  void theMarkMovesOverSettledEntriesInOrderAndStopsAtTheFirstUnsettled() {
    Set<String> settled = Set.of(T1, T2, T4);
    assertThat(NoticeCursor.advance(LAUNCH, NoticeCursor.NONE, e -> settled.contains(e.getAt()))).isEqualTo(T2);
    assertThat(NoticeCursor.advance(LAUNCH, T2, e -> settled.contains(e.getAt()))).isEqualTo(T2);
    assertThat(NoticeCursor.advance(LAUNCH, T2, e -> true)).isEqualTo(T4);
    assertThat(NoticeCursor.advance(LAUNCH, NoticeCursor.NONE, e -> false)).isEqualTo(NoticeCursor.NONE);
  }

  @Test
  void entriesSharingAnInstantAreMarkedTogether() {
    // one decision can add two entries with the same "at": marking the first would skip the second
    List<HistoryEntry> history = List.of(at(T1, Phase.Canary, "LaunchStarted"), at(T2, Phase.Paused, "PromoteIgnored"),
        at(T2, Phase.Reverting, "Aborted"), at(T3, Phase.Reverted, "Restored"));
    assertThat(NoticeCursor.advance(history, NoticeCursor.NONE, e -> !"Aborted".equals(e.getReason()))).isEqualTo(T1);
    assertThat(NoticeCursor.advance(history, NoticeCursor.NONE, e -> !"Restored".equals(e.getReason()))).isEqualTo(T2);
    assertThat(NoticeCursor.owed(history, T2)).containsExactly(history.get(3));
  }

  @Test
  void keysTellEntriesApart() {
    assertThat(NoticeCursor.key(LAUNCH.get(0))).isNotEqualTo(NoticeCursor.key(at(T1, Phase.Reverting, "Aborted")))
        .isEqualTo(NoticeCursor.key(at(T1, Phase.Canary, "LaunchStarted")));
  }
}
