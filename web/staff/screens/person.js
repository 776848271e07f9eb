// The candidate's personal file (W10, seed 002 p.14; admin, registrar, head):
// GET /api/candidates/{id}/file drawn as sections in the order of the
// procedure (the person, applications with their attachments, notices,
// sittings, violation acts, practical marks, protocols, documents, appeals,
// results received), and its PDF (GET /api/candidates/{id}/file.pdf?lang=)
// downloaded in the language chosen. Opened from the candidate's card
// (candidates.js); the screen draws its own view (section#screen-person).
import { api, apiBlob } from '../../lib/api.js';
import { $, el, saveAs } from '../../lib/dom.js';
import { getLang, LANGS } from '../../lib/i18n.js';
import { session } from '../../lib/session.js';
import { eventLabel } from '../../lib/events.js'; // act kinds in the reader's words
import TERMS from '../../apply/terms.strings.js'; // attachment types in the reader's words
import { toast } from '../../lib/ui.js';
import { fmtDate, fmtTime, facts, badge } from '../widgets.js';
import STRINGS, { t, has, error } from './person.strings.js';

let shell = null;
let current = null; // { id, name, back, data, error }
let pdfLang = null; // the PDF's language: the page's until chosen

const expired = (e) => { if (e?.status === 401) { session.expired(); return true; } return false; };
/** A stored code in the reader's words (the code itself when the screen has none). */
const v = (code) => (code == null || code === '' ? t('none') : has(`pf_v_${code}`) ? t(`pf_v_${code}`) : String(code));
/** An attachment's type, a notice's kind, in the reader's words (the code when unknown). */
const attType = (type) => TERMS[getLang()]?.[`ap_att_${type}`] ?? TERMS.en[`ap_att_${type}`] ?? String(type);
const noticeKind = (kind) => (has(`pf_n_${kind}`) ? t(`pf_n_${kind}`) : String(kind));
const or = (x) => (x == null || x === '' ? t('none') : String(x));
const shortSha = (s) => (s ? `${s.slice(0, 16)}…` : t('none'));

/** Opens the personal file of candidate `id` (`name` until it loads); `back`: the view to return to. */
export function openPersonalFile(id, name, back) {
  current = { id, name, back: back || 'candidates', data: null, error: null };
  shell.show('person');
}

/** The candidate card's button that opens the file (candidates.js). */
export function personalFileButton(id, name, back) {
  return el('button', { type: 'button', id: 'cd-file', onclick: () => openPersonalFile(id, name, back) }, t('pf_open'));
}

async function load() {
  if (!current) return;
  const c = current;
  c.data = null;
  c.error = null;
  render();
  try {
    c.data = await api('GET', `/api/candidates/${c.id}/file`);
    if (current !== c) return;
    c.name = c.data.candidate?.full_name || c.name;
  } catch (e) {
    if (expired(e) || current !== c) return;
    c.error = e;
  }
  render();
  $('#pf-title')?.focus();
}

async function download(path, name, button) {
  button.disabled = true;
  try {
    saveAs(await apiBlob(path), name);
  } catch (e) {
    if (!expired(e)) toast(t('pf_download_failed', { msg: error(e) }), 'error');
  } finally {
    button.disabled = false;
  }
}

async function pdf(ev) {
  const button = ev.currentTarget;
  const c = current;
  const lang = pdfLang || getLang();
  button.disabled = true;
  try {
    const blob = await apiBlob(`/api/candidates/${c.id}/file.pdf?lang=${lang}`);
    saveAs(blob, `personal-file-${c.id}-${lang}.pdf`, 'application/pdf');
    toast(t('pf_pdf_saved'), 'ok');
  } catch (e) {
    if (!expired(e)) toast(t('pf_pdf_failed', { msg: error(e) }), 'error');
  } finally {
    button.disabled = false;
  }
}

// ---- drawing ----------------------------------------------------------------------

function part(id, title, list, draw) {
  const body = list?.length ? draw(list) : [el('p', { class: 'muted' }, t('pf_nothing'))];
  return el('section', { class: 'block pf-part', id: `pf-${id}` }, el('h2', {}, title), ...body);
}

function table(cols, rows) {
  return el('div', { class: 'table-wrap' }, el('table', { class: 'pf-table' },
    el('thead', {}, el('tr', {}, ...cols.map((k) => el('th', { scope: 'col' }, k ? t(k) : '')))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((x) => el('td', {}, x)))))));
}

function person(c) {
  const photo = c.photo ? t('pf_photo_on_file', { time: fmtTime(c.photo.created_ms), sha: shortSha(c.photo.sha256) }) : t('pf_photo_none');
  return el('section', { class: 'block pf-part', id: 'pf-person' }, el('h2', {}, t('pf_s_person')),
    facts(t, [['pf_full_name', c.full_name], ['pf_iin', c.iin], ['pf_birth', fmtDate(c.birth_date)],
      ['pf_email', or(c.email)], ['pf_phone', or(c.phone)], ['pf_login', c.login], ['pf_photo', photo]]));
}

function application(a) {
  const defects = (a.check?.defects ?? []).map((d) => d.subject ? `${d.code} (${d.subject})` : d.code).join(', ');
  const refusal = a.refusal ? (a.refusal.signed ? t('pf_refusal_signed', { by: a.refusal.signed.by, time: fmtTime(a.refusal.signed.ms) }) : t('pf_refusal_unsigned')) : null;
  const atts = (a.attachments ?? []).map((x) => [attType(x.type), t('pf_bytes', { n: x.size }),
    el('code', { class: 'mono small', title: x.sha256 }, shortSha(x.sha256)),
    el('button', { type: 'button', class: 'pf-att', onclick: (e) => download(x.url, `${x.type}-${x.id}${x.content_type === 'application/pdf' ? '.pdf' : ''}`, e.currentTarget) }, t('pf_download'))]);
  return el('article', { class: 'card pf-card' },
    el('div', { class: 'card-head' }, el('h3', {}, a.reg_no ? t('pf_application', { no: a.reg_no }) : t('pf_application_draft')),
      el('div', { class: 'badges' }, badge(v(a.status), a.status === 'refused' ? 'bad' : 'ok'))),
    facts(t, [['programme', `${a.programme} · ${or(a.profession)}`], ['pf_registered', fmtDate(a.registered_date)],
      ['pf_check', a.check?.complete ? t('pf_check_ok') : t('pf_check_defects', { list: defects || t('none') })],
      a.contract ? ['pf_contract', t('pf_contract_text', { no: a.contract.no, date: fmtDate(a.contract.date), by: or(a.contract.by) })] : null,
      refusal ? ['pf_refusal', refusal] : null]),
    atts.length ? table(['pf_att_type', 'pf_att_size', 'pf_att_sha', null], atts) : null);
}

function sitting(s) {
  const slots = (s.slots ?? []).map((x) => `${v(x.stage)} ${fmtDate(x.day)} ${x.starts}–${x.ends}, ${or(x.place ?? x.link)}`);
  const sick = (s.sick_leaves ?? []).map((k) => t('pf_sick_text', { status: v(k.status), from: fmtDate(k.period_from), to: fmtDate(k.period_to), channel: v(k.channel) }));
  const tech = (s.technical_acts ?? []).map((a) => t('pf_tech_text', { kind: v(a.kind), text: a.description, by: or(a.recorded_by), time: fmtTime(a.recorded_ms) }));
  const lines = (xs) => (xs.length ? el('div', {}, ...xs.map((x) => el('div', {}, x))) : t('none'));
  return el('article', { class: 'card pf-card' },
    el('div', { class: 'card-head' }, el('h3', {}, t('pf_sitting_n', { id: s.id, attempt: s.attempt })),
      el('div', { class: 'badges' }, badge(v(s.status), ['terminated', 'voided', 'no_show', 'cancelled'].includes(s.status) ? 'warn' : 'ok'))),
    facts(t, [['programme', s.programme], ['pf_lang', v(s.lang)], ['pf_mode', v(s.mode)], ['pf_slots', lines(slots)],
      ['pf_start_finish', `${fmtTime(s.started_ms)} – ${fmtTime(s.finished_ms)}`],
      ['pf_score', s.score ? `${s.score.correct} / ${s.score.total} · ${s.passed ? t('pf_v_passed') : t('pf_v_not_passed')}` : t('none')],
      ['pf_violations', String(s.violations)],
      s.reschedule_reason && s.reschedule_reason !== 'none' ? ['pf_reschedule', v(s.reschedule_reason)] : null,
      s.closed_reason ? ['pf_closed', `${v(s.closed_reason)}, ${fmtTime(s.closed_ms)}`] : null,
      sick.length ? ['pf_sick', lines(sick)] : null,
      tech.length ? ['pf_tech', lines(tech)] : null]));
}

function protocol(p) {
  const sigs = (p.signatures ?? []).map((s) => `${s.member} · ${fmtTime(s.signed_ms)}`).join('; ');
  return el('article', { class: 'card pf-card' },
    el('div', { class: 'card-head' }, el('h3', {}, t('pf_protocol_n', { id: p.id })),
      el('div', { class: 'badges' }, badge(v(p.decision), p.decision === 'passed' ? 'ok' : 'warn'))),
    facts(t, [['pf_sitting', String(p.session)], ['pf_signed_date', fmtDate(p.signed_date)], ['pf_signatures', sigs || t('none')],
      ['pf_amended', p.amended_by_appeal ? t('pf_amended_by', { id: p.amended_by_appeal }) : t('pf_no')]]));
}

function documentCard(d) {
  return el('article', { class: 'card pf-card' },
    el('div', { class: 'card-head' }, el('h3', { class: 'mono' }, d.code),
      el('div', { class: 'badges' }, badge(v(d.status), d.status === 'valid' ? 'ok' : 'bad'))),
    facts(t, [['pf_sitting', String(d.session)],
      ['pf_head_signed', d.signed_by_head ? t('pf_head_text', { by: d.signed_by_head.by, time: fmtTime(d.signed_by_head.ms) }) : t('pf_no')],
      ['pf_issued', fmtDate(d.issued)], ['pf_valid_until', fmtDate(d.valid_until)],
      ['pf_verify', el('a', { href: d.verify_url, target: '_blank', rel: 'noopener', class: 'pf-verify' }, d.verify_url)]]),
    el('button', { type: 'button', onclick: (e) => download(d.pdf, `${d.code}.pdf`, e.currentTarget) }, t('pf_pdf')));
}

function appeal(a) {
  const votes = (a.votes ?? []).map((x) => `${x.login}: ${v(x.outcome)}`).join('; ');
  return el('article', { class: 'card pf-card' },
    el('div', { class: 'card-head' }, el('h3', {}, t('pf_appeal_n', { id: a.id })),
      el('div', { class: 'badges' }, badge(v(a.outcome ?? a.status), 'ok'))),
    facts(t, [['pf_sitting', String(a.session)], ['pf_channel', v(a.channel)], ['pf_received', fmtDate(a.filed_date)],
      ['pf_outcome', v(a.outcome)], ['pf_votes', votes || t('none')]]));
}

function sections(f) {
  const delivered = (n) => (n.failed ? t('pf_failed_delivery') : n.delivered_ms ? fmtTime(n.delivered_ms) : t('pf_pending'));
  return [
    person(f.candidate),
    part('applications', t('pf_s_applications'), f.applications, (xs) => xs.map(application)),
    part('notices', t('pf_s_notices'), f.notices, (xs) => [table(['pf_kind', 'pf_channel', 'pf_sent', 'pf_delivered', 'pf_receipt'],
      xs.map((n) => [noticeKind(n.kind), v(n.channel), fmtTime(n.created_ms), delivered(n), n.receipt_ms ? `${or(n.receipt_status)} · ${fmtTime(n.receipt_ms)}` : t('none')]))]),
    part('sittings', t('pf_s_sittings'), f.sittings, (xs) => xs.map(sitting)),
    part('acts', t('pf_s_acts'), f.acts, (xs) => [table(['pf_sitting', 'pf_kind', 'pf_act_time', 'pf_decision', 'pf_reviewed', 'pf_reason'],
      xs.map((a) => [String(a.session), eventLabel(a.kind), fmtTime(a.t_ms), v(a.status), a.reviewed_by ? `${a.reviewed_by} · ${fmtTime(a.reviewed_ms)}` : t('none'), or(a.reason)]))]),
    part('marks', t('pf_s_marks'), f.practical_marks, (xs) => [table(['pf_sitting', 'pf_item', 'pf_done', 'pf_member'],
      xs.map((m) => [String(m.session), m.item, t(m.done ? 'pf_yes' : 'pf_no'), `${m.member} · ${fmtTime(m.recorded_ms)}`]))]),
    part('protocols', t('pf_s_protocols'), f.protocols, (xs) => xs.map(protocol)),
    part('documents', t('pf_s_documents'), f.documents, (xs) => xs.map(documentCard)),
    part('appeals', t('pf_s_appeals'), f.appeals, (xs) => xs.map(appeal)),
    part('receipts', t('pf_s_receipts'), f.results_receipts, (xs) => [table(['pf_sitting', 'pf_date', 'pf_channel', 'pf_recorded_by'],
      xs.map((r) => [String(r.session), fmtDate(r.received_date), v(r.channel), or(r.recorded_by)]))]),
  ];
}

function render() {
  const body = $('#pf-body');
  if (!body || !current) return;
  const c = current;
  $('#pf-title').textContent = t('pf_title', { name: c.name || t('candidate_n', { id: c.id }) });
  const langs = $('#pf-lang');
  langs.replaceChildren(...LANGS.map((l) => el('option', { value: l }, l.toUpperCase())));
  langs.value = pdfLang || getLang();
  $('#pf-pdf').disabled = !c.data;
  if (c.error) { body.replaceChildren(el('p', { class: 'error', role: 'alert' }, t('pf_failed', { msg: error(c.error) }))); return; }
  if (!c.data) { body.replaceChildren(el('p', { class: 'muted', role: 'status' }, t('pf_loading'))); return; }
  const f = c.data;
  body.replaceChildren(...[ // replaceChildren would write a null as text
    el('p', { class: 'muted small', id: 'pf-generated' }, t('pf_generated', { time: fmtTime(f.generated_ms) })),
    f.truncated?.length ? el('p', { class: 'error' }, t('pf_truncated', { list: f.truncated.join(', ') })) : null,
    ...sections(f)].filter(Boolean));
}

function mountView() {
  $('#main').append(el('section', { id: 'screen-person', class: 'screen', hidden: true },
    el('div', { class: 'screen-head' },
      el('h1', { id: 'pf-title', tabindex: '-1', 'data-focus': true }, ''),
      el('div', { class: 'row pf-actions' },
        el('label', { class: 'field pf-lang' }, el('span', { 'data-i18n': 'pf_pdf_lang' }, 'Language of the PDF'),
          el('select', { id: 'pf-lang' })),
        el('button', { type: 'button', id: 'pf-pdf', class: 'primary', 'data-i18n': 'pf_pdf' }, 'PDF'),
        el('button', { type: 'button', id: 'pf-back', class: 'link-btn', 'data-i18n': 'pf_back' }, 'Back'))),
    el('p', { class: 'muted', 'data-i18n': 'pf_intro' }),
    el('div', { id: 'pf-body' })));
}

export default {
  views: ['person'],
  roles: ['admin', 'registrar', 'head'],
  strings: STRINGS,
  mount(s) {
    shell = s;
    mountView();
    $('#pf-pdf').addEventListener('click', pdf);
    $('#pf-lang').addEventListener('change', (e) => { pdfLang = e.target.value; });
    $('#pf-back').addEventListener('click', () => shell.show(current?.back || 'candidates'));
  },
  enter: load,
  render,
  reset() {
    current = null;
    pdfLang = null;
  },
};
