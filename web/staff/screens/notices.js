// The notices the outbox has not delivered (the administrator; GET
// /api/notices?undelivered=1): overdue ones first, each with its text, so that
// they can be delivered another way.
import { api } from '../../lib/api.js';
import { $, el } from '../../lib/dom.js';
import { kzToday } from '../../lib/dates.js';
import { session } from '../../lib/session.js';
import { fmtDate, fmtTime, stable, facts, badge, overdueBadge } from '../widgets.js';
import STRINGS, { t, has, error } from './notices.strings.js';

const NOTICES_MAX = 1000; // the server lists at most this many

let notices = null;
let loadError = null;
let loading = false;
const open = new Set(); // ids of the notices whose text is shown
let shell = null;

const dl = (rows) => facts(t, rows);

/** The section, built here (staff.html has no place for it): before the documents tool. */
function build() {
  if ($('#notices-tool')) return;
  const box = el('section', { id: 'notices-tool', class: 'block', 'aria-labelledby': 'notices-title', hidden: true },
    el('h2', { id: 'notices-title', tabindex: -1, 'data-i18n': 'notices_title' }),
    el('p', { class: 'muted', 'data-i18n': 'notices_intro' }),
    el('div', { class: 'row notices-head' },
      el('p', { id: 'notices-status', class: 'notices-status', role: 'status' }),
      el('button', { id: 'notices-reload', type: 'button', 'data-i18n': 'reload', onclick: loadNotices })),
    el('ul', { id: 'notices-list', class: 'cards' }));
  $('#documents-tool').before(box);
  $('#admin-nav').insertBefore(el('a', { href: '#notices-title', 'data-i18n': 'nav_notices' }), $('#admin-nav a[href="#documents-title"]'));
}

async function loadNotices() {
  if (session.me?.role !== 'admin') return;
  loading = true;
  render();
  try {
    notices = await api('GET', '/api/notices?undelivered=1');
    loadError = null;
  } catch (e) {
    if (e.status === 401) { session.expired(); return; }
    loadError = e;
  } finally {
    loading = false;
  }
  render();
}

const overdueOn = (n, today) => typeof n.due === 'string' && n.due !== '' && today > n.due.slice(0, 10);

/** The server's last error in words where it is one the page knows; the server's text stays beside it. */
function lastError(msg) {
  const text = String(msg ?? '');
  if (!text) return t('none');
  if (/no e-?mail address/i.test(text)) {
    return el('span', {}, t('notice_error_no_email'), ' ', el('code', { class: 'muted small' }, text));
  }
  return text;
}

function noticeCard(n, today) {
  const overdue = overdueOn(n, today);
  const shown = open.has(n.id);
  const bodyId = `notice-body-${n.id}`;
  const kind = has(`notice_kind_${n.kind}`) ? t(`notice_kind_${n.kind}`) : String(n.kind ?? '');
  const toggle = el('button', {
    type: 'button', class: 'notice-toggle', 'aria-expanded': String(shown), 'aria-controls': bodyId,
    onclick: () => {
      if (open.has(n.id)) open.delete(n.id); else open.add(n.id);
      render();
      $(`#notices-list [data-notice="${n.id}"] .notice-toggle`)?.focus();
    },
  }, t(shown ? 'notice_hide' : 'notice_show'));
  return el('li', { class: `card notice${overdue ? ' is-overdue' : ''}`, 'data-notice': n.id, 'data-candidate': n.candidate, 'data-kind': n.kind },
    el('div', { class: 'card-head' },
      el('h3', {}, `${kind} · ${t('candidate_n', { id: n.candidate })}`),
      el('div', { class: 'badges' },
        overdue ? overdueBadge(n.due) : null,
        n.failed ? badge(t('notice_failed'), 'given-up') : badge(t('notice_retry'), 'warn'))),
    dl([
      ['notice_subject', n.subject || t('none')],
      ['notice_channel', t(n.channel === 'sms' ? 'notice_channel_sms' : 'notice_channel_email')],
      ['notice_recipient', n.recipient ? n.recipient : el('span', { class: 'no-email' }, t('no_email'))],
      n.session != null ? ['session', `№${n.session}`] : null,
      ['notice_created', fmtTime(n.created_ms)],
      ['notice_due', el('span', { class: overdue ? 'due-overdue notice-due' : 'notice-due' }, n.due ? fmtDate(n.due) : t('none'))],
      ['notice_attempts', String(n.attempts ?? 0)],
      ['notice_delivery', t(n.failed ? 'notice_failed_long' : 'notice_retry_long')],
      ['notice_last_error', el('span', { class: 'notice-error' }, lastError(n.last_error))],
    ]),
    toggle,
    el('div', { id: bodyId, class: 'notice-body', hidden: !shown }, String(n.body ?? '')));
}

function render() {
  const box = $('#notices-tool');
  if (!box) return;
  box.hidden = session.me?.role !== 'admin';
  if (box.hidden || shell.view !== 'queue') return;
  const s = $('#notices-status');
  s.classList.toggle('error', !!loadError);
  $('#notices-reload').disabled = loading;
  const list = Array.isArray(notices) ? notices : [];
  const today = kzToday();
  if (loadError) s.textContent = error(loadError);
  else if (!notices) s.textContent = t('loading');
  else if (!list.length) s.textContent = t('notices_all_delivered');
  else {
    const overdue = list.filter((n) => overdueOn(n, today)).length;
    const givenUp = list.filter((n) => n.failed).length;
    const parts = [t('notices_summary', { n: list.length })];
    if (givenUp) parts.push(t('notices_given_up', { n: givenUp }));
    if (overdue) parts.push(t('notices_overdue', { n: overdue }));
    if (list.length >= NOTICES_MAX) parts.push(t('notices_capped', { n: NOTICES_MAX }));
    s.textContent = parts.join(' ');
  }
  if (notices && loading) s.append(` ${t('loading')}`);
  const sorted = stable(list, (a, b) => Number(overdueOn(b, today)) - Number(overdueOn(a, today)));
  $('#notices-list').replaceChildren(...sorted.map((n) => noticeCard(n, today)));
}

export default {
  views: ['queue'],
  roles: ['admin'],
  strings: STRINGS,
  mount(s) { shell = s; build(); },
  enter: loadNotices,
  render,
  reset() { notices = null; loadError = null; loading = false; open.clear(); },
};
