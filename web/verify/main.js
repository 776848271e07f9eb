// Public verification of a recognition document: /verify.html?code=CODE&check=CHECK
// (where the QR code on a document points). No sign-in: GET /api/documents/CODE
// is public. The holder's full name comes only with the document's check value
// (printed beside the code); without it the server names the holder by
// initials, and the page says why. Labels in Kazakh, then Russian (strings.js).

import { $, el } from '../lib/dom.js';
import { dmy, kzToday } from '../lib/dates.js';
import { catalogue } from '../lib/i18n.js';
import STRINGS from './strings.js';

const words = catalogue(STRINGS);
const kk = (key) => words.tIn('kk', key);
const ru = (key) => words.tIn('ru', key);

/** Both languages, Kazakh first. */
function bi(key, tag = 'span', cls = 'bi') {
  return el(tag, { class: cls }, el('span', { lang: 'kk' }, kk(key)), el('span', { lang: 'ru' }, ru(key)));
}

function statusBlock(kind, mark, key) {
  return el('div', { class: `status-big ${kind}`, role: 'status', 'data-status': kind },
    el('span', { class: 'mark', 'aria-hidden': 'true' }, mark),
    el('span', { class: 'words' }, el('span', { lang: 'kk' }, kk(key)), el('span', { lang: 'ru' }, ru(key))));
}

function show(...nodes) {
  $('#result').replaceChildren(...nodes.filter(Boolean));
}

function renderDocument(d) {
  const expired = d.status === 'valid' && d.valid_until && d.valid_until < kzToday();
  // Appendix 2: a prepared document is valid only once the head of the centre has signed it.
  const head = d.status === 'revoked' ? statusBlock('revoked', '✗', 'revoked')
    : d.status === 'pending_signature' ? statusBlock('pending', '…', 'pending')
      : expired ? statusBlock('expired', '!', 'expired')
        : d.status === 'valid' ? statusBlock('valid', '✓', 'valid')
          : statusBlock('expired', '!', 'expired');
  const row = (key, value, cls) => [el('dt', {}, bi(key)), el('dd', { class: cls }, value)];
  const verified = d.holder_verified !== false;
  show(head,
    d.status === 'revoked' ? el('p', { class: 'revoked-reason' },
      el('span', { lang: 'kk' }, kk('reason')), ' / ', el('span', { lang: 'ru' }, ru('reason')), ': ',
      String(d.revoked_reason || '—')) : null,
    el('dl', { class: 'doc-facts' },
      ...row('holder', d.full_name ?? '—', verified ? 'holder' : 'holder initials'),
      ...row('profession', d.profession ?? '—', 'profession'),
      ...row('level', String(d.nqf_level ?? '—'), 'level'),
      ...(d.status === 'pending_signature' ? [] : row('issued', dmy(d.issued), 'issued')),
      ...(d.status === 'pending_signature' ? [] : row('valid_until', dmy(d.valid_until), 'valid-until')),
      ...(d.procedure_date ? row('procedure', dmy(d.procedure_date), 'procedure') : []),
      ...row('code', el('code', {}, d.code ?? ''), 'code')),
    verified ? null : el('p', { class: 'muted holder-initials-note' }, bi('initials_only')));
}

async function check(code, checkValue) {
  if (!code) { show(el('p', { class: 'error' }, bi('empty'))); return; }
  show(el('p', { class: 'muted' }, bi('checking')));
  const q = checkValue ? `?check=${encodeURIComponent(checkValue)}` : '';
  let res;
  try {
    res = await fetch(`/api/documents/${encodeURIComponent(code)}${q}`, {
      headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'omit',
    });
  } catch {
    show(el('p', { class: 'error', role: 'alert' }, bi('network')));
    return;
  }
  let data = null;
  try { data = await res.json(); } catch { /* not JSON */ }
  if (res.status === 404) {
    show(statusBlock('notfound', '?', 'notfound'), el('p', {}, bi('notfound_text')),
      el('p', { class: 'muted' }, `${kk('code')} / ${ru('code')}: `, el('code', {}, code)));
    return;
  }
  if (!res.ok || !data || typeof data !== 'object') {
    show(el('p', { class: 'error', role: 'alert' }, bi('error'),
      data?.message ? el('span', { class: 'muted small' }, ` (${String(data.message)})`) : null));
    return;
  }
  renderDocument(data);
}

function codeFromUrl() {
  return (new URLSearchParams(window.location.search).get('code') || '').replace(/\s+/g, '');
}

function checkFromUrl() {
  return (new URLSearchParams(window.location.search).get('check') || '').replace(/\s+/g, '').toLowerCase();
}

/** The check value's field, after the code's (verify.html has the code's only). */
function checkField() {
  const input = el('input', { id: 'check', name: 'check', autocomplete: 'off', spellcheck: 'false',
    maxlength: '12', placeholder: '3fa9c01b7d2e', 'aria-describedby': 'check-help' });
  const label = el('label', { for: 'check', class: 'bi' },
    el('span', { lang: 'kk' }, kk('check')), el('span', { lang: 'ru' }, ru('check')));
  const help = bi('check_help', 'p', 'muted small code-help bi');
  help.id = 'check-help';
  // code, its help, then the check value beside the button, then its help
  const button = $('#verify-form button[type=submit]');
  button.before($('#code-help'), label, input);
  button.after(help);
  return input;
}

function boot() {
  const input = $('#code');
  const checkInput = checkField();
  const code = codeFromUrl();
  input.value = code;
  checkInput.value = checkFromUrl();
  $('#verify-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const c = input.value.replace(/\s+/g, '');
    const k = checkInput.value.replace(/\s+/g, '').toLowerCase();
    input.value = c;
    checkInput.value = k;
    const url = new URL(window.location.href);
    if (c) url.searchParams.set('code', c); else url.searchParams.delete('code');
    if (k) url.searchParams.set('check', k); else url.searchParams.delete('check');
    history.replaceState(null, '', url);
    check(c, k);
  });
  window.addEventListener('popstate', () => {
    input.value = codeFromUrl();
    checkInput.value = checkFromUrl();
    check(input.value, checkInput.value);
  });
  if (code) check(code, checkInput.value);
  else input.focus();
}

boot();
