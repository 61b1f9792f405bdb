package io.launchplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.Reason.Meaning;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What each status reason means, as one list: the reasons that read as Degraded, that wait in a
 * lane's or a target's queue, that the analysis holds, that a person set, that make way for a new
 * revision. The status carries the names unchanged.
 */
class ReasonTest {

  private static String[] having(Meaning meaning) {
    return Arrays.stream(Reason.values()).filter(r -> r.means(meaning)).map(Reason::name).toArray(String[]::new);
  }

  @Test
  void theseReasonsReadAsDegraded() {
    assertThat(having(Meaning.DEGRADED)).containsExactlyInAnyOrder("InvalidSpec", "TargetNotFound",
        "TargetScaledToZero", "TargetModified", "AnalysisError", "AnalysisPause", "CanaryLost", "InvalidPostmortem",
        "TargetPaused", "PolicyInvalid", "PolicyViolation", "CheckFailed", "CheckInconclusive");
  }

  @Test
  void aPlanWithTheseReasonsWaitsForItsTurnInItsLane() {
    assertThat(having(Meaning.WAITS_IN_LANE)).containsExactlyInAnyOrder("LaneBusy", "Cooldown", "NewRevision",
        "Superseded", "PostmortemAccepted", "Approved", "PolicyConcurrency");
  }

  @Test
  void aPlanWithTheseReasonsWaitsForItsTurnOnItsTarget() {
    assertThat(having(Meaning.WAITS_FOR_TARGET)).containsExactlyInAnyOrder("TargetBusy", "LaneBusy", "Cooldown",
        "NewRevision", "Superseded", "PostmortemAccepted", "EmergencyBypass", "Approved", "PolicyConcurrency");
  }

  @Test
  void theAnalysisHoldsWithTheseReasonsUntilATickPasses() {
    assertThat(having(Meaning.HELD_BY_ANALYSIS)).containsExactlyInAnyOrder("AnalysisPause", "AnalysisError");
  }

  @Test
  void onlyAManualPausePausesAPendingPlan() {
    assertThat(having(Meaning.PAUSED_BY_HAND)).containsExactly("ManualPause");
  }

  @Test
  void onlyASupersededLaunchMakesWayForANewRevision() {
    assertThat(having(Meaning.MAKES_WAY)).containsExactly("Superseded");
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
    assertThat(Reason.is("Waiting", Meaning.WAITS_IN_LANE)).isFalse();
    assertThat(Reason.is(null, Meaning.DEGRADED)).isFalse();
    assertThat(Reason.is("LaneBusy", Meaning.WAITS_IN_LANE)).isTrue();
  }
}
