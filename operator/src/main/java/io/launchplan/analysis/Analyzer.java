package io.launchplan.analysis;

import io.launchplan.analysis.model.AnalysisOutcome;
import io.launchplan.analysis.model.QueryVariables;
import io.launchplan.analysis.model.Verdict;
import io.launchplan.api.Action;
import io.launchplan.api.AnalysisQuery;
import io.launchplan.api.AnalysisSpec;
import io.launchplan.api.CheckMode;
import io.launchplan.api.QueryStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Runs all of a plan's queries and alert selectors for one tick and says what they mean.
 *
 * <p>A check FIRES when its PromQL returns any sample (of an instant vector: any other result type is
 * an error, see {@link PrometheusResponses}), and ACTS once it has fired without a break
 * for its {@code for} duration (counted from {@code since}, carried in status between ticks).
 * Verdict precedence: an acting Revert check → {@link Verdict#REVERT}; else a check without an
 * answer → {@link Verdict#ERROR}; else an acting Pause check → {@link Verdict#PAUSE}; else
 * {@link Verdict#PASS}. Never promote without data, but a firing revert signal still wins.
 *
 * <p>A check that has no answer this tick keeps its previous {@code firing} and {@code since}, as
 * Prometheus' rule evaluation keeps pending alerts on an error: one failed scrape of the API must
 * not restart a {@code for} wait. It does not act until it answers again.
 *
 * <p>A shadow check ({@code mode: Shadow}) is evaluated like the others and never counts toward the
 * verdict, neither by firing nor by failing: its status entry says what it would have done
 * ({@code wouldHave}) and since when ({@code wouldHaveAt}, kept for the rest of the launch).
 *
 * <p>Checks are sent one after another. When nothing answers at all (connection refused,
 * timeout) the remaining checks are not sent and get the same error, so an unreachable Prometheus
 * costs one timeout per tick, not one per check. Apart from the injected client this is pure.
 */
public final class Analyzer {
  /** Stand-in variables for {@link #validate}: any well-formed values do. */
  private static final QueryVariables SAMPLE_VARS =
      new QueryVariables("namespace", "target", List.of("canary-0"), List.of("stable-0"), "revision");

  private final PrometheusClient client;

  public Analyzer(PrometheusClient client) {
    this.client = Objects.requireNonNull(client);
  }

  /**
   * Checks what can be checked without Prometheus (known variables, label names, durations, the
   * Prometheus URL and its host), e.g. to report an invalid spec before a launch starts.
   *
   * @param urls which Prometheus URLs plans may name (the operator's setting)
   * @throws IllegalArgumentException naming the offending check
   */
  public static void validate(AnalysisSpec spec, PrometheusUrls urls) {
    Check.compile(spec, SAMPLE_VARS);
    prometheusUrl(spec, urls);
  }

  /**
   * Where the plan's queries go: its {@code prometheus.url} if set (checked by {@code urls}:
   * well-formed, an allowed host), else the operator's default.
   *
   * @throws IllegalArgumentException naming {@code prometheus.url} and what is wrong with it
   */
  public static URI prometheusUrl(AnalysisSpec spec, PrometheusUrls urls) {
    String url = spec.getPrometheus() == null ? null : spec.getPrometheus().getUrl();
    if (url == null) {
      return urls.defaultUrl();
    }
    try {
      return urls.resolve(url, urls.defaultUrl());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("prometheus.url " + e.getMessage(), e);
    }
  }

  /**
   * Evaluates every check of {@code spec} once.
   *
   * @param prometheusUrl where to send the queries (the plan's, or the operator's default)
   * @param vars what to substitute into the query text
   * @param previous the status entries of the last tick (for {@code since}); may be null or empty
   * @param now the time of this tick
   * @throws IllegalArgumentException when the spec is invalid (see {@link #validate}); nothing is sent then
   */
  public AnalysisOutcome evaluate(AnalysisSpec spec, URI prometheusUrl, QueryVariables vars,
      List<QueryStatus> previous, Instant now) {
    return evaluate(spec, prometheusUrl, vars, previous, now, null);
  }

  /**
   * As above, for a tick in the interval slot starting at {@code tickSlot}: every plan ticking in the
   * same slot may share one answer per query text (see {@link CoalescingPrometheusClient}). Null for
   * a tick off the schedule (a launch's first tick, the tick at a window's end), which asks afresh.
   */
  public AnalysisOutcome evaluate(AnalysisSpec spec, URI prometheusUrl, QueryVariables vars,
      List<QueryStatus> previous, Instant now, Instant tickSlot) {
    return evaluate(spec, () -> PrometheusEndpoint.of(Objects.requireNonNull(prometheusUrl, "prometheusUrl")), vars,
        previous, now, tickSlot);
  }

  /** Where a tick's queries go; asked only when there is something to ask (it may read Secrets). */
  @FunctionalInterface
  public interface EndpointSource {
    /** @throws PrometheusException ({@link PrometheusException.Kind#CONNECTION_SETUP}) naming what is missing */
    PrometheusEndpoint get() throws PrometheusException;
  }

  /**
   * As above, sending to the endpoint {@code endpoint} gives (its URL, credentials, TLS and timeout).
   * When it cannot give one, every check has that error and nothing is sent.
   */
  public AnalysisOutcome evaluate(AnalysisSpec spec, EndpointSource endpoint, QueryVariables vars,
      List<QueryStatus> previous, Instant now, Instant tickSlot) {
    List<Check> checks = Check.compile(spec, vars);
    if (checks.isEmpty()) {
      return new AnalysisOutcome(List.of(), Verdict.PASS, null, "no analysis checks");
    }
    PrometheusEndpoint target;
    PrometheusException noAnswer = null;
    try {
      target = endpoint.get();
    } catch (PrometheusException e) {
      target = null;
      noAnswer = e;
    }
    Map<String, QueryStatus> before = byName(previous);
    List<Evaluation> evaluations = new ArrayList<>(checks.size());
    for (Check check : checks) {
      QueryStatus last = before.get(check.name());
      if (noAnswer != null) {
        evaluations.add(failed(check, last, noAnswer, now));
        continue;
      }
      try {
        evaluations.add(answered(check, last, client.query(target, check.promql(), tickSlot), now));
      } catch (PrometheusException e) {
        evaluations.add(failed(check, last, e, now));
        if (e.noAnswer()) {
          noAnswer = e;
        }
      }
    }
    return outcome(evaluations);
  }

  /** One check's result in this tick: exactly one of {@code result} and {@code error} is set. */
  private record Evaluation(Check check, QueryStatus status, QueryResult result, PrometheusException error,
      Duration firingFor) {
    boolean firing() { return result != null && result.hasSamples(); }
    boolean acts() { return firing() && firingFor.compareTo(check.forDuration()) >= 0; }
  }

  private static Evaluation answered(Check check, QueryStatus last, QueryResult result, Instant now) {
    if (!result.hasSamples()) {
      QueryStatus quiet = new QueryStatus(check.name(), null, false, null, null);
      return shadowed(new Evaluation(check, quiet, result, null, Duration.ZERO), last, now);
    }
    Instant since = firingSince(last, now);
    QueryStatus status = new QueryStatus(check.name(), result.samples().get(0).valueText(), true, since.toString(), null);
    return shadowed(new Evaluation(check, status, result, null, nonNegative(Duration.between(since, now))), last, now);
  }

  private static Evaluation failed(Check check, QueryStatus last, PrometheusException e, Instant now) {
    boolean wasFiring = last != null && last.firing();
    String since = wasFiring ? firingSince(last, now).toString() : null;
    QueryStatus status = new QueryStatus(check.name(), null, wasFiring, since, e.getMessage());
    return shadowed(new Evaluation(check, status, null, e, Duration.ZERO), last, now);
  }

  /**
   * A shadow check's entry: marked {@code Shadow}, with what it would have done once it acts, and
   * the first time it would have (kept from the last tick, so it survives the check clearing).
   */
  private static Evaluation shadowed(Evaluation e, QueryStatus last, Instant now) {
    if (!e.check().shadow()) {
      return e;
    }
    QueryStatus s = e.status();
    s.setMode(CheckMode.Shadow);
    if (last != null && last.getWouldHaveAt() != null) {
      s.setWouldHave(last.getWouldHave());
      s.setWouldHaveAt(last.getWouldHaveAt());
    }
    if (e.acts() && s.getWouldHaveAt() == null) {
      s.setWouldHave(e.check().action());
      s.setWouldHaveAt(now.toString());
    } else if (e.acts() && e.check().action() == Action.Revert) {
      s.setWouldHave(Action.Revert); // a Pause it would have made earlier became a Revert
    }
    return e;
  }

  /** When the check started firing: kept from the last tick if it was firing then, else now. */
  private static Instant firingSince(QueryStatus last, Instant now) {
    if (last == null || !last.firing() || last.getSince() == null) {
      return now;
    }
    try {
      Instant since = Instant.parse(last.getSince());
      return since.isAfter(now) ? now : since; // a clock step back must not make the wait longer
    } catch (DateTimeParseException e) {
      return now; // someone edited status by hand; start counting again
    }
  }

  private static AnalysisOutcome outcome(List<Evaluation> all) {
    List<QueryStatus> statuses = all.stream().map(Evaluation::status).toList();
    // Shadow checks are shown, never counted.
    List<Evaluation> evaluations = all.stream().filter(e -> !e.check().shadow()).toList();
    String shadows = shadowNote(all);
    if (evaluations.isEmpty()) {
      return new AnalysisOutcome(statuses, Verdict.PASS, null, "only shadow checks" + shadows);
    }
    Optional<Evaluation> revert = first(evaluations, e -> e.acts() && e.check().action() == Action.Revert);
    if (revert.isPresent()) {
      return decided(statuses, Verdict.REVERT, revert.get(), firedMessage(revert.get()), evaluations);
    }
    Optional<Evaluation> error = first(evaluations, e -> e.error() != null);
    if (error.isPresent()) {
      return decided(statuses, Verdict.ERROR, error.get(), errorMessage(error.get()), evaluations);
    }
    Optional<Evaluation> pause = first(evaluations, e -> e.acts() && e.check().action() == Action.Pause);
    if (pause.isPresent()) {
      return decided(statuses, Verdict.PAUSE, pause.get(), firedMessage(pause.get()), evaluations);
    }
    return new AnalysisOutcome(statuses, Verdict.PASS, null, passMessage(evaluations) + shadows);
  }

  /** {@code "; shadow query x would have reverted at T"} for each shadow check that would have acted, or "". */
  private static String shadowNote(List<Evaluation> all) {
    StringBuilder note = new StringBuilder();
    for (Evaluation e : all) {
      QueryStatus s = e.status();
      if (e.check().shadow() && s.getWouldHaveAt() != null) {
        note.append("; ").append(e.check().label()).append(" would have ")
            .append(s.getWouldHave() == Action.Revert ? "reverted" : "paused").append(" at ").append(s.getWouldHaveAt());
      }
    }
    return note.toString();
  }

  /** The outcome named after {@code by}, noting how many other checks would have said the same. */
  private static AnalysisOutcome decided(List<QueryStatus> statuses, Verdict verdict, Evaluation by, String message,
      List<Evaluation> all) {
    long others = all.stream().filter(e -> e != by && sameKind(e, by)).count();
    String more = others == 0 ? "" : " (and " + others + " more)";
    return new AnalysisOutcome(statuses, verdict, by.check().name(), message + more);
  }

  private static boolean sameKind(Evaluation e, Evaluation by) {
    if (by.error() != null) {
      return e.error() != null;
    }
    return e.acts() && e.check().action() == by.check().action();
  }

  private static Optional<Evaluation> first(List<Evaluation> evaluations, Predicate<Evaluation> test) {
    return evaluations.stream().filter(test).findFirst();
  }

  private static String firedMessage(Evaluation e) {
    Check c = e.check();
    String held = c.forDuration().isZero() ? ""
        : " for " + Messages.duration(e.firingFor()) + " ≥ for " + Messages.duration(c.forDuration());
    return c.label() + " fired (" + Messages.firstValue(c, e.result()) + ")" + held;
  }

  private static String errorMessage(Evaluation e) {
    return switch (e.error().kind()) {
      case REJECTED -> e.check().label() + " rejected by Prometheus: " + e.error().getMessage();
      case UNREACHABLE, BAD_RESPONSE, NOT_A_VECTOR, CONNECTION_SETUP -> e.check().label() + ": " + e.error().getMessage();
    };
  }

  /** Says which firing checks are still inside their {@code for}, since that is what comes next. */
  private static String passMessage(List<Evaluation> evaluations) {
    List<String> waiting = evaluations.stream().filter(Evaluation::firing)
        .map(e -> e.check().label() + " firing for " + Messages.duration(e.firingFor())
            + ", acts after " + Messages.duration(e.check().forDuration()))
        .toList();
    if (waiting.isEmpty()) {
      return evaluations.size() == 1 ? "1 check quiet" : "all " + evaluations.size() + " checks quiet";
    }
    return String.join("; ", waiting);
  }

  private static Map<String, QueryStatus> byName(List<QueryStatus> previous) {
    Map<String, QueryStatus> map = new HashMap<>();
    if (previous != null) {
      previous.stream().filter(s -> s != null && s.getName() != null).forEach(s -> map.putIfAbsent(s.getName(), s));
    }
    return map;
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
