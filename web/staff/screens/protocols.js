// Protocols (the commission): the sittings whose protocol is due, signed when
// ready (every act reviewed, the checklist complete); the ones signed from this
// page stay in view with their decision and document. Also the protocol part
// of a sitting's record.
import { api } from '../../lib/api.js';
import { $, el } from '../../lib/dom.js';
import { session } from '../../lib/session.js';
import { toast } from '../../lib/ui.js';
import {
  fmtDate, fmtTime, theoryText, overdueFirst, facts, badge, cardHead, errorLine, section,
} from '../widgets.js';
import { canAct, queue, loadQueue, renderQueue } from './queue.js';
import { forget } from './practical.js';
import { documentBox } from './documents.js';
import STRINGS, { t, has, error } from './protocols.strings.js';

const signed = new Map(); // session → { entry, protocol }: protocols signed from this page
const busy = new Set(); // "sign:5" while it is being signed
const errors = new Map(); // same keys → message shown under the card

const dl = (rows) => facts(t, rows);

function protocolCard(p) {
  const key = `sign:${p.session}`;
  const inPractical = (queue()?.practical || []).some((x) => x.session === p.session);
  const waits = [];
  if (p.draft_acts > 0) waits.push(t('wait_acts', { n: p.draft_acts }));
  if (inPractical || (!p.ready && !(p.draft_acts > 0))) waits.push(t('wait_practical'));
  return el('li', { class: `card protocol${p.overdue ? ' is-overdue' : ''}`, 'data-session': p.session },
    cardHead(`${p.full_name || t('candidate_n', { id: p.candidate ?? '?' })}: ${p.profession ?? ''}`, p,
      [p.ready ? badge(t('ready'), 'ok') : badge(t('not_ready'), 'plain')]),
    dl([
      ['programme', `${p.programme ?? ''} · ${t('session_n', { id: p.session })}`],
      ['theory', theoryText(p)],
      p.status === 'terminated' ? ['sitting_status', t('terminated_note')] : null,
      ['protocol_due', el('span', { class: p.overdue ? 'due-overdue' : '' }, fmtDate(p.protocol_due))],
      !p.ready && waits.length ? ['not_ready', waits.join('; ')] : null,
    ]),
    errorLine(errors, key),
    canAct() ? el('div', { class: 'actions start' },
      el('button', { type: 'button', class: 'primary sign', disabled: !p.ready || busy.has(key), onclick: () => signProtocol(p) }, t('sign'))) : null);
}

async function signProtocol(p) {
  const key = `sign:${p.session}`;
  busy.add(key);
  errors.delete(key);
  renderQueue();
  try {
    const protocol = await api('POST', `/api/sessions/${p.session}/protocol`, {});
    signed.set(p.session, { entry: p, protocol });
    forget(p.session);
    toast(t(protocol.binding === false ? 'protocol_signature_toast' : 'protocol_signed_toast', { id: p.session }));
    busy.delete(key);
    await loadQueue();
    $('#signed-title').focus();
  } catch (e) {
    busy.delete(key);
    if (e.status === 401) { session.expired(); return; }
    errors.set(key, error(e));
    renderQueue();
  }
}

/** W4: a protocol binds once its commission's quorum has signed; until then nothing follows from it. */
function quorumFacts(pr) {
  if (pr.binding !== false) return null;
  const q = pr.quorum || {};
  return el('p', { class: 'alert awaiting-quorum' }, t('awaiting_quorum', {
    have: q.have ?? (pr.signatures || []).length, needed: q.needed ?? '?',
    missing: (q.missing || []).join(', ') || t('none'),
  }));
}

function protocolFacts(pr) {
  if (pr.binding === false) {
    return dl([
      pr.reasons?.length ? ['reasons', pr.reasons.map((r) => (has(`reason_${r}`) ? t(`reason_${r}`) : r)).join('; ')] : null,
      pr.due ? ['protocol_due', fmtDate(pr.due)] : null,
      ['signatures', (pr.signatures || []).map((s) => `${s.member} (${fmtTime(s.signed_ms)})`).join(', ') || t('none')],
    ]);
  }
  return dl([
    ['results_date', fmtDate(pr.results_date)],
    pr.reasons?.length ? ['reasons', pr.reasons.map((r) => (has(`reason_${r}`) ? t(`reason_${r}`) : r)).join('; ')] : null,
    ['appeal_until', fmtDate(pr.appeal_until)],
    pr.document_due ? ['document_due', fmtDate(pr.document_due)] : null,
    pr.notice_due ? ['notice_due', fmtDate(pr.notice_due)] : null,
    pr.due ? ['protocol_due', fmtDate(pr.due)] : null,
    ['signatures', (pr.signatures || []).map((s) => `${s.member} (${fmtTime(s.signed_ms)})`).join(', ') || t('none')],
  ]);
}

function verdict(pr) {
  const ok = pr.decision === 'passed';
  return el('p', { class: `verdict ${ok ? 'pass' : 'fail'}` }, t(ok ? 'decision_passed' : 'decision_not_passed'));
}

function signedCard({ entry, protocol: pr }) {
  return el('li', { class: 'card signed', 'data-session': entry.session },
    el('div', { class: 'card-head' },
      el('h3', {}, `${entry.full_name || t('session_n', { id: entry.session })}: ${entry.profession ?? ''}`)),
    el('p', { class: 'muted small' }, `${entry.programme ?? ''} · ${t('session_n', { id: entry.session })} · ${t('theory')}: ${theoryText(entry)}`),
    verdict(pr),
    quorumFacts(pr),
    protocolFacts(pr),
    pr.document ? documentBox(pr.document) : null);
}

/** The protocol of a sitting, for its record (or that there is none yet). */
export function protocolRecord(pr) {
  return section(t('protocol_title'), ...(pr ? [verdict(pr), quorumFacts(pr), protocolFacts(pr)] : [el('p', { class: 'muted' }, t('no_protocol'))]));
}

export default {
  views: ['queue'],
  roles: ['commission', 'admin'],
  strings: STRINGS,
  render() {
    const signedItems = [...signed.values()];
    $('#signed-box').hidden = signedItems.length === 0;
    $('#signed-list').replaceChildren(...signedItems.map(signedCard));
    const q = queue();
    const protocols = overdueFirst(q?.protocols);
    $('#protocols-list').replaceChildren(...(protocols.length ? protocols.map(protocolCard)
      : [el('li', { class: 'empty muted' }, q ? t('protocols_empty') : '')]));
  },
  reset() { signed.clear(); busy.clear(); errors.clear(); },
};
