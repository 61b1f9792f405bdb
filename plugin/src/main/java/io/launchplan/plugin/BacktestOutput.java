package io.launchplan.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.launchplan.api.Durations;
import io.launchplan.plugin.backtest.BacktestReport;
import io.launchplan.plugin.backtest.CheckReport;
import io.launchplan.plugin.backtest.Distribution;
import io.launchplan.plugin.backtest.RevertDelays;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A {@link BacktestReport} as tables (kubectl's style) or as JSON (pure). */
final class BacktestOutput {
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new SimpleModule().addSerializer(Duration.class, ToStringSerializer.instance)
          .addSerializer(Instant.class, ToStringSerializer.instance))
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private BacktestOutput() {}

  static String json(BacktestReport report) {
    try {
      return JSON.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String table(BacktestReport r) {
    StringBuilder out = new StringBuilder();
    out.append("Backtest of ").append(r.plan()).append(" from ").append(r.from()).append(" to ").append(r.to())
        .append(", step ").append(Durations.format(Duration.ofSeconds(r.stepSeconds()))).append('\n');
    out.append("Prometheus ").append(r.prometheus()).append(" (").append(r.prometheusSource()).append(")\n");
    out.append("${canaryPods} = ${stablePods} = the ").append(r.pods().size()).append(" pods of Deployment ")
        .append(r.target()).append(": ").append(String.join(", ", r.pods())).append('\n');
    out.append('\n');
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("CHECK", "KIND", "ACTION", "FOR", "EVALUATED", "FIRING", "EPISODES", "LONGEST", "WOULD ACT"));
    List<String> errors = new ArrayList<>();
    for (CheckReport c : r.checks()) {
      String name = c.name() + (c.shadow() ? " (shadow)" : "");
      if (c.error() != null) {
        rows.add(List.of(name, c.kind(), c.action(), secs(c.forSeconds()), "-", "-", "-", "-", "-"));
        errors.add(c.name() + ": " + c.error());
        continue;
      }
      rows.add(List.of(name, c.kind(), c.action(), secs(c.forSeconds()), secs(c.evaluatedSeconds()),
          String.format(Locale.ROOT, "%.1f%%", c.firingShare() * 100), String.valueOf(c.episodes()),
          secs(c.longestSeconds()), String.valueOf(c.wouldAct())));
    }
    out.append(tabulate(rows));
    for (String e : errors) {
      out.append("error: ").append(e).append('\n');
    }
    List<List<String>> thresholds = new ArrayList<>();
    thresholds.add(List.of("CHECK", "THRESHOLD", "P50", "P99", "MAX", "MARGIN", "SUGGESTED", "ITS MARGIN"));
    for (CheckReport c : r.checks()) {
      CheckReport.ThresholdReport t = c.threshold();
      if (t == null || c.distribution() == null) {
        continue;
      }
      Distribution d = c.distribution();
      thresholds.add(List.of(c.name(), t.operator() + " " + num(t.value()),
          num(d.p50()), num(d.p99()), t.operator().startsWith(">") ? num(d.max()) : num(d.max()) + " (min " + num(d.min()) + ")",
          signed(t.margin()), t.suggested() == null ? "-" : t.operator() + " " + num(t.suggested()),
          t.suggestedMargin() == null ? "-" : signed(t.suggestedMargin())));
    }
    if (thresholds.size() > 1) {
      out.append('\n').append(tabulate(thresholds));
    }
    out.append('\n').append(reverts(r.reverts()));
    return out.toString();
  }

  private static String reverts(RevertDelays.Summary s) {
    StringBuilder out = new StringBuilder();
    if (s.reverts().isEmpty()) {
      return out.append("Past reverts: none in the plan's history.\n").toString();
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("REVISION", "CANARY READY", "REVERT DECIDED", "DELAY", "IN PHASE", "REASON", "MESSAGE"));
    for (RevertDelays.Revert v : s.reverts()) {
      rows.add(List.of(nz(v.revision()), v.canaryReadyAt() == null ? "-" : seconds(v.canaryReadyAt()),
          seconds(v.decidedAt()), v.delay() == null ? "-" : Durations.format(v.delay()), nz(v.phase()), nz(v.reason()),
          nz(v.message())));
    }
    out.append("Past reverts (from the plan's history):\n").append(tabulate(rows));
    if (s.slowest() == null) {
      out.append("No revert decided by the analysis with a known canary-ready time: nothing to compare canary.observe ")
          .append(Durations.format(s.observe())).append(" with.\n");
    } else {
      out.append("Slowest revert decided by the analysis: ").append(Durations.format(s.slowest()))
          .append(" after the canary was ready; canary.observe ").append(Durations.format(s.observe()))
          .append(s.covered() ? " covers it.\n" : " does NOT cover it.\n");
    }
    return out.toString();
  }

  private static String secs(Long s) {
    return Durations.format(Duration.ofSeconds(s));
  }

  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
  }

  private static String signed(Double v) {
    return v == null ? "-" : (v >= 0 ? "+" : "") + num(v);
  }

  private static String tabulate(List<List<String>> rows) {
    Table t = new Table(rows.get(0));
    rows.subList(1, rows.size()).forEach(t::row);
    return t.render();
  }

  private static String seconds(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
