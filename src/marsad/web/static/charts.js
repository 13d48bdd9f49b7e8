// Small SVG charts, no library. Data comes from <script type="application/json"> blocks (the CSP allows
// no inline script). The server sends every period of a timeline (empty ones as zeros), so the x axis
// is true time; labels are written for the period (2018, 2018-05, 14/05) and never repeat.
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, parent) {
    const e = document.createElementNS(NS, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function label(parent, x, y, txt, anchor) {
    const t = svg("text", { x: x, y: y, "text-anchor": anchor || "middle" }, parent);
    t.textContent = txt;
    return t;
  }
  let tip = null;
  function showTip(ev, txt) {
    if (!tip) { tip = document.createElement("div"); tip.className = "tip"; document.body.appendChild(tip); }
    tip.textContent = txt;
    tip.hidden = false;
    tip.style.left = (ev.clientX + 12) + "px";
    tip.style.top = (ev.clientY + 12) + "px";
  }
  function hideTip() { if (tip) tip.hidden = true; }
  function hover(el, txt) {
    el.addEventListener("mousemove", function (ev) { showTip(ev, txt); });
    el.addEventListener("mouseleave", hideTip);
  }
  // An axis of whole, round steps (1, 2, 5 x 10^k), at most five of them.
  function niceStep(v) {
    for (let k = 1; ; k *= 10) {
      for (const m of [1, 2, 5]) if (Math.ceil(v / (m * k)) <= 5) return m * k;
    }
  }
  function niceMax(v) { v = Math.max(1, v); const step = niceStep(v); return Math.ceil(v / step) * step; }
  function tickCount(max) { return Math.round(max / niceStep(max)); }
  // Time runs left to right, as in every chart an analyst reads, even on an RTL page.
  function frame(host, n, opts) {
    const W = Math.max(320, host.clientWidth || 640), H = opts.height || 220;
    const m = { l: opts.left || 40, r: opts.right ? 40 : 12, t: opts.top || 12, b: 34 };
    const root = svg("svg", { viewBox: "0 0 " + W + " " + H, class: "chart", role: "img", direction: "ltr" });
    host.replaceChildren(root);
    const iw = W - m.l - m.r, ih = H - m.t - m.b;
    const bw = n ? iw / n : iw;
    const barW = Math.max(1, Math.min(bw * .7, 44));  // a few periods still read as a timeline, not as walls
    return { root: root, W: W, H: H, m: m, iw: iw, ih: ih, bw: bw, barW: barW };
  }
  function yAxis(f, max, asShare) {
    const ticks = asShare ? 4 : tickCount(max);  // counts: no half events on the axis
    for (let i = 0; i <= ticks; i++) {
      const v = max * i / ticks, y = f.m.t + f.ih - f.ih * i / ticks;
      svg("line", { x1: f.m.l, x2: f.m.l + f.iw, y1: y, y2: y, class: "grid" }, f.root);
      label(f.root, f.m.l - 6, y + 4, asShare ? Math.round(v * 100) + "%" : Math.round(v * 10) / 10, "end");
    }
  }
  // The label of a period: 2018 (year), 2018-05 (month), 14/05 (week, day: its first day; with the year,
  // 14/05/18, on the first label and where the year changes).
  function periodLabel(p, period, withYear) {
    const s = String(p);
    if (period === "year") return s.slice(0, 4);
    if (period === "week" || period === "day") return s.slice(8, 10) + "/" + s.slice(5, 7) + (withYear ? "/" + s.slice(2, 4) : "");
    return s.slice(0, 7);
  }
  function xLabels(f, periods, period) {
    const every = Math.max(1, Math.ceil(periods.length / Math.max(1, Math.floor(f.iw / 70))));
    let last = null, year = null;
    periods.forEach(function (p, i) {
      if (i % every) return;
      const y = String(p).slice(0, 4);
      const txt = periodLabel(p, period, y !== year);
      year = y;
      if (txt === last) return;
      last = txt;
      label(f.root, f.m.l + f.bw * (i + .5), f.H - f.m.b + 16, txt);
    });
    svg("line", { x1: f.m.l, x2: f.m.l + f.iw, y1: f.m.t + f.ih, y2: f.m.t + f.ih, class: "axis" }, f.root);
  }
  function empty(host, msg) {
    const p = document.createElement("p");
    p.className = "empty";
    p.textContent = msg;
    host.replaceChildren(p);
  }

  function bars(host, rows, key, what, period) {
    period = period || "month";
    if (!rows.length) { empty(host, "لا بيانات مؤرخة."); return; }
    const f = frame(host, rows.length, { height: 200 });
    const max = niceMax(Math.max.apply(null, rows.map(function (r) { return r[key] || 0; })));
    yAxis(f, max);
    rows.forEach(function (r, i) {
      const h = f.ih * (r[key] || 0) / max;
      const b = svg("rect", { x: f.m.l + f.bw * (i + .5) - f.barW / 2, width: f.barW, y: f.m.t + f.ih - h,
        height: h, class: "bar", rx: 2 }, f.root);
      hover(b, periodLabel(r.period, period, true) + "\n" + (r[key] || 0) + " " + what);
    });
    xLabels(f, rows.map(function (r) { return r.period; }), period);
  }

  function quads(host, rows, period) {
    period = period || "month";
    if (!rows.length) { empty(host, "لا أحداث مؤرخة."); return; }
    const f = frame(host, rows.length, { height: 260, right: true });
    const max = niceMax(Math.max.apply(null, rows.map(function (r) { return r.n_events || 0; })));
    yAxis(f, max);
    const names = ["تعاون لفظي", "تعاون مادي", "نزاع لفظي", "نزاع مادي"];
    rows.forEach(function (r, i) {
      let y = f.m.t + f.ih;
      [1, 2, 3, 4].forEach(function (q) {
        const v = r["quad" + q] || 0;
        if (!v) return;
        const h = f.ih * v / max;
        y -= h;
        const b = svg("rect", { x: f.m.l + f.bw * (i + .5) - f.barW / 2, width: f.barW, y: y, height: h, class: "q" + q }, f.root);
        hover(b, periodLabel(r.period, period, true) + "\n" + names[q - 1] + ": " + v + "\nكل الأحداث: " + r.n_events +
          (r.mean_goldstein === null ? "" : "\nغولدستين: " + r.mean_goldstein));
      });
    });
    // Goldstein (-10..+10) on the right axis.
    const gy = function (g) { return f.m.t + f.ih / 2 - (f.ih / 2) * g / 10; };
    svg("line", { x1: f.m.l, x2: f.m.l + f.iw, y1: gy(0), y2: gy(0), class: "grid", "stroke-dasharray": "3 3" }, f.root);
    [-10, 0, 10].forEach(function (g) { label(f.root, f.m.l + f.iw + 6, gy(g) + 4, (g > 0 ? "+" : "") + g, "start"); });
    // The mean Goldstein line breaks where a period has no event: no line is drawn across empty time.
    const runs = [[]];
    rows.forEach(function (r, i) {
      if (r.mean_goldstein === null || r.mean_goldstein === undefined) {
        if (runs[runs.length - 1].length) runs.push([]);
        return;
      }
      runs[runs.length - 1].push([f.m.l + f.bw * (i + .5), gy(r.mean_goldstein)]);
    });
    runs.forEach(function (pts) {
      if (pts.length > 1) svg("polyline", { points: pts.map(function (p) { return p.join(","); }).join(" "), class: "gs-line" }, f.root);
      pts.forEach(function (p) { svg("circle", { cx: p[0], cy: p[1], r: 3, class: "gs-dot" }, f.root); });
    });
    xLabels(f, rows.map(function (r) { return r.period; }), period);
  }

  // One 100% bar per outlet, cut by cue stance: how each outlet's quotes of the actor are introduced.
  function stanceBars(host, legend, data) {
    const outlets = data.outlets, order = [];
    outlets.forEach(function (o) { Object.keys(data.stances[o] || {}).forEach(function (s) { if (order.indexOf(s) < 0) order.push(s); }); });
    const known = ["neutral", "affirming", "doubting", "pejorative", "denying", "conceding", "warning"];
    order.sort(function (a, b) { return (known.indexOf(a) + 99) % 99 - (known.indexOf(b) + 99) % 99; });
    const rowH = 30, W = Math.max(320, host.clientWidth || 560), left = 110, H = outlets.length * rowH + 10;
    const root = svg("svg", { viewBox: "0 0 " + W + " " + H, class: "chart stance-bars", role: "img", direction: "ltr" });
    host.replaceChildren(root);
    outlets.forEach(function (o, i) {
      const counts = data.stances[o] || {}, total = order.reduce(function (s, k) { return s + (counts[k] || 0); }, 0);
      const y = 5 + i * rowH;
      label(root, left - 8, y + 17, o + " (" + total + ")", "end");
      if (!total) { label(root, left + 4, y + 17, "لا اقتباسات", "start"); return; }
      let x = left;
      order.forEach(function (s) {
        const n = counts[s] || 0;
        if (!n) return;
        const w = (W - left - 10) * n / total;
        const r = svg("rect", { x: x, y: y + 4, width: w, height: rowH - 10, class: "st-bar st-" + s, "data-outlet": o,
          "data-stance": s }, root);
        hover(r, o + "\n" + (data.stance_names[s] || s) + ": " + n + " من " + total + " (" + Math.round(100 * n / total) + "%)");
        x += w;
      });
    });
    if (legend) {
      legend.replaceChildren();
      order.forEach(function (s) {
        const item = document.createElement("span");
        const dot = document.createElement("span");
        dot.className = "quad-dot st-bar st-" + s;
        item.appendChild(dot);
        item.appendChild(document.createTextNode(" " + (data.stance_names[s] || s)));
        legend.appendChild(item);
      });
    }
  }

  // Per outlet, a line of the monthly share of its articles that mention the actor.
  function coverageLines(host, data) {
    const rows = data.coverage || [];
    if (!rows.length) { empty(host, "لا مقالات مؤرخة."); return; }
    const f = frame(host, rows.length, { height: 260, left: 46, top: 30 });
    let top = 0;
    rows.forEach(function (r) { data.outlets.forEach(function (o) { const v = r.outlets[o]; if (v && v.share) top = Math.max(top, v.share); }); });
    const max = Math.min(1, Math.max(0.05, Math.ceil(top * 20) / 20));
    yAxis(f, max, true);
    data.outlets.forEach(function (o, j) {
      const pts = [];
      rows.forEach(function (r, i) {
        const v = r.outlets[o];
        if (!v || v.share === null || v.share === undefined) return;
        const x = f.m.l + f.bw * (i + .5), y = f.m.t + f.ih - f.ih * v.share / max;
        pts.push([x, y]);
        const dot = svg("circle", { cx: x, cy: y, r: 3, class: "series-" + (j % 6) + " line-dot", "data-outlet": o }, f.root);
        hover(dot, o + " · " + periodLabel(r.month, "month") + "\n" + v.k + " من " + v.n + " (" + Math.round(100 * v.share) + "%)");
      });
      if (pts.length > 1) svg("polyline", { points: pts.map(function (p) { return p.join(","); }).join(" "),
        class: "series-" + (j % 6) + " line" }, f.root);
      const lx = f.m.l + 8 + j * 120;
      svg("rect", { x: lx, y: 4, width: 10, height: 10, class: "series-" + (j % 6) + " swatch-fill" }, f.root);
      label(f.root, lx + 14, 13, o, "start");
    });
    xLabels(f, rows.map(function (r) { return r.month; }), "month");
  }

  window.MarsadCharts = { bars: bars, quads: quads, stanceBars: stanceBars, coverageLines: coverageLines };

  function read(id) { const e = document.getElementById(id); return e ? JSON.parse(e.textContent) : null; }
  function host(id) { return document.getElementById(id); }
  const mentions = read("mentions-data");
  if (mentions) bars(host("mentions-chart"), mentions, "n_mentions", "إشارة", "month");
  const outletData = read("outlet-data");
  if (outletData) bars(host("outlet-chart"), outletData, "n_articles", "مقالًا", "month");
  const dyad = read("dyad-data");
  if (dyad) quads(host("dyad-chart"), dyad.rows, dyad.period);
  const events = read("events-data");
  if (events) quads(host("events-chart"), events.rows, events.period);
  const compare = read("compare-data");
  if (compare) {
    stanceBars(host("stance-chart"), host("stance-legend"), compare);
    coverageLines(host("coverage-chart"), compare);
  }
})();
