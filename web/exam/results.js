// The candidate's results of one sitting, below the theory result on the
// result screen: the commission's decision (protocol), the practical stage,
// violation acts, the document, the retake possibility with the centre's
// notice, and the appeal (filed from here within the appeal period).
//
//   openResults(box, id, session, { expired, decided })  shows sitting `id` in `box`
//   closeResults()                                       forgets it (late answers are dropped)
//
// Every date is shown DD.MM.YYYY; deadlines are Kazakhstan dates (UTC+5).
import { getLang, onLangChange } from '../lib/i18n.js';
import { api, apiBlob } from '../lib/api.js';
import { el, saveAs } from '../lib/dom.js';
import { dmy as isoDmy, dmyTime, kzToday } from '../lib/dates.js';
import { violationText } from '../lib/strings.js';
import { eventLabel } from '../lib/events.js';
import { words } from './strings.js';
import { rt, rerr } from './results.strings.js';

const MAX_REASON = 4000; // the server's limit: 4000 characters (Unicode code points)
const DRAFT_PREFIX = 'tanu.appeal.'; // an unsent appeal's text survives a reload (cleared at sign-out)
const PDF_TIMEOUT_MS = 90000;

let view = null;
let gen = 0; // bumped by every open/close: answers for an older view are dropped

// ---- dates --------------------------------------------------------------------

const dmy = (iso) => isoDmy(iso, rt('none'));
const dmyMs = (ms, withTime = false) => dmyTime(ms, withTime, rt('none'));

// ---- the appeal's text ------------------------------------------------------------

/** How many characters to cut from the end so that the text fits the server's limit. */
function overBy(s) {
  return Math.max(0, [...s].length - MAX_REASON);
}

function loadDraft(id) {
  try { return sessionStorage.getItem(DRAFT_PREFIX + id) ?? ''; } catch { return ''; }
}
function saveDraft(id, text) {
  try {
    if (text) sessionStorage.setItem(DRAFT_PREFIX + id, text);
    else sessionStorage.removeItem(DRAFT_PREFIX + id);
  } catch { /* storage may be unavailable */ }
}

// ---- open / close / load ------------------------------------------------------------

export function openResults(box, id, session = null, hooks = {}) {
  gen++;
  view = {
    box, id, hooks, session,
    loaded: false, loading: true, error: null,
    protocol: undefined, // undefined: not known yet; null: not signed yet
    practical: null, acts: null, notices: [], appeals: [], doc: null, docCode: null,
    draft: loadDraft(id), formError: '', sending: false, announce: '', focus: null,
    pdf: { busy: false, error: '' },
  };
  render();
  load();
}

export function closeResults() {
  gen++;
  view = null;
}

onLangChange(() => { if (view) render(); });

/** Reads everything about the sitting; what fails keeps its last known value. */
async function load(quiet = false) {
  const my = gen;
  const v = view;
  v.loading = !quiet;
  v.error = null;
  if (!quiet) render();
  const id = encodeURIComponent(v.id);
  const absentOk = (path) => api('GET', path).catch((e) => {
    if (e.status === 404 || e.status === 409) return null; // no protocol yet, no practical stage
    throw e;
  });
  const r = await Promise.allSettled([
    api('GET', `/api/sessions/${id}`),
    absentOk(`/api/sessions/${id}/protocol`),
    absentOk(`/api/sessions/${id}/practical`),
    api('GET', `/api/sessions/${id}/acts`),
    api('GET', '/api/notices'),
    api('GET', '/api/appeals'),
  ]);
  if (my !== gen) return;
  const failed = r.filter((x) => x.status === 'rejected').map((x) => x.reason);
  if (failed.some((e) => e?.status === 401)) { v.hooks.expired?.(); return; }
  const ok = (i) => r[i].status === 'fulfilled';
  const mine = (list) => (Array.isArray(list) ? list : []).filter((x) => Number(x.session) === Number(v.id));
  if (ok(0)) v.session = r[0].value;
  if (ok(1)) v.protocol = r[1].value;
  if (ok(2)) v.practical = r[2].value;
  if (ok(3)) v.acts = Array.isArray(r[3].value) ? r[3].value : [];
  if (ok(4)) v.notices = mine(r[4].value).sort((a, b) => (b.created_ms ?? 0) - (a.created_ms ?? 0));
  if (ok(5)) v.appeals = mine(r[5].value).sort((a, b) => (b.filed_ms ?? 0) - (a.filed_ms ?? 0) || b.id - a.id);
  v.error = failed.length ? rerr(failed[0], (code) => words.error({ code })) : null;

  v.docCode = documentCode(v);
  if (v.docCode) {
    try {
      v.doc = await api('GET', `/api/documents/${encodeURIComponent(v.docCode)}`);
    } catch (e) {
      if (my !== gen) return;
      if (!v.doc || v.doc.code !== v.docCode) v.doc = null;
    }
    if (my !== gen) return;
  }
  v.loading = false;
  v.loaded = true;
  // with what an appeal upheld (recognised, annulled), for the page around the results
  if (v.protocol) v.hooks.decided?.({ ...v.protocol, appeal_outcome: (upheldAppeal(v) && 'recognised') || (annulledAppeal(v) && 'annulled') || null });
  render();
}

// What the appeal commission upheld (issue 11): the result recognised (an appeal upheld before
// outcomes existed was recognised), or annulled (no attempt, a new date).
const outcomeOf = (a) => a.outcome || (a.status === 'upheld' ? 'recognised' : a.status === 'rejected' ? 'rejected' : null);
const upheldAppeal = (v) => v.appeals.find((a) => outcomeOf(a) === 'recognised') ?? null;
const annulledAppeal = (v) => v.appeals.find((a) => outcomeOf(a) === 'annulled') ?? null;
const openAppeal = (v) => v.appeals.find((a) => a.status === 'registered') ?? null;

function documentCode(v) {
  return upheldAppeal(v)?.document || v.protocol?.document || null;
}

// ---- rendering --------------------------------------------------------------------------

function render() {
  const v = view;
  if (!v) return;
  // Keep the focus (and the caret in the appeal's text) across a re-render.
  const active = document.activeElement;
  const keepId = active && v.box.contains(active) && active.id ? active.id : null;
  const sel = active?.tagName === 'TEXTAREA' ? [active.selectionStart, active.selectionEnd] : null;

  const s = v.session;
  const ended = s?.status === 'finished' || s?.status === 'terminated';
  const known = v.protocol !== undefined;
  v.box.replaceChildren(...[
    s ? el('p', { class: 'muted res-sitting' }, rt('res_sitting', { programme: s.profession ? `${s.profession} (${s.programme})` : String(s.programme ?? ''), attempt: s.attempt ?? '—' })) : null,
    v.loading ? el('p', { class: 'muted', role: 'status' }, rt('res_loading')) : null,
    v.error ? el('p', { class: 'error res-error', role: 'alert' }, rt('res_load_failed', { msg: v.error })) : null,
    known ? decisionCard(v) : null,
    practicalCard(v, ended),
    ended ? topicsCard(v) : null,
    ended && v.acts ? actsCard(v) : null,
    v.docCode ? documentCard(v) : null,
    ...(notPassed(v) ? [retakeCard(v), noticeCard(v)] : []),
    known && (ended || annulledAppeal(v)) ? appealCard(v) : null,
    el('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite' }, v.announce || ''),
    el('div', { class: 'res-actions' },
      el('button', { type: 'button', class: 'res-refresh', disabled: v.loading, onclick: () => load() }, rt('res_refresh'))),
  ].filter(Boolean));

  const target = v.focus ? v.box.querySelector(v.focus) : keepId ? document.getElementById(keepId) : null;
  v.focus = null;
  if (target) {
    target.focus();
    if (sel && target.tagName === 'TEXTAREA') target.setSelectionRange(sel[0], sel[1]);
  }
}

const notPassed = (v) => v.protocol?.decision === 'not_passed' && !upheldAppeal(v) && !annulledAppeal(v);

function card(cls, title, ...children) {
  const id = `res-${cls}-title`;
  return el('section', { class: `card res-card res-${cls}`, 'aria-labelledby': id },
    el('h2', { id }, title), ...children);
}

function dl(...rows) {
  return el('dl', { class: 'res-dl' }, ...rows.filter(Boolean).flatMap(([k, val, cls]) =>
    [el('dt', {}, rt(k)), el('dd', cls ? { class: cls } : {}, val)]));
}

function decisionCard(v) {
  const p = v.protocol;
  if (!p) return card('decision', rt('decision_title'), el('p', {}, rt('decision_pending')));
  const passed = p.decision === 'passed';
  const reasons = (Array.isArray(p.reasons) ? p.reasons : []).map((r) => rt(`reason_${r}`));
  const upheld = upheldAppeal(v);
  const annulled = annulledAppeal(v);
  // Never "not recognised" beside "recognised": the appeal's outcome is the decision now.
  if (annulled) {
    return card('decision', rt('decision_title'),
      el('p', { class: 'verdict annulled decision', 'data-decision': 'annulled' }, rt('annulled_verdict')),
      el('p', { class: 'strong res-new-date' }, rt('annulled_next')));
  }
  if (upheld && !passed) {
    return card('decision', rt('decision_title'),
      el('p', { class: 'verdict pass decision', 'data-decision': 'passed', 'data-amended': 'appeal' }, rt('decision_passed')),
      el('p', { class: 'verdict pass upheld' }, rt('upheld_overrides')),
      dl(['results_date', dmy(p.results_date), 'results-date']),
      el('p', { class: 'muted res-amended' }, rt('protocol_amended')));
  }
  return card('decision', rt('decision_title'),
    el('p', { class: `verdict ${passed ? 'pass' : 'fail'} decision`, 'data-decision': p.decision },
      rt(passed ? 'decision_passed' : 'decision_not_passed')),
    reasons.length ? el('p', { class: 'res-reasons' }, `${rt('decision_reasons')}: ${reasons.join('; ')}.`) : null,
    dl(['results_date', dmy(p.results_date), 'results-date']));
}

function cardText(text, v) {
  if (!text || typeof text !== 'object') return String(text ?? '');
  const l = getLang();
  return text[l] || text[v.session?.lang] || text.ru || text.kk || Object.values(text)[0] || '';
}

function practicalCard(v, ended) {
  const pr = v.practical;
  if (!pr || !Array.isArray(pr.card) || !pr.card.length) return null;
  if (!pr.admitted) return ended ? card('practical', rt('practical_title'), el('p', {}, rt('practical_not_admitted'))) : null;
  const out = pr.outcome ?? {};
  const results = new Map((out.items ?? []).map((i) => [i.id, i.result]));
  const head = out.complete ? rt(out.passed ? 'practical_passed' : 'practical_failed') : rt('practical_pending');
  return card('practical', rt('practical_title'),
    el('p', { class: `strong ${out.complete ? (out.passed ? 'ok' : 'bad') : ''}` }, head),
    el('ul', { class: 'res-items' }, ...pr.card.map((item) => {
      const res = results.get(item.id) ?? 'unscored';
      return el('li', { class: `res-item item-${res}` },
        el('span', { class: 'item-text' }, cardText(item.text, v)),
        item.mandatory ? el('span', { class: 'tag' }, rt('item_mandatory')) : null,
        el('span', { class: `tag result-${res}` }, rt(`item_${res}`)));
    })));
}

/**
 * A topic's name for the reader: its title in the page's language (the bank's,
 * sent by the server), else "Topic N" by its number in the programme; never
 * the bank's slug.
 */
export function topicName(topic) {
  const title = topic?.title && typeof topic.title === 'object' ? topic.title[getLang()] : null;
  if (title) return String(title);
  if (topic?.topic === 'general' && !topic?.number) return rt('topic_general');
  return topic?.number ? rt('topic_n', { n: topic.number }) : rt('topic_general');
}

function topicsCard(v) {
  const weak = Array.isArray(v.session?.weak_topics) ? v.session.weak_topics : [];
  if (!weak.length) return null;
  return card('topics', rt('topics_title'),
    el('p', { class: 'muted' }, rt('topics_intro')),
    el('ul', { class: 'res-topics' }, ...weak.map((w) => el('li', { class: 'res-topic' },
      el('span', { class: 'strong' }, topicName(w)),
      el('span', { class: 'muted' }, ` · ${rt('topic_score', { correct: w.correct ?? 0, total: w.total ?? 0 })}`)))));
}

/** A violation in the candidate's words; a kind those words lack (camera_blocked) by the event log's label, never its code. */
function actLabel(kind) {
  const said = violationText(kind);
  return said && said !== String(kind) ? said : eventLabel(kind);
}

function actsCard(v) {
  if (!v.acts.length) return card('acts', rt('acts_title'), el('p', { class: 'muted' }, rt('acts_none')));
  return card('acts', rt('acts_title'),
    el('ul', { class: 'res-act-list' }, ...v.acts.map((a) => el('li', { class: `res-act act-${a.status}` },
      el('span', { class: 'strong' }, actLabel(a.kind)),
      el('span', { class: 'muted' }, ` · ${dmyMs(a.t_ms ?? a.created_ms, true)}`),
      el('br'),
      el('span', { class: `tag act-status-${a.status}` }, rt(`act_${a.status}`)),
      a.status === 'annulled' && a.reason ? el('span', { class: 'muted' }, ` ${rt('act_reason', { reason: a.reason })}`) : null))));
}

/** The public verification link; with the check value (given to the holder) it shows the full name. */
function verifyHref(code, check) {
  const q = `code=${encodeURIComponent(code)}`;
  return `/verify.html?${q}${check ? `&check=${encodeURIComponent(check)}` : ''}`;
}

function documentCard(v) {
  const code = v.docCode;
  const d = v.doc && v.doc.code === code ? v.doc : null;
  const status = d?.status;
  return card('document', rt('doc_title'),
    dl(['doc_code', el('code', { class: 'doc-code' }, code)],
      d && status !== 'pending_signature' ? ['doc_issued', dmy(d.issued)] : null,
      d && status !== 'pending_signature' ? ['doc_valid_until', dmy(d.valid_until), 'valid-until'] : null,
      status ? ['doc_status', rt(status === 'revoked' ? 'doc_revoked' : status === 'pending_signature' ? 'doc_pending' : 'doc_valid'),
        `doc-status ${status}`] : null),
    status === 'revoked' && d.revoked_reason ? el('p', { class: 'alert' }, rt('doc_revoked_reason', { reason: d.revoked_reason })) : null,
    el('div', { class: 'res-doc-actions' },
      el('button', { type: 'button', class: 'primary doc-pdf', disabled: v.pdf.busy, onclick: () => downloadPdf(code) },
        rt(v.pdf.busy ? 'doc_pdf_loading' : 'doc_pdf')),
      el('a', { class: 'doc-verify', href: verifyHref(code, d?.check), target: '_blank', rel: 'noopener' },
        rt('doc_verify'))),
    v.pdf.error ? el('p', { class: 'error', role: 'alert' }, v.pdf.error) : null);
}

function retakeCard(v) {
  const left = v.session?.attempts_left;
  if (v.session?.awaiting_decision) return null;  // X1: the commission decides first
  // seed 002 p.19 sets no cap: a retake is open, with no count to give
  if (v.session?.attempts_unlimited) return card('retake', rt('retake_title'), el('p', { class: 'strong' }, rt('retake_any')));
  if (typeof left !== 'number') return null;
  return card('retake', rt('retake_title'), el('p', { class: 'strong' }, left > 0 ? rt('retake_yes', { n: left }) : rt('retake_no')));
}

function noticeCard(v) {
  const n = v.notices.find((x) => x.kind === 'not_passed') ?? v.notices[0];
  if (!n) return null;
  return card('notice', rt('notice_title'),
    n.subject ? el('p', { class: 'strong notice-subject' }, String(n.subject)) : null,
    el('p', { class: 'muted small' }, rt('notice_date', { date: dmyMs(n.created_ms) })),
    el('div', { class: 'notice-body' }, String(n.body ?? '')));
}

function appealItem(a) {
  const decided = a.status === 'upheld' || a.status === 'rejected';
  const o = decided ? outcomeOf(a) : null;
  const said = a.reasons || a.note;
  return el('div', { class: `res-appeal-item appeal-${a.status}${o ? ` outcome-${o}` : ''}`, 'data-appeal': a.id },
    el('h3', { id: `appeal-${a.id}`, tabindex: '-1' }, rt('appeal_n', { id: a.id })),
    dl(['appeal_filed', a.filed_date ? dmy(a.filed_date) : dmyMs(a.filed_ms)],
      ['appeal_status', rt(o ? `ast_${o}` : `ast_${a.status}`), `appeal-status ${a.status}`],
      ['appeal_decide_by', dmy(a.decide_by), 'decide-by'],
      decided && a.decided_ms ? ['appeal_decided', dmyMs(a.decided_ms)] : null,
      decided && said ? ['appeal_note', String(said), 'appeal-note'] : null),
    a.reason ? el('details', { class: 'res-reason' },
      el('summary', {}, rt('appeal_your_reason')), el('div', { class: 'notice-body' }, String(a.reason))) : null);
}

function appealCard(v) {
  const p = v.protocol;
  const items = v.appeals.map(appealItem);
  let tail;
  if (!p) tail = el('p', {}, rt('appeal_before_results'));
  else if (upheldAppeal(v) || annulledAppeal(v) || openAppeal(v)) tail = null;
  // The server says whether the window is open (its clock, not the device's).
  else if (!p.appeal_open) tail = el('p', { class: 'strong appeal-closed' }, rt('appeal_closed', { date: dmy(p.appeal_until) }));
  else {
    const form = appealForm(v);
    tail = p.decision === 'passed' && !v.draft && !v.formError
      ? el('details', { class: 'res-appeal-open' }, el('summary', {}, rt('appeal_passed_open')), form)
      : form;
  }
  return card('appeal', rt('appeal_title'), ...items, tail);
}

function appealForm(v) {
  const p = v.protocol;
  const ta = el('textarea', {
    id: 'appeal-reason', name: 'reason', rows: '6', maxlength: String(MAX_REASON), required: true,
    'aria-describedby': 'appeal-hint appeal-count appeal-error', 'aria-invalid': v.formError ? 'true' : null,
    disabled: v.sending,
  });
  ta.value = v.draft;
  const count = el('p', { id: 'appeal-count', class: 'muted small appeal-count' });
  const error = el('p', { id: 'appeal-error', class: 'error', role: 'alert' }, v.formError);
  const update = () => {
    const cut = overBy(ta.value);
    const n = rt('appeal_counter', { n: ta.value.length, max: MAX_REASON });
    count.textContent = cut ? `${n} · ${rt('appeal_too_long', { n: cut })}` : n;
    count.classList.toggle('over', cut > 0);
  };
  update();
  ta.addEventListener('input', () => {
    v.draft = ta.value;
    saveDraft(v.id, ta.value);
    update();
    if (v.formError) { // shown at the last submit; typing clears it
      v.formError = '';
      error.textContent = '';
      ta.removeAttribute('aria-invalid');
    }
  });
  return el('form', { class: 'appeal-form', novalidate: true, onsubmit: (ev) => submitAppeal(ev) },
    el('p', { class: 'strong appeal-until' }, rt('appeal_until', { date: dmy(p.appeal_until) })),
    el('label', { for: 'appeal-reason' }, rt('appeal_reason_label')),
    el('p', { id: 'appeal-hint', class: 'muted small' }, rt('appeal_hint')),
    ta, count, error,
    el('button', { type: 'submit', class: 'primary appeal-submit', disabled: v.sending }, rt(v.sending ? 'appeal_sending' : 'appeal_submit')));
}

// ---- actions ----------------------------------------------------------------------------

async function submitAppeal(ev) {
  ev.preventDefault();
  const v = view;
  if (!v || v.sending) return;
  const my = gen;
  const text = v.draft.trim();
  const cut = overBy(text);
  if (!text || cut) {
    v.formError = text ? rt('appeal_too_long', { n: cut }) : rt('appeal_empty');
    v.focus = '#appeal-reason';
    render();
    return;
  }
  v.sending = true;
  v.formError = '';
  v.announce = '';
  render();
  try {
    const r = await api('POST', '/api/appeals', { session: Number(v.id), reason: text });
    if (my !== gen) return;
    v.appeals = [{
      id: r.id, session: v.id, reason: text, filed_date: kzToday(), filed_ms: Date.now(),
      decide_by: r.decide_by, status: r.status ?? 'registered',
    }, ...v.appeals.filter((a) => a.id !== r.id)];
    v.draft = '';
    saveDraft(v.id, '');
    v.sending = false;
    v.announce = rt('appeal_sent');
    v.focus = `#appeal-${r.id}`;
    render();
    load(true); // the server's own view of the appeal, and its notice
  } catch (e) {
    if (my !== gen) return;
    v.sending = false;
    if (e.status === 401) { v.hooks.expired?.(); return; }
    v.formError = e.status === 0 ? rt('appeal_network') : rerr(e, (code) => words.error({ code }));
    v.focus = '#appeal-reason';
    render();
    // The state changed on the server (filed meanwhile, window closed): show it.
    if (['appeal_open', 'appeal_window_closed', 'no_results_yet'].includes(e.code)) load(true);
  }
}

async function downloadPdf(code) {
  const v = view;
  if (!v || v.pdf.busy) return;
  const my = gen;
  v.pdf = { busy: true, error: '' };
  render();
  try {
    const blob = await apiBlob(`/api/documents/${encodeURIComponent(code)}/pdf`, PDF_TIMEOUT_MS);
    if (my !== gen) return;
    saveAs(blob, `${code}.pdf`, 'application/pdf');
    v.pdf = { busy: false, error: '' };
  } catch (e) {
    if (my !== gen) return;
    if (e.status === 401) { v.hooks.expired?.(); return; }
    v.pdf = { busy: false, error: rerr(e, (c) => words.error({ code: c })) };
  }
  render();
}
