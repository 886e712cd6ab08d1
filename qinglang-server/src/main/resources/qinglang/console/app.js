// Qinglang console: a small hash-routed page over the REST API. Chinese first, English toggle.
'use strict';

const T = {
  zh: {
    overview: '总览', cases: '案件', negative: '黑名单', ledger: '证据链', logout: '退出',
    login: '登录', name: '用户名', password: '密码', rooms: '直播间（按风险排序）', room: '直播间',
    anchor: '主播', platform: '平台', risk: '风险', alerts: '预警', alertsOverTime: '预警随时间（按类型）',
    displayed: '显示在线人数', observed: '实际观众（进入−离开）', comments: '弹幕/分钟', orders: '订单/分钟',
    audience: '观众：显示 vs 实际', activity: '互动与订单', kind: '类型', score: '分数', severity: '级别',
    summary: '摘要', evidence: '证据', openCase: '立案', transcript: '主播话术（ASR）', status: '状态',
    title: '标题', opened: '立案时间', deadline: '期限', overdue: '已逾期', steps: '流程', actor: '操作人',
    at: '时间', notice: '发出通知', respond: '平台回复', verify: '核查', close: '结案', penalty: '处罚',
    export: '导出证据包', ok: '通过', fail: '不通过', substantiated: '属实', unsubstantiated: '不属实',
    takedown: '下架', suspension: '暂停带货', rectification: '整改', warning: '警告', fine: '罚款',
    revocation: '吊销', amountFen: '金额（分）', days: '天', verifyLedger: '校验证据链', root: '根哈希',
    records: '记录数', identity: '身份', until: '截止', reason: '原因', history: '历史', none: '无',
    caseList: '案件列表', credit: '信用', grade: '等级', rulecheck: '话术检查', script: '粘贴直播话术，每行一句',
    check: '检查', noFindings: '未发现问题（以已注册的检测器为准）',
  },
  en: {
    overview: 'Overview', cases: 'Cases', negative: 'Negative list', ledger: 'Ledger', logout: 'Log out',
    login: 'Log in', name: 'Name', password: 'Password', rooms: 'Rooms (riskiest first)', room: 'Room',
    anchor: 'Anchor', platform: 'Platform', risk: 'Risk', alerts: 'Alerts', alertsOverTime: 'Alerts over time by kind',
    displayed: 'Displayed online', observed: 'Observed (joins − leaves)', comments: 'Comments/min', orders: 'Orders/min',
    audience: 'Audience: displayed vs observed', activity: 'Comments and orders', kind: 'Kind', score: 'Score',
    severity: 'Severity', summary: 'Summary', evidence: 'Evidence', openCase: 'Open case', transcript: 'Transcript (ASR)',
    status: 'Status', title: 'Title', opened: 'Opened', deadline: 'Deadline', overdue: 'overdue', steps: 'Steps',
    actor: 'Actor', at: 'Time', notice: 'Send notice', respond: 'Platform response', verify: 'Verify', close: 'Close',
    penalty: 'Penalty', export: 'Export evidence package', ok: 'OK', fail: 'Failed', substantiated: 'substantiated',
    unsubstantiated: 'unsubstantiated', takedown: 'takedown', suspension: 'suspension', rectification: 'rectification',
    warning: 'warning', fine: 'fine', revocation: 'revocation', amountFen: 'Amount (fen)', days: 'days',
    verifyLedger: 'Verify ledger', root: 'Root', records: 'Records', identity: 'Identity', until: 'Until',
    reason: 'Reason', history: 'History', none: 'none', caseList: 'Cases', credit: 'Credit', grade: 'Grade',
    rulecheck: 'Rule check', script: 'Paste a live-selling script, one sentence per line', check: 'Check',
    noFindings: 'No findings (by the detectors registered)',
  },
};
let lang = localStorage.getItem('ql.lang') || 'zh';
const t = k => (T[lang][k] || k);
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
const fmt = ms => ms == null ? '' : new Date(Number(ms)).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB');
const app = document.getElementById('app');

async function api(path, opts = {}) {
  const headers = Object.assign({'Authorization': 'Bearer ' + (localStorage.getItem('ql.token') || '')}, opts.headers || {});
  const r = await fetch(path, Object.assign({}, opts, {headers}));
  if (r.status === 401) { localStorage.removeItem('ql.token'); location.hash = '#/login'; throw new Error('401'); }
  if (!r.ok && r.status !== 207) { const b = await r.json().catch(() => ({})); throw new Error(b.error || r.status); }
  return opts.raw ? r : r.json();
}
const post = (path, body) => api(path, {method: 'POST', body: JSON.stringify(body), headers: {'Content-Type': 'application/json'}});

function sev(s) { return `<span class="tag sev-${esc(s)}">${esc(s)}</span>`; }
// Credit scores are kept to one decimal (docs/credit.md) and always shown with it, whole or not.
function creditScore(x) { return Number(x).toFixed(1); }

function chart(el, option) {
  const c = echarts.init(el);
  c.setOption(option);
  window.addEventListener('resize', () => c.resize());
  return c;
}

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
    location.hash = '#/';
  };
}

async function overview() {
  const o = await api('/api/overview');
  app.innerHTML = `<section><h3>${t('alertsOverTime')}</h3><div class="chart" id="c1"></div></section>
    <section><h3>${t('rooms')}</h3><table><tr><th>${t('room')}</th><th>${t('platform')}</th><th>${t('anchor')}</th>
    <th>${t('title')}</th><th>${t('risk')}</th><th>${t('alerts')}</th></tr>
    ${o.rooms.map(r => `<tr><td><a href="#/room/${encodeURIComponent(r.room)}">${esc(r.room)}</a></td><td>${esc(r.platform)}</td>
      <td><a href="#/anchor/${encodeURIComponent(r.anchor)}">${esc(r.anchor)}</a>${r.virtual_anchor ? ' 🤖' : ''}</td><td>${esc(r.title)}</td><td>${Number(r.risk).toFixed(2)}</td><td>${r.alerts}</td></tr>`).join('')}
    </table></section>`;
  const hours = [...new Set(o.alerts_over_time.map(x => x.hour))].sort((a, b) => a - b);
  const kinds = [...new Set(o.alerts_over_time.map(x => x.kind))];
  chart(document.getElementById('c1'), {
    tooltip: {trigger: 'axis'}, legend: {type: 'scroll'},
    xAxis: {type: 'category', data: hours.map(fmt)}, yAxis: {type: 'value'},
    series: kinds.map(k => ({name: k, type: 'bar', stack: 'a',
      data: hours.map(h => (o.alerts_over_time.find(x => x.hour === h && x.kind === k) || {n: 0}).n)})),
  });
}

async function room(id) {
  const [r, series, alerts, speech] = await Promise.all([api('/api/rooms/' + encodeURIComponent(id)),
    api('/api/rooms/' + encodeURIComponent(id) + '/series'), api('/api/rooms/' + encodeURIComponent(id) + '/alerts'),
    api('/api/rooms/' + encodeURIComponent(id) + '/events?type=speech&limit=500')]);
  const me = await api('/api/me');
  let observed = 0;
  const obs = series.map(m => (observed += m.joins - m.leaves));
  // words that false_claim alerts cite are highlighted in the transcript
  const claimWords = alerts.filter(a => a.kind === 'false_claim')
    .flatMap(a => JSON.stringify(a.body.evidence || {}).match(/"(term|terms|phrase|matched|claim)":\s*"([^"]+)"/g) || [])
    .map(s => s.replace(/^"[^"]+":\s*"/, '').replace(/"$/, ''));
  const hl = txt => claimWords.reduce((acc, w) => w ? acc.split(esc(w)).join(`<mark>${esc(w)}</mark>`) : acc, esc(txt));
  app.innerHTML = `<section><h2>${esc(r.title)} <small>${esc(r.room)} · ${esc(r.platform)} · ${t('anchor')} <a href="#/anchor/${encodeURIComponent(r.anchor)}">${esc(r.anchor)}</a></small></h2>
    <p>${fmt(r.started)} — ${fmt(r.ended)}</p></section>
    <section><h3>${t('audience')}</h3><div class="chart" id="c1"></div></section>
    <section><h3>${t('activity')}</h3><div class="chart" id="c2"></div></section>
    <section><h3>${t('alerts')}</h3><table><tr><th>${t('kind')}</th><th>${t('score')}</th><th>${t('severity')}</th><th>${t('summary')}</th><th></th></tr>
    ${alerts.map(a => `<tr><td>${esc(a.kind)}</td><td>${Number(a.score).toFixed(2)}</td><td>${sev(a.severity)}</td>
      <td>${esc(a.body.summary)}<details><summary>${t('evidence')}</summary><pre>${esc(JSON.stringify(a.body.evidence, null, 1))}</pre></details></td>
      <td>${me.role !== 'agency' ? `<button data-alert="${esc(a.id)}">${t('openCase')}</button>` : ''}</td></tr>`).join('')}
    </table></section>
    <section><h3>${t('transcript')}</h3>${speech.map(s => `<p><small>${fmt(s.ts)}</small> ${hl(s.body.text)}</p>`).join('') || t('none')}</section>`;
  const x = series.map(m => fmt(m.minute));
  chart(document.getElementById('c1'), {tooltip: {trigger: 'axis'}, legend: {}, xAxis: {type: 'category', data: x}, yAxis: {type: 'value'},
    series: [{name: t('displayed'), type: 'line', data: series.map(m => m.displayed), connectNulls: true},
      {name: t('observed'), type: 'line', data: obs}]});
  chart(document.getElementById('c2'), {tooltip: {trigger: 'axis'}, legend: {}, xAxis: {type: 'category', data: x}, yAxis: {type: 'value'},
    series: [{name: t('comments'), type: 'bar', data: series.map(m => m.comments)},
      {name: t('orders'), type: 'line', data: series.map(m => m.orders)}]});
  app.querySelectorAll('button[data-alert]').forEach(b => b.onclick = async () => {
    const c = await post('/api/cases', {alerts: [b.dataset.alert], title: r.title + ' · ' + b.dataset.alert});
    location.hash = '#/case/' + c.id;
  });
}

async function anchor(id) {
  const enc = encodeURIComponent(id);
  const [a, credit, rooms, cs] = await Promise.all([api('/api/registry/anchor/' + enc),
    api('/api/credit/anchor/' + enc), api('/api/rooms?anchor=' + enc), api('/api/cases?anchor=' + enc)]);
  const idn = a.identities || {};
  const prof = idn.profile || {};
  app.innerHTML = `<section id="anchor-page"><h2>${t('anchor')} ${esc(id)} ${(a.attrs || {}).virtual ? '🤖' : ''}</h2>
    <p>${t('platform')} ${esc(a.platform)} · ${fmt(a.first_seen)} — ${fmt(a.last_seen)}</p>
    <p>${t('credit')}: <b id="credit-score">${creditScore(credit.score)}</b> · ${t('grade')} <b id="credit-grade">${esc(credit.grade)}</b></p><div class="chart" id="c1"></div>
    <details><summary>${t('evidence')}</summary><table>${credit.items.map(i => `<tr><td>${fmt(i.ts)}</td><td>−${Number(i.points).toFixed(1)}</td>
      <td>${esc(i.reason)}</td><td>${esc(i.ref)}</td></tr>`).join('')}</table></details></section>
    <section><h3>${t('identity')}</h3><p>${['id_hash', 'phone_hash', 'device'].filter(k => prof[k])
      .map(k => `${k}: <code>${esc(String(prof[k]).slice(0, 16))}…</code>`).join(' · ') || t('none')}</p>
    <table>${(idn.linked_accounts || []).map(l => `<tr><td>${esc(l.account)}</td><td>${esc(l.shared)}</td></tr>`).join('')}</table></section>
    <section><h3>${t('rooms')}</h3><table>${rooms.map(r => `<tr><td><a href="#/room/${encodeURIComponent(r.room)}">${esc(r.room)}</a></td>
      <td>${esc(r.title)}</td><td>${fmt(r.started)}</td><td>${Number(r.risk).toFixed(2)}</td></tr>`).join('')}</table></section>
    <section><h3>${t('cases')}</h3><table>${cs.map(c => `<tr><td><a href="#/case/${c.id}">#${c.id}</a></td><td>${esc(c.title)}</td>
      <td>${esc(c.status)}</td><td>${c.outcome ? t(c.outcome) : ''}</td></tr>`).join('') || t('none')}</table></section>`;
  chart(document.getElementById('c1'), {tooltip: {trigger: 'axis'}, xAxis: {type: 'category', data: credit.history.map(h => fmt(h.ts))},
    yAxis: {type: 'value', min: 0, max: 100}, series: [{name: t('credit'), type: 'line', step: 'end', data: credit.history.map(h => h.score)}]});
}

async function cases() {
  const cs = await api('/api/cases');
  app.innerHTML = `<section><h3>${t('caseList')}</h3><table><tr><th>#</th><th>${t('title')}</th><th>${t('platform')}</th><th>${t('status')}</th>
    <th>${t('opened')}</th><th>${t('deadline')}</th></tr>
    ${cs.map(c => `<tr><td><a href="#/case/${c.id}">${c.id}</a></td><td>${esc(c.title)}</td><td>${esc(c.platform)}</td><td>${esc(c.status)}</td>
      <td>${fmt(c.opened_at)}</td><td>${fmt(c.deadline)} ${c.overdue ? `<span class="overdue">${t('overdue')}</span>` : ''}</td></tr>`).join('')}</table></section>`;
}

async function kase(id) {
  const [c, me] = await Promise.all([api('/api/cases/' + id), api('/api/me')]);
  const reg = me.role === 'regulator';
  const forms = [];
  if (reg && c.status === 'open') forms.push(`<form class="inline" data-step="notice">${t('deadline')} <input name="days" type="number" value="7" min="1" style="width:4em"> ${t('days')}
    <input name="text" placeholder="${t('notice')}"><button>${t('notice')}</button></form>`);
  if (me.role !== 'agency' && c.status === 'notice_sent') forms.push(`<form class="inline" data-step="respond"><select name="action">
    ${['takedown', 'suspension', 'rectification'].map(a => `<option value="${a}">${t(a)}</option>`).join('')}</select>
    <input name="note"><button>${t('respond')}</button></form>`);
  if (reg && c.status === 'responded') forms.push(`<form class="inline" data-step="verify"><select name="ok"><option value="true">${t('ok')}</option>
    <option value="false">${t('fail')}</option></select><input name="note"><button>${t('verify')}</button></form>`);
  if (reg && (c.status === 'verified' || c.status === 'open')) forms.push(`<form class="inline" data-step="close"><select name="outcome">
    ${(c.status === 'verified' ? ['substantiated', 'unsubstantiated'] : ['unsubstantiated']).map(o => `<option value="${o}">${t(o)}</option>`).join('')}</select>
    <input name="note"><button>${t('close')}</button></form>`);
  if (reg && c.status !== 'closed') forms.push(`<form class="inline" data-step="penalties"><select name="subject_kind"><option>anchor</option><option>merchant</option><option>mcn</option></select>
    <input name="subject_id" placeholder="id"><select name="kind">${['warning', 'fine', 'suspension', 'revocation'].map(k => `<option value="${k}">${t(k)}</option>`).join('')}</select>
    <input name="amount" type="number" placeholder="${t('amountFen')}" style="width:8em"><button>${t('penalty')}</button></form>`);
  app.innerHTML = `<section><h2>#${c.id} ${esc(c.title)}</h2><p>${t('platform')} ${esc(c.platform)} · ${t('status')} <b id="status">${esc(c.status)}</b>
    ${c.outcome ? '· ' + t(c.outcome) : ''} ${c.deadline ? '· ' + t('deadline') + ' ' + fmt(c.deadline) : ''} ${c.overdue ? `<span class="overdue">${t('overdue')}</span>` : ''}</p>
    ${forms.join('<br>')}<p><button id="export">${t('export')}</button> <span class="err" id="e"></span></p></section>
    <section><h3>${t('alerts')}</h3><table>${c.alerts.map(a => `<tr><td>${esc(a.kind)}</td><td><a href="#/room/${encodeURIComponent(a.room)}">${esc(a.room)}</a></td>
      <td>${Number(a.score).toFixed(2)}</td><td>${sev(a.severity)}</td></tr>`).join('')}</table></section>
    <section><h3>${t('steps')}</h3><table><tr><th>${t('at')}</th><th></th><th>${t('actor')}</th><th></th><th>ledger</th></tr>
    ${c.steps.map(s => `<tr><td>${fmt(s.at)}</td><td>${esc(s.step)}</td><td>${esc(s.actor)} (${esc(s.role)})</td><td><code>${esc(JSON.stringify(s.data))}</code></td><td>#${s.ledger_seq}</td></tr>`).join('')}</table></section>
    <section><h3>${t('penalty')}</h3>${c.penalties.map(p => `<p>${esc(p.subject_kind)} ${esc(p.subject_id)}: ${t(p.kind)} ${p.amount ?? ''}</p>`).join('') || t('none')}</section>`;
  app.querySelectorAll('form[data-step]').forEach(f => f.onsubmit = async ev => {
    ev.preventDefault();
    const fd = Object.fromEntries(new FormData(f));
    const step = f.dataset.step;
    let body = fd;
    if (step === 'notice') body = {deadline: Date.now() + Number(fd.days) * 86400000, text: fd.text};
    if (step === 'verify') body = {ok: fd.ok === 'true', note: fd.note};
    if (step === 'penalties') body = Object.assign({}, fd, {amount: fd.amount ? Number(fd.amount) : undefined});
    try { await post(`/api/cases/${id}/${step}`, body); kase(id); } catch (e) { document.getElementById('e').textContent = e.message; }
  });
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
    <p><input name="title" placeholder="${t('title')}" style="width:40%"> <input name="venue" placeholder="venue (studio, school…)"></p>
    <textarea name="script" rows="10" style="width:100%" placeholder="${t('script')}"></textarea>
    <p><button>${t('check')}</button></p></form><div id="out"></div></section>`;
  document.getElementById('rc').onsubmit = async ev => {
    ev.preventDefault();
    const fd = Object.fromEntries(new FormData(ev.target));
    const out = document.getElementById('out');
    try {
      const alerts = await post('/api/rulecheck', fd);
      const words = alerts.flatMap(a => JSON.stringify(a.evidence || {}).match(/"(term|terms|phrase|matched|claim)":\s*"([^"]+)"/g) || [])
        .map(s => s.replace(/^"[^"]+":\s*"/, '').replace(/"$/, ''));
      const hl = txt => words.reduce((acc, w) => w ? acc.split(esc(w)).join(`<mark>${esc(w)}</mark>`) : acc, esc(txt));
      out.innerHTML = (alerts.length ? `<table id="findings">${alerts.map(a => `<tr><td>${esc(a.kind)}</td><td>${sev(a.severity)}</td>
        <td>${esc(a.summary)}<details><summary>${t('evidence')}</summary><pre>${esc(JSON.stringify(a.evidence, null, 1))}</pre></details></td>
        <td>${esc(a.basis || '')}</td></tr>`).join('')}</table>` : `<p id="findings">${t('noFindings')}</p>`)
        + `<h4>${t('script')}</h4>` + fd.script.split('\n').map(l => `<p>${hl(l)}</p>`).join('');
    } catch (e) { out.innerHTML = `<p class="err">${esc(e.message)}</p>`; }
  };
}

async function negative() {
  const es = await api('/api/negative');
  app.innerHTML = `<section><h3>${t('negative')}</h3><table><tr><th>${t('platform')}</th><th>account</th><th>${t('identity')}</th><th>scope</th>
    <th>${t('until')}</th><th>${t('reason')}</th><th>${t('history')}</th></tr>
    ${es.map(e => `<tr><td>${esc(e.platform)}</td><td>${esc(e.account)}</td><td>${esc(e.identity_kind)}: <code>${esc(String(e.identity_value).slice(0, 16))}…</code></td>
      <td>${esc(e.scope)}</td><td>${fmt(e.until_ts)}${e.revoked_at ? ' (revoked)' : ''}</td><td>${esc(e.reason)}</td>
      <td>${(e.history || []).map(h => `${esc(h.action)} ${fmt(h.at)} ${esc(h.actor)}`).join('<br>')}</td></tr>`).join('')}</table></section>`;
}

async function ledger() {
  app.innerHTML = `<section><h3>${t('ledger')}</h3><button id="v">${t('verifyLedger')}</button><pre id="out"></pre></section>`;
  document.getElementById('v').onclick = async () => {
    try { const r = await post('/api/ledger/verify', {}); document.getElementById('out').textContent = r.summary; }
    catch (e) { document.getElementById('out').textContent = e.message; }
  };
}

function applyLang() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.getElementById('lang').textContent = lang === 'zh' ? 'EN' : '中文';
  document.querySelectorAll('[data-i18n]').forEach(e => e.textContent = t(e.dataset.i18n));
}

async function route() {
  applyLang();
  const h = location.hash.replace(/^#/, '') || '/';
  if (!localStorage.getItem('ql.token') && h !== '/login') { location.hash = '#/login'; return; }
  document.getElementById('nav').style.visibility = h === '/login' ? 'hidden' : 'visible';
  try {
    if (h === '/login') return login();
    const me = await api('/api/me');
    document.getElementById('who').textContent = `${me.name} · ${me.role}${me.platform ? ' · ' + me.platform : ''}`;
    let m;
    if ((m = h.match(/^\/room\/(.+)$/))) return await room(decodeURIComponent(m[1]));
    if ((m = h.match(/^\/case\/(\d+)$/))) return await kase(m[1]);
    if ((m = h.match(/^\/anchor\/(.+)$/))) return await anchor(decodeURIComponent(m[1]));
    if (h === '/cases') return await cases();
    if (h === '/negative') return await negative();
    if (h === '/rulecheck') return await rulecheck();
    if (h === '/ledger') return await ledger();
    return await overview();
  } catch (e) {
    if (e.message !== '401') app.innerHTML = `<section class="err">${esc(e.message)}</section>`;
  }
}

document.getElementById('lang').onclick = () => { lang = lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('ql.lang', lang); route(); };
document.getElementById('logout').onclick = async () => {
  try { await post('/api/logout', {}); } catch (e) { /* token already gone */ }
  localStorage.removeItem('ql.token'); location.hash = '#/login';
};
window.addEventListener('hashchange', route);
route();
