/* govkg export page: draws the graph embedded in #graph-data on a canvas.
 * Vanilla JS, no dependencies, so the page works offline from a single file.
 * Positions come from the exporter (components laid out one by one and packed to fill
 * the view) or, for large graphs, from the small seeded force layout below.
 * Drag to pan, wheel to zoom, hover for details, click an edge for its evidence.
 * Labels are placed biggest node first and skipped where they would overlap one
 * already drawn; zooming in makes room for more. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = data.nodes, edges = data.edges, n = nodes.length, evidence = data.evidence || [];
  var canvas = document.getElementById("graph"), ctx = canvas.getContext("2d");
  var tip = document.getElementById("tip"), panel = document.getElementById("evidence");
  var view = { x: 0, y: 0, k: 1 }, hover = -1, query = "", selected = -1;
  var shown = new Array(n).fill(true);
  var FONT = "12px 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Zen Hei', 'WenQuanYi Micro Hei', 'Droid Sans Fallback', 'PingFang SC', 'Microsoft YaHei', sans-serif";

  function rng(seed) { /* mulberry32: a seeded PRNG so the page draws the same every time */
    return function () {
      seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function forceLayout() { /* Fruchterman-Reingold, O(n^2) per step, few steps when large */
    var r = rng(1), i, j, step, x = new Float64Array(n), y = new Float64Array(n);
    var dx = new Float64Array(n), dy = new Float64Array(n);
    for (i = 0; i < n; i++) { x[i] = r() * 1000 - 500; y[i] = r() * 1000 - 500; }
    var k = Math.sqrt(1e6 / Math.max(n, 1)), steps = n > 2000 ? 30 : 150, temp = 100;
    for (step = 0; step < steps; step++) {
      dx.fill(0); dy.fill(0);
      for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) {
        var ex = x[i] - x[j], ey = y[i] - y[j], d2 = ex * ex + ey * ey + 0.01, f = k * k / d2;
        dx[i] += ex * f; dy[i] += ey * f; dx[j] -= ex * f; dy[j] -= ey * f;
      }
      for (var e = 0; e < edges.length; e++) {
        var a = edges[e][0], b = edges[e][1], fx = x[a] - x[b], fy = y[a] - y[b];
        var d = Math.sqrt(fx * fx + fy * fy) + 0.01, g = d / k;
        dx[a] -= fx * g; dy[a] -= fy * g; dx[b] += fx * g; dy[b] += fy * g;
      }
      for (i = 0; i < n; i++) {
        var m = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) + 0.01, s = Math.min(m, temp) / m;
        x[i] += dx[i] * s; y[i] += dy[i] * s;
      }
      temp *= 0.97;
    }
    for (i = 0; i < n; i++) { nodes[i].x = x[i]; nodes[i].y = y[i]; }
  }

  function fit() { /* the visible nodes fill the canvas (a small margin for discs and labels) */
    var w = canvas.width, h = canvas.height, minx = Infinity, maxx = -Infinity, miny = Infinity, maxy = -Infinity;
    nodes.forEach(function (d, i) {
      if (!shown[i]) return;
      minx = Math.min(minx, d.x); maxx = Math.max(maxx, d.x); miny = Math.min(miny, d.y); maxy = Math.max(maxy, d.y);
    });
    if (minx === Infinity) return;
    var k = Math.min((w - 60) / Math.max(maxx - minx, 1), (h - 40) / Math.max(maxy - miny, 1));
    view.k = Math.min(k, 4); view.x = w / 2 - view.k * (minx + maxx) / 2; view.y = h / 2 - view.k * (miny + maxy) / 2;
  }

  function sx(d) { return view.x + view.k * d.x; }
  function sy(d) { return view.y + view.k * d.y; }
  function radius(d) { return d.size * Math.min(Math.sqrt(view.k), 1.6) * 0.6 + 1.5; }
  function matches(d) { return query && (d.label.indexOf(query) >= 0 || (d.pinyin || "").toLowerCase().replace(/\s+/g, "").indexOf(query) >= 0); }

  var order = nodes.map(function (d, i) { return i; }).sort(function (a, b) { return nodes[b].size - nodes[a].size || a - b; });

  function draw() {
    var w = canvas.width, h = canvas.height, i;
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, w, h);
    ctx.lineCap = "round";
    var edgesDrawn = 0;
    for (i = 0; i < edges.length; i++) {
      var ea = edges[i][0], eb = edges[i][1];
      if (!shown[ea] || !shown[eb]) continue;
      var a = nodes[ea], b = nodes[eb];
      var lit = i === selected || (hover >= 0 && (ea === hover || eb === hover));
      ctx.strokeStyle = i === selected ? "rgba(200,30,30,0.9)" : lit ? "rgba(40,40,40,0.85)" : "rgba(120,120,120,0.35)";
      ctx.lineWidth = Math.min(1 + Math.log(edges[i][2] || 1), 5) + (i === selected ? 2 : 0);
      ctx.beginPath(); ctx.moveTo(sx(a), sy(a)); ctx.lineTo(sx(b), sy(b)); ctx.stroke();
      edgesDrawn++;
    }
    var drawn = 0;
    for (i = 0; i < n; i++) {
      if (!shown[i]) continue;
      var d = nodes[i], match = matches(d);
      ctx.fillStyle = data.colours[d.family] || "#999999";
      ctx.globalAlpha = query && !match ? 0.25 : 1;
      ctx.beginPath(); ctx.arc(sx(d), sy(d), radius(d), 0, 2 * Math.PI); ctx.fill();
      ctx.strokeStyle = i === hover || match ? "#000000" : "#ffffff"; ctx.lineWidth = 1; ctx.stroke();
      drawn++;
    }
    ctx.globalAlpha = 1; ctx.fillStyle = "#222222"; ctx.font = FONT;
    /* labels: hovered and matching first, then by size; skip one that would overlap */
    var boxes = [], first = [];
    if (hover >= 0) first.push(hover);
    order.forEach(function (j) { if (matches(nodes[j]) && j !== hover) first.push(j); });
    first.concat(order).forEach(function (j) {
      if (!shown[j] || boxes.some(function (b) { return b.i === j; })) return;
      var e = nodes[j], r = radius(e), tw = ctx.measureText(e.label).width;
      var box = { i: j, x: sx(e) + r + 3, y: sy(e) - 8, w: tw, h: 16 };
      if (box.x > w || box.y > h || box.x + box.w < 0 || box.y + box.h < 0) return;
      for (var q = 0; q < boxes.length; q++) {
        var o = boxes[q];
        if (box.x < o.x + o.w && o.x < box.x + box.w && box.y < o.y + o.h && o.y < box.y + box.h) return;
      }
      boxes.push(box);
      ctx.fillText(e.label, box.x, sy(e) + 4);
    });
    document.body.setAttribute("data-nodes-drawn", String(drawn));
    document.body.setAttribute("data-edges-drawn", String(edgesDrawn));
    document.body.setAttribute("data-labels-drawn", String(boxes.length));
    document.body.setAttribute("data-label-boxes", JSON.stringify(boxes.map(function (b) {
      return [Math.round(b.x), Math.round(b.y), Math.round(b.w), b.h];
    })));
  }

  function nearest(px, py) {
    var best = -1, bd = 144;
    for (var i = 0; i < n; i++) {
      if (!shown[i]) continue;
      var ex = sx(nodes[i]) - px, ey = sy(nodes[i]) - py, d = ex * ex + ey * ey;
      if (d < bd) { bd = d; best = i; }
    }
    return best;
  }

  function nearestEdge(px, py) { /* distance from the point to each visible segment, within 6 px */
    var best = -1, bd = 36;
    for (var i = 0; i < edges.length; i++) {
      if (!shown[edges[i][0]] || !shown[edges[i][1]]) continue;
      var a = nodes[edges[i][0]], b = nodes[edges[i][1]];
      var ax = sx(a), ay = sy(a), bx = sx(b), by = sy(b), vx = bx - ax, vy = by - ay;
      var t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy || 1)));
      var dx = ax + t * vx - px, dy = ay + t * vy - py, d = dx * dx + dy * dy;
      if (d < bd) { bd = d; best = i; }
    }
    return best;
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function showEvidence(i) { /* the edge's sentences, names marked, file and offsets, source link */
    selected = i;
    var e = edges[i], a = nodes[e[0]], b = nodes[e[1]], items = evidence[i] || [];
    panel.innerHTML = "";
    panel.hidden = false;
    var close = el("button", "×", "close");
    close.addEventListener("click", function () { panel.hidden = true; selected = -1; draw(); });
    panel.appendChild(close);
    panel.appendChild(el("h2", a.label + " — " + (e[3] || "") + " → " + b.label));
    if (!items.length) panel.appendChild(el("p", "No evidence sentence in this export (reference data, a derived view, or exported without the graph)."));
    items.forEach(function (it) {
      var div = el("div", undefined, "evidence-row"), p = el("p", undefined, "sentence"), at = 0;
      (it.highlights || []).forEach(function (h) {
        p.appendChild(document.createTextNode(it.sentence.slice(at, h[0])));
        p.appendChild(el("mark", it.sentence.slice(h[0], h[1])));
        at = h[1];
      });
      p.appendChild(document.createTextNode(it.sentence.slice(at)));
      div.appendChild(p);
      var link = el("a", it.file + " [" + it.start + "–" + it.end + ")", "source");
      link.href = data.sourceBase + "/source?file=" + encodeURIComponent(it.file) + "&start=" + it.start + "&end=" + it.end + "#hit";
      link.target = "_blank"; link.rel = "noopener";
      div.appendChild(link);
      if (it.title) div.appendChild(el("span", " · " + it.title, "meta"));
      panel.appendChild(div);
    });
    draw();
  }

  function applyFilters() { /* families ticked in the legend; a place: itself, inside it, and neighbours */
    var fams = {};
    document.querySelectorAll("input.family").forEach(function (c) { fams[c.value] = c.checked; });
    var place = +document.getElementById("place").value, inside = new Array(n).fill(place < 0);
    if (place >= 0) {
      for (var i = 0; i < n; i++) {
        for (var p = i, guard = 0; p >= 0 && guard < 12; p = nodes[p].parent, guard++) {
          if (p === place) { inside[i] = true; break; }
        }
      }
      var near = inside.slice();
      edges.forEach(function (e) { if (inside[e[0]]) near[e[1]] = true; if (inside[e[1]]) near[e[0]] = true; });
      inside = near;
    }
    for (var j = 0; j < n; j++) shown[j] = inside[j] && fams[nodes[j].family] !== false;
    fit(); draw();
  }

  function resize() {
    canvas.width = window.innerWidth; canvas.height = Math.max(window.innerHeight - canvas.offsetTop, 200);
  }

  var drag = null, moved = false;
  canvas.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, y: ev.clientY }; moved = false; });
  window.addEventListener("mouseup", function () { drag = null; });
  canvas.addEventListener("mousemove", function (ev) {
    var rect = canvas.getBoundingClientRect(), px = ev.clientX - rect.left, py = ev.clientY - rect.top;
    if (drag) { view.x += ev.clientX - drag.x; view.y += ev.clientY - drag.y; drag = { x: ev.clientX, y: ev.clientY }; moved = true; }
    hover = nearest(px, py);
    if (hover >= 0) {
      var d = nodes[hover];
      tip.innerHTML = "";
      [["strong", d.label], ["div", d.pinyin || ""], ["div", d.type + (d.documents ? " · " + d.documents + " doc." : "")]]
        .forEach(function (p) { if (p[1]) { var e = document.createElement(p[0]); e.textContent = p[1]; tip.appendChild(e); } });
      tip.style.display = "block"; tip.style.left = (ev.clientX + 12) + "px"; tip.style.top = (ev.clientY + 12) + "px";
    } else { tip.style.display = "none"; }
    draw();
  });
  canvas.addEventListener("click", function (ev) {
    if (moved) return;
    var rect = canvas.getBoundingClientRect(), i = nearestEdge(ev.clientX - rect.left, ev.clientY - rect.top);
    if (i >= 0) showEvidence(i);
  });
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var rect = canvas.getBoundingClientRect(), px = ev.clientX - rect.left, py = ev.clientY - rect.top;
    var f = ev.deltaY < 0 ? 1.15 : 1 / 1.15;
    view.x = px - (px - view.x) * f; view.y = py - (py - view.y) * f; view.k *= f; draw();
  }, { passive: false });
  document.getElementById("search").addEventListener("input", function (ev) {
    query = ev.target.value.trim().toLowerCase().replace(/\s+/g, ""); draw();
  });
  document.querySelectorAll("input.family").forEach(function (c) { c.addEventListener("change", applyFilters); });
  var select = document.getElementById("place");
  nodes.map(function (d, i) { return [d.label, i]; }).filter(function (p) { return nodes[p[1]].family === "place"; })
    .sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; })
    .forEach(function (p) { var o = el("option", p[0]); o.value = String(p[1]); select.appendChild(o); });
  select.addEventListener("change", applyFilters);
  window.addEventListener("resize", function () { resize(); fit(); draw(); });

  if (!data.positioned) forceLayout();
  resize();
  /* a deep link for sharing (and tests): #place=LABEL, #families=place,scheme, #zoom=F, #edge=I */
  var hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("families")) {
    var keep = hash.get("families").split(",");
    document.querySelectorAll("input.family").forEach(function (c) { c.checked = keep.indexOf(c.value) >= 0; });
  }
  if (hash.get("place")) {
    nodes.forEach(function (d, i) { if (d.label === hash.get("place") && d.family === "place") select.value = String(i); });
  }
  applyFilters();
  if (hash.get("zoom")) { var f = +hash.get("zoom"); view.x = canvas.width / 2 - (canvas.width / 2 - view.x) * f; view.y = canvas.height / 2 - (canvas.height / 2 - view.y) * f; view.k *= f; draw(); }
  if (hash.get("edge")) showEvidence(+hash.get("edge"));
})();
