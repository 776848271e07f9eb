// The head of the centre's signatures (Appendix 2): the documents prepared
// when a protocol bound or an appeal was upheld, awaiting the head's signature
// (GET /api/documents, the earliest term first, an overdue one marked). The
// head opens each (its box: the document, its PDF) and signs it: the password
// is asked again in a dialog that says what signing means (POST
// /api/documents/CODE/sign); a wrong one signs nothing and says so by the field.
import { api } from '../../lib/api.js';
import { $, el, openDialog, closeDialog } from '../../lib/dom.js';
import { session } from '../../lib/session.js';
import { toast } from '../../lib/ui.js';
import { fmtDate, facts, overdueBadge } from '../widgets.js';
import { documentBox } from './documents.js';
import STRINGS, { t, error } from './signing.strings.js';

let shell = null;
let data = null; // GET /api/documents
let loadError = null;
let current = null; // the document being signed
const signedHere = []; // answers of the signatures made on this page, newest first

const dl = (rows) => facts(t, rows);
const isHead = () => (session.me ? session.me.roles ?? [session.me.role] : []).includes('head');

async function load() {
  try {
    data = await api('GET', '/api/documents?status=pending_signature');
    loadError = null;
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    loadError = e;
  }
  shell.render();
}

function docCard(d) {
  return el('li', { class: `card sign-doc${d.overdue ? ' overdue' : ''}`, 'data-code': d.code },
    el('div', { class: 'card-head' },
      el('h3', {}, `${d.full_name}: ${d.profession}`),
      d.overdue ? overdueBadge(d.sign_due) : null),
    dl([
      ['sg_level', String(d.nqf_level)],
      ['sg_procedure', fmtDate(d.procedure_date)],
      ['sg_basis', t(d.basis === 'appeal' ? 'sg_basis_appeal' : 'sg_basis_protocol')],
      ['sg_session', `№${d.session}`],
      ['sg_due', fmtDate(d.sign_due)],
    ]),
    documentBox(d.code),
    isHead() ? el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary sign-document', onclick: () => openSign(d) }, t('sg_sign'))) : null);
}

function render() {
  const status = $('#signing-status');
  status.classList.toggle('error', !!loadError);
  if (loadError) status.textContent = error(loadError);
  else if (!data) status.textContent = t('loading');
  else status.textContent = data.documents.length === 0 ? t('sg_none')
    : t('sg_summary', { n: data.documents.length, overdue: data.overdue });
  $('#signing-readonly').hidden = isHead();
  $('#signing-list').replaceChildren(...(data?.documents ?? []).map(docCard));
  $('#signed-here-box').hidden = signedHere.length === 0;
  $('#signed-here').replaceChildren(...signedHere.map((d) => el('li', { class: 'card signed', 'data-code': d.code },
    el('p', { class: 'verdict pass' }, t('sg_signed_ok', { code: d.code })),
    dl([['sg_holder', d.full_name], ['sg_valid_until', fmtDate(d.valid_until)]]),
    documentBox(d.code))));
  renderDialogWords();
}

/** The dialog, built once; its words follow the language. */
function buildDialog() {
  const d = el('dialog', { id: 'doc-sign-dialog', class: 'sign-dialog', 'aria-labelledby': 'doc-sign-title', 'aria-describedby': 'doc-sign-legal doc-sign-what' },
    el('form', { id: 'doc-sign-form', novalidate: true },
      el('h2', { id: 'doc-sign-title' }),
      el('p', { id: 'doc-sign-what', class: 'strong' }),
      el('p', { id: 'doc-sign-legal', class: 'legal' }),
      el('label', { for: 'doc-sign-password', id: 'doc-sign-label' }),
      el('input', { id: 'doc-sign-password', type: 'password', autocomplete: 'current-password', 'aria-describedby': 'doc-sign-error', required: true }),
      el('p', { id: 'doc-sign-error', class: 'error', role: 'alert' }),
      el('div', { class: 'actions' },
        el('button', { type: 'button', id: 'doc-sign-cancel', onclick: () => closeDialog(d) }),
        el('button', { type: 'submit', id: 'doc-sign-confirm', class: 'danger' }))));
  document.body.append(d);
  $('#doc-sign-form').addEventListener('submit', (ev) => { ev.preventDefault(); sign(); });
}

function renderDialogWords() {
  $('#doc-sign-title').textContent = t('sg_dialog_title');
  $('#doc-sign-legal').textContent = t('sg_dialog_legal');
  $('#doc-sign-label').textContent = t('sg_password');
  $('#doc-sign-cancel').textContent = t('sg_cancel');
  $('#doc-sign-confirm').textContent = t('sg_confirm');
  $('#doc-sign-what').textContent = current ? t('sg_dialog_what', { name: current.full_name, code: current.code }) : '';
}

function openSign(d) {
  current = d;
  const pw = $('#doc-sign-password');
  pw.value = '';
  pw.removeAttribute('aria-invalid');
  $('#doc-sign-error').textContent = '';
  renderDialogWords();
  openDialog($('#doc-sign-dialog'));
  pw.focus();
}

async function sign() {
  const pw = $('#doc-sign-password');
  const err = $('#doc-sign-error');
  const button = $('#doc-sign-confirm');
  if (!pw.value) { err.textContent = t('sg_password_missing'); pw.setAttribute('aria-invalid', 'true'); pw.focus(); return; }
  button.disabled = true;
  err.textContent = '';
  try {
    const done = await api('POST', `/api/documents/${encodeURIComponent(current.code)}/sign`, { password: pw.value });
    pw.value = '';
    closeDialog($('#doc-sign-dialog'));
    signedHere.unshift(done);
    toast(t('sg_signed_ok', { code: done.code }));
    current = null;
    await load();
    $('#signing-title').focus();
  } catch (e) {
    if (e.status === 401) { closeDialog($('#doc-sign-dialog')); session.expired(); return; }
    err.textContent = error(e);
    pw.value = '';
    pw.setAttribute('aria-invalid', 'true');
    pw.focus();
  } finally {
    button.disabled = false;
  }
}

export default {
  views: ['signing'],
  roles: ['head', 'admin'],
  strings: STRINGS,
  mount(s) {
    shell = s;
    buildDialog();
    $('#signing-reload').addEventListener('click', () => shell.enter());
  },
  enter: load,
  render,
  reset() { data = null; loadError = null; current = null; signedHere.length = 0; },
};
