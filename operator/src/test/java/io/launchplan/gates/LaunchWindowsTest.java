package io.launchplan.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchplan.api.LaunchWindow;
import io.launchplan.api.WindowKind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Launch window arithmetic at fixed instants: DST switch days, windows across midnight, deny inside allow. */
class LaunchWindowsTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  static LaunchWindows.Window window(WindowKind kind, String schedule, String duration, String zone, String reason) {
    LaunchWindow w = new LaunchWindow();
    w.setKind(kind);
    w.setSchedule(schedule);
    w.setDuration(duration);
    w.setTimeZone(zone);
    w.setReason(reason);
    return LaunchWindows.compile("p", 0, w);
  }

  /** Business hours in Paris: 09:00 for 9h, Monday to Thursday. */
  private static final LaunchWindows.Window BUSINESS =
      window(WindowKind.Allow, "0 9 * * 1-4", "9h", "Europe/Paris", "business hours");

  private static Instant paris(String local) {
    return LocalDateTime.parse(local).atZone(PARIS).toInstant();
  }

  private static LaunchWindows.State at(List<LaunchWindows.Window> windows, String parisLocal) {
    return LaunchWindows.state(windows, paris(parisLocal));
  }

  @ParameterizedTest(name = "{0} Paris: open={1}, next change {2}")
  @CsvSource({
      // an ordinary Monday (2026-03-23, CET)
      "2026-03-23T08:59:59, false, 2026-03-23T09:00",
      "2026-03-23T09:00:00, true, 2026-03-23T18:00",
      "2026-03-23T17:59:59, true, 2026-03-23T18:00",
      "2026-03-23T18:00:00, false, 2026-03-24T09:00",
      // Thursday evening: next open is Monday
      "2026-03-26T18:30:00, false, 2026-03-30T09:00",
      // Sunday 2026-03-29, clocks go 02:00 -> 03:00: Monday still opens at 09:00 on the wall clock (CEST)
      "2026-03-29T12:00:00, false, 2026-03-30T09:00",
      "2026-03-30T12:00:00, true, 2026-03-30T18:00",
      // Sunday 2026-10-25, clocks go 03:00 -> 02:00: Monday opens at 09:00 CET
      "2026-10-25T02:30:00, false, 2026-10-26T09:00",
      "2026-10-26T17:59:00, true, 2026-10-26T18:00",
  })
  void businessHoursAcrossDstSwitches(String local, boolean open, String nextChange) {
    LaunchWindows.State s = at(List.of(BUSINESS), local);

    assertThat(s.open()).isEqualTo(open);
    assertThat(s.nextChange()).isEqualTo(paris(nextChange));
  }

  @Test
  void aWindowOverTheSpringForwardNightEndsAtItsWallClockTime() {
    // 22:00 for 8h on Saturday 2026-03-28: the night loses an hour, the window still ends at 06:00 on the clock
    var night = window(WindowKind.Allow, "0 22 * * 6", "8h", "Europe/Paris", "night");

    assertThat(at(List.of(night), "2026-03-29T05:59:00").open()).isTrue();
    assertThat(at(List.of(night), "2026-03-28T23:00:00").nextChange()).isEqualTo(paris("2026-03-29T06:00"));
    assertThat(at(List.of(night), "2026-03-29T06:00:00").open()).isFalse();
  }

  @Test
  void aWindowOverTheFallBackNightEndsAtItsWallClockTime() {
    // 22:00 for 8h on Saturday 2026-10-24: the night has an hour more (9h of real time), ends 06:00 CET
    var night = window(WindowKind.Allow, "0 22 * * 6", "8h", "Europe/Paris", "night");

    assertThat(at(List.of(night), "2026-10-24T22:00:00").nextChange()).isEqualTo(paris("2026-10-25T06:00"));
    assertThat(java.time.Duration.between(paris("2026-10-24T22:00"), paris("2026-10-25T06:00"))).hasHours(9);
  }

  @Test
  void aScheduleInTheSkippedHourOpensOnTheSpringForwardDay() {
    // 02:30 does not exist on 2026-03-29 in Paris; the window must not vanish that day
    var early = window(WindowKind.Allow, "30 2 * * *", "1h", "Europe/Paris", null);

    LaunchWindows.State before = at(List.of(early), "2026-03-29T01:00:00");
    assertThat(before.open()).isFalse();
    assertThat(before.nextChange()).as("opens when the clocks jump, as cron runs a job of the skipped hour")
        .isEqualTo(Instant.parse("2026-03-29T01:00:00Z")); // 03:00 CEST
    LaunchWindows.State opened = at(List.of(early), "2026-03-29T03:10:00");
    assertThat(opened.open()).isTrue();
    assertThat(opened.nextChange()).as("and closes at its usual wall-clock time, 03:30").isEqualTo(paris("2026-03-29T03:30"));
    assertThat(at(List.of(early), "2026-03-30T01:00:00").nextChange()).isEqualTo(paris("2026-03-30T02:30"));
  }

  @Test
  void aWindowStartingInTheRepeatedHourOpensAtItsFirstShowing() {
    // 02:30 shows twice on 2026-10-25 in Paris (CEST, then CET); the window opens at the first
    var early = window(WindowKind.Allow, "30 2 * * *", "1h", "Europe/Paris", null);
    Instant firstShowing = Instant.parse("2026-10-25T00:30:00Z");
    Instant secondShowing = Instant.parse("2026-10-25T01:30:00Z");

    assertThat(LaunchWindows.state(List.of(early), Instant.parse("2026-10-24T23:00:00Z")).nextChange())
        .isEqualTo(firstShowing);
    assertThat(LaunchWindows.state(List.of(early), firstShowing).open()).isTrue();
    assertThat(LaunchWindows.state(List.of(early), secondShowing).open()).as("03:30 CET is 2 h of real time later")
        .isTrue();
    assertThat(LaunchWindows.state(List.of(early), secondShowing).nextChange())
        .isEqualTo(Instant.parse("2026-10-25T02:30:00Z"));
  }

  @Test
  void aWindowAcrossMidnightIsOpenOnBothSides() {
    var night = window(WindowKind.Allow, "0 22 * * *", "4h", "UTC", "night shift");
    List<LaunchWindows.Window> ws = List.of(night);

    assertThat(LaunchWindows.state(ws, Instant.parse("2026-05-05T23:30:00Z")).open()).isTrue();
    assertThat(LaunchWindows.state(ws, Instant.parse("2026-05-06T01:59:59Z")).open()).isTrue();
    assertThat(LaunchWindows.state(ws, Instant.parse("2026-05-06T01:59:59Z")).nextChange())
        .isEqualTo(Instant.parse("2026-05-06T02:00:00Z"));
    assertThat(LaunchWindows.state(ws, Instant.parse("2026-05-06T02:00:00Z")).open()).isFalse();
    assertThat(LaunchWindows.state(ws, Instant.parse("2026-05-06T12:00:00Z")).nextChange())
        .isEqualTo(Instant.parse("2026-05-06T22:00:00Z"));
  }

  @Test
  void aDenyWindowInsideAnAllowWindowClosesItAndItsEndReopens() {
    // lunch 12:00-13:00 denied inside business hours
    var lunch = window(WindowKind.Deny, "0 12 * * *", "1h", "Europe/Paris", "lunch");
    List<LaunchWindows.Window> ws = List.of(BUSINESS, lunch);

    assertThat(at(ws, "2026-03-24T11:00:00").nextChange()).isEqualTo(paris("2026-03-24T12:00"));
    LaunchWindows.State atLunch = at(ws, "2026-03-24T12:15:00");
    assertThat(atLunch.open()).isFalse();
    assertThat(atLunch.by()).isSameAs(lunch);
    assertThat(atLunch.nextChange()).isEqualTo(paris("2026-03-24T13:00"));
    assertThat(at(ws, "2026-03-24T13:00:00").open()).isTrue();
  }

  @Test
  void aDenyWindowOverTheNextAllowWindowPushesNextOpenPastIt() {
    // Christmas Day 2026 is a Friday: denied all day; but take a holiday on a Thursday: 2026-12-24
    var eve = window(WindowKind.Deny, "0 0 24 12 *", "24h", "Europe/Paris", "Christmas Eve");
    List<LaunchWindows.Window> ws = List.of(BUSINESS, eve);

    LaunchWindows.State wednesdayNight = at(ws, "2026-12-23T20:00:00");
    assertThat(wednesdayNight.open()).isFalse();
    assertThat(wednesdayNight.nextChange()).as("Thursday 24th is denied, Friday to Sunday are outside business hours")
        .isEqualTo(paris("2026-12-28T09:00"));
    assertThat(at(ws, "2026-12-24T10:00:00").by()).isSameAs(eve);
  }

  @Test
  void onlyDenyWindowsLeaveLaunchesOpenOutsideThem() {
    var freeze = window(WindowKind.Deny, "0 0 * * 5", "72h", "UTC", "weekend");
    List<LaunchWindows.Window> ws = List.of(freeze);

    assertThat(LaunchWindows.state(ws, Instant.parse("2026-05-06T12:00:00Z")).open()).isTrue(); // Wednesday
    assertThat(LaunchWindows.state(ws, Instant.parse("2026-05-06T12:00:00Z")).nextChange())
        .isEqualTo(Instant.parse("2026-05-08T00:00:00Z"));
    assertThat(LaunchWindows.state(ws, Instant.parse("2026-05-09T12:00:00Z")).open()).isFalse(); // Saturday
  }

  @Test
  void noWindowsMeansAlwaysOpen() {
    LaunchWindows.State s = LaunchWindows.state(List.of(), Instant.parse("2026-05-06T12:00:00Z"));

    assertThat(s.open()).isTrue();
    assertThat(s.nextChange()).isNull();
  }

  @Test
  void aScheduleThatNeverRunsHasNoNextOpen() {
    var never = window(WindowKind.Allow, "0 9 30 2 *", "1h", "UTC", "30 February");

    LaunchWindows.State s = LaunchWindows.state(List.of(never), Instant.parse("2026-05-06T12:00:00Z"));
    assertThat(s.open()).isFalse();
    assertThat(s.nextChange()).isNull();
  }

  @ParameterizedTest(name = "{0} / {1} / {2}")
  @CsvSource(delimiter = '|', value = {
      "61 * * * *|1h|UTC|windows[0].schedule '61 * * * *' is not a crontab schedule",
      "0 9 * * 1-4|0s|UTC|windows[0].duration '0s' must be longer than 0s",
      "0 9 * * 1-4|-1h|UTC|windows[0].duration: '-1h' is not a duration",
      "0 9 * * 1-4|1h|Mars/Olympus|windows[0].timeZone 'Mars/Olympus' is not an IANA time zone",
  })
  void badWindowsAreRefusedWithAMessageNamingTheField(String schedule, String duration, String zone, String message) {
    assertThatThrownBy(() -> window(WindowKind.Allow, schedule, duration, zone, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }
}
