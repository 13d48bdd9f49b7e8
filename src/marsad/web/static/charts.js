// Small SVG charts, no library: a bar timeline (mentions per month) and a stacked quad-class timeline
// with the mean Goldstein score as a line (a dyad). Data comes from <script type="application/json">.
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
    const m = { l: 40, r: opts.right ? 40 : 12, t: 12, b: 34 };
    const root = svg("svg", { viewBox: "0 0 " + W + " " + H, class: "chart", role: "img", direction: "ltr" });
    host.replaceChildren(root);
    const iw = W - m.l - m.r, ih = H - m.t - m.b;
    const bw = n ? iw / n : iw;
    const barW = Math.max(1, Math.min(bw * .7, 44));  // a few periods still read as a timeline, not as walls
    return { root: root, W: W, H: H, m: m, iw: iw, ih: ih, bw: bw, barW: barW };
  }
  function yAxis(f, max, side) {
    const ticks = tickCount(max);  // counts: no half events on the axis
    for (let i = 0; i <= ticks; i++) {
      const v = max * i / ticks, y = f.m.t + f.ih - f.ih * i / ticks;
      if (side === "left") svg("line", { x1: f.m.l, x2: f.m.l + f.iw, y1: y, y2: y, class: "grid" }, f.root);
      label(f.root, f.m.l - 6, y + 4, Math.round(v * 10) / 10, "end");
    }
  }
  function xLabels(f, periods) {
    const every = Math.max(1, Math.ceil(periods.length / Math.max(1, Math.floor(f.iw / 70))));
    periods.forEach(function (p, i) {
      if (i % every) return;
      label(f.root, f.m.l + f.bw * (i + .5), f.H - f.m.b + 16, String(p).slice(0, 7));
    });
    svg("line", { x1: f.m.l, x2: f.m.l + f.iw, y1: f.m.t + f.ih, y2: f.m.t + f.ih, class: "axis" }, f.root);
  }
  function empty(host, msg) {
    const p = document.createElement("p");
    p.className = "empty";
    p.textContent = msg;
    host.replaceChildren(p);
  }

  // Months with nothing are still months: fill the gaps so bars sit on a real time axis.
  function fillMonths(rows, zero) {
    const monthly = rows.length > 1 && rows.every(function (r) { return /^\d{4}-\d{2}-01$/.test(String(r.period)); });
    if (!monthly) return rows;
    const have = {};
    rows.forEach(function (r) { have[String(r.period).slice(0, 7)] = r; });
    const out = [];
    let y = +String(rows[0].period).slice(0, 4), m = +String(rows[0].period).slice(5, 7);
    const last = String(rows[rows.length - 1].period).slice(0, 7);
    for (let guard = 0; guard < 1200; guard++) {
      const k = y + "-" + (m < 10 ? "0" : "") + m;
      out.push(have[k] || Object.assign({ period: k + "-01" }, zero));
      if (k === last) break;
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function bars(host, rows, key, what) {
    rows = fillMonths(rows, { n_mentions: 0, n_articles: 0 });
    if (!rows.length) { empty(host, "لا بيانات مؤرخة."); return; }
    const f = frame(host, rows.length, { height: 200 });
    const max = niceMax(Math.max.apply(null, rows.map(function (r) { return r[key] || 0; })));
    yAxis(f, max, "left");
    rows.forEach(function (r, i) {
      const h = f.ih * (r[key] || 0) / max;
      const b = svg("rect", { x: f.m.l + f.bw * (i + .5) - f.barW / 2, width: f.barW, y: f.m.t + f.ih - h,
        height: h, class: "bar", rx: 2 }, f.root);
      b.addEventListener("mousemove", function (ev) { showTip(ev, r.period + "\n" + (r[key] || 0) + " " + what); });
      b.addEventListener("mouseleave", hideTip);
    });
    xLabels(f, rows.map(function (r) { return r.period; }));
  }

  function quads(host, rows) {
    rows = fillMonths(rows, { n_events: 0, quad1: 0, quad2: 0, quad3: 0, quad4: 0, mean_goldstein: null });
    if (!rows.length) { empty(host, "لا أحداث مؤرخة لهذا الثنائي."); return; }
    const f = frame(host, rows.length, { height: 260, right: true });
    const max = niceMax(Math.max.apply(null, rows.map(function (r) { return r.n_events || 0; })));
    yAxis(f, max, "left");
    const names = ["تعاون لفظي", "تعاون مادي", "نزاع لفظي", "نزاع مادي"];
    rows.forEach(function (r, i) {
      let y = f.m.t + f.ih;
      [1, 2, 3, 4].forEach(function (q) {
        const v = r["quad" + q] || 0;
        if (!v) return;
        const h = f.ih * v / max;
        y -= h;
        const b = svg("rect", { x: f.m.l + f.bw * (i + .5) - f.barW / 2, width: f.barW, y: y, height: h, class: "q" + q }, f.root);
        b.addEventListener("mousemove", function (ev) {
          showTip(ev, r.period + "\n" + names[q - 1] + ": " + v + "\nكل الأحداث: " + r.n_events +
            (r.mean_goldstein === null ? "" : "\nغولدستين: " + r.mean_goldstein));
        });
        b.addEventListener("mouseleave", hideTip);
      });
    });
    // Goldstein (-10..+10) on the right axis.
    const gy = function (g) { return f.m.t + f.ih / 2 - (f.ih / 2) * g / 10; };
    svg("line", { x1: f.m.l, x2: f.m.l + f.iw, y1: gy(0), y2: gy(0), class: "grid", "stroke-dasharray": "3 3" }, f.root);
    [-10, 0, 10].forEach(function (g) { label(f.root, f.m.l + f.iw + 6, gy(g) + 4, (g > 0 ? "+" : "") + g, "start"); });
    const pts = [];
    rows.forEach(function (r, i) {
      if (r.mean_goldstein === null || r.mean_goldstein === undefined) return;
      pts.push([f.m.l + f.bw * (i + .5), gy(r.mean_goldstein)]);
    });
    if (pts.length > 1) svg("polyline", { points: pts.map(function (p) { return p.join(","); }).join(" "), class: "gs-line" }, f.root);
    pts.forEach(function (p) { svg("circle", { cx: p[0], cy: p[1], r: 3, class: "gs-dot" }, f.root); });
    xLabels(f, rows.map(function (r) { return r.period; }));
  }

  window.MarsadCharts = { bars: bars, quads: quads };

  function read(id) { const e = document.getElementById(id); return e ? JSON.parse(e.textContent) : null; }
  const mentions = read("mentions-data");
  if (mentions) bars(document.getElementById("mentions-chart"), mentions, "n_mentions", "إشارة");
  const dyad = read("dyad-data");
  if (dyad) quads(document.getElementById("dyad-chart"), dyad);
})();
