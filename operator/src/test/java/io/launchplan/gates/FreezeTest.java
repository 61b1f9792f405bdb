package io.launchplan.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.FreezeStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the freeze's "since" is kept in status. */
class FreezeTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Instant LATER = T0.plusSeconds(600);

  @Test
  void aNewFreezeStartsNowWhenItsSourceCannotTell() {
    assertThat(Freeze.tracked(null, new Freeze("namespace shop", "INC-42", null), T0))
        .isEqualTo(new FreezeStatus("namespace shop", "INC-42", "2025-03-01T10:00:00Z"));
  }

  @Test
  void aNewFreezeTakesTheSourcesOwnStart() {
    Instant alertStart = T0.minusSeconds(90);
    assertThat(Freeze.tracked(null, new Freeze("alert IncidentOpen{}", "firing", alertStart), T0).getSince())
        .isEqualTo(alertStart.toString());
  }

  @Test
  void theSameFreezeKeepsItsSinceAcrossReconcilesAndRestarts() {
    FreezeStatus first = Freeze.tracked(null, new Freeze("cluster config ops/cfg", "INC-7", T0), T0);
    // A restarted operator first sees the annotation later and reports that as its own since.
    FreezeStatus again = Freeze.tracked(first, new Freeze("cluster config ops/cfg", "INC-7", LATER), LATER);
    assertThat(again.getSince()).isEqualTo(T0.toString());
  }

  @Test
  void aHugeReasonIsCutOnceAndTheSameHugeFreezeKeepsItsSince() {
    String reason = "INC-42 ".repeat(30_000); // ~210 KB in an annotation
    FreezeStatus first = Freeze.tracked(null, new Freeze("namespace shop", reason, null), T0);
    FreezeStatus again = Freeze.tracked(first, new Freeze("namespace shop", reason, null), LATER);

    assertThat(first.getReason()).hasSizeLessThanOrEqualTo(512).startsWith("INC-42 INC-42").contains("more characters cut");
    assertThat(Freeze.describe(first)).hasSizeLessThan(1024);
    assertThat(again.getSince()).isEqualTo(T0.toString());
  }

  @Test
  void aChangedReasonOrSourceIsANewFreeze() {
    FreezeStatus first = Freeze.tracked(null, new Freeze("namespace shop", "INC-42", null), T0);
    assertThat(Freeze.tracked(first, new Freeze("namespace shop", "INC-43", null), LATER).getSince())
        .isEqualTo(LATER.toString());
    assertThat(Freeze.tracked(first, new Freeze("LaunchPlan web", "INC-42", null), LATER).getSince())
        .isEqualTo(LATER.toString());
  }

  @Test
  void noFreezeClearsIt() {
    FreezeStatus first = Freeze.tracked(null, new Freeze("namespace shop", "INC-42", null), T0);
    assertThat(Freeze.tracked(first, null, LATER)).isNull();
  }

  @Test
  void aSourceTimeInTheFutureIsNotBelieved() {
    assertThat(Freeze.tracked(null, new Freeze("alert X{}", "firing", LATER), T0).getSince()).isEqualTo(T0.toString());
  }

  @Test
  void describeSaysWhoWhyAndSince() {
    assertThat(Freeze.describe(new FreezeStatus("namespace shop", "INC-42", T0.toString())))
        .isEqualTo("namespace shop: INC-42 (since 2025-03-01T10:00:00Z)");
    assertThat(Freeze.describe(null)).isNull();
  }
}
