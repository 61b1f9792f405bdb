// A plan's page: summary, buttons, each check's values over the launch (uPlot), analysis, timeline, notices.
"use strict";
(() => {
  const {el, stream, post, phaseCell} = LP;
  const [, , ns, name] = location.pathname.split("/").map(decodeURIComponent);
  const api = "/api/plans/" + encodeURIComponent(ns) + "/" + encodeURIComponent(name);
  const MARK_COLORS = {pause: "#c58a00", resume: "#2e8b57", promote: "#1f5fbf", revert: "#c43c3c", end: "#555"};
  const LINE_COLORS = {canary: "#d9480f", stable: "#1c7ed6", value: "#7048e8", "firing alerts": "#c43c3c"};
  let view = null, lastCharts = 0, chartTimer = null, plots = [];

  document.getElementById("title").textContent = ns + "/" + name;

  function summary(v) {
    const r = v.row;
    const dl = el("dl", {});
    const add = (k, val, cls) => { if (val) dl.append(el("dt", {text: k}), el("dd", {class: cls}, val)); };
    add("Phase", phaseCell(r.phase), "phase-cell");
    add("Step", r.step); add("Reason", r.reason, "reason"); add("Message", r.message, "message");
    add("Waiting for", v.waitingFor); add("Target", "Deployment " + v.target); add("Lane", r.lane);
    add("Revision", r.revision); add("Freeze", r.freeze); add("Launch window", r.window);
    add("Launch", (v.launchStartedAt || "") + (v.endedAt ? " → " + v.endedAt : ""));
    document.getElementById("summary").replaceChildren(dl);
    document.getElementById("promote").disabled = !v.active;
    document.getElementById("abort").disabled = !v.active && r.phase !== "Pending";
    document.getElementById("pause").disabled = v.paused;
    document.getElementById("resume").disabled = !v.paused;
  }

  function rows(id, items, cells) {
    const tbody = document.querySelector("#" + id + " tbody");
    tbody.replaceChildren(...items.map(i => el("tr", {}, ...cells(i).map(c => el("td", typeof c === "string" || c == null ? {text: c || ""} : {}, typeof c === "object" && c ? c : null)))));
  }

  function tables(v) {
    rows("analysis", v.analysis, q => [q.name, q.value, el("span", {class: q.firing ? "firing-yes" : "", text: q.firing ? "yes" : "no"}), q.since, q.error]);
    rows("timeline", v.timeline, e => [e.at, e.phase, e.reason, e.revision, e.message]);
    const n = document.getElementById("notices");
    if (v.webhooks === 0) n.replaceChildren(el("p", {class: "muted", text: "the plan has no webhooks (spec.notify)"}));
    else n.replaceChildren(el("ul", {}, ...v.notices.map(x => el("li", {class: x.sent ? "notice-sent" : "notice-owed",
      text: x.at + "  " + x.phase + " (" + x.reason + ") — " + (x.sent ? "sent to " + v.webhooks + " webhook(s)" : "owed")}))));
  }

  // Vertical lines for the launch's moments, a shaded band for each firing check's `for` timer.
  function marksPlugin(marks, bands) {
    return {hooks: {draw: u => {
      const ctx = u.ctx, top = u.bbox.top, h = u.bbox.height;
      ctx.save();
      for (const b of bands) {
        const x0 = u.valToPos(b.from, "x", true), x1 = u.valToPos(b.to, "x", true);
        ctx.fillStyle = "rgba(196,60,60,0.12)"; ctx.fillRect(x0, top, Math.max(1, x1 - x0), h);
      }
      ctx.font = (11 * devicePixelRatio) + "px system-ui";
      marks.forEach((m, i) => {
        const x = u.valToPos(m.t, "x", true);
        ctx.strokeStyle = ctx.fillStyle = MARK_COLORS[m.kind] || "#555";
        ctx.lineWidth = 2 * devicePixelRatio; ctx.setLineDash([6, 4]);
        ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, top + h); ctx.stroke();
        ctx.fillText(m.kind, x + 4, top + (12 + 13 * (i % 4)) * devicePixelRatio); // staggered: moments close together stay readable
      });
      ctx.restore();
    }}};
  }

  function chart(data, c, v) {
    const box = el("div", {class: "chart", "data-chart": c.chart.name});
    const ch = c.chart;
    box.append(el("h3", {text: ch.name + (ch.kind === "alert" ? "" : " — " + ch.action + (ch.forDuration ? ", for " + ch.forDuration : ""))}),
      el("code", {text: ch.expr}));
    if (ch.error) { box.append(el("p", {class: "error", text: ch.error})); return box; }
    const from = Date.parse(data.from) / 1000, step = data.step, to = Date.parse(data.to) / 1000;
    const xs = []; for (let t = from; t <= to; t += step) xs.push(t);
    const series = [{}], ys = [];
    let points = 0;
    const errors = [], max = {};
    c.answers.forEach((a, i) => {
      const label = ch.series[i].label;
      if (a.error) errors.push(label + ": " + a.error);
      a.lines.forEach(line => {
        const y = new Array(xs.length).fill(null);
        for (const [t, val] of line.points) {
          const k = Math.round((t - from) / step);
          if (k >= 0 && k < y.length) { y[k] = val; points++; max[label] = Math.max(max[label] ?? -Infinity, val); }
        }
        const labels = line.labels === "{}" ? "" : " " + line.labels;
        series.push({label: label + labels, stroke: LINE_COLORS[label] || "#333", width: 2, spanGaps: false});
        ys.push(y);
      });
    });
    if (ch.threshold !== null && ch.threshold !== undefined) {
      series.push({label: "threshold " + ch.comparison + " " + ch.threshold, stroke: "#c43c3c", dash: [4, 4], width: 1.5});
      ys.push(xs.map(() => ch.threshold));
    }
    const marks = v.marks.map(m => ({t: Date.parse(m.at) / 1000, kind: m.kind})).filter(m => m.t >= from && m.t <= to);
    const bands = v.analysis.filter(q => q.name === ch.name && q.firing && q.since).map(q => {
      const s = Date.parse(q.since) / 1000;
      return {from: s, to: s + seconds(ch.forDuration)};
    });
    box.setAttribute("data-points", String(points));
    box.setAttribute("data-series", series.slice(1).map(s => s.label).join("|"));
    box.setAttribute("data-marks", marks.map(m => m.kind).join(","));
    box.setAttribute("data-max", JSON.stringify(max));
    for (const e of errors) box.append(el("p", {class: "error", text: e}));
    if (points === 0 && errors.length === 0) box.append(el("p", {class: "muted", text: "no samples over the launch"}));
    const plotBox = el("div", {class: "plot"});
    box.append(plotBox);
    const opts = {width: 540, height: 220, series, plugins: [marksPlugin(marks, bands)],
      scales: {x: {time: true, range: [from, to]},
        // from 0 (or the lowest value) to a little above the highest value or the threshold, whichever is higher
        y: {range: (u, lo, hi) => { const top = Math.max(hi ?? 0, ch.threshold ?? 0); return [Math.min(0, lo ?? 0), top > 0 ? top * 1.15 : 1]; }}},
      axes: [{}, {size: 60}]};
    plots.push(new uPlot(opts, [xs, ...ys], plotBox));
    return box;
  }

  function seconds(d) {
    if (!d) return 0;
    let s = 0; for (const [, n, u] of d.matchAll(/([0-9.]+)(ms|s|m|h|d)/g)) s += +n * {ms: .001, s: 1, m: 60, h: 3600, d: 86400}[u];
    return s;
  }

  async function loadCharts() {
    lastCharts = Date.now(); chartTimer = null;
    const r = await fetch(api + "/series");
    const data = await r.json();
    if (!r.ok) { document.getElementById("charts-note").textContent = data.message; return; }
    plots.forEach(p => p.destroy()); plots = [];
    const box = document.getElementById("charts");
    box.replaceChildren(...data.charts.map(c => chart(data, c, view)));
    document.getElementById("charts-note").textContent = data.charts.length === 0 ? "the plan has no queries or alerts"
      : "from Prometheus query_range, " + data.from + " → " + data.to + ", step " + data.step + "s; dashed lines: the launch's moments";
    box.setAttribute("data-loaded", String(lastCharts));
  }

  // Charts follow the launch, at most every 5 s (each reload is a few query_range requests).
  function scheduleCharts() {
    if (chartTimer) return;
    chartTimer = setTimeout(loadCharts, Math.max(0, 5000 - (Date.now() - lastCharts)));
  }

  async function act(action, body) {
    const out = document.getElementById("action-result");
    out.className = ""; out.textContent = action + "…";
    const r = await post(api + "/" + action, body);
    out.className = r.ok ? "done" : "refused";
    out.textContent = r.message;
  }

  document.getElementById("promote").onclick = () => act("promote");
  document.getElementById("pause").onclick = () => act("pause");
  document.getElementById("resume").onclick = () => act("resume");
  document.getElementById("abort").onclick = () => {
    const reason = document.getElementById("abort-reason").value.trim();
    if (!reason) { const out = document.getElementById("action-result"); out.className = "refused"; out.textContent = "an abort needs a reason"; return; }
    act("abort", {reason});
  };

  stream("/events?plan=" + encodeURIComponent(ns + "/" + name), {
    plan: v => { view = v; summary(v); tables(v); scheduleCharts(); },
    gone: () => { document.getElementById("summary").replaceChildren(el("p", {class: "notice", text: "this LaunchPlan was deleted (or is no longer readable)"})); }
  });
})();
