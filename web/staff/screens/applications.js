// Applications (seed 002 p.4-6, W1), for the registrar, the head of the
// centre and the administrator: the queue (GET /api/applications: overdue
// first, a search and a status filter); one application with every field,
// its documents (fetched with the token), the completeness check, and the
// actions its state and the reader's roles allow: the registrar concludes the
// contract or prepares a refusal, the head signs the refusal (the password
// asked again) or returns it; and the paper application typed in (the
// candidate's form, apply/form.js), with the applicant's first password shown once.
import { api, apiBlob } from '../../lib/api.js';
import { $, el, openDialog, closeDialog, saveAs } from '../../lib/dom.js';
import { kzToday } from '../../lib/dates.js';
import { session } from '../../lib/session.js';
import { toast } from '../../lib/ui.js';
import { fmtDate, fmtTime, facts, badge, overdueBadge } from '../widgets.js';
import { ApplicationForm } from '../../apply/form.js';
import {
  statusText, channelText, basisText, purposeText, modeText, langText, levelText, typeName, groupName, defectText,
} from '../../apply/status.js';
import { sizeText } from '../../apply/attachments.js';
import { ALL, words, t, error } from './applications.strings.js';

const STATUSES = ['registered', 'refusal_prepared', 'contracted', 'refused', 'withdrawn', 'draft'];
const LIST_MAX = 500;
const EXT = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

let shell = null;
let queue = null; // GET /api/applications
let queueError = null;
const filter = { q: '', status: '' };
let current = null; // { app, error, account, contract: {...}, refusal: {...} | null, ret: {...} | null, busy }
let form = null;
let programmes = null;

const held = () => (session.me ? session.me.roles ?? [session.me.role] : []);
const isRegistrar = () => held().some((r) => r === 'registrar' || r === 'admin');
const isHead = () => held().includes('head');
const dl = (rows) => facts((k) => t(k), rows);

// ---- the queue ----------------------------------------------------------------

async function loadQueue() {
  queueError = null;
  renderQueue();
  const q = new URLSearchParams();
  if (filter.q.trim()) q.set('q', filter.q.trim());
  if (filter.status) q.set('status', filter.status);
  try {
    queue = await api('GET', `/api/applications${q.size ? `?${q}` : ''}`);
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    queueError = e;
  }
  renderQueue();
}

function statusBadge(status) {
  const kind = { contracted: 'ok', refused: 'bad', withdrawn: 'plain', draft: 'plain' }[status] ?? 'warn';
  return badge(statusText(status), `${kind} app-status`);
}

function renderQueue() {
  if (shell.view !== 'applications') return;
  $('#applications-paper').hidden = !isRegistrar();
  const sel = $('#applications-status');
  const value = filter.status;
  sel.replaceChildren(el('option', { value: '' }, t('aq_all')), ...STATUSES.map((s) => el('option', { value: s }, statusText(s))));
  sel.value = value;
  const s = $('#applications-count');
  s.classList.toggle('error', !!queueError);
  const list = queue?.applications ?? [];
  if (queueError) s.textContent = error(queueError);
  else if (!queue) s.textContent = t('loading');
  else {
    s.replaceChildren(...[
      el('span', {}, t('aq_today', { date: fmtDate(queue.today) }), ' '),
      el('span', {}, list.length ? t('aq_count', { n: list.length }) : t('aq_empty')),
      queue.overdue ? el('span', { class: 'overdue-count' }, ` ${t('aq_overdue', { n: queue.overdue })}`) : null,
      list.length >= LIST_MAX ? el('span', {}, ` ${t('aq_capped', { n: LIST_MAX })}`) : null].filter(Boolean));
  }
  $('#applications-list').replaceChildren(...list.map((a) => {
    const headId = `aq-${a.id}`;
    return el('li', { class: `card application${a.overdue ? ' is-overdue' : ''}`, 'data-application': a.id, 'data-status': a.status },
      el('div', { class: 'card-head' },
        el('h3', { id: headId }, a.reg_no ? t('aq_heading', { reg_no: a.reg_no, name: a.full_name ?? '' }) : t('aq_heading_draft', { name: a.full_name ?? '' })),
        el('div', { class: 'badges' }, statusBadge(a.status), a.overdue ? overdueBadge(a.check_due) : null)),
      dl([
        ['ap_fld_iin', a.iin || t('none')],
        ['ap_fld_programme', String(a.programme ?? '')],
        a.registered_date ? ['aq_registered', fmtDate(a.registered_date)] : null,
        a.check_due && ['registered', 'refusal_prepared'].includes(a.status)
          ? ['aq_check_due', el('span', { class: a.overdue ? 'due-overdue' : '' }, fmtDate(a.check_due))] : null,
        ['aq_defects', el('span', { class: a.defects ? 'bad-text' : 'ok-text' }, String(a.defects ?? 0))],
        a.contract_no ? ['aq_contract_no', a.contract_no] : null,
        a.schedule_notice_due ? ['aq_notice_due', fmtDate(a.schedule_notice_due)] : null,
      ]),
      el('div', { class: 'actions start' },
        el('button', { type: 'button', class: 'primary open-application', 'aria-describedby': headId, onclick: () => openApplication(a.id) }, t('aq_open'))));
  }));
}

// ---- one application --------------------------------------------------------------

async function openApplication(id, account = null) {
  current = { id, app: null, error: null, account, contract: { no: '', date: kzToday(), price: '', error: '' }, refusal: null, ret: null, busy: false };
  shell.go('application');
  renderApplication();
  await reloadCurrent();
  $('#application-title').focus();
}

async function reloadCurrent() {
  const id = current.id;
  try {
    const app = await api('GET', `/api/applications/${id}`);
    if (current?.id !== id) return;
    current.app = app;
    current.error = null;
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    current.error = e;
  }
  renderApplication();
}

const value = (x) => (x == null || x === '' ? el('span', { class: 'muted' }, t('aq_empty_value')) : String(x));
const text = (x) => (x == null || x === '' ? value(x) : el('span', { class: 'long-text' }, String(x)));

function renderApplication() {
  if (shell.view !== 'application' || !current) return;
  const a = current.app;
  $('#application-title').textContent = a
    ? (a.reg_no ? t('aq_heading', { reg_no: a.reg_no, name: fullName(a) }) : t('aq_heading_draft', { name: fullName(a) }))
    : t('loading');
  const s = $('#application-status');
  s.classList.toggle('error', !!current.error);
  s.textContent = current.error ? error(current.error) : a ? '' : t('loading');
  if (!a) { $('#application-body').replaceChildren(); return; }
  const p = a.applicant ?? {};
  const consent = (c) => (c?.given ? t('aq_consent_given', { time: fmtTime(c.ms) }) : el('span', { class: 'bad-text' }, t('aq_consent_not')));
  const parts = [
    accountBox(),
    el('section', { class: 'block app-box' },
      el('div', { class: 'card-head' }, el('h2', {}, t('aq_sec_registration')),
        el('div', { class: 'badges' }, statusBadge(a.status), a.overdue ? overdueBadge(a.check_due) : null)),
      dl([
        ['aq_channel', channelText(a.channel)],
        ['aq_registered', fmtDate(a.registered_date)],
        a.check_due ? ['aq_check_due', el('span', { class: a.overdue ? 'due-overdue' : '' }, fmtDate(a.check_due))] : null,
        ['aq_signed_date', fmtDate(a.signed_date)],
        ['aq_created', fmtTime(a.created_ms)],
      ])),
    checkView(a),
    contractView(a),
    refusalView(a),
    actionsPart(a),
    el('section', { class: 'block' }, el('h2', {}, t('fm_sec_applicant')), dl([
      ['ap_fld_surname', value(p.surname)], ['ap_fld_name', value(p.name)], ['ap_fld_patronymic', value(p.patronymic)],
      ['ap_fld_iin', value(p.iin)], ['ap_fld_birth_date', fmtDate(p.birth_date)], ['ap_fld_address', text(p.address)],
      ['ap_fld_email', value(p.email)], ['ap_fld_mobile_phone', value(p.mobile_phone)], ['ap_fld_work_phone', value(p.work_phone)],
    ])),
    el('section', { class: 'block' }, el('h2', {}, t('fm_sec_request')), dl([
      ['ap_fld_programme', `${a.profession ?? ''} (${a.programme ?? ''})`],
      ['ap_fld_language', a.language ? langText(a.language) : value('')],
      ['ap_fld_mode', a.mode ? modeText(a.mode) : value('')],
      ['ap_fld_purpose', a.purpose ? purposeText(a.purpose) : value('')],
      ['ap_fld_claimed_nqf_level', a.claimed_nqf_level ? levelText(a.claimed_nqf_level) : value('')],
      ['aq_earlier', a.earlier_document ? t('aq_earlier_line', { code: a.earlier_document.code ?? '', year: a.earlier_document.valid_until_year ?? '—' }) : t('none')],
      ['ap_fld_basis', basisText(a.basis)],
      a.employer ? ['ap_fld_employer_name', t('aq_employer_line', { name: a.employer.name ?? '', bin: a.employer.bin ?? '' })] : null,
      ['ap_fld_knowledge', text(a.knowledge)],
      ['ap_fld_skills', text(a.skills)],
      ['ap_fld_accessibility', a.accessibility ? text(a.accessibility) : t('none')],
      ['aq_consent_pd', consent(a.consents?.pd_processing)],
      ['aq_consent_nqs', consent(a.consents?.nqs_publication)],
    ])),
    attachmentsView(a),
  ];
  $('#application-body').replaceChildren(...parts.filter(Boolean));
}

const fullName = (a) => [a.applicant?.surname, a.applicant?.name, a.applicant?.patronymic].filter(Boolean).join(' ');

/** The paper entry's new account, kept on the page until another application is opened. */
function accountBox() {
  const acc = current.account;
  if (!acc) return null;
  return el('section', { class: 'account-box', 'aria-labelledby': 'aq-account-title' },
    el('h2', { id: 'aq-account-title' }, t('fm_paper_account')),
    el('p', { class: 'strong' }, t('fm_paper_login', { login: acc.login })),
    el('p', { class: 'strong initial-password' }, t('fm_paper_password', { password: acc.password })),
    el('p', {}, t('fm_paper_password_note')));
}

function attachmentsView(a) {
  const list = a.attachments ?? [];
  return el('section', { class: 'block' }, el('h2', {}, t('fm_sec_attachments')),
    list.length ? el('ul', { class: 'attached' }, ...list.map((x) => {
      const nameId = `aq-att-${x.id}`;
      const line = [x.number ? `№ ${x.number}` : null, x.issuer || null,
        x.issue_date ? t('fm_att_issued', { date: fmtDate(x.issue_date) }) : null,
        x.valid_until ? t('fm_att_valid', { date: fmtDate(x.valid_until) }) : null,
        sizeText(t, x.size), fmtTime(x.uploaded_ms)].filter(Boolean).join(' · ');
      return el('li', { class: 'att', 'data-attachment': x.id, 'data-type': x.type },
        el('div', {}, el('span', { class: 'strong', id: nameId }, typeName(x.type)), el('div', { class: 'small muted' }, line)),
        el('div', { class: 'att-actions' },
          el('button', { type: 'button', class: 'att-download', 'aria-describedby': nameId, onclick: () => download(a, x) }, t('fm_att_download'))));
    })) : el('p', { class: 'muted' }, t('fm_att_none')));
}

async function download(a, x) {
  try {
    const blob = await apiBlob(`/api/applications/${a.id}/attachments/${x.id}`);
    saveAs(blob, `${a.reg_no || a.id}-${x.type}-${x.id}.${EXT[x.content_type] ?? 'bin'}`, x.content_type || blob.type);
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    toast(error(e), 'error');
  }
}

function checkView(a) {
  const defects = a.check?.defects ?? [];
  const groups = a.check?.required ?? [];
  return el('section', { class: 'block check-view', 'aria-labelledby': 'aq-check-title' },
    el('h2', { id: 'aq-check-title' }, t('aq_sec_check')),
    el('p', { class: defects.length ? 'strong bad-text' : 'check-ok' }, defects.length ? t('aq_check_defects', { n: defects.length }) : t('aq_check_ok')),
    defects.length ? el('ul', { class: 'defects', id: 'aq-defects' }, ...defects.map((d) => el('li', { 'data-code': d.code, 'data-subject': d.subject }, defectText(d)))) : null,
    groups.length ? el('h3', {}, t('fm_att_required')) : null,
    groups.length ? el('ul', { class: 'required-groups' }, ...groups.map((g) => el('li', { class: g.present ? 'met' : 'unmet', 'data-group': g.name },
      el('span', { class: 'tick', 'aria-hidden': 'true' }, g.present ? '✓' : '✗'),
      el('span', {}, el('span', { class: 'strong' }, groupName(g.name)), ' — ',
        el('span', { class: g.present ? 'ok-text' : 'bad-text' }, t(g.present ? 'fm_att_met' : 'fm_att_not_met')))))) : null);
}

function contractView(a) {
  const c = a.contract;
  if (!c) return null;
  return el('section', { class: 'block contract-box' }, el('h2', {}, t('aq_contract_view', { no: c.no ?? '', date: fmtDate(c.date) })),
    c.price ? el('p', {}, t('aq_contract_price_line', { price: c.price })) : null,
    c.schedule_notice_due ? el('p', {}, t('aq_contract_notice_line', { date: fmtDate(c.schedule_notice_due) })) : null,
    c.by ? el('p', { class: 'muted' }, t('aq_contract_by', { login: c.by })) : null);
}

function refusalView(a) {
  const r = a.refusal;
  if (!r || !['refusal_prepared', 'refused'].includes(a.status) && !(r.returned?.length)) return null;
  const live = ['refusal_prepared', 'refused'].includes(a.status);
  return el('section', { class: `block refusal-box${a.status === 'refused' ? ' signed' : ''}`, 'aria-labelledby': 'aq-refusal-title' },
    el('h2', { id: 'aq-refusal-title', tabindex: -1 }, t('aq_refusal_view')),
    live ? el('ul', { class: 'defects refusal-defects' }, ...(r.defects ?? []).map((d) => el('li', { 'data-code': d.code }, defectText(d)))) : null,
    live && r.reasoning ? el('div', {}, el('h3', {}, t('aq_reasoning')), el('p', { class: 'reasoning' }, r.reasoning)) : null,
    live && r.prepared_by ? el('p', { class: 'muted' }, t('aq_prepared_by', { login: r.prepared_by, time: fmtTime(r.prepared_ms) })) : null,
    r.signed ? el('p', { class: 'strong signed-line' }, t('aq_signed_by', { login: r.signed.by, time: fmtTime(r.signed.ms) })) : null,
    r.signed && r.sha256 ? el('p', { class: 'small' }, `${t('aq_sha', { algo: 'SHA-256' })}: `, el('code', { class: 'sha' }, r.sha256)) : null,
    ...(r.returned ?? []).map((x) => el('p', { class: 'muted returned-line' }, t('aq_returned_line', { login: x.by, time: fmtTime(x.ms), note: x.note ?? '' }))));
}

// ---- actions ----------------------------------------------------------------------

function actionsPart(a) {
  const out = [];
  if (isRegistrar() && (a.status === 'draft' || a.status === 'registered')) {
    out.push(el('div', { class: 'actions start' },
      el('button', { type: 'button', class: 'edit-application', onclick: () => openForm(a) }, t(a.status === 'draft' ? 'aq_complete_paper' : 'aq_edit'))));
  }
  if (isRegistrar() && a.status === 'registered') out.push(contractForm(a), current.refusal ? refusalForm(a) : el('div', { class: 'actions start' },
    el('button', { type: 'button', class: 'danger prepare-refusal', onclick: () => startRefusal(a) }, t('aq_refusal_title'))));
  if (isHead() && a.status === 'refusal_prepared') out.push(headPart());
  if (!out.length) return null;
  return el('section', { class: 'block actions-box' }, ...out);
}

function contractForm(a) {
  const c = current.contract;
  const defects = a.check?.defects ?? [];
  const blocked = defects.length > 0;
  const input = (k, attrs) => {
    const i = el('input', { id: `aq-contract-${k}`, ...attrs, disabled: blocked || current.busy });
    i.value = c[k] ?? '';
    i.addEventListener('input', () => { c[k] = i.value; });
    return i;
  };
  const f = el('form', { class: 'contract-form', novalidate: true, 'aria-labelledby': 'aq-contract-title', 'aria-describedby': blocked ? 'aq-contract-blocked' : null },
    el('h3', { id: 'aq-contract-title' }, t('aq_contract_title')),
    blocked ? el('p', { id: 'aq-contract-blocked', class: 'note-box blocked-reason' }, t('aq_contract_blocked')) : null,
    el('div', { class: 'grid3' },
      el('div', { class: 'fld' }, el('label', { for: 'aq-contract-no' }, t('aq_contract_number')),
        el('p', { class: 'hint small', id: 'aq-contract-no-hint' }, t('aq_contract_number_hint')),
        input('no', { maxlength: 50, 'aria-describedby': 'aq-contract-no-hint' })),
      el('div', { class: 'fld' }, el('label', { for: 'aq-contract-date' }, t('aq_contract_date')),
        input('date', { type: 'date', max: kzToday() })),
      el('div', { class: 'fld' }, el('label', { for: 'aq-contract-price' }, t('aq_contract_price')),
        el('p', { class: 'hint small', id: 'aq-contract-price-hint' }, t('aq_contract_price_hint')),
        input('price', { maxlength: 100, 'aria-describedby': 'aq-contract-price-hint' }))),
    el('p', { class: 'error', role: 'alert', id: 'aq-contract-error' }, c.error),
    el('div', { class: 'actions start' },
      el('button', { type: 'submit', class: 'primary conclude', disabled: blocked || current.busy, 'aria-describedby': blocked ? 'aq-contract-blocked' : null }, t('aq_contract_submit'))));
  f.addEventListener('submit', (ev) => { ev.preventDefault(); conclude(a); });
  return f;
}

async function act(fn, done, focus) {
  current.busy = true;
  renderApplication();
  try {
    current.app = await fn();
    done?.();
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    current.busy = false;
    await reloadCurrent();
    return error(e);
  } finally {
    current.busy = false;
  }
  queue = null;
  renderApplication();
  if (focus) $(focus)?.focus();
  return '';
}

async function conclude(a) {
  const c = current.contract;
  const body = { contract_date: c.date || undefined };
  if (c.no.trim()) body.contract_no = c.no.trim();
  if (c.price.trim()) body.price = c.price.trim();
  c.error = await act(() => api('POST', `/api/applications/${a.id}/contract`, body),
    () => toast(t('aq_contracted', { no: current.app?.contract?.no ?? '' })), '#application-title') ?? '';
  if (c.error) { renderApplication(); $('#aq-contract-error')?.focus(); }
}

function startRefusal(a) {
  current.refusal = {
    defects: (a.check?.defects ?? []).map((d) => ({ code: d.code, subject: d.subject, note: '' })),
    reasoning: '', error: '', noteErrors: new Set(),
  };
  renderApplication();
  $('#aq-refusal-form-title')?.focus();
}

function refusalForm(a) {
  const r = current.refusal;
  const items = r.defects.map((d, i) => {
    const other = d.code === 'other';
    const noteId = `aq-def-note-${i}`;
    const errId = `${noteId}-err`;
    const bad = r.noteErrors.has(i);
    const note = el('textarea', { id: noteId, rows: other ? 2 : 1, maxlength: 1000, 'aria-describedby': errId, 'aria-invalid': bad ? 'true' : null });
    note.value = d.note;
    const label = `def-label-${i}`;
    return el('li', { class: `refusal-defect${other ? ' other' : ''}`, 'data-code': d.code },
      el('div', { class: 'row' },
        el('span', { class: 'strong', id: label }, other ? t('ap_def_other') : defectText({ code: d.code, subject: d.subject })),
        el('button', { type: 'button', class: 'link-btn remove-defect', 'aria-describedby': label, onclick: () => { r.defects.splice(i, 1); renderApplication(); $('#aq-refusal-form-title')?.focus(); } }, t('aq_remove_defect'))),
      el('label', { for: noteId, class: 'note-label' }, t(other ? 'aq_other_note' : 'aq_defect_note')), note,
      el('p', { class: 'field-error', id: errId }, bad ? t('aq_note_required') : ''));
  });
  // An error goes as soon as its field is filled (the form's own error line with the last one).
  const clearError = () => { if (!r.noteErrors.size && (r.error === t('aq_note_required') || r.reasoning.trim())) { r.error = ''; $('#aq-refusal-error').textContent = ''; } };
  r.defects.forEach((d, i) => {
    const note = items[i].querySelector('textarea');
    note.addEventListener('input', () => {
      d.note = note.value;
      if (d.note.trim() && r.noteErrors.delete(i)) {
        note.removeAttribute('aria-invalid');
        items[i].querySelector('.field-error').textContent = '';
      }
      clearError();
    });
  });
  const reasoning = el('textarea', { id: 'aq-reasoning', rows: 4, maxlength: 4000, 'aria-describedby': 'aq-reasoning-hint aq-refusal-error' });
  reasoning.value = r.reasoning;
  reasoning.addEventListener('input', () => { r.reasoning = reasoning.value; clearError(); });
  const f = el('form', { class: 'refusal-form', novalidate: true, 'aria-labelledby': 'aq-refusal-form-title' },
    el('h3', { id: 'aq-refusal-form-title', tabindex: -1 }, t('aq_refusal_title')),
    el('p', { class: 'muted' }, t('aq_refusal_intro')),
    el('h4', {}, t('aq_refusal_defects')),
    el('ul', { class: 'refusal-defects-edit' }, ...items),
    el('div', {}, el('button', { type: 'button', class: 'add-other', onclick: () => { r.defects.push({ code: 'other', subject: '', note: '' }); renderApplication(); $(`#aq-def-note-${r.defects.length - 1}`)?.focus(); } }, t('aq_add_other'))),
    el('label', { for: 'aq-reasoning' }, t('aq_reasoning')),
    el('p', { class: 'hint small', id: 'aq-reasoning-hint' }, t('aq_reasoning_hint')),
    reasoning,
    el('p', { class: 'error', role: 'alert', id: 'aq-refusal-error' }, r.error),
    el('div', { class: 'actions start' },
      el('button', { type: 'submit', class: 'primary send-refusal', disabled: current.busy }, t('aq_refusal_submit')),
      el('button', { type: 'button', onclick: () => { current.refusal = null; renderApplication(); } }, t('aq_refusal_cancel'))));
  f.addEventListener('submit', (ev) => { ev.preventDefault(); prepareRefusal(a); });
  return f;
}

async function prepareRefusal(a) {
  const r = current.refusal;
  r.noteErrors = new Set(r.defects.map((d, i) => (d.code === 'other' && !d.note.trim() ? i : -1)).filter((i) => i >= 0));
  r.error = !r.defects.length ? t('aq_no_defects_left') : r.noteErrors.size ? t('aq_note_required') : !r.reasoning.trim() ? t('aq_reasoning_required') : '';
  if (r.error) {
    renderApplication();
    const first = [...r.noteErrors][0];
    (first !== undefined ? $(`#aq-def-note-${first}`) : !r.defects.length ? $('#aq-refusal-form-title') : $('#aq-reasoning'))?.focus();
    return;
  }
  const body = {
    defects: r.defects.map((d) => ({ code: d.code, subject: d.subject, note: d.note.trim() })),
    reasoning: r.reasoning.trim(),
  };
  const err = await act(() => api('POST', `/api/applications/${a.id}/refusal`, body), () => {
    current.refusal = null;
    toast(t('aq_refusal_prepared'));
  }, '#aq-refusal-title');
  if (err) { r.error = err; renderApplication(); $('#aq-refusal-error')?.focus(); }
}

// ---- the head: sign or return ----------------------------------------------------------

function headPart() {
  const ret = current.ret;
  return el('div', { class: 'head-actions' },
    el('div', { class: 'actions start' },
      el('button', { type: 'button', class: 'primary sign-refusal', disabled: current.busy, onclick: openSign }, t('aq_sign')),
      ret ? null : el('button', { type: 'button', class: 'return-refusal', onclick: () => { current.ret = { note: '', error: '' }; renderApplication(); $('#aq-return-note')?.focus(); } }, t('aq_return'))),
    ret ? returnForm(ret) : null);
}

function returnForm(ret) {
  const note = el('textarea', { id: 'aq-return-note', rows: 2, maxlength: 1000, 'aria-describedby': 'aq-return-error' });
  note.value = ret.note;
  note.addEventListener('input', () => { ret.note = note.value; });
  const f = el('form', { class: 'return-form', novalidate: true },
    el('label', { for: 'aq-return-note' }, t('aq_return_note')), note,
    el('p', { class: 'error', role: 'alert', id: 'aq-return-error' }, ret.error),
    el('div', { class: 'actions start' },
      el('button', { type: 'submit', class: 'send-return', disabled: current.busy }, t('aq_return_submit')),
      el('button', { type: 'button', onclick: () => { current.ret = null; renderApplication(); } }, t('aq_refusal_cancel'))));
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!ret.note.trim()) { ret.error = t('reason_required'); renderApplication(); $('#aq-return-note')?.focus(); return; }
    const err = await act(() => api('POST', `/api/applications/${current.id}/refusal/return`, { note: ret.note.trim() }),
      () => { current.ret = null; toast(t('aq_returned')); }, '#application-title');
    if (err) { ret.error = err; renderApplication(); }
  });
  return f;
}

/** The dialog of the signature, built once: the legal warning, the password, its error tied to the field. */
function buildSignDialog() {
  if ($('#sign-dialog')) return;
  const d = el('dialog', { id: 'sign-dialog', class: 'sign-dialog', 'aria-labelledby': 'sign-title', 'aria-describedby': 'sign-legal' },
    el('form', { id: 'sign-form', novalidate: true },
      el('h2', { id: 'sign-title', 'data-i18n': 'aq_sign_title' }),
      el('p', { id: 'sign-legal', class: 'legal', 'data-i18n': 'aq_sign_legal' }),
      el('label', { for: 'sign-password', 'data-i18n': 'aq_sign_password' }),
      el('p', { id: 'sign-password-hint', class: 'hint small', 'data-i18n': 'aq_sign_password_hint' }),
      el('input', { id: 'sign-password', type: 'password', autocomplete: 'current-password', 'aria-describedby': 'sign-password-hint sign-error', required: true }),
      el('p', { id: 'sign-error', class: 'error', role: 'alert' }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', id: 'sign-cancel', 'data-i18n': 'aq_sign_cancel', onclick: () => closeDialog(d) }),
        el('button', { type: 'submit', id: 'sign-confirm', class: 'danger', 'data-i18n': 'aq_sign_confirm' }))));
  document.body.append(d);
  $('#sign-form').addEventListener('submit', (ev) => { ev.preventDefault(); sign(); });
}

function openSign() {
  const d = $('#sign-dialog');
  $('#sign-password').value = '';
  $('#sign-password').removeAttribute('aria-invalid');
  $('#sign-error').textContent = '';
  openDialog(d);
  $('#sign-password').focus();
}

async function sign() {
  const pw = $('#sign-password');
  const err = $('#sign-error');
  const button = $('#sign-confirm');
  if (!pw.value) { err.textContent = t('aq_password_missing'); pw.setAttribute('aria-invalid', 'true'); pw.focus(); return; }
  button.disabled = true;
  err.textContent = '';
  try {
    current.app = await api('POST', `/api/applications/${current.id}/refusal/sign`, { password: pw.value });
    pw.value = '';
    closeDialog($('#sign-dialog'));
    toast(t('aq_signed'));
    queue = null;
    renderApplication();
    $('#aq-refusal-title')?.focus();
  } catch (e) {
    if (e.status === 401) { closeDialog($('#sign-dialog')); session.expired(); return; }
    err.textContent = error(e);
    pw.value = '';
    pw.setAttribute('aria-invalid', 'true');
    pw.focus();
  } finally {
    button.disabled = false;
  }
}

// ---- the paper application (and corrections) ---------------------------------------------------

async function openForm(app = null) {
  shell.go('application-form');
  const root = $('#application-form-root');
  root.replaceChildren(el('p', { role: 'status' }, t('loading')));
  try {
    if (!programmes) programmes = await api('GET', '/api/applications/programmes');
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    root.replaceChildren(el('p', { class: 'error', role: 'alert' }, error(e)));
    return;
  }
  let account = null;
  const back = () => { form = null; if (form0.app) openApplication(form0.app.id, account); else shell.show('applications'); };
  const form0 = new ApplicationForm(root, {
    words, staff: true, app, programmes: Array.isArray(programmes) ? programmes : [],
    back,
    expired: () => session.expired(),
    created: (r) => { account = { login: r.applicant?.iin ?? '', password: r.initial_password }; },
    submitted: (r, message) => { toast(message); form = null; queue = null; openApplication(r.id, account ?? form0.account); },
  });
  form = form0;
  form.render();
  $('#ap-form-title')?.focus();
}

export default {
  views: ['applications', 'application', 'application-form'],
  roles: ['registrar', 'head', 'admin'],
  strings: ALL,
  mount(s) {
    shell = s;
    buildSignDialog();
    $('#applications-reload').addEventListener('click', loadQueue);
    $('#applications-paper').addEventListener('click', () => openForm(null));
    $('#application-back').addEventListener('click', () => { current = null; shell.show('applications'); });
    $('#applications-q').addEventListener('input', (e) => { filter.q = e.target.value; });
    $('#applications-status').addEventListener('change', (e) => { filter.status = e.target.value; loadQueue(); });
    $('#applications-filter').addEventListener('submit', (ev) => { ev.preventDefault(); loadQueue(); });
  },
  enter(view) { if (view === 'applications') loadQueue(); },
  render(view) {
    if (view === 'applications') renderQueue();
    else if (view === 'application') renderApplication();
    else form?.redraw();
  },
  reset() {
    queue = null; queueError = null; current = null; form = null; programmes = null; filter.q = ''; filter.status = '';
    $('#applications-q').value = '';
  },
};
