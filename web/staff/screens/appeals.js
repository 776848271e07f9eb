// Appeals (the appeal commission): the appeals assigned, and for one of them
// the whole record of its sitting (answers, proctoring events, acts, practical
// stage, protocol, documents) with the decision, upheld or rejected.
import { api } from '../../lib/api.js';
import { $, el } from '../../lib/dom.js';
import { session } from '../../lib/session.js';
import { toast } from '../../lib/ui.js';
import { eventText } from '../../lib/events.js';
import {
  fmtDate, fmtTime, theoryText, stable, facts, badge, evidence, section,
} from '../widgets.js';
import { actsRecord } from './acts.js';
import { practicalRecord } from './practical.js';
import { protocolRecord } from './protocols.js';
import { documentBox, documentsRecord } from './documents.js';
import STRINGS, { t, has, error } from './appeals.strings.js';

let appeals = null; // GET /api/appeals
let loadError = null;
let current = null; // { id, appeal, record, error, decision: { upheld, note, error, busy }, onlyWrong }
let shell = null;

const dl = (rows) => facts(t, rows);
const letter = (i) => String.fromCharCode(65 + i); // A, B, C…

// ---- the list -------------------------------------------------------------------

async function loadAppeals() {
  loadError = null;
  renderAppeals();
  try {
    appeals = await api('GET', '/api/appeals');
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    loadError = e;
  }
  renderAppeals();
}

function sortAppeals(list) {
  return stable(list || [], (a, b) =>
    Number(b.status === 'registered') - Number(a.status === 'registered')
    || Number(!!b.overdue) - Number(!!a.overdue)
    || String(a.decide_by).localeCompare(String(b.decide_by)));
}

function statusBadge(a) {
  const kind = a.status === 'upheld' ? 'ok' : a.status === 'rejected' ? 'plain' : 'warn';
  return badge(has(`status_${a.status}`) ? t(`status_${a.status}`) : a.status, kind);
}

function renderAppeals() {
  if (shell.view !== 'appeals') return;
  const s = $('#appeals-status');
  s.classList.toggle('error', !!loadError);
  if (loadError) s.textContent = error(loadError);
  else if (!appeals) s.textContent = t('loading');
  else s.textContent = appeals.length ? '' : t('appeals_empty');
  $('#appeals-list').replaceChildren(...sortAppeals(appeals).map((a) => {
    const reason = String(a.reason ?? '');
    return el('li', { class: `card appeal${a.overdue ? ' is-overdue' : ''}`, 'data-appeal': a.id },
      el('div', { class: 'card-head' },
        el('h3', {}, t('appeal_heading', { id: a.id })),
        el('div', { class: 'badges' }, statusBadge(a),
          a.overdue ? badge(t('overdue_badge', { date: fmtDate(a.decide_by) }), 'bad') : null)),
      dl([
        ['session', `${t('session_n', { id: a.session })} · ${t('candidate_n', { id: a.candidate })}`],
        ['filed', a.filed_date ? fmtDate(a.filed_date) : fmtTime(a.filed_ms)],
        ['decide_by', el('span', { class: a.overdue ? 'due-overdue' : '' }, fmtDate(a.decide_by))],
        ['appeal_reason', reason.length > 240 ? `${reason.slice(0, 240)}…` : reason],
        a.document ? ['document', el('code', { class: 'doc-code' }, a.document)] : null,
      ]),
      el('div', { class: 'actions start' },
        el('button', { type: 'button', class: 'primary open-appeal', onclick: () => openAppeal(a) }, t('open'))));
  }));
}

// ---- one appeal and the record of its sitting ----------------------------------------

async function openAppeal(a) {
  current = { id: a.id, appeal: a, record: null, error: null, decision: { upheld: null, note: '', error: '', busy: false } };
  shell.go('appeal');
  renderAppeal();
  try {
    current.record = await api('GET', `/api/sessions/${a.session}/record`);
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    current.error = e;
  }
  renderAppeal();
  $('#appeal-title').focus();
}

function optionList(options, indices) {
  if (!indices?.length) return el('span', { class: 'muted' }, t('no_answer'));
  return el('span', {}, ...indices.flatMap((i, k) => [k ? el('br') : null,
    el('span', {}, el('b', {}, `${letter(i)}. `), String(options?.[i] ?? '?'))]));
}

function recordSummary(s) {
  return dl([
    ['candidate', s.full_name || t('candidate_n', { id: s.candidate })],
    ['profession', `${s.profession ?? ''} (${s.programme ?? ''})`],
    ['exam_lang', { kk: 'Қазақша', ru: 'Русский' }[s.lang] ?? s.lang ?? ''],
    ['mode', has(`mode_${s.mode}`) ? t(`mode_${s.mode}`) : s.mode ?? ''],
    ['attempt', String(s.attempt ?? '—')],
    ['sitting_status', has(`sitting_${s.status}`) ? t(`sitting_${s.status}`) : s.status ?? ''],
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
  return section(t('answers_title'),
    el('div', { class: 'row answers-head' },
      el('p', { class: 'strong' }, t('answers_summary', { right, total: answers.length })),
      el('label', { class: 'check', for: 'only-wrong' }, only, ` ${t('only_wrong')}`)),
    el('div', { class: 'table-wrap' },
      el('table', { class: 'answers' },
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, t('col_n')), el('th', { scope: 'col' }, t('col_question')),
          el('th', { scope: 'col' }, t('col_chosen')), el('th', { scope: 'col' }, t('col_correct')),
          el('th', { scope: 'col' }, t('col_right')))),
        el('tbody', {}, ...shown.map((a) => el('tr', { class: a.right ? 'right' : 'wrong' },
          el('td', { class: 'num' }, String(a.n)),
          el('td', { class: 'q' }, a.text),
          el('td', {}, optionList(a.options, a.chosen)),
          el('td', {}, optionList(a.options, a.correct)),
          el('td', { class: 'mark' }, a.right ? `✓ ${t('right_yes')}` : `✗ ${t('right_no')}`)))))));
}

function eventsTable(events) {
  if (!events?.length) return section(t('events_title'), el('p', { class: 'muted' }, t('events_empty')));
  return section(t('events_title'), el('div', { class: 'table-wrap' },
    el('table', { class: 'events' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col' }, t('col_time')), el('th', { scope: 'col' }, t('col_event')),
        el('th', { scope: 'col' }, t('col_detail')), el('th', { scope: 'col' }, t('col_evidence')))),
      el('tbody', {}, ...events.map((e) => ({ e, said: eventText(e) })).map(({ e, said }) => el('tr', { class: e.violation ? 'violation' : '', 'data-kind': e.kind },
        el('td', { class: 'nowrap' }, fmtTime(e.t_ms)),
        el('td', {}, e.violation ? el('b', {}, said.label) : said.label,
          said.known ? null : el('code', { class: 'muted small' }, ` ${e.kind}`),
          e.violation ? el('div', { class: 'small error' }, t('violation_strike', { n: e.strike })) : null),
        el('td', { class: 'event-detail' }, said.detail),
        el('td', {}, e.evidence ? evidence(e.evidence, e.id) : t('none'))))))));
}

function decisionPart() {
  const a = current.appeal;
  if (a.status !== 'registered') {
    return el('section', { class: 'block decision-box', 'aria-labelledby': 'decision-title' },
      el('h2', { id: 'decision-title', tabindex: -1 }, t('decision_title')),
      el('p', { class: `verdict ${a.status === 'upheld' ? 'pass' : 'fail'}` }, t(a.status === 'upheld' ? 'appeal_upheld' : 'appeal_rejected')),
      a.note ? el('p', {}, a.note) : null,
      a.decided_ms ? el('p', { class: 'muted' }, t('decided_on', { time: fmtTime(a.decided_ms) })) : null,
      a.document ? documentBox(a.document) : null);
  }
  if (session.me?.role !== 'appeal') return null;
  const d = current.decision;
  const radio = (value, key) => {
    const input = el('input', { type: 'radio', name: 'upheld', value: String(value) });
    input.checked = d.upheld === value;
    input.addEventListener('change', () => { d.upheld = value; });
    return el('label', { class: `choice ${value ? 'yes' : 'no'}` }, input, el('span', {}, t(key)));
  };
  const note = el('textarea', { id: 'decision-note', rows: 3, maxlength: 2000 });
  note.value = d.note;
  note.addEventListener('input', () => { d.note = note.value; });
  const form = el('form', { class: 'decision-form', novalidate: true },
    el('fieldset', {}, el('legend', { class: 'sr-only' }, t('decision_title')),
      el('div', { class: 'choices column' }, radio(true, 'upheld_yes'), radio(false, 'upheld_no'))),
    el('label', { for: 'decision-note' }, t('decision_note')), note,
    el('p', { class: 'error', role: 'alert' }, d.error),
    el('div', { class: 'actions start' }, el('button', { type: 'submit', class: 'primary decide', disabled: d.busy }, t('decide'))));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); decideAppeal(); });
  return el('section', { class: 'block decision-box', 'aria-labelledby': 'decision-title' },
    el('h2', { id: 'decision-title', tabindex: -1 }, t('decision_title')), form);
}

async function decideAppeal() {
  const d = current.decision;
  if (d.upheld === null) { d.error = t('choose_decision'); renderAppeal(); return; }
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
    toast(t(r.status === 'upheld' ? 'appeal_upheld' : 'appeal_rejected'));
    appeals = null; // stale: reloaded on the way back
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    d.error = error(e);
  } finally {
    d.busy = false;
  }
  renderAppeal();
  $('#decision-title')?.focus();
}

function renderAppeal() {
  if (shell.view !== 'appeal' || !current) return;
  const a = current.appeal;
  $('#appeal-title').textContent = t('record_title', { id: a.id, session: a.session });
  const status = $('#appeal-status');
  status.classList.toggle('error', !!current.error);
  status.textContent = current.error ? error(current.error) : current.record ? '' : t('loading');
  const r = current.record;
  const parts = [
    el('section', { class: 'block appeal-box' },
      el('div', { class: 'card-head' },
        el('h2', {}, t('appeal_heading', { id: a.id })),
        el('div', { class: 'badges' }, statusBadge(a),
          a.overdue && a.status === 'registered' ? badge(t('overdue_badge', { date: fmtDate(a.decide_by) }), 'bad') : null)),
      dl([
        ['filed', a.filed_date ? fmtDate(a.filed_date) : fmtTime(a.filed_ms)],
        ['decide_by', el('span', { class: a.overdue && a.status === 'registered' ? 'due-overdue' : '' }, fmtDate(a.decide_by))],
      ]),
      el('h3', {}, t('appeal_reason')),
      el('blockquote', { class: 'appeal-reason' }, a.reason ?? '')),
    decisionPart(),
  ];
  if (r) {
    parts.push(
      el('section', { class: 'block record-part' }, el('h2', {}, t('candidate')), recordSummary(r.session || {})),
      protocolRecord(r.protocol),
      answersTable(r.answers || []),
      eventsTable(r.events),
      actsRecord(r.acts),
      practicalRecord(r.practical),
      documentsRecord(r.documents));
  }
  $('#appeal-body').replaceChildren(...parts.filter(Boolean));
}

export default {
  views: ['appeals', 'appeal'],
  roles: ['appeal'],
  strings: STRINGS,
  mount(s) {
    shell = s;
    $('#appeals-reload').addEventListener('click', loadAppeals);
    $('#appeal-back').addEventListener('click', () => { current = null; shell.show('appeals'); });
  },
  enter(view) { if (view === 'appeals') loadAppeals(); },
  render(view) { if (view === 'appeals') renderAppeals(); else renderAppeal(); },
  reset() { appeals = null; loadError = null; current = null; },
};
