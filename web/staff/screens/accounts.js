// The staff accounts (admin): the list (GET /api/users), a new account with
// its roles (POST /api/users), changing an account's roles and disabling or
// enabling it (PUT /api/users/{id}: an administrator cannot disable himself or
// drop his own admin role, 409 own_account). The screen draws its own view
// (section#screen-accounts).
import { api } from '../../lib/api.js';
import { $, el } from '../../lib/dom.js';
import { session } from '../../lib/session.js';
import { toast } from '../../lib/ui.js';
import { badge } from '../widgets.js';
import { t as staffT, has as staffHas } from '../strings.js';
import STRINGS, { t, error } from './accounts.strings.js';

const ROLES = ['admin', 'commission', 'appeal', 'registrar', 'head'];

let list = null;
let loadError = null;
let editing = null; // {id, roles: Set}
let creating = null; // {login, password, roles: Set}
let formError = ''; // or () => message
const rowErrors = new Map(); // id → () => message (asked again after a language change)
const said = (m) => (typeof m === 'function' ? m() : m || '');

const roleName = (r) => (staffHas(`role_${r}`) ? staffT(`role_${r}`) : r);
const rolesOf = (u) => u.roles ?? [u.role];
const expired = (e) => { if (e?.status === 401) { session.expired(); return true; } return false; };

async function load() {
  try {
    list = await api('GET', '/api/users');
    loadError = null;
  } catch (e) {
    if (expired(e)) return;
    loadError = e;
  }
  render();
}

async function change(u, body, done) {
  rowErrors.delete(u.id);
  try {
    await api('PUT', `/api/users/${u.id}`, body);
    toast(done, 'ok');
    editing = null;
    await load();
  } catch (e) {
    if (expired(e)) return;
    rowErrors.set(u.id, () => error(e));
    render();
  }
}

function toggle(u) {
  if (!u.disabled && !window.confirm(t('ac_disable_confirm', { login: u.login }))) return;
  change(u, { disabled: !u.disabled }, t(u.disabled ? 'ac_enabled_ok' : 'ac_disabled_ok', { login: u.login }));
}

function roleChecks(set, prefix) {
  return el('div', { class: 'ac-roles' }, ...ROLES.map((r) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', value: r, name: `${prefix}-role`, checked: set.has(r),
      onchange: (e) => { if (e.target.checked) set.add(r); else set.delete(r); } }),
    ` ${roleName(r)}`)));
}

const ordered = (set) => ROLES.filter((r) => set.has(r));

function row(u) {
  const me = session.me?.user === u.id;
  const isEditing = editing?.id === u.id;
  const roles = isEditing
    ? el('div', {}, roleChecks(editing.roles, `ac-${u.id}`), el('div', { class: 'row' },
      el('button', { type: 'button', class: 'primary ac-save-roles', onclick: () => {
        if (!editing.roles.size) { rowErrors.set(u.id, () => t('ac_check_roles')); render(); return; }
        change(u, { roles: ordered(editing.roles) }, t('ac_roles_ok', { login: u.login }));
      } }, t('ac_save_roles')),
      el('button', { type: 'button', onclick: () => { editing = null; render(); } }, t('ac_cancel'))))
    : rolesOf(u).map(roleName).join(', ');
  return el('tr', { class: u.disabled ? 'ac-row is-disabled' : 'ac-row', 'data-login': u.login },
    el('td', {}, u.login, me ? el('span', { class: 'muted' }, ` (${t('ac_you')})`) : null),
    el('td', {}, roles),
    el('td', {}, u.disabled ? badge(t('ac_disabled'), 'bad') : badge(t('ac_active'), 'ok')),
    el('td', {},
      el('div', { class: 'row' },
        isEditing ? null : el('button', { type: 'button', class: 'ac-edit', onclick: () => {
          editing = { id: u.id, roles: new Set(rolesOf(u)) };
          rowErrors.delete(u.id);
          render();
        } }, t('ac_edit_roles')),
        el('button', { type: 'button', class: u.disabled ? 'ac-toggle' : 'ac-toggle danger', onclick: () => toggle(u) },
          t(u.disabled ? 'ac_enable' : 'ac_disable'))),
      el('p', { class: 'error', role: 'alert' }, said(rowErrors.get(u.id)))));
}

function table() {
  if (!list?.length) return null;
  return el('div', { class: 'table-wrap' }, el('table', { class: 'ac-table' },
    el('thead', {}, el('tr', {}, ...['ac_col_login', 'ac_col_roles', 'ac_col_state', null].map((k) => el('th', { scope: 'col' }, k ? t(k) : '')))),
    el('tbody', {}, ...list.map(row))));
}

async function create(ev) {
  ev.preventDefault();
  const body = { login: creating.login.trim(), password: creating.password, roles: ordered(creating.roles) };
  const problem = !body.login || body.login.length > 64 ? 'ac_check_login'
    : body.password.length < 8 || body.password.length > 128 ? 'ac_check_password'
      : !body.roles.length ? 'ac_check_roles' : '';
  formError = problem ? () => t(problem) : '';
  if (formError) { render(); return; }
  const button = $('#ac-create');
  button.disabled = true;
  try {
    await api('POST', '/api/users', body);
    toast(t('ac_created', { login: body.login }), 'ok');
    creating = null;
    formError = '';
    await load();
  } catch (e) {
    if (expired(e)) return;
    formError = () => error(e);
    render();
  } finally {
    button.disabled = false;
  }
}

function formView() {
  if (!creating) return null;
  const field = (label, input) => el('label', { class: 'field' }, el('span', {}, t(label)), input);
  return el('form', { class: 'card ac-form', novalidate: true, onsubmit: create },
    el('h2', {}, t('ac_form_title')),
    field('ac_f_login', el('input', { type: 'text', id: 'ac-f-login', maxlength: 64, autocomplete: 'off', value: creating.login,
      oninput: (e) => { creating.login = e.target.value; } })),
    field('ac_f_password', el('input', { type: 'text', id: 'ac-f-password', maxlength: 128, autocomplete: 'new-password', value: creating.password,
      oninput: (e) => { creating.password = e.target.value; } })),
    el('fieldset', {}, el('legend', {}, t('ac_f_roles')), roleChecks(creating.roles, 'ac-new')),
    el('p', { class: 'error', role: 'alert', id: 'ac-form-error' }, said(formError)),
    el('div', { class: 'row' },
      el('button', { type: 'submit', id: 'ac-create', class: 'primary' }, t('ac_create')),
      el('button', { type: 'button', onclick: () => { creating = null; formError = ''; render(); } }, t('ac_cancel'))));
}

function render() {
  const status = $('#ac-status');
  if (!status) return;
  status.textContent = loadError ? error(loadError) : list === null ? t('ac_loading') : list.length ? '' : t('ac_none');
  $('#ac-form').replaceChildren(...[formView()].filter(Boolean));
  $('#ac-list').replaceChildren(...[table()].filter(Boolean));
}

function mountView() {
  const nav = $('#staff-nav');
  if (nav && !nav.querySelector('[data-view=accounts]')) {
    nav.append(el('a', { href: '#', 'data-view': 'accounts', 'data-i18n': 'ac_nav' }, 'Staff accounts'));
  }
  $('#main').append(el('section', { id: 'screen-accounts', class: 'screen', hidden: true },
    el('div', { class: 'screen-head' },
      el('h1', { tabindex: '-1', 'data-focus': true, 'data-i18n': 'ac_title' }, 'Staff accounts'),
      el('button', { type: 'button', id: 'ac-new', 'data-i18n': 'ac_new' }, 'New account'),
      el('button', { type: 'button', id: 'ac-reload', 'data-i18n': 'reload' }, 'Refresh')),
    el('p', { class: 'muted', 'data-i18n': 'ac_intro' }),
    el('div', { id: 'ac-form' }),
    el('p', { id: 'ac-status', role: 'status' }),
    el('div', { id: 'ac-list' })));
}

export default {
  views: ['accounts'],
  roles: ['admin'],
  strings: STRINGS,
  mount() {
    mountView();
    $('#ac-new').addEventListener('click', () => {
      creating = { login: '', password: '', roles: new Set() };
      formError = '';
      render();
      $('#ac-f-login')?.focus();
    });
    $('#ac-reload').addEventListener('click', load);
  },
  enter() { load(); },
  render,
  reset() { list = loadError = editing = creating = null; formError = ''; rowErrors.clear(); },
};
