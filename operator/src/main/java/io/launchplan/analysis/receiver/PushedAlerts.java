package io.launchplan.analysis.receiver;

import io.launchplan.analysis.AlertQuery;
import io.launchplan.analysis.model.AnalysisOutcome;
import io.launchplan.analysis.model.Verdict;
import io.launchplan.api.Action;
import io.launchplan.api.AlertSelector;
import io.launchplan.api.LaunchPlan;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.Phase;
import io.launchplan.api.QueryStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The firing alerts Alertmanager pushed, by fingerprint, and what they mean for a plan.
 *
 * <p>An alert leaves the registry when Alertmanager sends it resolved, or {@code ttl} after its
 * last push (Alertmanager re-sends firing alerts every {@code repeat_interval}; a lost "resolved"
 * must not hold a launch for ever). A push wakes the plans it concerns through the
 * {@link PlanWaker}; their reconcile then asks {@link #outcomeFor} and treats a matching pushed
 * alert exactly as its selector firing in a poll: Revert (the default) reverts, Pause pauses.
 * A pushed alert can only stop a launch, never let one pass: promotion still needs a poll tick.
 */
public final class PushedAlerts {
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

  private final Clock clock;
  private final Duration ttl;
  private final Map<String, PushedAlert> firing = new ConcurrentHashMap<>();
  private volatile PlanWaker waker;
  private volatile Runnable afterReceive = () -> {};
  private volatile Function<LaunchPlan, LaunchPlanSpec> judgedBy = LaunchPlan::getSpec;

  public PushedAlerts(Clock clock, Duration ttl) {
    this.clock = Objects.requireNonNull(clock);
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
    this.ttl = ttl;
  }

  /** What one push did. */
  public record Receipt(int firing, int resolved, int plansWoken) {}

  /** Connects the registry to the controller; set once the controller's event sources exist. */
  public void wakeWith(PlanWaker waker) {
    this.waker = waker;
  }

  /** Called after every push is recorded (the cluster-wide freeze by alert looks at the registry then). */
  public void afterReceive(Runnable afterReceive) {
    this.afterReceive = Objects.requireNonNull(afterReceive);
  }

  /** Whether a push can act now; when not, the receiver answers 503 so that Alertmanager retries. */
  public boolean accepting() {
    PlanWaker w = waker;
    return w != null && w.running();
  }

  /**
   * How to find the spec a plan's launch is judged by (its own, with its LaunchPolicies' required alert
   * selectors), so a push for a required selector wakes the plans it concerns. Default: the plan's own.
   */
  public void judgeWith(Function<LaunchPlan, LaunchPlanSpec> judgedBy) {
    this.judgedBy = judgedBy;
  }

  /** Records the alerts of one push and wakes the plans its firing alerts concern. */
  public Receipt receive(List<WebhookAlert> alerts) {
    Instant now = clock.instant();
    List<PushedAlert> nowFiring = new ArrayList<>();
    int resolved = 0;
    for (WebhookAlert a : alerts) {
      if (!a.firing()) {
        resolved += firing.remove(a.fingerprint()) != null ? 1 : 0;
        continue;
      }
      PushedAlert kept = firing.compute(a.fingerprint(), (fp, old) -> new PushedAlert(fp, a.labels(), a.startsAt(),
          old != null ? old.firstReceivedAt() : now, now));
      nowFiring.add(kept);
    }
    expire(now);
    PlanWaker w = waker;
    Function<LaunchPlan, LaunchPlanSpec> judgedBy = this.judgedBy;
    int woken = nowFiring.isEmpty() || w == null ? 0
        : w.wake(plan -> concerns(plan, judgedBy.apply(plan), nowFiring));
    afterReceive.run();
    return new Receipt(nowFiring.size(), resolved, woken);
  }

  /** The alerts firing now (expired ones dropped). */
  public List<PushedAlert> firing() {
    expire(clock.instant());
    return List.copyOf(firing.values());
  }

  /**
   * What the pushed alerts say about {@code plan} now, as an analysis outcome: REVERT or PAUSE
   * (per the action of the matching selector; Revert wins) with the matching selectors' status
   * entries set firing on top of {@code previous}. Null when no pushed alert matches, or when the
   * plan is in no phase whose checks count.
   *
   * @param previous the check statuses to build on: this reconcile's poll, else the plan's status
   */
  public AnalysisOutcome outcomeFor(LaunchPlan plan, List<QueryStatus> previous, Instant now) {
    return outcomeFor(plan, plan.getSpec(), previous, now);
  }

  /**
   * As {@link #outcomeFor(LaunchPlan, List, Instant)}, matching the alert selectors of {@code spec}: the
   * spec the launch is judged by, with the required alert selectors of its LaunchPolicies.
   */
  public AnalysisOutcome outcomeFor(LaunchPlan plan, LaunchPlanSpec spec, List<QueryStatus> previous, Instant now) {
    if (spec == null || !judged(plan.getStatus())) {
      return null;
    }
    List<PushedAlert> alerts = firing.values().stream()
        .filter(a -> !a.lastReceivedAt().plus(ttl).isBefore(now)).toList();
    if (alerts.isEmpty()) {
      return null;
    }
    Map<String, QueryStatus> statuses = new LinkedHashMap<>();
    if (previous != null) {
      previous.stream().filter(s -> s != null && s.getName() != null).forEach(s -> statuses.putIfAbsent(s.getName(), s));
    }
    List<Match> matches = new ArrayList<>();
    selectors(spec).forEach((name, selector) -> alerts.stream()
        .filter(a -> matches(selector, a.labels())).findFirst()
        .ifPresent(a -> matches.add(new Match(name, selector.actionOrDefault(), a))));
    if (matches.isEmpty()) {
      return null;
    }
    for (Match m : matches) {
      QueryStatus last = statuses.get(m.checkName());
      String since = last != null && last.firing() && last.getSince() != null ? last.getSince() : now.toString();
      statuses.put(m.checkName(), new QueryStatus(m.checkName(), "1", true, since, null));
    }
    Match by = matches.stream().filter(m -> m.action() == Action.Revert).findFirst().orElse(matches.get(0));
    long others = matches.stream().filter(m -> m != by && m.action() == by.action()).count();
    String message = by.checkName() + " fired (pushed by Alertmanager at " + by.alert().firstReceivedAt() + ": "
        + describe(by.alert().labels()) + ")" + (others == 0 ? "" : " (and " + others + " more)");
    return new AnalysisOutcome(new ArrayList<>(statuses.values()),
        by.action() == Action.Revert ? Verdict.REVERT : Verdict.PAUSE, by.checkName(), message);
  }

  /**
   * Merges this reconcile's poll (null when no tick was due) with the pushed outcome (null when
   * nothing pushed matches). Same precedence as the poll: Revert, then an unanswered check, then
   * Pause. The statuses are the pushed outcome's, which were built on the poll's.
   */
  public static AnalysisOutcome combine(AnalysisOutcome polled, AnalysisOutcome pushed) {
    if (pushed == null) {
      return polled;
    }
    if (polled == null || pushed.verdict() == Verdict.REVERT) {
      return pushed;
    }
    if (polled.verdict() == Verdict.REVERT || polled.verdict() == Verdict.ERROR) {
      return new AnalysisOutcome(pushed.statuses(), polled.verdict(), polled.decidedBy(), polled.message());
    }
    return pushed;
  }

  /** Whether a push of {@code alerts} should wake {@code plan}: it is being judged and a selector matches. */
  public static boolean concerns(LaunchPlan plan, Collection<PushedAlert> alerts) {
    return concerns(plan, plan.getSpec(), alerts);
  }

  /** As {@link #concerns(LaunchPlan, Collection)}, with the selectors of {@code spec}, the spec the launch is judged by. */
  public static boolean concerns(LaunchPlan plan, LaunchPlanSpec spec, Collection<PushedAlert> alerts) {
    if (spec == null || !judged(plan.getStatus())) {
      return false;
    }
    return selectors(spec).values().stream()
        .anyMatch(s -> alerts.stream().anyMatch(a -> matches(s, a.labels())));
  }

  /** A plan's checks count while it runs an analysed phase, or is Paused from one. */
  static boolean judged(LaunchPlanStatus status) {
    if (status == null || status.getPhase() == null) {
      return false;
    }
    Phase phase = status.getPhase() == Phase.Paused
        ? Objects.requireNonNullElse(status.getPausedFrom(), Phase.Canary) : status.getPhase();
    return phase.isAnalysed();
  }

  /**
   * The plan's valid enforced alert selectors by status name, numbered as the poll numbers them
   * ({@code alert:k=v}, then {@code alert:k=v#2} for a repeat); invalid ones are skipped here
   * (the poll reports them).
   */
  private static Map<String, AlertSelector> selectors(LaunchPlanSpec spec) {
    Map<String, AlertSelector> byName = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (AlertSelector s : spec.analysisOrDefault().alertsOrEmpty()) {
      try {
        String base = AlertQuery.checkName(s);
        int n = seen.merge(base, 1, Integer::sum);
        if (!s.shadow()) { // a shadow selector is only polled and shown: a push never acts for it
          byName.put(n == 1 ? base : base + "#" + n, s);
        }
      } catch (IllegalArgumentException e) {
        // an invalid selector never matches; the poll names the problem
      }
    }
    return byName;
  }

  private static boolean matches(AlertSelector selector, Map<String, String> labels) {
    try {
      return AlertQuery.matches(selector, labels);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String describe(Map<String, String> labels) {
    String text = new TreeMap<>(labels).entrySet().stream().limit(6)
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    return labels.size() > 6 ? text + ", ..." : text;
  }

  private void expire(Instant now) {
    firing.values().removeIf(a -> a.lastReceivedAt().plus(ttl).isBefore(now));
  }

  private record Match(String checkName, Action action, PushedAlert alert) {}
}
