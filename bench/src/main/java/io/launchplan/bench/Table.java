package io.launchplan.bench;

import java.util.List;
import java.util.Map;

/** The short table {@code make bench} prints at the end, from the report's figures. */
final class Table {
  private Table() {}

  @SuppressWarnings("unchecked")
  static String render(Map<String, Object> report) {
    StringBuilder out = new StringBuilder();
    var footprint = (List<Map<String, Object>>) report.get("footprint");
    if (footprint != null && !footprint.isEmpty()) {
      out.append("\nFootprint (image JVM options; window after 60 s of settling)\n");
      out.append(String.format("%-7s %-6s %-14s %-14s %-8s %-8s %-13s %s%n", "state", "plans", "RSS MB (peak)",
          "heap MB live", "threads", "CPU s", "API requests", "queries"));
      for (var f : footprint) {
        out.append(f.containsKey("error") ? "failed: " + f.get("error") + "\n"
            : String.format("%-7s %-6s %-14s %-14s %-8s %-8s %-13s %s%n", f.get("state"), f.get("plans"),
                f.get("rss_mb") + " (" + f.get("rss_peak_mb") + ")", f.get("heap_live_mb"), f.get("threads"),
                f.get("cpu_seconds"), f.get("api_requests"), f.get("prometheus_queries") + " in " + f.get("window_s") + " s"));
      }
    }
    var latency = (List<Map<String, Object>>) report.get("latency");
    if (latency != null && !latency.isEmpty()) {
      out.append("\nDetect-to-revert, seconds p50 / p95 / max (R runs per analysis interval)\n");
      out.append(String.format("%-9s %-6s %-22s %-22s %-22s %s%n", "interval", "runs", "(a) source->firing",
          "(b) firing->deleted", "operator share", "end to end"));
      for (var l : latency) {
        out.append(String.format("%-9s %-6s %-22s %-22s %-22s %s%n", l.get("interval_s") + " s",
            l.get("completed") + "/" + l.get("runs"), triple(l, "source_to_firing"), triple(l, "firing_to_deleted"),
            triple(l, "operator_share"), triple(l, "end_to_end")));
      }
    }
    var push = (Map<String, Object>) report.get("push");
    if (push != null) {
      out.append(push.get("skipped") != null
          ? "Alertmanager push, end to end: null (" + push.get("skipped") + ")\n"
          : "Alertmanager push (interval 60 s), end to end p50 / p95 / max: " + triple(push, "end_to_end") + " s\n");
    }
    var capacity = (List<Map<String, Object>>) report.get("capacity");
    if (capacity != null && !capacity.isEmpty()) {
      out.append("\nCapacity: 10 s interval, 2 queries per plan, all plans Observing"
          + " (medians when a size ran more than once: runs)\n");
      out.append(String.format("%-6s %-5s %-15s %-10s %-14s %-14s %-6s %-6s %-22s %-9s %s%n", "plans", "runs",
          "tick lag p50/99", "reconc p99", "RSS MB (peak)", "heap MB (live)", "GC %", "cores", "API req/min op (all)", "q/tick",
          "global q/interval"));
      for (var c : capacity) {
        out.append(String.format("%-6s %-5s %-15s %-10s %-14s %-14s %-6s %-6s %-22s %-9s %s%n", c.get("plans"),
            c.getOrDefault("runs", 1), c.get("tick_lag_p50_s") + "/" + c.get("tick_lag_p99_s"), c.get("reconcile_p99_s"),
            c.get("rss_mb") + " (" + c.get("rss_peak_mb") + ")",
            c.get("heap_mb") + " (" + c.get("heap_live_mb") + ")", percent(c.get("gc_share")), c.get("cpu_cores"),
            c.get("operator_api_requests_per_min") + " (" + c.get("api_requests_per_min") + ")",
            c.get("prometheus_queries_per_tick"), c.get("global_query_sends_per_interval")));
      }
    }
    var growth = (Map<String, Object>) report.get("growth");
    if (growth != null && growth.get("limit") != null) {
      var limit = (Map<String, Object>) growth.get("limit");
      out.append(String.format("Limit on this machine: the %s reconcile threads saturate at ~%s plans (10 s interval);"
          + " the operator's own CPU would fill %s cores only at ~%s plans%n", limit.get("reconcile_threads"),
          limit.get("plans_until_reconcile_threads_saturate"), limit.get("cores"),
          limit.get("plans_until_operator_cpu_uses_all_cores")));
    }
    return out.toString();
  }

  private static String percent(Object share) {
    return share instanceof Number n ? String.format("%.1f", n.doubleValue() * 100) : "null";
  }

  private static String triple(Map<String, Object> m, String name) {
    return m.get(name + "_p50_s") + " / " + m.get(name + "_p95_s") + " / " + m.get(name + "_max_s");
  }
}
