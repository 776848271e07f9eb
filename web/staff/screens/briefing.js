// The safety briefings (seed 002 p.8, last part; W6): the upcoming sittings of
// the programmes that require a briefing (GET /api/programmes, GET
// /api/sessions?status=scheduled,in_progress,finished), each with its entry in
// the centre's paper journal (GET /api/sessions/ID/briefing) and a small form
// to record or correct it (PUT /api/sessions/ID/briefing-journal: date,
// instructor, journal No., page, entry No.). The practical stage, and a theory
// stage in the centre, do not start without it.
import { api } from '../../lib/api.js';
import { $, el } from '../../lib/dom.js';
import { kzToday } from '../../lib/dates.js';
import { toast } from '../../lib/ui.js';
import { session } from '../../lib/session.js';
import { fmtDate, fmtTime } from '../widgets.js';
import STRINGS, { t, has, error } from './briefing.strings.js';

const WRITERS = ['admin', 'registrar', 'commission'];
const MAX_ROWS = 50; // each row asks its entry: the nearest 50

let shell = null;
let rows = null; // [{ s, view }]
let loadError = null;
const forms = new Map(); // session id → { date, instructor, journal_no, page, entry, busy, error }

const held = () => session.me?.roles ?? [session.me?.role];
const writes = () => held().some((r) => WRITERS.includes(r));

async function load() {
  rows = null;
  loadError = null;
  render();
  try {
    const [programmes, sittings] = await Promise.all([
      api('GET', '/api/programmes'),
      api('GET', '/api/sessions?status=scheduled,in_progress,finished'),
    ]);
    const asks = new Set((programmes || []).filter((p) => p.briefing_required).map((p) => p.code));
    const mine = (Array.isArray(sittings) ? sittings : []).filter((s) => asks.has(s.programme))
      .sort((a, b) => String(a.slots?.theory?.day ?? '').localeCompare(String(b.slots?.theory?.day ?? '')) || a.id - b.id)
      .slice(0, MAX_ROWS);
    rows = await Promise.all(mine.map(async (s) => ({ s, view: await api('GET', `/api/sessions/${s.id}/briefing`) })));
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    loadError = e;
  }
  render();
}

function formOf(id, view) {
  if (!forms.has(id)) {
    const j = view?.briefing?.journal;
    forms.set(id, {
      date: j?.date ?? kzToday(), instructor: j?.instructor ?? '', journal_no: j?.journal_no ?? '',
      page: j?.page ? String(j.page) : '', entry: j?.entry ? String(j.entry) : '', busy: false, error: null,
    });
  }
  return forms.get(id);
}

async function save(id) {
  const f = forms.get(id);
  f.busy = true;
  f.error = null;
  render();
  try {
    const view = await api('PUT', `/api/sessions/${id}/briefing-journal`, {
      date: f.date, instructor: f.instructor.trim(), journal_no: f.journal_no.trim(),
      page: Number(f.page), entry: Number(f.entry),
    });
    const row = rows?.find((r) => r.s.id === id);
    if (row) row.view = view;
    forms.delete(id);
    toast(() => t('brf_saved', { id }));
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    f.busy = false;
    f.error = error(e);
  }
  render();
  document.querySelector(`#brf-body [data-session="${id}"] h2`)?.focus();
}

function field(id, f, key, type, attrs = {}) {
  const inputId = `brf-${id}-${key}`;
  return el('label', { for: inputId }, t(`brf_${key}`),
    el('input', {
      id: inputId, name: key, type, value: f[key], required: true, disabled: f.busy, ...attrs,
      oninput: (e) => { f[key] = e.target.value; },
    }));
}

function card({ s, view }) {
  const j = view?.briefing?.journal;
  const f = formOf(s.id, view);
  const statusKey = `brf_status_${s.status}`;
  const row = (k, v) => [el('dt', {}, t(k)), el('dd', {}, v)];
  const slot = (x) => (x?.day ? `${fmtDate(x.day)} ${x.starts ?? ''}–${x.ends ?? ''}${x.place ? `, ${x.place}` : ''}` : t('none'));
  return el('li', { class: 'card', 'data-session': s.id },
    el('h2', { tabindex: -1 }, t('brf_session', { id: s.id })),
    el('dl', {},
      ...row('brf_candidate', String(s.candidate_name ?? s.candidate ?? '—')),
      ...row('brf_programme', String(s.programme ?? '—')),
      ...row('brf_when', slot(s.slots?.theory)),
      ...(s.slots?.practical ? row('brf_practical', slot(s.slots.practical)) : []),
      ...row('brf_status', has(statusKey) ? t(statusKey) : String(s.status))),
    j ? el('p', { class: 'brf-recorded', 'data-recorded': 'yes' }, t('brf_recorded', {
      date: fmtDate(j.date), instructor: j.instructor, journal: j.journal_no, page: j.page, entry: j.entry,
      login: j.recorded_login || '—', time: fmtTime(j.recorded_ms),
    })) : el('p', { class: 'alert', 'data-recorded': 'no' }, t('brf_missing')),
    !j && view?.briefing?.required ? el('p', { class: 'muted' }, t('brf_needed_now')) : null,
    writes() ? el('form', {
      class: 'brf-form', 'data-session': s.id,
      onsubmit: (e) => { e.preventDefault(); if (!f.busy) save(s.id); },
    },
    field(s.id, f, 'date', 'date', { max: kzToday() }),
    field(s.id, f, 'instructor', 'text', { maxlength: 200 }),
    field(s.id, f, 'journal_no', 'text', { maxlength: 50 }),
    field(s.id, f, 'page', 'number', { min: 1, max: 10000, step: 1 }),
    field(s.id, f, 'entry', 'number', { min: 1, max: 100000, step: 1 }),
    f.error ? el('p', { class: 'error', role: 'alert' }, f.error) : null,
    el('button', { type: 'submit', class: 'primary', disabled: f.busy }, t(j ? 'brf_correct' : 'brf_save'))) : null);
}

function render() {
  const status = $('#brf-status');
  if (!status) return;
  status.classList.toggle('error', !!loadError);
  status.textContent = loadError ? error(loadError) : !rows ? t('loading') : rows.length ? '' : t('brf_empty');
  $('#brf-readonly').hidden = !session.me || writes();
  $('#brf-body').replaceChildren(el('ul', { class: 'sittings' }, ...(rows || []).map(card)));
}

function build() {
  if (!$('#screen-briefing')) {
    $('#main').append(el('section', { id: 'screen-briefing', class: 'screen', hidden: true },
      el('div', { class: 'screen-head' },
        el('h1', { id: 'briefing-title', tabindex: -1, 'data-focus': true, 'data-i18n': 'brf_title' }),
        el('button', { id: 'briefing-reload', type: 'button', 'data-i18n': 'reload' })),
      el('p', { class: 'muted', 'data-i18n': 'brf_intro' }),
      el('p', { id: 'brf-readonly', class: 'muted', 'data-i18n': 'brf_readonly', hidden: true }),
      el('p', { id: 'brf-status', class: 'queue-status', role: 'status' }),
      el('div', { id: 'brf-body' })));
  }
  if (!$('#staff-nav a[data-view="briefing"]')) {
    const link = el('a', { href: '#briefing-title', 'data-view': 'briefing', 'data-i18n': 'brf_nav' });
    const after = $('#staff-nav a[data-view="scheduling"]') ?? $('#staff-nav a[data-view="applications"]');
    if (after) after.after(link); else $('#staff-nav').append(link);
  }
}

export default {
  views: ['briefing'],
  roles: ['admin', 'registrar', 'commission', 'head'],
  strings: STRINGS,
  mount(s) {
    shell = s;
    build();
    $('#briefing-reload').addEventListener('click', load);
  },
  enter: load,
  render,
  reset() { rows = null; loadError = null; forms.clear(); },
};
