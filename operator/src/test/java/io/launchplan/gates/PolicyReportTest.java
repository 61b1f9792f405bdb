package io.launchplan.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.api.LaunchPolicySpec;
import io.launchplan.api.LaunchWindow;
import io.launchplan.api.PolicySelector;
import io.launchplan.api.PolicyWindowStatus;
import io.launchplan.api.WindowKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A LaunchPolicy's own status: its errors, and its windows open or closed now with the next change. */
class PolicyReportTest {
  /** Tuesday 2025-03-04, 08:00 in Paris (UTC+1). */
  private static final Instant TUESDAY_8_PARIS = Instant.parse("2025-03-04T07:00:00Z");

  private static LaunchWindow window(WindowKind kind, String schedule, String duration, String reason) {
    LaunchWindow w = new LaunchWindow();
    w.setKind(kind);
    w.setSchedule(schedule);
    w.setDuration(duration);
    w.setTimeZone("Europe/Paris");
    w.setReason(reason);
    return w;
  }

  private static PolicyReport report(LaunchPolicySpec spec, Instant at) {
    return PolicyReport.of(new PolicyView("prod", spec), at);
  }

  private static LaunchPolicySpec windows(LaunchWindow... windows) {
    LaunchPolicySpec spec = new LaunchPolicySpec();
    spec.setWindows(List.of(windows));
    return spec;
  }

  @Test
  void aPolicyWithoutWindowsIsValidAndAlwaysOpen() {
    PolicyReport r = report(new LaunchPolicySpec(), TUESDAY_8_PARIS);

    assertThat(r.valid()).isTrue();
    assertThat(r.window()).isEqualTo(new PolicyWindowStatus("Open", null, null));
    assertThat(r.nextChange()).as("nothing to wake up for").isNull();
  }

  @Test
  void beforeBusinessHoursItIsClosedUntilTheyStartThenOpenUntilTheyEnd() {
    LaunchPolicySpec spec = windows(window(WindowKind.Allow, "0 9 * * 1-4", "9h", "business hours"));

    PolicyReport before = report(spec, TUESDAY_8_PARIS);
    assertThat(before.window()).isEqualTo(new PolicyWindowStatus("Closed", "outside every Allow window",
        "2025-03-04T08:00:00Z"));
    assertThat(before.nextChange()).isEqualTo(Instant.parse("2025-03-04T08:00:00Z"));

    PolicyReport during = report(spec, before.nextChange());
    assertThat(during.window()).isEqualTo(new PolicyWindowStatus("Open", "inside an Allow window",
        "2025-03-04T17:00:00Z"));
  }

  @Test
  void anOpenDenyWindowNamesItself() {
    LaunchPolicySpec spec = windows(window(WindowKind.Deny, "0 0 4 3 *", "24h", "carnival"));

    assertThat(report(spec, TUESDAY_8_PARIS).window()).isEqualTo(new PolicyWindowStatus("Closed",
        "Deny window \"carnival\" (0 0 4 3 * for 24h, Europe/Paris) is open", "2025-03-04T23:00:00Z"));
    assertThat(report(spec, Instant.parse("2025-03-05T00:00:00Z")).window().getReason())
        .isEqualTo("no Deny window is open");
  }

  @Test
  void whatOnlyTheOperatorCanFindIsReportedEachNamingThePolicy() {
    LaunchPolicySpec spec = windows(window(WindowKind.Allow, "0 25 * * *", "1h", null));
    PolicySelector plans = new PolicySelector();
    plans.setMatchLabels(Map.of("not a key", "x"));
    spec.setPlanSelector(plans);
    PolicySelector namespaces = new PolicySelector();
    namespaces.setMatchLabels(Map.of("team", "shop"));
    spec.setNamespaceSelector(namespaces);

    PolicyReport r = report(spec, TUESDAY_8_PARIS);

    assertThat(r.valid()).isFalse();
    assertThat(r.errors()).satisfiesExactly(
        e -> assertThat(e).startsWith("LaunchPolicy prod: planSelector.matchLabels: 'not a key' is not a label key"),
        e -> assertThat(e).startsWith("LaunchPolicy prod: windows[0].schedule '0 25 * * *' is not a crontab schedule"));
  }
}
