package io.launchplan.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lane and cooldown gates: one launch at a time per lane, first come first served, and a quiet
 * period after each. Plan {@code shop/web} queued at {@link #T0}; the clock is explicit.
 */
class LaneGateTest {
  static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

  /** The plan being decided: shop/web, created a minute before it queued. */
  private static LaneView lane(LaneView.Member... others) {
    return new LaneView("shop", "shop", "web", T0.minusSeconds(60), List.of(others));
  }

  private static LaneView.Member member(String name, Phase phase, String reason, Instant queuedAt) {
    return new LaneView.Member("shop", name, phase, reason, queuedAt, null, Duration.ZERO, T0.minusSeconds(600), false,
        false);
  }

  private static LaneView.Member ended(String name, Instant endedAt, Duration cooldown) {
    return new LaneView.Member("shop", name, Phase.Succeeded, "Verified", T0.minusSeconds(900), endedAt, cooldown,
        T0.minusSeconds(900), false, false);
  }

  private static LaunchPlanStatus queuedAt(Instant at) {
    LaunchPlanStatus s = new LaunchPlanStatus();
    s.setPhase(Phase.Pending);
    s.setQueuedAt(at.toString());
    return s;
  }

  private static LaunchPlanSpec spec(String cooldown, boolean emergency) {
    LaunchPlanSpec spec = new LaunchPlanSpec();
    spec.setCooldown(cooldown);
    spec.setEmergency(emergency ? true : null);
    return spec;
  }

  private static Gates.Outcome check(LaneView lane, Instant now) {
    return Gates.check(spec(null, false), queuedAt(T0), lane, CombinedPolicy.NONE, now);
  }

  @Test
  void aloneInTheLaneMayStart() {
    assertThat(check(lane(), T0)).isEqualTo(new Gates.Open(List.of()));
  }

  @ParameterizedTest
  @EnumSource(value = Phase.class, names = {"Canary", "Observing", "RollingOut", "Verifying", "Paused", "Reverting"})
  void anActiveLaunchHoldsTheLane(Phase phase) {
    Gates.Outcome outcome = check(lane(member("checkout", phase, "Whatever", T0.minusSeconds(300))), T0);

    assertThat(outcome).isInstanceOfSatisfying(Hold.class, h -> {
      assertThat(h.reason()).isEqualTo(Reason.LaneBusy);
      assertThat(h.message()).isEqualTo("waiting in lane shop: next in line behind shop/checkout (" + phase + ")");
      assertThat(h.warning()).isFalse();
      assertThat(h.retryAt()).as("an event, not a timer, lifts it").isNull();
    });
  }

  static Stream<Arguments> plansThatDoNotHoldTheLane() {
    return Stream.of(
        arguments("Succeeded", member("a", Phase.Succeeded, "Verified", T0.minusSeconds(5))),
        arguments("Reverted", member("a", Phase.Reverted, "AnalysisRevert", T0.minusSeconds(5))),
        arguments("Pending, frozen", member("a", Phase.Pending, "Frozen", T0.minusSeconds(5))),
        arguments("Pending, target missing", member("a", Phase.Pending, "TargetNotFound", T0.minusSeconds(5))),
        arguments("Pending, postmortem owed", member("a", Phase.Pending, "PostmortemRequired", T0.minusSeconds(5))),
        arguments("Pending, spec.paused", member("a", Phase.Pending, "ManualPause", T0.minusSeconds(5))),
        arguments("Pending, invalid spec", member("a", Phase.Pending, "InvalidSpec", T0.minusSeconds(5))),
        arguments("waiting, but queued later", member("a", Phase.Pending, "LaneBusy", T0.plusSeconds(5))),
        arguments("new, created later", new LaneView.Member("shop", "a", null, null, null, null, Duration.ZERO,
            T0.plusSeconds(5), false, false)),
        arguments("emergency, Pending", new LaneView.Member("shop", "a", Phase.Pending, "LaneBusy",
            T0.minusSeconds(5), null, Duration.ZERO, T0.minusSeconds(5), true, false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plansThatDoNotHoldTheLane")
  void planThatIsNotActiveNorAheadInTheQueueLetsItPass(String what, LaneView.Member other) {
    assertThat(check(lane(other), T0)).isEqualTo(new Gates.Open(List.of()));
  }

  static Stream<Arguments> plansAheadInTheQueue() {
    return Stream.of(
        arguments("queued earlier, LaneBusy", member("a", Phase.Pending, "LaneBusy", T0.minusSeconds(5)), "Pending: LaneBusy"),
        arguments("queued earlier, Cooldown", member("a", Phase.Pending, "Cooldown", T0.minusSeconds(5)), "Pending: Cooldown"),
        arguments("queued earlier, new revision", member("a", Phase.Pending, "NewRevision", T0.minusSeconds(5)),
            "Pending: NewRevision"),
        arguments("queued earlier, postmortem just accepted", member("a", Phase.Pending, "PostmortemAccepted",
            T0.minusSeconds(5)), "Pending: PostmortemAccepted"),
        arguments("new, created before this one queued", new LaneView.Member("shop", "a", null, null, null, null,
            Duration.ZERO, T0.minusSeconds(5), false, false), "new"),
        arguments("same queue time, created earlier", new LaneView.Member("shop", "a", Phase.Pending, "LaneBusy", T0,
            null, Duration.ZERO, T0.minusSeconds(3600), false, false), "Pending: LaneBusy"),
        arguments("same queue and creation time, name first", new LaneView.Member("shop", "a", Phase.Pending, "LaneBusy",
            T0, null, Duration.ZERO, T0.minusSeconds(60), false, false), "Pending: LaneBusy"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plansAheadInTheQueue")
  void firstComeFirstServed(String what, LaneView.Member ahead, String shown) {
    Gates.Outcome outcome = check(lane(ahead), T0);

    assertThat(outcome).isInstanceOfSatisfying(Hold.class, h -> {
      assertThat(h.reason()).isEqualTo(Reason.LaneBusy);
      assertThat(h.message()).isEqualTo("waiting in lane shop: 2nd in line behind shop/a (" + shown + ")");
    });
  }

  @Test
  void aPlanWhoseFreezeJustLiftedKeepsItsPlaceAheadOfALaterOne() {
    // shop/a waited through the whole freeze; its status still says Frozen when this plan decides.
    LaneView.Member waitedThroughTheFreeze = new LaneView.Member("shop", "a", Phase.Pending, "Frozen",
        T0.minusSeconds(3600), null, Duration.ZERO, T0.minusSeconds(3600), false, true);
    LaneView.Member stillFrozen = new LaneView.Member("shop", "a", Phase.Pending, "Frozen",
        T0.minusSeconds(3600), null, Duration.ZERO, T0.minusSeconds(3600), false, false);

    assertThat(check(lane(waitedThroughTheFreeze), T0)).isInstanceOfSatisfying(Hold.class, h -> {
      assertThat(h.reason()).isEqualTo(Reason.LaneBusy);
      assertThat(h.message()).isEqualTo("waiting in lane shop: 2nd in line behind shop/a (Pending: Frozen)");
    });
    assertThat(check(lane(stillFrozen), T0)).as("a plan still frozen lets the others pass").isInstanceOf(Gates.Open.class);
  }

  @Test
  void placeInTheQueueCountsOnlyThePlansAhead() {
    LaneView view = lane(
        member("running", Phase.Observing, "CanaryReady", T0.minusSeconds(900)),
        member("first", Phase.Pending, "LaneBusy", T0.minusSeconds(60)),
        member("second", Phase.Pending, "LaneBusy", T0.minusSeconds(30)),
        member("behind", Phase.Pending, "LaneBusy", T0.plusSeconds(30)),
        member("stuck", Phase.Pending, "TargetNotFound", T0.minusSeconds(600)));

    Gates.Outcome outcome = check(view, T0);

    assertThat(outcome).isInstanceOfSatisfying(Hold.class, h -> assertThat(h.message())
        .isEqualTo("waiting in lane shop: 3rd in line behind shop/running (Observing)"));
  }

  @Test
  void twoEmergencyLaunchesRunningAreBothNamed() {
    LaneView view = lane(
        member("a", Phase.Canary, "LaunchStarted", T0.minusSeconds(60)),
        member("b", Phase.Verifying, "RolledOut", T0.minusSeconds(60)));

    assertThat(check(view, T0)).isInstanceOfSatisfying(Hold.class, h -> assertThat(h.message())
        .isEqualTo("waiting in lane shop: next in line behind shop/a (Canary), shop/b (Verifying)"));
  }

  @ParameterizedTest
  @CsvSource({"1, next", "2, 2nd", "3, 3rd", "4, 4th", "11, 11th", "12, 12th", "13, 13th", "21, 21st", "22, 22nd",
      "23, 23rd", "101, 101st", "111, 111th", "112, 112th"})
  void placesReadAsPeopleSayThem(int position, String text) {
    assertThat(LaneGate.place(position)).isEqualTo(text);
  }

  // ---------------------------------------------------------------- Cooldown

  static Stream<Arguments> cooldowns() {
    Duration five = Duration.ofMinutes(5);
    return Stream.of(
        arguments("another plan ended 1m ago, cooldown 5m", lane(ended("a", T0.minusSeconds(60), five)), null,
            T0.plusSeconds(240), "lane shop cools down after the launch of shop/a ended at 2025-01-01T11:59:00Z: "
                + "4m left (cooldown 5m, until 2025-01-01T12:04:00Z)"),
        arguments("the plan's own launch ended 1m ago, its cooldown 5m", lane(), T0.minusSeconds(60),
            T0.plusSeconds(240), "lane shop cools down after the launch of shop/web ended at 2025-01-01T11:59:00Z: "
                + "4m left (cooldown 5m, until 2025-01-01T12:04:00Z)"),
        arguments("an earlier end with a longer cooldown keeps the lane quiet longer",
            lane(ended("a", T0.minusSeconds(60), Duration.ofSeconds(90)), ended("b", T0.minusSeconds(120), five)), null,
            T0.plusSeconds(180), "lane shop cools down after the launch of shop/b ended at 2025-01-01T11:58:00Z: "
                + "3m left (cooldown 5m, until 2025-01-01T12:03:00Z)"),
        arguments("partial seconds round up", lane(ended("a", T0.minusMillis(500), Duration.ofSeconds(2))), null,
            T0.plusMillis(1500), "lane shop cools down after the launch of shop/a ended at 2025-01-01T11:59:59.500Z: "
                + "2s left (cooldown 2s, until 2025-01-01T12:00:01.500Z)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cooldowns")
  void cooldownHoldsUntilItsEnd(String what, LaneView view, Instant ownEnd, Instant until, String message) {
    LaunchPlanStatus status = queuedAt(T0);
    status.setEndedAt(ownEnd == null ? null : ownEnd.toString());

    Gates.Outcome outcome = Gates.check(spec("5m", false), status, view, CombinedPolicy.NONE, T0);

    assertThat(outcome).isEqualTo(new Hold(Reason.Cooldown, message, false, until));
  }

  static Stream<Arguments> quietLanes() {
    return Stream.of(
        arguments("cooldown over", lane(ended("a", T0.minusSeconds(300), Duration.ofMinutes(5)))),
        arguments("no cooldown", lane(ended("a", T0.minusSeconds(1), Duration.ZERO))),
        arguments("nothing ended yet", lane()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quietLanes")
  void quietLaneLetsTheLaunchStart(String what, LaneView view) {
    assertThat(check(view, T0)).isEqualTo(new Gates.Open(List.of()));
  }

  @Test
  void busyLaneIsReportedBeforeItsCooldown() {
    LaneView view = lane(member("a", Phase.Observing, "CanaryReady", T0.minusSeconds(60)),
        ended("b", T0.minusSeconds(10), Duration.ofMinutes(5)));

    assertThat(check(view, T0)).isInstanceOfSatisfying(Hold.class, h -> assertThat(h.reason()).isEqualTo(Reason.LaneBusy));
  }

  // ---------------------------------------------------------------- Emergency

  @Test
  void emergencyPassesABusyCoolingLaneAndSaysWhatItSkipped() {
    LaneView view = lane(member("a", Phase.Observing, "CanaryReady", T0.minusSeconds(60)),
        ended("b", T0.minusSeconds(10), Duration.ofMinutes(5)));

    Gates.Outcome outcome = Gates.check(spec(null, true), queuedAt(T0), view, CombinedPolicy.NONE, T0);

    assertThat(outcome).isInstanceOfSatisfying(Gates.Open.class, open -> assertThat(open.bypassed()).containsExactly(
        "waiting in lane shop: next in line behind shop/a (Observing)",
        "lane shop cools down after the launch of shop/b ended at 2025-01-01T11:59:50Z: 4m50s left "
            + "(cooldown 5m, until 2025-01-01T12:04:50Z)"));
  }

  @Test
  void emergencyInAQuietLaneBypassesNothing() {
    assertThat(Gates.check(spec(null, true), queuedAt(T0), lane(), CombinedPolicy.NONE, T0)).isEqualTo(new Gates.Open(List.of()));
  }

  @Test
  void emergencyStillOwesThePostmortem() {
    LaunchPlanStatus status = queuedAt(T0);
    status.setLastRevertedRevision("aaaaaaaaaa");

    Gates.Outcome outcome = Gates.check(spec(null, true), status, lane(), CombinedPolicy.NONE, T0);

    assertThat(outcome).isInstanceOfSatisfying(Hold.class, h -> assertThat(h.reason()).isEqualTo(Reason.PostmortemRequired));
  }
}
