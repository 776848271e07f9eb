// Tanu: the candidate's application page (apply.html). Not signed in: sign in
// (lib/session.js) or register (POST /api/register: signed in at once, the
// token kept as the exam page keeps it). Signed in: "My applications" (GET
// /api/applications/mine: the status in words, the numbers and dates, the
// contract or the refusal with each defect in words and its reasoning) and a
// new application (form.js). Kazakh by default, Russian and English.
import { applyStatic, onLangChange, setLang } from '../lib/i18n.js';
import { api, auth } from '../lib/api.js';
import { $, el, showScreen } from '../lib/dom.js';
import { dmy, dmyTime, kzToday } from '../lib/dates.js';
import { toast, languageChoice } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { words, t } from './strings.js';
import { ApplicationForm, formError, namedField } from './form.js';
import {
  statusText, channelText, defectText, fieldName, langText, modeText,
} from './status.js';

const PREFILL_KEY = 'tanu.apply.prefill'; // what the candidate gave at registration: the first form's applicant

let screen = null;
let mine = null; // GET /api/applications/mine
let mineError = null;
let programmes = null; // GET /api/applications/programmes
let form = null; // the ApplicationForm shown
let withdrawing = null; // the id whose withdrawal is being confirmed
const reg = { v: {}, errors: {}, error: '', busy: false };

function go(name) {
  screen = name;
  $('#logout').hidden = !session.hasToken || name === 'login' || name === 'register';
  showScreen(name);
}

// ---- signing in, registering -------------------------------------------------------

function showLogin(message = '') {
  $('#login-error').textContent = message;
  go('login');
  $('#login').focus();
}

const REG_FIELDS = [
  ['login', 'reg_login', { autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', maxlength: 64 }, 'reg_login_hint'],
  ['password', 'reg_password', { type: 'password', autocomplete: 'new-password', maxlength: 200 }, 'reg_password_hint'],
  ['password2', 'reg_password2', { type: 'password', autocomplete: 'new-password', maxlength: 200 }],
  ['iin', null, { inputmode: 'numeric', maxlength: 12, autocomplete: 'off' }, 'fm_iin_hint'],
  ['surname', null, { autocomplete: 'family-name', maxlength: 100 }],
  ['name', null, { autocomplete: 'given-name', maxlength: 100 }],
  ['patronymic', null, { autocomplete: 'additional-name', maxlength: 100 }],
  ['birth_date', null, { type: 'date', autocomplete: 'bday' }],
  ['email', null, { type: 'email', autocomplete: 'email', autocapitalize: 'none', spellcheck: 'false', maxlength: 100 }],
  ['mobile_phone', null, { type: 'tel', autocomplete: 'tel', maxlength: 100 }, 'fm_phone_hint'],
];
const OPTIONAL = new Set(['patronymic']);

function renderRegister() {
  const parts = REG_FIELDS.map(([name, label, attrs, hint]) => {
    const id = `reg-${name}`;
    const err = reg.errors[name] ?? '';
    const input = el('input', { id, name, ...attrs });
    input.value = reg.v[name] ?? '';
    input.addEventListener('input', () => { reg.v[name] = input.value; });
    input.setAttribute('aria-describedby', [hint ? `${id}-hint` : null, `${id}-err`].filter(Boolean).join(' '));
    if (err) input.setAttribute('aria-invalid', 'true');
    if (!OPTIONAL.has(name)) input.setAttribute('aria-required', 'true');
    return el('div', { class: `fld${err ? ' has-error' : ''}` },
      el('label', { for: id }, label ? t(label) : fieldName(name), OPTIONAL.has(name) ? null : el('span', { class: 'req', 'aria-hidden': 'true' }, ' *')),
      hint ? el('p', { class: 'hint small', id: `${id}-hint` }, t(hint)) : null,
      input,
      el('p', { class: 'field-error', id: `${id}-err` }, err));
  });
  $('#reg-form').replaceChildren(...parts,
    el('p', { id: 'reg-error', class: 'error', role: 'alert' }, reg.error),
    el('button', { type: 'submit', class: 'primary', id: 'reg-submit', disabled: reg.busy }, t(reg.busy ? 'reg_busy' : 'reg_submit')));
}

function showRegister() {
  go('register');
  renderRegister();
  $('#reg-title').focus();
}

/** What the page can tell before asking the server: the required fields, the password twice. */
function registerErrors(v) {
  const e = {};
  for (const [name] of REG_FIELDS) if (!OPTIONAL.has(name) && !String(v[name] ?? '').trim()) e[name] = t('fm_err_missing');
  if (!e.password && String(v.password).length < 8) e.password = t('reg_password_short');
  if (!e.password2 && v.password2 !== v.password) e.password2 = t('reg_password_mismatch');
  if (!e.iin && !/^\d{12}$/.test(String(v.iin).trim())) e.iin = t('e_bad_iin');
  return e;
}

async function register(ev) {
  ev.preventDefault();
  if (reg.busy) return;
  const v = reg.v;
  reg.errors = registerErrors(v);
  reg.error = '';
  const first = REG_FIELDS.find(([n]) => reg.errors[n]);
  if (first) {
    reg.error = t('reg_fix');
    renderRegister();
    $(`#reg-${first[0]}`).focus();
    return;
  }
  const body = {};
  for (const [name] of REG_FIELDS) if (name !== 'password2') body[name] = name.startsWith('password') ? v[name] : String(v[name] ?? '').trim();
  reg.busy = true;
  renderRegister();
  try {
    const r = await api('POST', '/api/register', body);
    auth.set(r.token);
    session.me = null;
    const { login, password, ...prefill } = body;
    try { sessionStorage.setItem(PREFILL_KEY, JSON.stringify(prefill)); } catch { /* ignore */ }
    reg.v = {};
    reg.busy = false;
    toast(() => t('reg_done'));
    await loadMine();
    return;
  } catch (e) {
    reg.busy = false;
    const field = e.code === 'login_taken' ? 'login'
      : ['iin_registered', 'bad_iin', 'iin_birth_mismatch'].includes(e.code) ? 'iin' : namedField(e.message);
    reg.error = formError(words, e);
    if (field && REG_FIELDS.some(([n]) => n === field)) reg.errors = { [field]: reg.error };
    renderRegister();
    if (field) $(`#reg-${field}`)?.focus();
  }
}

// ---- my applications ---------------------------------------------------------------

async function loadMine() {
  form = null;
  mineError = null;
  go('mine');
  renderMine();
  try {
    const me = await session.account();
    if (me.role !== 'candidate') { await session.signOut(t('not_candidate', { role: me.role })); return; }
    const r = await api('GET', '/api/applications/mine');
    mine = Array.isArray(r) ? r : (r?.applications ?? []);
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    mineError = e;
  }
  renderMine();
}

function renderMine() {
  if (screen !== 'mine') return;
  const s = $('#mine-status');
  s.classList.toggle('error', !!mineError);
  if (mineError) s.textContent = words.error(mineError);
  else if (!mine) s.textContent = t('loading');
  else s.textContent = mine.length ? '' : t('mine_empty');
  $('#mine-list').replaceChildren(...(mine ?? []).map(card));
}

const row = (label, value) => [el('dt', {}, label), el('dd', {}, value)];

function card(a) {
  const headId = `app-${a.id}`;
  const today = kzToday();
  // An unsigned refusal is the centre's draft: the candidate sees the check going on.
  const shown = a.status === 'refusal_prepared' ? 'registered' : a.status;
  const late = (a.status === 'registered' || a.status === 'refusal_prepared') && a.check_due && today > a.check_due;
  const kind = { contracted: 'ok', refused: 'bad', withdrawn: 'plain', draft: 'plain' }[shown] ?? 'warn';
  return el('li', { class: `card application status-${shown}`, 'data-application': a.id, 'data-status': shown },
    el('div', { class: 'card-head' },
      el('h2', { id: headId }, `${a.profession || a.programme || ''}`),
      el('div', { class: 'badges' }, el('span', { class: `badge ${kind} app-status` }, statusText(shown)))),
    el('dl', { class: 'facts' },
      ...row(t('row_reg_no'), a.reg_no ? el('span', { class: 'reg-no' }, a.reg_no) : t('not_given')),
      ...(a.channel ? row(t('row_channel'), channelText(a.channel)) : []),
      ...(a.registered_date ? row(t('row_registered'), dmy(a.registered_date)) : row(t('row_created'), dmyTime(a.created_ms, false))),
      ...(a.check_due && shown === 'registered' ? row(t('row_check_due'), el('span', { class: late ? 'due-overdue' : '' }, dmy(a.check_due))) : []),
      ...(a.signed_date ? row(t('row_signed'), dmy(a.signed_date)) : []),
      ...(a.language ? row(fieldName('language'), langText(a.language)) : []),
      ...(a.mode ? row(fieldName('mode'), modeText(a.mode)) : []),
      ...row(t('row_documents'), String(a.attachments?.length ?? 0))),
    late ? el('p', { class: 'error' }, t('check_overdue')) : null,
    contractPart(a),
    a.status === 'refused' ? refusalPart(a) : null,
    actions(a, headId));
}

function contractPart(a) {
  const c = a.contract;
  if (!c) return null;
  return el('section', { class: 'contract-box', 'aria-label': t('contract_title') },
    el('h3', {}, t('contract_title')),
    el('p', { class: 'strong' }, t('contract_line', { no: c.no ?? '—', date: dmy(c.date) })),
    c.price ? el('p', {}, t('contract_price', { price: c.price })) : null,
    c.schedule_notice_due ? el('p', {}, t('contract_notice', { date: dmy(c.schedule_notice_due) })) : null);
}

function refusalPart(a) {
  const r = a.refusal ?? {};
  return el('section', { class: 'refusal-box', 'aria-labelledby': `refusal-${a.id}` },
    el('h3', { id: `refusal-${a.id}` }, t('refusal_title')),
    el('p', {}, t('refusal_intro')),
    el('ul', { class: 'defects refusal-defects' }, ...(r.defects ?? []).map((d) => el('li', { 'data-code': d.code }, defectText(d)))),
    r.reasoning ? el('div', {}, el('h4', {}, t('refusal_reasoning')), el('p', { class: 'reasoning' }, r.reasoning)) : null,
    r.signed?.ms ? el('p', { class: 'muted' }, t('refusal_signed', { date: dmyTime(r.signed.ms, false) })) : null,
    el('p', {}, t('refusal_again')));
}

function actions(a, headId) {
  const buttons = [];
  if (a.status === 'draft') {
    buttons.push(el('button', { type: 'button', class: 'primary continue', 'aria-describedby': headId, onclick: () => openForm(a) }, t('mine_continue')));
  }
  if (a.status === 'draft' || a.status === 'registered') {
    if (withdrawing === a.id) {
      return el('div', { class: 'confirm-box', role: 'alert' },
        el('p', { class: 'strong' }, t('mine_withdraw_confirm')),
        el('div', { class: 'actions start' },
          el('button', { type: 'button', class: 'danger withdraw-yes', onclick: () => withdraw(a) }, t('mine_withdraw_yes')),
          el('button', { type: 'button', class: 'withdraw-no', onclick: () => { withdrawing = null; renderMine(); } }, t('mine_withdraw_no'))));
    }
    buttons.push(el('button', {
      type: 'button', class: 'link-btn withdraw', 'aria-describedby': headId,
      onclick: () => { withdrawing = a.id; renderMine(); $(`[data-application="${a.id}"] .withdraw-no`)?.focus(); },
    }, t('mine_withdraw')));
  }
  return buttons.length ? el('div', { class: 'actions start' }, ...buttons) : null;
}

async function withdraw(a) {
  try {
    await api('POST', `/api/applications/${a.id}/withdraw`, {});
    withdrawing = null;
    toast(() => t('mine_withdrawn'));
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    toast(formError(words, e), 'error');
  }
  await loadMine();
}

// ---- the form ------------------------------------------------------------------------

async function openForm(app = null) {
  go('form');
  $('#form-root').replaceChildren(el('p', { role: 'status' }, t('loading')));
  try {
    if (!programmes) programmes = await api('GET', '/api/applications/programmes');
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    $('#form-root').replaceChildren(el('p', { class: 'error', role: 'alert' }, words.error(e)),
      el('button', { type: 'button', onclick: loadMine }, t('fm_back')));
    return;
  }
  let prefill = {};
  try { prefill = JSON.parse(sessionStorage.getItem(PREFILL_KEY) || '{}'); } catch { /* none */ }
  const last = (mine ?? []).find((x) => x.applicant);
  if (!app && last) prefill = { ...last.applicant, ...prefill };
  form = new ApplicationForm($('#form-root'), {
    words, app, prefill, programmes: Array.isArray(programmes) ? programmes : [],
    back: () => loadMine(),
    expired: () => session.expired(),
    submitted: (r, message) => { toast(message); loadMine(); },
  });
  form.render();
  $('#ap-form-title')?.focus();
}

// ---- start ---------------------------------------------------------------------------

/** Kazakh unless the candidate chose otherwise here before or the browser asks for Russian or English. */
function defaultLanguage() {
  let saved = null;
  try { saved = localStorage.getItem('tanu.lang'); } catch { /* none */ }
  if (saved) return;
  const asked = (navigator.languages?.length ? navigator.languages : [navigator.language || '']).map((l) => String(l).toLowerCase().split('-')[0]);
  const first = asked.find((l) => ['kk', 'ru', 'en'].includes(l));
  if (!first) setLang('kk');
}

function boot() {
  defaultLanguage();
  applyStatic(words);
  languageChoice();
  onLangChange(() => {
    applyStatic(words);
    if (screen === 'mine') renderMine();
    if (screen === 'register') renderRegister();
    if (screen === 'form') form?.redraw();
  });
  session.start(words, {
    signedIn: loadMine,
    showLogin,
    reset: () => { mine = null; form = null; programmes = null; withdrawing = null; },
  });
  $('#to-register').addEventListener('click', showRegister);
  $('#to-login').addEventListener('click', () => showLogin());
  $('#reg-form').addEventListener('submit', register);
  $('#mine-reload').addEventListener('click', loadMine);
  $('#mine-new').addEventListener('click', () => openForm(null));
  if (!session.hasToken) { showLogin(); return; }
  loadMine();
}

boot();
