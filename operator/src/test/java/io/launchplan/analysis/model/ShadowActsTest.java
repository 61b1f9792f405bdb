package io.launchplan.analysis.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.Action;
import io.launchplan.api.CheckMode;
import io.launchplan.api.QueryStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShadowActsTest {
  private static QueryStatus shadow(String name, Action wouldHave) {
    QueryStatus s = new QueryStatus(name, null, wouldHave != null, null, null);
    s.setMode(CheckMode.Shadow);
    if (wouldHave != null) {
      s.setWouldHave(wouldHave);
      s.setWouldHaveAt("2026-12-01T12:00:00Z");
    }
    return s;
  }

  @Test
  void aShadowCheckCountsOnceWhenItFirstWouldHaveActed() {
    assertThat(ShadowActs.newlyActing(List.of(shadow("a", null)), List.of(shadow("a", Action.Revert))))
        .containsExactly(Action.Revert);
    assertThat(ShadowActs.newlyActing(List.of(shadow("a", Action.Revert)), List.of(shadow("a", Action.Revert))))
        .isEmpty();
    assertThat(ShadowActs.newlyActing(null, List.of(shadow("a", Action.Pause), new QueryStatus("b", "1", true, null, null))))
        .containsExactly(Action.Pause);
  }
}
