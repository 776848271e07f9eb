// What the staff screens draw alike: dates, the theory result, fact lists,
// badges, card heads, an error line under a card, a part of a sitting's record,
// and evidence images (fetched with the token, kept as object URLs until
// sign-out).
import { apiBlob } from '../lib/api.js';
import { el } from '../lib/dom.js';
import { dmy, dmyTime } from '../lib/dates.js';
import { formatNumber } from '../lib/i18n.js';
import { session } from '../lib/session.js';
import { t, words } from './strings.js';

export const fmtDate = (iso) => dmy(iso, t('none'));
export const fmtTime = (ms) => dmyTime(ms, true, t('none'));

function percentOf(correct, total) {
  if (typeof correct !== 'number' || !total) return '—';
  return formatNumber(Math.round((correct * 1000) / total) / 10);
}

/** '27 of 30 (90%) — passed' for an entry with correct, total and passed. */
export function theoryText(x) {
  if (x.correct == null || x.total == null) return t('none');
  return `${t('theory_result', { correct: x.correct, total: x.total, percent: percentOf(x.correct, x.total) })} — ${t(x.passed ? 'passed' : 'not_passed')}`;
}

/** Sorted by `key`, ties kept in their order. */
export function stable(list, key) {
  return list.map((x, i) => [x, i]).sort((a, b) => key(a[0], b[0]) || a[1] - b[1]).map((p) => p[0]);
}
export const overdueFirst = (list) => stable(list || [], (a, b) => Number(!!b.overdue) - Number(!!a.overdue));

/** A list of facts: rows [key, value] (null rows are left out), each key's words from the screen's `tr`. */
export function facts(tr, rows) {
  return el('dl', { class: 'facts' }, ...rows.filter(Boolean).flatMap(([k, v]) => [el('dt', {}, tr(k)), el('dd', {}, v)]));
}

export function badge(text, kind) { return el('span', { class: `badge ${kind}` }, text); }

export function overdueBadge(due) {
  return badge(t('overdue_badge', { date: fmtDate(due) }), 'bad');
}

export function cardHead(title, item, extra = []) {
  return el('div', { class: 'card-head' },
    el('h3', {}, title),
    el('div', { class: 'badges' },
      item.overdue ? overdueBadge(item.protocol_due) : null,
      ...extra));
}

/** The message of `errors` under `key` (a request of a card that failed), or an empty line. */
export function errorLine(errors, key) {
  return el('p', { class: 'error', role: 'alert' }, errors.get(key) || '');
}

/** One part of the record of a sitting (the appeal commission's view). */
export function section(title, ...children) {
  return el('section', { class: 'block record-part' }, el('h2', {}, title), ...children);
}

// ---- authorised binary fetches (evidence images) --------------------------------

const blobs = new Map(); // path → Promise<object URL>

function blobUrl(path) {
  if (!blobs.has(path)) {
    const p = apiBlob(path).then((b) => URL.createObjectURL(b));
    p.catch(() => blobs.delete(path)); // a failure is tried again next time
    blobs.set(path, p);
  }
  return blobs.get(path);
}

export function forgetBlobs() {
  for (const p of blobs.values()) p.then((u) => URL.revokeObjectURL(u), () => {});
  blobs.clear();
}

/** An evidence image: fetched with the token, shown through an object URL. */
export function evidence(url, eventId) {
  if (!url) return el('p', { class: 'muted small' }, t('no_evidence'));
  const status = el('p', { class: 'muted small' }, t('evidence_loading'));
  const img = el('img', { class: 'evidence', alt: t('evidence_alt', { id: eventId ?? '' }), hidden: true });
  const link = el('a', { class: 'evidence-link', target: '_blank', rel: 'noopener' }, img);
  blobUrl(url).then((u) => {
    img.src = u;
    link.href = u;
    img.hidden = false;
    status.remove();
  }, (e) => {
    if (e.status === 401) { session.expired(); return; }
    status.textContent = t('evidence_failed', { msg: words.error(e) });
  });
  return el('figure', { class: 'evidence-box' }, link, status);
}
