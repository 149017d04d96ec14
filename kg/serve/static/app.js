// govkg query page: no framework, no CDN. Talks to /sparql with the SPARQL 1.1 Protocol.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const PREFIXES = {
    "https://w3id.org/govkg/ontology#": "gov:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "https://w3id.org/govkg/id/": "id:",
  };
  let library = [];

  function shorten(iri) {
    for (const [ns, p] of Object.entries(PREFIXES)) {
      if (iri.startsWith(ns)) return p + iri.slice(ns.length);
    }
    return iri;
  }

  function paramFields() {
    return Array.from(document.querySelectorAll("#params input"))
      .filter((i) => i.value.trim() !== "")
      .map((i) => ["param", i.dataset.name + "=" + i.value.trim()]);
  }

  function formBody(extra) {
    const body = new URLSearchParams();
    body.append("query", $("query").value);
    for (const [k, v] of paramFields()) body.append(k, v);
    for (const [k, v] of extra || []) body.append(k, v);
    return body;
  }

  function showLibrary(name) {
    const q = library.find((x) => x.name === name);
    $("params").innerHTML = "";
    $("question").textContent = q ? q.question : "";
    if (!q) return;
    $("query").value = q.text;
    q.param_names.forEach((p, i) => {
      const label = document.createElement("label");
      label.textContent = p + " ";
      const input = document.createElement("input");
      input.dataset.name = p;
      input.title = q.params[i] || "";
      const m = /e\.g\.\s*([^\s(,;]+)/.exec(q.params[i] || "");
      input.placeholder = m ? m[1] : "";
      input.id = "param-" + p;
      label.appendChild(input);
      $("params").appendChild(label);
    });
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const s = document.createElement("span");
      s.className = "iri";
      s.title = term.value;
      s.textContent = shorten(term.value);
      td.appendChild(s);
    } else {
      td.appendChild(document.createTextNode(term.value));
      if (term["xml:lang"]) {
        const l = document.createElement("span");
        l.className = "lang";
        l.textContent = "@" + term["xml:lang"];
        td.appendChild(l);
      }
    }
    return td;
  }

  function renderTable(data) {
    const out = $("results");
    out.innerHTML = "";
    if ("boolean" in data) {
      out.textContent = "ASK → " + data.boolean;
      return 1;
    }
    const vars = data.head.vars;
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const b of data.results.bindings) {
      const tr = body.insertRow();
      for (const v of vars) tr.appendChild(cell(b[v]));
    }
    out.appendChild(table);
    return data.results.bindings.length;
  }

  function downloads(isGraph) {
    const links = $("downloads");
    links.innerHTML = "Download: ";
    const formats = isGraph ? ["turtle", "nt"] : ["csv", "tsv", "json", "xml"];
    for (const f of formats) {
      const a = document.createElement("a");
      a.href = "/sparql?" + formBody([["format", f]]).toString();
      a.textContent = f.toUpperCase();
      a.setAttribute("download", "results." + (f === "turtle" ? "ttl" : f));
      links.appendChild(a);
    }
  }

  async function run() {
    const status = $("status");
    status.className = "";
    status.textContent = "running…";
    $("run").disabled = true;
    const t0 = performance.now();
    try {
      const resp = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: formBody(),
      });
      const ms = Math.round(performance.now() - t0);
      const type = resp.headers.get("Content-Type") || "";
      if (!resp.ok) {
        const err = await resp.json().catch(() => ({ error: resp.statusText }));
        status.className = "error";
        status.textContent = "Error " + resp.status + ": " + err.error;
        $("results").innerHTML = "";
        $("downloads").innerHTML = "";
        return;
      }
      let n;
      if (type.startsWith("text/turtle")) {
        const pre = document.createElement("pre");
        pre.className = "graph";
        pre.textContent = await resp.text();
        $("results").innerHTML = "";
        $("results").appendChild(pre);
        n = "graph";
        downloads(true);
      } else {
        n = renderTable(await resp.json());
        downloads(false);
      }
      const cut = resp.headers.get("X-Truncated") === "true" ? " (cut at the row limit)" : "";
      status.textContent = (n === "graph" ? "graph" : n + " rows") + " in " + ms + " ms" + cut;
    } catch (e) {
      status.className = "error";
      status.textContent = "Error: " + e;
    } finally {
      $("run").disabled = false;
    }
  }

  async function init() {
    $("run").addEventListener("click", run);
    $("query").addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run();
    });
    $("library").addEventListener("change", (e) => showLibrary(e.target.value));
    try {
      library = await (await fetch("/queries.json")).json();
    } catch (e) {
      library = [];
    }
    for (const q of library) {
      const o = document.createElement("option");
      o.value = q.name;
      o.textContent = q.name + " — " + (q.title || q.question);
      $("library").appendChild(o);
    }
    // ?q=NAME&NAME=VALUE…&run=1 preselects a library query (used by links and tests)
    const url = new URLSearchParams(location.search);
    if (url.get("q")) {
      $("library").value = url.get("q");
      showLibrary(url.get("q"));
      for (const [k, v] of url.entries()) {
        const input = document.getElementById("param-" + k);
        if (input) input.value = v;
      }
    }
    if (url.get("run")) run();
  }
  init();
})();
