package io.launchplan.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrafficAnnotationsTest {

  private final List<String> malformed = new ArrayList<>();

  private Optional<TrafficProfile> parse(Map<String, String> annotations) {
    return TrafficAnnotations.parse(
        annotations, (annotation, value, expected) -> malformed.add(annotation + "=" + value));
  }

  @Test
  void podWithoutRpsAnnotationIsNotSimulated() {
    assertThat(parse(Map.of(TrafficAnnotations.ERROR_RATIO, "0.5"))).isEmpty();
    assertThat(parse(null)).isEmpty();
    assertThat(malformed).isEmpty();
  }

  @Test
  void rpsAloneUsesDefaultErrorRatioAndLatency() {
    assertThat(parse(Map.of(TrafficAnnotations.RPS, "10")))
        .contains(new TrafficProfile(10, 0, 0.05));
  }

  @Test
  void allAnnotationsAreRead() {
    Optional<TrafficProfile> profile =
        parse(
            Map.of(
                TrafficAnnotations.RPS, "2.5",
                TrafficAnnotations.ERROR_RATIO, "0.1",
                TrafficAnnotations.LATENCY_MS, "250"));

    assertThat(profile).isPresent();
    assertThat(profile.get().requestsPerSecond()).isEqualTo(2.5);
    assertThat(profile.get().errorRatio()).isEqualTo(0.1);
    assertThat(profile.get().meanLatencySeconds()).isCloseTo(0.25, within(1e-12));
    assertThat(malformed).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1e3", " 7 ", "+3", ".5", "5."})
  void plainNumbersAreAcceptedForRps(String value) {
    assertThat(parse(Map.of(TrafficAnnotations.RPS, value))).isPresent();
    assertThat(malformed).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-1", "NaN", "Infinity", "1e999", "", "1d", "0x10", "10rps"})
  void malformedRpsIsTreatedAsNotAnnotatedAndReported(String value) {
    assertThat(parse(Map.of(TrafficAnnotations.RPS, value))).isEmpty();
    assertThat(malformed).containsExactly(TrafficAnnotations.RPS + "=" + value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.5", "-0.1", "abc", "NaN"})
  void malformedErrorRatioFallsBackToZero(String value) {
    Optional<TrafficProfile> profile =
        parse(Map.of(TrafficAnnotations.RPS, "10", TrafficAnnotations.ERROR_RATIO, value));

    assertThat(profile).contains(new TrafficProfile(10, 0, 0.05));
    assertThat(malformed).containsExactly(TrafficAnnotations.ERROR_RATIO + "=" + value);
  }

  @Test
  void errorRatioBoundsAreInclusive() {
    assertThat(parse(Map.of(TrafficAnnotations.RPS, "1", TrafficAnnotations.ERROR_RATIO, "1")))
        .contains(new TrafficProfile(1, 1, 0.05));
    assertThat(malformed).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-5", "slow", "Infinity"})
  void malformedLatencyFallsBackToFiftyMilliseconds(String value) {
    Optional<TrafficProfile> profile =
        parse(Map.of(TrafficAnnotations.RPS, "10", TrafficAnnotations.LATENCY_MS, value));

    assertThat(profile).contains(new TrafficProfile(10, 0, 0.05));
    assertThat(malformed).containsExactly(TrafficAnnotations.LATENCY_MS + "=" + value);
  }

  @Test
  void otherAnnotationsAreNotCheckedWhenThePodIsNotSimulated() {
    assertThat(parse(Map.of(TrafficAnnotations.RPS, "x", TrafficAnnotations.ERROR_RATIO, "y")))
        .isEmpty();
    assertThat(malformed).containsExactly(TrafficAnnotations.RPS + "=x");
  }
}
