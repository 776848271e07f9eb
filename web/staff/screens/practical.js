// The practical stage (the commission): each member marks every item of a
// sitting's checklist done or not done; the server answers with the outcome.
// Also the practical part of a sitting's record.
import { api } from '../../lib/api.js';
import { $, el } from '../../lib/dom.js';
import { getLang } from '../../lib/i18n.js';
import { session } from '../../lib/session.js';
import { toast } from '../../lib/ui.js';
import {
  fmtDate, theoryText, overdueFirst, facts, badge, cardHead, errorLine, section,
} from '../widgets.js';
import { canAct, queue, loadQueue, renderQueue } from './queue.js';
import STRINGS, { t, has, error } from './practical.strings.js';

const outcomes = new Map(); // session → { entry, outcome }: this member's last save
const marksDraft = new Map(); // session → Map(item → { done: true|false|null, note })
const busy = new Set(); // "practical:5" while its marks are being saved
const errors = new Map(); // same keys → message shown under the card

const dl = (rows) => facts(t, rows);

/** A sitting's protocol is signed: its marks and outcome are history. */
export function forget(id) {
  outcomes.delete(id);
  marksDraft.delete(id);
}

/** The card item's text in the page's language, else the other one. */
function itemText(text) {
  if (typeof text === 'string') return text;
  const lang = getLang();
  const order = lang === 'kk' ? ['kk', 'ru'] : ['ru', 'kk'];
  for (const l of order) if (text?.[l]) return text[l];
  return '';
}

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
      const mine = marks.find((x) => x.item === item.id && x.member === session.me?.login);
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
    el('p', { class: 'outcome-verdict' }, `${t('outcome')}: ${t(verdict)}`),
    el('ul', { class: 'outcome-items' }, ...(outcome.items || []).map((i) =>
      el('li', { class: `r-${i.result}` }, `${textOf(i.id)} — ${has(`result_${i.result}`) ? t(`result_${i.result}`) : i.result}`))),
    outcome.failed_mandatory?.length ? el('p', { class: 'error' }, t('failed_mandatory', { list: outcome.failed_mandatory.map(textOf).join('; ') })) : null,
    outcome.failed_optional?.length ? el('p', {}, t('failed_optional', { list: outcome.failed_optional.map(textOf).join('; ') })) : null);
}

function practicalCard(entry) {
  const key = `practical:${entry.session}`;
  const { card } = practicalOf(entry);
  const draft = draftOf(entry);
  const items = card.map((item) => {
    const d = draft.get(item.id) ?? { done: null, note: '' };
    const name = `pr-${entry.session}-${item.id}`;
    const legendId = `${name}-text`;
    const radio = (value) => {
      const input = el('input', { type: 'radio', name, value: String(value), disabled: !canAct() });
      input.checked = d.done === value;
      input.addEventListener('change', () => { d.done = value; draft.set(item.id, d); });
      return el('label', { class: `choice ${value ? 'yes' : 'no'}` }, input, el('span', {}, t(value ? 'item_done' : 'item_not_done')));
    };
    const note = el('input', { type: 'text', class: 'item-note', id: `${name}-note`, maxlength: 2000, disabled: !canAct(), 'aria-describedby': legendId });
    note.value = d.note;
    note.addEventListener('input', () => { d.note = note.value; draft.set(item.id, d); });
    return el('li', { class: 'check-item', 'data-item': item.id },
      el('fieldset', {},
        el('legend', { id: legendId, class: 'item-text' }, itemText(item.text),
          item.mandatory ? el('span', { class: 'badge warn' }, t('mandatory')) : null),
        el('div', { class: 'choices' }, radio(true), radio(false)),
        el('label', { class: 'note-label', for: `${name}-note` }, t('note')), note));
  });
  const known = outcomes.get(entry.session)?.outcome ?? null;
  return el('li', { class: `card practical${entry.overdue ? ' is-overdue' : ''}`, 'data-session': entry.session },
    cardHead(t('practical_heading', { name: entry.full_name || t('session_n', { id: entry.session }), profession: entry.profession ?? entry.programme }), entry,
      [entry.protocol_due && !entry.overdue ? badge(t('due_on', { date: fmtDate(entry.protocol_due) }), 'plain') : null]),
    dl([
      ['theory', theoryText(entry)],
      ['programme', `${entry.programme ?? ''} · ${t('session_n', { id: entry.session })}`],
    ]),
    el('ol', { class: 'checklist' }, ...items),
    canAct() ? el('p', { class: 'muted small' }, t('my_marks')) : null,
    errorLine(errors, key),
    canAct() ? el('div', { class: 'actions start' },
      el('button', { type: 'button', class: 'primary save-marks', disabled: busy.has(key), onclick: () => saveMarks(entry) }, t('save_marks'))) : null,
    outcomeBox(known, card));
}

async function saveMarks(entry) {
  const key = `practical:${entry.session}`;
  const draft = draftOf(entry);
  const items = [];
  for (const [id, d] of draft) if (d.done !== null) items.push({ id, done: d.done, note: d.note.trim() });
  if (!items.length) { errors.set(key, t('nothing_marked')); renderQueue(); return; }
  busy.add(key);
  errors.delete(key);
  renderQueue();
  try {
    const outcome = await api('POST', `/api/sessions/${entry.session}/practical`, { items });
    outcomes.set(entry.session, { entry, outcome });
    toast(t('marks_saved', { id: entry.session }));
    busy.delete(key);
    await loadQueue();
    document.querySelector(`#practical-list [data-session="${entry.session}"] .outcome`)?.scrollIntoView({ block: 'nearest' });
  } catch (e) {
    busy.delete(key);
    if (e.status === 401) { session.expired(); return; }
    errors.set(key, error(e));
    renderQueue();
  }
}

/** The practical stage of a sitting, for its record: every item, its result and each member's mark. */
export function practicalRecord(pr) {
  if (!pr || !pr.card?.length) return section(t('practical_record_title'), el('p', { class: 'muted' }, t('no_card')));
  if (!pr.admitted) return section(t('practical_record_title'), el('p', { class: 'muted' }, t('not_admitted')));
  const result = new Map((pr.outcome?.items || []).map((i) => [i.id, i.result]));
  return section(t('practical_record_title'), el('div', { class: 'table-wrap' },
    el('table', { class: 'practical-table' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col' }, t('col_item')), el('th', { scope: 'col' }, t('col_result')), el('th', { scope: 'col' }, t('col_marks')))),
      el('tbody', {}, ...pr.card.map((item) => {
        const r = result.get(item.id) ?? 'unscored';
        const marks = (pr.marks || []).filter((m) => m.item === item.id);
        return el('tr', {},
          el('td', {}, itemText(item.text), item.mandatory ? el('span', { class: 'badge warn' }, t('mandatory')) : null),
          el('td', { class: `r-${r}` }, t(`result_${r}`)),
          el('td', {}, ...(marks.length ? marks.map((m) => el('div', {},
            `${m.member}: ${t(m.done ? 'result_done' : 'result_not_done')}${m.note ? ` — ${m.note}` : ''}`)) : [t('none')])));
      })))),
    outcomeBox(pr.outcome, pr.card));
}

export default {
  views: ['queue'],
  roles: ['commission', 'admin'],
  strings: STRINGS,
  render() {
    const q = queue();
    // Sittings scored from this page stay in view with their outcome until the protocol is signed.
    const practical = overdueFirst(q?.practical);
    const listed = new Set(practical.map((p) => p.session));
    for (const p of q?.protocols || []) {
      if (!listed.has(p.session) && outcomes.has(p.session) && outcomes.get(p.session).entry) {
        practical.push(outcomes.get(p.session).entry);
        listed.add(p.session);
      }
    }
    $('#practical-list').replaceChildren(...(practical.length ? practical.map(practicalCard)
      : [el('li', { class: 'empty muted' }, q ? t('practical_empty') : '')]));
  },
  reset() { outcomes.clear(); marksDraft.clear(); busy.clear(); errors.clear(); },
};
