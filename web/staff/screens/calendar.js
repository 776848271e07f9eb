// The working-day calendar (admin): a year (GET /api/calendar/{year}) as a
// grid of months; a day clicked is made a public holiday, a moved day off, a
// working day (a Saturday or Sunday by decree) or an ordinary day, and the
// year is saved (PUT /api/calendar/{year} replaces its days). The days the
// centre changed are marked apart from those shipped with the server, and the
// shipped days it took out are listed. The screen draws its own view
// (section#screen-calendar).
import { api } from '../../lib/api.js';
import { $, el } from '../../lib/dom.js';
import { session } from '../../lib/session.js';
import { toast } from '../../lib/ui.js';
import { fmtDate, fmtTime } from '../widgets.js';
import STRINGS, { t, error } from './calendar.strings.js';

const KINDS = ['normal', 'holiday', 'day_off', 'working'];
const WEEKDAYS = ['cal_mon', 'cal_tue', 'cal_wed', 'cal_thu', 'cal_fri', 'cal_sat', 'cal_sun'];

let year = null;
let data = null; // the GET answer; {missing: true} when the year has no data
let loadError = null;
let picked = null; // {date, kind, note}
let saving = false;

const expired = (e) => { if (e?.status === 401) { session.expired(); return true; } return false; };
const iso = (y, m, d) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const weekday = (y, m, d) => (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // 0 = Monday
const daysIn = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const byDate = () => new Map((data?.days ?? []).map((d) => [d.date, d]));

const monthName = (m) => t(`cal_m${m}`); // not Intl: browsers without Kazakh data name months M01

async function load() {
  const y = year;
  picked = null;
  data = null;
  loadError = null;
  render();
  try {
    const got = await api('GET', `/api/calendar/${y}`);
    if (y !== year) return;
    data = got;
  } catch (e) {
    if (expired(e) || y !== year) return;
    if (e.status === 404) data = { year: y, days: [], removed: [], missing: true };
    else loadError = e;
  }
  render();
}

function kindText(k) { return t(`cal_kind_${k}`); }

function dayCell(y, m, d, days) {
  const date = iso(y, m, d);
  const row = days.get(date);
  const wd = weekday(y, m, d);
  const kind = row?.kind ?? 'normal';
  const classes = ['cal-day', `cal-${kind}`];
  if (!row && wd >= 5) classes.push('cal-weekend');
  if (row && !row.shipped) classes.push('cal-changed');
  if (picked?.date === date) classes.push('is-picked');
  const shown = row ? kindText(row.kind) : wd >= 5 ? t('cal_legend_weekend') : kindText('normal');
  return el('td', {}, el('button', {
    type: 'button', class: classes.join(' '), 'data-date': date,
    title: row?.note ? `${shown} — ${row.note}` : shown,
    'aria-label': t('cal_day_label', { date: fmtDate(date), kind: shown }),
    onclick: () => {
      picked = { date, kind, note: row?.note ?? '', shipped_kind: row?.shipped_kind ?? null };
      render();
      $('#cal-f-kind')?.focus();
    },
  }, String(d)));
}

function month(y, m, days) {
  const cells = [];
  for (let i = 0; i < weekday(y, m, 1); i++) cells.push(el('td', {}));
  for (let d = 1; d <= daysIn(y, m); d++) cells.push(dayCell(y, m, d, days));
  while (cells.length % 7) cells.push(el('td', {}));
  const rows = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(el('tr', {}, ...cells.slice(i, i + 7)));
  return el('table', { class: 'cal-month' },
    el('caption', {}, monthName(m)),
    el('thead', {}, el('tr', {}, ...WEEKDAYS.map((k) => el('th', { scope: 'col' }, t(k))))),
    el('tbody', {}, ...rows));
}

async function save(ev) {
  ev.preventDefault();
  if (saving) return;
  const y = year;
  const days = (data?.days ?? []).filter((d) => d.date !== picked.date).map((d) => ({ date: d.date, kind: d.kind, note: d.note ?? '' }));
  if (picked.kind !== 'normal') days.push({ date: picked.date, kind: picked.kind, note: picked.note.trim() });
  days.sort((a, b) => a.date.localeCompare(b.date));
  const source = data?.source || 'entered by the centre';
  saving = true;
  try {
    data = await api('PUT', `/api/calendar/${y}`, { source, days });
    picked = null;
    toast(t('cal_saved', { year: y }), 'ok');
  } catch (e) {
    if (expired(e)) return;
    toast(error(e), 'error');
  } finally {
    saving = false;
  }
  render();
}

function editor() {
  if (!picked) return null;
  return el('form', { class: 'card cal-editor', novalidate: true, onsubmit: save },
    el('h2', {}, t('cal_edit_title', { date: fmtDate(picked.date) })),
    picked.shipped_kind && picked.shipped_kind !== picked.kind
      ? el('p', { class: 'muted' }, t('cal_was_shipped', { kind: kindText(picked.shipped_kind) })) : null,
    el('label', { class: 'field' }, el('span', {}, t('cal_f_kind')),
      el('select', { id: 'cal-f-kind', onchange: (e) => { picked.kind = e.target.value; } },
        ...KINDS.map((k) => el('option', { value: k, selected: k === picked.kind }, kindText(k))))),
    el('label', { class: 'field' }, el('span', {}, t('cal_f_note')),
      el('input', { type: 'text', id: 'cal-f-note', maxlength: 200, value: picked.note, oninput: (e) => { picked.note = e.target.value; } })),
    el('div', { class: 'row' },
      el('button', { type: 'submit', id: 'cal-save', class: 'primary' }, t('cal_save')),
      el('button', { type: 'button', onclick: () => { picked = null; render(); } }, t('cal_cancel'))));
}

function legend() {
  const item = (cls, key) => el('li', {}, el('span', { class: `cal-swatch ${cls}` }), ` ${t(key)}`);
  return el('ul', { class: 'cal-legend' },
    item('cal-holiday', 'cal_legend_holiday'), item('cal-day_off', 'cal_legend_day_off'),
    item('cal-working', 'cal_legend_working'), item('cal-weekend', 'cal_legend_weekend'),
    item('cal-changed', 'cal_legend_changed'));
}

function render() {
  const status = $('#cal-status');
  if (!status) return;
  $('#cal-year-label').textContent = String(year ?? '');
  status.textContent = loadError ? error(loadError) : data === null ? t('cal_loading')
    : data.missing ? t('cal_missing', { year }) : '';
  const info = [];
  if (data && !data.missing) {
    // the source is the server's data (a citation in English): a tooltip, not the page's words
    info.push(el('p', { class: 'muted small', id: 'cal-origin', title: data.source ?? '' }, data.updated_by == null ? t('cal_shipped_note')
      : t('cal_changed_note', { date: fmtTime(data.updated_ms) })));
  }
  $('#cal-info').replaceChildren(...info);
  $('#cal-editor').replaceChildren(...[editor()].filter(Boolean));
  if (!data || loadError) { $('#cal-grid').replaceChildren(); $('#cal-removed').replaceChildren(); return; }
  const days = byDate();
  $('#cal-grid').replaceChildren(legend(), el('div', { class: 'cal-months' },
    ...Array.from({ length: 12 }, (_, i) => month(year, i + 1, days))));
  const removed = data.removed ?? [];
  $('#cal-removed').replaceChildren(...(removed.length ? [el('h2', {}, t('cal_removed')), el('ul', { class: 'plain-list' },
    ...removed.map((d) => el('li', {}, `${fmtDate(d.date)} — ${kindText(d.kind)}${d.note ? ` (${d.note})` : ''}`)))] : []));
}

function mountView() {
  const nav = $('#staff-nav');
  if (nav && !nav.querySelector('[data-view=calendar]')) {
    nav.append(el('a', { href: '#', 'data-view': 'calendar', 'data-i18n': 'cal_nav' }, 'Holiday calendar'));
  }
  $('#main').append(el('section', { id: 'screen-calendar', class: 'screen wide', hidden: true },
    el('div', { class: 'screen-head' },
      el('h1', { tabindex: '-1', 'data-focus': true, 'data-i18n': 'cal_title' }, 'Working-day calendar'),
      el('div', { class: 'row cal-years' },
        el('button', { type: 'button', id: 'cal-prev', 'data-i18n-label': 'cal_prev' }, '←'),
        el('span', { class: 'cal-year', id: 'cal-year-label' }),
        el('button', { type: 'button', id: 'cal-next', 'data-i18n-label': 'cal_next' }, '→'))),
    el('p', { class: 'muted', 'data-i18n': 'cal_intro' }),
    el('p', { id: 'cal-status', role: 'status' }),
    el('div', { id: 'cal-info' }),
    el('div', { id: 'cal-editor' }),
    el('div', { id: 'cal-grid' }),
    el('div', { id: 'cal-removed' })));
}

const thisYear = () => Number(new Date(Date.now() + 5 * 3600 * 1000).toISOString().slice(0, 4)); // Kazakhstan, UTC+5

export default {
  views: ['calendar'],
  roles: ['admin'],
  strings: STRINGS,
  mount() {
    mountView();
    $('#cal-prev').addEventListener('click', () => { if (year > 2000) { year -= 1; load(); } });
    $('#cal-next').addEventListener('click', () => { if (year < 2099) { year += 1; load(); } });
  },
  enter() { if (year === null) year = thisYear(); load(); },
  render,
  reset() { year = data = loadError = picked = null; },
};
