package io.launchplan.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void padsColumnsToTheWidestCellThreeSpacesApartWithoutTrailingBlanks() {
    Table t = new Table(List.of("NAME", "PHASE", "HELD BY"))
        .row(List.of("checkout", "Observing", ""))
        .row(List.of("search", "Pending", "spec.paused"));
    assertThat(t.render()).isEqualTo("""
        NAME       PHASE       HELD BY
        checkout   Observing
        search     Pending     spec.paused
        """);
    assertThat(t.render(false)).doesNotContain("NAME");
  }

  @Test
  void batchesOfAWatchKeepTheColumnsOfTheFirst() {
    int[] widths = new int[2];
    String first = new Table(List.of("NAME", "PHASE")).row(List.of("checkout", "RollingOut")).render(true, widths);
    String next = new Table(List.of("NAME", "PHASE")).row(List.of("web", "Canary")).render(false, widths);
    String wider = new Table(List.of("NAME", "PHASE")).row(List.of("a-much-longer-name", "Succeeded")).render(false, widths);
    assertThat(first + next + wider).isEqualTo("""
        NAME       PHASE
        checkout   RollingOut
        web        Canary
        a-much-longer-name   Succeeded
        """);
    assertThat(widths).containsExactly(18, 10);
  }

  @Test
  void aRowOfTheWrongWidthIsABug() {
    assertThatThrownBy(() -> new Table(List.of("A", "B")).row(List.of("x"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void newlinesInACellStayOnOneLine() {
    assertThat(new Table(List.of("A")).row(List.of("x\ny")).render()).isEqualTo("A\nx y\n");
  }
}
