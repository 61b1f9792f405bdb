package io.launchplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  private static final Duration FALLBACK = Duration.ofSeconds(7);

  @Test
  void readsEveryUnitAndTheirSum() {
    assertThat(Durations.parse("30s", FALLBACK)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("500ms", FALLBACK)).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("1h30m", FALLBACK)).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("1h2m3s4ms", FALLBACK)).isEqualTo(Duration.ofMillis(3_723_004));
    assertThat(Durations.parse("0s", FALLBACK)).isZero();
    assertThat(Durations.parse(null, FALLBACK)).isEqualTo(FALLBACK);
    assertThat(Durations.parse(" ", FALLBACK)).isEqualTo(FALLBACK);
  }

  @Test
  void formatReadsBack() {
    for (String text : new String[] {"0s", "500ms", "30s", "2m", "1h30m", "168h", "1h2m3s4ms"}) {
      assertThat(Durations.format(Durations.parse(text, FALLBACK))).isEqualTo(text);
    }
  }

  /** Each of these made the operator throw DateTimeException, NumberFormatException or ArithmeticException. */
  @ParameterizedTest
  @ValueSource(strings = {"10000000000000h", "99999999999999999999s", "9223372036854775807ms", "9999999999999999h",
      "1000000h", "1h1h", "30s1m", "5", "1d", "-5s", "30 seconds", "1.5h"})
  void hugeOrMalformedTextIsAnIllegalArgumentNamingIt(String text) {
    assertThatThrownBy(() -> Durations.parse(text, FALLBACK))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "' is not a duration");
    assertThatThrownBy(() -> Durations.window(text, FALLBACK)).isExactlyInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Durations.interval(text, FALLBACK)).isExactlyInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aVeryLongStoredValueIsShortenedInTheMessage() {
    String text = "9".repeat(5_000) + "h";
    assertThatThrownBy(() -> Durations.window(text, FALLBACK))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(5001 characters)")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @Test
  void theLargestTextTheFormatAllowsCannotOverflowAnInstant() {
    Duration largest = Durations.parse("999999h999999m999999s999999ms", FALLBACK);

    assertThat(largest).isEqualTo(Duration.ofHours(999_999).plusMinutes(999_999).plusSeconds(999_999).plusMillis(999_999));
    assertThat(Instant.parse("2026-12-01T00:00:00Z").plus(largest)).isAfter(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(largest.toNanos()).as("Go's int64 nanoseconds, which CEL duration() reads into").isPositive();
  }

  @Test
  void windowsGoUpTo168h() {
    assertThat(Durations.window("168h", FALLBACK)).isEqualTo(Duration.ofHours(168));
    assertThat(Durations.window("604800s", FALLBACK)).isEqualTo(Duration.ofHours(168));
    assertThat(Durations.window("0s", FALLBACK)).isZero();
    assertThat(Durations.window(null, FALLBACK)).isEqualTo(FALLBACK);
  }

  @ParameterizedTest
  @ValueSource(strings = {"168h1ms", "169h", "604801s", "999999h"})
  void aWindowOverTheMaximumIsRefusedNamingTheBound(String text) {
    assertThatThrownBy(() -> Durations.window(text, FALLBACK))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is longer than the maximum 168h");
  }

  @Test
  void intervalsGoFrom1sTo1h() {
    assertThat(Durations.interval("1s", FALLBACK)).isEqualTo(Duration.ofSeconds(1));
    assertThat(Durations.interval("1000ms", FALLBACK)).isEqualTo(Duration.ofSeconds(1));
    assertThat(Durations.interval("1h", FALLBACK)).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.interval("60m", FALLBACK)).isEqualTo(Duration.ofHours(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "1ms", "999ms"})
  void anIntervalUnderASecondIsRefused(String text) {
    assertThatThrownBy(() -> Durations.interval(text, FALLBACK))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is shorter than the minimum 1s");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1h1ms", "61m", "3601s"})
  void anIntervalOverAnHourIsRefused(String text) {
    assertThatThrownBy(() -> Durations.interval(text, FALLBACK))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is longer than the maximum 1h");
  }

  @Test
  void theSpecAccessorsEnforceTheBounds() {
    CanarySpec canary = new CanarySpec();
    canary.setObserve("10000000000000h");
    assertThatThrownBy(canary::observeOrDefault).isExactlyInstanceOf(IllegalArgumentException.class);
    RolloutSpec rollout = new RolloutSpec();
    rollout.setObserve("200h");
    assertThatThrownBy(rollout::observeOrDefault).hasMessageContaining("maximum 168h");
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setInterval("0s");
    assertThatThrownBy(analysis::intervalOrDefault).hasMessageContaining("minimum 1s");
    AnalysisQuery query = new AnalysisQuery();
    query.setFor("99999999999999999999s");
    assertThatThrownBy(query::forOrZero).isExactlyInstanceOf(IllegalArgumentException.class);
    LaunchPlanSpec spec = new LaunchPlanSpec();
    spec.setCooldown("10000000000000h");
    assertThatThrownBy(spec::cooldownOrZero).isExactlyInstanceOf(IllegalArgumentException.class);
  }
}
