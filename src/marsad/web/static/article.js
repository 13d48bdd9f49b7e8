// The article view: layer toggles, side-panel tabs, hover cards, and links between spans and rows.
// Card text is set with textContent only: nothing from the article is ever parsed as HTML.
(function () {
  "use strict";
  const text = document.getElementById("article-text");
  if (!text) return;
  const dataEl = document.getElementById("card-data");
  const cards = dataEl ? JSON.parse(dataEl.textContent) : { ent: {}, quote: {}, ev: {}, frame: {} };
  const card = document.getElementById("card");
  const KINDS = ["ent", "ev", "frame", "quote", "cue"];
  const TYPE_AR = { PER: "شخص", ORG: "منظمة", LOC: "مكان" };
  const TAB_OF = { ent: "entities", quote: "quotes", cue: "quotes", ev: "events", frame: "framing" };
  document.body.classList.add("js");

  // --- layer toggles -----------------------------------------------------------------------------------
  document.querySelectorAll(".legend input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      text.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    });
  });

  // --- tabs ----------------------------------------------------------------------------------------------
  function showTab(name) {
    document.querySelectorAll(".tabs [data-tab]").forEach(function (b) {
      b.classList.toggle("on", b.dataset.tab === name);
      b.setAttribute("aria-selected", b.dataset.tab === name ? "true" : "false");
    });
    document.querySelectorAll(".panel[data-panel]").forEach(function (p) {
      p.classList.toggle("on", p.dataset.panel === name);
    });
  }
  document.querySelectorAll(".tabs [data-tab]").forEach(function (b) {
    b.addEventListener("click", function () { showTab(b.dataset.tab); });
  });

  // --- highlighting one record everywhere ----------------------------------------------------------------
  function pieces(kind, ref) {
    const r = CSS.escape(ref);
    if (kind === "quote" || kind === "cue") return text.querySelectorAll('[data-quote="' + r + '"], [data-cue="' + r + '"]');
    return text.querySelectorAll('[data-' + kind + '="' + r + '"]');
  }
  function rowOf(kind, ref) {
    const attr = kind === "cue" ? "quote" : kind;
    return document.querySelector('.panels [data-' + attr + '="' + CSS.escape(ref) + '"]');
  }
  let lit = [];
  function light(kind, ref) {
    unlight();
    pieces(kind, ref).forEach(function (el) { el.classList.add("lit"); lit.push(el); });
    const row = rowOf(kind, ref);
    if (row) { row.classList.add("lit"); lit.push(row); }
  }
  function unlight() {
    lit.forEach(function (el) { el.classList.remove("lit"); });
    lit = [];
  }
  function flash(els) {
    els.forEach(function (el) {
      el.classList.remove("flash");
      void el.offsetWidth;  // restart the animation
      el.classList.add("flash");
    });
  }

  // --- hover cards ---------------------------------------------------------------------------------------
  function el(tag, cls, txt) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (txt !== undefined && txt !== null) e.textContent = String(txt);
    return e;
  }
  function field(parent, label, value, ltr) {
    if (value === undefined || value === null || value === "") return;
    const row = el("div", "card-field");
    row.appendChild(el("span", "card-label", label));
    const v = el("span", "card-value", value);
    if (ltr) v.dir = "ltr";
    row.appendChild(v);
    parent.appendChild(row);
  }
  function section(kind, ref) {
    const box = el("div", "card-sec card-" + kind);
    if (kind === "ent") {
      const d = cards.ent[ref]; if (!d) return null;
      const h = el("div", "card-title t-" + d.type);
      h.appendChild(el("span", "card-type", TYPE_AR[d.type] || d.type));
      h.appendChild(el("span", "card-name", d.name));
      box.appendChild(h);
      if (d.name_en) { const en = el("div", "card-en", d.name_en); en.dir = "ltr"; box.appendChild(en); }
      field(box, "الدولة", [d.country_name, d.country].filter(Boolean).join(" · "));
      field(box, "الدور", [d.role, d.code].filter(Boolean).join(" · "), true);
      field(box, "النوع", d.subtype, true);
      field(box, "معرّف القاعدة", d.kb_id || "—", true);
      field(box, "الإشارات", d.n);
    } else if (kind === "quote" || kind === "cue") {
      const d = cards.quote[ref]; if (!d) return null;
      const h = el("div", "card-title q");
      h.appendChild(el("span", "card-type", "اقتباس " + ref));
      h.appendChild(el("span", "card-name", d.speaker || "متحدث غير معروف"));
      box.appendChild(h);
      field(box, "فعل القول", d.cue);
      field(box, "الموقف", d.stance_ar);
      field(box, "النوع", d.kind, true);
      if (d.chain && d.chain.length) {
        field(box, "سلسلة النقل", d.chain.map(function (c) { return c.role + " " + (c.name || "?"); }).join(" ← "));
      }
    } else if (kind === "ev") {
      const d = cards.ev[ref]; if (!d) return null;
      const h = el("div", "card-title quad-" + (d.quad || 0));
      h.appendChild(el("span", "card-type", "حدث " + ref));
      const nm = el("span", "card-name", (d.cameo || "") + " " + (d.label || ""));
      nm.dir = "ltr";
      h.appendChild(nm);
      box.appendChild(h);
      field(box, "المصدر", [d.source, d.source_country].filter(Boolean).join(" · ") || "—");
      field(box, "الهدف", [d.target, d.target_country].filter(Boolean).join(" · ") || "—");
      field(box, "الفئة", d.quad_name);
      field(box, "غولدستين", d.goldstein === null || d.goldstein === undefined ? null :
        (d.goldstein > 0 ? "+" : "") + Number(d.goldstein).toFixed(1), true);
      field(box, "PLOVER", d.plover, true);
      field(box, "المكان", d.location);
      field(box, "التاريخ", d.date, true);
      field(box, "الصيغة", d.modality);
    } else if (kind === "frame") {
      const d = cards.frame[ref]; if (!d) return null;
      const h = el("div", "card-title fr");
      h.appendChild(el("span", "card-type", "تأطير"));
      h.appendChild(el("span", "card-name", d.kind));
      box.appendChild(h);
      field(box, "يشير إلى", d.refers_to);
    }
    return box;
  }
  // The records under the pointer, innermost first (an entity inside a quote shows both).
  function refsAt(node) {
    const out = [];
    const seen = {};
    for (let n = node; n && n !== text; n = n.parentElement) {
      if (!n.dataset) continue;
      KINDS.forEach(function (k) {
        const ref = n.dataset[k];
        const key = (k === "cue" ? "quote" : k) + ":" + ref;
        if (ref && !seen[key]) { seen[key] = 1; out.push({ kind: k === "cue" ? "quote" : k, ref: ref }); }
      });
    }
    return out;
  }
  function showCard(target, x, y) {
    const refs = refsAt(target);
    if (!refs.length) { hideCard(); return; }
    card.replaceChildren();
    refs.forEach(function (r) { const s = section(r.kind, r.ref); if (s) card.appendChild(s); });
    light(refs[0].kind, refs[0].ref);
    card.hidden = false;
    shownAt = Date.now();
    const w = card.offsetWidth, h = card.offsetHeight;
    let left = Math.min(window.innerWidth - w - 12, Math.max(12, x - w / 2));
    let top = y + 18;
    if (top + h > window.innerHeight - 8) top = y - h - 14;
    card.style.left = left + "px";
    card.style.top = Math.max(8, top) + "px";
  }
  function hideCard() { card.hidden = true; unlight(); }
  text.addEventListener("mouseover", function (ev) {
    if (ev.target.closest(".m")) showCard(ev.target, ev.clientX, ev.clientY);
  });
  text.addEventListener("mousemove", function (ev) {
    if (!card.hidden && ev.target.closest(".m")) {
      const w = card.offsetWidth, h = card.offsetHeight;
      let top = ev.clientY + 18;
      if (top + h > window.innerHeight - 8) top = ev.clientY - h - 14;
      card.style.left = Math.min(window.innerWidth - w - 12, Math.max(12, ev.clientX - w / 2)) + "px";
      card.style.top = Math.max(8, top) + "px";
    }
  });
  text.addEventListener("mouseout", function (ev) {
    if (!ev.relatedTarget || !text.contains(ev.relatedTarget) || !ev.relatedTarget.closest(".m")) hideCard();
  });
  // Scrolling moves the text under a fixed card: hide it, unless the scroll came with the card itself
  // (a click on a panel row scrolls the text, and the pointer may land on a span).
  let shownAt = 0;
  window.addEventListener("scroll", function () { if (Date.now() - shownAt > 400) hideCard(); }, { passive: true });

  // A click on a span opens its row in the side panel.
  text.addEventListener("click", function (ev) {
    const refs = refsAt(ev.target);
    if (!refs.length) return;
    const r = refs[0];
    showTab(TAB_OF[r.kind]);
    const row = rowOf(r.kind, r.ref);
    if (row) { row.scrollIntoView({ block: "nearest", behavior: "smooth" }); flash([row]); }
  });

  // A click on a row scrolls the text to the span and flashes every piece of it.
  document.querySelectorAll(".panels .row").forEach(function (row) {
    function go(ev) {
      if (ev.target.closest("a")) return;
      const kind = KINDS.find(function (k) { return row.dataset[k]; });
      if (!kind) return;
      const els = Array.prototype.slice.call(pieces(kind, row.dataset[kind]));
      if (!els.length) return;
      els[0].scrollIntoView({ block: "center", behavior: "smooth" });
      flash(els);
    }
    row.addEventListener("click", go);
    row.addEventListener("keydown", function (ev) { if (ev.key === "Enter") go(ev); });
    row.addEventListener("mouseenter", function () {
      const kind = KINDS.find(function (k) { return row.dataset[k]; });
      if (kind) light(kind, row.dataset[kind]);
    });
    row.addEventListener("mouseleave", unlight);
  });

  // /articles/ID#Q3 (from the quotes page) or #V2 / #E1: open that record.
  function fromHash() {
    const ref = decodeURIComponent(location.hash.slice(1));
    if (!ref) return;
    const kind = ref[0] === "Q" ? "quote" : ref[0] === "V" ? "ev" : ref[0] === "E" ? "ent" : ref[0] === "F" ? "frame" : null;
    if (!kind) return;
    const els = Array.prototype.slice.call(pieces(kind, ref));
    if (!els.length) return;
    showTab(TAB_OF[kind]);
    els[0].scrollIntoView({ block: "center" });
    flash(els);
    const row = rowOf(kind, ref);
    if (row) { row.classList.add("pinned"); row.scrollIntoView({ block: "nearest" }); }
  }
  // An analysis that was not stored has no URL to fetch its JSON twin from: offer the record itself.
  const recordEl = document.getElementById("record-data");
  const download = document.getElementById("download-json");
  if (recordEl && download) {
    download.hidden = false;
    download.addEventListener("click", function () {
      const blob = new Blob([JSON.stringify(JSON.parse(recordEl.textContent), null, 1)], { type: "application/json" });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = download.dataset.name || "marsad.json";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    });
  }

  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
