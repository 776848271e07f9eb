// Tanu staff page: the commission's queue (violation acts, practical
// checklists, protocols), the appeal commission's appeals with the whole record
// of a sitting, and the administrator's document tool.
import { setLang, getLang, onLangChange, violationText, formatNumber } from './i18n.js';
import { api, apiBlob, auth } from './api.js';
import { $, el, showScreen, toast } from './ui.js';
import { dmy, dmyTime, kzToday } from './dates.js';
import { st, errText, hasS } from './staff-i18n.js';

let me = null; // GET /api/me
let screen = null;

// the commission's queue
let queue = null;
let queueError = null;
let queueLoading = false;
const signed = new Map(); // session → { entry, protocol }: protocols signed from this page
const outcomes = new Map(); // session → practical outcome of this member's last save
const marksDraft = new Map(); // session → Map(item → { done: true|false|null, note })
const annulOpen = new Map(); // act id → reason typed so far
const busy = new Set(); // keys of requests in flight ("act:3", "sign:5", …)
const cardErrors = new Map(); // same keys → message shown under the card

// the appeal commission
let appeals = null;
let appealsError = null;
let current = null; // { id, appeal, record, error, decision: { upheld, note, error } }

// admin: the last revocation
let revoked = null;

// admin: the notices the outbox has not delivered (GET /api/notices?undelivered=1)
let notices = null;
let noticesError = null;
let noticesLoading = false;
const noticeOpen = new Set(); // ids of the notices whose text is shown
const NOTICES_MAX = 1000; // the server lists at most this many

const canAct = () => me?.role === 'commission';

// ---- formatting ---------------------------------------------------------------

const fmtDate = (iso) => dmy(iso, st('none'));
const fmtTime = (ms) => dmyTime(ms, true, st('none'));

function percentOf(correct, total) {
  if (typeof correct !== 'number' || !total) return '—';
  return formatNumber(Math.round((correct * 1000) / total) / 10);
}

function theoryText(x) {
  if (x.correct == null || x.total == null) return st('none');
  return `${st('theory_result', { correct: x.correct, total: x.total, percent: percentOf(x.correct, x.total) })} — ${st(x.passed ? 'passed' : 'not_passed')}`;
}

/** The card item's text in the page's language, else the other one. */
function itemText(text) {
  if (typeof text === 'string') return text;
  const lang = getLang();
  const order = lang === 'kk' ? ['kk', 'ru'] : ['ru', 'kk'];
  for (const l of order) if (text?.[l]) return text[l];
  return '';
}

const letter = (i) => String.fromCharCode(65 + i); // A, B, C…

function stable(list, key) {
  return list.map((x, i) => [x, i]).sort((a, b) => key(a[0], b[0]) || a[1] - b[1]).map((p) => p[0]);
}
const overdueFirst = (list) => stable(list || [], (a, b) => Number(!!b.overdue) - Number(!!a.overdue));

function dl(rows) {
  return el('dl', { class: 'facts' }, ...rows.filter(Boolean).flatMap(([k, v]) => [el('dt', {}, st(k)), el('dd', {}, v)]));
}

function badge(text, kind) { return el('span', { class: `badge ${kind}` }, text); }

function overdueBadge(due) {
  return badge(st('overdue_badge', { date: fmtDate(due) }), 'bad');
}

function errorLine(key) {
  const msg = cardErrors.get(key);
  return el('p', { class: 'error', role: 'alert' }, msg || '');
}

// ---- authorised binary fetches (evidence images, documents) --------------------

const blobs = new Map(); // path → Promise<object URL>


function blobUrl(path) {
  if (!blobs.has(path)) {
    const p = apiBlob(path).then((b) => URL.createObjectURL(b));
    p.catch(() => blobs.delete(path)); // a failure is tried again next time
    blobs.set(path, p);
  }
  return blobs.get(path);
}

function forgetBlobs() {
  for (const p of blobs.values()) p.then((u) => URL.revokeObjectURL(u), () => {});
  blobs.clear();
}

/** An evidence image: fetched with the token, shown through an object URL. */
function evidence(url, eventId) {
  if (!url) return el('p', { class: 'muted small' }, st('no_evidence'));
  const status = el('p', { class: 'muted small' }, st('evidence_loading'));
  const img = el('img', { class: 'evidence', alt: st('evidence_alt', { id: eventId ?? '' }), hidden: true });
  const link = el('a', { class: 'evidence-link', target: '_blank', rel: 'noopener' }, img);
  blobUrl(url).then((u) => {
    img.src = u;
    link.href = u;
    img.hidden = false;
    status.remove();
  }, (e) => {
    if (e.status === 401) { expired(); return; }
    status.textContent = st('evidence_failed', { msg: errText(e) });
  });
  return el('figure', { class: 'evidence-box' }, link, status);
}

/**
 * The document (GET /api/documents/CODE/html needs the token) in a new window.
 * A blob: or about:blank window inherits this page's Content-Security-Policy,
 * which refuses the document's inline <style>; so its body is copied into the
 * new window and its CSS given as a constructed stylesheet, which the policy
 * does not govern. Scripts are never copied.
 */
async function openDocument(code) {
  // The window is opened now, inside the click, so that no popup blocker stops it.
  const w = window.open('', '_blank');
  try {
    const b = await apiBlob(`/api/documents/${encodeURIComponent(code)}/html`);
    // The <style> blocks are cut out of the text before parsing: even an inert
    // parsed document reports them to this page's policy.
    let css = '';
    const html = (await b.text()).replace(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi, (_, c) => { css += `${c}\n`; return ''; });
    const src = new DOMParser().parseFromString(html, 'text/html');
    for (const e of src.querySelectorAll('style, script, link, meta, base, iframe, object, embed')) e.remove();
    if (!w) { toast(st('popup_blocked'), 'error'); return; }
    const doc = w.document;
    doc.title = src.title || code;
    doc.documentElement.lang = src.documentElement.lang || 'kk';
    doc.body.replaceWith(doc.importNode(src.body, true));
    try {
      const sheet = new w.CSSStyleSheet();
      sheet.replaceSync(css);
      doc.adoptedStyleSheets = [sheet];
    } catch { /* an old browser: the document stays readable unstyled */ }
  } catch (e) {
    w?.close();
    if (e.status === 401) { expired(); return; }
    toast(errText(e), 'error');
  }
}

async function downloadPdf(code) {
  try {
    const b = await apiBlob(`/api/documents/${encodeURIComponent(code)}/pdf`);
    const u = URL.createObjectURL(new Blob([b], { type: 'application/pdf' }));
    const a = el('a', { href: u, download: `${code}.pdf`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(u), 60000);
  } catch (e) {
    if (e.status === 401) { expired(); return; }
    toast(errText(e), 'error');
  }
}

function documentBox(code) {
  return el('div', { class: 'doc-box' },
    el('p', { class: 'doc-line' }, el('span', { class: 'doc-label' }, `${st('document')}: `),
      el('code', { class: 'doc-code' }, code)),
    el('div', { class: 'doc-actions' },
      el('button', { type: 'button', class: 'primary doc-open', onclick: () => openDocument(code) }, st('doc_open')),
      el('button', { type: 'button', class: 'doc-pdf', onclick: () => downloadPdf(code) }, st('doc_pdf')),
      verifyLink(code, 'doc-verify')));
}

/**
 * The public verification link of a document. Staff are given its check value
 * (GET /api/documents/CODE with their token), with which the public page shows
 * the holder's full name; until it arrives, or without it, the link shows initials.
 */
function verifyLink(code, cls) {
  const href = (check) => `/verify.html?code=${encodeURIComponent(code)}${check ? `&check=${encodeURIComponent(check)}` : ''}`;
  const a = el('a', { ...(cls ? { class: cls } : {}), href: href(''), target: '_blank', rel: 'noopener' }, st('doc_verify'));
  api('GET', `/api/documents/${encodeURIComponent(code)}`).then((d) => { if (d?.check) a.href = href(d.check); }, () => {});
  return a;
}

// ---- screens, sign in / out -------------------------------------------------

function updateHeader() {
  $('#logout').hidden = !auth.token || screen === 'login';
  const who = $('#whoami');
  who.hidden = !me || screen === 'login';
  if (me) who.textContent = st('signed_in_as', { login: me.login, role: hasS(`role_${me.role}`) ? st(`role_${me.role}`) : me.role });
  $('#admin-nav').hidden = me?.role !== 'admin' || screen !== 'queue';
}

function go(name) {
  screen = name;
  updateHeader();
  showScreen(name);
}

function showLogin(message = '', examLink = false) {
  $('#login-error').textContent = message;
  $('#login-exam').hidden = !examLink;
  go('login');
  $('#login').focus();
}

async function onLogin(ev) {
  ev.preventDefault();
  const err = $('#login-error');
  const login = $('#login').value.trim();
  const password = $('#password').value;
  err.textContent = '';
  $('#login-exam').hidden = true;
  if (!login || !password) { err.textContent = st('login_missing'); return; }
  const button = ev.target.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const r = await api('POST', '/api/login', { login, password });
    auth.set(r.token);
    $('#password').value = '';
    me = null;
    await start();
  } catch (e) {
    err.textContent = e.status === 401 ? st('e_invalid_credentials') : errText(e);
  } finally {
    button.disabled = false;
  }
}

function resetState() {
  me = null;
  queue = null; queueError = null;
  appeals = null; appealsError = null;
  current = null; revoked = null;
  notices = null; noticesError = null; noticesLoading = false; noticeOpen.clear();
  signed.clear(); outcomes.clear(); marksDraft.clear(); annulOpen.clear(); busy.clear(); cardErrors.clear();
  forgetBlobs();
}

async function logout() {
  try { await api('POST', '/api/logout'); } catch { /* the token is dropped anyway */ }
  auth.clear();
  resetState();
  showLogin();
}

function expired() {
  auth.clear();
  resetState();
  showLogin(st('e_unauthorized'));
}

/** After sign-in (or a reload with a token): the view of the account's role. */
async function start() {
  try {
    if (!me) me = await api('GET', '/api/me');
  } catch (e) {
    if (e.status === 401) { expired(); return; }
    showLogin(errText(e));
    return;
  }
  if (me.role === 'commission' || me.role === 'admin') {
    go('queue'); renderQueue(); loadQueue();
    if (me.role === 'admin') loadNotices();
  } else if (me.role === 'appeal') { go('appeals'); renderAppeals(); loadAppeals(); }
  else {
    try { await api('POST', '/api/logout'); } catch { /* ignore */ }
    auth.clear();
    resetState();
    showLogin(st('not_staff'), true);
  }
}

// ---- the commission's queue ---------------------------------------------------

async function loadQueue() {
  queueLoading = true;
  renderQueueStatus();
  try {
    queue = await api('GET', '/api/commission/queue');
    queueError = null;
  } catch (e) {
    if (e.status === 401) { expired(); return; }
    queueError = e;
  } finally {
    queueLoading = false;
  }
  renderQueue();
}

function renderQueueStatus() {
  const s = $('#queue-status');
  s.classList.toggle('error', !!queueError);
  if (queueError) { s.textContent = errText(queueError); return; }
  if (!queue) { s.textContent = st('loading'); return; }
  const parts = [st('queue_summary', { today: fmtDate(queue.today) })];
  parts.push(queue.overdue > 0 ? st('queue_overdue', { n: queue.overdue }) : st('queue_none_overdue'));
  if (queueLoading) parts.push(st('loading'));
  s.replaceChildren(...parts.map((p, i) => el('span', { class: i === 1 && queue.overdue > 0 ? 'overdue-count' : '' }, `${p} `)));
}

function renderQueue() {
  if (screen !== 'queue') return;
  renderQueueStatus();
  $('#queue-readonly').hidden = !me || canAct();
  $('#documents-tool').hidden = me?.role !== 'admin';
  renderRevokeResult();
  renderNotices();

  const signedItems = [...signed.values()];
  $('#signed-box').hidden = signedItems.length === 0;
  $('#signed-list').replaceChildren(...signedItems.map(signedCard));

  const q = queue || { acts: [], practical: [], protocols: [] };
  const empty = (key) => el('li', { class: 'empty muted' }, queue ? st(key) : '');

  const acts = overdueFirst(q.acts);
  $('#acts-list').replaceChildren(...(acts.length ? acts.map(actCard) : [empty('acts_empty')]));

  // Sittings scored from this page stay in view with their outcome until the protocol is signed.
  const practical = overdueFirst(q.practical);
  const listed = new Set(practical.map((p) => p.session));
  for (const p of q.protocols || []) {
    if (!listed.has(p.session) && outcomes.has(p.session) && outcomes.get(p.session).entry) {
      practical.push(outcomes.get(p.session).entry);
      listed.add(p.session);
    }
  }
  $('#practical-list').replaceChildren(...(practical.length ? practical.map(practicalCard) : [empty('practical_empty')]));

  const protocols = overdueFirst(q.protocols);
  $('#protocols-list').replaceChildren(...(protocols.length ? protocols.map(protocolCard) : [empty('protocols_empty')]));
}

function cardHead(title, item, extra = []) {
  return el('div', { class: 'card-head' },
    el('h3', {}, title),
    el('div', { class: 'badges' },
      item.overdue ? overdueBadge(item.protocol_due) : null,
      ...extra));
}

// (1) violation acts

function actCard(a) {
  const key = `act:${a.id}`;
  const open = annulOpen.has(a.id);
  const reasonId = `annul-${a.id}`;
  const actions = [];
  if (canAct()) {
    if (!open) {
      actions.push(
        el('button', { type: 'button', class: 'primary act-confirm', disabled: busy.has(key), onclick: () => reviewAct(a, 'confirm') }, st('confirm')),
        el('button', { type: 'button', class: 'act-annul', disabled: busy.has(key), onclick: () => { annulOpen.set(a.id, ''); cardErrors.delete(key); renderQueue(); $(`#${reasonId}`)?.focus(); } }, st('annul')));
    } else {
      const ta = el('textarea', { id: reasonId, class: 'annul-reason', rows: 2, maxlength: 2000 });
      ta.value = annulOpen.get(a.id) ?? '';
      ta.addEventListener('input', () => annulOpen.set(a.id, ta.value));
      actions.push(el('div', { class: 'annul-box' },
        el('label', { for: reasonId }, st('annul_reason')), ta,
        el('div', { class: 'row' },
          el('button', { type: 'button', class: 'danger act-annul-submit', disabled: busy.has(key), onclick: () => reviewAct(a, 'annul') }, st('annul_submit')),
          el('button', { type: 'button', class: 'link-btn', onclick: () => { annulOpen.delete(a.id); cardErrors.delete(key); renderQueue(); } }, st('cancel')))));
    }
  }
  return el('li', { class: `card act${a.overdue ? ' is-overdue' : ''}`, 'data-act': a.id, 'data-session': a.session },
    cardHead(st('act_heading', { id: a.id, name: a.full_name || st('session_n', { id: a.session }) }), a,
      [a.protocol_due && !a.overdue ? badge(st('due_on', { date: fmtDate(a.protocol_due) }), 'plain') : null]),
    el('div', { class: 'act-body' },
      dl([
        ['session', `№${a.session}`],
        ['kind', el('span', {}, violationText(a.kind), ' ', el('code', { class: 'muted small' }, a.kind))],
        ['time', fmtTime(a.t_ms)],
        a.detail ? ['detail', a.detail] : null,
        a.strike ? ['strike', st('strike_of', { n: a.strike })] : null,
      ]),
      evidence(a.evidence, a.event)),
    errorLine(key),
    actions.length ? el('div', { class: 'actions start' }, ...actions) : null);
}

async function reviewAct(a, decision) {
  const key = `act:${a.id}`;
  const reason = decision === 'annul' ? (annulOpen.get(a.id) ?? '').trim() : '';
  if (decision === 'annul' && !reason) { cardErrors.set(key, st('reason_required')); renderQueue(); $(`#annul-${a.id}`)?.focus(); return; }
  busy.add(key);
  cardErrors.delete(key);
  renderQueue();
  try {
    await api('POST', `/api/acts/${a.id}/review`, decision === 'annul' ? { decision, reason } : { decision });
    annulOpen.delete(a.id);
    toast(st(decision === 'confirm' ? 'act_confirmed' : 'act_annulled', { id: a.id }));
    busy.delete(key);
    await loadQueue();
    $('#acts-title').focus();
  } catch (e) {
    busy.delete(key);
    if (e.status === 401) { expired(); return; }
    cardErrors.set(key, errText(e));
    renderQueue();
  }
}

// (2) practical checklists

function practicalOf(entry) {
  const pr = entry.card;
  if (Array.isArray(pr)) return { card: pr, marks: [], outcome: null };
  return { card: pr?.card ?? [], marks: pr?.marks ?? [], outcome: pr?.outcome ?? null };
}

function draftOf(entry) {
  if (!marksDraft.has(entry.session)) {
    const { card, marks } = practicalOf(entry);
    const m = new Map();
    for (const item of card) {
      const mine = marks.find((x) => x.item === item.id && x.member === me?.login);
      m.set(item.id, { done: mine ? !!mine.done : null, note: mine?.note ?? '' });
    }
    marksDraft.set(entry.session, m);
  }
  return marksDraft.get(entry.session);
}

function outcomeBox(outcome, card) {
  if (!outcome) return null;
  const textOf = (id) => itemText(card.find((c) => c.id === id)?.text) || id;
  const verdict = !outcome.complete ? 'outcome_incomplete' : outcome.passed ? 'outcome_passed' : 'outcome_failed';
  const cls = !outcome.complete ? 'pending' : outcome.passed ? 'pass' : 'fail';
  return el('div', { class: `outcome ${cls}`, role: 'status' },
    el('p', { class: 'outcome-verdict' }, `${st('outcome')}: ${st(verdict)}`),
    el('ul', { class: 'outcome-items' }, ...(outcome.items || []).map((i) =>
      el('li', { class: `r-${i.result}` }, `${textOf(i.id)} — ${hasS(`result_${i.result}`) ? st(`result_${i.result}`) : i.result}`))),
    outcome.failed_mandatory?.length ? el('p', { class: 'error' }, st('failed_mandatory', { list: outcome.failed_mandatory.map(textOf).join('; ') })) : null,
    outcome.failed_optional?.length ? el('p', {}, st('failed_optional', { list: outcome.failed_optional.map(textOf).join('; ') })) : null);
}

function practicalCard(entry) {
  const key = `practical:${entry.session}`;
  const { card } = practicalOf(entry);
  const draft = draftOf(entry);
  const items = card.map((item) => {
    const d = draft.get(item.id) ?? { done: null, note: '' };
    const name = `pr-${entry.session}-${item.id}`;
    const legendId = `${name}-text`;
    const radio = (value, label) => {
      const input = el('input', { type: 'radio', name, value: String(value), disabled: !canAct() });
      input.checked = d.done === value;
      input.addEventListener('change', () => { d.done = value; draft.set(item.id, d); });
      return el('label', { class: `choice ${value ? 'yes' : 'no'}` }, input, el('span', {}, st(value ? 'item_done' : 'item_not_done')));
    };
    const note = el('input', { type: 'text', class: 'item-note', id: `${name}-note`, maxlength: 2000, disabled: !canAct(), 'aria-describedby': legendId });
    note.value = d.note;
    note.addEventListener('input', () => { d.note = note.value; draft.set(item.id, d); });
    return el('li', { class: 'check-item', 'data-item': item.id },
      el('fieldset', {},
        el('legend', { id: legendId, class: 'item-text' }, itemText(item.text),
          item.mandatory ? el('span', { class: 'badge warn' }, st('mandatory')) : null),
        el('div', { class: 'choices' }, radio(true), radio(false)),
        el('label', { class: 'note-label', for: `${name}-note` }, st('note')), note));
  });
  const known = outcomes.get(entry.session)?.outcome ?? null;
  return el('li', { class: `card practical${entry.overdue ? ' is-overdue' : ''}`, 'data-session': entry.session },
    cardHead(st('practical_heading', { name: entry.full_name || st('session_n', { id: entry.session }), profession: entry.profession ?? entry.programme }), entry,
      [entry.protocol_due && !entry.overdue ? badge(st('due_on', { date: fmtDate(entry.protocol_due) }), 'plain') : null]),
    dl([
      ['theory', theoryText(entry)],
      ['programme', `${entry.programme ?? ''} · ${st('session_n', { id: entry.session })}`],
    ]),
    el('ol', { class: 'checklist' }, ...items),
    canAct() ? el('p', { class: 'muted small' }, st('my_marks')) : null,
    errorLine(key),
    canAct() ? el('div', { class: 'actions start' },
      el('button', { type: 'button', class: 'primary save-marks', disabled: busy.has(key), onclick: () => saveMarks(entry) }, st('save_marks'))) : null,
    outcomeBox(known, card));
}

async function saveMarks(entry) {
  const key = `practical:${entry.session}`;
  const draft = draftOf(entry);
  const items = [];
  for (const [id, d] of draft) if (d.done !== null) items.push({ id, done: d.done, note: d.note.trim() });
  if (!items.length) { cardErrors.set(key, st('nothing_marked')); renderQueue(); return; }
  busy.add(key);
  cardErrors.delete(key);
  renderQueue();
  try {
    const outcome = await api('POST', `/api/sessions/${entry.session}/practical`, { items });
    outcomes.set(entry.session, { entry, outcome });
    toast(st('marks_saved', { id: entry.session }));
    busy.delete(key);
    await loadQueue();
    document.querySelector(`#practical-list [data-session="${entry.session}"] .outcome`)?.scrollIntoView({ block: 'nearest' });
  } catch (e) {
    busy.delete(key);
    if (e.status === 401) { expired(); return; }
    cardErrors.set(key, errText(e));
    renderQueue();
  }
}

// (3) protocols

function protocolCard(p) {
  const key = `sign:${p.session}`;
  const inPractical = (queue?.practical || []).some((x) => x.session === p.session);
  const waits = [];
  if (p.draft_acts > 0) waits.push(st('wait_acts', { n: p.draft_acts }));
  if (inPractical || (!p.ready && !(p.draft_acts > 0))) waits.push(st('wait_practical'));
  return el('li', { class: `card protocol${p.overdue ? ' is-overdue' : ''}`, 'data-session': p.session },
    cardHead(`${p.full_name || st('candidate_n', { id: p.candidate ?? '?' })}: ${p.profession ?? ''}`, p,
      [p.ready ? badge(st('ready'), 'ok') : badge(st('not_ready'), 'plain')]),
    dl([
      ['programme', `${p.programme ?? ''} · ${st('session_n', { id: p.session })}`],
      ['theory', theoryText(p)],
      p.status === 'terminated' ? ['sitting_status', st('terminated_note')] : null,
      ['protocol_due', el('span', { class: p.overdue ? 'due-overdue' : '' }, fmtDate(p.protocol_due))],
      !p.ready && waits.length ? ['not_ready', waits.join('; ')] : null,
    ]),
    errorLine(key),
    canAct() ? el('div', { class: 'actions start' },
      el('button', { type: 'button', class: 'primary sign', disabled: !p.ready || busy.has(key), onclick: () => signProtocol(p) }, st('sign'))) : null);
}

async function signProtocol(p) {
  const key = `sign:${p.session}`;
  busy.add(key);
  cardErrors.delete(key);
  renderQueue();
  try {
    const protocol = await api('POST', `/api/sessions/${p.session}/protocol`, {});
    signed.set(p.session, { entry: p, protocol });
    outcomes.delete(p.session);
    marksDraft.delete(p.session);
    toast(st('protocol_signed_toast', { id: p.session }));
    busy.delete(key);
    await loadQueue();
    $('#signed-title').focus();
  } catch (e) {
    busy.delete(key);
    if (e.status === 401) { expired(); return; }
    cardErrors.set(key, errText(e));
    renderQueue();
  }
}

function protocolFacts(pr) {
  return dl([
    ['results_date', fmtDate(pr.results_date)],
    pr.reasons?.length ? ['reasons', pr.reasons.map((r) => (hasS(`reason_${r}`) ? st(`reason_${r}`) : r)).join('; ')] : null,
    ['appeal_until', fmtDate(pr.appeal_until)],
    pr.document_due ? ['document_due', fmtDate(pr.document_due)] : null,
    pr.notice_due ? ['notice_due', fmtDate(pr.notice_due)] : null,
    pr.due ? ['protocol_due', fmtDate(pr.due)] : null,
    ['signatures', (pr.signatures || []).map((s) => `${s.member} (${fmtTime(s.signed_ms)})`).join(', ') || st('none')],
  ]);
}

function verdict(pr) {
  const ok = pr.decision === 'passed';
  return el('p', { class: `verdict ${ok ? 'pass' : 'fail'}` }, st(ok ? 'decision_passed' : 'decision_not_passed'));
}

function signedCard({ entry, protocol: pr }) {
  return el('li', { class: 'card signed', 'data-session': entry.session },
    el('div', { class: 'card-head' },
      el('h3', {}, `${entry.full_name || st('session_n', { id: entry.session })}: ${entry.profession ?? ''}`)),
    el('p', { class: 'muted small' }, `${entry.programme ?? ''} · ${st('session_n', { id: entry.session })} · ${st('theory')}: ${theoryText(entry)}`),
    verdict(pr),
    protocolFacts(pr),
    pr.document ? documentBox(pr.document) : null);
}

// admin: revoke a document

function renderRevokeResult() {
  const box = $('#revoke-result');
  if (!revoked) { box.replaceChildren(); return; }
  box.replaceChildren(el('div', { class: 'card revoked-card' },
    el('p', { class: 'verdict fail' }, st('revoked_ok', { code: revoked.code })),
    dl([
      ['holder', revoked.full_name],
      ['profession', revoked.profession],
      ['revoke_reason', revoked.revoked_reason ?? ''],
    ]),
    verifyLink(revoked.code)));
}

async function onRevoke(ev) {
  ev.preventDefault();
  const err = $('#revoke-error');
  const code = $('#revoke-code').value.replace(/\s+/g, '');
  const reason = $('#revoke-reason').value.trim();
  err.textContent = '';
  if (!code) { err.textContent = st('code_required'); $('#revoke-code').focus(); return; }
  if (!reason) { err.textContent = st('reason_required'); $('#revoke-reason').focus(); return; }
  const button = ev.target.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    revoked = await api('POST', `/api/documents/${encodeURIComponent(code)}/revoke`, { reason });
    $('#revoke-reason').value = '';
    renderRevokeResult();
  } catch (e) {
    if (e.status === 401) { expired(); return; }
    err.textContent = errText(e);
  } finally {
    button.disabled = false;
  }
}

// admin: notices not delivered

/** The section, built here (staff.html has no place for it): before the documents tool. */
function buildNoticesTool() {
  if ($('#notices-tool')) return;
  const section = el('section', { id: 'notices-tool', class: 'block', 'aria-labelledby': 'notices-title', hidden: true },
    el('h2', { id: 'notices-title', tabindex: -1, 'data-s': 'notices_title' }),
    el('p', { class: 'muted', 'data-s': 'notices_intro' }),
    el('div', { class: 'row notices-head' },
      el('p', { id: 'notices-status', class: 'notices-status', role: 'status' }),
      el('button', { id: 'notices-reload', type: 'button', 'data-s': 'reload', onclick: loadNotices })),
    el('ul', { id: 'notices-list', class: 'cards' }));
  $('#documents-tool').before(section);
  $('#admin-nav').insertBefore(el('a', { href: '#notices-title', 'data-s': 'nav_notices' }), $('#admin-nav a[href="#documents-title"]'));
}

async function loadNotices() {
  if (me?.role !== 'admin') return;
  noticesLoading = true;
  renderNotices();
  try {
    notices = await api('GET', '/api/notices?undelivered=1');
    noticesError = null;
  } catch (e) {
    if (e.status === 401) { expired(); return; }
    noticesError = e;
  } finally {
    noticesLoading = false;
  }
  renderNotices();
}

const noticeOverdue = (n, today) => typeof n.due === 'string' && n.due !== '' && today > n.due.slice(0, 10);

/** The server's last error in words where it is one the page knows; the server's text stays beside it. */
function noticeError(msg) {
  const text = String(msg ?? '');
  if (!text) return st('none');
  if (/no e-?mail address/i.test(text)) {
    return el('span', {}, st('notice_error_no_email'), ' ', el('code', { class: 'muted small' }, text));
  }
  return text;
}

function noticeCard(n, today) {
  const overdue = noticeOverdue(n, today);
  const open = noticeOpen.has(n.id);
  const bodyId = `notice-body-${n.id}`;
  const kind = hasS(`notice_kind_${n.kind}`) ? st(`notice_kind_${n.kind}`) : String(n.kind ?? '');
  const toggle = el('button', {
    type: 'button', class: 'notice-toggle', 'aria-expanded': String(open), 'aria-controls': bodyId,
    onclick: () => {
      if (noticeOpen.has(n.id)) noticeOpen.delete(n.id); else noticeOpen.add(n.id);
      renderNotices();
      $(`#notices-list [data-notice="${n.id}"] .notice-toggle`)?.focus();
    },
  }, st(open ? 'notice_hide' : 'notice_show'));
  return el('li', { class: `card notice${overdue ? ' is-overdue' : ''}`, 'data-notice': n.id, 'data-candidate': n.candidate, 'data-kind': n.kind },
    el('div', { class: 'card-head' },
      el('h3', {}, `${kind} · ${st('candidate_n', { id: n.candidate })}`),
      el('div', { class: 'badges' },
        overdue ? overdueBadge(n.due) : null,
        n.failed ? badge(st('notice_failed'), 'given-up') : badge(st('notice_retry'), 'warn'))),
    dl([
      ['notice_subject', n.subject || st('none')],
      ['notice_recipient', n.recipient ? n.recipient : el('span', { class: 'no-email' }, st('no_email'))],
      n.session != null ? ['session', `№${n.session}`] : null,
      ['notice_created', fmtTime(n.created_ms)],
      ['notice_due', el('span', { class: overdue ? 'due-overdue notice-due' : 'notice-due' }, n.due ? fmtDate(n.due) : st('none'))],
      ['notice_attempts', String(n.attempts ?? 0)],
      ['notice_delivery', st(n.failed ? 'notice_failed_long' : 'notice_retry_long')],
      ['notice_last_error', el('span', { class: 'notice-error' }, noticeError(n.last_error))],
    ]),
    toggle,
    el('div', { id: bodyId, class: 'notice-body', hidden: !open }, String(n.body ?? '')));
}

function renderNotices() {
  const box = $('#notices-tool');
  if (!box) return;
  box.hidden = me?.role !== 'admin';
  if (box.hidden || screen !== 'queue') return;
  const s = $('#notices-status');
  s.classList.toggle('error', !!noticesError);
  $('#notices-reload').disabled = noticesLoading;
  const list = Array.isArray(notices) ? notices : [];
  const today = kzToday();
  if (noticesError) s.textContent = errText(noticesError);
  else if (!notices) s.textContent = st('loading');
  else if (!list.length) s.textContent = st('notices_all_delivered');
  else {
    const overdue = list.filter((n) => noticeOverdue(n, today)).length;
    const givenUp = list.filter((n) => n.failed).length;
    const parts = [st('notices_summary', { n: list.length })];
    if (givenUp) parts.push(st('notices_given_up', { n: givenUp }));
    if (overdue) parts.push(st('notices_overdue', { n: overdue }));
    if (list.length >= NOTICES_MAX) parts.push(st('notices_capped', { n: NOTICES_MAX }));
    s.textContent = parts.join(' ');
  }
  if (notices && noticesLoading) s.append(` ${st('loading')}`);
  const shown = stable(list, (a, b) => Number(noticeOverdue(b, today)) - Number(noticeOverdue(a, today)));
  $('#notices-list').replaceChildren(...shown.map((n) => noticeCard(n, today)));
}

// ---- the appeal commission ----------------------------------------------------

async function loadAppeals() {
  appealsError = null;
  renderAppeals();
  try {
    appeals = await api('GET', '/api/appeals');
  } catch (e) {
    if (e.status === 401) { expired(); return; }
    appealsError = e;
  }
  renderAppeals();
}

function sortAppeals(list) {
  return stable(list || [], (a, b) =>
    Number(b.status === 'registered') - Number(a.status === 'registered')
    || Number(!!b.overdue) - Number(!!a.overdue)
    || String(a.decide_by).localeCompare(String(b.decide_by)));
}

function appealStatusBadge(a) {
  const kind = a.status === 'upheld' ? 'ok' : a.status === 'rejected' ? 'plain' : 'warn';
  return badge(hasS(`status_${a.status}`) ? st(`status_${a.status}`) : a.status, kind);
}

function renderAppeals() {
  if (screen !== 'appeals') return;
  const s = $('#appeals-status');
  s.classList.toggle('error', !!appealsError);
  if (appealsError) s.textContent = errText(appealsError);
  else if (!appeals) s.textContent = st('loading');
  else s.textContent = appeals.length ? '' : st('appeals_empty');
  $('#appeals-list').replaceChildren(...sortAppeals(appeals).map((a) => {
    const reason = String(a.reason ?? '');
    return el('li', { class: `card appeal${a.overdue ? ' is-overdue' : ''}`, 'data-appeal': a.id },
      el('div', { class: 'card-head' },
        el('h3', {}, st('appeal_heading', { id: a.id })),
        el('div', { class: 'badges' }, appealStatusBadge(a),
          a.overdue ? badge(st('overdue_badge', { date: fmtDate(a.decide_by) }), 'bad') : null)),
      dl([
        ['session', `${st('session_n', { id: a.session })} · ${st('candidate_n', { id: a.candidate })}`],
        ['filed', a.filed_date ? fmtDate(a.filed_date) : fmtTime(a.filed_ms)],
        ['decide_by', el('span', { class: a.overdue ? 'due-overdue' : '' }, fmtDate(a.decide_by))],
        ['appeal_reason', reason.length > 240 ? `${reason.slice(0, 240)}…` : reason],
        a.document ? ['document', el('code', { class: 'doc-code' }, a.document)] : null,
      ]),
      el('div', { class: 'actions start' },
        el('button', { type: 'button', class: 'primary open-appeal', onclick: () => openAppeal(a) }, st('open'))));
  }));
}

async function openAppeal(a) {
  current = { id: a.id, appeal: a, record: null, error: null, decision: { upheld: null, note: '', error: '', busy: false } };
  go('appeal');
  renderAppeal();
  try {
    current.record = await api('GET', `/api/sessions/${a.session}/record`);
  } catch (e) {
    if (e.status === 401) { expired(); return; }
    current.error = e;
  }
  renderAppeal();
  $('#appeal-title').focus();
}

function section(titleKey, ...children) {
  return el('section', { class: 'block record-part' }, el('h2', {}, st(titleKey)), ...children);
}

function optionList(options, indices) {
  if (!indices?.length) return el('span', { class: 'muted' }, st('no_answer'));
  return el('span', {}, ...indices.flatMap((i, k) => [k ? el('br') : null,
    el('span', {}, el('b', {}, `${letter(i)}. `), String(options?.[i] ?? '?'))]));
}

function recordSummary(s) {
  return dl([
    ['candidate', s.full_name || st('candidate_n', { id: s.candidate })],
    ['profession', `${s.profession ?? ''} (${s.programme ?? ''})`],
    ['exam_lang', { kk: 'Қазақша', ru: 'Русский' }[s.lang] ?? s.lang ?? ''],
    ['mode', hasS(`mode_${s.mode}`) ? st(`mode_${s.mode}`) : s.mode ?? ''],
    ['attempt', String(s.attempt ?? '—')],
    ['sitting_status', hasS(`sitting_${s.status}`) ? st(`sitting_${s.status}`) : s.status ?? ''],
    ['theory', theoryText(s)],
    ['violations', String(s.violations ?? 0)],
    ['procedure_date', fmtDate(s.procedure_date)],
    ['protocol_due', fmtDate(s.protocol_due)],
  ]);
}

function answersTable(answers) {
  const right = answers.filter((a) => a.right).length;
  const only = el('input', { type: 'checkbox', id: 'only-wrong' });
  only.checked = !!current?.onlyWrong;
  only.addEventListener('change', () => { current.onlyWrong = only.checked; renderAppeal(); $('#only-wrong')?.focus(); });
  const shown = current?.onlyWrong ? answers.filter((a) => !a.right) : answers;
  return section('answers_title',
    el('div', { class: 'row answers-head' },
      el('p', { class: 'strong' }, st('answers_summary', { right, total: answers.length })),
      el('label', { class: 'check', for: 'only-wrong' }, only, ` ${st('only_wrong')}`)),
    el('div', { class: 'table-wrap' },
      el('table', { class: 'answers' },
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, st('col_n')), el('th', { scope: 'col' }, st('col_question')),
          el('th', { scope: 'col' }, st('col_chosen')), el('th', { scope: 'col' }, st('col_correct')),
          el('th', { scope: 'col' }, st('col_right')))),
        el('tbody', {}, ...shown.map((a) => el('tr', { class: a.right ? 'right' : 'wrong' },
          el('td', { class: 'num' }, String(a.n)),
          el('td', { class: 'q' }, a.text),
          el('td', {}, optionList(a.options, a.chosen)),
          el('td', {}, optionList(a.options, a.correct)),
          el('td', { class: 'mark' }, a.right ? `✓ ${st('right_yes')}` : `✗ ${st('right_no')}`)))))));
}

function eventsTable(events) {
  if (!events?.length) return section('events_title', el('p', { class: 'muted' }, st('events_empty')));
  return section('events_title', el('div', { class: 'table-wrap' },
    el('table', { class: 'events' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col' }, st('col_time')), el('th', { scope: 'col' }, st('col_event')),
        el('th', { scope: 'col' }, st('col_detail')), el('th', { scope: 'col' }, st('col_evidence')))),
      el('tbody', {}, ...events.map((e) => el('tr', { class: e.violation ? 'violation' : '' },
        el('td', { class: 'nowrap' }, fmtTime(e.t_ms)),
        el('td', {}, e.violation ? el('b', {}, violationText(e.kind)) : e.kind,
          e.violation ? el('div', { class: 'small error' }, st('violation_strike', { n: e.strike })) : null),
        el('td', {}, e.detail ?? ''),
        el('td', {}, e.evidence ? evidence(e.evidence, e.id) : st('none'))))))));
}

function actsList(acts) {
  if (!acts?.length) return section('acts_record_title', el('p', { class: 'muted' }, st('acts_record_empty')));
  return section('acts_record_title', el('ul', { class: 'plain-list' }, ...acts.map((a) => el('li', {},
    el('b', {}, `№${a.id} · ${violationText(a.kind)}`), ` · ${fmtTime(a.t_ms)} · `,
    badge(hasS(`act_status_${a.status}`) ? st(`act_status_${a.status}`) : a.status, a.status === 'confirmed' ? 'bad' : a.status === 'annulled' ? 'ok' : 'warn'),
    a.reviewed_by ? el('span', { class: 'muted' }, ` ${st('reviewed_by', { who: a.reviewed_by, time: fmtTime(a.reviewed_ms) })}`) : null,
    a.reason ? el('div', {}, `${st('revoke_reason')}: ${a.reason}`) : null,
    a.evidence ? evidence(a.evidence, a.event) : null))));
}

function practicalPart(pr) {
  if (!pr || !pr.card?.length) return section('practical_record_title', el('p', { class: 'muted' }, st('no_card')));
  if (!pr.admitted) return section('practical_record_title', el('p', { class: 'muted' }, st('not_admitted')));
  const result = new Map((pr.outcome?.items || []).map((i) => [i.id, i.result]));
  return section('practical_record_title', el('div', { class: 'table-wrap' },
    el('table', { class: 'practical-table' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col' }, st('col_item')), el('th', { scope: 'col' }, st('col_result')), el('th', { scope: 'col' }, st('col_marks')))),
      el('tbody', {}, ...pr.card.map((item) => {
        const r = result.get(item.id) ?? 'unscored';
        const marks = (pr.marks || []).filter((m) => m.item === item.id);
        return el('tr', {},
          el('td', {}, itemText(item.text), item.mandatory ? el('span', { class: 'badge warn' }, st('mandatory')) : null),
          el('td', { class: `r-${r}` }, st(`result_${r}`)),
          el('td', {}, ...(marks.length ? marks.map((m) => el('div', {},
            `${m.member}: ${st(m.done ? 'result_done' : 'result_not_done')}${m.note ? ` — ${m.note}` : ''}`)) : [st('none')])));
      })))),
    outcomeBox(pr.outcome, pr.card));
}

function decisionPart() {
  const a = current.appeal;
  if (a.status !== 'registered') {
    return el('section', { class: 'block decision-box', 'aria-labelledby': 'decision-title' },
      el('h2', { id: 'decision-title', tabindex: -1 }, st('decision_title')),
      el('p', { class: `verdict ${a.status === 'upheld' ? 'pass' : 'fail'}` }, st(a.status === 'upheld' ? 'appeal_upheld' : 'appeal_rejected')),
      a.note ? el('p', {}, a.note) : null,
      a.decided_ms ? el('p', { class: 'muted' }, st('decided_on', { time: fmtTime(a.decided_ms) })) : null,
      a.document ? documentBox(a.document) : null);
  }
  if (me?.role !== 'appeal') return null;
  const d = current.decision;
  const radio = (value, key) => {
    const input = el('input', { type: 'radio', name: 'upheld', value: String(value) });
    input.checked = d.upheld === value;
    input.addEventListener('change', () => { d.upheld = value; });
    return el('label', { class: `choice ${value ? 'yes' : 'no'}` }, input, el('span', {}, st(key)));
  };
  const note = el('textarea', { id: 'decision-note', rows: 3, maxlength: 2000 });
  note.value = d.note;
  note.addEventListener('input', () => { d.note = note.value; });
  const form = el('form', { class: 'decision-form', novalidate: true },
    el('fieldset', {}, el('legend', { class: 'sr-only' }, st('decision_title')),
      el('div', { class: 'choices column' }, radio(true, 'upheld_yes'), radio(false, 'upheld_no'))),
    el('label', { for: 'decision-note' }, st('decision_note')), note,
    el('p', { class: 'error', role: 'alert' }, d.error),
    el('div', { class: 'actions start' }, el('button', { type: 'submit', class: 'primary decide', disabled: d.busy }, st('decide'))));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); decideAppeal(); });
  return el('section', { class: 'block decision-box', 'aria-labelledby': 'decision-title' },
    el('h2', { id: 'decision-title', tabindex: -1 }, st('decision_title')), form);
}

async function decideAppeal() {
  const d = current.decision;
  if (d.upheld === null) { d.error = st('choose_decision'); renderAppeal(); return; }
  d.error = '';
  d.busy = true;
  renderAppeal();
  const id = current.id;
  try {
    const r = await api('POST', `/api/appeals/${id}/decision`, { upheld: d.upheld, note: d.note.trim() });
    if (current?.id !== id) return;
    Object.assign(current.appeal, { status: r.status, document: r.document, note: d.note.trim(), decided_ms: Date.now() });
    try { current.appeal = await api('GET', `/api/appeals/${id}`); } catch { /* the local copy stands */ }
    try { current.record = await api('GET', `/api/sessions/${current.appeal.session}/record`); } catch { /* keep */ }
    toast(st(r.status === 'upheld' ? 'appeal_upheld' : 'appeal_rejected'));
    appeals = null; // stale: reloaded on the way back
  } catch (e) {
    if (e.status === 401) { expired(); return; }
    d.error = errText(e);
  } finally {
    d.busy = false;
  }
  renderAppeal();
  $('#decision-title')?.focus();
}

function renderAppeal() {
  if (screen !== 'appeal' || !current) return;
  const a = current.appeal;
  $('#appeal-title').textContent = st('record_title', { id: a.id, session: a.session });
  const status = $('#appeal-status');
  status.classList.toggle('error', !!current.error);
  status.textContent = current.error ? errText(current.error) : current.record ? '' : st('loading');
  const r = current.record;
  const parts = [
    el('section', { class: 'block appeal-box' },
      el('div', { class: 'card-head' },
        el('h2', {}, st('appeal_heading', { id: a.id })),
        el('div', { class: 'badges' }, appealStatusBadge(a),
          a.overdue && a.status === 'registered' ? badge(st('overdue_badge', { date: fmtDate(a.decide_by) }), 'bad') : null)),
      dl([
        ['filed', a.filed_date ? fmtDate(a.filed_date) : fmtTime(a.filed_ms)],
        ['decide_by', el('span', { class: a.overdue && a.status === 'registered' ? 'due-overdue' : '' }, fmtDate(a.decide_by))],
      ]),
      el('h3', {}, st('appeal_reason')),
      el('blockquote', { class: 'appeal-reason' }, a.reason ?? '')),
    decisionPart(),
  ];
  if (r) {
    parts.push(
      el('section', { class: 'block record-part' }, el('h2', {}, st('candidate')), recordSummary(r.session || {})),
      section('protocol_title', ...(r.protocol ? [verdict(r.protocol), protocolFacts(r.protocol)] : [el('p', { class: 'muted' }, st('no_protocol'))])),
      answersTable(r.answers || []),
      eventsTable(r.events),
      actsList(r.acts),
      practicalPart(r.practical));
    if (r.documents?.length) {
      parts.push(section('documents_record', ...r.documents.map((doc) => el('div', { class: 'doc-entry' },
        badge(st(`doc_status_${doc.status}`), doc.status === 'valid' ? 'ok' : 'bad'), ' ',
        documentBox(doc.code)))));
    }
  }
  $('#appeal-body').replaceChildren(...parts.filter(Boolean));
}

// ---- language -----------------------------------------------------------------

function applyStaffStatic() {
  document.documentElement.lang = getLang();
  document.title = st('title');
  for (const e of document.querySelectorAll('[data-s]')) e.textContent = st(e.dataset.s);
  for (const e of document.querySelectorAll('[data-s-label]')) e.setAttribute('aria-label', st(e.dataset.sLabel));
}

function rerender() {
  applyStaffStatic();
  $('#lang').value = getLang();
  updateHeader(); // focus stays on the language list
  if (screen === 'queue') renderQueue();
  if (screen === 'appeals') renderAppeals();
  if (screen === 'appeal') renderAppeal();
}

// ---- start ----------------------------------------------------------------------

function boot() {
  buildNoticesTool();
  applyStaffStatic();
  const select = $('#lang');
  select.value = getLang();
  select.addEventListener('change', () => setLang(select.value));
  onLangChange(rerender);
  $('#login-form').addEventListener('submit', onLogin);
  $('#logout').addEventListener('click', logout);
  $('#queue-reload').addEventListener('click', () => { loadQueue(); loadNotices(); });
  $('#appeals-reload').addEventListener('click', loadAppeals);
  $('#appeal-back').addEventListener('click', () => { current = null; go('appeals'); renderAppeals(); loadAppeals(); });
  $('#revoke-form').addEventListener('submit', onRevoke);
  if (!auth.token) { showLogin(); return; }
  start();
}

boot();
