package io.launchplan.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchplan.analysis.model.AnalysisOutcome;
import io.launchplan.analysis.model.Verdict;
import io.launchplan.api.AnalysisQuery;
import io.launchplan.api.AnalysisSpec;
import io.launchplan.api.CanarySpec;
import io.launchplan.api.LaunchPlanSpec;
import io.launchplan.api.LaunchPlanStatus;
import io.launchplan.api.OnError;
import io.launchplan.api.Phase;
import io.launchplan.api.QueryStatus;
import io.launchplan.api.RolloutSpec;
import io.launchplan.api.TargetRef;
import io.launchplan.gates.CombinedPolicy;
import io.launchplan.gates.LaneView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Plans, statuses and observed worlds for the decision tests: one launch of revision {@link #REV}
 * onto Deployment {@code checkout}, whose stable template hashes to {@link #STABLE}. The clock is
 * always explicit.
 */
final class Fixtures {
  static final ObjectMapper JSON = new ObjectMapper();

  static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");
  static final String FREEZE = "namespace shop: incident INC-42";
  static final String TARGET = "checkout";
  static final String REV = "aaaaaaaaaa";
  static final String NEXT_REV = "bbbbbbbbbb";
  static final String STABLE = "5555555555";
  /** The target's template hash after the operator's patch. */
  static final String PATCHED = "7777777777";
  /** The target's template hash after someone else changed it. */
  static final String EDITED = "eeeeeeeeee";
  static final int REPLICAS = 3;

  static final Duration CANARY_OBSERVE = Duration.ofMinutes(2);
  static final Duration ROLLOUT_OBSERVE = Duration.ofMinutes(5);
  static final Duration INTERVAL = Duration.ofSeconds(10);

  private Fixtures() {}

  /** The clock {@code sinceT0} after {@link #T0}. */
  static Instant at(Duration sinceT0) {
    return T0.plus(sinceT0);
  }

  static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  /** A plan with one Revert query, a 2m canary window, a 5m rollout window and a 10s interval. */
  static LaunchPlanSpec spec() {
    LaunchPlanSpec spec = specWithoutChecks();
    AnalysisQuery query = new AnalysisQuery();
    query.setName("canary-5xx");
    query.setExpr("sum(rate(http_requests_total{code=~\"5..\"}[1m])) > 0");
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setInterval("10s");
    analysis.setQueries(List.of(query));
    spec.setAnalysis(analysis);
    return spec;
  }

  /** As {@link #spec()} with {@code analysis.onError: Revert}. */
  static LaunchPlanSpec specRevertingOnError() {
    LaunchPlanSpec spec = spec();
    spec.getAnalysis().setOnError(OnError.Revert);
    return spec;
  }

  /** As {@link #spec()} with {@code spec.paused: true}. */
  static LaunchPlanSpec pausedSpec() {
    LaunchPlanSpec spec = spec();
    spec.setPaused(true);
    return spec;
  }

  /** A plan with no queries and no alerts: the windows alone decide. */
  static LaunchPlanSpec specWithoutChecks() {
    LaunchPlanSpec spec = new LaunchPlanSpec();
    spec.setTargetRef(new TargetRef(TARGET));
    ObjectNode template = JSON.createObjectNode();
    template.putObject("spec").putArray("containers").addObject()
        .put("name", "app").put("image", "registry.example/checkout:2.4.1");
    spec.setTemplate(template);
    CanarySpec canary = new CanarySpec();
    canary.setObserve("2m");
    spec.setCanary(canary);
    RolloutSpec rollout = new RolloutSpec();
    rollout.setObserve("5m");
    spec.setRollout(rollout);
    return spec;
  }

  /**
   * A launch of {@link #REV} that entered {@code phase} at {@code since}, as the operator would
   * have written it (after RollingOut the target's patched hash is recorded).
   */
  static LaunchPlanStatus status(Phase phase, Instant since) {
    LaunchPlanStatus s = new LaunchPlanStatus();
    s.setPhase(phase);
    s.setRevision(REV);
    s.setReason(defaultReason(phase));
    s.setMessage("entered " + phase);
    s.setPhaseStartedAt(since.toString());
    if (phase != Phase.Pending) {
      s.setStableRevision(STABLE);
      s.setLaunchStartedAt(since.minus(Duration.ofMinutes(1)).toString());
    }
    if (phase == Phase.RollingOut || phase == Phase.Verifying) {
      s.setTargetTemplateHash(PATCHED);
    }
    return s;
  }

  /** A launch that was in {@code from} and is held by {@code reason} since {@code since}. */
  static LaunchPlanStatus paused(Phase from, String reason, Instant since) {
    LaunchPlanStatus s = status(from, since.minusSeconds(30));
    s.setPhase(Phase.Paused);
    s.setPausedFrom(from);
    s.setReason(reason);
    s.setMessage("held by " + reason);
    s.setPhaseStartedAt(since.toString());
    return s;
  }

  private static String defaultReason(Phase phase) {
    return switch (phase) {
      case Pending -> "Waiting";
      case Canary -> "LaunchStarted";
      case Observing -> "CanaryReady";
      case RollingOut -> "Promoted";
      case Verifying -> "RolledOut";
      case Paused -> "ManualPause";
      case Reverting -> "AnalysisRevert";
      case Reverted -> "AnalysisRevert";
      case Succeeded -> "Verified";
    };
  }

  static TargetView stableTarget() {
    return new TargetView(REPLICAS, STABLE, null, true, false);
  }

  /** The target with this launch's patch on it; {@code rolledOut} once every replica runs it. */
  static TargetView patchedTarget(boolean rolledOut) {
    return new TargetView(REPLICAS, PATCHED, REV, rolledOut, false);
  }

  static TargetView editedTarget() {
    return new TargetView(REPLICAS, EDITED, null, true, false);
  }

  static CanaryView readyCanary() {
    return new CanaryView(REV, 1, 1);
  }

  static CanaryView startingCanary() {
    return new CanaryView(REV, 1, 0);
  }

  static AnalysisOutcome pass() {
    return new AnalysisOutcome(List.of(new QueryStatus("canary-5xx", null, false, null, null)), Verdict.PASS, null,
        "all 1 checks quiet");
  }

  static AnalysisOutcome pause() {
    return firing(Verdict.PAUSE, "query canary-5xx fired (value 0.2); pausing");
  }

  static AnalysisOutcome revert() {
    return firing(Verdict.REVERT, "query canary-5xx fired (value 0.2)");
  }

  static AnalysisOutcome error() {
    return new AnalysisOutcome(List.of(new QueryStatus("canary-5xx", null, false, null, "connection refused")),
        Verdict.ERROR, "canary-5xx", "query canary-5xx failed: connection refused");
  }

  private static AnalysisOutcome firing(Verdict verdict, String message) {
    return new AnalysisOutcome(List.of(new QueryStatus("canary-5xx", "0.2", true, T0.toString(), null)), verdict,
        "canary-5xx", message);
  }

  /** What the cluster shows for a launch that stands in {@code phase} (Paused: its pausedFrom). */
  static World world(Phase phase, Instant now) {
    World w = new World(now).target(stableTarget());
    return switch (phase) {
      case Pending, Succeeded, Reverted, Reverting, Paused -> w;
      case Canary -> w.canary(startingCanary());
      case Observing -> w.canary(readyCanary());
      case RollingOut -> w.target(patchedTarget(false)).canary(readyCanary());
      case Verifying -> w.target(patchedTarget(true));
    };
  }

  /** JSON text of any value, to compare objects that have no equals (statuses, history entries). */
  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A builder for {@link Observation}: what the cluster and Prometheus show at one instant. */
  static final class World {
    private Instant now;
    private String revision = REV;
    private String specError;
    private TargetView target;
    private CanaryView canary;
    private AnalysisOutcome analysis;
    private String freeze;
    private LaneView lane;
    private Controls controls = Controls.NONE;
    private String canaryNameTaken;
    private TargetPlans targetPlans;
    private int canaryPods = -1;
    private CombinedPolicy policy;
    private io.launchplan.gates.ApprovalGate.Verdict approvals;
    private CheckFindings checks = CheckFindings.NONE;

    World(Instant now) {
      this.now = now;
    }

    World at(Instant now) { this.now = now; return this; }
    World revision(String revision) { this.revision = revision; return this; }
    World specError(String specError) { this.specError = specError; return this; }
    World target(TargetView target) { this.target = target; return this; }
    World canary(CanaryView canary) { this.canary = canary; return this; }
    World analysis(AnalysisOutcome analysis) { this.analysis = analysis; return this; }
    World freeze(String freeze) { this.freeze = freeze; return this; }
    World lane(LaneView lane) { this.lane = lane; return this; }
    World canaryNameTaken(String holder) { this.canaryNameTaken = holder; return this; }
    World targetPlans(TargetPlans plans) { this.targetPlans = plans; return this; }
    World canaryPods(int count) { this.canaryPods = count; return this; }
    World policy(CombinedPolicy combined) { this.policy = combined; return this; }
    World approvals(io.launchplan.gates.ApprovalGate.Verdict verdict) { this.approvals = verdict; return this; }
    World checks(CheckFindings findings) { this.checks = findings; return this; }
    World promote(String value) {
      controls = new Controls(value, "kubectl-annotate", controls.abort(), controls.abortBy());
      return this;
    }
    World abort(String value) {
      controls = new Controls(controls.promote(), controls.promoteBy(), value, "kubectl-annotate");
      return this;
    }

    Observation observe() {
      return new Observation(now, revision, specError, target, canary, analysis, freeze, lane, controls, 0,
          canaryNameTaken, targetPlans, canaryPods, policy, approvals, checks);
    }
  }
}
