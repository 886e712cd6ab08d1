// Evidence views: what convinced a detector, drawn per kind, with a readable table of every
// field underneath. Detectors are moving to typed records, so every view reads fields
// defensively: a view that finds nothing it knows falls back to the table.
'use strict';

const QLEvidence = (() => {
  const EVENT_TYPES = new Set(['account', 'room_start', 'room_end', 'viewer_join', 'viewer_leave',
    'viewer_count', 'comment', 'like', 'gift', 'follow', 'speech', 'product', 'order', 'order_cancel',
    'refund', 'referral', 'commission', 'sanction']);
  const MAX_ROWS = 60;

  // Walks any JSON value and calls visit(object, key-path) for each object inside it.
  function walk(v, visit, path = []) {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, visit, path.concat(i)));
    else if (v && typeof v === 'object') {
      visit(v, path);
      Object.entries(v).forEach(([k, x]) => walk(x, visit, path.concat(k)));
    }
  }
  const isRef = o => o && typeof o === 'object' && EVENT_TYPES.has(o.type) && typeof o.ts === 'number';
  const refs = ev => { const out = []; walk(ev, o => { if (isRef(o)) out.push(o); }); return out; };
  const isDigest = s => typeof s === 'string' && /^[0-9a-f]{24,}$/i.test(s);
  const isTimeKey = k => /(^|_)(ts|at|created|from|to|until|start|end|time)$/.test(k) || /_ts$/.test(k);

  function value(ctx, k, v) {
    const {esc, fmt, L} = ctx;
    if (v === null || v === undefined) return '<span class="muted">—</span>';
    if (typeof v === 'number') {
      if (isTimeKey(String(k)) && v > 946684800000) return esc(fmt(v));
      if (/_fen$|^amount$|^fen$|^value$|price/.test(String(k))) return '¥' + (v / 100).toLocaleString(undefined, {minimumFractionDigits: 2, maximumFractionDigits: 2});
      return esc(Number.isInteger(v) ? v.toLocaleString() : v.toLocaleString(undefined, {maximumFractionDigits: 4}));
    }
    if (typeof v === 'boolean') return v ? '✓' : '✗';
    if (typeof v === 'string') {
      if (isDigest(v)) return `<code title="${esc(v)}">${esc(v.slice(0, 12))}…</code>`;
      if (k === 'kind') return esc(L('kind', v));
      if (k === 'severity') return esc(L('severity', v));
      return esc(v);
    }
    if (Array.isArray(v)) {
      if (v.every(x => x === null || typeof x !== 'object')) {
        const shown = v.slice(0, MAX_ROWS).map(x => value(ctx, k, x)).join(', ');
        return shown + (v.length > MAX_ROWS ? ` … (+${v.length - MAX_ROWS})` : '');
      }
      if (v.every(isRef)) return refList(ctx, v);
      return rows(ctx, v);
    }
    return kv(ctx, v);
  }

  // An array of objects as one table, the union of their keys as columns.
  function rows(ctx, arr) {
    const objs = arr.filter(x => x && typeof x === 'object' && !Array.isArray(x));
    const keys = [...new Set(objs.flatMap(o => Object.keys(o)))];
    const body = objs.slice(0, MAX_ROWS).map(o => `<tr>${keys.map(k => `<td>${value(ctx, k, o[k])}</td>`).join('')}</tr>`).join('');
    return `<table class="ev-rows"><tr>${keys.map(k => `<th>${ctx.esc(ctx.L('field', k))}</th>`).join('')}</tr>${body}</table>`
      + (objs.length > MAX_ROWS ? `<p class="muted">… +${objs.length - MAX_ROWS}</p>` : '');
  }

  function kv(ctx, o) {
    return `<table class="kv">${Object.entries(o).map(([k, v]) =>
      `<tr><th>${ctx.esc(ctx.L('field', k))}</th><td>${value(ctx, k, v)}</td></tr>`).join('')}</table>`;
  }

  // Events cited: type, time, and a link to the room they happened in.
  function refList(ctx, list) {
    const {esc, fmt, L} = ctx;
    const shown = list.slice(0, MAX_ROWS).map(r => {
      const extra = Object.entries(r).filter(([k]) => !['type', 'ts', 'room', 'platform'].includes(k))
        .map(([k, v]) => `${esc(L('field', k))} ${value(ctx, k, v)}`).join(' · ');
      const where = r.room ? ` <a href="#/room/${encodeURIComponent(r.room)}">${esc(r.room)}</a>` : '';
      return `<li><span class="evt">${esc(L('event_type', r.type))}</span> ${esc(fmt(r.ts))}${where} ${extra}</li>`;
    }).join('');
    return `<ul class="refs">${shown}</ul>` + (list.length > MAX_ROWS ? `<p class="muted">… +${list.length - MAX_ROWS}</p>` : '');
  }

  function basisBlock(ctx, cite) {
    if (!cite) return '';
    const {esc, t, bases} = ctx;
    const b = bases[cite];
    if (!b) return `<p class="basis"><b>${t('legalBasis')}</b> ${esc(cite)}</p>`;
    return `<div class="basis"><b>${t('legalBasis')}</b> ${esc(b.law)} ${esc(b.article)}<blockquote>${esc(b.gist)}</blockquote>
      <small>${esc(b.source)} · ${esc(b.effective)}</small></div>`;
  }

  // ---- per kind -------------------------------------------------------------------------

  // The audience the platform displayed against the audience the joins and leaves explain.
  function audienceView(ctx, a) {
    if (!a.room) return null;
    const id = 'ev-aud';
    return {
      html: `<h4>${ctx.t('audience')}</h4><div class="chart" id="${id}"></div>`,
      after: async () => {
        const series = await ctx.api('/api/rooms/' + encodeURIComponent(a.room) + '/series');
        let observed = 0;
        const obs = series.map(m => [m.minute, (observed += m.joins - m.leaves)]);
        const marks = [];
        walk(a.body.evidence, o => { if (typeof o.ts === 'number' && typeof o.online === 'number') marks.push([o.ts, o.online]); });
        ctx.chart(document.getElementById(id), {
          tooltip: {trigger: 'axis'}, legend: {}, xAxis: {type: 'time'}, yAxis: {type: 'value'},
          series: [{name: ctx.t('displayed'), type: 'line', showSymbol: false, connectNulls: true,
            data: series.filter(m => m.displayed != null).map(m => [m.minute, m.displayed])},
          {name: ctx.t('observed'), type: 'line', showSymbol: false, data: obs},
          ...(marks.length ? [{name: ctx.t('evidence'), type: 'scatter', symbolSize: 8, data: marks.slice(0, 500)}] : [])],
        });
      },
    };
  }

  // One row per account the evidence names, with what it says about each.
  function accountsView(ctx, a) {
    const {esc, fmt, t} = ctx;
    const by = new Map();
    const touch = id => { if (!by.has(id)) by.set(id, {n: 0, first: null, last: null, texts: [], figures: {}}); return by.get(id); };
    walk(a.body.evidence, o => {
      const id = typeof o.user === 'string' ? o.user : typeof o.account === 'string' ? o.account : null;
      if (!id) {
        for (const k of ['accounts', 'members', 'users']) {
          if (Array.isArray(o[k])) o[k].filter(x => typeof x === 'string').forEach(x => touch(x));
        }
        return;
      }
      const r = touch(id);
      r.n++;
      if (typeof o.ts === 'number') {
        r.first = r.first == null ? o.ts : Math.min(r.first, o.ts);
        r.last = r.last == null ? o.ts : Math.max(r.last, o.ts);
      }
      if (typeof o.text === 'string' && r.texts.length < 3 && !r.texts.includes(o.text)) r.texts.push(o.text);
      Object.entries(o).forEach(([k, v]) => {
        if (typeof v === 'number' && !isTimeKey(k) && k !== 'ts') r.figures[k] = v;
        if (typeof v === 'boolean') r.figures[k] = v;
      });
    });
    (a.body.subjects || []).filter(s => s.type === 'account').forEach(s => touch(s.id));
    if (!by.size) return null;
    const figKeys = [...new Set([...by.values()].flatMap(r => Object.keys(r.figures)))].slice(0, 6);
    const list = [...by.entries()].sort((x, y) => y[1].n - x[1].n);
    const samples = [];
    walk(a.body.evidence, o => { if (typeof o.text === 'string' && samples.length < 8 && !samples.includes(o.text)) samples.push(o.text); });
    return {
      html: `<h4>${t('accounts')} (${by.size})</h4><table id="ev-accounts" class="ev-rows"><tr><th>${t('account')}</th><th>${t('count')}</th>
        <th>${t('from')}</th><th>${t('to')}</th>${figKeys.map(k => `<th>${esc(ctx.L('field', k))}</th>`).join('')}<th>${t('text')}</th></tr>
        ${list.slice(0, MAX_ROWS).map(([id, r]) => `<tr><td><a href="#/anchor/${encodeURIComponent(id)}">${esc(id)}</a></td><td>${r.n}</td>
          <td>${esc(fmt(r.first))}</td><td>${esc(fmt(r.last))}</td>${figKeys.map(k => `<td>${value(ctx, k, r.figures[k])}</td>`).join('')}
          <td>${r.texts.map(esc).join('<br>')}</td></tr>`).join('')}</table>`
        + (list.length > MAX_ROWS ? `<p class="muted">… +${list.length - MAX_ROWS}</p>` : '')
        + (samples.length ? `<h4>${t('comments')}</h4><ul class="samples">${samples.map(s => `<li>${esc(s)}</li>`).join('')}</ul>` : ''),
    };
  }

  // Orders, cancellations and refunds on one time axis, with the end of the show marked.
  function timelineView(ctx, a) {
    const kinds = ['order', 'order_cancel', 'refund'];
    const list = refs(a.body.evidence).filter(r => kinds.includes(r.type));
    let end = null;
    walk(a.body.evidence, o => { if (typeof o.room_end_ts === 'number') end = o.room_end_ts; });
    if (!list.length) return null;
    const id = 'ev-timeline';
    return {
      html: `<h4>${ctx.t('timeline')}</h4><div class="chart short" id="${id}"></div>`,
      after: () => ctx.chart(document.getElementById(id), {
        tooltip: {trigger: 'item', formatter: p => ctx.esc(ctx.fmt(p.value[0])) + ' ' + ctx.esc(p.seriesName)},
        legend: {}, xAxis: {type: 'time'}, yAxis: {type: 'category', data: kinds.map(k => ctx.L('event_type', k))},
        series: kinds.map(k => ({name: ctx.L('event_type', k), type: 'scatter', symbolSize: 7,
          data: list.filter(r => r.type === k).map(r => [r.ts, ctx.L('event_type', k)]),
          markLine: end && k === 'order' ? {symbol: 'none', data: [{xAxis: end, name: ctx.t('roomEnd')}],
            label: {formatter: ctx.t('roomEnd')}} : undefined})),
      }),
    };
  }

  // The sentence as said, the term marked, then the rule, what else was considered and the law.
  function claimView(ctx, a) {
    const {esc, t} = ctx;
    const found = [];
    walk(a.body.evidence, o => {
      if (typeof o.text === 'string' && (o.matched || o.span || o.term)) found.push(o);
    });
    if (!found.length) return null;
    const mark = o => {
      const s = o.text;
      let [from, to] = Array.isArray(o.span) ? o.span : [-1, -1];
      const term = o.matched || o.term;
      if (!(from >= 0 && to > from && to <= s.length) && term) { from = s.indexOf(term); to = from + term.length; }
      if (from < 0) return esc(s);
      return esc(s.slice(0, from)) + `<mark>${esc(s.slice(from, to))}</mark>` + esc(s.slice(to));
    };
    return {
      html: found.slice(0, 20).map(o => {
        const ref = isRef(o.event) ? o.event : null;
        const also = [].concat(o.also || [], o.exemption || [], o.exemptions || []).filter(Boolean);
        return `<div class="claim"><p class="sentence">“${mark(o)}”</p>
        <table class="kv"><tr><th>${t('term')}</th><td>${esc(o.matched || o.term || '')}</td></tr>
        <tr><th>${t('rule')}</th><td>${esc(o.rule || a.body.rule || '')} ${esc(o.title || '')}</td></tr>
        ${o.category ? `<tr><th>${esc(ctx.L('field', 'category'))}</th><td>${esc(o.category)}</td></tr>` : ''}
        ${also.length ? `<tr><th>${t('exemption')}</th><td>${also.map(x => typeof x === 'string' ? (ctx.bases[x] ? basisBlock(ctx, x) : esc(x)) : kv(ctx, x)).join('')}</td></tr>` : ''}
        ${o.rewrite ? `<tr><th>${t('rewrite')}</th><td>${esc(o.rewrite)}</td></tr>` : ''}
        ${ref ? `<tr><th>${t('events')}</th><td>${refList(ctx, [ref])}</td></tr>` : ''}
        </table>${basisBlock(ctx, typeof o.basis === 'string' ? o.basis : null)}</div>`;
      }).join(''),
    };
  }

  // The referral tree when referrals are cited, and the persons per level in any case.
  function pyramidView(ctx, a) {
    const {esc, t} = ctx;
    const ev = a.body.evidence || {};
    const levels = Array.isArray(ev.tree) ? ev.tree.filter(x => x && x.level != null) : [];
    const edges = refs(ev).filter(r => r.type === 'referral' && r.user && r.referrer);
    if (!levels.length && !edges.length) return null;
    let html = `<h4>${t('referralTree')}</h4>`;
    if (levels.length) {
      const max = Math.max(...levels.map(l => Number(l.persons) || 0), 1);
      html += `<table id="ev-levels" class="ev-rows"><tr><th>${t('level')}</th><th>${t('persons')}</th><th>${t('feePayers')}</th><th></th></tr>
        ${levels.map(l => `<tr><td>${esc(l.level)}</td><td>${esc(l.persons)}</td><td>${esc(l.fee_payers ?? '')}</td>
        <td><progress max="${max}" value="${Number(l.persons) || 0}"></progress></td></tr>`).join('')}</table>`;
    }
    const id = 'ev-tree';
    if (edges.length) html += `<div class="chart" id="${id}"></div>`;
    return {
      html,
      after: () => {
        if (!edges.length) return;
        const kids = new Map();
        const hasParent = new Set();
        edges.slice(0, 400).forEach(e => { if (!kids.has(e.referrer)) kids.set(e.referrer, []); kids.get(e.referrer).push(e.user); hasParent.add(e.user); });
        const roots = [...kids.keys()].filter(k => !hasParent.has(k));
        const seen = new Set();
        const node = n => { if (seen.has(n)) return {name: n}; seen.add(n); return {name: n, children: (kids.get(n) || []).map(node)}; };
        ctx.chart(document.getElementById(id), {tooltip: {}, series: [{type: 'tree', orient: 'TB', initialTreeDepth: 4,
          data: [roots.length === 1 ? node(roots[0]) : {name: '·', children: roots.map(node)}],
          label: {fontSize: 10}, symbolSize: 6}]});
      },
    };
  }

  // Which identities the new account shares with the banned one, strongest first.
  function evasionView(ctx, a) {
    const {esc, t, L} = ctx;
    const ev = a.body.evidence || {};
    const matches = Array.isArray(ev.matches) ? ev.matches : [];
    if (!matches.length) return null;
    const idKinds = ['id_hash', 'phone_hash', 'device', 'payment', 'account'];
    const rowsHtml = matches.slice(0, MAX_ROWS).map(m => {
      const kind = m.identity_kind || m.kind || idKinds.find(k => m[k] != null) || '';
      const val = m.identity_value || m.value || m.digest || m[kind];
      const rest = Object.fromEntries(Object.entries(m).filter(([k]) => !['identity_kind', 'kind', 'identity_value', 'value', 'digest', kind].includes(k)));
      return `<tr><td>${esc(L('identity_kind', kind))}</td><td>${value(ctx, 'value', val)}</td><td>${kv(ctx, rest)}</td></tr>`;
    }).join('');
    return {
      html: `<h4>${t('sharedIdentities')}</h4>${ev.strength ? `<p>${esc(L('field', 'strength'))}: <b>${esc(ev.strength)}</b></p>` : ''}
        <table id="ev-identities" class="ev-rows"><tr><th>${t('identity')}</th><th>${t('value')}</th><th>${t('detail')}</th></tr>${rowsHtml}</table>
        ${ev.caution ? `<p class="muted">${esc(ev.caution)}</p>` : ''}`,
    };
  }

  const VIEWS = {
    viewer_inflation: [audienceView],
    bot_audience: [audienceView, accountsView],
    comment_flood: [accountsView],
    fake_testimonial: [accountsView],
    lockstep_group: [accountsView],
    order_brushing: [timelineView, accountsView],
    forced_purchase: [timelineView, accountsView],
    post_show_cancellation: [timelineView],
    sales_claim_mismatch: [timelineView],
    false_claim: [claimView],
    price_fraud: [claimView],
    minor_venue: [claimView],
    pyramid_scheme: [pyramidView, accountsView],
    identity_evasion: [evasionView],
  };

  /** The whole evidence block of an alert: {html, after()} to run once it is in the page. */
  function render(ctx, a) {
    const body = a.body || {};
    const views = (VIEWS[a.kind] || []).map(v => v(ctx, a)).filter(Boolean);
    const subjects = body.subjects || [];
    const head = `<p class="summary">${ctx.esc(body.summary || '')}</p>
      <p>${ctx.t('rule')}: <code>${ctx.esc(body.rule || '—')}</code></p>${basisBlock(ctx, body.basis)}
      ${subjects.length ? `<p>${ctx.t('subjects')}: ${subjects.slice(0, 40).map(s => `${ctx.esc(ctx.L('subject', s.type))} `
        + (['anchor', 'account'].includes(s.type) ? `<a href="#/anchor/${encodeURIComponent(s.id)}">${ctx.esc(s.id)}</a>`
          : s.type === 'room' ? `<a href="#/room/${encodeURIComponent(s.id)}">${ctx.esc(s.id)}</a>` : value(ctx, 'id', s.id))).join(' · ')}
        ${subjects.length > 40 ? '… +' + (subjects.length - 40) : ''}</p>` : ''}`;
    const ev = body.evidence && typeof body.evidence === 'object' ? body.evidence : {};
    const table = `<details class="allfields" ${views.length ? '' : 'open'}><summary>${ctx.t('allFields')}</summary>${kv(ctx, ev)}</details>`;
    return {
      html: `<div class="evidence" data-kind="${ctx.esc(a.kind)}">${head}${views.map(v => `<div class="ev-view">${v.html}</div>`).join('')}${table}</div>`,
      after: async () => { for (const v of views) if (v.after) await v.after(); },
    };
  }

  return {render, refs, basisBlock};
})();
