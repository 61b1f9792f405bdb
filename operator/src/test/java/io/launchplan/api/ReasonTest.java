package io.launchplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What each status reason means, as one list: the reasons that read as Degraded, that wait in a
 * lane's or a target's queue, that the analysis holds, that a person set, that make way for a new
 * revision. The status carries the names unchanged.
 */
class ReasonTest {

  private static String[] having(Predicate<Reason> meaning) {
    return Arrays.stream(Reason.values()).filter(meaning).map(Reason::name).toArray(String[]::new);
  }

  @Test
  void theseReasonsReadAsDegraded() {
    assertThat(having(Reason::degraded)).containsExactlyInAnyOrder("InvalidSpec", "TargetNotFound",
        "TargetScaledToZero", "TargetModified", "AnalysisError", "AnalysisPause", "CanaryLost", "InvalidPostmortem",
        "TargetPaused");
  }

  @Test
  void aPlanWithTheseReasonsWaitsForItsTurnInItsLane() {
    assertThat(having(Reason::waitsInLane)).containsExactlyInAnyOrder("LaneBusy", "Cooldown", "NewRevision",
        "Superseded", "PostmortemAccepted");
  }

  @Test
  void aPlanWithTheseReasonsWaitsForItsTurnOnItsTarget() {
    assertThat(having(Reason::waitsForTarget)).containsExactlyInAnyOrder("TargetBusy", "LaneBusy", "Cooldown",
        "NewRevision", "Superseded", "PostmortemAccepted", "EmergencyBypass");
  }

  @Test
  void theAnalysisHoldsWithTheseReasonsUntilATickPasses() {
    assertThat(having(Reason::heldByAnalysis)).containsExactlyInAnyOrder("AnalysisPause", "AnalysisError");
  }

  @Test
  void onlyAManualPausePausesAPendingPlan() {
    assertThat(having(Reason::pausedByHand)).containsExactly("ManualPause");
  }

  @Test
  void onlyASupersededLaunchMakesWayForANewRevision() {
    assertThat(having(Reason::makesWay)).containsExactly("Superseded");
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void theStatusCarriesTheNameAndReadsBackAsTheSameReason(Reason reason) {
    assertThat(Reason.of(reason.name())).isSameAs(reason);
  }

  @Test
  void anUnknownOrMissingReasonMeansNothing() {
    assertThat(Reason.of(null)).isNull();
    assertThat(Reason.of("Waiting")).isNull();
    assertThat(Reason.is("Waiting", Reason::waitsInLane)).isFalse();
    assertThat(Reason.is(null, Reason::degraded)).isFalse();
    assertThat(Reason.is("LaneBusy", Reason::waitsInLane)).isTrue();
  }
}
