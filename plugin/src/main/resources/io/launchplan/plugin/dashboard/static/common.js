// Shared by the dashboard's pages: building elements, the event stream, the buttons' POSTs.
"use strict";
const LP = (() => {
  const token = document.querySelector('meta[name="dashboard-token"]').content;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  // One EventSource; the browser reconnects by itself, the badge says whether updates arrive.
  function stream(url, handlers) {
    const live = document.getElementById("live");
    const es = new EventSource(url);
    es.onopen = () => { live.textContent = "live"; live.classList.remove("off"); };
    es.onerror = () => { live.textContent = "reconnecting…"; live.classList.add("off"); };
    for (const [name, fn] of Object.entries(handlers)) es.addEventListener(name, ev => fn(JSON.parse(ev.data)));
    return es;
  }

  async function post(url, body) {
    const r = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json", "X-Dashboard-Token": token},
      body: JSON.stringify(body || {})});
    let reply;
    try { reply = await r.json(); } catch (e) { reply = {message: r.status + " " + r.statusText}; }
    return {ok: r.ok && reply.done !== false, message: reply.message};
  }

  function phaseCell(phase) { return el("span", {class: "phase phase-" + phase, text: phase}); }

  return {el, stream, post, phaseCell};
})();
