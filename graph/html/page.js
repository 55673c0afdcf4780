// The page kg export --format html writes (graph/export_html.cpp embeds this file and the graph,
// as JSON in <script id="kg-data">). Plain JavaScript, no library: a force layout computed once at
// load, an SVG drawing with zoom and pan, search, type filters and a side panel with the evidence.
// Nothing here loads anything: the page's Content-Security-Policy forbids every request.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('kg-data').textContent);
  const SVG = 'http://www.w3.org/2000/svg';
  // As the DOT exporter (graph/export_write.cpp): colour and shape by type.
  const STYLES = {
    Person: { fill: '#a6cee3', shape: 'ellipse' },
    Place: { fill: '#b2df8a', shape: 'box' },
    Organization: { fill: '#fdbf6f', shape: 'hexagon' },
    Other: { fill: '#dddddd', shape: 'note' },
  };
  const styleOf = (type) => STYLES[type] || STYLES.Other;
  const typeKey = (type) => (STYLES[type] ? type : 'Other');

  // ---- the graph ----
  const nodes = data.nodes.map((n, i) => ({
    i, name: n.name, type: n.type, aliases: n.aliases || [], mentions: n.mentions || 0,
    props: n.properties || {},
    out: [], inc: [], x: 0, y: 0, r: 6,
  }));
  const edges = data.edges.map((e, i) => ({
    i, s: nodes[e[0]], t: nodes[e[1]], rel: e[2], ev: e[3], surface: e[4] || [], props: e[5] || {},
  }));
  for (const e of edges) {
    e.s.out.push(e);
    e.t.inc.push(e);
  }
  const degree = (n) => n.out.length + n.inc.length;
  const connected = nodes.filter((n) => degree(n) > 0);
  const isolated = nodes.filter((n) => degree(n) === 0);
  for (const n of nodes) n.r = 7 + 2.5 * Math.sqrt(degree(n));

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k === 'onclick') e.addEventListener('click', v);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }

  // ---- layout: Fruchterman-Reingold per connected component, deterministic ----
  function components() {
    const seen = new Set(), list = [];
    for (const start of connected) {
      if (seen.has(start)) continue;
      const part = [start];
      seen.add(start);
      for (let j = 0; j < part.length; ++j) {
        for (const e of [...part[j].out, ...part[j].inc]) {
          for (const w of [e.s, e.t]) {
            if (!seen.has(w)) { seen.add(w); part.push(w); }
          }
        }
      }
      list.push(part);
    }
    return list.sort((a, b) => b.length - a.length);
  }

  // Lays one component out around (0,0), its long side horizontal; returns its half extents.
  function layoutComponent(part, aspect) {
    const n = part.length;
    const k = n < 100 ? 95 : 70;  // the ideal edge length
    const golden = Math.PI * (3 - Math.sqrt(5));
    part.forEach((v, j) => {
      const radius = k * Math.sqrt(j + 0.5);
      v.x = radius * Math.cos(j * golden);
      v.y = radius * Math.sin(j * golden);
    });
    const index = new Map(part.map((v, j) => [v, j]));
    // Springs between neighbours, one per pair however many relations it has.
    const links = [];
    const seen = new Set();
    for (const v of part) {
      for (const e of v.out) {
        const a = index.get(e.s), b = index.get(e.t);
        const key = Math.min(a, b) * n + Math.max(a, b);
        if (a === b || seen.has(key)) continue;
        seen.add(key);
        links.push([a, b]);
      }
    }
    const iterations = n > 300 ? 250 : 350;
    const dx = new Float64Array(n), dy = new Float64Array(n);
    let temperature = k * Math.sqrt(n) / 2;
    for (let it = 0; n > 1 && it < iterations; ++it) {
      dx.fill(0);
      dy.fill(0);
      for (let a = 0; a < n; ++a) {
        const va = part[a];
        for (let b = a + 1; b < n; ++b) {
          const vb = part[b];
          let x = va.x - vb.x, y = va.y - vb.y;
          let d2 = x * x + y * y;
          if (d2 < 0.01) { x = 0.1 * (a - b); y = 0.1; d2 = x * x + y * y; }
          const f = (k * k) / d2;  // repulsion k^2/d, along the unit vector (x,y)/d
          dx[a] += x * f; dy[a] += y * f;
          dx[b] -= x * f; dy[b] -= y * f;
        }
      }
      for (const [a, b] of links) {
        const x = part[a].x - part[b].x, y = part[a].y - part[b].y;
        const d = Math.sqrt(x * x + y * y) || 0.01;
        const f = d / k;  // attraction d^2/k
        dx[a] -= x * f; dy[a] -= y * f;
        dx[b] += x * f; dy[b] += y * f;
      }
      for (let a = 0; a < n; ++a) {
        const v = part[a];
        // A little gravity keeps loosely attached leaves from drifting away.
        dx[a] -= 0.03 * v.x;
        dy[a] -= 0.03 * v.y;
        const d = Math.sqrt(dx[a] * dx[a] + dy[a] * dy[a]) || 1;
        const step = Math.min(d, temperature);
        v.x += (dx[a] / d) * step;
        v.y += (dy[a] / d) * step;
      }
      temperature = Math.max(1, temperature * 0.985);
    }
    // Turn the drawing so that its long side lies along the (wide) screen.
    let mx = 0, my = 0;
    for (const v of part) { mx += v.x / n; my += v.y / n; }
    let sxx = 0, syy = 0, sxy = 0;
    for (const v of part) {
      const x = v.x - mx, y = v.y - my;
      sxx += x * x; syy += y * y; sxy += x * y;
    }
    const angle = -0.5 * Math.atan2(2 * sxy, sxx - syy);
    const cos = Math.cos(angle), sin = Math.sin(angle);
    let wx = 0, wy = 0;
    for (const v of part) {
      const x = v.x - mx, y = v.y - my;
      v.x = x * cos - y * sin;
      v.y = x * sin + y * cos;
      wx = Math.max(wx, Math.abs(v.x) + v.r);
      wy = Math.max(wy, Math.abs(v.y) + v.r);
    }
    if (aspect) {
      // A long thin drawing leaves most of the screen empty: stretch its short side (at most
      // 2x) towards the screen's proportions.
      const stretch = Math.min(2, Math.max(1, wx / Math.max(1, wy) / aspect));
      for (const v of part) v.y *= stretch;
      wy *= stretch;
    }
    return { wx, wy };
  }

  // The largest component in the middle, the others in rows below it, largest first.
  function layout() {
    const parts = components();
    if (!parts.length) return;
    const rect = canvas.getBoundingClientRect();
    const aspect = rect.height > 0 ? rect.width / rect.height : 1.3;
    const main = layoutComponent(parts[0], aspect);
    const gap = 40, names = 110;  // names are drawn right of their node
    const rowWidth = Math.max(2 * main.wx, 600);
    let x = -main.wx, y = main.wy + gap * 2, rowHeight = 0;
    for (const part of parts.slice(1)) {
      const size = layoutComponent(part, 0);
      if (x + 2 * size.wx + names > -main.wx + rowWidth && x > -main.wx) {
        x = -main.wx;
        y += rowHeight + gap;
        rowHeight = 0;
      }
      for (const v of part) {
        v.x += x + size.wx;
        v.y += y + size.wy;
      }
      x += 2 * size.wx + names + gap;
      rowHeight = Math.max(rowHeight, 2 * size.wy);
    }
  }

  // ---- drawing ----
  const canvas = document.getElementById('canvas');
  const viewport = svg('g', { id: 'viewport' });
  const edgeLayer = svg('g'), labelLayer = svg('g'), nodeLayer = svg('g');
  viewport.append(edgeLayer, labelLayer, nodeLayer);
  const defs = svg('defs');
  const marker = svg('marker', {
    id: 'arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '8',
    markerHeight: '8', orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse',
  });
  marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#78909c' }));
  defs.append(marker);
  canvas.append(defs, viewport);

  function shapeFor(n) {
    const r = n.r, style = styleOf(n.type);
    let shape;
    if (style.shape === 'ellipse') shape = svg('circle', { r });
    else if (style.shape === 'box') shape = svg('rect', { x: -r, y: -r, width: 2 * r, height: 2 * r });
    else if (style.shape === 'hexagon') {
      const p = [];
      for (let j = 0; j < 6; ++j) {
        const a = (Math.PI / 3) * j;
        p.push((r * 1.15 * Math.cos(a)).toFixed(1) + ',' + (r * 1.15 * Math.sin(a)).toFixed(1));
      }
      shape = svg('polygon', { points: p.join(' ') });
    } else {
      const f = r * 0.6;
      shape = svg('path', {
        d: `M${-r},${-r} H${r - f} L${r},${-r + f} V${r} H${-r} Z`,
      });
    }
    shape.setAttribute('class', 'shape');
    shape.setAttribute('fill', style.fill);
    return shape;
  }

  function draw() {
    // Relations between the same two nodes are drawn as separate curves.
    const pairs = new Map();
    for (const e of edges) {
      const key = Math.min(e.s.i, e.t.i) + ':' + Math.max(e.s.i, e.t.i);
      if (!pairs.has(key)) pairs.set(key, []);
      pairs.get(key).push(e);
    }
    for (const group of pairs.values()) {
      group.forEach((e, j) => {
        const sign = e.s.i <= e.t.i ? 1 : -1;
        e.bend = sign * (j - (group.length - 1) / 2) * 22;
      });
    }
    for (const e of edges) {
      if (e.s === e.t) continue;
      const x1 = e.s.x, y1 = e.s.y, x2 = e.t.x, y2 = e.t.y;
      const len = Math.hypot(x2 - x1, y2 - y1) || 1;
      const nx = -(y2 - y1) / len, ny = (x2 - x1) / len;
      const cx = (x1 + x2) / 2 + nx * e.bend * 2, cy = (y1 + y2) / 2 + ny * e.bend * 2;
      // End the curve at the target's border so that the arrow head shows.
      const tl = Math.hypot(x2 - cx, y2 - cy) || 1;
      const ex = x2 - ((x2 - cx) / tl) * (e.t.r + 2), ey = y2 - ((y2 - cy) / tl) * (e.t.r + 2);
      const d = `M${x1.toFixed(1)},${y1.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`;
      e.line = svg('path', { d, class: 'edge', 'marker-end': 'url(#arrow)' });
      e.hit = svg('path', { d, class: 'edge-hit' });
      const title = svg('title');
      title.textContent = `${e.s.name} -[${e.rel}]-> ${e.t.name} (${e.ev.length} sentence${e.ev.length === 1 ? '' : 's'})`;
      e.hit.append(title);
      e.hit.addEventListener('click', (event) => { event.stopPropagation(); showEdge(e); });
      e.lx = (x1 + 2 * cx + x2) / 4;
      e.ly = (y1 + 2 * cy + y2) / 4;
      e.label = svg('text', {
        class: 'edge-label', x: e.lx.toFixed(1), y: e.ly.toFixed(1), 'text-anchor': 'middle',
      });
      e.label.textContent = e.rel + (e.ev.length > 1 ? ` (${e.ev.length})` : '');
      edgeLayer.append(e.line, e.hit);
      labelLayer.append(e.label);
    }
    for (const n of connected) {
      n.g = svg('g', { class: 'node ' + typeKey(n.type), transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})` });
      n.g.append(shapeFor(n));
      const text = svg('text', { x: (n.r + 3).toFixed(1), y: '4' });
      text.textContent = n.name;
      n.g.append(text);
      n.text = text;
      n.side = 'right';
      const title = svg('title');
      title.textContent = `${n.name} (${n.type}, ${degree(n)} relations)`;
      n.g.append(title);
      n.g.addEventListener('click', (event) => { event.stopPropagation(); showNode(n); });
      nodeLayer.append(n.g);
    }
    if (edges.length <= 150) canvas.classList.add('show-edge-labels');
  }

  // ---- zoom and pan ----
  const view = { x: 0, y: 0, k: 1 };
  function applyView() {
    viewport.setAttribute('transform', `translate(${view.x.toFixed(1)},${view.y.toFixed(1)}) scale(${view.k.toFixed(4)})`);
    // Names keep their size on the screen whatever the zoom.
    viewport.style.setProperty('--u', (1 / view.k).toFixed(4) + 'px');
    if (edges.length > 150) canvas.classList.toggle('show-edge-labels', view.k >= 2.2);
    scheduleDeclutter();
  }

  // Every node's name is shown unless it would overlap a more important one (the selection,
  // search matches, the selection's neighbours, then the best connected): zooming in shows more.
  function declutter() {
    const dim = canvas.classList.contains('dim');
    const candidates = [];
    for (const n of connected) {
      const c = n.g.classList;
      if (c.contains('hidden')) continue;
      const rank = (c.contains('selected') ? 8e6 : 0) + (c.contains('match') ? 4e6 : 0) +
                   (c.contains('on') ? 2e6 : 0) + (dim && !c.contains('on') ? -1e6 : 0) + degree(n);
      candidates.push([rank, n]);
    }
    candidates.sort((a, b) => b[0] - a[0]);
    const placed = [];
    const free = (box) => !placed.some((p) => box[0] < p[2] && p[0] < box[2] && box[1] < p[3] && p[1] < box[3]);
    for (const [, n] of candidates) {
      // Right of the node, or else left of it.
      // The box of 12px text whose baseline is 4px below the node's centre.
      const width = n.name.length * 7, y = view.y + view.k * n.y - 5.5;
      const right = view.x + view.k * (n.x + n.r) + 3, left = view.x + view.k * (n.x - n.r) - 3 - width;
      let box = [right, y, right + width, y + 12], side = 'right';
      if (!free(box) && left >= 0) { box = [left, y, left + width, y + 12]; side = 'left'; }
      const ok = free(box);
      n.g.classList.toggle('crowded', !ok);
      if (!ok) continue;
      placed.push(box);
      if (n.side !== side) {
        n.side = side;
        n.text.setAttribute('x', ((side === 'right' ? 1 : -1) * (n.r + 3)).toFixed(1));
        n.text.setAttribute('text-anchor', side === 'right' ? 'start' : 'end');
      }
    }
    // Relation names after the node names, where there is room.
    const all = canvas.classList.contains('show-edge-labels');
    for (const e of edges) {
      if (!e.label || e.label.classList.contains('hidden')) continue;
      if (!all && !e.label.classList.contains('on')) continue;
      const width = e.label.textContent.length * 6, x = view.x + view.k * e.lx, y = view.y + view.k * e.ly;
      const box = [x - width / 2, y - 10, x + width / 2, y + 2];
      const ok = free(box) && !(dim && !e.line.classList.contains('on'));
      e.label.classList.toggle('crowded', !ok);
      if (ok) placed.push(box);
    }
  }
  let declutterPending = false;
  function scheduleDeclutter() {
    if (declutterPending) return;
    declutterPending = true;
    requestAnimationFrame(() => { declutterPending = false; declutter(); });
  }
  function fit(subset) {
    const list = subset && subset.length ? subset : connected;
    const rect = canvas.getBoundingClientRect();
    if (!list.length || !rect.width) { applyView(); return; }
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const n of list) {
      x0 = Math.min(x0, n.x - n.r); y0 = Math.min(y0, n.y - n.r);
      x1 = Math.max(x1, n.x + n.r); y1 = Math.max(y1, n.y + n.r);
    }
    const pad = 30, names = 120;  // room on the right for the names, in pixels
    view.k = Math.min(2.5, (rect.width - 2 * pad - names) / Math.max(1, x1 - x0),
                      (rect.height - 2 * pad) / Math.max(1, y1 - y0));
    view.x = (rect.width - names) / 2 - view.k * (x0 + x1) / 2;
    view.y = rect.height / 2 - view.k * (y0 + y1) / 2;
    applyView();
  }
  function zoomBy(factor, cx, cy) {
    const rect = canvas.getBoundingClientRect();
    if (cx === undefined) { cx = rect.width / 2; cy = rect.height / 2; }
    const k = Math.max(0.05, Math.min(12, view.k * factor));
    view.x = cx - (cx - view.x) * (k / view.k);
    view.y = cy - (cy - view.y) * (k / view.k);
    view.k = k;
    applyView();
  }
  canvas.addEventListener('wheel', (event) => {
    event.preventDefault();
    const rect = canvas.getBoundingClientRect();
    zoomBy(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
  }, { passive: false });
  let drag = null;
  canvas.addEventListener('mousedown', (event) => {
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, moved: false };
    canvas.classList.add('panning');
  });
  window.addEventListener('mousemove', (event) => {
    if (!drag) return;
    const mx = event.clientX - drag.x, my = event.clientY - drag.y;
    if (Math.abs(mx) + Math.abs(my) > 3) drag.moved = true;
    view.x = drag.vx + mx;
    view.y = drag.vy + my;
    applyView();
  });
  window.addEventListener('mouseup', () => { drag = null; canvas.classList.remove('panning'); });
  canvas.addEventListener('click', () => { if (!drag || !drag.moved) clearSelection(); });
  document.getElementById('zoom-in').addEventListener('click', () => zoomBy(1.4));
  document.getElementById('zoom-out').addEventListener('click', () => zoomBy(1 / 1.4));
  document.getElementById('zoom-fit').addEventListener('click', () => fit());

  // ---- the side panel ----
  const panel = document.getElementById('panel');
  function nodeLink(n) {
    return el('a', { onclick: () => showNode(n, true) }, n.name);
  }
  function evidenceList(e) {
    const list = el('ul', { class: 'evidence' });
    for (const ev of e.ev) {
      const [doc, sentence, text, confidence, negated, modality, attribution, time] = ev;
      const meta = el('div', { class: 'meta' });
      if (negated) meta.append(el('span', { class: 'flag negated' }, 'negated'));
      if (modality) meta.append(el('span', { class: 'flag' }, 'modality: ' + modality));
      if (attribution) meta.append(el('span', { class: 'flag' }, 'according to ' + attribution));
      if (time) meta.append(el('span', { class: 'flag' }, 'when: ' + time));
      meta.append(`${data.docs[doc]}, sentence ${sentence + 1} · confidence ${confidence}`);
      list.append(el('li', { class: negated ? 'negated' : '' },
                     el('p', { class: 'sentence' }, '“' + data.texts[text] + '”'), meta));
    }
    return list;
  }
  function relationItem(e, from) {
    const other = e.s === from ? e.t : e.s;
    const arrow = e.s === e.t ? '↺' : e.s === from ? '→' : '←';
    const count = e.ev.length;
    const head = el('div', { class: 'head' }, el('span', { class: 'arrow' }, arrow + ' '),
                    nodeLink(other),
                    el('span', { class: 'count' }, ` · ${count} sentence${count === 1 ? '' : 's'}`));
    return el('div', { class: 'rel' }, head, evidenceList(e));
  }
  function highlight(nodeSet, edgeSet, selectedNode, selectedEdge) {
    canvas.classList.add('dim');
    for (const n of connected) {
      n.g.classList.toggle('on', nodeSet.has(n));
      n.g.classList.toggle('selected', n === selectedNode);
    }
    for (const e of edges) {
      if (!e.line) continue;
      e.line.classList.toggle('on', edgeSet.has(e));
      e.line.classList.toggle('selected', e === selectedEdge);
      e.label.classList.toggle('on', edgeSet.has(e) && edgeSet.size <= 20);
    }
    declutter();
  }
  function clearSelection() {
    canvas.classList.remove('dim');
    for (const n of connected) n.g.classList.remove('on', 'selected');
    for (const e of edges) if (e.line) { e.line.classList.remove('on', 'selected'); e.label.classList.remove('on'); }
    declutter();
    showHint();
    setHash('');
  }
  function showHint() {
    panel.replaceChildren(el('p', { class: 'hint' },
      'Click a node for its relations and the sentences behind them, or a relation for its sentences. ' +
      'Scroll to zoom, drag to pan. Link to a node with #node=NAME, to a search with #q=TEXT.'));
  }
  function setHash(hash) {
    const url = location.href.split('#')[0] + (hash ? '#' + hash : '');
    try { history.replaceState(null, '', url); } catch (err) { /* file:// in some browsers */ }
  }
  // The user's own properties (SET n.age = 42), a line each.
  function propertyList(props) {
    // Dates and non-finite floats come as {"$date": "2022-04-26"}, {"$float": "NaN"}.
    const tagged = (v) => v && typeof v === 'object' && !Array.isArray(v) &&
      Object.keys(v).length === 1 && Object.keys(v)[0].startsWith('$');
    const text = (v) => (typeof v === 'string' ? v : tagged(v) ? Object.values(v)[0] : JSON.stringify(v));
    return Object.entries(props).map(([k, v]) => el('div', { class: 'sub' }, `${k}: ${text(v)}`));
  }
  function showNode(n, center) {
    const sub = el('div', { class: 'sub' }, `${n.type} · ${degree(n)} relations · mentioned ${n.mentions} time${n.mentions === 1 ? '' : 's'}`);
    const parts = [el('h2', {}, n.name), sub];
    if (n.aliases.length) parts.push(el('div', { class: 'sub' }, 'also: ' + n.aliases.join(', ')));
    parts.push(...propertyList(n.props));
    const byRelation = new Map();
    for (const e of [...n.out, ...n.inc]) {
      if (!byRelation.has(e.rel)) byRelation.set(e.rel, []);
      if (!byRelation.get(e.rel).includes(e)) byRelation.get(e.rel).push(e);
    }
    // The relations with the most sentences first, and within each the best attested.
    const sentences = (list) => list.reduce((sum, e) => sum + e.ev.length, 0);
    for (const list of byRelation.values()) list.sort((a, b) => b.ev.length - a.ev.length);
    const groups = [...byRelation.entries()].sort((a, b) => sentences(b[1]) - sentences(a[1]) || a[0].localeCompare(b[0]));
    for (const [rel, list] of groups) {
      parts.push(el('h3', {}, `${rel} (${list.length})`));
      for (const e of list) parts.push(relationItem(e, n));
    }
    if (!groups.length) parts.push(el('p', { class: 'hint' }, 'No relations in this page.'));
    panel.replaceChildren(...parts);
    panel.scrollTop = 0;
    if (n.g) {
      const near = new Set([n]);
      const incident = new Set([...n.out, ...n.inc]);
      for (const e of incident) { near.add(e.s); near.add(e.t); }
      highlight(near, incident, n, null);
      if (center) {
        const rect = canvas.getBoundingClientRect();
        view.x = rect.width / 2 - view.k * n.x;
        view.y = rect.height / 2 - view.k * n.y;
        applyView();
      }
    } else {
      canvas.classList.remove('dim');
    }
    setHash('node=' + encodeURIComponent(n.name));
  }
  function showEdge(e) {
    const count = e.ev.length;
    const parts = [
      el('h2', {}, e.rel),
      el('div', { class: 'sub' }, nodeLink(e.s), ' → ', nodeLink(e.t)),
    ];
    if (e.surface.length) parts.push(el('div', { class: 'sub' }, 'as written: ' + e.surface.join(', ')));
    parts.push(...propertyList(e.props));
    parts.push(el('h3', {}, `${count} sentence${count === 1 ? '' : 's'}`), evidenceList(e));
    panel.replaceChildren(...parts);
    panel.scrollTop = 0;
    highlight(new Set([e.s, e.t]), new Set([e]), null, e);
  }

  // ---- search ----
  const search = document.getElementById('search');
  const results = document.getElementById('results');
  const lower = (s) => s.toLocaleLowerCase();
  function matches(n, q) {
    return lower(n.name).includes(q) || n.aliases.some((a) => lower(a).includes(q));
  }
  function runSearch(updateHash) {
    const q = lower(search.value.trim());
    results.replaceChildren();
    for (const n of connected) n.g.classList.remove('match');
    canvas.classList.toggle('searching', q !== '');
    if (updateHash && q) setHash('q=' + encodeURIComponent(search.value.trim()));
    if (!q) { declutter(); return []; }
    const found = nodes.filter((n) => matches(n, q))
      .sort((a, b) => (lower(a.name) === q ? -1 : 0) - (lower(b.name) === q ? -1 : 0) || degree(b) - degree(a));
    for (const n of found.slice(0, 40)) {
      if (n.g) n.g.classList.add('match');
      const alias = lower(n.name).includes(q) ? '' : ` (${n.aliases.find((a) => lower(a).includes(q))})`;
      results.append(el('li', { title: n.type, onclick: () => showNode(n, true) },
                        el('span', { class: 'swatch ' + typeKey(n.type), style: `background:${styleOf(n.type).fill}` }),
                        n.name + alias));
    }
    for (const n of found.slice(40)) if (n.g) n.g.classList.add('match');
    declutter();
    if (!found.length) results.append(el('li', { class: 'none' }, 'no entity matches'));
    else if (found.length > 40) results.append(el('li', { class: 'none' }, `… and ${found.length - 40} more`));
    return found;
  }
  search.addEventListener('input', () => runSearch(true));
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    const found = runSearch(true);
    if (found.length) showNode(found[0], true);
  });

  // ---- type filters and the unconnected nodes ----
  function buildSide() {
    const counts = {};
    for (const n of nodes) counts[typeKey(n.type)] = (counts[typeKey(n.type)] || 0) + 1;
    const filters = document.getElementById('filters');
    for (const type of Object.keys(STYLES)) {
      if (!counts[type]) continue;
      const box = el('input', { type: 'checkbox' });
      box.checked = true;
      box.addEventListener('change', () => {
        for (const n of connected) if (typeKey(n.type) === type) n.g.classList.toggle('hidden', !box.checked);
        for (const e of edges) {
          if (!e.line) continue;
          const hide = e.s.g.classList.contains('hidden') || e.t.g.classList.contains('hidden');
          e.line.classList.toggle('hidden', hide);
          e.hit.classList.toggle('hidden', hide);
          e.label.classList.toggle('hidden', hide);
        }
        declutter();
      });
      filters.append(el('label', {}, box, ' ',
                        el('span', { class: 'swatch ' + type, style: `background:${STYLES[type].fill}` }),
                        type + ' ', el('span', { class: 'n' }, `(${counts[type]})`)));
    }
    const alone = document.getElementById('isolated');
    if (!isolated.length) {
      alone.classList.add('hidden');
      document.getElementById('isolated-head').classList.add('hidden');
      return;
    }
    alone.append(el('summary', {}, `Unconnected (${isolated.length})`),
                 el('p', { class: 'hint' }, 'Entities with no relation in this page, kept off the drawing.'));
    const byType = new Map();
    for (const n of isolated) {
      if (!byType.has(n.type)) byType.set(n.type, []);
      byType.get(n.type).push(n);
    }
    for (const [type, list] of byType) {
      alone.append(el('div', {}, el('span', { class: 'swatch ' + typeKey(type), style: `background:${styleOf(type).fill}` }),
                      `${type} (${list.length})`));
      const ul = el('ul', { class: 'node-list' });
      for (const n of list.sort((a, b) => a.name.localeCompare(b.name)))
        ul.append(el('li', { onclick: () => showNode(n) }, n.name));
      alone.append(ul);
    }
  }

  // ---- #node=NAME and #q=TEXT ----
  function findNode(name) {
    const q = lower(name.trim());
    return nodes.find((n) => lower(n.name) === q) ||
           nodes.find((n) => n.aliases.some((a) => lower(a) === q)) ||
           nodes.find((n) => matches(n, q));
  }
  function readHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    if (params.has('q')) {
      search.value = params.get('q');
      const drawn = runSearch(false).filter((n) => n.g);
      if (drawn.length && !params.has('node')) fit(drawn);
    }
    if (params.has('node')) {
      const n = findNode(params.get('node'));
      if (n) showNode(n, true);
      else panel.replaceChildren(el('p', { class: 'hint' }, `No entity called “${params.get('node')}” in this page.`));
    }
  }
  window.addEventListener('hashchange', readHash);

  // For tests: any request the Content-Security-Policy stopped.
  let blocked = 0;
  document.addEventListener('securitypolicyviolation', () => {
    document.body.dataset.blocked = String(++blocked);
  });

  layout();
  draw();
  buildSide();
  showHint();
  fit();
  window.addEventListener('resize', () => fit());
  readHash();
  declutter();
  // For tests: the script ran (and when), and how many resources the page fetched (none).
  document.body.dataset.ready = '1';
  document.body.dataset.readyMs = String(Math.round(performance.now()));  // since navigation
  document.body.dataset.resources = String(performance.getEntriesByType('resource').length);
  document.body.dataset.blocked = String(blocked);
})();
