package io.launchplan.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.PostmortemSpec;
import io.launchplan.api.Reason;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The postmortem gate: after a revert, the next revision waits for cause, impact and fix of the reverted one. */
class PostmortemsTest {
  static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");
  static final String REVERTED = "aaaaaaaaaa";
  static final String EARLIER = "cccccccccc";
  static final String ASK = "; add spec.postmortem {revision: aaaaaaaaaa, cause, impact, fix} to launch again";

  private static LaunchPlanStatus status(String lastReverted, String acceptedFor) {
    LaunchPlanStatus s = new LaunchPlanStatus();
    s.setPhase(Phase.Pending);
    s.setQueuedAt(T0.toString());
    s.setLastRevertedRevision(lastReverted);
    s.setPostmortemAcceptedFor(acceptedFor);
    return s;
  }

  private static LaunchPlanSpec spec(PostmortemSpec postmortem) {
    LaunchPlanSpec spec = new LaunchPlanSpec();
    spec.setPostmortem(postmortem);
    return spec;
  }

  private static Gates.Outcome check(LaunchPlanSpec spec, LaunchPlanStatus status) {
    return Gates.check(spec, status, LaneView.alone("shop", "shop", "web", T0), CombinedPolicy.NONE, T0);
  }

  static Stream<Arguments> nothingOwed() {
    PostmortemSpec stale = new PostmortemSpec(EARLIER, "c", "i", "f");
    return Stream.of(
        arguments("never reverted", status(null, null), null),
        arguments("never reverted, a postmortem left in Git", status(null, null), stale),
        arguments("the revert's postmortem was accepted", status(REVERTED, REVERTED), null),
        arguments("accepted, and a later postmortem names something else", status(REVERTED, REVERTED), stale));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nothingOwed")
  void nothingOwedLetsTheLaunchGoOn(String what, LaunchPlanStatus status, PostmortemSpec postmortem) {
    assertThat(check(spec(postmortem), status)).isEqualTo(new Gates.Open(List.of()));
  }

  static Stream<Arguments> owed() {
    return Stream.of(
        arguments("no postmortem", null,
            new Hold(Reason.PostmortemRequired, "revision aaaaaaaaaa was reverted" + ASK, false, null)),
        arguments("an empty placeholder", new PostmortemSpec(),
            new Hold(Reason.PostmortemRequired, "revision aaaaaaaaaa was reverted" + ASK, false, null)),
        arguments("names a revision that never reverted", new PostmortemSpec("bbbbbbbbbb", "c", "i", "f"),
            new Hold(Reason.InvalidPostmortem, "spec.postmortem names revision bbbbbbbbbb, which is not the reverted "
                + "revision aaaaaaaaaa" + ASK, true, null)),
        arguments("names the earlier revert, already covered", new PostmortemSpec(EARLIER, "c", "i", "f"),
            new Hold(Reason.InvalidPostmortem, "spec.postmortem names revision cccccccccc, whose postmortem was already "
                + "accepted; revision aaaaaaaaaa has been reverted since" + ASK, true, null)),
        arguments("no impact and no fix", new PostmortemSpec(REVERTED, "bad cache key", null, null),
            new Hold(Reason.PostmortemRequired, "spec.postmortem for revision aaaaaaaaaa has no impact, fix" + ASK,
                false, null)),
        arguments("a blank cause", new PostmortemSpec(REVERTED, "  ", "5% of checkouts failed", "key by tenant"),
            new Hold(Reason.PostmortemRequired, "spec.postmortem for revision aaaaaaaaaa has no cause" + ASK, false, null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("owed")
  void owedPostmortemHoldsTheLaunch(String what, PostmortemSpec postmortem, Hold expected) {
    assertThat(check(spec(postmortem), status(REVERTED, EARLIER))).isEqualTo(expected);
  }

  @Test
  void completePostmortemNamingTheRevertIsAccepted() {
    PostmortemSpec pm = new PostmortemSpec(REVERTED, " cache key missed the tenant\n", "5% of checkouts failed for 3m",
        "key by tenant; test added");

    assertThat(check(spec(pm), status(REVERTED, EARLIER))).isEqualTo(new Gates.PostmortemAccepted(REVERTED,
        "postmortem for reverted revision aaaaaaaaaa accepted: cause: cache key missed the tenant; "
            + "impact: 5% of checkouts failed for 3m; fix: key by tenant; test added"));
  }

  @Test
  void postmortemComesBeforeTheLane() {
    LaneView busy = new LaneView("shop", "shop", "web", T0, List.of(new LaneView.Member("shop", "other",
        Phase.Observing, "CanaryReady", T0, null, java.time.Duration.ZERO, T0, false, false)));

    Gates.Outcome outcome = Gates.check(spec(null), status(REVERTED, null), busy, CombinedPolicy.NONE, T0);

    assertThat(outcome).isInstanceOfSatisfying(Hold.class, h -> assertThat(h.reason()).isEqualTo(Reason.PostmortemRequired));
  }
}
