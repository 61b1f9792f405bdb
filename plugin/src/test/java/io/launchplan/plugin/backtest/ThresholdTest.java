package io.launchplan.plugin.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThresholdTest {
  @Test
  void aRatioAboveANumberIsAThreshold() {
    Threshold t = Threshold.parse("sum(rate(a{code=~\"5..\"}[1m]))\n  / sum(rate(a[1m])) > 0.01").orElseThrow();
    assertThat(t.expr()).isEqualTo("sum(rate(a{code=~\"5..\"}[1m]))\n  / sum(rate(a[1m]))");
    assertThat(t.operator()).isEqualTo(">");
    assertThat(t.value()).isEqualTo(0.01);
    assertThat(t.firesHigh()).isTrue();
  }

  @Test
  void everyOrderingOperatorAndNumberFormCounts() {
    assertThat(Threshold.parse("x >= 5").orElseThrow().operator()).isEqualTo(">=");
    assertThat(Threshold.parse("x < 1e-3").orElseThrow().value()).isEqualTo(0.001);
    Threshold low = Threshold.parse("sum(rate(x[1m])) <= .5 # too little traffic").orElseThrow();
    assertThat(low.operator()).isEqualTo("<=");
    assertThat(low.value()).isEqualTo(0.5);
    assertThat(low.firesHigh()).isFalse();
  }

  @Test
  void comparisonsInsideParenthesesBracesOrStringsAreNotTopLevel() {
    assertThat(Threshold.parse("max(x > 1)")).isEmpty();
    assertThat(Threshold.parse("x{le=\">5\"}")).isEmpty();
    assertThat(Threshold.parse("(x > 1) * 2 > 3").orElseThrow().expr()).isEqualTo("(x > 1) * 2");
    assertThat(Threshold.parse("x{a=\"b\",c!=\"d\"} > 2").orElseThrow().expr()).isEqualTo("x{a=\"b\",c!=\"d\"}");
  }

  @Test
  void setOperatorsBoolTwoComparisonsOrANonNumberAreNotOneThreshold() {
    assertThat(Threshold.parse("x > 1 and y > 2")).isEmpty();
    assertThat(Threshold.parse("x > 1 or y")).isEmpty();
    assertThat(Threshold.parse("x > bool 1")).isEmpty();
    assertThat(Threshold.parse("x > y")).isEmpty();
    assertThat(Threshold.parse("x == 1")).isEmpty();
    assertThat(Threshold.parse("x != 0")).isEmpty();
    assertThat(Threshold.parse("absent(up{job=\"x\"})")).isEmpty();
    assertThat(Threshold.parse("x > 1 < 2")).isEmpty();
    // a metric named like a keyword part is no set operator
    assertThat(Threshold.parse("orders_total > 3")).isPresent();
  }

  @Test
  void suggestionIsTwentyPercentBeyondTheWorstValueRoundedOutwards() {
    Threshold high = Threshold.parse("x > 0.01").orElseThrow();
    assertThat(high.suggest(0.0123)).isEqualTo(0.015); // 0.01476 up to two digits
    assertThat(high.suggest(0.40000000000000596)).isEqualTo(0.48); // PromQL's noise does not round up to 0.49
    assertThat(high.margin(0.015, 0.0123)).isCloseTo(0.0027, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(high.margin(0.01, 0.0123)).isNegative();
    Threshold low = Threshold.parse("x < 10").orElseThrow();
    assertThat(low.suggest(57)).isEqualTo(45); // 45.6 down
    assertThat(low.margin(45, 57)).isEqualTo(12);
  }

  @Test
  void aWorstValueOfZeroKeepsTheCurrentThresholdIfItIsBeyondIt() {
    Threshold high = Threshold.parse("x > 0.01").orElseThrow();
    assertThat(high.suggest(0)).isEqualTo(0.01);
    assertThat(Threshold.parse("x > -1").orElseThrow().suggest(0)).isNull();
    assertThat(Threshold.parse("x < 1").orElseThrow().suggest(0)).isNull();
    assertThat(Threshold.parse("x < -1").orElseThrow().suggest(0)).isEqualTo(-1);
  }
}
