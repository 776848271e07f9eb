// The offline procedure (W7; seed 002 p.9, p.10, p.13 offline, p.14): the exam
// commission's screen for a day's offline sittings in the centre
// (GET /api/offline/sittings?day=), each with its record (GET
// /api/sessions/ID/offline): the attendance (the candidate, the members
// present, the workstation and equipment, the accessibility measures;
// POST /api/sessions/ID/attendance), the oral warning (an item of the p.12
// list or a described behaviour, the witnesses among the members present, a
// dialog that says the second is the removal; POST /api/sessions/ID/oral-warnings)
// and the acts each member present signs (POST /api/acts/ID/sign).
import { api } from '../../lib/api.js';
import { $, el, openDialog, closeDialog } from '../../lib/dom.js';
import { toast } from '../../lib/ui.js';
import { session } from '../../lib/session.js';
import { fmtTime, badge } from '../widgets.js';
import { t as pgT, has as pgHas } from './programmes.strings.js';
import STRINGS, { t, has, error } from './offline.strings.js';

const MAX_ROWS = 50; // each row asks its record: the first 50 of the day

let day = null;
let rows = null; // [{ s, rec }]
let loadError = null;
const forms = new Map(); // session id → { att: {...}, warn: {...}, busy, error }
let pending = null; // the warning the dialog asks about: { id }

const me = () => session.me?.user;
const itemName = (i) => (i === 'other' ? t('off_item_other') : pgHas(`pg_item_${i}`) ? pgT(`pg_item_${i}`, { names: 'iPad, iPod' }) : i);
const statusName = (s) => (has(`off_status_${s}`) ? t(`off_status_${s}`) : s);

async function load() {
  rows = null;
  loadError = null;
  render();
  try {
    // without a day chosen, the server's today (the centre's clock, UTC+5)
    const list = await api('GET', `/api/offline/sittings${day ? `?day=${encodeURIComponent(day)}` : ''}`);
    day = list?.day ?? day;
    const mine = (list?.sittings || []).slice(0, MAX_ROWS);
    rows = await Promise.all(mine.map(async (s) => ({ s, rec: await api('GET', `/api/sessions/${s.id}/offline`) })));
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    loadError = e;
  }
  render();
}

function formOf(id, rec) {
  if (!forms.has(id)) {
    const a = rec?.attendance;
    forms.set(id, {
      att: {
        candidate_present: a ? a.candidate_present : true,
        members: new Set(a ? a.members : []),
        workstation: a?.workstation ?? '', accessibility: a?.accessibility ?? '', note: a?.note ?? '',
      },
      warn: { item: '', description: '', witnesses: new Set(a ? a.members : []) },
      busy: false, error: null,
    });
  }
  return forms.get(id);
}

async function send(id, what) {
  const f = forms.get(id);
  const row = rows?.find((r) => r.s.id === id);
  f.busy = true;
  f.error = null;
  render();
  try {
    const rec = await what();
    if (row && rec?.session) row.rec = rec;
    f.busy = false;
    return rec;
  } catch (e) {
    if (e.status === 401) { session.expired(); return null; }
    f.busy = false;
    f.error = e.code === 'not_in_progress' ? t('off_e_not_in_progress') : error(e);
    return null;
  } finally {
    render();
  }
}

async function saveAttendance(id) {
  const a = forms.get(id).att;
  const rec = await send(id, () => api('POST', `/api/sessions/${id}/attendance`, {
    candidate_present: a.candidate_present, members: [...a.members],
    workstation: a.workstation.trim(), accessibility: a.accessibility.trim(), note: a.note.trim(),
  }));
  if (rec) {
    forms.get(id).warn.witnesses = new Set(rec.attendance?.members ?? []);
    toast(() => t('off_att_saved', { id }));
    render();
  }
}

/** Standing violations of the record: acts not annulled. */
const standing = (rec) => (rec?.acts || []).filter((a) => a.status !== 'annulled').length;

function askWarning(id) {
  const f = forms.get(id);
  const row = rows.find((r) => r.s.id === id);
  if (!f.warn.item) { f.error = t('off_choose_item'); render(); return; }
  if (f.warn.item === 'other' && !f.warn.description.trim()) { f.error = t('off_describe'); render(); return; }
  if (!f.warn.witnesses.size) { f.error = t('off_choose_witness'); render(); return; }
  f.error = null;
  render();
  pending = { id };
  const removal = standing(row.rec) >= 1;
  const dlg = dialog();
  $('#off-dialog-title').textContent = t(removal ? 'off_confirm_removal_title' : 'off_confirm_warning_title');
  $('#off-dialog-what').textContent = t(removal ? 'off_confirm_removal' : 'off_confirm_warning', {
    item: f.warn.item === 'other' ? f.warn.description.trim() : itemName(f.warn.item),
  });
  $('#off-dialog-act').textContent = t('off_confirm_act');
  $('#off-dialog-confirm').textContent = t(removal ? 'off_remove' : 'off_warn');
  $('#off-dialog-cancel').textContent = t('off_cancel');
  dlg.dataset.step = removal ? 'removal' : 'oral_warning';
  openDialog(dlg);
  $('#off-dialog-confirm').focus();
}

async function recordWarning() {
  const { id } = pending;
  pending = null;
  const w = forms.get(id).warn;
  const rec = await send(id, () => api('POST', `/api/sessions/${id}/oral-warnings`, {
    item: w.item, description: w.item === 'other' ? w.description.trim() : '', witnesses: [...w.witnesses],
  }));
  if (rec) {
    Object.assign(w, { item: '', description: '' });
    toast(() => t(rec.step === 'removal' ? 'off_removed' : 'off_warned', { id }));
    render();
  }
}

async function signAct(id, act) {
  const rec = await send(id, async () => {
    await api('POST', `/api/acts/${act}/sign`, {});
    return api('GET', `/api/sessions/${id}/offline`);
  });
  if (rec) toast(() => t('off_signed', { act }));
}

function dialog() {
  let dlg = $('#off-dialog');
  if (dlg) return dlg;
  dlg = el('dialog', { id: 'off-dialog', class: 'sign-dialog', 'aria-labelledby': 'off-dialog-title', 'aria-describedby': 'off-dialog-what off-dialog-act' },
    el('form', { id: 'off-dialog-form', novalidate: true },
      el('h2', { id: 'off-dialog-title' }),
      el('p', { id: 'off-dialog-what', class: 'strong' }),
      el('p', { id: 'off-dialog-act', class: 'muted' }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', id: 'off-dialog-cancel', onclick: () => { pending = null; closeDialog(dlg); } }),
        el('button', { type: 'submit', id: 'off-dialog-confirm', class: 'danger' }))));
  document.body.append(dlg);
  $('#off-dialog-form').addEventListener('submit', (ev) => { ev.preventDefault(); closeDialog(dlg); if (pending) recordWarning(); });
  return dlg;
}

const loginOf = (rec, user) => rec.members.find((m) => m.user === user)?.login ?? String(user);
const roleName = (r) => (has(`off_role_${r}`) ? t(`off_role_${r}`) : r);

function checkbox(name, label, checked, disabled, onchange) {
  return el('label', { class: 'check' },
    el('input', { type: 'checkbox', name, checked, disabled, onchange: (e) => onchange(e.target.checked) }), ` ${label}`);
}

function textArea(id, key, obj, disabled) {
  const inputId = `off-${id}-${key}`;
  return el('label', { for: inputId }, t(`off_${key}`),
    el('textarea', { id: inputId, name: key, rows: 2, maxlength: 2000, disabled, oninput: (e) => { obj[key] = e.target.value; } }, obj[key]));
}

function attendanceForm(s, rec, f) {
  const a = f.att;
  return el('form', { class: 'off-attendance', 'data-session': s.id, onsubmit: (e) => { e.preventDefault(); if (!f.busy) saveAttendance(s.id); } },
    el('h3', {}, t('off_att_title')),
    checkbox('candidate_present', t('off_candidate_present'), a.candidate_present, f.busy, (v) => { a.candidate_present = v; }),
    el('fieldset', {}, el('legend', {}, t('off_members_present')),
      ...rec.members.map((m) => checkbox('member', `${m.login} (${roleName(m.role)})`, a.members.has(m.user), f.busy,
        (v) => { if (v) a.members.add(m.user); else a.members.delete(m.user); }))),
    textArea(s.id, 'workstation', a, f.busy),
    textArea(s.id, 'accessibility', a, f.busy),
    textArea(s.id, 'note', a, f.busy),
    el('button', { type: 'submit', class: 'primary', disabled: f.busy }, t(rec.attendance ? 'off_att_correct' : 'off_att_save')));
}

function warningForm(s, rec, f) {
  const w = f.warn;
  const present = rec.attendance?.members ?? [];
  const removal = standing(rec) >= 1;
  return el('form', { class: 'off-warning', 'data-session': s.id, onsubmit: (e) => { e.preventDefault(); if (!f.busy) askWarning(s.id); } },
    el('h3', {}, t('off_warn_title')),
    el('p', { class: removal ? 'alert' : 'muted' }, t(removal ? 'off_next_is_removal' : 'off_next_is_warning')),
    el('label', { for: `off-${s.id}-item` }, t('off_item'),
      el('select', { id: `off-${s.id}-item`, name: 'item', disabled: f.busy, onchange: (e) => { w.item = e.target.value; render(); } },
        el('option', { value: '', selected: !w.item }, t('off_item_choose')),
        ...rec.items.map((i) => el('option', { value: i, selected: w.item === i }, itemName(i))))),
    w.item === 'other' ? el('label', { for: `off-${s.id}-description` }, t('off_description'),
      el('input', { id: `off-${s.id}-description`, name: 'description', type: 'text', maxlength: 2000, value: w.description, disabled: f.busy,
        oninput: (e) => { w.description = e.target.value; } })) : null,
    el('fieldset', {}, el('legend', {}, t('off_witnesses')),
      ...present.map((u) => checkbox('witness', loginOf(rec, u), w.witnesses.has(u), f.busy,
        (v) => { if (v) w.witnesses.add(u); else w.witnesses.delete(u); }))),
    el('button', { type: 'submit', class: 'danger', disabled: f.busy }, t(removal ? 'off_remove' : 'off_warn')));
}

function actItem(s, rec, a, f) {
  const present = rec.attendance?.members ?? [];
  const mine = (a.signatures || []).some((x) => x.member === me());
  const canSign = a.status !== 'annulled' && present.includes(me()) && !mine;
  const kind = a.kind === 'offline_removal' ? 'off_act_removal' : 'off_act_warning';
  const item = a.args?.item === 'other' ? a.detail : itemName(a.args?.item ?? a.detail);
  return el('li', { class: `off-act ${a.status}`, 'data-act': a.id },
    el('div', { class: 'card-head' },
      el('h4', {}, t(kind, { id: a.id, time: fmtTime(a.t_ms) })),
      el('div', { class: 'badges' },
        a.status === 'annulled' ? badge(t('off_act_annulled'), 'bad') : badge(t(a.signed ? 'off_act_signed' : 'off_act_unsigned'), a.signed ? 'ok' : 'warn'))),
    el('p', {}, t('off_act_item', { item })),
    el('p', {}, t('off_act_witnesses', { who: (a.witnesses || []).map((u) => loginOf(rec, u)).join(', ') || '—' })),
    el('p', {}, t('off_act_signatures', {
      who: (a.signatures || []).map((x) => `${x.login} (${fmtTime(x.signed_ms)})`).join(', ') || '—',
    })),
    a.status !== 'annulled' && a.missing?.length ? el('p', { class: 'muted' }, t('off_act_missing', { who: a.missing.map((u) => loginOf(rec, u)).join(', ') })) : null,
    canSign ? el('button', { type: 'button', class: 'primary off-sign', disabled: f.busy, onclick: () => signAct(s.id, a.id) }, t('off_sign')) : null);
}

function card({ s, rec }) {
  const f = formOf(s.id, rec);
  const row = (k, v) => [el('dt', {}, t(k)), el('dd', {}, v)];
  const member = !!rec.member;
  const inProgress = rec.session.status === 'in_progress';
  return el('li', { class: 'card off-card', 'data-session': s.id, 'data-status': rec.session.status },
    el('div', { class: 'card-head' },
      el('h2', { tabindex: -1 }, t('off_session', { id: s.id, name: s.full_name || String(s.candidate) })),
      el('div', { class: 'badges' }, badge(statusName(rec.session.status), rec.session.status === 'terminated' ? 'bad' : 'plain'))),
    el('dl', { class: 'facts' },
      ...row('off_programme', s.programme),
      ...row('off_when', `${s.starts}–${s.ends}`),
      ...row('off_place', s.place || '—'),
      ...row('off_commission', rec.commission ? `${rec.commission.name} (${rec.commission.order_no})` : t('off_no_commission'))),
    rec.attendance ? el('p', { class: 'off-recorded', 'data-recorded': 'yes' }, t('off_att_recorded', {
      candidate: t(rec.attendance.candidate_present ? 'off_present' : 'off_absent'),
      who: rec.attendance.members.map((u) => loginOf(rec, u)).join(', '), time: fmtTime(rec.attendance.recorded_ms),
    })) : el('p', { class: 'alert', 'data-recorded': 'no' }, t('off_att_missing')),
    member ? attendanceForm(s, rec, f) : el('p', { class: 'muted' }, t('off_not_member')),
    member && rec.attendance && inProgress ? warningForm(s, rec, f) : null,
    f.error ? el('p', { class: 'error', role: 'alert' }, f.error) : null,
    el('h3', {}, t('off_acts_title')),
    rec.acts.length ? el('ul', { class: 'off-acts' }, ...rec.acts.map((a) => actItem(s, rec, a, f))) : el('p', { class: 'muted' }, t('off_no_acts')));
}

function render() {
  const status = $('#off-status');
  if (!status) return;
  status.classList.toggle('error', !!loadError);
  status.textContent = loadError ? error(loadError) : !rows ? t('loading') : rows.length ? '' : t('off_empty');
  if (day && $('#off-day').value !== day) $('#off-day').value = day;
  $('#off-body').replaceChildren(el('ul', { class: 'sittings' }, ...(rows || []).map(card)));
}

function build() {
  if (!$('#screen-offline')) {
    $('#main').append(el('section', { id: 'screen-offline', class: 'screen', hidden: true },
      el('div', { class: 'screen-head' },
        el('h1', { id: 'offline-title', tabindex: -1, 'data-focus': true, 'data-i18n': 'off_title' }),
        el('button', { id: 'offline-reload', type: 'button', 'data-i18n': 'reload' })),
      el('p', { class: 'muted', 'data-i18n': 'off_intro' }),
      el('label', { for: 'off-day', 'data-i18n': 'off_day' }),
      el('input', { id: 'off-day', type: 'date', onchange: (e) => { day = e.target.value || null; forms.clear(); load(); } }),
      el('p', { id: 'off-status', class: 'queue-status', role: 'status' }),
      el('div', { id: 'off-body' })));
  }
  if (!$('#staff-nav a[data-view="offline"]')) {
    const link = el('a', { href: '#offline-title', 'data-view': 'offline', 'data-i18n': 'off_nav' });
    const after = $('#staff-nav a[data-view="briefing"]') ?? $('#staff-nav a[data-view="scheduling"]');
    if (after) after.after(link); else $('#staff-nav').append(link);
  }
}

export default {
  views: ['offline'],
  roles: ['commission', 'admin'],
  strings: STRINGS,
  mount() {
    build();
    $('#offline-reload').addEventListener('click', () => { forms.clear(); load(); });
  },
  enter: load,
  render,
  reset() { rows = null; loadError = null; forms.clear(); day = null; pending = null; },
};
