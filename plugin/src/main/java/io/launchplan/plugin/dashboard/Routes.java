package io.launchplan.plugin.dashboard;

import io.launchplan.api.LaunchPlan;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** What the dashboard answers: the overview, a plan, its charts' data, the buttons, the event streams. */
final class Routes {
  private final PlanHub hub;
  private final Actions actions;
  private final PrometheusRange prometheus;
  private final Clock clock;

  Routes(PlanHub hub, Actions actions, PrometheusRange prometheus, Clock clock) {
    this.hub = hub;
    this.actions = actions;
    this.prometheus = prometheus;
    this.clock = clock;
  }

  record Reply(int code, String json) {
    static Reply ok(Object value) {
      return new Reply(200, Json.write(value));
    }

    static Reply error(int code, String message) {
      return new Reply(code, Json.write(Map.of("message", message)));
    }
  }

  /** The overview: what is followed, why less than asked when so, and the lanes. */
  record OverviewReply(String scope, String notice, boolean watching, List<Overview.Lane> lanes) {}

  /** One chart's data: the chart and, per series, Prometheus' answer. */
  record ChartData(ChartQueries.Chart chart, List<PrometheusRange.Answer> answers) {}

  record SeriesReply(String from, String to, long step, List<ChartData> charts) {}

  Reply get(List<String> s) {
    if (s.equals(List.of("overview"))) {
      return Reply.ok(overview(null));
    }
    if (s.size() >= 3 && s.get(0).equals("plans")) {
      LaunchPlan plan = hub.plan(s.get(1), s.get(2));
      if (plan == null) {
        return Reply.error(404, "launchplans.launchplan.io \"" + s.get(2) + "\" not found in namespace " + s.get(1)
            + " (or not readable with this kubeconfig)");
      }
      if (s.size() == 3) {
        return Reply.ok(PlanPage.of(plan, clock.instant()));
      }
      if (s.size() == 4 && s.get(3).equals("series")) {
        return Reply.ok(series(plan));
      }
    }
    return Reply.error(404, "no such API: /" + String.join("/", s));
  }

  Reply post(List<String> s, String body) {
    if (s.size() != 4 || !s.get(0).equals("plans")) {
      return Reply.error(404, "no such API: /" + String.join("/", s));
    }
    String ns = s.get(1);
    String name = s.get(2);
    Map<?, ?> args = body.isBlank() ? Map.of() : Json.read(body, Map.class);
    Actions.Outcome o = switch (s.get(3)) {
      case "promote" -> actions.promote(ns, name);
      case "abort" -> actions.abort(ns, name, args.get("reason") == null ? null : String.valueOf(args.get("reason")));
      case "pause" -> actions.pause(ns, name, true);
      case "resume" -> actions.pause(ns, name, false);
      default -> new Actions.Outcome(false, 404, "no such action: " + s.get(3));
    };
    return new Reply(o.code(), Json.write(o));
  }

  private OverviewReply overview(Set<String> lanes) {
    return new OverviewReply(hub.scope(), hub.notice(), hub.watching(), Overview.lanes(hub.plans(), lanes, clock.instant()));
  }

  private SeriesReply series(LaunchPlan plan) {
    PlanPage.View view = PlanPage.of(plan, clock.instant());
    Instant from = Instant.parse(view.from());
    Instant to = Instant.parse(view.to());
    String planUrl = plan.getSpec() == null || plan.getSpec().getAnalysis() == null || plan.getSpec().getAnalysis().getPrometheus() == null
        ? null : plan.getSpec().getAnalysis().getPrometheus().getUrl();
    URI base = prometheus.baseFor(planUrl);
    List<ChartData> charts = new ArrayList<>();
    for (ChartQueries.Chart c : view.charts()) {
      List<PrometheusRange.Answer> answers = c.series().stream().map(series -> prometheus.range(base, series.expr(), from, to)).toList();
      charts.add(new ChartData(c, answers));
    }
    return new SeriesReply(view.from(), view.to(), PrometheusRange.step(from, to).toSeconds(), charts);
  }

  /**
   * An event stream: for the overview ({@code plan} null) an {@code overview} event with every lane,
   * then {@code lanes} events with the lanes whose plans changed (an empty lane: it is gone); for a
   * plan ({@code namespace/name}) a {@code plan} event with its page at each change, {@code gone}
   * when it was deleted.
   */
  void stream(String plan, OutputStream out, BooleanSupplier running) throws IOException, InterruptedException {
    if (plan != null) {
      EventStream events = new EventStream(plan::equals);
      hub.listen(events);
      try {
        events.pump(out, planEvent(plan), keys -> planEvent(plan), running);
      } finally {
        hub.unlisten(events);
      }
      return;
    }
    Map<String, String> laneOfKey = new HashMap<>(); // the lane each plan was last shown in, to empty it when it leaves
    EventStream events = new EventStream(k -> true);
    hub.listen(events);
    try {
      OverviewReply all = overview(null);
      remember(laneOfKey, all.lanes());
      events.pump(out, EventStream.event("overview", Json.write(all)), keys -> {
        Set<String> lanes = new HashSet<>();
        for (String key : keys) {
          String[] nn = key.split("/", 2);
          LaunchPlan p = hub.plan(nn[0], nn[1]);
          if (p != null) {
            lanes.add(Overview.laneKey(p));
          }
          String before = p == null ? laneOfKey.remove(key) : laneOfKey.get(key);
          if (before != null) {
            lanes.add(before);
          }
        }
        OverviewReply changed = overview(lanes);
        remember(laneOfKey, changed.lanes());
        List<Overview.Lane> withGone = new ArrayList<>(changed.lanes());
        Set<String> present = new HashSet<>();
        changed.lanes().forEach(l -> present.add(l.key()));
        lanes.stream().filter(l -> !present.contains(l)).sorted().forEach(l -> withGone.add(new Overview.Lane(l, null, null, List.of())));
        return EventStream.event("lanes", Json.write(new OverviewReply(hub.scope(), hub.notice(), hub.watching(), withGone)));
      }, running);
    } finally {
      hub.unlisten(events);
    }
  }

  private static void remember(Map<String, String> laneOfKey, List<Overview.Lane> lanes) {
    for (Overview.Lane l : lanes) {
      for (Overview.Row r : l.rows()) {
        laneOfKey.put(r.key(), l.key());
      }
    }
  }

  private String planEvent(String key) {
    String[] nn = key.split("/", 2);
    LaunchPlan p = nn.length == 2 ? hub.plan(nn[0], nn[1]) : null;
    return p == null ? EventStream.event("gone", Json.write(Map.of("key", key)))
        : EventStream.event("plan", Json.write(PlanPage.of(p, clock.instant())));
  }
}
