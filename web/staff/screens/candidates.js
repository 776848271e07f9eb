// The candidates (admin, registrar): the search by IIN or name (GET
// /api/candidates?q=), a candidate's card (GET /api/candidates/{id}) with the
// ID photo on file (GET /api/candidates/{id}/photo) and its upload or
// replacement (PUT /api/candidates/{id}/photo: a refusal such as "no face" or
// "several faces" shown in words), and the registration of a new candidate
// (POST /api/candidates). The screen draws its own view (section#screen-candidates).
import { api, apiBlob, auth, ApiError } from '../../lib/api.js';
import { $, el } from '../../lib/dom.js';
import { session } from '../../lib/session.js';
import { toast } from '../../lib/ui.js';
import { fmtDate, facts, badge } from '../widgets.js';
import STRINGS, { t, error } from './candidates.strings.js';
import { personalFileButton } from './person.js';

const MAX_PHOTO = 4 * 1024 * 1024;

let list = null; // search results
let query = '';
let loadError = null;
let open = null; // {brief, card|null, cardError|null, photoUrl|null, photoState: 'loading'|'none'|'shown'|'failed', photoError, uploadError}
let creating = null; // the form's values
let formError = '';

const said = (m) => (typeof m === 'function' ? m() : m || ''); // messages kept as functions follow the language
const say = (e) => (e?.code === 'login_taken' ? t('cd_login_taken') : e?.code === 'q_too_long' ? t('cd_q_too_long') : error(e));
const expired = (e) => { if (e?.status === 401) { session.expired(); return true; } return false; };

async function search() {
  if ([...query].length > 100) { loadError = { code: 'q_too_long' }; render(); return; }
  try {
    list = await api('GET', `/api/candidates?q=${encodeURIComponent(query.trim())}`);
    loadError = null;
  } catch (e) {
    if (expired(e)) return;
    loadError = e;
  }
  render();
}

function forgetPhoto() {
  if (open?.photoUrl) URL.revokeObjectURL(open.photoUrl);
}

async function loadPhoto() {
  const me = open;
  forgetPhoto();
  me.photoUrl = null;
  me.photoState = 'loading';
  render();
  try {
    const blob = await apiBlob(`/api/candidates/${me.brief.id}/photo`);
    if (open !== me) return;
    me.photoUrl = URL.createObjectURL(blob);
    me.photoState = 'shown';
  } catch (e) {
    if (expired(e) || open !== me) return;
    if (e.status === 404) me.photoState = 'none';
    else { me.photoState = 'failed'; me.photoError = () => error(e); }
  }
  render();
}

async function openCandidate(brief) {
  forgetPhoto();
  open = { brief, card: null, cardError: null, photoUrl: null, photoState: 'loading', photoError: '', uploadError: '' };
  creating = null;
  render();
  const me = open;
  try {
    me.card = await api('GET', `/api/candidates/${brief.id}`);
  } catch (e) {
    if (expired(e)) return;
    me.cardError = e;
  }
  if (open !== me) return;
  render();
  $('#cd-card h2')?.focus();
  loadPhoto();
}

/** PUT the file's bytes as they are (api() sends JSON only). */
async function putPhoto(id, file) {
  const headers = { 'Content-Type': file.type || 'image/jpeg' };
  if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
  let res;
  try {
    res = await fetch(`/api/candidates/${id}/photo`, { method: 'PUT', headers, body: file, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (res.ok) return;
  let data = null;
  try { data = await res.json(); } catch { /* not JSON */ }
  throw new ApiError(res.status, data?.error || `http_${res.status}`, data?.message || '');
}

async function upload(ev) {
  ev.preventDefault();
  const me = open;
  const file = $('#cd-photo-file')?.files?.[0];
  const problem = !file ? 'cd_photo_choose' : file.size > MAX_PHOTO ? 'cd_photo_too_big'
    : file.type && !['image/jpeg', 'image/png'].includes(file.type) ? 'cd_photo_type' : '';
  me.uploadError = problem ? () => t(problem) : '';
  if (me.uploadError) { render(); return; }
  const button = $('#cd-photo-send');
  button.disabled = true;
  try {
    await putPhoto(me.brief.id, file);
    toast(t('cd_photo_saved'), 'ok');
    me.uploadError = '';
    me.brief.photo = true;
    for (const c of list ?? []) if (c.id === me.brief.id) c.photo = true;
    await loadPhoto();
  } catch (e) {
    if (expired(e)) return;
    me.uploadError = () => say(e);
    render();
  } finally {
    button.disabled = false;
  }
}

/** The date of birth an IIN gives (YYMMDD and the century digit 1-6), or ''. */
function birthOfIin(iin) {
  if (!/^\d{12}$/.test(iin)) return '';
  const c = Number(iin[6]);
  if (c < 1 || c > 6) return '';
  const year = 1800 + 100 * Math.floor((c - 1) / 2) + Number(iin.slice(0, 2));
  const d = `${year}-${iin.slice(2, 4)}-${iin.slice(4, 6)}`;
  const x = new Date(`${d}T00:00:00Z`);
  return Number.isNaN(x.getTime()) || x.toISOString().slice(0, 10) !== d ? '' : d;
}

async function create(ev) {
  ev.preventDefault();
  const f = creating;
  const body = {
    iin: f.iin.trim(), full_name: f.full_name.trim(), birth_date: f.birth_date, email: f.email.trim(),
    phone: f.phone.trim(), login: f.login.trim(), password: f.password,
  };
  const problem = !/^\d{12}$/.test(body.iin) ? 'cd_check_iin' : !body.full_name ? 'cd_check_name'
    : !body.birth_date ? 'cd_check_birth' : !body.login || body.login.length > 64 ? 'cd_check_login'
      : body.password.length < 8 || body.password.length > 128 ? 'cd_check_password' : '';
  formError = problem ? () => t(problem) : '';
  if (formError) { render(); return; }
  const button = $('#cd-create');
  button.disabled = true;
  try {
    const made = await api('POST', '/api/candidates', body);
    toast(t('cd_created', { name: body.full_name }), 'ok');
    creating = null;
    formError = '';
    query = body.iin;
    $('#cd-q').value = query;
    await search();
    openCandidate({ id: made.id, login: body.login, iin: body.iin, full_name: body.full_name, birth_date: body.birth_date, photo: false });
  } catch (e) {
    if (expired(e)) return;
    formError = () => say(e);
    render();
  } finally {
    button.disabled = false;
  }
}

// ---- drawing ----------------------------------------------------------------------

const field = (label, input) => el('label', { class: 'field' }, el('span', {}, t(label)), input);

function table() {
  if (!list?.length) return null;
  const head = el('tr', {}, ...['cd_col_name', 'cd_col_iin', 'cd_col_birth', 'cd_col_login', 'cd_col_photo', null]
    .map((k) => el('th', { scope: 'col' }, k ? t(k) : '')));
  const rows = list.map((c) => el('tr', { class: open?.brief.id === c.id ? 'cd-row is-open' : 'cd-row', 'data-id': c.id },
    el('td', {}, c.full_name), el('td', { class: 'mono' }, c.iin), el('td', {}, fmtDate(c.birth_date)),
    el('td', {}, c.login),
    el('td', {}, c.photo ? badge(t('cd_has_photo'), 'ok') : badge(t('cd_no_photo'), 'warn')),
    el('td', {}, el('button', { type: 'button', class: 'cd-open', onclick: () => openCandidate(c) }, t('cd_open')))));
  return el('div', { class: 'table-wrap' }, el('table', { class: 'cd-table' }, el('thead', {}, head), el('tbody', {}, ...rows)));
}

function photoBox() {
  const o = open;
  const name = o.card?.full_name ?? o.brief.full_name;
  let shown;
  if (o.photoState === 'shown') shown = el('img', { id: 'cd-photo', class: 'cd-photo', src: o.photoUrl, alt: t('cd_photo_alt', { name }) });
  else if (o.photoState === 'none') shown = el('p', { class: 'muted', id: 'cd-photo-none' }, t('cd_photo_none'));
  else if (o.photoState === 'failed') shown = el('p', { class: 'error' }, t('cd_photo_failed', { msg: said(o.photoError) }));
  else shown = el('p', { class: 'muted' }, t('cd_photo_loading'));
  const form = el('form', { class: 'cd-photo-form', novalidate: true, onsubmit: upload },
    field('cd_photo_pick', el('input', { type: 'file', id: 'cd-photo-file', accept: 'image/jpeg,image/png' })),
    el('p', { class: 'error', role: 'alert', id: 'cd-photo-error' }, said(o.uploadError)),
    el('button', { type: 'submit', id: 'cd-photo-send', class: 'primary' },
      t(o.photoState === 'shown' ? 'cd_photo_replace' : 'cd_photo_upload')));
  return el('section', { class: 'block cd-photo-box' }, el('h3', {}, t('cd_photo_title')), shown, form);
}

function cardView() {
  if (!open) return null;
  const c = open.card ?? open.brief;
  return el('article', { class: 'card cd-card', id: 'cd-card' },
    el('div', { class: 'card-head' }, el('h2', { tabindex: '-1' }, t('cd_card_title', { name: c.full_name })),
      personalFileButton(open.brief.id, c.full_name, 'candidates'),
      el('button', { type: 'button', class: 'link-btn', onclick: () => { forgetPhoto(); open = null; render(); } }, t('cd_close'))),
    el('div', { class: 'cd-card-body' },
      el('div', {},
        facts(t, [
          ['cd_col_iin', c.iin], ['cd_col_birth', fmtDate(c.birth_date)], ['cd_col_login', c.login],
          open.card ? ['cd_email', open.card.email || t('none')] : null,
          open.card ? ['cd_phone', open.card.phone || t('none')] : null,
          open.card ? ['cd_sittings', String(open.card.sessions?.length ?? 0)] : null,
        ]),
        open.cardError ? el('p', { class: 'muted' }, open.cardError.status === 403 ? t('cd_details_forbidden') : error(open.cardError)) : null),
      photoBox()));
}

function formView() {
  if (!creating) return null;
  const input = (key, type = 'text', extra = {}) => el('input', {
    type, id: `cd-f-${key}`, value: creating[key] ?? '', ...extra,
    oninput: (e) => {
      creating[key] = e.target.value;
      if (key === 'iin') {
        const b = birthOfIin(e.target.value.trim());
        if (b) { creating.birth_date = b; $('#cd-f-birth_date').value = b; }
      }
    },
  });
  return el('form', { class: 'card cd-form', novalidate: true, onsubmit: create },
    el('h2', {}, t('cd_form_title')),
    el('div', { class: 'cd-grid' },
      field('cd_f_iin', input('iin', 'text', { inputmode: 'numeric', maxlength: 12, autocomplete: 'off' })),
      field('cd_f_name', input('full_name', 'text', { maxlength: 300 })),
      field('cd_f_birth', input('birth_date', 'date')),
      field('cd_f_email', input('email', 'email', { maxlength: 254 })),
      field('cd_f_phone', input('phone', 'tel', { maxlength: 32 })),
      field('cd_f_login', input('login', 'text', { maxlength: 64, autocomplete: 'off' })),
      field('cd_f_password', input('password', 'text', { maxlength: 128, autocomplete: 'new-password' }))),
    el('p', { class: 'error', role: 'alert', id: 'cd-form-error' }, said(formError)),
    el('div', { class: 'row' },
      el('button', { type: 'submit', id: 'cd-create', class: 'primary' }, t('cd_create')),
      el('button', { type: 'button', onclick: () => { creating = null; formError = ''; render(); } }, t('cd_cancel'))));
}

function render() {
  const status = $('#cd-status');
  if (!status) return;
  status.textContent = loadError ? say(loadError) : list === null ? t('cd_loading')
    : !list.length ? t('cd_none') : list.length >= 100 ? t('cd_first_100') : '';
  $('#cd-form').replaceChildren(...[formView()].filter(Boolean));
  $('#cd-open').replaceChildren(...[cardView()].filter(Boolean));
  $('#cd-list').replaceChildren(...[table()].filter(Boolean));
}

function mountView() {
  const nav = $('#staff-nav');
  if (nav && !nav.querySelector('[data-view=candidates]')) {
    nav.append(el('a', { href: '#', 'data-view': 'candidates', 'data-i18n': 'cd_nav' }, 'Candidates'));
  }
  $('#main').append(el('section', { id: 'screen-candidates', class: 'screen', hidden: true },
    el('div', { class: 'screen-head' },
      el('h1', { tabindex: '-1', 'data-focus': true, 'data-i18n': 'cd_title' }, 'Candidates'),
      el('button', { type: 'button', id: 'cd-new', 'data-i18n': 'cd_new' }, 'New candidate')),
    el('p', { class: 'muted', 'data-i18n': 'cd_intro' }),
    el('form', { class: 'row cd-search', id: 'cd-search', role: 'search' },
      el('label', { class: 'field' }, el('span', { 'data-i18n': 'cd_search' }, 'IIN or name'),
        el('input', { type: 'search', id: 'cd-q', maxlength: 100, autocomplete: 'off' })),
      el('button', { type: 'submit', 'data-i18n': 'cd_search_go' }, 'Search')),
    el('div', { id: 'cd-form' }),
    el('div', { id: 'cd-open' }),
    el('p', { id: 'cd-status', role: 'status' }),
    el('div', { id: 'cd-list' })));
}

export default {
  views: ['candidates'],
  roles: ['admin', 'registrar'],
  strings: STRINGS,
  mount() {
    mountView();
    $('#cd-search').addEventListener('submit', (e) => { e.preventDefault(); query = $('#cd-q').value; search(); });
    $('#cd-new').addEventListener('click', () => {
      creating = { iin: '', full_name: '', birth_date: '', email: '', phone: '', login: '', password: '' };
      formError = '';
      render();
      $('#cd-f-iin')?.focus();
    });
  },
  enter() { search(); },
  render,
  reset() {
    forgetPhoto();
    list = open = creating = loadError = null;
    query = '';
    formError = '';
    const q = $('#cd-q');
    if (q) q.value = '';
  },
};
