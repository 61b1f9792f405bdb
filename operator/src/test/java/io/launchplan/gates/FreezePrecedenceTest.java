package io.launchplan.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.gates.FreezePrecedence.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which freeze holds a plan, and whether it holds it: the most specific source wins; an emergency goes through. */
class FreezePrecedenceTest {
  private static Freeze from(Source source) {
    return new Freeze(source.name().toLowerCase(), "INC-42", Instant.EPOCH);
  }

  @ParameterizedTest(name = "frozen by {0}: {1} wins")
  @CsvSource(nullValues = "none", value = {
      "PLAN NAMESPACE CONFIG ALERT, PLAN",
      "NAMESPACE CONFIG ALERT,      NAMESPACE",
      "NAMESPACE ALERT,             NAMESPACE",
      "CONFIG ALERT,                CONFIG",
      "PLAN ALERT,                  PLAN",
      "ALERT,                       ALERT",
      "'',                          none"})
  void theMostSpecificFreezeWins(String frozenBy, Source wins) {
    Set<Source> freezing = EnumSet.noneOf(Source.class);
    for (String s : frozenBy.split(" ")) {
      if (!s.isBlank()) {
        freezing.add(Source.valueOf(s));
      }
    }
    Freeze found = FreezePrecedence.find(s -> freezing.contains(s) ? from(s) : null);
    assertThat(found).isEqualTo(wins == null ? null : from(wins));
  }

  @Test
  void aLessSpecificSourceIsNotAskedOnceOneFreezes() {
    List<Source> asked = new ArrayList<>();
    FreezePrecedence.find(s -> {
      asked.add(s);
      return s == Source.NAMESPACE ? from(s) : null;
    });
    assertThat(asked).containsExactly(Source.PLAN, Source.NAMESPACE);
  }

  @ParameterizedTest(name = "emergency={0} frozen={1}: holds={2}")
  @CsvSource({
      "false, true,  true",
      "false, false, false",
      "true,  true,  false",   // an emergency launch goes through a freeze
      "true,  false, false"})
  void aFreezeHoldsEveryPlanButAnEmergency(boolean emergency, boolean frozen, boolean holds) {
    assertThat(FreezePrecedence.holds(emergency, () -> frozen)).isEqualTo(holds);
  }

  @Test
  void anEmergencyPlanDoesNotLookForAFreeze() {
    assertThat(FreezePrecedence.holds(true, () -> {
      throw new AssertionError("asked");
    })).isFalse();
  }
}
