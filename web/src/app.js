// casus dashboard: talks only to the JSON API of `casus serve` (docs/api.md).
// The filters live in the URL (?source=USA*&target=RUS*&by=week), so a view
// can be shared by copying the address. Text from the database is always
// inserted as text nodes, never as HTML.
'use strict';

(function () {
  const FILTERS = ['source', 'target', 'actor', 'from', 'to', 'code', 'quad', 'text', 'dedup'];
  const form = document.getElementById('filters');
  const state = {
    timeline: null, network: null, cursor: null, rows: 0,
    timelinePoints: 0, graphNodes: 0, graphEdges: 0, highlights: 0,
  };
  // Read by the browser test and handy in the console.
  window.casusDashboard = state;

  function paramsFromUrl() {
    const u = new URLSearchParams(location.search);
    const p = {};
    for (const k of FILTERS.concat(['by'])) if (u.get(k)) p[k] = u.get(k);
    return p;
  }

  function fillForm(p) {
    for (const el of form.elements) {
      if (!el.name) continue;
      if (el.type === 'checkbox') el.checked = p[el.name] === '1';
      else el.value = p[el.name] || (el.name === 'by' ? 'day' : '');
    }
  }

  function paramsFromForm() {
    const p = {};
    for (const el of form.elements) {
      if (!el.name) continue;
      if (el.type === 'checkbox') { if (el.checked) p[el.name] = '1'; }
      else if (el.value.trim() !== '') p[el.name] = el.value.trim();
    }
    if (p.by === 'day') delete p.by;
    return p;
  }

  function query(p, extra) {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries(p)) if (FILTERS.includes(k)) u.set(k, v);
    for (const [k, v] of Object.entries(extra || {})) u.set(k, v);
    return u.toString();
  }

  async function api(path) {
    const r = await fetch(path, { headers: { Accept: 'application/json' } });
    const body = await r.json().catch(() => ({ error: `HTTP ${r.status}` }));
    if (!r.ok) throw new Error(body.error || `HTTP ${r.status}`);
    return body;
  }

  function showError(e) {
    const el = document.getElementById('error');
    el.textContent = e ? String(e.message || e) : '';
    el.hidden = !e;
  }

  function el(tag, attrs, ...children) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') n.className = v; else n.setAttribute(k, v);
    }
    for (const c of children) n.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
    return n;
  }

  // --- summary ---------------------------------------------------------------
  async function loadSummary() {
    const s = await api('/api/stats');
    const range = s.first_date ? `${s.first_date} – ${s.last_date}` : 'no events yet';
    document.getElementById('summary').textContent =
      `${s.articles} articles · ${s.events} event mentions · ${s.dedup_events} deduplicated events · ${s.actors} actors · ${range}`;
  }

  // --- timeline ----------------------------------------------------------------
  async function loadTimeline(p) {
    const by = p.by || 'day';
    const data = await api(`/api/dyad?${query(p, { by })}`);
    const rows = data.rows;
    const labels = rows.map(r => r.period);
    const coop = rows.map(r => r.verbal_coop + r.material_coop);
    const conflict = rows.map(r => -(r.verbal_conflict + r.material_conflict));
    const mean = rows.map(r => r.goldstein_mean);
    const who = `${p.source || 'any'} → ${p.target || 'any'}${p.actor ? ` (actor ${p.actor})` : ''}, by ${by}`;
    document.getElementById('timeline-title').textContent = who;
    const cfg = {
      data: {
        labels,
        datasets: [
          { type: 'bar', label: 'cooperation (quad 1–2)', data: coop, backgroundColor: '#2e7d32', stack: 'q', yAxisID: 'y' },
          { type: 'bar', label: 'conflict (quad 3–4)', data: conflict, backgroundColor: '#c62828', stack: 'q', yAxisID: 'y' },
          { type: 'line', label: 'mean Goldstein', data: mean, borderColor: '#1d2430', backgroundColor: '#1d2430', yAxisID: 'g', cubicInterpolationMode: 'monotone', pointRadius: 3 },
        ],
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { stacked: true },
          y: { stacked: true, title: { display: true, text: 'events (conflict below 0)' }, ticks: { callback: v => Math.abs(v) } },
          g: { position: 'right', min: -10, max: 10, grid: { drawOnChartArea: false }, title: { display: true, text: 'Goldstein' } },
        },
        plugins: { tooltip: { callbacks: { label: c => `${c.dataset.label}: ${c.datasetIndex === 1 ? -c.raw : c.raw}` } } },
      },
    };
    if (state.timeline) state.timeline.destroy();
    state.timeline = new Chart(document.getElementById('timeline'), cfg);
    state.timelinePoints = rows.length;
  }

  // --- network -----------------------------------------------------------------
  function goldsteinColour(g) {
    // -10 red ... 0 grey ... +10 green
    const t = Math.max(-1, Math.min(1, g / 10));
    const a = [120, 128, 140], c = t < 0 ? [198, 40, 40] : [46, 125, 50], k = Math.abs(t);
    return `rgb(${a.map((x, i) => Math.round(x + (c[i] - x) * k)).join(',')})`;
  }

  async function loadNetwork(p) {
    const net = await api(`/api/network?${query(p, { edges: 60 })}`);
    const maxN = Math.max(1, ...net.nodes.map(n => n.events));
    const maxE = Math.max(1, ...net.edges.map(e => e.events));
    const elements = [];
    for (const n of net.nodes) {
      elements.push({ data: { id: n.id, label: n.id, title: n.label, size: 18 + 30 * Math.sqrt(n.events / maxN) } });
    }
    net.edges.forEach((e, i) => elements.push({
      data: {
        id: `e${i}`, source: e.source, target: e.target, events: e.events,
        width: 1 + 7 * (e.events / maxE), colour: goldsteinColour(e.goldstein_mean),
      },
    }));
    if (state.network) state.network.destroy();
    state.network = cytoscape({
      container: document.getElementById('network'),
      elements,
      layout: { name: elements.length > 2 ? 'cose' : 'grid', animate: false, randomize: false, padding: 20 },
      style: [
        { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'background-color': '#3b5b8c', color: '#1d2430', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 3 } },
        { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.85 } },
      ],
      wheelSensitivity: 0.3,
    });
    state.network.on('tap', 'node', evt => {
      const p2 = paramsFromForm();
      p2.actor = evt.target.id();
      navigate(p2);
    });
    state.graphNodes = net.nodes.length;
    state.graphEdges = net.edges.length;
  }

  // --- events table ------------------------------------------------------------
  // Offsets are UTF-8 bytes of the sentence; cut on bytes, then decode.
  function highlighted(sentence, hl) {
    const frag = document.createDocumentFragment();
    if (!sentence) return frag;
    const bytes = new TextEncoder().encode(sentence);
    const dec = new TextDecoder();
    const spans = [];
    for (const role of ['source', 'target', 'trigger']) {
      const s = hl && hl[role];
      if (s && s[0] < s[1] && s[1] <= bytes.length) spans.push({ role, a: s[0], b: s[1] });
    }
    spans.sort((x, y) => x.a - y.a || y.b - x.b);
    let pos = 0;
    for (const s of spans) {
      if (s.a < pos) continue; // overlapping spans: keep the first
      if (s.a > pos) frag.append(dec.decode(bytes.subarray(pos, s.a)));
      frag.append(el('mark', { class: `hl-${s.role}`, title: s.role }, dec.decode(bytes.subarray(s.a, s.b))));
      state.highlights++;
      pos = s.b;
    }
    if (pos < bytes.length) frag.append(dec.decode(bytes.subarray(pos)));
    return frag;
  }

  function eventRow(r) {
    const doc = el('span', { class: 'doc' });
    if (r.url && /^https?:\/\//.test(r.url)) doc.append(el('a', { href: r.url, rel: 'noopener noreferrer', target: '_blank' }, r.title || r.doc_id));
    else doc.append(r.title || r.doc_id || '');
    if (r.publisher) doc.append(` · ${r.publisher}`);
    const mentions = r.num_mentions !== undefined ? `${r.num_mentions} / ${r.num_sources} / ${r.num_articles}` : '1';
    return el('tr', { 'data-id': r.id },
      el('td', {}, r.date),
      el('td', {}, r.source),
      el('td', {}, r.target),
      el('td', { class: `code q${r.quad_class}` }, r.code, el('small', {}, r.plover || '')),
      el('td', { class: 'num' }, Number(r.goldstein).toFixed(1)),
      el('td', { class: 'num', title: 'mentions / sources / articles' }, mentions),
      el('td', { class: 'evidence' }, highlighted(r.sentence, r.highlights), doc));
  }

  async function loadEvents(p, append) {
    const extra = { limit: 50 };
    if (append && state.cursor) extra.cursor = state.cursor;
    const t = await api(`/api/events?${query(p, extra)}`);
    const body = document.querySelector('#events tbody');
    if (!append) { body.textContent = ''; state.rows = 0; state.highlights = 0; }
    for (const r of t.rows) body.append(eventRow(r));
    state.rows += t.rows.length;
    state.cursor = t.next_cursor;
    document.getElementById('more').hidden = !t.next_cursor;
    document.getElementById('events-count').textContent =
      `${state.rows}${t.next_cursor ? '+' : ''} ${p.dedup ? 'deduplicated events' : 'mentions'}, newest first`;
  }

  // --- wiring ------------------------------------------------------------------
  async function load() {
    const p = paramsFromUrl();
    fillForm(p);
    document.body.dataset.state = 'loading';
    showError(null);
    try {
      await Promise.all([loadSummary(), loadTimeline(p), loadNetwork(p), loadEvents(p, false)]);
      document.body.dataset.state = 'ready';
    } catch (e) {
      showError(e);
      document.body.dataset.state = 'error';
    }
  }

  function navigate(p) {
    history.pushState(null, '', `${location.pathname}?${new URLSearchParams(p)}`);
    load();
  }

  form.addEventListener('submit', ev => { ev.preventDefault(); navigate(paramsFromForm()); });
  document.getElementById('reset').addEventListener('click', () => navigate({}));
  document.getElementById('more').addEventListener('click', () => {
    loadEvents(paramsFromUrl(), true).catch(showError);
  });
  window.addEventListener('popstate', load);
  load();
})();
