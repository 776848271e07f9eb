// The centre's commissions (seed 002 p.9, p.16-17, p.21-22): the list (GET
// /api/commissions), and the form that creates one or changes it (POST, PUT
// /api/commissions/{id}) and closes it: kind, name, the order's number and
// date, validity, the quorum rule, the members with their offices (picked from
// GET /api/users when the account may list them, else typed by login) and the
// programmes served (from GET /api/programmes, else typed as codes).
import { api } from '../../lib/api.js';
import { $, el } from '../../lib/dom.js';
import { session } from '../../lib/session.js';
import { toast } from '../../lib/ui.js';
import { fmtDate, facts, badge } from '../widgets.js';
import STRINGS, { t, error } from './commissions.strings.js';

const OFFICES = ['chair', 'deputy', 'secretary', 'member'];
const QUORUMS = ['chair_and_majority', 'majority', 'all'];
const ROLE_OF_KIND = { exam: 'commission', appeal: 'appeal' };

let list = null; // the commissions
let users = null; // staff accounts, or null when this account may not list them
let programmes = null; // programme codes, or null likewise
let loadError = null;
let editing = null; // {id|null, kind, name, order_no, order_date, valid_from, valid_to, quorum, members: [{login, role}], programmes: [codes]}
let formError = '';

const managers = () => ['admin', 'registrar'].some((r) => (session.me?.roles ?? [session.me?.role]).includes(r));

async function load() {
  try {
    const [c, u, p] = await Promise.all([
      api('GET', '/api/commissions'),
      api('GET', '/api/users').catch(() => null),
      api('GET', '/api/programmes').catch(() => null),
    ]);
    list = c;
    users = Array.isArray(u) ? u.filter((x) => !x.disabled) : null;
    programmes = Array.isArray(p) ? p.map((x) => x.code).filter(Boolean) : null;
    loadError = null;
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    loadError = e;
  }
  render();
}

const blank = () => ({
  id: null, kind: 'exam', name: '', order_no: '', order_date: '', valid_from: '', valid_to: '',
  quorum: 'chair_and_majority', members: [{ login: '', role: 'chair' }], programmes: [],
});

function edit(c) {
  editing = c ? {
    id: c.id, kind: c.kind, name: c.name, order_no: c.order_no, order_date: c.order_date,
    valid_from: c.valid_from, valid_to: c.valid_to ?? '', quorum: c.quorum,
    members: c.members.map((m) => ({ login: m.login, role: m.role })), programmes: [...c.programmes],
  } : blank();
  formError = '';
  render();
  $('#com-editor input, #com-editor select')?.focus();
}

function card(c) {
  const state = c.closed_ms ? badge(t('com_closed'), 'bad') : c.active ? badge(t('com_active'), 'ok') : badge(t('com_inactive'), 'warn');
  return el('li', { class: 'card' },
    el('div', { class: 'card-head' }, el('h3', {}, c.name), el('div', { class: 'badges' }, badge(t(`com_kind_${c.kind}`), 'info'), state)),
    facts(t, [
      ['com_order', t('com_order_text', { no: c.order_no, date: fmtDate(c.order_date) })],
      ['com_validity', `${fmtDate(c.valid_from)} – ${c.valid_to ? fmtDate(c.valid_to) : t('com_open_ended')}`],
      ['com_quorum', t(`com_quorum_${c.quorum}`)],
      ['com_members', c.members.map((m) => `${m.login} (${t(`com_office_${m.role}`)})`).join(', ')],
      ['com_programmes', c.programmes.join(', ')],
    ]),
    managers() && !c.closed_ms ? el('div', { class: 'row' },
      el('button', { type: 'button', onclick: () => edit(c) }, t('com_edit')),
      el('button', { type: 'button', class: 'danger', onclick: () => close(c) }, t('com_close'))) : null);
}

async function close(c) {
  if (!window.confirm(t('com_close_confirm', { name: c.name }))) return;
  try {
    await api('POST', `/api/commissions/${c.id}/close`, {});
    toast(t('com_closed_ok'), 'ok');
    await load();
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    toast(error(e), 'error');
  }
}

const field = (label, input) => el('label', { class: 'field' }, el('span', {}, t(label)), input);
const input = (key, type = 'text', extra = {}) => el('input', {
  type, id: `com-f-${key}`, value: editing[key] ?? '', ...extra, oninput: (e) => { editing[key] = e.target.value; },
});
const select = (values, current, words, onchange, attrs = {}) => el('select', { ...attrs, onchange: (e) => onchange(e.target.value) },
  ...values.map((v) => el('option', { value: v, selected: v === current }, words(v))));

function memberRow(m, i) {
  const role = ROLE_OF_KIND[editing.kind];
  const eligible = users?.filter((u) => (u.roles ?? [u.role]).includes(role));
  const n = i + 1;
  const who = eligible
    ? select(['', ...eligible.map((u) => u.login)], m.login, (v) => v || t('com_pick_user'), (v) => { m.login = v; },
      { class: 'com-member-user', 'aria-label': `${t('com_login')} ${n}` })
    : el('input', { type: 'text', class: 'com-member-user', 'aria-label': `${t('com_login')} ${n}`, value: m.login,
      placeholder: t('com_login'), oninput: (e) => { m.login = e.target.value.trim(); } });
  return el('li', { class: 'row com-member' }, who,
    select(OFFICES, m.role, (v) => t(`com_office_${v}`), (v) => { m.role = v; },
      { class: 'com-member-office', 'aria-label': `${t('com_office')} ${n}` }),
    el('button', { type: 'button', class: 'link-btn', onclick: () => { editing.members.splice(i, 1); render(); } }, t('com_remove')));
}

function programmesField() {
  if (!programmes) {
    return el('input', { type: 'text', value: editing.programmes.join(', '), placeholder: 'PLUMBER-4, WELDER-3',
      oninput: (e) => { editing.programmes = e.target.value.split(/[\s,]+/).filter(Boolean); } });
  }
  return el('div', { class: 'com-programmes' }, ...programmes.map((code) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', value: code, checked: editing.programmes.includes(code), onchange: (e) => {
      editing.programmes = e.target.checked ? [...editing.programmes, code] : editing.programmes.filter((x) => x !== code);
    } }), ` ${code}`)));
}

function editor() {
  if (!editing) return null;
  return el('form', { class: 'card com-form', novalidate: true, onsubmit: save },
    el('h2', {}, editing.id ? t('com_edit_title', { name: editing.name }) : t('com_new_title')),
    editing.id ? null : field('com_kind', select(['exam', 'appeal'], editing.kind, (v) => t(`com_kind_${v}`), (v) => {
      editing.kind = v;
      editing.members = editing.members.map((m) => ({ ...m, login: '' }));
      render();
    })),
    field('com_name', input('name', 'text', { maxlength: 300, required: true })),
    field('com_order_no', input('order_no', 'text', { maxlength: 50, required: true })),
    field('com_order_date', input('order_date', 'date', { required: true })),
    field('com_valid_from', input('valid_from', 'date')),
    field('com_valid_to', input('valid_to', 'date')),
    field('com_quorum', select(QUORUMS, editing.quorum, (v) => t(`com_quorum_${v}`), (v) => { editing.quorum = v; })),
    el('fieldset', {}, el('legend', {}, t('com_members')),
      el('p', { class: 'muted' }, t(`com_members_hint_${editing.kind}`)),
      el('ul', { class: 'plain-list' }, ...editing.members.map(memberRow)),
      el('button', { type: 'button', id: 'com-add-member', onclick: () => { editing.members.push({ login: '', role: 'member' }); render(); } }, t('com_add_member'))),
    el('fieldset', {}, el('legend', {}, t('com_programmes')), programmesField()),
    el('p', { class: 'error', role: 'alert' }, formError),
    el('div', { class: 'row' },
      el('button', { type: 'submit', id: 'com-save', class: 'primary' }, t('com_save')),
      el('button', { type: 'button', onclick: () => { editing = null; render(); } }, t('com_cancel'))));
}

async function save(ev) {
  ev.preventDefault();
  const body = {
    name: editing.name.trim(), order_no: editing.order_no.trim(), order_date: editing.order_date,
    valid_from: editing.valid_from || null, valid_to: editing.valid_to || null, quorum: editing.quorum,
    members: editing.members.filter((m) => m.login).map((m) => ({ login: m.login, role: m.role })),
    programmes: editing.programmes,
  };
  if (!editing.id) body.kind = editing.kind;
  const button = ev.target.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    await api(editing.id ? 'PUT' : 'POST', editing.id ? `/api/commissions/${editing.id}` : '/api/commissions', body);
    toast(t('com_saved'), 'ok');
    editing = null;
    formError = '';
    await load();
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    formError = error(e);
    render();
  } finally {
    button.disabled = false;
  }
}

function render() {
  const status = $('#com-status');
  if (!status) return;
  $('#com-new').hidden = !managers();
  status.textContent = loadError ? error(loadError) : list === null ? t('com_loading') : list.length ? '' : t('com_none');
  $('#com-list').replaceChildren(...(list ?? []).map(card));
  $('#com-editor').replaceChildren(...[editor()].filter(Boolean));
}

export default {
  views: ['commissions'],
  roles: ['admin', 'registrar'],
  strings: STRINGS,
  mount() {
    $('#com-new')?.addEventListener('click', () => edit(null));
    $('#com-reload')?.addEventListener('click', load);
  },
  enter() { load(); },
  render,
  reset() { list = users = programmes = editing = loadError = null; formError = ''; },
};
