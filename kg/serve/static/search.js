// govkg query page, part two: search box (/search) and evidence of a clicked relation (/evidence).
// No framework, no CDN. The results table is app.js's; this file only adds clicks to it.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const GOV = "https://w3id.org/govkg/ontology#";
  const RELATIONS = ["partOf", "locatedIn", "subOrganisationOf", "implementedIn", "implementedBy",
    "adaptedFrom", "awarded"].map((r) => GOV + r);

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // the sentence with [a, b) spans wrapped in <mark>, built from text nodes (no innerHTML)
  function marked(sentence, spans) {
    const p = el("span", undefined, "sentence");
    let at = 0;
    for (const [a, b] of spans || []) {
      p.appendChild(document.createTextNode(sentence.slice(at, a)));
      p.appendChild(el("mark", sentence.slice(a, b)));
      at = b;
    }
    p.appendChild(document.createTextNode(sentence.slice(at)));
    return p;
  }

  function sourceLink(file, start, end) {
    const a = el("a", file + " [" + start + "–" + end + ")", "source");
    a.href = "/source?" + new URLSearchParams({ file: file, start: start, end: end }).toString() + "#hit";
    a.target = "_blank";
    a.rel = "noopener";
    return a;
  }

  function spansOf(sentence, text) {
    const out = [];
    let i = text ? sentence.indexOf(text) : -1;
    while (i >= 0) { out.push([i, i + text.length]); i = sentence.indexOf(text, i + text.length); }
    return out;
  }

  async function search() {
    const text = $("search-text").value.trim();
    const out = $("search-results");
    out.innerHTML = "";
    if (!text) return;
    const resp = await fetch("/search?" + new URLSearchParams({ text: text, limit: 20 }).toString());
    const hits = await resp.json();
    if (!resp.ok) { out.appendChild(el("p", "Error: " + hits.error, "error")); return; }
    const ents = hits.filter((h) => h.kind === "entity");
    const sents = hits.filter((h) => h.kind === "sentence");
    out.appendChild(el("p", ents.length + " entities, " + sents.length + " sentences", "count"));
    const ul = el("ul", undefined, "hits");
    for (const h of ents) {
      const li = el("li", undefined, "entity");
      li.appendChild(el("strong", h.label));
      li.appendChild(el("span", " " + h.type + " · " + h.via + ": " + h.matched + " · " + h.files + " file(s)", "meta"));
      li.title = h.iri;
      ul.appendChild(li);
    }
    for (const h of sents) {
      const li = el("li", undefined, "sentence-hit");
      li.appendChild(marked(h.matched, spansOf(h.matched, text.replace(/\s+/g, ""))));
      li.appendChild(el("br"));
      li.appendChild(sourceLink(h.file, h.start, h.end));
      if (h.title) li.appendChild(el("span", " · " + h.title, "meta"));
      ul.appendChild(li);
    }
    out.appendChild(ul);
    if (ents.length) {
      const b = el("button", "What the graph says about these " + ents.length + " entities ▶");
      b.type = "button";
      b.id = "search-to-sparql";
      b.addEventListener("click", () => {
        const ids = ents.map((h) => "<" + h.iri + ">").join(" ");
        location.href = "/?" + new URLSearchParams({ q: "search_entities", entities: ids, run: 1 }).toString();
      });
      out.appendChild(b);
    }
  }

  async function showEvidence(s, p, o) {
    const box = $("evidence");
    box.innerHTML = "";
    box.hidden = false;
    const resp = await fetch("/evidence?" + new URLSearchParams({ s: s, p: p, o: o }).toString());
    const rows = await resp.json();
    if (!resp.ok) { box.appendChild(el("p", "Error: " + rows.error, "error")); return; }
    const close = el("button", "×", "close");
    close.type = "button";
    close.addEventListener("click", () => { box.hidden = true; });
    box.appendChild(close);
    box.appendChild(el("h2", "Evidence: " + p.slice(GOV.length)));
    if (!rows.length) box.appendChild(el("p", "No evidence sentence: this fact comes from reference data (the divisions register) or was inferred."));
    for (const r of rows) {
      const div = el("div", undefined, "evidence-row");
      div.appendChild(el("div", r.sLabel + " → " + r.oLabel, "relation"));
      div.appendChild(marked(r.sentence, r.highlights));
      const meta = el("div", undefined, "meta");
      if (r.source) meta.appendChild(sourceLink(r.file, r.start, r.end));
      else meta.appendChild(el("span", r.file + " [" + r.start + "–" + r.end + ")"));
      if (r.title) meta.appendChild(el("span", " · " + r.title));
      div.appendChild(meta);
      box.appendChild(div);
    }
  }

  // a relation cell: a gov: relation IRI; subject = the entity IRI before it in the row,
  // object = the one after it; a row whose "direction" is "in" has them the other way round
  const wired = new WeakSet();  // tables already wired (no attribute: the DOM stays as app.js made it)
  function wireTable() {
    const table = document.querySelector("#results table");
    if (!table || wired.has(table)) return;
    wired.add(table);
    const heads = Array.from(table.tHead.rows[0].cells).map((c) => c.textContent);
    const dirCol = heads.indexOf("direction");
    for (const tr of table.tBodies[0].rows) {
      const iris = Array.from(tr.cells).map((td) => {
        const s = td.querySelector(".iri");
        return s ? s.title : null;
      });
      iris.forEach((iri, i) => {
        if (!iri || RELATIONS.indexOf(iri) < 0) return;
        const before = iris.slice(0, i).filter((x) => x && RELATIONS.indexOf(x) < 0 && !x.startsWith(GOV)).pop();
        const after = iris.slice(i + 1).find((x) => x && RELATIONS.indexOf(x) < 0 && !x.startsWith(GOV));
        if (!before || !after) return;
        let s = before, o = after;
        if (dirCol >= 0 && tr.cells[dirCol].textContent === "in") { s = after; o = before; }
        const td = tr.cells[i];
        td.classList.add("relation");
        td.title = "show the evidence sentences";
        td.addEventListener("click", () => showEvidence(s, iri, o));
      });
    }
    // ?…&evidence=1 (a link that shows why a fact holds) clicks the first relation
    const first = table.querySelector("td.relation");
    if (first && new URLSearchParams(location.search).get("evidence")) first.click();
  }

  $("search-go").addEventListener("click", search);
  $("search-text").addEventListener("keydown", (e) => { if (e.key === "Enter") search(); });
  new MutationObserver(wireTable).observe($("results"), { childList: true, subtree: true });
  const url = new URLSearchParams(location.search);
  if (url.get("search")) { $("search-text").value = url.get("search"); search(); }
})();
