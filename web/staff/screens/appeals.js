// Appeals (the appeal commission): the appeals assigned, and for one of them
// the whole record of its sitting (answers, proctoring events, acts, practical
// stage, protocol, documents) with the member's vote on what the appeal
// commission upholds: the result recognised, annulled, or the appeal rejected;
// the votes so far and the quorum's state; a dialog says what the vote does.
import { api } from '../../lib/api.js';
import { $, el, openDialog, closeDialog } from '../../lib/dom.js';
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
let current = null; // { id, appeal, record, error, decision: { outcome, reasons, error, busy }, onlyWrong }
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
  const key = a.outcome ? `status_${a.outcome}` : `status_${a.status}`;
  return badge(has(key) ? t(key) : a.status, kind);
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
  current = { id: a.id, appeal: a, record: null, error: null, decision: { outcome: null, reasons: '', error: '', busy: false } };
  api('GET', `/api/appeals/${a.id}`).then((full) => { if (current?.id === a.id) { current.appeal = { ...current.appeal, ...full }; renderAppeal(); } }, () => {});
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

// ---- the vote (p.22, W4): what the appeal commission upholds, by its quorum --------

const OUTCOMES = ['recognised', 'annulled', 'rejected'];
const needsReasons = (o) => o === 'recognised' || o === 'annulled';
const outcomeOf = (a) => a.outcome || (a.status === 'upheld' ? 'recognised' : a.status === 'rejected' ? 'rejected' : null);
const ruleText = (rule) => (has(`rule_${rule}`) ? t(`rule_${rule}`) : String(rule ?? ''));

function votesPart(a) {
  const votes = Array.isArray(a.votes) ? a.votes : [];
  const q = a.quorum?.state;
  const lines = [];
  if (a.quorum) lines.push(el('p', { class: 'quorum-rule' }, t('quorum_rule', { rule: ruleText(a.quorum.rule) })));
  if (q && a.status === 'registered') {
    lines.push(el('p', { class: `quorum-state ${q.reached ? 'reached' : 'open'}` },
      t('quorum_line', { have: q.have ?? 0, needed: q.needed ?? 0 }),
      q.chair_needed ? ` ${t(q.chair_voted ? 'quorum_chair_given' : 'quorum_chair_needed')}` : ''));
    if (q.tied) lines.push(el('p', { class: 'error quorum-tied' }, t('quorum_tied')));
    const missing = (q.missing || []).map((m) => m.login || `#${m.user}`);
    if (missing.length) lines.push(el('p', { class: 'muted quorum-missing' }, t('quorum_missing', { names: missing.join(', ') })));
  }
  return el('section', { class: 'block votes-box', 'aria-labelledby': 'votes-title' },
    el('h3', { id: 'votes-title' }, t('votes_title')),
    ...lines,
    votes.length
      ? el('ul', { class: 'votes' }, ...votes.map((v) => el('li', { class: `vote vote-${v.outcome}`, 'data-member': v.member },
        el('b', {}, v.login || `#${v.member}`), ': ', t(`vote_${v.outcome}`),
        v.reasons ? el('span', { class: 'muted' }, ` — ${v.reasons}`) : null,
        v.voted_ms ? el('span', { class: 'muted small' }, ` (${fmtTime(v.voted_ms)})`) : null)))
      : el('p', { class: 'muted' }, t('votes_none')));
}

function decidedPart(a) {
  const o = outcomeOf(a);
  return el('section', { class: 'block decision-box', 'aria-labelledby': 'decision-title' },
    el('h2', { id: 'decision-title', tabindex: -1 }, t('decision_title')),
    el('p', { class: `verdict ${o === 'rejected' ? 'fail' : 'pass'} outcome-${o}`, 'data-outcome': o }, t(`decided_${o}`)),
    a.reasons || a.note ? dl([['decided_reasons', el('span', { class: 'decision-reasons' }, a.reasons || a.note)]]) : null,
    a.decided_ms ? el('p', { class: 'muted' }, t('decided_on', { time: fmtTime(a.decided_ms) })) : null,
    a.minutes_sha256 ? el('p', { class: 'muted small minutes' }, t('minutes', { date: fmtDate(a.minutes_date), sha: a.minutes_sha256 })) : null,
    a.document ? documentBox(a.document) : null,
    votesPart(a));
}

function decisionPart() {
  const a = current.appeal;
  if (a.status !== 'registered') return decidedPart(a);
  const me = session.me;
  const roles = me ? me.roles ?? [me.role] : [];
  const assigned = roles.includes('appeal') && (a.members || []).includes(me.user);
  const d = current.decision;
  const mine = (a.votes || []).find((v) => v.member === me?.user);
  if (d.outcome === null && mine) { d.outcome = mine.outcome; d.reasons = mine.reasons || ''; }
  const parts = [el('h2', { id: 'decision-title', tabindex: -1 }, t('decision_title')), votesPart(a)];
  if (!assigned) {
    return el('section', { class: 'block decision-box', 'aria-labelledby': 'decision-title' }, ...parts);
  }
  const radio = (value) => {
    const input = el('input', { type: 'radio', name: 'outcome', value, 'aria-describedby': `outcome-${value}-hint` });
    input.checked = d.outcome === value;
    input.addEventListener('change', () => { d.outcome = value; d.error = ''; renderAppeal(); $(`.decision-form input[value="${value}"]`)?.focus(); });
    return el('label', { class: `choice outcome ${value}` }, input,
      el('span', {}, el('b', {}, t(`outcome_${value}`)), el('br'),
        el('span', { id: `outcome-${value}-hint`, class: 'muted small' }, t(`outcome_${value}_hint`))));
  };
  const reasons = el('textarea', { id: 'decision-reasons', rows: 4, maxlength: 4000, 'aria-describedby': 'decision-reasons-hint decision-error',
    'aria-required': needsReasons(d.outcome) ? 'true' : null });
  reasons.value = d.reasons;
  reasons.addEventListener('input', () => { d.reasons = reasons.value; });
  const form = el('form', { class: 'decision-form', novalidate: true },
    mine ? el('p', { class: 'strong your-vote' }, t('your_vote', { outcome: t(`vote_${mine.outcome}`) })) : null,
    el('fieldset', {}, el('legend', {}, t('outcome_legend')),
      el('div', { class: 'choices column' }, ...OUTCOMES.map(radio))),
    el('label', { for: 'decision-reasons' }, t(needsReasons(d.outcome) ? 'reasons_label_required' : 'reasons_label')),
    el('p', { id: 'decision-reasons-hint', class: 'muted small' }, t('reasons_hint')),
    reasons,
    el('p', { id: 'decision-error', class: 'error', role: 'alert' }, d.error),
    el('div', { class: 'actions start' }, el('button', { type: 'submit', class: 'primary decide', disabled: d.busy }, t(mine ? 'vote_change' : 'vote'))));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); askConfirm(); });
  return el('section', { class: 'block decision-box', 'aria-labelledby': 'decision-title' }, ...parts, form);
}

/** The confirmation, built once; it says what the vote will do. */
function confirmDialog() {
  let dlg = $('#vote-dialog');
  if (dlg) return dlg;
  dlg = el('dialog', { id: 'vote-dialog', class: 'sign-dialog', 'aria-labelledby': 'vote-dialog-title', 'aria-describedby': 'vote-dialog-what vote-dialog-quorum' },
    el('form', { id: 'vote-dialog-form', novalidate: true },
      el('h2', { id: 'vote-dialog-title' }),
      el('p', { id: 'vote-dialog-choice', class: 'strong' }),
      el('p', { id: 'vote-dialog-what' }),
      el('p', { id: 'vote-dialog-quorum', class: 'muted' }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', id: 'vote-dialog-cancel', onclick: () => closeDialog(dlg) }),
        el('button', { type: 'submit', id: 'vote-dialog-confirm', class: 'danger' }))));
  document.body.append(dlg);
  $('#vote-dialog-form').addEventListener('submit', (ev) => { ev.preventDefault(); closeDialog(dlg); castVote(); });
  return dlg;
}

function askConfirm() {
  const d = current.decision;
  if (!d.outcome) { d.error = t('choose_outcome'); renderAppeal(); $('.decision-form input[name="outcome"]')?.focus(); return; }
  if (needsReasons(d.outcome) && !d.reasons.trim()) { d.error = t('reasons_missing'); renderAppeal(); $('#decision-reasons')?.focus(); return; }
  d.error = '';
  renderAppeal();
  const dlg = confirmDialog();
  $('#vote-dialog-title').textContent = t('confirm_title');
  $('#vote-dialog-choice').textContent = t(`outcome_${d.outcome}`);
  $('#vote-dialog-what').textContent = t(`confirm_${d.outcome}`);
  const rule = current.appeal.quorum?.rule;
  $('#vote-dialog-quorum').textContent = rule === 'first_vote' ? t('confirm_first_vote') : t('confirm_quorum', { rule: ruleText(rule) });
  $('#vote-dialog-cancel').textContent = t('vote_cancel');
  $('#vote-dialog-confirm').textContent = t('confirm_yes');
  openDialog(dlg);
  $('#vote-dialog-confirm').focus();
}

async function castVote() {
  const d = current.decision;
  d.busy = true;
  renderAppeal();
  const id = current.id;
  try {
    const body = { outcome: d.outcome, reasons: d.reasons.trim() };
    const r = await api('POST', `/api/appeals/${id}/decision`, body);
    if (current?.id !== id) return;
    Object.assign(current.appeal, { status: r.status, outcome: r.outcome, document: r.document, votes: r.votes, quorum: r.quorum });
    try { current.appeal = { ...current.appeal, ...(await api('GET', `/api/appeals/${id}`)) }; } catch { /* the local copy stands */ }
    if (r.decided) {
      try { current.record = await api('GET', `/api/sessions/${current.appeal.session}/record`); } catch { /* keep */ }
      toast(t(`decided_${r.outcome}`));
    } else {
      toast(t('vote_recorded'));
    }
    current.decision = { outcome: null, reasons: '', error: '', busy: false };
    appeals = null; // stale: reloaded on the way back
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    d.error = error(e);
  } finally {
    if (current?.decision) current.decision.busy = false;
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
