package io.launchplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {
  @Test
  void shortTextIsKeptAsItIs() {
    assertThat(Texts.bounded("INC-42 payments outage", 64)).isEqualTo("INC-42 payments outage");
    assertThat(Texts.bounded(null, 64)).isNull();
    assertThat(Texts.bounded("x".repeat(64), 64)).hasSize(64);
  }

  @Test
  void longTextIsCutWithAMarkerAndStaysWithinTheBound() {
    String cut = Texts.bounded("a".repeat(200 * 1024), 512);

    assertThat(cut).hasSizeLessThanOrEqualTo(512).startsWith("aaaa")
        .matches("a+…\\(204288 more characters cut, sha256:[0-9a-f]{12}\\)");
  }

  @Test
  void twoLongValuesThatDifferOnlyPastTheCutStayDifferent() {
    String head = "p99 doubled ".repeat(100);

    assertThat(Texts.value(head + "first")).isNotEqualTo(Texts.value(head + "second"));
    assertThat(Texts.value(head + "first")).as("the same value cuts the same way").isEqualTo(Texts.value(head + "first"));
  }

  @Test
  void aSurrogatePairIsNeverSplit() {
    String cut = Texts.bounded("😀".repeat(1000), 100);

    assertThat(Character.isHighSurrogate(cut.charAt(cut.indexOf('…') - 1))).isFalse();
  }
}
