// Before the start of a sitting (seed 002 p.8, p.12; W6): the screen that shows,
// in the sitting's language, the programme's methodology, the complaint and
// appeal rules with their deadlines and the items not allowed during the exam,
// each with a checkbox; the acknowledgements are sent (POST
// /api/sessions/ID/acknowledgements) and only then does the start go on. Where
// the centre must first record the safety briefing (an offline theory), it
// says so and the start waits. A sitting that asks nothing goes on at once.
import { api } from '../lib/api.js';
import { $, el, showScreen } from '../lib/dom.js';
import { dmyTime } from '../lib/dates.js';
import { onLangChange } from '../lib/i18n.js';
import { bt, berr } from './briefing.strings.js';

let current = null; // { id, data, checked: Set, busy, error, done(ok) }

const needed = (d) => Array.isArray(d?.items) && d.items.length > 0;

function screen() {
  let s = $('#screen-briefing');
  if (!s) {
    s = el('section', { id: 'screen-briefing', class: 'screen narrow', hidden: true });
    $('#main').append(s);
  }
  return s;
}

function itemPart(it, lang) {
  const id = `bf-${it.item}`;
  const done = Number.isFinite(it.acknowledged_ms);
  const text = it.item === 'prohibited_items' && Array.isArray(it.list)
    ? [el('p', { class: 'bf-text' }, String(it.text).split('\n')[0]),
      el('ul', { class: 'bf-list' }, ...it.list.map((x) => el('li', { 'data-code': x.code }, x.name))),
      it.allowed?.length ? el('p', { class: 'bf-allowed' }, `${bt('bf_allowed')} ${it.allowed.map((x) => x.name).join(', ')}`) : null]
    : [el('p', { class: 'bf-text' }, String(it.text ?? ''))];
  const box = el('input', {
    type: 'checkbox', id: `${id}-ack`, 'data-item': it.item, checked: done || current.checked.has(it.item), disabled: done || current.busy,
    onchange: (e) => {
      if (e.target.checked) current.checked.add(it.item); else current.checked.delete(it.item);
      render();
    },
  });
  return el('article', { class: `bf-item card${done ? ' done' : ''}`, 'data-item': it.item, 'aria-labelledby': `${id}-title` },
    el('h2', { id: `${id}-title` }, bt(`bf_item_${it.item}`)),
    el('div', { lang }, ...text),
    el('label', { class: 'bf-ack' }, box, ' ', bt('bf_ack')),
    done ? el('p', { class: 'muted' }, bt('bf_acked_at', { time: dmyTime(it.acknowledged_ms) })) : null);
}

function render() {
  if (!current) return;
  const d = current.data;
  const open = d.items.filter((i) => !Number.isFinite(i.acknowledged_ms));
  const ready = open.every((i) => current.checked.has(i.item));
  const waitsBriefing = !!d.briefing?.missing;
  screen().replaceChildren(...[
    el('h1', { tabindex: -1, 'data-focus': true }, bt('bf_title')),
    el('p', {}, bt('bf_intro')),
    el('p', { class: 'muted' }, bt('bf_text_lang')),
    ...d.items.map((it) => itemPart(it, d.lang)),
    waitsBriefing ? el('p', { class: 'alert', 'data-gate': 'briefing' }, bt('bf_briefing_missing')) : null,
    current.error ? el('p', { class: 'alert', role: 'alert', id: 'bf-error' }, current.error) : null,
    !ready ? el('p', { class: 'muted', id: 'bf-hint' }, bt('bf_all_first')) : null,
    el('div', { class: 'card-actions' },
      el('button', { type: 'button', id: 'bf-back', onclick: () => finish(false) }, bt('bf_back')),
      el('button', {
        type: 'button', id: 'bf-continue', class: 'primary', disabled: !ready || current.busy || (waitsBriefing && !open.length),
        onclick: send,
      }, current.busy ? bt('bf_sending') : bt('bf_continue'))),
  ].filter(Boolean));
}

async function send() {
  const c = current;
  const items = c.data.items.filter((i) => !Number.isFinite(i.acknowledged_ms) && c.checked.has(i.item)).map((i) => i.item);
  c.busy = true;
  c.error = null;
  render();
  try {
    if (items.length) c.data = await api('POST', `/api/sessions/${encodeURIComponent(c.id)}/acknowledgements`, { items });
    if (current !== c) return;
    c.busy = false;
    if (c.data.start_allowed) { finish(true); return; }
  } catch (e) {
    if (current !== c) return;
    c.busy = false;
    if (e.status === 401) { finish(null); c.expired?.(); return; }
    c.error = berr(e);
  }
  render();
}

function finish(ok) {
  const c = current;
  current = null;
  c?.done(ok);
}

onLangChange(() => { if (current) render(); });

/**
 * Before the start of sitting `id`: resolves true when it may go on (nothing
 * asked, all acknowledged, or an older server without the route), false when
 * the candidate goes back, null when the page moved on (a sign-out, an ended sign-in). `hooks.go(name)` shows a screen of the page;
 * `hooks.expired()` a sign-in that ended.
 */
export async function briefingGate(id, hooks) {
  let data;
  try {
    data = await api('GET', `/api/sessions/${encodeURIComponent(id)}/briefing`);
  } catch (e) {
    if (e.status === 401) { hooks.expired(); return null; }
    return true; // not there (an older server) or unreadable: the start says why, if anything
  }
  if (!needed(data) && !data?.briefing?.missing) return true;
  if (data.start_allowed) return true;
  screen();
  return new Promise((resolve) => {
    current = { id, data, checked: new Set(), busy: false, error: null, done: resolve, expired: hooks.expired };
    render();
    (hooks.go ?? showScreen)('briefing');
  });
}

/** A sign-out or another screen: the gate is left, nothing follows it. */
export function closeBriefing() { finish(null); }
