// The application's attached documents (seed 002 p.4 2)-4)): the groups the
// check requires, ticked as they are met (check.required), the documents
// attached (download, remove), and the form adding one: its type, number,
// issuer, dates and the file, sent as the request's body (POST
// /api/applications/{id}/attachments?type=…); the limits are shown and held
// before sending (10 MiB, PDF/JPEG/PNG by their first bytes), the server's
// refusal shown in words.
import { api, apiBlob, auth, ApiError } from '../lib/api.js';
import { el, saveAs } from '../lib/dom.js';
import { dmy } from '../lib/dates.js';
import {
  ATTACHMENT_TYPES, MAX_FILE_BYTES, MAX_FILES, FORMATS, typeName, groupName, defectText, sizeParts,
} from './status.js';

const MB = MAX_FILE_BYTES / 1048576;
const EXT = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/** The content type of a file by its first bytes, as the server reads it; null when none of the three. */
export async function sniff(file) {
  const b = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const starts = (...xs) => xs.every((x, i) => b[i] === x);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  return null;
}

export function sizeText(t, bytes) {
  const { n, unit } = sizeParts(bytes);
  return t(`fm_size_${unit}`, { n });
}

/** Sends the file as the body; resolves to the attachment, rejects with an ApiError. */
async function send(appId, up) {
  const q = new URLSearchParams({ type: up.type });
  for (const k of ['number', 'issuer', 'issue_date', 'valid_until']) if (String(up[k] ?? '').trim()) q.set(k, String(up[k]).trim());
  const headers = { Accept: 'application/json', 'Content-Type': up.kind || 'application/octet-stream' };
  if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
  let res;
  try {
    res = await fetch(`/api/applications/${encodeURIComponent(appId)}/attachments?${q}`, {
      method: 'POST', headers, body: up.file, cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  let data = null;
  try { data = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) throw new ApiError(res.status, data?.error || `http_${res.status}`, data?.message || '');
  return data;
}

const chosenText = (t, file) => (file ? t('fm_att_chosen', { name: file.name, size: sizeText(t, file.size) }) : t('fm_att_none_chosen'));

/** The part of the form (form.js) for the documents: `f` is the ApplicationForm. */
export function attachmentsPart(f) {
  const t = f.t;
  const app = f.app;
  const head = el('h2', { id: 'ap-att-title', tabindex: -1 }, t('fm_sec_attachments'));
  if (!app) {
    return el('section', { class: 'form-sec att-sec', 'aria-labelledby': 'ap-att-title' }, head,
      el('p', { class: 'note-box' }, t('fm_att_first_save')),
      el('p', { class: 'muted small' }, t('fm_att_limits', { formats: FORMATS, size: MB, max: MAX_FILES })));
  }
  return el('section', { class: 'form-sec att-sec', 'aria-labelledby': 'ap-att-title' }, head,
    requiredList(f), attachedList(f), f.editable ? uploadForm(f) : null);
}

function requiredList(f) {
  const t = f.t;
  const groups = f.app?.check?.required ?? [];
  if (!groups.length) return null;
  return el('div', { class: 'required-box' },
    el('h3', { id: 'ap-req-title' }, t('fm_att_required')),
    el('ul', { id: 'ap-required', class: 'required-groups', 'aria-labelledby': 'ap-req-title' },
      ...groups.map((g) => el('li', { class: g.present ? 'met' : 'unmet', 'data-group': g.name },
        el('span', { class: 'tick', 'aria-hidden': 'true' }, g.present ? '✓' : '✗'),
        el('span', {},
          el('span', { class: 'strong' }, groupName(g.name)),
          ' — ',
          el('span', { class: g.present ? 'ok-text' : 'bad-text' }, t(g.present ? 'fm_att_met' : 'fm_att_not_met')),
          (g.any_of ?? []).length > 1 ? el('span', { class: 'small muted any-of' }, ` (${t('fm_att_any_of', { types: g.any_of.map(typeName).join('; ') })})`) : null)))));
}

function attachedList(f) {
  const t = f.t;
  const list = f.app?.attachments ?? [];
  const defects = (f.app?.check?.defects ?? []).filter((d) => d.code === 'attachment_expired' || d.code === 'attachment_invalid');
  return el('div', { class: 'attached-box' },
    el('h3', { id: 'ap-att-list-title' }, t('fm_att_list')),
    list.length ? el('ul', { id: 'ap-att-list', class: 'attached', tabindex: -1, 'aria-labelledby': 'ap-att-list-title' }, ...list.map((a) => {
      const bad = defects.filter((d) => d.subject === a.type);
      const facts = [
        a.number ? `№ ${a.number}` : null,
        a.issuer || null,
        a.issue_date ? t('fm_att_issued', { date: dmy(a.issue_date) }) : null,
        a.valid_until ? t('fm_att_valid', { date: dmy(a.valid_until) }) : null,
        sizeText(t, a.size),
      ].filter(Boolean).join(' · ');
      const nameId = `ap-att-${a.id}`;
      return el('li', { class: `att${bad.length ? ' has-error' : ''}`, 'data-attachment': a.id, 'data-type': a.type },
        el('div', {}, el('span', { class: 'strong', id: nameId }, typeName(a.type)), el('div', { class: 'small muted' }, facts),
          ...bad.map((d) => el('div', { class: 'field-error' }, defectText(d)))),
        el('div', { class: 'att-actions' },
          el('button', { type: 'button', class: 'att-download', 'aria-describedby': nameId, onclick: () => download(f, a) }, t('fm_att_download')),
          f.editable ? el('button', { type: 'button', class: 'att-remove link-btn', 'aria-describedby': nameId, disabled: f.busy, onclick: () => remove(f, a) }, t('fm_att_remove')) : null));
    })) : el('p', { id: 'ap-att-list', class: 'muted', tabindex: -1 }, t('fm_att_none')));
}

function uploadForm(f) {
  const t = f.t;
  const up = f.upload;
  up.type ??= '';
  const bind = (k, attrs = {}) => {
    const i = el('input', { id: `ap-att-${k}`, maxlength: 100, ...attrs });
    i.value = up[k] ?? '';
    i.addEventListener('input', () => { up[k] = i.value; });
    return i;
  };
  const type = el('select', { id: 'ap-att-type', 'aria-describedby': 'ap-att-error' },
    el('option', { value: '' }, t('fm_choose')),
    ...ATTACHMENT_TYPES.map((x) => el('option', { value: x }, typeName(x))));
  type.value = up.type;
  type.addEventListener('change', () => { up.type = type.value; });
  // The browser's own file control speaks the browser's language: it is hidden behind a button in the page's.
  const file = el('input', {
    id: 'ap-att-file', type: 'file', class: 'file-input', accept: 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png',
    'aria-describedby': 'ap-att-limits ap-att-chosen ap-att-error',
  });
  file.addEventListener('change', () => {
    up.file = file.files?.[0] ?? null;
    up.error = '';
    const chosen = document.getElementById('ap-att-chosen');
    if (chosen) chosen.textContent = chosenText(t, up.file);
  });
  const lab = (id, key) => el('label', { for: id }, t(key));
  const form = el('form', { class: 'upload-form', novalidate: true, 'aria-labelledby': 'ap-att-add-title' },
    el('h3', { id: 'ap-att-add-title' }, t('fm_att_add')),
    el('div', { class: 'grid3' },
      el('div', { class: 'fld' }, lab('ap-att-type', 'fm_att_type'), type),
      el('div', { class: 'fld' }, lab('ap-att-number', 'fm_att_number'), bind('number')),
      el('div', { class: 'fld' }, lab('ap-att-issuer', 'fm_att_issuer'), bind('issuer'))),
    el('div', { class: 'grid3' },
      el('div', { class: 'fld' }, lab('ap-att-issue_date', 'fm_att_issue_date'), bind('issue_date', { type: 'date' })),
      el('div', { class: 'fld' }, lab('ap-att-valid_until', 'fm_att_valid_until'), bind('valid_until', { type: 'date' }))),
    el('div', { class: 'fld' }, lab('ap-att-file', 'fm_att_file'),
      el('p', { id: 'ap-att-limits', class: 'hint small' }, t('fm_att_limits', { formats: FORMATS, size: MB, max: MAX_FILES })),
      el('div', { class: 'file-pick' }, file,
        el('label', { for: 'ap-att-file', class: 'file-btn', 'aria-hidden': 'true' }, t('fm_att_choose')),
        el('span', { id: 'ap-att-chosen', class: 'small' }, chosenText(t, up.file)))),
    el('p', { id: 'ap-att-status', role: 'status', class: 'form-status' }, up.status ?? ''),
    el('p', { id: 'ap-att-error', class: 'error', role: 'alert' }, up.error ?? ''),
    el('div', { class: 'actions start' },
      el('button', { type: 'submit', id: 'ap-att-upload', disabled: f.busy || up.busy }, t('fm_att_upload'))));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); upload(f); });
  return form;
}

/** Checks the file here (type, size), sends it, and shows the application as it is then. */
async function upload(f) {
  const t = f.t;
  const up = f.upload;
  up.error = '';
  up.status = '';
  const fail = (msg, focus = 'ap-att-file') => { up.error = msg; f.redraw(focus); };
  if (!up.type) { fail(t('fm_att_type') + ': ' + t('fm_err_missing'), 'ap-att-type'); return; }
  if (!up.file) { fail(t('fm_att_no_file')); return; }
  if (up.file.size === 0) { fail(t('fm_att_empty')); return; }
  if (up.file.size > MAX_FILE_BYTES) { fail(t('fm_att_too_big', { size: sizeText(t, up.file.size), max: MB })); return; }
  up.kind = await sniff(up.file);
  if (!up.kind) { fail(t('fm_att_bad_type', { formats: FORMATS })); return; }
  up.busy = true;
  up.status = t('fm_att_uploading');
  f.redraw('ap-att-upload');
  const name = up.file.name;
  try {
    await send(f.app.id, up);
    f.upload = { type: '', status: t('fm_att_uploaded', { name }) };
    f.changed(await api('GET', `/api/applications/${f.app.id}`));
  } catch (e) {
    if (e.status === 401) { f.o.expired?.(); return; }
    up.busy = false;
    up.status = '';
    up.error = attachError(f, e);
  }
  up.busy = false;
  f.redraw('ap-att-upload');
}

function attachError(f, e) {
  const t = f.t;
  if (e.code === 'unsupported_file') return t('fm_att_bad_type', { formats: FORMATS });
  if (e.code === 'body_too_large' || e.status === 413) return t('fm_att_too_big', { size: sizeText(t, f.upload.file?.size ?? 0), max: MB });
  return f.o.words.error(e);
}

async function remove(f, a) {
  try {
    await api('DELETE', `/api/applications/${f.app.id}/attachments/${a.id}`);
    f.upload.status = t(f, 'fm_att_removed');
    f.changed(await api('GET', `/api/applications/${f.app.id}`));
  } catch (e) {
    if (e.status === 401) { f.o.expired?.(); return; }
    f.upload.error = attachError(f, e);
  }
  f.redraw('ap-att-list');
}
const t = (f, key) => f.t(key);

async function download(f, a) {
  try {
    const blob = await apiBlob(`/api/applications/${f.app.id}/attachments/${a.id}`);
    saveAs(blob, `${f.app.reg_no || f.app.id}-${a.type}-${a.id}.${EXT[a.content_type] ?? 'bin'}`, a.content_type || blob.type);
  } catch (e) {
    if (e.status === 401) { f.o.expired?.(); return; }
    f.upload.error = attachError(f, e);
    f.redraw();
  }
}
