package io.launchplan.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchplan.analysis.AlertQuery;
import io.launchplan.api.AlertSelector;
import io.launchplan.api.AnalysisQuery;
import io.launchplan.api.AnalysisSpec;
import io.launchplan.api.CanarySpec;
import io.launchplan.api.EmergencyRule;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.LaunchPolicySpec;
import io.launchplan.api.LaunchWindow;
import io.launchplan.api.OnWindowClose;
import io.launchplan.api.Phase;
import io.launchplan.api.PolicyMinimums;
import io.launchplan.api.PolicySelector;
import io.launchplan.api.Reason;
import io.launchplan.api.RequiredChecks;
import io.launchplan.api.RolloutSpec;
import io.launchplan.api.SelectorRequirement;
import io.launchplan.api.WindowKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LaunchPolicies combined for one plan (strictest wins per rule, the applying policies listed),
 * a plan judged against them (PolicyViolation naming the rule, the plan's value and the policy's),
 * fail-closed errors, and the gate's holds.
 */
class CombinedPolicyTest {
  static final Instant T0 = Instant.parse("2026-03-24T10:00:00Z"); // a Tuesday, 11:00 in Paris

  static PolicyView policy(String name, Consumer<LaunchPolicySpec> rules) {
    LaunchPolicySpec spec = new LaunchPolicySpec();
    rules.accept(spec);
    return new PolicyView(name, spec);
  }

  static PolicyView minimums(String name, String canary, String rollout, String interval, Integer replicas) {
    return policy(name, s -> {
      PolicyMinimums m = new PolicyMinimums();
      m.setCanaryObserve(canary);
      m.setRolloutObserve(rollout);
      m.setMaxAnalysisInterval(interval);
      m.setMaxCanaryReplicas(replicas);
      s.setMinimums(m);
    });
  }

  static LaunchPlanSpec plan(String canaryObserve, String rolloutObserve, String interval, Integer replicas) {
    LaunchPlanSpec spec = new LaunchPlanSpec();
    CanarySpec canary = new CanarySpec();
    canary.setObserve(canaryObserve);
    canary.setReplicas(replicas);
    spec.setCanary(canary);
    RolloutSpec rollout = new RolloutSpec();
    rollout.setObserve(rolloutObserve);
    spec.setRollout(rollout);
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setInterval(interval);
    spec.setAnalysis(analysis);
    return spec;
  }

  static LaunchWindow window(WindowKind kind, String schedule, String duration, String zone, String reason) {
    LaunchWindow w = new LaunchWindow();
    w.setKind(kind);
    w.setSchedule(schedule);
    w.setDuration(duration);
    w.setTimeZone(zone);
    w.setReason(reason);
    return w;
  }

  static PolicySelector labels(Map<String, String> match) {
    PolicySelector s = new PolicySelector();
    s.setMatchLabels(match);
    return s;
  }

  @Test
  void theStrictestValueWinsForEveryRuleAndNamesItsPolicy() {
    CombinedPolicy combined = CombinedPolicy.of(List.of(
        minimums("b-team", "10m", "1m", "30s", 3),
        minimums("a-org", "5m", "15m", "1m", 1)));

    List<PolicyViolation> v = combined.violations(plan("6m", "10m", "45s", 2));

    assertThat(combined.names()).containsExactly("a-org", "b-team");
    assertThat(v).extracting(PolicyViolation::rule, PolicyViolation::policy, PolicyViolation::planValue,
        PolicyViolation::policyValue).containsExactly(
            org.assertj.core.groups.Tuple.tuple("minimums.canaryObserve", "b-team", "6m", "10m"),
            org.assertj.core.groups.Tuple.tuple("minimums.rolloutObserve", "a-org", "10m", "15m"),
            org.assertj.core.groups.Tuple.tuple("minimums.maxAnalysisInterval", "b-team", "45s", "30s"),
            org.assertj.core.groups.Tuple.tuple("minimums.maxCanaryReplicas", "a-org", "2", "1"));
    assertThat(v.get(0).message()).isEqualTo(
        "canary.observe 6m is shorter than the 10m LaunchPolicy b-team requires (minimums.canaryObserve)");
  }

  @Test
  void aPlanThatLeavesAFieldOutIsJudgedByItsDefault() {
    // canary.observe defaults to 2m, rollout.observe to 5m, interval to 10s, 1 canary replica
    CombinedPolicy combined = CombinedPolicy.of(List.of(minimums("p", "5m", "5m", "10s", 1)));

    assertThat(combined.violations(new LaunchPlanSpec())).extracting(PolicyViolation::rule, PolicyViolation::planValue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("minimums.canaryObserve", "2m"));
  }

  @Test
  void aPlanAsStrictAsThePoliciesPasses() {
    CombinedPolicy combined = CombinedPolicy.of(List.of(minimums("p", "5m", "5m", "30s", 2)));

    assertThat(combined.violations(plan("5m", "10m", "30s", 2))).isEmpty();
  }

  @ParameterizedTest(name = "emergency={0} reason={1} allowed={2} requireReason={3} -> {4}")
  @CsvSource(nullValues = "null", value = {
      "true, null, false, false, emergency.allowed",
      "true, INC-1, false, true, emergency.allowed",
      "true, null, true, true, emergency.requireReason",
      "true, '  ', true, true, emergency.requireReason",
      "true, INC-1, true, true, null",
      "false, null, false, true, null",
      "true, null, true, false, null",
  })
  void emergencyRules(boolean emergency, String reason, boolean allowed, boolean requireReason, String rule) {
    EmergencyRule e = new EmergencyRule();
    e.setAllowed(allowed);
    e.setRequireReason(requireReason);
    LaunchPlanSpec spec = new LaunchPlanSpec();
    spec.setEmergency(emergency);
    spec.setEmergencyReason(reason);

    List<PolicyViolation> v = CombinedPolicy.of(List.of(policy("p", s -> s.setEmergency(e)))).violations(spec);

    assertThat(v).extracting(PolicyViolation::rule).containsExactlyElementsOf(rule == null ? List.of() : List.of(rule));
  }

  @Test
  void emergencyIsForbiddenIfAnyPolicyForbidsIt() {
    EmergencyRule no = new EmergencyRule();
    no.setAllowed(false);
    LaunchPlanSpec spec = new LaunchPlanSpec();
    spec.setEmergency(true);

    CombinedPolicy combined = CombinedPolicy.of(List.of(policy("lenient", s -> {}), policy("strict", s -> s.setEmergency(no))));

    assertThat(combined.violations(spec)).extracting(PolicyViolation::policy).containsExactly("strict");
  }

  @Test
  void coveringSelectsByNamespaceAndPlanLabels() {
    PolicyView prod = policy("prod", s -> s.setNamespaceSelector(labels(Map.of("env", "prod"))));
    PolicyView payments = policy("payments", s -> {
      SelectorRequirement r = new SelectorRequirement();
      r.setKey("team");
      r.setOperator(SelectorRequirement.Operator.In);
      r.setValues(List.of("payments", "billing"));
      PolicySelector sel = new PolicySelector();
      sel.setMatchExpressions(List.of(r));
      s.setPlanSelector(sel);
    });
    PolicyView everything = policy("everything", s -> {});
    List<PolicyView> all = List.of(prod, payments, everything);

    assertThat(CombinedPolicy.covering(all, Map.of("env", "prod"), Map.of("team", "billing")).names())
        .containsExactly("everything", "payments", "prod");
    assertThat(CombinedPolicy.covering(all, Map.of("env", "dev"), Map.of("team", "search")).names())
        .containsExactly("everything");
    assertThat(CombinedPolicy.covering(all, Map.of(), Map.of()).errors()).isEmpty();
  }

  @Test
  void aSelectorThatDoesNotParseCoversThePlanWithAnErrorFailingClosed() {
    PolicyView broken = policy("broken", s -> s.setNamespaceSelector(labels(Map.of("not a key!", "x"))));

    CombinedPolicy combined = CombinedPolicy.covering(List.of(broken), Map.of(), Map.of());

    assertThat(combined.names()).containsExactly("broken");
    assertThat(combined.errors()).singleElement().asString()
        .contains("LaunchPolicy broken: namespaceSelector.matchLabels: 'not a key!' is not a label key");
    Hold hold = PolicyGate.rules(new LaunchPlanSpec(), combined);
    assertThat(hold.reason()).isEqualTo(Reason.PolicyInvalid);
    assertThat(hold.warning()).isTrue();
  }

  /** A newer CRD's field this operator does not know: the policy is not weakened to the rules it knows. */
  @Test
  void aFieldTheOperatorDoesNotKnowIsAPolicyErrorFailingClosed() {
    PolicyView newer = policy("newer", s -> {
      s.unknownFields().addAll(List.of("spec.fooBar", "spec.minimums.quorum"));
    });

    CombinedPolicy combined = CombinedPolicy.covering(List.of(newer), Map.of(), Map.of());

    assertThat(combined.errors()).singleElement().asString().startsWith(
        "LaunchPolicy newer: fields spec.fooBar, spec.minimums.quorum are not known to this operator (")
        .endsWith("); upgrade the operator");
    assertThat(combined.invalidPolicies()).containsExactly("newer");
    Hold hold = PolicyGate.rules(new LaunchPlanSpec(), combined);
    assertThat(hold.reason()).isEqualTo(Reason.PolicyInvalid);
    assertThat(hold.message()).contains("newer");
    PolicyReport report = PolicyReport.of(newer, Instant.parse("2026-12-01T12:00:00Z"));
    assertThat(report.valid()).isFalse();
    assertThat(report.errors()).singleElement().asString().contains("field").contains("spec.fooBar");
  }

  @Test
  void aScheduleTheOperatorCannotReadIsAPolicyError() {
    PolicyView bad = policy("bad-cron", s -> s.setWindows(List.of(window(WindowKind.Allow, "0 25 * * *", "1h", "UTC", null))));

    CombinedPolicy combined = CombinedPolicy.of(List.of(bad));

    assertThat(combined.errors()).singleElement().asString().startsWith("LaunchPolicy bad-cron: windows[0].schedule '0 25 * * *'");
    assertThat(Gates.check(new LaunchPlanSpec(), pending(), alone(), combined, T0))
        .isInstanceOfSatisfying(Hold.class, h -> assertThat(h.reason()).isEqualTo(Reason.PolicyInvalid));
  }

  @Test
  void aRequiredQueryWithAnUnknownVariableIsAPolicyError() {
    AnalysisQuery q = new AnalysisQuery();
    q.setName("bad");
    q.setExpr("up{pod=~\"${nope}\"}");
    RequiredChecks r = new RequiredChecks();
    r.setQueries(List.of(q));

    CombinedPolicy combined = CombinedPolicy.of(List.of(policy("p", s -> s.setRequired(r))));

    assertThat(combined.errors()).singleElement().asString().startsWith("LaunchPolicy p: required.queries bad:");
  }

  @Test
  void requiredChecksAreAddedAfterThePlansOwnNamedAfterTheirPolicy() {
    AnalysisQuery fiveXx = new AnalysisQuery();
    fiveXx.setName("5xx");
    fiveXx.setExpr("sum(rate(http_requests_total{namespace=\"${namespace}\",code=~\"5..\"}[1m])) > 1");
    AlertSelector critical = new AlertSelector();
    critical.setMatchLabels(Map.of("severity", "critical"));
    RequiredChecks r = new RequiredChecks();
    r.setQueries(List.of(fiveXx));
    r.setAlerts(List.of(critical));
    CombinedPolicy combined = CombinedPolicy.of(List.of(policy("org", s -> s.setRequired(r))));
    LaunchPlanSpec own = new LaunchPlanSpec();

    LaunchPlanSpec effective = combined.effectiveSpec(own);

    assertThat(effective.analysisOrDefault().queriesOrEmpty()).extracting(AnalysisQuery::getName)
        .containsExactly("policy:org/5xx");
    assertThat(effective.analysisOrDefault().alertsOrEmpty()).singleElement().satisfies(a -> {
      assertThat(a.getMatchLabels()).isEqualTo(critical.getMatchLabels());
      assertThat(a.actionOrDefault()).isEqualTo(critical.actionOrDefault());
      assertThat(AlertQuery.checkName(a)).as("its source in the status name").isEqualTo("policy:org/alert:severity=critical");
    });
    assertThat(AlertQuery.checkName(critical)).as("the policy's own object is left as it was").isEqualTo("alert:severity=critical");
    assertThat(effective.analysisOrDefault().hasChecks()).as("a plan with no checks of its own is judged").isTrue();
    assertThat(own.getAnalysis()).as("the plan's own spec is left as it was").isNull();
    assertThat(CombinedPolicy.NONE.effectiveSpec(own)).isSameAs(own);
  }

  @Test
  void namedKeepsOnlyTheLaunchsOwnPoliciesThatStillExist() {
    List<PolicyView> all = List.of(minimums("old", "5m", null, null, null), minimums("new", "1h", null, null, null));

    assertThat(CombinedPolicy.named(all, List.of("old", "deleted")).names()).containsExactly("old");
    assertThat(CombinedPolicy.named(all, null)).isSameAs(CombinedPolicy.NONE);
  }

  @Test
  void outsideEveryAllowWindowTheLaunchWaitsUntilTheNextOpening() {
    PolicyView hours = policy("business-hours", s -> s.setWindows(List.of(
        window(WindowKind.Allow, "0 9 * * 1-4", "9h", "Europe/Paris", "business hours"))));
    Instant evening = Instant.parse("2026-03-24T18:30:00Z"); // 19:30 in Paris

    Gates.Outcome outcome = Gates.check(new LaunchPlanSpec(), pending(), alone(), CombinedPolicy.of(List.of(hours)),
        evening);

    assertThat(outcome).isInstanceOfSatisfying(Hold.class, h -> {
      assertThat(h.reason()).isEqualTo(Reason.OutsideLaunchWindow);
      assertThat(h.retryAt()).isEqualTo(Instant.parse("2026-03-25T08:00:00Z"));
      assertThat(h.message()).isEqualTo("outside every Allow window of LaunchPolicy business-hours: Allow window"
          + " \"business hours\" (0 9 * * 1-4 for 9h, Europe/Paris); launches may start at 2026-03-25T08:00:00Z");
    });
    assertThat(PolicyGate.status(CombinedPolicy.of(List.of(hours)), evening).getNextOpen())
        .isEqualTo("2026-03-25T08:00:00Z");
    assertThat(Gates.check(new LaunchPlanSpec(), pending(), alone(), CombinedPolicy.of(List.of(hours)), T0))
        .isEqualTo(new Gates.Open(List.of()));
  }

  @Test
  void aDenyWindowOfAnotherPolicyWinsOverAnAllowWindow() {
    PolicyView hours = policy("a-hours", s -> s.setWindows(List.of(
        window(WindowKind.Allow, "0 9 * * 1-4", "9h", "Europe/Paris", "business hours"))));
    PolicyView freeze = policy("b-freeze", s -> s.setWindows(List.of(
        window(WindowKind.Deny, "0 10 24 3 *", "2h", "Europe/Paris", "release train"))));

    Hold hold = PolicyGate.window(CombinedPolicy.of(List.of(hours, freeze)), T0);

    assertThat(hold.message()).startsWith("LaunchPolicy b-freeze: Deny window \"release train\"");
    assertThat(hold.retryAt()).isEqualTo(Instant.parse("2026-03-24T11:00:00Z"));
  }

  @Test
  void anEmergencySkipsTheWindowWhereThePoliciesAllowItButNeverARule() {
    PolicyView hours = policy("hours", s -> s.setWindows(List.of(
        window(WindowKind.Allow, "0 9 * * 1-4", "9h", "Europe/Paris", "business hours"))));
    LaunchPlanSpec emergency = new LaunchPlanSpec();
    emergency.setEmergency(true);
    Instant sunday = Instant.parse("2026-03-29T12:00:00Z");

    Gates.Outcome outcome = Gates.check(emergency, pending(), alone(), CombinedPolicy.of(List.of(hours)), sunday);
    assertThat(outcome).isInstanceOfSatisfying(Gates.Open.class,
        o -> assertThat(o.bypassed()).singleElement().asString().startsWith("outside every Allow window"));

    EmergencyRule no = new EmergencyRule();
    no.setAllowed(false);
    PolicyView strict = policy("strict", s -> s.setEmergency(no));
    assertThat(Gates.check(emergency, pending(), alone(), CombinedPolicy.of(List.of(hours, strict)), sunday))
        .isInstanceOfSatisfying(Hold.class, h -> assertThat(h.reason()).isEqualTo(Reason.PolicyViolation));
  }

  @Test
  void pauseOnWindowCloseIfAnyPolicySaysSo() {
    PolicyView finish = policy("a", s -> {});
    PolicyView pause = policy("b", s -> s.setOnWindowClose(OnWindowClose.Pause));

    assertThat(CombinedPolicy.of(List.of(finish)).pauseOnCloseBy()).isNull();
    assertThat(CombinedPolicy.of(List.of(finish, pause)).pauseOnCloseBy()).isEqualTo("b");
  }

  private static LaunchPlanStatus pending() {
    LaunchPlanStatus s = new LaunchPlanStatus();
    s.setPhase(Phase.Pending);
    s.setQueuedAt(T0.toString());
    return s;
  }

  private static LaneView alone() {
    return LaneView.alone("shop", "shop", "web", T0);
  }
}
