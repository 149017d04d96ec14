/* govkg export page: draws the graph embedded in #graph-data on a canvas.
 * Vanilla JS, no dependencies, so the page works offline from a single file.
 * Positions come from the exporter (seeded spring layout) or, for large graphs, from the
 * small seeded force layout below. Drag to pan, wheel to zoom, hover for details. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = data.nodes, edges = data.edges, n = nodes.length;
  var canvas = document.getElementById("graph"), ctx = canvas.getContext("2d");
  var tip = document.getElementById("tip");
  var view = { x: 0, y: 0, k: 1 }, hover = -1, query = "";

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

  function fit() {
    var w = canvas.width, h = canvas.height, minx = Infinity, maxx = -Infinity, miny = Infinity, maxy = -Infinity;
    nodes.forEach(function (d) {
      minx = Math.min(minx, d.x); maxx = Math.max(maxx, d.x); miny = Math.min(miny, d.y); maxy = Math.max(maxy, d.y);
    });
    if (!n) return;
    var k = 0.8 * Math.min(w / Math.max(maxx - minx, 1), h / Math.max(maxy - miny, 1));
    view.k = Math.min(k, 3); view.x = w / 2 - view.k * (minx + maxx) / 2; view.y = h / 2 - view.k * (miny + maxy) / 2;
  }

  function sx(d) { return view.x + view.k * d.x; }
  function sy(d) { return view.y + view.k * d.y; }
  function radius(d) { return d.size * Math.sqrt(view.k) * 0.6 + 1.5; }

  function draw() {
    var w = canvas.width, h = canvas.height, i;
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, w, h);
    ctx.lineCap = "round";
    for (i = 0; i < edges.length; i++) {
      var a = nodes[edges[i][0]], b = nodes[edges[i][1]];
      var lit = hover >= 0 && (edges[i][0] === hover || edges[i][1] === hover);
      ctx.strokeStyle = lit ? "rgba(40,40,40,0.85)" : "rgba(120,120,120,0.35)";
      ctx.lineWidth = Math.min(1 + Math.log(edges[i][2] || 1), 5);
      ctx.beginPath(); ctx.moveTo(sx(a), sy(a)); ctx.lineTo(sx(b), sy(b)); ctx.stroke();
    }
    var drawn = 0;
    for (i = 0; i < n; i++) {
      var d = nodes[i], match = query && (d.label.indexOf(query) >= 0 || (d.pinyin || "").toLowerCase().indexOf(query) >= 0);
      ctx.fillStyle = data.colours[d.family] || "#999999";
      ctx.globalAlpha = query && !match ? 0.25 : 1;
      ctx.beginPath(); ctx.arc(sx(d), sy(d), radius(d), 0, 2 * Math.PI); ctx.fill();
      ctx.strokeStyle = i === hover || match ? "#000000" : "#ffffff"; ctx.lineWidth = 1; ctx.stroke();
      drawn++;
    }
    ctx.globalAlpha = 1; ctx.fillStyle = "#222222";
    ctx.font = "12px 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
    for (i = 0; i < n; i++) {
      var e = nodes[i];
      if (top[i] || i === hover || n <= 60 || e.size * view.k >= 24) ctx.fillText(e.label, sx(e) + radius(e) + 3, sy(e) + 4);
    }
    document.body.setAttribute("data-nodes-drawn", String(drawn));
    document.body.setAttribute("data-edges-drawn", String(edges.length));
  }

  function nearest(px, py) {
    var best = -1, bd = 144;
    for (var i = 0; i < n; i++) {
      var ex = sx(nodes[i]) - px, ey = sy(nodes[i]) - py, d = ex * ex + ey * ey;
      if (d < bd) { bd = d; best = i; }
    }
    return best;
  }

  function resize() {
    canvas.width = window.innerWidth; canvas.height = Math.max(window.innerHeight - canvas.offsetTop, 200);
  }

  var drag = null;
  canvas.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, y: ev.clientY }; });
  window.addEventListener("mouseup", function () { drag = null; });
  canvas.addEventListener("mousemove", function (ev) {
    var rect = canvas.getBoundingClientRect(), px = ev.clientX - rect.left, py = ev.clientY - rect.top;
    if (drag) { view.x += ev.clientX - drag.x; view.y += ev.clientY - drag.y; drag = { x: ev.clientX, y: ev.clientY }; }
    hover = nearest(px, py);
    if (hover >= 0) {
      var d = nodes[hover];
      tip.innerHTML = "";
      [["strong", d.label], ["div", d.pinyin || ""], ["div", d.type + (d.documents ? " · " + d.documents + " doc." : "")]]
        .forEach(function (p) { if (p[1]) { var el = document.createElement(p[0]); el.textContent = p[1]; tip.appendChild(el); } });
      tip.style.display = "block"; tip.style.left = (ev.clientX + 12) + "px"; tip.style.top = (ev.clientY + 12) + "px";
    } else { tip.style.display = "none"; }
    draw();
  });
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var rect = canvas.getBoundingClientRect(), px = ev.clientX - rect.left, py = ev.clientY - rect.top;
    var f = ev.deltaY < 0 ? 1.15 : 1 / 1.15;
    view.x = px - (px - view.x) * f; view.y = py - (py - view.y) * f; view.k *= f; draw();
  }, { passive: false });
  document.getElementById("search").addEventListener("input", function (ev) {
    query = ev.target.value.trim().toLowerCase(); draw();
  });
  window.addEventListener("resize", function () { resize(); fit(); draw(); });

  var top = {}; /* always label the 15 biggest nodes */
  nodes.map(function (d, i) { return [d.size, i]; }).sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; })
    .slice(0, 15).forEach(function (p) { top[p[1]] = true; });
  if (!data.positioned) forceLayout();
  resize(); fit(); draw();
})();
