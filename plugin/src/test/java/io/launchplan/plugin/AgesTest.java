package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgesTest {
  @ParameterizedTest(name = "{0}s is {1}")
  @CsvSource({
      "0, 0s", "59, 59s", "119, 119s", "120, 2m", "125, 2m5s", "599, 9m59s", "600, 10m", "10799, 179m",
      "10800, 3h", "11100, 3h5m", "28800, 8h", "172799, 47h", "172800, 2d", "180000, 2d2h", "691200, 8d", "-5, 0s"})
  void formatsDurationsLikeKubectl(long seconds, String text) {
    assertThat(Ages.format(Duration.ofSeconds(seconds))).isEqualTo(text);
  }

  @Test
  void anAbsentOrBadTimeIsUnknown() {
    Instant now = Instant.parse("2026-12-01T12:00:00Z");
    assertThat(Ages.since(null, now)).isEqualTo("<unknown>");
    assertThat(Ages.since("yesterday", now)).isEqualTo("<unknown>");
    assertThat(Ages.since("2026-12-01T11:58:30Z", now)).isEqualTo("90s");
  }
}
