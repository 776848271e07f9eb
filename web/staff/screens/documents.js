// Recognition documents: the box of a document (open it, its PDF, its public
// verification link) wherever one is shown, the documents of a sitting's
// record, and the administrator's tool that revokes a document.
import { api, apiBlob } from '../../lib/api.js';
import { $, el, saveAs } from '../../lib/dom.js';
import { session } from '../../lib/session.js';
import { toast } from '../../lib/ui.js';
import { facts, badge, section } from '../widgets.js';
import STRINGS, { t, error } from './documents.strings.js';

let revoked = null; // the last revocation's answer

const dl = (rows) => facts(t, rows);

/**
 * The document (GET /api/documents/CODE/html needs the token) in a new window.
 * A blob: or about:blank window inherits this page's Content-Security-Policy,
 * which refuses the document's inline <style>; so its body is copied into the
 * new window and its CSS given as a constructed stylesheet, which the policy
 * does not govern. Scripts are never copied.
 */
async function openDocument(code) {
  // The window is opened now, inside the click, so that no popup blocker stops it.
  const w = window.open('', '_blank');
  try {
    const b = await apiBlob(`/api/documents/${encodeURIComponent(code)}/html`);
    // The <style> blocks are cut out of the text before parsing: even an inert
    // parsed document reports them to this page's policy.
    let css = '';
    const html = (await b.text()).replace(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi, (_, c) => { css += `${c}\n`; return ''; });
    const src = new DOMParser().parseFromString(html, 'text/html');
    for (const e of src.querySelectorAll('style, script, link, meta, base, iframe, object, embed')) e.remove();
    if (!w) { toast(t('popup_blocked'), 'error'); return; }
    const doc = w.document;
    doc.title = src.title || code;
    doc.documentElement.lang = src.documentElement.lang || 'kk';
    doc.body.replaceWith(doc.importNode(src.body, true));
    try {
      const sheet = new w.CSSStyleSheet();
      sheet.replaceSync(css);
      doc.adoptedStyleSheets = [sheet];
    } catch { /* an old browser: the document stays readable unstyled */ }
  } catch (e) {
    w?.close();
    if (e.status === 401) { session.expired(); return; }
    toast(error(e), 'error');
  }
}

async function downloadPdf(code) {
  try {
    saveAs(await apiBlob(`/api/documents/${encodeURIComponent(code)}/pdf`), `${code}.pdf`, 'application/pdf');
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    toast(error(e), 'error');
  }
}

/** A document's code with its actions: open, PDF, public verification page. */
export function documentBox(code) {
  return el('div', { class: 'doc-box' },
    el('p', { class: 'doc-line' }, el('span', { class: 'doc-label' }, `${t('document')}: `),
      el('code', { class: 'doc-code' }, code)),
    el('div', { class: 'doc-actions' },
      el('button', { type: 'button', class: 'primary doc-open', onclick: () => openDocument(code) }, t('doc_open')),
      el('button', { type: 'button', class: 'doc-pdf', onclick: () => downloadPdf(code) }, t('doc_pdf')),
      verifyLink(code, 'doc-verify')));
}

/**
 * The public verification link of a document. Staff are given its check value
 * (GET /api/documents/CODE with their token), with which the public page shows
 * the holder's full name; until it arrives, or without it, the link shows initials.
 */
function verifyLink(code, cls) {
  const href = (check) => `/verify.html?code=${encodeURIComponent(code)}${check ? `&check=${encodeURIComponent(check)}` : ''}`;
  const a = el('a', { ...(cls ? { class: cls } : {}), href: href(''), target: '_blank', rel: 'noopener' }, t('doc_verify'));
  api('GET', `/api/documents/${encodeURIComponent(code)}`).then((d) => { if (d?.check) a.href = href(d.check); }, () => {});
  return a;
}

/** The documents of a sitting, for its record, each with its state. */
export function documentsRecord(documents) {
  if (!documents?.length) return null;
  return section(t('documents_record'), ...documents.map((doc) => el('div', { class: 'doc-entry' },
    badge(t(`doc_status_${doc.status}`), doc.status === 'valid' ? 'ok' : 'bad'), ' ',
    documentBox(doc.code))));
}

// admin: revoke a document

function renderRevokeResult() {
  const box = $('#revoke-result');
  if (!revoked) { box.replaceChildren(); return; }
  box.replaceChildren(el('div', { class: 'card revoked-card' },
    el('p', { class: 'verdict fail' }, t('revoked_ok', { code: revoked.code })),
    dl([
      ['holder', revoked.full_name],
      ['profession', revoked.profession],
      ['revoke_reason', revoked.revoked_reason ?? ''],
    ]),
    verifyLink(revoked.code)));
}

async function onRevoke(ev) {
  ev.preventDefault();
  const err = $('#revoke-error');
  const code = $('#revoke-code').value.replace(/\s+/g, '');
  const reason = $('#revoke-reason').value.trim();
  err.textContent = '';
  if (!code) { err.textContent = t('code_required'); $('#revoke-code').focus(); return; }
  if (!reason) { err.textContent = t('reason_required'); $('#revoke-reason').focus(); return; }
  const button = ev.target.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    revoked = await api('POST', `/api/documents/${encodeURIComponent(code)}/revoke`, { reason });
    $('#revoke-reason').value = '';
    renderRevokeResult();
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    err.textContent = error(e);
  } finally {
    button.disabled = false;
  }
}

export default {
  views: ['queue'],
  roles: ['admin'],
  strings: STRINGS,
  mount() { $('#revoke-form').addEventListener('submit', onRevoke); },
  render() {
    $('#documents-tool').hidden = session.me?.role !== 'admin';
    renderRevokeResult();
  },
  reset() { revoked = null; },
};
