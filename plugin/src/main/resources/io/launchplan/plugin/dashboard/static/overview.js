// The overview: every plan the kubeconfig may read, by lane, kept current by the server's event stream.
"use strict";
(() => {
  const {el, stream, phaseCell} = LP;
  const main = document.getElementById("lanes");
  const lanes = new Map(); // lane key -> section

  function laneSection(lane) {
    const tbody = el("tbody");
    for (const r of lane.rows) {
      tbody.append(el("tr", {"data-key": r.key, "data-phase": r.phase},
        el("td", {}, el("a", {href: "/plan/" + encodeURIComponent(r.namespace) + "/" + encodeURIComponent(r.name), text: r.name})),
        el("td", {}, phaseCell(r.phase)),
        el("td", {class: "step", text: r.step || ""}),
        el("td", {class: "for", "data-since": r.phaseStartedAt, text: r.inPhase || ""}),
        el("td", {class: "reason", text: r.reason || ""}),
        el("td", {class: "queue", text: r.queuePlace ? "#" + r.queuePlace : ""}),
        el("td", {class: "held", text: r.heldBy || r.cooldown || ""}),
        el("td", {class: "freeze", text: r.freeze || ""}),
        el("td", {class: "window", text: r.window || ""}),
        el("td", {class: "revision", text: r.revision || ""})));
    }
    return el("section", {class: "lane", "data-lane": lane.key},
      el("h2", {}, el("span", {class: "ns", text: lane.namespace + " / "}), "lane " + lane.lane),
      el("table", {}, el("thead", {}, el("tr", {}, ...["plan", "phase", "step", "for", "reason", "queue", "held by", "freeze",
        "launch window", "revision"].map(h => el("th", {text: h})))), tbody));
  }

  function put(lane) {
    const old = lanes.get(lane.key);
    if (lane.rows.length === 0) { if (old) old.remove(); lanes.delete(lane.key); return; }
    const s = laneSection(lane);
    if (old) old.replaceWith(s);
    else {
      const after = [...lanes.keys()].sort().find(k => k > lane.key);
      main.insertBefore(s, after ? lanes.get(after) : null);
    }
    lanes.set(lane.key, s);
  }

  function header(o) {
    document.getElementById("scope").textContent = "plans of " + o.scope;
    const n = document.getElementById("notice");
    const text = [o.notice, o.watching ? null : "the watch on LaunchPlans is down (is the API server reachable?): the dashboard retries, the page shows the last state"]
      .filter(Boolean).join(" — ");
    n.hidden = !text; n.textContent = text;
  }

  // kubectl's human duration, as the plugin's Ages.format: ticked every second from phaseStartedAt
  function age(ms) {
    const s = Math.max(0, Math.floor(ms / 1000)), m = Math.floor(s / 60), h = Math.floor(m / 60), d = Math.floor(h / 24);
    const two = (big, u1, small, u2) => big + u1 + (small ? small + u2 : "");
    return s < 120 ? s + "s" : m < 10 ? two(m, "m", s % 60, "s") : m < 180 ? m + "m" : h < 8 ? two(h, "h", m % 60, "m")
      : h < 48 ? h + "h" : d < 8 ? two(d, "d", h % 24, "h") : d + "d";
  }
  setInterval(() => {
    const now = Date.now();
    for (const td of main.querySelectorAll("td.for[data-since]")) td.textContent = age(now - Date.parse(td.dataset.since));
  }, 1000);

  stream("/events", {
    overview: o => {
      header(o); main.replaceChildren(); lanes.clear();
      o.lanes.forEach(put);
      if (o.lanes.length === 0) main.append(el("p", {class: "empty", text: "no LaunchPlans to show"}));
    },
    lanes: o => { header(o); main.querySelector(".empty")?.remove(); o.lanes.forEach(put); }
  });
})();
