package io.launchplan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassHistogramTest {
  private static final String JCMD = """
      12345:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:        120000        9600000  [B (java.base@17.0.15)
         2:        100000        2400000  java.lang.String (java.base@17.0.15)
         3:         10000         800000  io.launchplan.api.LaunchPlan
      Total        230000       12800000
      """;

  @Test
  void readsRowsInOrderAndTheTotal() {
    ClassHistogram h = ClassHistogram.parse(JCMD);
    assertThat(h.top(2)).extracting(ClassHistogram.Row::className).containsExactly("[B", "java.lang.String");
    assertThat(h.top(10)).hasSize(3);
    assertThat(h.totalBytes()).isEqualTo(12_800_000);
    assertThat(h.totalInstances()).isEqualTo(230_000);
    var first = h.report(1).get(0);
    assertThat(first).containsEntry("class", "[B").containsEntry("instances", 120000L).containsEntry("share", 0.75);
    assertThat((Double) first.get("mb")).isEqualTo(9.2);
  }

  @Test
  void withoutTotalLineSumsTheRows() {
    ClassHistogram h = ClassHistogram.parse("   1:   2   30  a.B\n   2:   1   10  c.D\n");
    assertThat(h.totalBytes()).isEqualTo(40);
    assertThat(h.totalInstances()).isEqualTo(3);
  }
}
