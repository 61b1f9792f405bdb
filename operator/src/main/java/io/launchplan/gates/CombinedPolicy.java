package io.launchplan.gates;

import io.launchplan.analysis.model.QueryTemplate;
import io.launchplan.analysis.model.QueryVariables;
import io.launchplan.api.AlertSelector;
import io.launchplan.api.AnalysisQuery;
import io.launchplan.api.AnalysisSpec;
import io.launchplan.api.Durations;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPolicySpec;
import io.launchplan.api.OnWindowClose;
import io.launchplan.api.PolicyMinimums;
import io.launchplan.api.UnknownFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The LaunchPolicies that cover one plan, combined rule by rule: for every minimum the strictest
 * value wins (the longest observation, the shortest interval, the smallest canary), each remembering
 * the policy that set it; windows, required queries and alerts add up; an emergency is allowed only
 * if every policy allows it, and needs a reason if any policy says so; a running launch pauses when
 * its window closes if any policy says Pause. What a policy says that the operator cannot evaluate
 * (a selector, a schedule, a zone, a query) is kept as an error: covered new launches then fail closed.
 * Pure: the policies come in as {@link PolicyView}s.
 */
public final class CombinedPolicy {
  /** What no policy covers. */
  public static final CombinedPolicy NONE = new Builder().build();

  private static final QueryVariables SAMPLE_VARS =
      new QueryVariables("namespace", "target", List.of("canary-0"), List.of("stable-0"), "revision");

  /** A rule's winning value and the policy that set it. */
  public record Rule<T>(T value, String policy) {}

  private final List<String> names;
  private final List<String> errors;
  private final Rule<Duration> canaryObserve;
  private final Rule<Duration> rolloutObserve;
  private final Rule<Duration> maxInterval;
  private final Rule<Integer> maxCanaryReplicas;
  private final String emergencyForbiddenBy;
  private final String emergencyReasonRequiredBy;
  private final String pauseOnCloseBy;
  private final List<LaunchWindows.Window> windows;
  private final List<AnalysisQuery> queries;
  private final List<AlertSelector> alerts;
  private final List<ApprovalRule> approvals;
  private final List<Rule<Integer>> concurrency;
  private final List<String> invalid;

  private CombinedPolicy(Builder b) {
    names = List.copyOf(b.names);
    errors = List.copyOf(b.errors);
    canaryObserve = b.canaryObserve;
    rolloutObserve = b.rolloutObserve;
    maxInterval = b.maxInterval;
    maxCanaryReplicas = b.maxCanaryReplicas;
    emergencyForbiddenBy = b.emergencyForbiddenBy;
    emergencyReasonRequiredBy = b.emergencyReasonRequiredBy;
    pauseOnCloseBy = b.pauseOnCloseBy;
    windows = List.copyOf(b.windows);
    queries = List.copyOf(b.queries);
    alerts = List.copyOf(b.alerts);
    approvals = List.copyOf(b.approvals);
    concurrency = List.copyOf(b.concurrency);
    invalid = List.copyOf(b.invalid);
  }

  /**
   * The policies among {@code all} that cover a plan with {@code planLabels} in a namespace with
   * {@code namespaceLabels}, combined. A policy whose selector cannot be evaluated counts as covering
   * (fail closed) with its error.
   */
  public static CombinedPolicy covering(List<PolicyView> all, Map<String, String> namespaceLabels,
      Map<String, String> planLabels) {
    List<PolicyView> covering = new ArrayList<>();
    List<Rule<String>> errors = new ArrayList<>();
    for (PolicyView p : all) {
      try {
        if (PolicySelectors.matches("namespaceSelector", p.spec().getNamespaceSelector(), namespaceLabels)
            && PolicySelectors.matches("planSelector", p.spec().getPlanSelector(), planLabels)) {
          covering.add(p);
        }
      } catch (IllegalArgumentException e) {
        covering.add(p);
        errors.add(new Rule<>("LaunchPolicy " + p.name() + ": " + e.getMessage(), p.name()));
      }
    }
    return of(covering, errors);
  }

  /** The policies among {@code all} named in {@code names} (those that still exist), combined: a launch's own. */
  public static CombinedPolicy named(List<PolicyView> all, List<String> names) {
    if (names == null || names.isEmpty()) {
      return NONE;
    }
    return of(all.stream().filter(p -> names.contains(p.name())).toList(), List.of());
  }

  /** {@code policies} combined, whatever their selectors say. */
  public static CombinedPolicy of(List<PolicyView> policies) {
    return of(policies, List.of());
  }

  private static CombinedPolicy of(List<PolicyView> policies, List<Rule<String>> selectorErrors) {
    Builder b = new Builder();
    selectorErrors.forEach(e -> b.error(e.policy(), e.value()));
    policies.stream().sorted(Comparator.comparing(PolicyView::name)).forEach(b::add);
    return b.build();
  }

  /** The covering policies' names, sorted. */
  public List<String> names() {
    return names;
  }

  public boolean isEmpty() {
    return names.isEmpty();
  }

  /** What the operator could not evaluate, each naming its policy; empty when all is well. */
  public List<String> errors() {
    return errors;
  }

  /** The policies' approval requirements (they add up: every one must hold), each naming its policy. */
  public List<ApprovalRule> approvals() {
    return approvals;
  }

  /** The policies with an error in {@link #errors()}, in the order of their first error. */
  public List<String> invalidPolicies() {
    return invalid;
  }

  /** Whether a launch under way pauses when its launch window closes, and the policy that says so, or null. */
  public String pauseOnCloseBy() {
    return pauseOnCloseBy;
  }

  public List<LaunchWindows.Window> windows() {
    return windows;
  }

  /**
   * Each covering policy's {@code maxConcurrentLaunches}, strictest first (then by name): every one
   * holds over the plans its own policy covers, so the strictest binds where they overlap.
   */
  public List<Rule<Integer>> concurrencyLimits() {
    return concurrency;
  }

  /** Whether launches may start at {@code now} under the combined windows. */
  public LaunchWindows.State window(Instant now) {
    return LaunchWindows.state(windows, now);
  }

  /** Where {@code spec} asks for less than the policies allow; empty when it does not. */
  public List<PolicyViolation> violations(LaunchPlanSpec spec) {
    List<PolicyViolation> out = new ArrayList<>();
    if (canaryObserve != null && spec.canaryOrDefault().observeOrDefault().compareTo(canaryObserve.value()) < 0) {
      out.add(shorter("canary.observe", spec.canaryOrDefault().observeOrDefault(), canaryObserve,
          "minimums.canaryObserve"));
    }
    if (rolloutObserve != null && spec.rolloutOrDefault().observeOrDefault().compareTo(rolloutObserve.value()) < 0) {
      out.add(shorter("rollout.observe", spec.rolloutOrDefault().observeOrDefault(), rolloutObserve,
          "minimums.rolloutObserve"));
    }
    Duration interval = spec.analysisOrDefault().intervalOrDefault();
    if (maxInterval != null && interval.compareTo(maxInterval.value()) > 0) {
      out.add(new PolicyViolation(maxInterval.policy(), "minimums.maxAnalysisInterval", Durations.format(interval),
          Durations.format(maxInterval.value()), "analysis.interval " + Durations.format(interval)
          + " is longer than the " + Durations.format(maxInterval.value()) + " LaunchPolicy " + maxInterval.policy()
          + " allows (minimums.maxAnalysisInterval)"));
    }
    int replicas = spec.canaryOrDefault().replicasOrDefault();
    if (maxCanaryReplicas != null && replicas > maxCanaryReplicas.value()) {
      out.add(new PolicyViolation(maxCanaryReplicas.policy(), "minimums.maxCanaryReplicas", String.valueOf(replicas),
          String.valueOf(maxCanaryReplicas.value()), "canary.replicas " + replicas + " is more than the "
          + maxCanaryReplicas.value() + " LaunchPolicy " + maxCanaryReplicas.policy()
          + " allows (minimums.maxCanaryReplicas)"));
    }
    if (spec.emergency() && emergencyForbiddenBy != null) {
      out.add(new PolicyViolation(emergencyForbiddenBy, "emergency.allowed", "true", "false",
          "spec.emergency is true but LaunchPolicy " + emergencyForbiddenBy
          + " allows no emergency launches (emergency.allowed: false)"));
    } else if (spec.emergency() && emergencyReasonRequiredBy != null
        && (spec.getEmergencyReason() == null || spec.getEmergencyReason().isBlank())) {
      out.add(new PolicyViolation(emergencyReasonRequiredBy, "emergency.requireReason", "(none)", "a reason",
          "spec.emergency is true without spec.emergencyReason, which LaunchPolicy " + emergencyReasonRequiredBy
          + " requires (emergency.requireReason: true)"));
    }
    return out;
  }

  private static PolicyViolation shorter(String field, Duration plan, Rule<Duration> rule, String ruleName) {
    return new PolicyViolation(rule.policy(), ruleName, Durations.format(plan), Durations.format(rule.value()),
        field + " " + Durations.format(plan) + " is shorter than the " + Durations.format(rule.value())
        + " LaunchPolicy " + rule.policy() + " requires (" + ruleName + ")");
  }

  /**
   * {@code spec} with the policies' required queries and alerts added to its analysis, after its own:
   * what the launch is judged by. A required query is named {@code policy:<policy>/<name>} in
   * {@code status.analysis}. {@code spec} itself is not changed.
   */
  public LaunchPlanSpec effectiveSpec(LaunchPlanSpec spec) {
    if (queries.isEmpty() && alerts.isEmpty()) {
      return spec;
    }
    AnalysisSpec own = spec.analysisOrDefault();
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setPrometheus(own.getPrometheus());
    analysis.setInterval(own.getInterval());
    analysis.setOnError(own.getOnError());
    analysis.setWeb(own.getWeb());
    analysis.setJobs(own.getJobs());
    List<AnalysisQuery> q = new ArrayList<>(own.queriesOrEmpty());
    q.addAll(queries);
    analysis.setQueries(q);
    List<AlertSelector> a = new ArrayList<>(own.alertsOrEmpty());
    a.addAll(alerts);
    analysis.setAlerts(a);
    LaunchPlanSpec copy = new LaunchPlanSpec();
    copy.setTargetRef(spec.getTargetRef());
    copy.setTemplate(spec.getTemplate());
    copy.setCanary(spec.getCanary());
    copy.setRollout(spec.getRollout());
    copy.setAnalysis(analysis);
    copy.setNotify(spec.getNotify());
    copy.setHooks(spec.getHooks());
    copy.setPaused(spec.getPaused());
    copy.setLane(spec.getLane());
    copy.setCooldown(spec.getCooldown());
    copy.setEmergency(spec.getEmergency());
    copy.setEmergencyReason(spec.getEmergencyReason());
    copy.setPostmortem(spec.getPostmortem());
    copy.setApprovals(spec.getApprovals());
    return copy;
  }

  /** The status name of a policy's required query. */
  public static String queryName(String policy, String query) {
    return "policy:" + policy + "/" + query;
  }

  private static final class Builder {
    final List<String> names = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    Rule<Duration> canaryObserve;
    Rule<Duration> rolloutObserve;
    Rule<Duration> maxInterval;
    Rule<Integer> maxCanaryReplicas;
    String emergencyForbiddenBy;
    String emergencyReasonRequiredBy;
    String pauseOnCloseBy;
    final List<LaunchWindows.Window> windows = new ArrayList<>();
    final List<AnalysisQuery> queries = new ArrayList<>();
    final List<AlertSelector> alerts = new ArrayList<>();
    final List<ApprovalRule> approvals = new ArrayList<>();
    final List<Rule<Integer>> concurrency = new ArrayList<>();
    final List<String> invalid = new ArrayList<>();

    void error(String policy, String message) {
      errors.add(message);
      if (!invalid.contains(policy)) {
        invalid.add(policy);
      }
    }

    void add(PolicyView p) {
      names.add(p.name());
      LaunchPolicySpec spec = p.spec();
      if (!spec.unknownFields().isEmpty()) {
        // A rule this operator cannot read might be the one that holds the launch: fail closed.
        error(p.name(), "LaunchPolicy " + p.name() + ": " + UnknownFields.problem(spec.unknownFields()));
      }
      PolicyMinimums m = spec.minimumsOrEmpty();
      canaryObserve = atLeast(canaryObserve, duration(p, "minimums.canaryObserve", m.getCanaryObserve(),
          t -> Durations.window(t, null)), p.name());
      rolloutObserve = atLeast(rolloutObserve, duration(p, "minimums.rolloutObserve", m.getRolloutObserve(),
          t -> Durations.window(t, null)), p.name());
      Duration interval = duration(p, "minimums.maxAnalysisInterval", m.getMaxAnalysisInterval(),
          t -> Durations.interval(t, null));
      if (interval != null && (maxInterval == null || interval.compareTo(maxInterval.value()) < 0)) {
        maxInterval = new Rule<>(interval, p.name());
      }
      Integer replicas = m.getMaxCanaryReplicas();
      if (replicas != null && (maxCanaryReplicas == null || replicas < maxCanaryReplicas.value())) {
        maxCanaryReplicas = new Rule<>(replicas, p.name());
      }
      if (!spec.emergencyOrDefault().allowed() && emergencyForbiddenBy == null) {
        emergencyForbiddenBy = p.name();
      }
      if (spec.emergencyOrDefault().requireReason() && emergencyReasonRequiredBy == null) {
        emergencyReasonRequiredBy = p.name();
      }
      if (spec.onWindowCloseOrDefault() == OnWindowClose.Pause && pauseOnCloseBy == null) {
        pauseOnCloseBy = p.name();
      }
      for (int i = 0; i < spec.windowsOrEmpty().size(); i++) {
        try {
          windows.add(LaunchWindows.compile(p.name(), i, spec.windowsOrEmpty().get(i)));
        } catch (IllegalArgumentException e) {
          error(p.name(), "LaunchPolicy " + p.name() + ": " + e.getMessage());
        }
      }
      for (AnalysisQuery q : spec.requiredOrEmpty().queriesOrEmpty()) {
        try {
          QueryTemplate.render(q.getExpr(), SAMPLE_VARS);
          q.forOrZero();
        } catch (IllegalArgumentException e) {
          error(p.name(), "LaunchPolicy " + p.name() + ": required.queries " + q.getName() + ": " + e.getMessage());
          continue;
        }
        AnalysisQuery named = new AnalysisQuery();
        named.setName(queryName(p.name(), q.getName()));
        named.setExpr(q.getExpr());
        named.setFor(q.getFor());
        named.setAction(q.getAction());
        queries.add(named);
      }
      for (var r : spec.approvalsOrEmpty()) {
        try {
          approvals.add(ApprovalRule.of(r, "LaunchPolicy " + p.name()));
        } catch (IllegalArgumentException e) {
          error(p.name(), "LaunchPolicy " + p.name() + ": " + e.getMessage());
        }
      }
      for (AlertSelector a : spec.requiredOrEmpty().alertsOrEmpty()) {
        AlertSelector named = new AlertSelector();
        named.setMatchLabels(a.getMatchLabels());
        named.setAction(a.getAction());
        named.setRequiredBy(p.name());
        alerts.add(named);
      }
      if (spec.getMaxConcurrentLaunches() != null) {
        concurrency.add(new Rule<>(spec.getMaxConcurrentLaunches(), p.name()));
      }
    }

    private Duration duration(PolicyView p, String rule, String text, Function<String, Duration> parse) {
      if (text == null || text.isBlank()) {
        return null;
      }
      try {
        return parse.apply(text);
      } catch (IllegalArgumentException e) {
        error(p.name(), "LaunchPolicy " + p.name() + ": " + rule + ": " + e.getMessage());
        return null;
      }
    }

    private static Rule<Duration> atLeast(Rule<Duration> current, Duration d, String policy) {
      return d != null && (current == null || d.compareTo(current.value()) > 0) ? new Rule<>(d, policy) : current;
    }

    CombinedPolicy build() {
      concurrency.sort(Comparator.comparing((Rule<Integer> r) -> r.value()).thenComparing(Rule::policy));
      return new CombinedPolicy(this);
    }
  }
}
