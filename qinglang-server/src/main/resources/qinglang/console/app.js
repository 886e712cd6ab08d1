// Qinglang console: hash-routed pages over the REST API, no build step, no framework.
// Every display name comes from one catalogue (labels.json, also served per language by
// GET /api/meta/labels); navigation shows only pages whose API the caller's role may call.
'use strict';

let CAT = {};
let BASES = {};
let ROUTES = null;
let ME = null;
let lang = localStorage.getItem('ql.lang') || 'zh';
const L = (group, id) => { const e = (CAT[group] || {})[id]; return e ? (e[lang] || e.zh || id) : (id ?? ''); };
const t = k => L('ui', k);
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
const fmt = ms => ms == null ? '' : new Date(Number(ms)).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB');
const HOUR = 3600000;
const app = document.getElementById('app');

async function api(path, opts = {}) {
  const headers = Object.assign({'Authorization': 'Bearer ' + (localStorage.getItem('ql.token') || '')}, opts.headers || {});
  const r = await fetch(path, Object.assign({}, opts, {headers}));
  if (r.status === 401) { localStorage.removeItem('ql.token'); location.hash = '#/login'; throw new Error('401'); }
  if (!r.ok && r.status !== 207) { const b = await r.json().catch(() => ({})); throw new Error(b.error || r.status); }
  return opts.raw ? r : r.json();
}
const post = (path, body) => api(path, {method: 'POST', body: JSON.stringify(body), headers: {'Content-Type': 'application/json'}});

const can = (method, path) => !!ROUTES && ROUTES.some(r => r.method === method && r.path === path);
function sev(s) { return `<span class="tag sev-${esc(s)}">${esc(L('severity', s))}</span>`; }
function creditScore(x) { return Number(x).toFixed(1); } // one decimal everywhere (docs/credit.md)
const yuan = fen => '¥' + (Number(fen) / 100).toLocaleString(undefined, {minimumFractionDigits: 2});
const short = v => v == null ? '' : `<code title="${esc(v)}">${esc(String(v).slice(0, 12))}${String(v).length > 12 ? '…' : ''}</code>`;
const roomLink = r => r ? `<a href="#/room/${encodeURIComponent(r)}">${esc(r)}</a>` : '<span class="muted">—</span>';
const anchorLink = a => a ? `<a href="#/anchor/${encodeURIComponent(a)}">${esc(a)}</a>` : '<span class="muted">—</span>';
function duration(ms) {
  if (ms == null) return '—';
  const h = ms / HOUR;
  return h < 48 ? `${h.toFixed(1)} ${t('hours')}` : `${(h / 24).toFixed(1)} ${t('days')}`;
}

const charts = [];
function chart(el, option) {
  const c = echarts.init(el);
  c.setOption(option);
  charts.push(c);
  return c;
}
window.addEventListener('resize', () => charts.forEach(c => c.resize()));

function query() {
  const i = location.hash.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : location.hash.slice(i + 1));
}

const evidenceCtx = () => ({esc, fmt, L, t, api, chart, bases: BASES});

// ---- pages ----------------------------------------------------------------------------

async function login() {
  app.innerHTML = `<form class="login section" id="f"><h2>清朗 Qinglang</h2>
    <input name="name" placeholder="${t('name')}" autocomplete="username">
    <input name="password" type="password" placeholder="${t('password')}" autocomplete="current-password">
    <button>${t('login')}</button><div class="err" id="e"></div></form>`;
  document.getElementById('f').onsubmit = async ev => {
    ev.preventDefault();
    const fd = new FormData(ev.target);
    const r = await fetch('/api/login', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({name: fd.get('name'), password: fd.get('password')})});
    const b = await r.json();
    if (!r.ok) { document.getElementById('e').textContent = b.error; return; }
    localStorage.setItem('ql.token', b.token);
    ROUTES = null;
    location.hash = '#/';
  };
}

const RANGES = {last24h: 24, last7d: 24 * 7, last30d: 24 * 30, all: null};

async function overview() {
  const q = query();
  const range = q.get('range') || 'last7d';
  // the server's default range is the week up to the latest alert in scope (data is often
  // replayed long after it happened); other ranges end at the same hour
  const base = await api('/api/overview/stats');
  const end = base.to;
  let from = base.from;
  let s = base;
  if (range !== 'last7d') {
    s = await api(`/api/overview/stats?from=${RANGES[range] ? end - RANGES[range] * HOUR : 0}&to=${end}`);
    from = RANGES[range] ? s.from : Math.min(end - 24 * HOUR, ...s.alerts_by_hour.map(h => h.hour));
  }
  const rooms = await api('/api/rooms?limit=1000');
  const bySev = s.alerts_by_severity || {};
  const inbox = extra => '#/alerts?' + new URLSearchParams(Object.assign({from, to: end}, extra)).toString();
  app.innerHTML = `<section class="ranges">${t('range')}: ${Object.keys(RANGES).map(r =>
    `<a href="#/?range=${r}" class="${r === range ? 'on' : ''}" data-range="${r}">${t(r)}</a>`).join(' ')}
    <span class="muted">${esc(fmt(from))} — ${esc(fmt(end))} (${t('endingAtLatest')})</span></section>
    <section class="cards">
      <div class="card"><b id="h-rooms">${s.rooms_watched}</b><span>${t('roomsWatched')}</span><small>${s.rooms_live} ${t('live')}</small></div>
      <a class="card" href="${inbox({})}"><b id="h-alerts">${s.alerts}</b><span>${t('alerts')}</span>
        <small>${['critical', 'high', 'medium', 'low'].map(v => `${sev(v)} ${bySev[v] || 0}`).join(' ')}</small></a>
      <a class="card" href="#/cases?open=1"><b id="h-open">${s.cases.open}</b><span>${t('openCases')}</span></a>
      <a class="card ${s.cases.overdue ? 'warn' : ''}" href="#/cases?overdue=1"><b id="h-overdue">${s.cases.overdue}</b><span>${t('overdueCases')}</span></a>
      <div class="card"><b id="h-close">${duration(s.cases.median_close_ms)}</b><span>${t('timeToClose')}</span><small>${s.cases.closed} ${L('case_status', 'closed')}</small></div>
    </section>
    <section><h3>${t('alertsOverTime')}</h3><div class="chart" id="c1"></div></section>
    <section class="two"><div><h3>${t('kind')}</h3><div class="chart short" id="c2"></div></div>
      <div><h3>${t('severity')}</h3><div class="chart short" id="c3"></div></div></section>
    <section><h3>${t('rooms')}</h3><p><input id="room-search" placeholder="${t('text')}"> <span id="room-count" class="muted"></span></p>
      <table id="rooms"></table><p id="room-pages"></p></section>`;
  // every hour of the range is a bucket, empty or not, so gaps in time look like gaps
  const hours = [];
  for (let h = Math.floor(from / HOUR) * HOUR; h < end; h += HOUR) hours.push(h);
  const kinds = [...new Set(s.alerts_by_hour.map(x => x.kind))];
  const cell = new Map(s.alerts_by_hour.map(x => [x.hour + '|' + x.kind, x.n]));
  const c1 = chart(document.getElementById('c1'), {
    tooltip: {trigger: 'axis'}, legend: {type: 'scroll', top: 0, data: kinds.map(k => L('kind', k))}, grid: {top: 40, bottom: 60, left: 40, right: 20},
    xAxis: {type: 'time', min: from, max: end}, yAxis: {type: 'value', minInterval: 1},
    dataZoom: hours.length > 24 * 3 ? [{type: 'inside'}, {type: 'slider', height: 18}] : [],
    series: kinds.map(k => ({name: L('kind', k), id: k, type: 'bar', stack: 'a', barMaxWidth: 24,
      data: hours.map(h => [h + HOUR / 2, cell.get(h + '|' + k) || 0])})),
  });
  c1.on('click', p => { const h = Math.floor(p.value[0] / HOUR) * HOUR; location.hash = inbox({kind: p.seriesId, from: h, to: h + HOUR}); });
  const kindRows = Object.entries(s.alerts_by_kind || {}).sort((a, b) => a[1] - b[1]);
  const c2 = chart(document.getElementById('c2'), {tooltip: {}, grid: {left: 140}, xAxis: {type: 'value', minInterval: 1},
    yAxis: {type: 'category', data: kindRows.map(([k]) => L('kind', k))},
    series: [{type: 'bar', data: kindRows.map(([k, n]) => ({value: n, kind: k}))}]});
  c2.on('click', p => { location.hash = inbox({kind: p.data.kind}); });
  const sevs = ['critical', 'high', 'medium', 'low'];
  const c3 = chart(document.getElementById('c3'), {tooltip: {}, series: [{type: 'pie', radius: ['40%', '70%'],
    data: sevs.map(v => ({name: L('severity', v), value: bySev[v] || 0, sev: v})),
    color: ['#c0392b', '#e67e22', '#f4d03f', '#aab7b8']}]});
  c3.on('click', p => { location.hash = inbox({severity: p.data.sev}); });
  let page = 0;
  const draw = () => {
    const f = document.getElementById('room-search').value.trim().toLowerCase();
    const hit = rooms.filter(r => !f || [r.room, r.title, r.anchor, r.platform].some(x => String(x ?? '').toLowerCase().includes(f)));
    const pages = Math.max(1, Math.ceil(hit.length / 20));
    page = Math.min(page, pages - 1);
    document.getElementById('room-count').textContent = `${hit.length} / ${rooms.length}`;
    document.getElementById('rooms').innerHTML = `<tr><th>${t('room')}</th><th>${t('platform')}</th><th>${t('anchor')}</th>
      <th>${t('title')}</th><th>${t('risk')}</th><th>${t('alerts')}</th></tr>` + hit.slice(page * 20, page * 20 + 20).map(r =>
      `<tr><td>${roomLink(r.room)}</td><td>${esc(r.platform)}</td><td>${anchorLink(r.anchor)}${r.virtual_anchor ? ' 🤖' : ''}</td>
       <td>${esc(r.title)}</td><td>${Number(r.risk).toFixed(2)}</td><td><a href="#/alerts?room=${encodeURIComponent(r.room)}">${r.alerts}</a></td></tr>`).join('');
    document.getElementById('room-pages').innerHTML = pages > 1 ? Array.from({length: pages}, (_, i) =>
      `<button type="button" data-page="${i}" class="${i === page ? 'on' : ''}">${i + 1}</button>`).join(' ') : '';
    document.querySelectorAll('#room-pages button').forEach(b => b.onclick = () => { page = Number(b.dataset.page); draw(); });
  };
  document.getElementById('room-search').oninput = () => { page = 0; draw(); };
  draw();
}

// The inbox: filters live in the hash so every chart can link into it.
async function alertsPage() {
  const q = query();
  const options = (group, sel) => `<option value="">${t('any')}</option>` + Object.keys(CAT[group] || {}).map(k =>
    `<option value="${k}" ${sel === k ? 'selected' : ''}>${esc(L(group, k))}</option>`).join('');
  const dt = ms => { if (!ms) return ''; const d = new Date(Number(ms)); return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16); };
  const writer = can('POST', '/api/cases');
  app.innerHTML = `<section><h3>${t('inbox')}</h3><form id="filters" class="filters">
    <label>${t('from')} <input type="datetime-local" name="from" value="${dt(q.get('from'))}"></label>
    <label>${t('to')} <input type="datetime-local" name="to" value="${dt(q.get('to'))}"></label>
    <label>${t('kind')} <select name="kind">${options('kind', q.get('kind'))}</select></label>
    <label>${t('severity')} <select name="severity">${options('severity', q.get('severity'))}</select></label>
    <label>${t('status')} <select name="status">${options('alert_status', q.get('status'))}</select></label>
    ${ME.role === 'regulator' ? `<label>${t('platform')} <input name="platform" size="8" value="${esc(q.get('platform') || '')}"></label>` : ''}
    <label>${t('room')} <input name="room" size="10" value="${esc(q.get('room') || '')}"></label>
    <label>${t('anchor')} <input name="anchor" size="10" value="${esc(q.get('anchor') || '')}"></label>
    <label>${t('text')} <input name="q" size="14" value="${esc(q.get('q') || '')}"></label>
    <label>${t('sort')} <select name="sort">${[['ts', 'sortTs'], ['score', 'sortScore'], ['severity', 'sortSeverity']].map(([v, k]) =>
      `<option value="${v}" ${q.get('sort') === v ? 'selected' : ''}>${t(k)}</option>`).join('')}</select></label>
    <button>${t('apply')}</button></form>
    ${writer ? `<div id="selbar" class="selbar"><span id="selcount">0</span> ${t('selected')}
      <input id="case-title" placeholder="${t('caseTitle')}" size="30"> <button type="button" id="mkcase" disabled>${t('caseFromSelected')}</button>
      <input id="dismiss-reason" placeholder="${t('reason')}" size="16"> <button type="button" id="dismiss" disabled>${t('dismissSelected')}</button>
      <span class="err" id="e"></span></div>` : ''}
    <table id="inbox" class="inbox"><colgroup><col class="c-sel"><col class="c-time"><col class="c-kind"><col class="c-sev"><col class="c-score">
      <col class="c-room"><col class="c-anchor"><col><col class="c-status"></colgroup>
      <tr><th>${writer ? '<input type="checkbox" id="all">' : ''}</th><th>${t('time')}</th><th>${t('kind')}</th><th>${t('severity')}</th><th>${t('score')}</th>
      <th>${t('room')}</th><th>${t('anchor')}</th><th>${t('summary')}</th><th>${t('status')}</th></tr></table>
    <p><button type="button" id="more" hidden>${t('more')}</button> <span id="shown" class="muted"></span></p></section>`;
  app.querySelector('section').insertAdjacentHTML('afterbegin', `<p id="live-banner" class="selbar" hidden><button type="button" id="live-reload">
    <span id="live-count">0</span> ${t('newAlerts')}</button></p>`);
  document.getElementById('live-reload').onclick = () => route();
  document.getElementById('filters').onsubmit = ev => {
    ev.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(ev.target)) {
      if (!v) continue;
      p.set(k, (k === 'from' || k === 'to') ? String(new Date(v).getTime()) : v);
    }
    location.hash = '#/alerts?' + p.toString();
  };
  const params = new URLSearchParams(q);
  params.set('limit', '50');
  let next = null;
  let shown = 0;
  const selected = new Map();
  const table = document.getElementById('inbox');
  const updateSel = () => {
    if (!writer) return;
    document.getElementById('selcount').textContent = selected.size;
    document.getElementById('mkcase').disabled = selected.size === 0;
    document.getElementById('dismiss').disabled = selected.size === 0;
  };
  const load = async () => {
    const p = new URLSearchParams(params);
    if (next) p.set('next', next);
    const page = await api('/api/alerts?' + p.toString());
    next = page.next;
    shown += page.items.length;
    table.insertAdjacentHTML('beforeend', page.items.map(rowHtml).join(''));
    bindSel();
    document.getElementById('more').hidden = !next;
    document.getElementById('shown').textContent = `${shown}`;
  };
  const rowHtml = a => `<tr data-id="${esc(a.id)}">
      <td>${writer && a.status === 'new' ? `<input type="checkbox" class="sel" value="${esc(a.id)}">` : ''}</td>
      <td>${esc(fmt(a.ts))}</td><td><a href="#/alert/${encodeURIComponent(a.id)}">${esc(L('kind', a.kind))}</a></td><td>${sev(a.severity)}</td>
      <td>${Number(a.score).toFixed(2)}</td><td>${roomLink(a.room)}</td><td>${anchorLink(a.anchor)}</td>
      <td class="ellipsis" title="${esc(a.summary)}">${esc(a.summary)}</td>
      <td>${esc(L('alert_status', a.status))} ${(a.cases || []).map(c => `<a href="#/case/${c}">#${c}</a>`).join(' ')}</td></tr>`;
  const bindSel = () => table.querySelectorAll('input.sel').forEach(b => b.onchange = () => {
      const row = b.closest('tr');
      if (b.checked) selected.set(b.value, {kind: row.children[2].textContent, room: row.children[5].textContent});
      else selected.delete(b.value);
      updateSel();
    });
  await load();
  // Live: an arriving alert that the filters shown here would list goes on top; with filters
  // the page cannot check (text, time, another order) a banner offers to reload instead.
  const simple = ['kind', 'severity', 'platform', 'room', 'anchor', 'status'];
  const checkable = [...q.keys()].every(k => simple.includes(k) || (k === 'sort' && q.get(k) === 'ts'));
  let waiting = 0;
  liveFeed(a => {
    const had = table.querySelector(`tr[data-id="${CSS.escape(a.id)}"]`);
    if (had) { had.remove(); shown--; } // an update: the alert moves to the top, not twice
    if (checkable && simple.every(k => !q.get(k) || String(a[k] ?? '') === q.get(k))) {
      table.querySelector('tr').insertAdjacentHTML('afterend', rowHtml(a).replace('<tr ', '<tr class="fresh" '));
      document.getElementById('shown').textContent = `${++shown}`;
      bindSel();
    } else if (!checkable) {
      document.getElementById('live-banner').hidden = false;
      document.getElementById('live-count').textContent = ++waiting;
    }
  });
  document.getElementById('more').onclick = load;
  if (!writer) return;
  document.getElementById('all').onchange = ev => table.querySelectorAll('input.sel').forEach(b => { b.checked = ev.target.checked; b.onchange(); });
  document.getElementById('mkcase').onclick = async () => {
    const ids = [...selected.keys()];
    const first = selected.values().next().value;
    const title = document.getElementById('case-title').value.trim() || `${first.kind} · ${first.room} (${ids.length})`;
    try {
      const c = await post('/api/cases', {alerts: ids, title});
      location.hash = '#/case/' + c.id;
    } catch (e) { document.getElementById('e').textContent = e.message; }
  };
  document.getElementById('dismiss').onclick = async () => {
    try {
      await post('/api/alerts/dismiss', {alerts: [...selected.keys()], reason: document.getElementById('dismiss-reason').value});
      route();
    } catch (e) { document.getElementById('e').textContent = e.message; }
  };
}

async function alertPage(id) {
  const a = await api('/api/alerts/' + encodeURIComponent(id));
  const room = a.room ? await api('/api/rooms/' + encodeURIComponent(a.room)).catch(() => null) : null;
  const st = (await api('/api/alerts?limit=50&q=' + encodeURIComponent(id))).items.find(x => x.id === id) || {};
  const ev = QLEvidence.render(evidenceCtx(), a);
  const writer = can('POST', '/api/cases') && st.status === 'new';
  app.innerHTML = `<section id="alert-page"><h2>${esc(L('kind', a.kind))} ${sev(a.severity)} <small>${esc(a.id)}</small></h2>
    <p>${t('score')} ${Number(a.score).toFixed(2)} · ${esc(fmt(a.first_ts))} — ${esc(fmt(a.ts))} · ${t('platform')} ${esc(a.platform)}
    · ${t('room')} ${roomLink(a.room)} ${room ? '· ' + t('anchor') + ' ' + anchorLink(room.anchor) : ''}
    · ${t('status')} <b id="alert-status">${esc(L('alert_status', st.status))}</b> ${(st.cases || []).map(c => `<a href="#/case/${c}">#${c}</a>`).join(' ')}
    · ${t('version')} ${a.version}</p>
    ${writer ? `<p><button id="mkcase">${t('openCase')}</button> <input id="dismiss-reason" placeholder="${t('reason')}">
      <button id="dismiss">${t('dismissSelected')}</button> <span class="err" id="e"></span></p>` : ''}</section>
    <section><h3>${t('evidence')}</h3>${ev.html}</section>`;
  await ev.after();
  if (!writer) return;
  document.getElementById('mkcase').onclick = async () => {
    try {
      const c = await post('/api/cases', {alerts: [id], title: `${L('kind', a.kind)} · ${a.room || a.id}`});
      location.hash = '#/case/' + c.id;
    } catch (e) { document.getElementById('e').textContent = e.message; }
  };
  document.getElementById('dismiss').onclick = async () => {
    try { await post('/api/alerts/dismiss', {alerts: [id], reason: document.getElementById('dismiss-reason').value}); route(); }
    catch (e) { document.getElementById('e').textContent = e.message; }
  };
}

async function room(id) {
  const enc = encodeURIComponent(id);
  const [r, series, alerts, speech] = await Promise.all([api('/api/rooms/' + enc), api('/api/rooms/' + enc + '/series'),
    api('/api/rooms/' + enc + '/alerts'), api('/api/rooms/' + enc + '/events?type=speech&limit=500')]);
  let observed = 0;
  const obs = series.map(m => [m.minute, (observed += m.joins - m.leaves)]);
  // the words false_claim evidence cites are marked in the transcript
  const words = [];
  alerts.filter(a => a.kind === 'false_claim').forEach(a => JSON.stringify(a.body.evidence || {}, (k, v) => {
    if ((k === 'matched' || k === 'term') && typeof v === 'string') words.push(v);
    return v;
  }));
  const hl = txt => words.reduce((acc, w) => w ? acc.split(esc(w)).join(`<mark>${esc(w)}</mark>`) : acc, esc(txt));
  app.innerHTML = `<section><h2>${esc(r.title)} <small>${esc(r.room)} · ${esc(r.platform)} · ${t('anchor')} ${anchorLink(r.anchor)}</small></h2>
    <p>${fmt(r.started)} — ${fmt(r.ended)} · <a href="#/alerts?room=${enc}">${t('inbox')}</a></p></section>
    <section><h3>${t('audience')}</h3><div class="chart" id="c1"></div></section>
    <section><h3>${t('activity')}</h3><div class="chart" id="c2"></div></section>
    <section><h3>${t('alerts')}</h3><table class="inbox"><colgroup><col class="c-kind"><col class="c-score"><col class="c-sev"><col></colgroup>
    <tr><th>${t('kind')}</th><th>${t('score')}</th><th>${t('severity')}</th><th>${t('summary')}</th></tr>
    ${alerts.map(a => `<tr><td><a href="#/alert/${encodeURIComponent(a.id)}">${esc(L('kind', a.kind))}</a></td><td>${Number(a.score).toFixed(2)}</td><td>${sev(a.severity)}</td>
      <td class="ellipsis" title="${esc(a.body.summary)}">${esc(a.body.summary)}</td></tr>`).join('')}</table></section>
    <section><h3>${t('transcript')}</h3>${speech.map(s => `<p><small>${fmt(s.ts)}</small> ${hl(s.body.text)}</p>`).join('') || t('none')}</section>`;
  chart(document.getElementById('c1'), {tooltip: {trigger: 'axis'}, legend: {}, xAxis: {type: 'time'}, yAxis: {type: 'value'},
    series: [{name: t('displayed'), type: 'line', showSymbol: false, data: series.filter(m => m.displayed != null).map(m => [m.minute, m.displayed])},
      {name: t('observed'), type: 'line', showSymbol: false, data: obs}]});
  chart(document.getElementById('c2'), {tooltip: {trigger: 'axis'}, legend: {}, xAxis: {type: 'time'}, yAxis: {type: 'value'},
    series: [{name: t('comments'), type: 'bar', data: series.map(m => [m.minute, m.comments])},
      {name: t('orders'), type: 'line', data: series.map(m => [m.minute, m.orders])}]});
}

async function anchor(id) {
  const enc = encodeURIComponent(id);
  const [a, credit, rooms, cs] = await Promise.all([api('/api/registry/anchor/' + enc),
    api('/api/credit/anchor/' + enc), api('/api/rooms?anchor=' + enc), api('/api/cases?anchor=' + enc)]);
  const idn = a.identities || {};
  const prof = idn.profile || {};
  app.innerHTML = `<section id="anchor-page"><h2>${t('anchor')} ${esc(id)} ${(a.attrs || {}).virtual ? '🤖' : ''}</h2>
    <p>${t('platform')} ${esc(a.platform)} · ${fmt(a.first_seen)} — ${fmt(a.last_seen)} · <a href="#/alerts?anchor=${enc}">${t('inbox')}</a></p>
    <p>${t('credit')}: <b id="credit-score">${creditScore(credit.score)}</b> · ${t('grade')} <b id="credit-grade">${esc(credit.grade)}</b></p><div class="chart" id="c1"></div>
    <details><summary>${t('evidence')}</summary><table>${credit.items.map(i => `<tr><td>${fmt(i.ts)}</td><td>−${Number(i.points).toFixed(1)}</td>
      <td>${esc(i.reason)}</td><td>${esc(i.ref)}</td></tr>`).join('')}</table></details></section>
    <section><h3>${t('identity')}</h3><p>${['id_hash', 'phone_hash', 'device'].filter(k => prof[k])
      .map(k => `${esc(L('identity_kind', k))}: ${short(prof[k])}`).join(' · ') || t('none')}</p>
    <table>${(idn.linked_accounts || []).map(l => `<tr><td>${anchorLink(l.account)}</td><td>${esc(L('identity_kind', l.shared))}</td></tr>`).join('')}</table></section>
    <section><h3>${t('rooms')}</h3><table>${rooms.map(r => `<tr><td>${roomLink(r.room)}</td>
      <td>${esc(r.title)}</td><td>${fmt(r.started)}</td><td>${Number(r.risk).toFixed(2)}</td></tr>`).join('')}</table></section>
    <section><h3>${t('cases')}</h3><table>${cs.map(c => `<tr><td><a href="#/case/${c.id}">#${c.id}</a></td><td>${esc(c.title)}</td>
      <td>${esc(L('case_status', c.status))}</td><td>${c.outcome ? esc(L('outcome', c.outcome)) : ''}</td></tr>`).join('') || t('none')}</table></section>`;
  chart(document.getElementById('c1'), {tooltip: {trigger: 'axis'}, xAxis: {type: 'time'},
    yAxis: {type: 'value', min: 0, max: 100}, series: [{name: t('credit'), type: 'line', step: 'end', data: credit.history.map(h => [h.ts, h.score])}]});
}

async function cases() {
  const q = query();
  let cs = await api('/api/cases');
  if (q.get('overdue')) cs = cs.filter(c => c.overdue);
  if (q.get('open')) cs = cs.filter(c => c.status !== 'closed');
  app.innerHTML = `<section><h3>${t('caseList')}</h3><p><a href="#/cases">${t('all')}</a> · <a href="#/cases?open=1">${t('openCases')}</a>
    · <a href="#/cases?overdue=1">${t('overdueCases')}</a></p><table id="cases"><tr><th>#</th><th>${t('title')}</th><th>${t('platform')}</th><th>${t('status')}</th>
    <th>${t('alerts')}</th><th>${t('opened')}</th><th>${t('deadline')}</th></tr>
    ${cs.map(c => `<tr><td><a href="#/case/${c.id}">${c.id}</a></td><td>${esc(c.title)}</td><td>${esc(c.platform)}</td><td>${esc(L('case_status', c.status))}</td>
      <td>${c.alerts}</td><td>${fmt(c.opened_at)}</td><td>${fmt(c.deadline)} ${c.overdue ? `<span class="overdue">${t('overdue')}</span>` : ''}</td></tr>`).join('')}</table></section>`;
}

// A step's data as the words it stands for, not JSON.
function stepData(d) {
  if (!d || typeof d !== 'object') return '';
  return Object.entries(d).filter(([, v]) => v !== '' && v != null).map(([k, v]) => {
    if (k === 'deadline') return `${t('deadline')} ${esc(fmt(v))}`;
    if (k === 'action') return esc(L('response', v));
    if (k === 'outcome') return esc(L('outcome', v));
    if (k === 'ok') return v ? t('ok') : t('fail');
    if (k === 'kind') return esc(L('penalty', v));
    if (k === 'amount') return yuan(v);
    if (k === 'subject') return `${esc(L('subject', v.type))} ${esc(v.id)}`;
    if (k === 'alerts') return v.map(a => `<a href="#/alert/${encodeURIComponent(a)}">${esc(a)}</a>`).join(', ');
    if (k === 'was') return `(${esc(v)})`;
    return esc(typeof v === 'object' ? JSON.stringify(v) : v);
  }).join(' · ');
}

async function kase(id) {
  const c = await api('/api/cases/' + id);
  const reg = ME.role === 'regulator';
  const forms = [];
  const opt = (group, keys) => keys.map(k => `<option value="${k}">${esc(L(group, k))}</option>`).join('');
  if (reg && c.status === 'open') forms.push(`<form class="inline" data-step="notice">${t('deadline')} <input name="days" type="number" value="7" min="1" class="num"> ${t('days')}
    <input name="text" placeholder="${t('notice')}"><button>${t('notice')}</button></form>`);
  if (ME.role !== 'agency' && c.status === 'notice_sent') forms.push(`<form class="inline" data-step="respond"><select name="action">
    ${opt('response', ['takedown', 'suspension', 'rectification'])}</select><input name="note"><button>${t('respond')}</button></form>`);
  if (reg && c.status === 'responded') forms.push(`<form class="inline" data-step="verify"><select name="ok"><option value="true">${t('ok')}</option>
    <option value="false">${t('fail')}</option></select><input name="note"><button>${t('verify')}</button></form>`);
  if (reg && (c.status === 'verified' || c.status === 'open')) forms.push(`<form class="inline" data-step="close"><select name="outcome">
    ${opt('outcome', c.status === 'verified' ? ['substantiated', 'unsubstantiated'] : ['unsubstantiated'])}</select>
    <input name="note"><button>${t('close')}</button></form>`);
  if (reg && c.status !== 'closed') forms.push(`<form class="inline" data-step="penalties"><select name="subject_kind">${opt('subject', ['anchor', 'merchant', 'mcn', 'room', 'account'])}</select>
    <input name="subject_id" placeholder="${t('subjectId')}"><select name="kind">${opt('penalty', ['warning', 'fine', 'suspension', 'revocation'])}</select>
    <input name="amount" type="number" placeholder="${t('amountFen')}" class="num-wide"><button>${t('penalty')}</button></form>`);
  const canTitle = can('POST', '/api/cases/{id}/title');
  app.innerHTML = `<section><h2 id="title-row">#${c.id} <span id="case-title">${esc(c.title)}</span>
    ${canTitle ? `<button type="button" id="edit-title" class="small">${t('edit')}</button>` : ''}</h2>
    <p>${t('platform')} ${esc(c.platform)} · ${t('status')} <b id="status" data-status="${esc(c.status)}">${esc(L('case_status', c.status))}</b>
    ${c.outcome ? '· ' + esc(L('outcome', c.outcome)) : ''} ${c.deadline ? '· ' + t('deadline') + ' ' + fmt(c.deadline) : ''} ${c.overdue ? `<span class="overdue">${t('overdue')}</span>` : ''}</p>
    ${forms.join('')}<p><button id="export">${t('export')}</button> <span class="err" id="e"></span></p></section>
    <section><h3>${t('alerts')}</h3><table id="case-alerts">${c.alerts.map(a => `<tr><td><a href="#/alert/${encodeURIComponent(a.id)}">${esc(L('kind', a.kind))}</a></td><td>${roomLink(a.room)}</td>
      <td>${Number(a.score).toFixed(2)}</td><td>${sev(a.severity)}</td><td>${fmt(a.ts)}</td></tr>`).join('')}</table></section>
    <section><h3>${t('steps')}</h3><table id="steps"><tr><th>${t('at')}</th><th></th><th>${t('actor')}</th><th></th><th>${t('ledger')}</th></tr>
    ${c.steps.map(s => `<tr><td>${fmt(s.at)}</td><td>${esc(L('step', s.step))}</td><td>${esc(s.actor)} (${esc(L('role', s.role))})</td><td>${stepData(s.data)}</td><td>#${s.ledger_seq}</td></tr>`).join('')}</table></section>
    <section><h3>${t('penalty')}</h3>${c.penalties.map(p => `<p>${esc(L('subject', p.subject_kind))} ${esc(p.subject_id)}: ${esc(L('penalty', p.kind))} ${p.amount != null ? yuan(p.amount) : ''}</p>`).join('') || t('none')}</section>`;
  const err = m => { document.getElementById('e').textContent = m; };
  app.querySelectorAll('form[data-step]').forEach(f => f.onsubmit = async ev => {
    ev.preventDefault();
    const fd = Object.fromEntries(new FormData(f));
    const step = f.dataset.step;
    // closing is final: no notice, response or verification can follow
    if (step === 'close' && !window.confirm(t('confirmClose'))) return;
    let body = fd;
    if (step === 'notice') body = {deadline: Date.now() + Number(fd.days) * 86400000, text: fd.text};
    if (step === 'verify') body = {ok: fd.ok === 'true', note: fd.note};
    if (step === 'penalties') body = Object.assign({}, fd, {amount: fd.amount ? Number(fd.amount) : undefined});
    try { await post(`/api/cases/${id}/${step}`, body); kase(id); } catch (e) { err(e.message); }
  });
  if (canTitle) document.getElementById('edit-title').onclick = () => {
    document.getElementById('case-title').innerHTML = `<form id="title-form" class="inline"><input name="title" size="40" value="${esc(c.title)}">
      <button>${t('save')}</button> <button type="button" id="title-cancel">${t('cancel')}</button></form>`;
    document.getElementById('edit-title').hidden = true;
    document.getElementById('title-cancel').onclick = () => kase(id);
    document.getElementById('title-form').onsubmit = async ev => {
      ev.preventDefault();
      try { await post(`/api/cases/${id}/title`, {title: new FormData(ev.target).get('title')}); kase(id); } catch (e) { err(e.message); }
    };
  };
  document.getElementById('export').onclick = async () => {
    const r = await api(`/api/cases/${id}/export`, {raw: true});
    const a = document.createElement('a');
    a.href = URL.createObjectURL(await r.blob());
    a.download = `qinglang-case-${id}.zip`;
    a.click();
  };
}

async function rulecheck() {
  app.innerHTML = `<section><h3>${t('rulecheck')}</h3><form id="rc">
    <p><input name="title" placeholder="${t('title')}" size="40"> <input name="venue" placeholder="${t('venue')}"></p>
    <textarea name="script" rows="10" placeholder="${t('script')}"></textarea>
    <p><button>${t('check')}</button></p></form><div id="out"></div></section>`;
  document.getElementById('rc').onsubmit = async ev => {
    ev.preventDefault();
    const fd = Object.fromEntries(new FormData(ev.target));
    const out = document.getElementById('out');
    try {
      const alerts = await post('/api/rulecheck', fd);
      const views = alerts.map(a => QLEvidence.render(evidenceCtx(), {kind: a.kind, body: a, room: null}));
      out.innerHTML = alerts.length ? `<div id="findings">${alerts.map((a, i) => `<div class="finding"><h4>${esc(L('kind', a.kind))} <small>${esc(a.kind)}</small> ${sev(a.severity)}</h4>${views[i].html}</div>`).join('')}</div>`
        : `<p id="findings">${t('noFindings')}</p>`;
      for (const v of views) await v.after();
    } catch (e) { out.innerHTML = `<p class="err">${esc(e.message)}</p>`; }
  };
}

async function negative() {
  const es = await api('/api/negative');
  const writer = can('POST', '/api/negative');
  const opt = (group, keys) => keys.map(k => `<option value="${k}">${esc(L(group, k))}</option>`).join('');
  app.innerHTML = `${writer ? `<section><h3>${t('add')}</h3><form id="neg-add" class="inline">
      ${ME.role === 'regulator' ? `<input name="platform" placeholder="${t('platform')}" size="8" required>` : ''}
      <input name="account" placeholder="${t('account')}" size="10">
      <select name="identity_kind">${opt('identity_kind', ['account', 'id_hash', 'phone_hash', 'device', 'payment'])}</select>
      <input name="identity_value" placeholder="${t('value')}" size="18" required>
      <select name="scope">${opt('sanction_scope', ['selling', 'streaming', 'account'])}</select>
      <input name="reason" placeholder="${t('reason')}" size="12"> ${t('until')} <input name="until" type="date">
      <button>${t('add')}</button> <span class="err" id="e"></span></form></section>` : ''}
    <section><h3>${t('negative')}</h3><table id="negative"><tr><th>${t('platform')}</th><th>${t('account')}</th><th>${t('identity')}</th><th>${t('status')}</th>
    <th>${t('until')}</th><th>${t('reason')}</th><th>${t('history')}</th><th></th></tr>
    ${es.map(e => `<tr data-id="${e.id}"><td>${esc(e.platform)}</td><td>${esc(e.account)}</td><td>${esc(L('identity_kind', e.identity_kind))}: ${short(e.identity_value)}</td>
      <td>${esc(L('sanction_scope', e.scope))}</td><td>${e.until_ts ? fmt(e.until_ts) : t('forever')}${e.revoked_at ? ` <b>${t('revoked')}</b>` : ''}</td><td>${esc(e.reason)}</td>
      <td>${(e.history || []).map(h => `${esc(L('sanction_action', h.action))} ${fmt(h.at)} ${esc(h.actor)}`).join('<br>')}</td>
      <td>${writer && !e.revoked_at ? `<button type="button" class="revoke small" data-id="${e.id}">${t('revoke')}</button>` : ''}</td></tr>`).join('')}</table></section>`;
  if (!writer) return;
  document.getElementById('neg-add').onsubmit = async ev => {
    ev.preventDefault();
    const fd = Object.fromEntries(new FormData(ev.target));
    const body = {identity_kind: fd.identity_kind, identity_value: fd.identity_value.trim(), scope: fd.scope,
      reason: fd.reason || undefined, account: fd.account || undefined, platform: fd.platform || undefined,
      until: fd.until ? new Date(fd.until + 'T23:59:59').getTime() : undefined};
    try { await post('/api/negative', body); negative(); } catch (e) { document.getElementById('e').textContent = e.message; }
  };
  app.querySelectorAll('button.revoke').forEach(b => b.onclick = async () => {
    if (!window.confirm(t('revoke') + '?')) return;
    await post(`/api/negative/${b.dataset.id}/revoke`, {note: 'console'});
    negative();
  });
}

async function users() {
  const list = can('GET', '/api/users') ? await api('/api/users') : null;
  const opt = (group, keys) => keys.map(k => `<option value="${k}">${esc(L(group, k))}</option>`).join('');
  app.innerHTML = `${list ? `<section><h3>${t('users')}</h3><table id="users"><tr><th>${t('name')}</th><th>${t('role')}</th><th>${t('platform')}</th><th>${t('anchors')}</th><th>${t('opened')}</th></tr>
    ${list.map(u => `<tr><td>${esc(u.name)}</td><td>${esc(L('role', u.role))}</td><td>${esc(u.platform)}</td><td>${esc((u.anchors || []).join(', '))}</td><td>${fmt(u.created_at)}</td></tr>`).join('')}</table>
    <form id="user-add" class="inline"><input name="name" placeholder="${t('name')}" required><input name="password" type="password" placeholder="${t('password')}" required>
    <select name="role">${opt('role', ['platform_analyst', 'agency', 'regulator'])}</select><input name="platform" placeholder="${t('platform')}" size="8">
    <input name="anchors" placeholder="${t('anchors')} (a,b)" size="14"><button>${t('create')}</button></form></section>` : ''}
    <section><h3>${t('newToken')}</h3><form id="token" class="inline"><input name="label" placeholder="${t('label')}"><button>${t('create')}</button></form>
    <p id="token-out"></p><span class="err" id="e"></span></section>`;
  if (list) document.getElementById('user-add').onsubmit = async ev => {
    ev.preventDefault();
    const fd = Object.fromEntries(new FormData(ev.target));
    try {
      await post('/api/users', {name: fd.name, password: fd.password, role: fd.role, platform: fd.platform || undefined,
        anchors: fd.anchors ? fd.anchors.split(',').map(s => s.trim()).filter(Boolean) : []});
      users();
    } catch (e) { document.getElementById('e').textContent = e.message; }
  };
  document.getElementById('token').onsubmit = async ev => {
    ev.preventDefault();
    try {
      const r = await post('/api/tokens', {label: new FormData(ev.target).get('label') || 'script'});
      document.getElementById('token-out').innerHTML = `${t('tokenOnce')}<code id="token-value">${esc(r.token)}</code>`;
    } catch (e) { document.getElementById('e').textContent = e.message; }
  };
}

async function audit() {
  const rows = await api('/api/audit?limit=300');
  app.innerHTML = `<section><h3>${t('audit')}</h3><table id="audit"><tr><th>${t('at')}</th><th>${t('who')}</th><th>${t('action')}</th><th></th><th>${t('status')}</th></tr>
    ${rows.map(r => `<tr class="${r.status >= 400 ? 'denied' : ''}"><td>${fmt(r.at)}</td><td>${esc(r.actor)}</td><td>${esc(r.action)}</td>
      <td class="ellipsis">${esc(r.target)}</td><td>${r.status}</td></tr>`).join('')}</table></section>`;
}

async function deadLetters() {
  const rows = await api('/api/dead-letters?limit=500');
  app.innerHTML = `<section><h3>${t('deadLetters')}</h3><table id="dead"><tr><th>${t('at')}</th><th>${t('source')}</th><th>${t('line')}</th><th>${t('reason')}</th><th>${t('raw')}</th></tr>
    ${rows.map(r => `<tr><td>${fmt(r.created_at)}</td><td>${esc(r.source)}</td><td>${r.line}</td><td>${esc(r.reason)}</td><td class="ellipsis"><code>${esc(r.raw)}</code></td></tr>`).join('') || `<tr><td>${t('none')}</td></tr>`}</table></section>`;
}

async function registry() {
  const [lapses, ranking] = await Promise.all([api('/api/registry/lapses'), api('/api/credit/anchor')]);
  app.innerHTML = `<section><h3>${t('creditRanking')}</h3><table id="ranking"><tr><th>${t('anchor')}</th><th>${t('credit')}</th><th>${t('grade')}</th></tr>
    ${(Array.isArray(ranking) ? ranking : ranking.items || []).slice(0, 200).map(r => `<tr><td>${anchorLink(r.id || r.anchor)}</td><td>${creditScore(r.score)}</td><td>${esc(r.grade)}</td></tr>`).join('')}</table></section>
    <section><h3>${t('lapses')}</h3><table id="lapses"><tr><th>${t('at')}</th><th>${t('subject')}</th><th>${t('kind')}</th><th>${t('room')}</th><th>${t('detail')}</th></tr>
    ${lapses.map(l => `<tr><td>${fmt(l.seen_at)}</td><td>${esc(L('subject', l.actor_kind))} ${esc(l.actor_id)}</td><td>${esc(l.kind)}</td><td>${roomLink(l.room)}</td><td>${esc(l.detail)}</td></tr>`).join('') || `<tr><td>${t('none')}</td></tr>`}</table></section>`;
}

async function ledger() {
  app.innerHTML = `<section><h3>${t('ledger')}</h3><button id="v">${t('verifyLedger')}</button><pre id="out"></pre></section>`;
  document.getElementById('v').onclick = async () => {
    try { const r = await post('/api/ledger/verify', {}); document.getElementById('out').textContent = r.summary; }
    catch (e) { document.getElementById('out').textContent = e.message; }
  };
}

// New alerts in scope as they arrive (server-sent events read with fetch: EventSource cannot
// send the bearer header). The server ends each stream after a while; we reconnect from the
// last id until the page changes.
let liveAbort = null;
function liveFeed(onAlert) {
  const ctl = new AbortController();
  liveAbort = ctl;
  let last = null;
  (async () => {
    while (!ctl.signal.aborted) {
      try {
        const headers = {'Authorization': 'Bearer ' + (localStorage.getItem('ql.token') || '')};
        if (last) headers['Last-Event-ID'] = last;
        const r = await fetch('/api/alerts/live', {headers, signal: ctl.signal});
        if (!r.ok) return;
        const reader = r.body.getReader();
        const dec = new TextDecoder();
        let buf = '';
        for (;;) {
          const {done, value} = await reader.read();
          if (done) break;
          buf += dec.decode(value, {stream: true});
          let i;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const msg = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const id = msg.match(/^id: (\d+)$/m);
            const data = msg.match(/^data: (.*)$/m);
            if (id) last = id[1];
            if (data && /^event: alert$/m.test(msg)) onAlert(JSON.parse(data[1]));
          }
        }
      } catch (e) {
        if (ctl.signal.aborted) return;
        await new Promise(res => setTimeout(res, 2000));
      }
    }
  })();
}

// ---- navigation and routing -----------------------------------------------------------

// Each page and the API call it cannot work without: the nav shows a page only if the role may make it.
const PAGES = [
  {href: '#/', key: 'overview', need: ['GET', '/api/overview/stats']},
  {href: '#/alerts', key: 'inbox', need: ['GET', '/api/alerts']},
  {href: '#/cases', key: 'cases', need: ['GET', '/api/cases']},
  {href: '#/negative', key: 'negative', need: ['POST', '/api/negative']},
  {href: '#/registry', key: 'registry', need: ['GET', '/api/registry/lapses']},
  {href: '#/rulecheck', key: 'rulecheck', need: ['POST', '/api/rulecheck']},
  {href: '#/users', key: 'users', need: ['GET', '/api/users']},
  {href: '#/audit', key: 'audit', need: ['GET', '/api/audit']},
  {href: '#/deadletters', key: 'deadLetters', need: ['GET', '/api/dead-letters']},
  {href: '#/ledger', key: 'ledger', need: ['POST', '/api/ledger/verify']},
];

function drawChrome(loggedIn) {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.getElementById('lang').textContent = lang === 'zh' ? 'EN' : '中文';
  document.getElementById('logout').textContent = t('logout');
  document.getElementById('logout').hidden = !loggedIn;
  document.getElementById('who').textContent = loggedIn && ME ? `${ME.name} · ${L('role', ME.role)}${ME.platform ? ' · ' + ME.platform : ''}` : '';
  document.getElementById('nav').innerHTML = loggedIn
    ? PAGES.filter(p => can(...p.need)).map(p => `<a href="${p.href}" data-page="${p.key}">${esc(t(p.key))}</a>`).join('') : '';
}

async function loadCatalogue() {
  if (!Object.keys(CAT).length) CAT = await (await fetch('/labels.json')).json();
}

async function route() {
  charts.splice(0).forEach(c => c.dispose());
  if (liveAbort) { liveAbort.abort(); liveAbort = null; }
  await loadCatalogue();
  const full = location.hash.replace(/^#/, '') || '/';
  const h = full.split('?')[0];
  if (!localStorage.getItem('ql.token') && h !== '/login') { location.hash = '#/login'; return; }
  if (h === '/login') { ME = null; drawChrome(false); return login(); }
  try {
    if (!ROUTES) {
      [ME, ROUTES, BASES] = await Promise.all([api('/api/me'), api('/api/meta/routes'), api('/api/meta/bases')]);
    }
    drawChrome(true);
    let m;
    if ((m = h.match(/^\/room\/(.+)$/))) return await room(decodeURIComponent(m[1]));
    if ((m = h.match(/^\/alert\/(.+)$/))) return await alertPage(decodeURIComponent(m[1]));
    if ((m = h.match(/^\/case\/(\d+)$/))) return await kase(m[1]);
    if ((m = h.match(/^\/anchor\/(.+)$/))) return await anchor(decodeURIComponent(m[1]));
    const page = PAGES.find(p => p.href === '#' + h);
    if (page && !can(...page.need)) { app.innerHTML = `<section class="err">${esc(t(page.key))}: ${esc(t('notAllowed'))} (403)</section>`; return; }
    if (h === '/alerts') return await alertsPage();
    if (h === '/cases') return await cases();
    if (h === '/negative') return await negative();
    if (h === '/rulecheck') return await rulecheck();
    if (h === '/ledger') return await ledger();
    if (h === '/users') return await users();
    if (h === '/audit') return await audit();
    if (h === '/deadletters') return await deadLetters();
    if (h === '/registry') return await registry();
    return await overview();
  } catch (e) {
    if (e.message !== '401') app.innerHTML = `<section class="err">${esc(e.message)}</section>`;
  }
}

document.getElementById('lang').onclick = () => { lang = lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('ql.lang', lang); route(); };
document.getElementById('logout').onclick = async () => {
  try { await post('/api/logout', {}); } catch (e) { /* token already gone */ }
  localStorage.removeItem('ql.token'); ROUTES = null; ME = null; location.hash = '#/login';
};
window.addEventListener('hashchange', route);
route();
