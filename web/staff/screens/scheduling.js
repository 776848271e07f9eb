// Scheduling (seed 002 p.6, p.7, p.11; W2 and W3), for the registrar and the
// administrator (the commission and the head read it; the commission and the
// administrator record a technical failure): the contracts awaiting their
// notice of date, time and place (the overdue first), each scheduled with its
// stage slots (POST /api/applications/{id}/schedule), the earliest lawful day
// (GET /api/sessions/earliest-day) as the date's minimum; the sittings to come
// by day, cancelled with a reason or voided by a technical failure (a
// confirmation first: no attempt is used); the sick-leave reports to verify,
// their sheet opened, accepted or rejected, a report taken by phone or on
// paper; and the closed sittings to give a new date (POST .../reschedule; the
// p.6 gap waived after p.7 and p.11). The server's 422 is shown by its field
// and nothing typed is lost. The view (section#screen-scheduling) and its
// link are built here.
import { api, apiBlob } from '../../lib/api.js';
import { $, el } from '../../lib/dom.js';
import { session } from '../../lib/session.js';
import { toast } from '../../lib/ui.js';
import { fmtDate, fmtTime, facts, badge, overdueBadge, stable } from '../widgets.js';
import { modeText } from '../../apply/status.js';
import { sizeText } from '../../apply/attachments.js';
import { sendSheet } from '../../exam/schedule.js';
import STRINGS, { t, error } from './scheduling.strings.js';

const MAX_SHEET = 10 * 1024 * 1024;
const TF_KINDS = ['connection_lost', 'camera_lost', 'microphone_lost', 'server_failure', 'platform_outage', 'other'];
const STAGES = ['theory', 'practical'];
const SLOT_FIELDS = ['day', 'starts', 'ends', 'place', 'link', 'commission'];

let shell = null;
let data = null; // { today, awaiting, upcoming, sick, closed }
let loadError = null;
const earliest = {}; // reason → GET /api/sessions/earliest-day
const programmes = new Map(); // code → programme (or null: not readable)
const commissions = new Map(); // code → [commission]
const forms = new Map(); // key → the state of an open form (what is typed is kept across redraws)
let commissionNames = new Map(); // exam commission id → its name

const held = () => (session.me ? session.me.roles ?? [session.me.role] : []);
const manages = () => held().some((r) => r === 'admin' || r === 'registrar');
const voids = () => held().some((r) => r === 'admin' || r === 'commission');
const readsApplications = () => held().some((r) => ['admin', 'registrar', 'head'].includes(r)); // the commission does not
const dl = (rows) => facts(t, rows);
const closedReason = (s) => s.closed?.reason ?? (s.status === 'no_show' ? 'missed' : s.status);
const gapReason = (s) => (['sick_leave', 'technical_failure'].includes(closedReason(s)) ? closedReason(s) : 'none');

function expiredOr(e) {
  if (e?.status === 401) { session.expired(); return true; }
  return false;
}

// ---- loading ------------------------------------------------------------------

const list = (r) => (Array.isArray(r) ? r : r?.sessions ?? []);

async function load() {
  loadError = null;
  render();
  try {
    const [apps, upcoming, sick, closed, none, coms] = await Promise.all([
      readsApplications() ? api('GET', '/api/applications?status=contracted') : null,
      api('GET', '/api/sessions?status=scheduled,in_progress'),
      api('GET', '/api/sessions?sick_leave=open'),
      api('GET', '/api/sessions?status=cancelled,voided,no_show&unreplaced=1'),
      api('GET', '/api/sessions/earliest-day?reason=none'),
      api('GET', '/api/commissions?kind=exam').catch((e) => (e.status === 401 ? Promise.reject(e) : [])),
    ]);
    commissionNames = new Map((Array.isArray(coms) ? coms : []).map((c) => [c.id, c.name]));
    earliest.none = none;
    const today = apps?.today ?? none?.notice_day ?? '';
    const waiting = (apps?.applications ?? []).filter((a) => a.status === 'contracted' && !a.schedule_notice_sent)
      .map((a) => ({ ...a, overdue: !!(a.schedule_notice_due && today && a.schedule_notice_due < today) }));
    data = {
      today,
      awaiting: stable(waiting, (a, b) => Number(b.overdue) - Number(a.overdue) || String(a.schedule_notice_due ?? '').localeCompare(String(b.schedule_notice_due ?? ''))),
      upcoming: list(upcoming).filter((s) => s.status === 'scheduled' || s.status === 'in_progress'),
      sick: list(sick).filter((s) => s.sick_leave && ['reported', 'proved'].includes(s.sick_leave.status)),
      closed: list(closed).filter((s) => !s.replaced_by),
    };
    await Promise.all(['sick_leave', 'technical_failure'].filter((r) => data.closed.some((s) => gapReason(s) === r))
      .map(async (r) => { earliest[r] = await api('GET', `/api/sessions/earliest-day?reason=${r}`); }));
  } catch (e) {
    if (expiredOr(e)) return;
    loadError = e;
  }
  render();
}

/** What a slot form needs: the programme (has it a practical stage?), its exam commissions, the earliest day. */
async function context(code, reason) {
  if (!programmes.has(code)) programmes.set(code, await api('GET', `/api/programmes/${encodeURIComponent(code)}`).catch((e) => (e.status === 401 ? Promise.reject(e) : null)));
  if (!commissions.has(code)) {
    const c = await api('GET', `/api/commissions?kind=exam&programme=${encodeURIComponent(code)}&active=1`).catch((e) => (e.status === 401 ? Promise.reject(e) : []));
    commissions.set(code, Array.isArray(c) ? c : []);
  }
  if (!earliest[reason]) earliest[reason] = await api('GET', `/api/sessions/earliest-day?reason=${reason}`);
  const p = programmes.get(code);
  return { practical: Array.isArray(p?.practical) && p.practical.length > 0, commissions: commissions.get(code), earliest: earliest[reason] };
}

// ---- the slot form (a schedule, a reschedule) ----------------------------------------

const blankSlot = (c) => ({ day: '', starts: '', ends: '', place: '', link: '', commission: c.length === 1 ? String(c[0].id) : '' });

/** Opens the slot form under `key`: `what` = {kind: 'schedule'|'reschedule', id, mode, programme, reason}. */
async function openSlotForm(key, what) {
  forms.set(key, { ...what, loading: true, error: '', errors: {}, busy: false });
  render();
  try {
    const ctx = await context(what.programme, what.reason);
    const f = forms.get(key);
    if (!f) return;
    Object.assign(f, { loading: false, ctx, theory: blankSlot(ctx.commissions), practical: ctx.practical ? blankSlot(ctx.commissions) : null });
  } catch (e) {
    if (expiredOr(e)) return;
    const f = forms.get(key);
    if (f) Object.assign(f, { loading: false, error: error(e) });
  }
  render();
  $(`#${key}-theory-day`)?.focus();
}

function slotField(f, key, stage, name) {
  const id = `${key}-${stage}-${name}`;
  const slot = f[stage];
  const err = f.errors[`${stage}.${name}`] || '';
  const attrs = { id, 'aria-describedby': `${id}-err${name === 'day' ? ` ${key}-earliest` : ''}`, 'aria-invalid': err ? 'true' : null };
  let input;
  if (name === 'commission') {
    input = el('select', attrs, el('option', { value: '' }, t('sch_no_commission')),
      ...f.ctx.commissions.map((c) => el('option', { value: String(c.id) }, c.name)));
  } else if (name === 'day') {
    input = el('input', { ...attrs, type: 'date', required: true, min: stage === 'theory' ? f.ctx.earliest?.earliest_day : (f.theory.day || f.ctx.earliest?.earliest_day) });
  } else if (name === 'starts' || name === 'ends') {
    input = el('input', { ...attrs, type: 'time', required: true, step: 300, class: 'short' });
  } else if (name === 'place') {
    input = el('input', { ...attrs, maxlength: 300, required: f.mode === 'offline', autocomplete: 'off' });
  } else {
    input = el('input', { ...attrs, type: 'url', maxlength: 300, autocomplete: 'off', placeholder: 'https://' });
  }
  input.value = slot[name];
  input.addEventListener('input', () => {
    slot[name] = input.value;
    if (f.errors[`${stage}.${name}`]) {
      delete f.errors[`${stage}.${name}`];
      input.removeAttribute('aria-invalid');
      $(`#${id}-err`).textContent = '';
      input.closest('.fld')?.classList.remove('has-error');
    }
  });
  const hint = name === 'link' ? el('p', { class: 'hint small' }, t('sch_link_hint')) : null;
  return el('div', { class: `fld fld-${name}${err ? ' has-error' : ''}` },
    el('label', { for: id }, t(`sch_f_${name}${name === 'place' && f.mode === 'offline' ? '_required' : ''}`)), hint, input,
    el('p', { class: 'field-error', id: `${id}-err` }, err));
}

function slotForm(key) {
  const f = forms.get(key);
  if (f.loading) return el('p', { class: 'muted', role: 'status' }, t('loading'));
  if (!f.ctx) return el('div', {}, el('p', { class: 'error', role: 'alert' }, f.error),
    el('button', { type: 'button', onclick: () => { forms.delete(key); render(); } }, t('sch_close_form')));
  const e = f.ctx.earliest;
  const waived = f.reason !== 'none';
  const fields = (stage) => SLOT_FIELDS.filter((n) => (n === 'place' ? true : n !== 'link' || f.mode !== 'offline'));
  const stageBox = (stage) => el('fieldset', { class: `slot-stage stage-${stage}` },
    el('legend', {}, t(`sch_stage_${stage}`)),
    el('div', { class: 'grid3' }, ...fields(stage).map((n) => slotField(f, key, stage, n))));
  const form = el('form', { class: 'slot-form', novalidate: true, 'aria-labelledby': `${key}-title`, 'data-form': key },
    el('h4', { id: `${key}-title`, tabindex: -1 }, t(f.kind === 'schedule' ? 'sch_form_schedule' : 'sch_form_reschedule')),
    el('p', { class: 'small' }, t('sch_form_mode', { mode: modeText(f.mode) })),
    el('p', { id: `${key}-earliest`, class: `earliest${waived ? ' waived' : ''}` },
      e ? t(waived ? 'sch_earliest_waived' : `sch_earliest_${e.gap_rule === 'inclusive' ? 'inclusive' : 'strict'}`,
        { today: fmtDate(e.notice_day), day: fmtDate(e.earliest_day) }) : ''),
    e ? el('p', { class: 'hint small' }, t('sch_window_hint', { early: e.early_minutes ?? 30, late: e.late_minutes ?? 30 })) : null,
    stageBox('theory'),
    f.practical ? stageBox('practical') : null,
    el('p', { class: 'error', role: 'alert', id: `${key}-error` }, f.error),
    el('div', { class: 'actions start' },
      el('button', { type: 'submit', class: 'primary send-slot', disabled: f.busy }, t(f.kind === 'schedule' ? 'sch_send_schedule' : 'sch_send_reschedule')),
      el('button', { type: 'button', onclick: () => { forms.delete(key); render(); } }, t('sch_close_form'))));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); sendSlots(key); });
  return form;
}

/** The field of a stage the server's 422 (or a check here) names; the stage read from its message. */
function errorField(e, f) {
  const stage = /practical/i.test(e.message || '') || e.code.startsWith('practical_') ? 'practical' : 'theory';
  const at = f[stage] ? stage : 'theory';
  const field = {
    gap_too_short: 'day', not_working_day: 'day', slot_required: 'day', practical_slot_required: 'day',
    practical_before_theory: 'day', place_required: 'place', bad_slot: /start/i.test(e.message || '') && !/end/i.test(e.message || '') ? 'starts' : 'ends',
  }[e.code];
  return field && f[at] ? `${at}.${field}` : null;
}

function slotBody(s, mode) {
  const out = { day: s.day, starts: s.starts, ends: s.ends, place: s.place.trim(), commission: s.commission ? Number(s.commission) : null };
  if (mode !== 'offline' && s.link.trim()) out.link = s.link.trim();
  return out;
}

async function sendSlots(key) {
  const f = forms.get(key);
  f.errors = {};
  f.error = '';
  for (const stage of STAGES.filter((x) => f[x])) {
    const s = f[stage];
    for (const n of ['day', 'starts', 'ends']) if (!s[n]) f.errors[`${stage}.${n}`] = t('sch_required');
    if (f.mode === 'offline' && !s.place.trim()) f.errors[`${stage}.place`] = t('sch_place_required');
    if (s.starts && s.ends && s.ends <= s.starts) f.errors[`${stage}.ends`] = t('sch_ends_after');
  }
  const first = Object.keys(f.errors)[0];
  if (first) { f.error = t('sch_fix_fields'); render(); $(`#${key}-${first.replace('.', '-')}`)?.focus(); return; }
  const body = { theory: slotBody(f.theory, f.mode) };
  if (f.practical) body.practical = slotBody(f.practical, f.mode);
  f.busy = true;
  render();
  try {
    const path = f.kind === 'schedule' ? `/api/applications/${f.id}/schedule` : `/api/sessions/${f.id}/reschedule`;
    const r = await api('POST', path, body);
    forms.delete(key);
    const sid = r?.session?.id ?? r?.session;
    toast(t(f.kind === 'schedule' ? 'sch_scheduled' : 'sch_rescheduled', { id: sid ?? '' }));
    await load();
    $(`#sch-${f.kind === 'schedule' ? 'awaiting' : 'closed'}-title`)?.focus();
    return;
  } catch (e) {
    if (expiredOr(e)) return;
    f.busy = false;
    const field = errorField(e, f);
    const words = e.code === 'gap_too_short' && f.ctx.earliest ? t('sch_e_gap', { day: fmtDate(f.ctx.earliest.earliest_day) }) : error(e);
    if (field) f.errors[field] = words;
    f.error = field ? t('sch_fix_fields') : words;
    render();
    $(field ? `#${key}-${field.replace('.', '-')}` : `#${key}-error`)?.focus();
  }
}

// ---- small forms on a sitting: cancel, technical failure, a report of illness, the decision ----------

function textForm(key, { label, submit, danger, onSend, extra = [], confirm }) {
  const f = forms.get(key);
  const note = el('textarea', { id: `${key}-text`, rows: 2, maxlength: 500, 'aria-describedby': `${key}-error`, 'aria-invalid': f.error ? 'true' : null });
  note.value = f.text ?? '';
  note.addEventListener('input', () => { f.text = note.value; });
  const form = el('form', { class: 'small-form', novalidate: true, 'data-form': key },
    ...extra,
    el('label', { for: `${key}-text` }, label), note,
    f.confirming ? el('div', { class: 'confirm-box', role: 'alert' }, el('p', { class: 'strong' }, confirm)) : null,
    el('p', { class: 'error', role: 'alert', id: `${key}-error` }, f.error || ''),
    el('div', { class: 'actions start' },
      el('button', { type: 'submit', class: `${danger ? 'danger' : 'primary'} send-form`, disabled: f.busy }, f.confirming ? t('sch_confirm_void') : submit),
      el('button', { type: 'button', onclick: () => { forms.delete(key); render(); } }, t('sch_close_form'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    f.error = '';
    f.busy = true;
    try {
      const done = await onSend(f);
      if (done === false) {
        f.busy = false;
        render();
        (f.confirming && !f.error ? $(`[data-form="${key}"] .send-form`) : $(`#${key}-text`))?.focus();
        return;
      }
      forms.delete(key);
      await load();
      $('#scheduling-title')?.focus();
    } catch (e) {
      if (expiredOr(e)) return;
      f.busy = false;
      f.confirming = false;
      f.error = error(e);
      render();
      $(`#${key}-text`)?.focus();
    }
  });
  return form;
}

function cancelForm(s) {
  return textForm(`sch-cancel-${s.id}`, {
    label: t('sch_cancel_reason'), submit: t('sch_cancel_send'), danger: true,
    onSend: async (f) => {
      if (!(f.text ?? '').trim()) { f.error = t('reason_required'); return false; }
      await api('POST', `/api/sessions/${s.id}/cancel`, { reason: f.text.trim() });
      toast(t('sch_cancelled', { id: s.id }));
      return true;
    },
  });
}

function failureForm(s) {
  const key = `sch-tf-${s.id}`;
  const f = forms.get(key);
  f.kind ??= 'connection_lost';
  const kind = el('select', { id: `${key}-kind` }, ...TF_KINDS.map((k) => el('option', { value: k }, t(`sch_tf_${k}`))));
  kind.value = f.kind;
  kind.addEventListener('change', () => { f.kind = kind.value; f.confirming = false; });
  return textForm(key, {
    label: t('sch_tf_description'), submit: t('sch_tf_send'), danger: true,
    confirm: t('sch_tf_confirm', { name: s.candidate_name ?? '', id: s.id }),
    extra: [el('label', { for: `${key}-kind` }, t('sch_tf_kind')), kind],
    onSend: async (x) => {
      if (!(x.text ?? '').trim()) { x.error = t('sch_tf_description_required'); return false; }
      if (!x.confirming) { x.confirming = true; return false; }
      await api('POST', `/api/sessions/${s.id}/technical-failure`, { kind: x.kind, description: x.text.trim() });
      toast(t('sch_voided', { id: s.id }));
      return true;
    },
  });
}

function reportForm(s) {
  const key = `sch-report-${s.id}`;
  const f = forms.get(key);
  f.channel ??= 'phone';
  f.from ??= data?.today ?? '';
  f.to ??= '';
  const input = (name, attrs) => {
    const i = el('input', { id: `${key}-${name}`, ...attrs });
    i.value = f[name];
    i.addEventListener('input', () => { f[name] = i.value; });
    return i;
  };
  const channel = el('select', { id: `${key}-channel` }, ...['phone', 'paper'].map((c) => el('option', { value: c }, t(`sch_channel_${c}`))));
  channel.value = f.channel;
  channel.addEventListener('change', () => { f.channel = channel.value; });
  return textForm(key, {
    label: t('sch_report_note'), submit: t('sch_report_send'),
    extra: [el('div', { class: 'grid3' },
      el('div', { class: 'fld' }, el('label', { for: `${key}-channel` }, t('sch_sl_channel')), channel),
      el('div', { class: 'fld' }, el('label', { for: `${key}-from` }, t('sch_sl_from')), input('from', { type: 'date', required: true })),
      el('div', { class: 'fld' }, el('label', { for: `${key}-to` }, t('sch_sl_to_expected')), input('to', { type: 'date' })))],
    onSend: async (x) => {
      if (!x.from) { x.error = t('sch_sl_from_required'); return false; }
      const body = { channel: x.channel, period_from: x.from };
      if (x.to) body.period_to = x.to;
      if ((x.text ?? '').trim()) body.note = x.text.trim();
      await api('POST', `/api/sessions/${s.id}/sick-leave`, body);
      toast(t('sch_reported', { id: s.id }));
      return true;
    },
  });
}

function rejectForm(s) {
  return textForm(`sch-reject-${s.id}`, {
    label: t('sch_reject_note'), submit: t('sch_reject_send'), danger: true,
    onSend: async (f) => {
      if (!(f.text ?? '').trim()) { f.error = t('sch_reject_note_required'); return false; }
      await api('POST', `/api/sessions/${s.id}/sick-leave/decision`, { accept: false, note: f.text.trim() });
      toast(t('sch_rejected', { id: s.id }));
      return true;
    },
  });
}

async function accept(s) {
  try {
    await api('POST', `/api/sessions/${s.id}/sick-leave/decision`, { accept: true, note: '' });
    toast(t('sch_accepted', { id: s.id }));
    await load();
    $('#sch-closed-title')?.focus();
  } catch (e) {
    if (!expiredOr(e)) toast(error(e), 'error');
  }
}

async function openSheet(s) {
  const w = window.open('', '_blank');
  try {
    const blob = await apiBlob(`/api/sessions/${s.id}/sick-leave/sheet`);
    const url = URL.createObjectURL(blob);
    if (w) w.location.href = url; else window.location.assign(url);
    setTimeout(() => URL.revokeObjectURL(url), 120000);
  } catch (e) {
    w?.close();
    if (!expiredOr(e)) toast(error(e), 'error');
  }
}

function sheetForm(s) {
  const key = `sch-sheet-${s.id}`;
  const f = forms.get(key);
  f.from ??= s.sick_leave.period_from ?? '';
  f.to ??= s.sick_leave.period_to ?? '';
  f.number ??= '';
  f.issuer ??= '';
  const input = (name, attrs = {}) => {
    const i = el('input', { id: `${key}-${name}`, ...attrs });
    i.value = f[name];
    i.addEventListener('input', () => { f[name] = i.value; });
    return el('div', { class: 'fld' }, el('label', { for: `${key}-${name}` }, t(`sch_sheet_${name}`)), i);
  };
  const file = el('input', { id: `${key}-file`, type: 'file', accept: 'application/pdf,image/jpeg,image/png', 'aria-describedby': `${key}-error` });
  file.addEventListener('change', () => { f.file = file.files[0] ?? null; });
  const form = el('form', { class: 'small-form sheet-form', novalidate: true, 'data-form': key },
    el('div', { class: 'grid3' }, input('number', { maxlength: 100 }), input('issuer', { maxlength: 300 }), input('from', { type: 'date' }), input('to', { type: 'date' })),
    el('label', { for: `${key}-file` }, t('sch_sheet_file')), file,
    el('p', { class: 'error', role: 'alert', id: `${key}-error` }, f.error || ''),
    el('div', { class: 'actions start' },
      el('button', { type: 'submit', class: 'primary send-form', disabled: f.busy }, t('sch_sheet_send')),
      el('button', { type: 'button', onclick: () => { forms.delete(key); render(); } }, t('sch_close_form'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const missing = !f.number.trim() || !f.issuer.trim() || !f.from || !f.to;
    f.error = missing ? t('sch_sheet_fields') : !f.file ? t('sch_sheet_no_file') : f.file.size > MAX_SHEET
      ? t('sch_sheet_too_big', { size: sizeText(t, f.file.size) }) : '';
    if (f.error) { render(); $(`#${key}-error`)?.focus(); return; }
    f.busy = true;
    try {
      await sendSheet(s.id, f, f.file);
      forms.delete(key);
      toast(t('sch_sheet_sent'));
      await load();
      $('#sch-sick-title')?.focus();
    } catch (e) {
      if (expiredOr(e)) return;
      f.busy = false;
      f.error = e.code === 'unsupported_file' ? t('sch_sheet_bad_type', { formats: 'JPEG, PNG' }) : error(e);
      render();
    }
  });
  return form;
}

// ---- drawing ------------------------------------------------------------------------

/** 'DD.MM.YYYY HH:MM–HH:MM · place' (an online slot: its link, as a link). */
function slotLine(slot, mode) {
  if (!slot?.day) return t('sch_no_slot');
  const when = `${fmtDate(slot.day)} ${slot.starts}–${slot.ends}`;
  const link = mode !== 'offline' && slot.link ? el('a', { href: slot.link, target: '_blank', rel: 'noopener' }, slot.link) : null;
  return el('span', {}, when, slot.place ? ` · ${slot.place}` : '', link ? ' · ' : '', link);
}
const statusBadge = (s) => badge(t(`sch_status_${s.status}`), { scheduled: 'info', in_progress: 'warn', voided: 'plain', cancelled: 'bad', no_show: 'bad' }[s.status] ?? 'plain');

/** A button that opens (or closes) the form `key`; the form drawn after the buttons. */
function toggle(key, label, cls, describedBy, init = {}) {
  const open = forms.has(key);
  return el('button', {
    type: 'button', class: cls, 'aria-expanded': open ? 'true' : 'false', 'aria-describedby': describedBy,
    onclick: () => {
      if (open) forms.delete(key); else forms.set(key, { ...init });
      render();
      if (!open) document.querySelector(`[data-form="${key}"] input, [data-form="${key}"] select, [data-form="${key}"] textarea`)?.focus();
    },
  }, label);
}

function sittingFacts(s) {
  const sl = s.slots ?? {};
  return dl([
    ['sch_candidate', s.candidate_name ?? t('candidate_n', { id: s.candidate })],
    ['sch_programme', String(s.programme ?? '')],
    ['sch_mode', modeText(s.mode)],
    ['sch_stage_theory', slotLine(sl.theory, s.mode)],
    sl.practical ? ['sch_stage_practical', slotLine(sl.practical, s.mode)] : null,
    sl.theory?.commission ? ['sch_f_commission', commissionNames.get(sl.theory.commission) ?? `№${sl.theory.commission}`] : null,
    ['sch_attempt', s.counts_as_attempt === false ? t('sch_no_attempt') : String(s.attempt ?? '—')],
    s.replaces ? ['sch_replaces', `№${s.replaces}`] : null,
  ]);
}

function awaitingCard(a) {
  const head = `sch-app-h-${a.id}`;
  const key = `sch-app-${a.id}`;
  return el('li', { class: `card awaiting${a.overdue ? ' is-overdue' : ''}`, 'data-application': a.id },
    el('div', { class: 'card-head' },
      el('h3', { id: head }, t('sch_app_heading', { reg_no: a.reg_no ?? '', name: a.full_name ?? '' })),
      el('div', { class: 'badges' }, a.overdue ? overdueBadge(a.schedule_notice_due) : null)),
    dl([
      ['sch_programme', String(a.programme ?? '')],
      ['sch_contract', a.contract_no ?? t('none')],
      ['sch_notice_due', el('span', { class: a.overdue ? 'due-overdue' : '' }, fmtDate(a.schedule_notice_due))],
    ]),
    manages() && !forms.has(key) ? el('div', { class: 'actions start' },
      el('button', { type: 'button', class: 'primary open-schedule', 'aria-describedby': head, onclick: () => openApplicationForm(a, key) }, t('sch_open_schedule'))) : null,
    forms.has(key) ? slotForm(key) : null);
}

async function openApplicationForm(a, key) {
  forms.set(key, { loading: true, errors: {} });
  render();
  try {
    const app = await api('GET', `/api/applications/${a.id}`);
    await openSlotForm(key, { kind: 'schedule', id: a.id, mode: app.mode || 'online', programme: app.programme, reason: 'none' });
  } catch (e) {
    if (expiredOr(e)) return;
    forms.set(key, { loading: false, error: error(e), errors: {} });
    render();
  }
}

function upcomingCard(s) {
  const head = `sch-s-h-${s.id}`;
  const k = (x) => `sch-${x}-${s.id}`;
  const open = s.sick_leave && ['reported', 'proved'].includes(s.sick_leave.status);
  const buttons = [
    manages() && s.status === 'scheduled' ? toggle(k('cancel'), t('sch_cancel'), 'danger open-cancel', head) : null,
    manages() && !open && s.status === 'scheduled' ? toggle(k('report'), t('sch_report'), 'open-report', head) : null,
    voids() ? toggle(k('tf'), t('sch_tf'), 'danger open-tf', head) : null,
  ].filter(Boolean);
  return el('li', { class: 'card sitting', 'data-session': s.id, 'data-status': s.status },
    el('div', { class: 'card-head' }, el('h3', { id: head }, t('sch_sitting_heading', { id: s.id, name: s.candidate_name ?? '', time: s.slots?.theory ? `${s.slots.theory.starts}–${s.slots.theory.ends}` : '' })),
      el('div', { class: 'badges' }, statusBadge(s), open ? badge(t('sch_sick_open'), 'warn') : null)),
    sittingFacts(s),
    buttons.length ? el('div', { class: 'actions start' }, ...buttons) : null,
    forms.has(k('cancel')) ? cancelForm(s) : null,
    forms.has(k('report')) ? reportForm(s) : null,
    forms.has(k('tf')) ? failureForm(s) : null);
}

function sickCard(s) {
  const sl = s.sick_leave;
  const head = `sch-sl-h-${s.id}`;
  const sheet = sl.sheet;
  const late = !sheet && sl.proof_due && data.today && sl.proof_due < data.today;
  const k = (x) => `sch-${x}-${s.id}`;
  return el('li', { class: `card sick${late ? ' is-overdue' : ''}`, 'data-session': s.id, 'data-sick': sl.status },
    el('div', { class: 'card-head' }, el('h3', { id: head }, t('sch_sick_heading', { name: s.candidate_name ?? '', id: s.id })),
      el('div', { class: 'badges' }, badge(t(`sch_sl_${sl.status}`), sl.status === 'proved' ? 'ok' : 'warn'), late ? overdueBadge(sl.proof_due) : null)),
    dl([
      ['sch_stage_theory', slotLine(s.slots?.theory, s.mode)],
      ['sch_sl_period', `${fmtDate(sl.period_from)} – ${sl.period_to ? fmtDate(sl.period_to) : t('sch_open_ended')}`],
      ['sch_sl_channel', t(`sch_channel_${sl.channel}`)],
      ['sch_sl_reported_at', fmtTime(sl.reported_ms)],
      ['sch_sl_proof_due', sl.proof_due ? fmtDate(sl.proof_due) : t('none')],
      sl.note ? ['sch_sl_note', el('span', { class: 'long-text' }, sl.note)] : null,
      ['sch_sl_sheet', sheet ? t('sch_sheet_line', { number: sheet.number, issuer: sheet.issuer, from: fmtDate(sheet.from), to: fmtDate(sheet.to) })
        : el('span', { class: 'bad-text' }, t('sch_sheet_none'))],
    ]),
    manages() || sheet ? el('div', { class: 'actions start' },
      sheet ? el('button', { type: 'button', class: 'open-sheet', 'aria-describedby': head, onclick: () => openSheet(s) }, t('sch_sheet_open')) : null,
      manages() && !sheet ? toggle(k('sheet'), t('sch_sheet_add'), 'open-sheet-form', head) : null,
      manages() ? el('button', { type: 'button', class: 'primary accept-sick', disabled: !sheet, 'aria-describedby': `${head}${sheet ? '' : ` ${head}-why`}`, onclick: () => accept(s) }, t('sch_accept')) : null,
      manages() ? toggle(k('reject'), t('sch_reject'), 'danger open-reject', head) : null) : null,
    manages() && !sheet ? el('p', { class: 'hint small', id: `${head}-why` }, t('sch_accept_needs_sheet')) : null,
    manages() ? el('p', { class: 'hint small' }, t('sch_accept_means')) : null,
    forms.has(k('sheet')) ? sheetForm(s) : null,
    forms.has(k('reject')) ? rejectForm(s) : null);
}

function closedCard(s) {
  const head = `sch-c-h-${s.id}`;
  const key = `sch-res-${s.id}`;
  const why = closedReason(s);
  const reason = gapReason(s);
  return el('li', { class: 'card closed', 'data-session': s.id, 'data-status': s.status, 'data-reason': why },
    el('div', { class: 'card-head' }, el('h3', { id: head }, t('sch_closed_heading', { name: s.candidate_name ?? '', id: s.id })),
      el('div', { class: 'badges' }, statusBadge(s), reason !== 'none' ? badge(t('sch_gap_waived'), 'ok') : null)),
    dl([
      ['sch_closed_why', t(`sch_why_${why}`)],
      s.closed?.note ? ['sch_closed_note', el('span', { class: 'long-text' }, s.closed.note)] : null,
      s.closed?.ms ? ['sch_closed_when', fmtTime(s.closed.ms)] : null,
      ['sch_candidate', s.candidate_name ?? t('candidate_n', { id: s.candidate })],
      ['sch_programme', String(s.programme ?? '')],
      ['sch_was', slotLine(s.slots?.theory, s.mode)],
      ['sch_attempt', t('sch_no_attempt')],
      earliest[reason] ? ['sch_earliest', fmtDate(earliest[reason].earliest_day)] : null,
    ]),
    manages() && !forms.has(key) ? el('div', { class: 'actions start' },
      el('button', { type: 'button', class: 'primary open-reschedule', 'aria-describedby': head,
        onclick: () => openSlotForm(key, { kind: 'reschedule', id: s.id, mode: s.mode, programme: s.programme, reason }) }, t('sch_open_reschedule'))) : null,
    forms.has(key) ? slotForm(key) : null);
}

/** The sittings to come by the theory's day. */
function byDay(sittings) {
  const days = new Map();
  for (const s of sittings) {
    const d = s.slots?.theory?.day ?? '';
    if (!days.has(d)) days.set(d, []);
    days.get(d).push(s);
  }
  return [...days.entries()].map(([d, xs]) => el('li', { class: 'day-group', 'data-day': d },
    el('h3', { class: 'day-head' }, d ? t('sch_day', { date: fmtDate(d) }) : t('sch_no_day')),
    el('ul', { class: 'cards' }, ...xs.map(upcomingCard))));
}

function part(id, title, intro, items, empty, draw) {
  return el('section', { class: 'block sch-part', id: `sch-${id}`, 'aria-labelledby': `sch-${id}-title` },
    el('h2', { id: `sch-${id}-title`, tabindex: -1 }, t(title, { n: items.length })),
    intro ? el('p', { class: 'muted small' }, t(intro)) : null,
    items.length ? el('ul', { class: id === 'upcoming' ? 'day-groups' : 'cards', id: `sch-${id}-list` }, ...draw(items))
      : el('p', { class: 'muted empty' }, t(empty)));
}

function render() {
  if (!shell || shell.view !== 'scheduling') return;
  $('#sch-readonly').hidden = manages();
  const status = $('#sch-status');
  status.classList.toggle('error', !!loadError);
  status.textContent = loadError ? error(loadError) : data ? t('sch_today', { date: fmtDate(data.today) }) : t('loading');
  if (!data) { $('#sch-body').replaceChildren(); return; }
  $('#sch-body').replaceChildren(...[
    readsApplications() ? part('awaiting', 'sch_awaiting_title', 'sch_awaiting_intro', data.awaiting, 'sch_awaiting_none', (xs) => xs.map(awaitingCard)) : null,
    part('upcoming', 'sch_upcoming_title', null, data.upcoming, 'sch_upcoming_none', byDay),
    part('sick', 'sch_sick_title', 'sch_sick_intro', data.sick, 'sch_sick_none', (xs) => xs.map(sickCard)),
    part('closed', 'sch_closed_title', 'sch_closed_intro', data.closed, 'sch_closed_none', (xs) => xs.map(closedCard)),
  ].filter(Boolean));
}

/** The view and its link in the header, built once (staff.html has neither). */
function build() {
  if (!$('#screen-scheduling')) {
    $('#main').append(el('section', { id: 'screen-scheduling', class: 'screen', hidden: true },
      el('div', { class: 'screen-head' },
        el('h1', { id: 'scheduling-title', tabindex: -1, 'data-focus': true, 'data-i18n': 'sch_title' }),
        el('button', { id: 'scheduling-reload', type: 'button', 'data-i18n': 'reload' })),
      el('p', { class: 'muted', 'data-i18n': 'sch_intro' }),
      el('p', { id: 'sch-readonly', class: 'muted', 'data-i18n': 'sch_readonly', hidden: true }),
      el('p', { id: 'sch-status', class: 'queue-status', role: 'status' }),
      el('div', { id: 'sch-body' })));
  }
  if (!$('#staff-nav a[data-view="scheduling"]')) {
    const link = el('a', { href: '#scheduling-title', 'data-view': 'scheduling', 'data-i18n': 'sch_nav' });
    const after = $('#staff-nav a[data-view="applications"]');
    if (after) after.after(link); else $('#staff-nav').append(link);
  }
}

export default {
  views: ['scheduling'],
  roles: ['registrar', 'admin', 'commission', 'head'],
  strings: STRINGS,
  mount(s) {
    shell = s;
    build();
    $('#scheduling-reload').addEventListener('click', load);
  },
  enter: load,
  render,
  reset() {
    data = null; loadError = null; forms.clear(); programmes.clear(); commissions.clear(); commissionNames = new Map();
    for (const k of Object.keys(earliest)) delete earliest[k];
  },
};
