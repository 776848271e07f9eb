// Violation acts (the commission): the drafts in the queue, each confirmed or
// annulled with a reason, and the acts of a sitting in its record.
import { api } from '../../lib/api.js';
import { $, el } from '../../lib/dom.js';
import { session } from '../../lib/session.js';
import { toast } from '../../lib/ui.js';
import { eventText } from '../../lib/events.js';
import {
  fmtDate, fmtTime, overdueFirst, facts, badge, cardHead, errorLine, evidence, section,
} from '../widgets.js';
import { canAct, queue, loadQueue, renderQueue } from './queue.js';
import STRINGS, { t, has, error } from './acts.strings.js';

const annulOpen = new Map(); // act id → reason typed so far
const busy = new Set(); // "act:3" while its review is under way
const errors = new Map(); // same keys → message shown under the card

const dl = (rows) => facts(t, rows);

function actCard(a) {
  const key = `act:${a.id}`;
  const open = annulOpen.has(a.id);
  const reasonId = `annul-${a.id}`;
  const actions = [];
  if (canAct()) {
    if (!open) {
      actions.push(
        el('button', { type: 'button', class: 'primary act-confirm', disabled: busy.has(key), onclick: () => reviewAct(a, 'confirm') }, t('confirm')),
        el('button', { type: 'button', class: 'act-annul', disabled: busy.has(key), onclick: () => { annulOpen.set(a.id, ''); errors.delete(key); renderQueue(); $(`#${reasonId}`)?.focus(); } }, t('annul')));
    } else {
      const ta = el('textarea', { id: reasonId, class: 'annul-reason', rows: 2, maxlength: 2000 });
      ta.value = annulOpen.get(a.id) ?? '';
      ta.addEventListener('input', () => annulOpen.set(a.id, ta.value));
      actions.push(el('div', { class: 'annul-box' },
        el('label', { for: reasonId }, t('annul_reason')), ta,
        el('div', { class: 'row' },
          el('button', { type: 'button', class: 'danger act-annul-submit', disabled: busy.has(key), onclick: () => reviewAct(a, 'annul') }, t('annul_submit')),
          el('button', { type: 'button', class: 'link-btn', onclick: () => { annulOpen.delete(a.id); errors.delete(key); renderQueue(); } }, t('cancel')))));
    }
  }
  const said = eventText(a);  // the kind and its figures in the reader's language (never the English in kk/ru)
  return el('li', { class: `card act${a.overdue ? ' is-overdue' : ''}`, 'data-act': a.id, 'data-session': a.session },
    cardHead(t('act_heading', { id: a.id, name: a.full_name || t('session_n', { id: a.session }) }), a,
      [a.protocol_due && !a.overdue ? badge(t('due_on', { date: fmtDate(a.protocol_due) }), 'plain') : null]),
    el('div', { class: 'act-body' },
      dl([
        ['session', `№${a.session}`],
        ['kind', el('span', {}, said.label, ' ', el('code', { class: 'muted small' }, a.kind))],
        ['time', fmtTime(a.t_ms)],
        said.detail ? ['detail', said.detail] : null,
        a.strike ? ['strike', t('strike_of', { n: a.strike })] : null,
      ]),
      evidence(a.evidence, a.event)),
    errorLine(errors, key),
    actions.length ? el('div', { class: 'actions start' }, ...actions) : null);
}

async function reviewAct(a, decision) {
  const key = `act:${a.id}`;
  const reason = decision === 'annul' ? (annulOpen.get(a.id) ?? '').trim() : '';
  if (decision === 'annul' && !reason) { errors.set(key, t('reason_required')); renderQueue(); $(`#annul-${a.id}`)?.focus(); return; }
  busy.add(key);
  errors.delete(key);
  renderQueue();
  try {
    await api('POST', `/api/acts/${a.id}/review`, decision === 'annul' ? { decision, reason } : { decision });
    annulOpen.delete(a.id);
    toast(t(decision === 'confirm' ? 'act_confirmed' : 'act_annulled', { id: a.id }));
    busy.delete(key);
    await loadQueue();
    $('#acts-title').focus();
  } catch (e) {
    busy.delete(key);
    if (e.status === 401) { session.expired(); return; }
    errors.set(key, error(e));
    renderQueue();
  }
}

/** The acts of a sitting, for its record. */
export function actsRecord(acts) {
  if (!acts?.length) return section(t('acts_record_title'), el('p', { class: 'muted' }, t('acts_record_empty')));
  return section(t('acts_record_title'), el('ul', { class: 'plain-list' }, ...acts.map((a) => el('li', {},
    el('b', {}, `№${a.id} · ${eventText(a).label}`), ` · ${fmtTime(a.t_ms)} · `,
    badge(has(`act_status_${a.status}`) ? t(`act_status_${a.status}`) : a.status, a.status === 'confirmed' ? 'bad' : a.status === 'annulled' ? 'ok' : 'warn'),
    a.reviewed_by ? el('span', { class: 'muted' }, ` ${t('reviewed_by', { who: a.reviewed_by, time: fmtTime(a.reviewed_ms) })}`) : null,
    a.reason ? el('div', {}, `${t('act_reason')}: ${a.reason}`) : null,
    a.evidence ? evidence(a.evidence, a.event) : null))));
}

export default {
  views: ['queue'],
  roles: ['commission', 'admin'],
  strings: STRINGS,
  render() {
    const q = queue();
    const acts = overdueFirst(q?.acts);
    $('#acts-list').replaceChildren(...(acts.length ? acts.map(actCard) : [el('li', { class: 'empty muted' }, q ? t('acts_empty') : '')]));
  },
  reset() { annulOpen.clear(); busy.clear(); errors.clear(); },
};
