// The relations graph: states (or people and organizations) as nodes, dyads as edges (width = events,
// colour = mean Goldstein). A small force layout in vanilla JS, zoom (wheel, buttons) and pan (drag), a
// search box that finds a node, and labels for the busiest nodes only (the rest on hover, on search and
// when zoomed in), so it stays readable with hundreds of nodes. A click on an edge loads that dyad's
// timeline from /api/dyads.
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const host = document.getElementById("graph");
  const dataEl = document.getElementById("graph-data");
  if (!host || !dataEl) return;
  const g = JSON.parse(dataEl.textContent);
  function svg(tag, attrs, parent) {
    const e = document.createElementNS(NS, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  const W = host.clientWidth || 900, H = host.clientHeight || 620;
  host.setAttribute("viewBox", "0 0 " + W + " " + H);
  if (!g.nodes.length) {
    const t = svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", fill: "#8a919c" }, host);
    t.textContent = "لا علاقات لعرضها";
    return;
  }
  // Goldstein -10..+10 -> red .. sand .. green.
  function gsColor(v) {
    if (v === null || v === undefined) return "#9aa1ab";
    const t = Math.max(-1, Math.min(1, v / 6));
    const mix = function (a, b, k) { return Math.round(a + (b - a) * k); };
    const mid = [217, 207, 192], neg = [200, 55, 45], pos = [29, 138, 90];
    const to = t < 0 ? neg : pos, k = Math.abs(t);
    return "rgb(" + mix(mid[0], to[0], k) + "," + mix(mid[1], to[1], k) + "," + mix(mid[2], to[2], k) + ")";
  }
  const maxN = Math.max.apply(null, g.edges.map(function (e) { return e.n_events; }).concat([1]));
  const maxDeg = Math.max.apply(null, g.nodes.map(function (n) { return n.n_events; }).concat([1]));
  const many = g.nodes.length > 40;
  const byId = {};
  // The busiest nodes carry their name; with many nodes the others show it on demand.
  const ranked = g.nodes.slice().sort(function (a, b) { return b.n_events - a.n_events; });
  const labelled = {};
  ranked.slice(0, many ? 25 : ranked.length).forEach(function (n) { labelled[n.id] = true; });
  g.nodes.forEach(function (n, i) {
    const a = 2 * Math.PI * i / g.nodes.length;
    n.x = W / 2 + Math.cos(a) * W * .3; n.y = H / 2 + Math.sin(a) * H * .3; n.vx = 0; n.vy = 0;
    n.r = (many ? 4 : 7) + (many ? 12 : 16) * Math.sqrt(n.n_events / maxDeg);
    byId[n.id] = n;
  });
  const edges = g.edges.filter(function (e) { return byId[e.a] && byId[e.b]; });
  // Force layout: repulsion between all nodes, springs along edges, a pull to the centre.
  const rest = many ? 90 : 150, push = many ? 4000 : 9000;
  for (let it = 0; it < 400; it++) {
    const cool = 1 - it / 400;
    for (let i = 0; i < g.nodes.length; i++) {
      const a = g.nodes[i];
      for (let j = i + 1; j < g.nodes.length; j++) {
        const b = g.nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + .01;
        const f = push / d2, d = Math.sqrt(d2);
        dx /= d; dy /= d;
        a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
      }
    }
    edges.forEach(function (e) {
      const a = byId[e.a], b = byId[e.b];
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) + .01;
      const f = (d - rest) * .02;
      a.vx += dx / d * f; a.vy += dy / d * f; b.vx -= dx / d * f; b.vy -= dy / d * f;
    });
    g.nodes.forEach(function (n) {
      n.vx += (W / 2 - n.x) * .004; n.vy += (H / 2 - n.y) * .004;
      n.x += Math.max(-20, Math.min(20, n.vx)) * cool; n.y += Math.max(-20, Math.min(20, n.vy)) * cool;
      n.vx *= .5; n.vy *= .5;
    });
  }
  // Stretch the layout to fill the drawing, whatever the number of nodes.
  (function fit() {
    const xs = g.nodes.map(function (n) { return n.x; }), ys = g.nodes.map(function (n) { return n.y; });
    const x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    const y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    const mx = 90, my = 50;
    g.nodes.forEach(function (n) {
      n.x = x1 > x0 ? mx + (n.x - x0) / (x1 - x0) * (W - 2 * mx) : W / 2;
      n.y = y1 > y0 ? my + (n.y - y0) / (y1 - y0) * (H - 2 * my - 20) : H / 2;
    });
  })();

  // Zoom and pan: one transform on a viewport group.
  const viewport = svg("g", { class: "viewport" }, host);
  const edgeLayer = svg("g", {}, viewport), nodeLayer = svg("g", {}, viewport);
  let view = { k: 1, x: 0, y: 0 };
  function apply() {
    viewport.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")");
    host.classList.toggle("zoomed", view.k >= 1.8);
  }
  function zoomAt(factor, cx, cy) {
    const k = Math.max(.4, Math.min(8, view.k * factor));
    view.x = cx - (cx - view.x) * (k / view.k);
    view.y = cy - (cy - view.y) * (k / view.k);
    view.k = k;
    apply();
  }
  function toSvg(ev) {
    const r = host.getBoundingClientRect();
    return [(ev.clientX - r.left) * W / r.width, (ev.clientY - r.top) * H / r.height];
  }
  host.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    const p = toSvg(ev);
    zoomAt(ev.deltaY < 0 ? 1.2 : 1 / 1.2, p[0], p[1]);
  }, { passive: false });
  let drag = null;
  host.addEventListener("mousedown", function (ev) {
    if (ev.target.closest(".node") || ev.target.closest(".edge")) return;
    drag = { p: toSvg(ev), x: view.x, y: view.y };
    host.classList.add("dragging");
  });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    const p = toSvg(ev);
    view.x = drag.x + p[0] - drag.p[0]; view.y = drag.y + p[1] - drag.p[1];
    apply();
  });
  window.addEventListener("mouseup", function () { drag = null; host.classList.remove("dragging"); });
  document.querySelectorAll("[data-zoom]").forEach(function (b) {
    b.addEventListener("click", function () {
      const how = b.dataset.zoom;
      if (how === "reset") { view = { k: 1, x: 0, y: 0 }; apply(); return; }
      zoomAt(how === "in" ? 1.4 : 1 / 1.4, W / 2, H / 2);
    });
  });

  const quadNames = ["تعاون لفظي", "تعاون مادي", "نزاع لفظي", "نزاع مادي"];
  let tip = null;
  function showTip(ev, txt) {
    if (!tip) { tip = document.createElement("div"); tip.className = "tip"; document.body.appendChild(tip); }
    tip.textContent = txt; tip.hidden = false;
    tip.style.left = (ev.clientX + 12) + "px"; tip.style.top = (ev.clientY + 12) + "px";
  }
  function hideTip() { if (tip) tip.hidden = true; }
  const lines = [];
  edges.forEach(function (e) {
    const a = byId[e.a], b = byId[e.b];
    const line = svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge", stroke: gsColor(e.mean_goldstein),
      "stroke-width": (many ? 1 : 1.5) + (many ? 6 : 9) * Math.sqrt(e.n_events / maxN), "data-a": e.a, "data-b": e.b },
      edgeLayer);
    line.addEventListener("mousemove", function (ev) {
      showTip(ev, (a.name || a.id) + " – " + (b.name || b.id) + "\n" + e.n_events + " حدثًا\n" +
        [1, 2, 3, 4].map(function (q) { return quadNames[q - 1] + ": " + e["quad" + q]; }).join("\n") +
        "\nغولدستين: " + (e.mean_goldstein === null ? "—" : e.mean_goldstein));
    });
    line.addEventListener("mouseleave", hideTip);
    line.addEventListener("click", function () { openDyad(e.a, e.b); });
    lines.push(line);
  });
  const groups = [];
  g.nodes.forEach(function (n) {
    const grp = svg("g", { class: "node" + (labelled[n.id] ? "" : " minor") + (n.type ? " t-" + n.type : ""),
      transform: "translate(" + n.x + "," + n.y + ")", "data-id": n.id }, nodeLayer);
    svg("circle", { r: n.r }, grp);
    const t = svg("text", { y: n.r + 12, "text-anchor": "middle" }, grp);
    t.textContent = n.name || n.id;
    grp.addEventListener("mousemove", function (ev) {
      showTip(ev, (n.name || n.id) + (n.name_en ? " · " + n.name_en : "") + "\n" + n.n_events + " حدثًا");
    });
    grp.addEventListener("mouseleave", hideTip);
    grp.addEventListener("click", function () { select(grp, n, !grp.classList.contains("on")); });
    groups.push([grp, n]);
  });
  function select(grp, n, on) {
    groups.forEach(function (x) { x[0].classList.remove("on"); });
    grp.classList.toggle("on", on);
    lines.forEach(function (l) {
      const hit = l.dataset.a === n.id || l.dataset.b === n.id;
      l.style.opacity = on ? (hit ? 1 : .1) : "";
    });
  }
  // Search: the nodes whose name contains the words (hamza and alef forms folded), the first centred.
  function fold(s) {
    return String(s || "").toLowerCase().replace(/[\u064B-\u065F\u0670\u0640]/g, "")
      .replace(/[أإآٱ]/g, "ا").replace(/ى/g, "ي").replace(/ة/g, "ه").replace(/ؤ/g, "و").replace(/ئ/g, "ي");
  }
  const search = document.getElementById("graph-search");
  if (search) {
    search.addEventListener("input", function () {
      const q = fold(search.value.trim());
      let first = null;
      groups.forEach(function (x) {
        const hit = q && (fold(x[1].name).indexOf(q) >= 0 || fold(x[1].name_en).indexOf(q) >= 0 || fold(x[1].id).indexOf(q) >= 0);
        x[0].classList.toggle("match", !!hit);
        if (hit && !first) first = x;
      });
      host.classList.toggle("searching", !!q);
      if (first) {
        view.k = Math.max(view.k, 1.8);
        view.x = W / 2 - first[1].x * view.k; view.y = H / 2 - first[1].y * view.k;
        apply();
      }
    });
  }

  function openDyad(a, b) {
    lines.forEach(function (l) { l.classList.toggle("on", l.dataset.a === a && l.dataset.b === b); });
    const box = document.getElementById("dyad-box");
    const params = new URLSearchParams(location.search);
    const query = new URLSearchParams({ level: g.level || "states", period: "month" });
    (params.getAll("outlet")).forEach(function (o) { if (o) query.append("outlet", o); });
    fetch("/api/dyads/" + encodeURIComponent(a) + "/" + encodeURIComponent(b) + "?" + query.toString())
      .then(function (r) { return r.json(); })
      .then(function (d) {
        box.hidden = false;
        document.getElementById("dyad-title").textContent = (d.a_name || a) + " ↔ " + (d.b_name || b);
        const link = document.getElementById("dyad-link");
        query.delete("period");
        link.href = "/dyads/" + encodeURIComponent(a) + "/" + encodeURIComponent(b) + "?" + query.toString();
        let rows = d.timeline || [];
        const from = params.get("date_from"), to = params.get("date_to");
        rows = rows.filter(function (r) { return (!from || r.period >= from.slice(0, 7)) && (!to || r.period <= to); });
        window.MarsadCharts.quads(document.getElementById("dyad-chart"), rows, "month");
        box.scrollIntoView({ block: "nearest", behavior: "smooth" });
      });
  }
  document.querySelectorAll("#edge-table tr[data-a]").forEach(function (tr) {
    tr.addEventListener("click", function (ev) {
      if (ev.target.closest("a")) return;
      openDyad(tr.dataset.a, tr.dataset.b);
    });
  });
})();
