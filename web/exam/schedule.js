// The candidate's side of the scheduling (seed 002 p.6, p.7, p.11; W2, W3),
// drawn into the exam card of main.js: each stage's slot (day, time, place or
// link); the start window (the Start button only inside it, else the time it
// opens); "I am ill" (p.7): the report with its period, then the copy of the
// sick-leave sheet (number, issuer, dates, the file as the body of POST
// .../sick-leave/sheet), its term and its status; and why a cancelled, voided
// or missed sitting is closed, with its new date when one is set. Also the
// words of the exam socket's refusals (exam.js).
import { api, auth, ApiError } from '../lib/api.js';
import { el } from '../lib/dom.js';
import { dmy, dmyTime, kzToday } from '../lib/dates.js';
import { st, serr } from './schedule.strings.js';
import { bt } from './briefing.strings.js';

const MAX_SHEET = 10 * 1024 * 1024;
const FORMATS = 'PDF, JPEG, PNG';
const CLOSED = ['cancelled', 'voided', 'no_show'];
const HOUR = 3600 * 1000;
const forms = new Map(); // session id → the illness form's state (what is typed is kept across redraws)

const openLeave = (s) => !!s.sick_leave && ['reported', 'proved'].includes(s.sick_leave.status);
const fmt = (ms) => dmyTime(ms, true, '—');

/** The rows [key, value] of the card for each stage's slot. */
export function slotRows(s) {
  const out = [];
  for (const stage of ['theory', 'practical']) {
    const x = s.slots?.[stage];
    if (!x?.day) continue;
    const online = s.mode !== 'offline';
    const where = online && x.link
      ? el('span', {}, el('a', { href: x.link, target: '_blank', rel: 'noopener' }, x.link), x.place ? ` · ${x.place}` : '')
      : x.place || st(online ? 'sc_online' : 'sc_place_unknown');
    out.push(el('dt', {}, st(`sc_stage_${stage}`)),
      el('dd', { 'data-row': `slot_${stage}`, class: 'slot' },
        el('span', { class: 'strong' }, st('sc_slot_when', { day: dmy(x.day), starts: x.starts, ends: x.ends })),
        el('br'), where));
  }
  return out;
}

/**
 * Whether the Start of a scheduled sitting is open now: `allowed`, else
 * `note` says why (opens at…, closed, illness reported). Other statuses: allowed
 * unless closed (cancelled, voided, no-show).
 */
export function startGate(s, now = Date.now()) {
  if (CLOSED.includes(s.status)) return { allowed: false, note: null };
  if (s.status !== 'scheduled') return { allowed: true, note: null };
  if (openLeave(s)) return { allowed: false, note: el('p', { class: 'gate sick', 'data-gate': 'sick' }, st('sc_gate_sick')) };
  const w = s.window;
  if (!w || !Number.isFinite(w.opens_ms)) return { allowed: true, note: null };
  if (now < w.opens_ms) return { allowed: false, note: el('p', { class: 'gate not-yet', 'data-gate': 'not_yet' }, st('sc_gate_opens', { time: fmt(w.opens_ms) })) };
  if (Number.isFinite(w.closes_ms) && now > w.closes_ms) return { allowed: false, note: el('p', { class: 'gate missed alert', 'data-gate': 'missed' }, st('sc_gate_closed', { time: fmt(w.closes_ms) })) };
  return { allowed: true, note: Number.isFinite(w.closes_ms) ? el('p', { class: 'gate open', 'data-gate': 'open' }, st('sc_gate_until', { time: fmt(w.closes_ms) })) : null };
}

/** In how many ms a start window of the list opens or closes (at most an hour: checked again then), or null. */
export function nextChange(sittings, now = Date.now()) {
  const at = (sittings || []).filter((s) => s.status === 'scheduled' && s.window)
    .flatMap((s) => [s.window.opens_ms, s.window.closes_ms]).filter((x) => Number.isFinite(x) && x > now);
  return at.length ? Math.min(Math.min(...at) - now + 500, HOUR) : null;
}

/** Why a closed sitting is closed, and its new date (the sitting that replaces it, from the list) or that one follows. */
export function closedPart(s, sittings) {
  if (!CLOSED.includes(s.status)) return null;
  const why = s.closed?.reason ?? (s.status === 'no_show' ? 'missed' : s.status);
  const next = s.replaced_by ? (sittings || []).find((x) => x.id === s.replaced_by) : null;
  const slot = next?.slots?.theory;
  return el('div', { class: `closed-box reason-${why}`, 'data-closed': why },
    el('p', { class: 'strong' }, st(`sc_closed_${why}`)),
    s.closed?.note && why !== 'missed' ? el('p', { class: 'closed-note' }, st('sc_closed_note', { note: s.closed.note })) : null,
    el('p', {}, st('sc_not_attempt')),
    slot?.day ? el('p', { class: 'new-date strong' }, st('sc_new_date', { day: dmy(slot.day), starts: slot.starts, ends: slot.ends }))
      : el('p', { class: 'new-date' }, st(s.replaced_by ? 'sc_new_date_set' : 'sc_new_date_follows')));
}

// ---- "I am ill" (p.7) ------------------------------------------------------------------

/** The sheet as the body of POST /api/sessions/{id}/sick-leave/sheet (its content type read from its first bytes). */
export async function sendSheet(id, sheet, file) {
  const q = new URLSearchParams();
  for (const k of ['number', 'issuer', 'from', 'to']) if (String(sheet[k] ?? '').trim()) q.set(k, String(sheet[k]).trim());
  const headers = { Accept: 'application/json', 'Content-Type': (await sniff(file)) || 'application/octet-stream' };
  if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
  let res;
  try {
    res = await fetch(`/api/sessions/${encodeURIComponent(id)}/sick-leave/sheet?${q}`, { method: 'POST', headers, body: file, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) throw new ApiError(res.status, body?.error || (res.status === 413 ? 'body_too_large' : `http_${res.status}`), body?.message || '');
  return body;
}

/** PDF, JPEG or PNG by the first bytes, as the server reads them; null otherwise. */
async function sniff(file) {
  const b = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const starts = (...xs) => xs.every((x, i) => b[i] === x);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  return null;
}

function field(f, id, name, label, attrs = {}) {
  const input = el('input', { id, ...attrs, 'aria-describedby': `${id}-err`, 'aria-invalid': f.errors[name] ? 'true' : null });
  input.value = f[name] ?? '';
  input.addEventListener('input', () => { f[name] = input.value; });
  return el('div', { class: 'fld' }, el('label', { for: id }, label), input, el('p', { class: 'field-error', id: `${id}-err` }, f.errors[name] || ''));
}

/** The state of a sitting's sick leave in words, with its term. */
function leaveStatus(sl) {
  const term = sl.proof_due ? st('sc_sl_due', { date: dmy(sl.proof_due) }) : st('sc_sl_due_later');
  return el('div', { class: `sick-box sick-${sl.status}`, 'data-sick': sl.status },
    el('p', { class: 'strong' }, st(`sc_sl_${sl.status}`, { date: dmy(sl.period_from), time: fmt(sl.decided_ms) })),
    el('p', {}, st('sc_sl_period', { from: dmy(sl.period_from), to: sl.period_to ? dmy(sl.period_to) : st('sc_sl_to_open') })),
    sl.sheet ? el('p', { class: 'sheet-line' }, st('sc_sl_sheet', { number: sl.sheet.number, issuer: sl.sheet.issuer, from: dmy(sl.sheet.from), to: dmy(sl.sheet.to) }))
      : sl.status === 'reported' ? el('p', { class: 'proof-due strong' }, term) : null,
    sl.status === 'rejected' && (sl.decision_note || sl.note) ? el('p', { class: 'alert' }, st('sc_sl_rejected_note', { note: sl.decision_note || sl.note })) : null);
}

/**
 * The illness part of a card: the open report (its status, the sheet to
 * upload), or the button and form of a new one. hooks: reload() the list
 * after a change, redraw() it, expired().
 */
export function illnessPart(s, hooks) {
  const sl = s.sick_leave;
  const reportable = s.status === 'scheduled' || s.status === 'no_show';
  const parts = [];
  if (sl && (openLeave(s) || sl.status === 'rejected' || s.status === 'voided')) parts.push(leaveStatus(sl));
  if (sl && sl.status === 'reported' && !sl.sheet) parts.push(sheetForm(s, hooks));
  else if (reportable && !openLeave(s)) parts.push(reportPart(s, hooks));
  return parts.length ? el('div', { class: 'illness' }, ...parts) : null;
}

function reportPart(s, hooks) {
  const f = forms.get(`r${s.id}`);
  const head = `sitting-${s.id}`;
  if (!f) {
    return el('div', { class: 'card-actions' },
      el('button', { type: 'button', class: 'ill-btn', 'aria-describedby': head, onclick: () => { forms.set(`r${s.id}`, { from: kzToday(), to: '', note: '', errors: {} }); hooks.redraw(); document.getElementById(`ill-${s.id}-from`)?.focus(); } }, st('sc_ill')));
  }
  const id = (n) => `ill-${s.id}-${n}`;
  const note = el('textarea', { id: id('note'), rows: 2, maxlength: 500 });
  note.value = f.note;
  note.addEventListener('input', () => { f.note = note.value; });
  const form = el('form', { class: 'ill-form', novalidate: true, 'aria-labelledby': id('title') },
    el('h3', { id: id('title') }, st('sc_ill_title')),
    el('p', {}, st('sc_ill_intro')),
    field(f, id('from'), 'from', st('sc_ill_from'), { type: 'date', required: true }),
    field(f, id('to'), 'to', st('sc_ill_to'), { type: 'date' }),
    el('label', { for: id('note') }, st('sc_ill_note')), note,
    el('p', { class: 'error', role: 'alert', id: id('error') }, f.error || ''),
    el('div', { class: 'card-actions' },
      el('button', { type: 'submit', class: 'primary ill-send', disabled: f.busy }, st('sc_ill_send')),
      el('button', { type: 'button', onclick: () => { forms.delete(`r${s.id}`); hooks.redraw(); } }, st('sc_cancel'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    f.errors = {};
    f.error = '';
    if (!f.from) f.errors.from = st('sc_required');
    if (f.from && f.to && f.to < f.from) f.errors.to = st('sc_ill_to_before');
    if (Object.keys(f.errors).length) { hooks.redraw(); document.getElementById(id(Object.keys(f.errors)[0]))?.focus(); return; }
    f.busy = true;
    hooks.redraw();
    try {
      const body = { period_from: f.from };
      if (f.to) body.period_to = f.to;
      if (f.note.trim()) body.note = f.note.trim();
      await api('POST', `/api/sessions/${encodeURIComponent(s.id)}/sick-leave`, body);
      forms.delete(`r${s.id}`);
      await hooks.reload(s.id, 'sc_ill_done');
    } catch (e) {
      if (e.status === 401) { hooks.expired(); return; }
      f.busy = false;
      f.error = serr(e);
      hooks.redraw();
      document.getElementById(id('error'))?.focus();
    }
  });
  return form;
}

function sheetForm(s, hooks) {
  const key = `s${s.id}`;
  if (!forms.has(key)) forms.set(key, { number: '', issuer: '', from: s.sick_leave.period_from ?? '', to: s.sick_leave.period_to ?? '', file: null, errors: {} });
  const f = forms.get(key);
  const id = (n) => `sheet-${s.id}-${n}`;
  const file = el('input', { id: id('file'), type: 'file', accept: 'application/pdf,image/jpeg,image/png', 'aria-describedby': `${id('file')}-hint ${id('file')}-err`, 'aria-invalid': f.errors.file ? 'true' : null });
  file.addEventListener('change', () => { f.file = file.files[0] ?? null; });
  const form = el('form', { class: 'sheet-form', novalidate: true, 'aria-labelledby': id('title') },
    el('h3', { id: id('title') }, st('sc_sheet_title')),
    el('p', {}, st('sc_sheet_intro')),
    field(f, id('number'), 'number', st('sc_sheet_number'), { maxlength: 100, autocomplete: 'off' }),
    field(f, id('issuer'), 'issuer', st('sc_sheet_issuer'), { maxlength: 300 }),
    field(f, id('from'), 'from', st('sc_sheet_from'), { type: 'date' }),
    field(f, id('to'), 'to', st('sc_sheet_to'), { type: 'date' }),
    el('div', { class: 'fld' }, el('label', { for: id('file') }, st('sc_sheet_file')),
      el('p', { class: 'hint small', id: `${id('file')}-hint` }, st('sc_sheet_file_hint', { formats: FORMATS })), file,
      el('p', { class: 'field-error', id: `${id('file')}-err` }, f.errors.file || '')),
    el('p', { class: 'error', role: 'alert', id: id('error') }, f.error || ''),
    el('div', { class: 'card-actions' }, el('button', { type: 'submit', class: 'primary sheet-send', disabled: f.busy }, st('sc_sheet_send'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    f.errors = {};
    f.error = '';
    for (const n of ['number', 'issuer', 'from', 'to']) if (!String(f[n] ?? '').trim()) f.errors[n] = st('sc_required');
    if (f.from && f.to && f.to < f.from) f.errors.to = st('sc_ill_to_before');
    if (!f.file) f.errors.file = st('sc_sheet_no_file');
    else if (f.file.size > MAX_SHEET) f.errors.file = st('sc_sheet_too_big');
    else if (!(await sniff(f.file))) f.errors.file = st('sc_sheet_bad_type', { formats: FORMATS });
    if (f.errors.file) f.file = null; // the field is drawn again empty: choose again
    const first = Object.keys(f.errors)[0];
    if (first) { hooks.redraw(); document.getElementById(id(first))?.focus(); return; }
    f.busy = true;
    hooks.redraw();
    try {
      await sendSheet(s.id, f, f.file);
      forms.delete(key);
      await hooks.reload(s.id, 'sc_sheet_done');
    } catch (e) {
      if (e.status === 401) { hooks.expired(); return; }
      f.busy = false;
      if (e.code === 'unsupported_file') f.errors.file = st('sc_sheet_bad_type', { formats: FORMATS });
      else if (e.status === 413) f.errors.file = st('sc_sheet_too_big');
      else f.error = serr(e);
      if (f.errors.file) f.file = null;
      hooks.redraw();
      document.getElementById(f.errors.file ? id('file') : id('error'))?.focus();
    }
  });
  return form;
}

/** A word of this catalogue (a done message, the attempt row of a closed sitting). */
export const scheduleText = (key) => st(key);

/** Forgets what was typed (a sign-out). */
export function forgetForms() { forms.clear(); }

// ---- the exam socket's refusals (exam.js) -------------------------------------------------

export const CLOSING_ERRORS = ['not_yet', 'missed', 'sick_reported', 'cancelled', 'voided',
  'acknowledgements_required', 'briefing_required']; // W6: before the start (briefing.js)

/** The words of a refusal of `start` (or of an answer after a void), or of the `voided` message. */
export function closedText(m) {
  if (m.error === 'not_yet' && Number.isFinite(m.opens_ms)) return st('sc_ws_not_yet_at', { time: fmt(m.opens_ms) });
  if (m.error === 'acknowledgements_required' || m.error === 'briefing_required') return bt(`bf_ws_${m.error}`);
  if (m.error === 'voided' || m.type === 'voided') return st(m.reason === 'sick_leave' ? 'sc_ws_voided_sick' : 'sc_ws_voided');
  return st(`sc_ws_${m.error}`);
}
