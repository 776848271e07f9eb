// The programmes and their question banks (the admin): the list (GET
// /api/programmes) with each bank's size per language, and per topic for a
// programme with a blueprint (GET /api/programmes/{code}/bank); a programme's
// settings in words (W11, docs/api.md "Programme settings"); the form that
// creates one (POST /api/programmes) or changes it (PUT /api/programmes/{code}),
// where the server's refusal shows beside the form and nothing typed is lost;
// and the import of a JSON or Moodle XML file of questions (POST
// /api/programmes/{code}/questions), its count and the rejected items with
// their reasons. The staff page has no section for it: mount() builds one.
import { api, auth, ApiError } from '../../lib/api.js';
import { $, el } from '../../lib/dom.js';
import { session } from '../../lib/session.js';
import { getLang } from '../../lib/i18n.js';
import { toast } from '../../lib/ui.js';
import { facts, badge } from '../widgets.js';
import STRINGS, { t, has, error } from './programmes.strings.js';

const REGIMES = ['custom', 'recognition_002', 'mse_003'];
const LANGS = ['kk', 'ru'];
const MODES = ['online', 'offline'];
const RULES = ['above', 'at_least'];
// Seed 002 p.12: the items a programme may allow (exam/theory/prohibited.hpp).
const ITEMS = ['phones', 'pagers', 'tablets', 'ipad_ipod', 'smartphones', 'laptops', 'players', 'modems_routers',
  'radio_devices', 'smart_watches', 'smart_glasses', 'fitness_trackers', 'dictaphones', 'calculators', 'headphones',
  'cheat_sheets', 'study_literature'];
// Seed 002 p.13: the proctoring's signals (exam/theory/strikes.hpp, strike_signals).
const SIGNALS = ['multiple_faces', 'identity_mismatch', 'noise', 'no_face', 'movement', 'focus_lost', 'looking_away'];
const DEFAULT_STRIKES = ['multiple_faces', 'identity_mismatch'];
// What a regime fixes, filled into the form when it is chosen (the server checks it: exam/theory/programme.cpp).
const FIXED = {
  recognition_002: { languages: ['kk', 'ru'], pass_rule: 'above', pass_percent: '70', attempts: '0', kind: 'recognition' },
  mse_003: { languages: ['kk', 'ru'], questions: '90', minutes: '90', pass_rule: 'at_least', pass_percent: '70', attempts: '2',
    modes: ['online'], practical: [] },
};
const NAMES = { names: 'iPad, iPod', json: 'JSON', xml: 'Moodle XML', enc: 'UTF-8' };

let list = null; // the programmes, as GET /api/programmes answers
let loadError = null;
const banks = new Map(); // code → GET …/bank (per language: total, topics), or 'loading'
let openCode = null; // the programme shown in full
let editing = null; // the form's state (strings as typed), see blank()
let formError = null; // { words, message } of the last refusal
let regimeNote = false;
let editorVersion = 0; // bumped when the form's shape changes (redraw); drawn again only then or for another language
let drawnEditor = '';
const imports = new Map(); // code → { lang, file, busy, result, error }

const tt = (key, params) => t(key, { ...NAMES, ...params });
const langName = (l) => (has(`pg_lang_${l}`) ? t(`pg_lang_${l}`) : l);
const modeName = (m) => (has(`pg_mode_${m}`) ? t(`pg_mode_${m}`) : m);
const regimeName = (r) => (has(`pg_regime_${r}`) ? t(`pg_regime_${r}`) : r);
const itemName = (i) => (has(`pg_item_${i}`) ? tt(`pg_item_${i}`) : i);
const signalName = (s) => (has(`pg_sig_${s}`) ? t(`pg_sig_${s}`) : s);
const kindName = (k) => (has(`pg_kind_${k}`) ? t(`pg_kind_${k}`) : k);
const passText = (th) => t(`pg_pass_${th.pass_rule}`, { p: th.pass_percent });
const yesNo = (b) => t(b ? 'pg_yes' : 'pg_no');
const listOr = (xs, name) => (xs?.length ? xs.map(name).join(', ') : t('pg_nothing'));
const myLang = () => getLang();

/** A topic as people name it: its title in the reader's language (else kk, ru), with the bank's key. */
function topicName(p, slug) {
  if (!slug) return t('pg_bank_untitled');
  const titles = p.topics?.[slug] ?? {};
  const title = titles[myLang()] || titles.kk || titles.ru;
  return title ? `${title} (${slug})` : slug;
}

function expired(e) {
  if (e?.status === 401) { session.expired(); return true; }
  return false;
}

async function loadBank(code) {
  banks.set(code, 'loading');
  try {
    banks.set(code, await api('GET', `/api/programmes/${encodeURIComponent(code)}/bank`));
  } catch (e) {
    if (expired(e)) return;
    banks.delete(code);
  }
}

async function load() {
  try {
    list = await api('GET', '/api/programmes');
    loadError = null;
  } catch (e) {
    if (expired(e)) return;
    loadError = e;
  }
  render();
  const want = (list ?? []).filter((p) => p.code === openCode || Object.keys(p.blueprint ?? {}).length);
  await Promise.all(want.map((p) => loadBank(p.code)));
  render();
}

// ---- the list --------------------------------------------------------------------

function bankCell(p) {
  const bank = banks.get(p.code);
  const blueprint = Object.entries(p.blueprint ?? {});
  const perTopic = blueprint.length && bank && bank !== 'loading';
  const lines = p.languages.map((l) => {
    const topics = perTopic ? blueprint.map(([slug, need]) => [slug, need, bank[l]?.topics?.[slug] ?? 0]) : [];
    const short = topics.some(([, need, n]) => n < need);
    return el('div', { 'data-lang': l }, t('pg_bank_lang', { lang: langName(l), n: p.bank?.[l] ?? 0 }),
      short ? ' ' : null, short ? badge(t('pg_topic_short'), 'bad') : null,
      topics.length ? el('div', { class: 'small pg-topic-line' },
        topics.map(([slug, need, n]) => t('pg_topic_have', { topic: topicName(p, slug), n, need })).join('; ')) : null);
  });
  return el('td', { class: 'pg-bank' }, ...lines);
}

function row(p) {
  const open = p.code === openCode;
  return el('tr', { class: open ? 'pg-open' : null, 'data-code': p.code },
    el('td', {}, el('code', {}, p.code)),
    el('td', {}, p.profession),
    el('td', { class: 'num' }, String(p.nqf_level)),
    el('td', {}, regimeName(p.regime)),
    el('td', {}, p.languages.map(langName).join(', ')),
    el('td', {}, (p.modes ?? []).map(modeName).join(', ')),
    bankCell(p),
    el('td', {}, open ? el('span', { class: 'muted small' }, t('pg_opened'))
      : el('button', { type: 'button', class: 'pg-open-btn', onclick: () => openProgramme(p.code) }, t('pg_open'))));
}

function openProgramme(code) {
  openCode = code;
  render();
  loadBank(code).then(render);
  $('#pg-detail')?.scrollIntoView({ block: 'start' });
}

// ---- one programme in words ----------------------------------------------------------

function settings(p) {
  const th = p.theory;
  const methodology = Object.entries(p.methodology ?? {});
  const blueprint = Object.entries(p.blueprint ?? {});
  return facts((k) => (has(k) ? t(k) : k), [
    ['pg_s_kind', kindName(p.kind)],
    ['pg_s_oked', p.oked],
    p.nkz ? ['pg_s_nkz', p.nkz] : null,
    ['pg_s_level', String(p.nqf_level)],
    ['pg_s_regime', regimeName(p.regime)],
    ['pg_s_languages', p.languages.map(langName).join(', ')],
    ['pg_s_modes', (p.modes ?? []).map(modeName).join(', ')],
    ['pg_s_theory', t('pg_theory_text', { q: th.questions, m: th.minutes, pass: passText(th) })],
    ['pg_s_attempts', p.attempts === 0 ? t('pg_attempts_none') : t('pg_attempts_n', { n: p.attempts })],
    ...methodology.map(([l, text]) => [t('pg_s_methodology', { lang: langName(l) }), el('span', { class: 'pg-pre' }, text)]),
    ['pg_s_allowed', listOr(p.allowed_items, itemName)],
    ['pg_s_briefing', yesNo(p.briefing_required)],
    ['pg_s_valid', p.document_valid_years ? t('pg_valid_years', { n: p.document_valid_years }) : t('pg_valid_centre')],
    ['pg_s_admission', t('pg_admission_text', { edu: yesNo(p.admission?.education_required), years: p.admission?.experience_years ?? 0 })],
    ['pg_s_blueprint', blueprint.length ? blueprint.map(([s, n]) => `${topicName(p, s)}: ${n}`).join('; ') : t('pg_whole_bank')],
    ['pg_s_strikes', listOr(p.proctoring?.strikes, signalName)],
    ['pg_s_practical', p.practical?.length ? el('ul', { class: 'plain-list' }, ...p.practical.map((it) => el('li', {},
      `${it.text?.[myLang()] || it.text?.kk || it.text?.ru || it.id} (${t(it.mandatory ? 'pg_mandatory' : 'pg_optional')})`)))
      : t('pg_nothing')],
  ]);
}

function bankBlock(p) {
  const bank = banks.get(p.code);
  const need = p.blueprint ?? {};
  const parts = [el('h3', {}, t('pg_bank_title'))];
  if (!bank || bank === 'loading') {
    parts.push(el('p', { class: 'muted' }, ...p.languages.map((l) => el('span', { class: 'pg-total' },
      t('pg_bank_total', { lang: langName(l), n: p.bank?.[l] ?? 0 }), ' '))));
    if (bank === 'loading') parts.push(el('p', { class: 'muted small' }, t('pg_bank_loading')));
    return el('section', { class: 'pg-bank-block' }, ...parts);
  }
  for (const l of p.languages) {
    const b = bank[l] ?? { total: 0, topics: {} };
    const slugs = [...new Set([...Object.keys(need), ...Object.keys(b.topics ?? {})])].sort();
    const untitled = b.total - Object.values(b.topics ?? {}).reduce((a, n) => a + n, 0);
    parts.push(el('h4', { class: 'pg-total', 'data-lang': l }, t('pg_bank_total', { lang: langName(l), n: b.total })));
    if (!slugs.length && !untitled) continue;
    parts.push(el('div', { class: 'table-wrap' }, el('table', { class: 'pg-topics', 'data-lang': l },
      el('thead', {}, el('tr', {}, el('th', {}, t('pg_bank_topic')), el('th', {}, t('pg_bank_count')),
        Object.keys(need).length ? el('th', {}, t('pg_bank_need')) : null)),
      el('tbody', {},
        ...slugs.map((s) => {
          const n = b.topics?.[s] ?? 0;
          const short = need[s] !== undefined && n < need[s];
          return el('tr', { class: short ? 'pg-short' : null },
            el('td', {}, topicName(p, s)), el('td', { class: 'num' }, String(n)),
            Object.keys(need).length ? el('td', { class: 'num' }, need[s] !== undefined ? String(need[s]) : '—',
              short ? ' ' : null, short ? badge(t('pg_topic_short'), 'bad') : null) : null);
        }),
        untitled > 0 ? el('tr', {}, el('td', { class: 'muted' }, t('pg_bank_untitled')), el('td', { class: 'num' }, String(untitled)),
          Object.keys(need).length ? el('td', {}, '—') : null) : null))));
  }
  return el('section', { class: 'pg-bank-block' }, ...parts);
}

// ---- the import -------------------------------------------------------------------

const importState = (code) => {
  if (!imports.has(code)) imports.set(code, { lang: '', file: null, input: null, busy: false, result: null, error: '' });
  return imports.get(code);
};

/** The reason the server gives for a rejected question, in the reader's words when it is one the page knows. */
function reasonText(reason) {
  const known = {
    'missing id': 'pg_r_missing_id', 'id too long': 'pg_r_id_too_long',
    'language not offered by the programme': 'pg_r_language_not_offered', 'empty text': 'pg_r_empty_text',
    'text too long': 'pg_r_text_too_long', 'topic too long': 'pg_r_topic_too_long', 'need 2 to 10 options': 'pg_r_options',
    'empty option': 'pg_r_empty_option', 'option too long': 'pg_r_option_too_long', 'duplicate options': 'pg_r_duplicate_options',
    'no correct answer': 'pg_r_no_correct', 'correct index out of range': 'pg_r_correct_range',
    'correct index repeated': 'pg_r_correct_repeated', 'every option is correct': 'pg_r_all_correct',
    'duplicate id in this import': 'pg_r_duplicate_id', 'not an object': 'pg_r_not_object',
  };
  const r = String(reason ?? '');
  if (known[r]) return t(known[r]);
  const type = /^unsupported question type: (.*)$/.exec(r);
  if (type) return t('pg_r_type', { type: type[1] });
  if (r.startsWith('the language cannot be told')) return t('pg_r_lang_unknown');
  if (/^the text is in \w+, which programme/.test(r)) return t('pg_r_language_not_offered');
  if (/is not valid UTF-8$/.test(r)) return tt('pg_r_not_utf8');
  return r; // a reason the page does not know: the server's words
}

async function sendFile(p) {
  const st = importState(p.code);
  st.error = '';
  st.result = null;
  if (!st.file) { st.error = t('pg_import_pick'); render(); return; }
  const name = st.file.name.toLowerCase();
  const type = name.endsWith('.json') ? 'application/json' : name.endsWith('.xml') ? 'application/xml' : null;
  if (!type) { st.error = tt('pg_import_type', { json: '.json', xml: '.xml' }); render(); return; }
  const query = type === 'application/xml' && st.lang ? `?lang=${st.lang}` : '';
  st.busy = true;
  render();
  try {
    let res;
    try {
      res = await fetch(`/api/programmes/${encodeURIComponent(p.code)}/questions${query}`, {
        method: 'POST', cache: 'no-store', body: st.file,
        headers: { 'Content-Type': type, Accept: 'application/json', Authorization: `Bearer ${auth.token}` },
      });
    } catch {
      throw new ApiError(0, 'network', '');
    }
    let data = null;
    try { data = await res.json(); } catch { /* not JSON */ }
    if (!res.ok) throw new ApiError(res.status, data?.error || `http_${res.status}`, data?.message || '');
    st.result = data;
    toast(t('pg_imported', { n: data.imported }), 'ok');
    await load();
  } catch (e) {
    if (expired(e)) return;
    st.error = error(e);
  } finally {
    st.busy = false;
    render();
  }
}

/** The file chooser of a programme: one element, kept across drawings so that the choice shows. */
function fileInput(st) {
  st.input ??= el('input', { type: 'file', id: 'pg-import-file', accept: '.json,.xml,application/json,application/xml,text/xml',
    onchange: (e) => { st.file = e.target.files?.[0] ?? null; st.error = ''; } });
  return st.input;
}

function importBlock(p) {
  const st = importState(p.code);
  const result = st.result;
  return el('section', { class: 'pg-import' },
    el('h3', {}, t('pg_import_title')),
    el('p', { class: 'muted small' }, tt('pg_import_hint')),
    el('div', { class: 'row pg-import-row' },
      el('label', { class: 'fld' }, el('span', {}, t('pg_import_file')), fileInput(st)),
      el('label', { class: 'fld' }, el('span', {}, tt('pg_import_lang')),
        el('select', { id: 'pg-import-lang', onchange: (e) => { st.lang = e.target.value; } },
          el('option', { value: '', selected: !st.lang }, t('pg_import_lang_auto')),
          ...p.languages.map((l) => el('option', { value: l, selected: st.lang === l }, langName(l))))),
      el('button', { type: 'button', id: 'pg-import-send', class: 'primary', disabled: st.busy, onclick: () => sendFile(p) },
        t(st.busy ? 'pg_import_busy' : 'pg_import_send'))),
    el('p', { class: 'error', role: 'alert', id: 'pg-import-error' }, st.error),
    result ? el('div', { id: 'pg-import-result', role: 'status' },
      el('p', { class: 'pg-imported' }, t('pg_imported', { n: result.imported }), ' ',
        result.rejected?.length ? t('pg_rejected', { n: result.rejected.length }) : t('pg_rejected_none')),
      result.rejected?.length ? el('div', { class: 'table-wrap' }, el('table', { class: 'pg-rejected' },
        el('thead', {}, el('tr', {}, el('th', {}, t('pg_rej_no')), el('th', {}, t('pg_rej_id')), el('th', {}, t('pg_rej_reason')))),
        el('tbody', {}, ...result.rejected.map((r) => el('tr', { 'data-index': r.index },
          el('td', { class: 'num' }, String(r.index + 1)), el('td', {}, el('code', {}, r.id || '—')),
          el('td', {}, reasonText(r.reason))))))) : null) : null);
}

function detail() {
  const p = (list ?? []).find((x) => x.code === openCode);
  if (!p) return null;
  return el('article', { class: 'card pg-detail', id: 'pg-detail-card', 'data-code': p.code },
    el('div', { class: 'card-head' }, el('h2', {}, `${p.code} — ${p.profession}`),
      el('div', { class: 'badges' }, badge(regimeName(p.regime), 'info'))),
    settings(p),
    el('div', { class: 'row' }, el('button', { type: 'button', id: 'pg-edit', onclick: () => edit(p) }, t('pg_edit'))),
    bankBlock(p),
    importBlock(p));
}

// ---- the form ----------------------------------------------------------------------

const blank = () => ({
  isNew: true, code: '', kind: 'recognition', profession: '', oked: '', nkz: '', nqf_level: '4', regime: 'custom',
  languages: ['kk', 'ru'], modes: ['online'], questions: '90', minutes: '90', pass_rule: 'above', pass_percent: '70',
  attempts: '2', methodology: { kk: '', ru: '' }, allowed_items: [], briefing_required: false, document_valid_years: '',
  education_required: false, experience_years: '0', blueprint: [], strikes: [...DEFAULT_STRIKES], practical: [],
});

function fromProgramme(p) {
  return {
    isNew: false, code: p.code, kind: p.kind, profession: p.profession, oked: p.oked, nkz: p.nkz ?? '',
    nqf_level: String(p.nqf_level), regime: p.regime, languages: [...p.languages], modes: [...(p.modes ?? ['online'])],
    questions: String(p.theory.questions), minutes: String(p.theory.minutes), pass_rule: p.theory.pass_rule,
    pass_percent: String(p.theory.pass_percent), attempts: String(p.attempts),
    methodology: { kk: '', ru: '', ...(p.methodology ?? {}) }, allowed_items: [...(p.allowed_items ?? [])],
    briefing_required: !!p.briefing_required, document_valid_years: p.document_valid_years == null ? '' : String(p.document_valid_years),
    education_required: !!p.admission?.education_required, experience_years: String(p.admission?.experience_years ?? 0),
    blueprint: Object.entries(p.blueprint ?? {}).map(([topic, count]) => ({ topic, count: String(count) })),
    strikes: [...(p.proctoring?.strikes ?? DEFAULT_STRIKES)],
    practical: (p.practical ?? []).map((it) => ({ id: it.id, text: { ...it.text }, mandatory: it.mandatory !== false })),
  };
}

/** Draws the form again (its shape changed): the values typed are in `editing`. */
function redraw() {
  editorVersion += 1;
  render();
}

function edit(p) {
  editing = p ? fromProgramme(p) : blank();
  formError = null;
  regimeNote = false;
  redraw();
  $('#pg-editor')?.scrollIntoView({ block: 'start' });
  $('#pg-editor input:not([disabled]), #pg-editor select')?.focus();
}

const num = (v) => (String(v).trim() === '' ? null : Number(v));

/** The programme as the server takes it, from what is typed. */
function body() {
  const e = editing;
  const methodology = Object.fromEntries(Object.entries(e.methodology).filter(([, v]) => v.trim() !== ''));
  const out = {
    code: e.code.trim(), kind: e.kind, profession: e.profession.trim(), oked: e.oked.trim(), nkz: e.nkz.trim(),
    nqf_level: num(e.nqf_level), languages: LANGS.filter((l) => e.languages.includes(l)),
    theory: { questions: num(e.questions), minutes: num(e.minutes), pass_percent: num(e.pass_percent), pass_rule: e.pass_rule },
    attempts: num(e.attempts), regime: e.regime, modes: MODES.filter((m) => e.modes.includes(m)), methodology,
    allowed_items: ITEMS.filter((i) => e.allowed_items.includes(i)), briefing_required: e.briefing_required,
    document_valid_years: num(e.document_valid_years),
    admission: { education_required: e.education_required, experience_years: num(e.experience_years) ?? 0 },
    blueprint: Object.fromEntries(e.blueprint.filter((b) => b.topic.trim()).map((b) => [b.topic.trim(), num(b.count)])),
    proctoring: { focus_lost_is_violation: e.strikes.includes('focus_lost'), strikes: SIGNALS.filter((s) => e.strikes.includes(s)) },
    practical: e.practical.filter((it) => it.id.trim()).map((it) => ({ id: it.id.trim(), text: it.text, mandatory: it.mandatory })),
  };
  return out;
}

function chooseRegime(r) {
  editing.regime = r;
  const fixed = FIXED[r];
  regimeNote = !!fixed;
  if (fixed) {
    for (const [k, v] of Object.entries(fixed)) editing[k] = Array.isArray(v) ? [...v] : v;
  }
  redraw();
  $('#pg-f-regime')?.focus();
}

const fld = (label, control, hint) => el('label', { class: 'fld' }, el('span', {}, label), control,
  hint ? el('span', { class: 'hint' }, hint) : null);
const text = (key, attrs = {}) => el('input', {
  type: 'text', id: `pg-f-${key}`, value: editing[key] ?? '', ...attrs, oninput: (e) => { editing[key] = e.target.value; },
});
const number = (key, min, max, attrs = {}) => text(key, { type: 'number', min, max, step: 1, class: 'short', ...attrs });
const select = (id, values, current, words, onchange) => el('select', { id, onchange: (e) => onchange(e.target.value) },
  ...values.map((v) => el('option', { value: v, selected: v === current }, words(v))));
/** Checkboxes for a list held in editing[key]. */
function checks(key, values, words, onchange) {
  return el('div', { class: 'pg-checks', id: `pg-f-${key}` }, ...values.map((v) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', value: v, checked: editing[key].includes(v), onchange: (e) => {
      editing[key] = e.target.checked ? [...editing[key], v] : editing[key].filter((x) => x !== v);
      onchange?.();
    } }), ` ${words(v)}`)));
}
const toggle = (key, label) => el('label', { class: 'check' }, el('input', { type: 'checkbox', id: `pg-f-${key}`,
  checked: editing[key], onchange: (e) => { editing[key] = e.target.checked; } }), ` ${label}`);
const sec = (legend, ...children) => el('fieldset', { class: 'form-sec' }, el('legend', {}, legend), ...children);
const removeBtn = (arr, i) => el('button', { type: 'button', class: 'link-btn', onclick: () => { arr.splice(i, 1); redraw(); } },
  t('pg_f_remove'));

function blueprintRows() {
  return el('ul', { class: 'plain-list', id: 'pg-f-blueprint' }, ...editing.blueprint.map((b, i) => el('li', { class: 'row pg-bp-row' },
    el('input', { type: 'text', class: 'pg-bp-topic', 'aria-label': `${t('pg_f_topic')} ${i + 1}`, value: b.topic, maxlength: 64,
      placeholder: t('pg_f_topic'), oninput: (e) => { b.topic = e.target.value; } }),
    el('input', { type: 'number', class: 'short pg-bp-count', 'aria-label': `${t('pg_f_count')} ${i + 1}`, value: b.count,
      min: 1, max: 500, oninput: (e) => { b.count = e.target.value; } }),
    removeBtn(editing.blueprint, i))));
}

function practicalRows() {
  const langs = LANGS.filter((l) => editing.languages.includes(l));
  return el('ul', { class: 'plain-list', id: 'pg-f-practical' }, ...editing.practical.map((it, i) => el('li', { class: 'pg-item-row' },
    el('div', { class: 'row' },
      el('input', { type: 'text', class: 'pg-item-id short', 'aria-label': `${t('pg_f_item_id')} ${i + 1}`, value: it.id,
        maxlength: 64, placeholder: t('pg_f_item_id'), oninput: (e) => { it.id = e.target.value; } }),
      el('label', { class: 'check' }, el('input', { type: 'checkbox', checked: it.mandatory,
        onchange: (e) => { it.mandatory = e.target.checked; } }), ` ${t('pg_f_item_mandatory')}`),
      removeBtn(editing.practical, i)),
    ...langs.map((l) => el('input', { type: 'text', class: `pg-item-text pg-item-${l}`, value: it.text[l] ?? '',
      'aria-label': `${t('pg_f_item_text', { lang: langName(l) })} ${i + 1}`, placeholder: t('pg_f_item_text', { lang: langName(l) }),
      oninput: (e) => { it.text[l] = e.target.value; } })))));
}

function editor() {
  if (!editing) return null;
  const e = editing;
  return el('form', { class: 'card pg-form', id: 'pg-form', novalidate: true, onsubmit: save },
    el('h2', {}, e.isNew ? t('pg_f_new_title') : t('pg_f_edit_title', { code: e.code })),
    el('div', { class: 'grid3' },
      fld(t('pg_f_code'), text('code', { maxlength: 32, disabled: !e.isNew, spellcheck: 'false', autocomplete: 'off' }),
        e.isNew ? t('pg_f_code_hint') : null),
      fld(t('pg_f_oked'), text('oked', { maxlength: 5, inputmode: 'numeric', class: 'short' })),
      fld(t('pg_f_nkz'), text('nkz', { maxlength: 8, inputmode: 'numeric', class: 'short' }))),
    fld(t('pg_f_profession'), text('profession', { maxlength: 300 })),
    fld(t('pg_f_level'), select('pg-f-nqf_level', ['1', '2', '3', '4', '5', '6', '7', '8'], e.nqf_level, (v) => v,
      (v) => { e.nqf_level = v; })),
    sec(t('pg_f_regime'),
      select('pg-f-regime', REGIMES, e.regime, regimeName, chooseRegime),
      el('p', { class: 'hint' }, t(`pg_regime_hint_${e.regime}`)),
      regimeNote ? el('p', { class: 'hint pg-filled', role: 'status' }, t('pg_regime_filled')) : null),
    el('div', { class: 'grid3' },
      sec(t('pg_f_languages'), checks('languages', LANGS, langName, redraw)),
      sec(t('pg_f_modes'), checks('modes', MODES, modeName))),
    sec(t('pg_f_theory'), el('div', { class: 'grid3' },
      fld(t('pg_f_questions'), number('questions', 1, 500)),
      fld(t('pg_f_minutes'), number('minutes', 1, 600)),
      fld(t('pg_f_attempts'), number('attempts', 0, 10))),
    el('div', { class: 'row' },
      fld(t('pg_f_pass_rule'), select('pg-f-pass_rule', RULES, e.pass_rule, (v) => t(`pg_rule_${v}`), (v) => { e.pass_rule = v; })),
      fld(t('pg_f_pass_percent'), number('pass_percent', 1, 100)))),
    sec(t('pg_f_methodology'), ...Object.keys(e.methodology).map((l) => fld(t('pg_f_methodology_lang', { lang: langName(l) }),
      el('textarea', { id: `pg-f-methodology-${l}`, rows: 3, maxlength: 20000, oninput: (ev) => { e.methodology[l] = ev.target.value; } },
        e.methodology[l])))),
    sec(t('pg_f_allowed'), el('p', { class: 'hint' }, t('pg_f_allowed_hint')), checks('allowed_items', ITEMS, itemName)),
    sec(t('pg_f_admission'),
      toggle('briefing_required', t('pg_f_briefing')),
      toggle('education_required', t('pg_f_education')),
      el('div', { class: 'row' },
        fld(t('pg_f_experience'), number('experience_years', 0, 50)),
        fld(t('pg_f_valid'), number('document_valid_years', 1, 50)))),
    sec(t('pg_f_blueprint'), el('p', { class: 'hint' }, t('pg_f_blueprint_hint')), blueprintRows(),
      el('button', { type: 'button', id: 'pg-f-add-topic', onclick: () => { e.blueprint.push({ topic: '', count: '' }); redraw(); } },
        t('pg_f_add_topic'))),
    sec(t('pg_f_strikes'), el('p', { class: 'hint' }, t('pg_f_strikes_hint')), checks('strikes', SIGNALS, signalName)),
    sec(t('pg_f_practical'), practicalRows(),
      el('button', { type: 'button', id: 'pg-f-add-item', onclick: () => { e.practical.push({ id: '', text: {}, mandatory: true }); redraw(); } },
        t('pg_f_add_item'))),
    el('div', { class: 'pg-form-error', id: 'pg-form-error', role: 'alert' },
      formError ? el('p', { class: 'error' }, t('pg_f_refused'), ' ', formError.words) : null,
      formError?.message && formError.message !== formError.words ? el('p', { class: 'error pg-server-message' }, formError.message) : null),
    el('div', { class: 'row' },
      el('button', { type: 'submit', id: 'pg-save', class: 'primary' }, t('pg_f_save')),
      el('button', { type: 'button', id: 'pg-cancel', onclick: () => { editing = null; formError = null; redraw(); } }, t('pg_f_cancel'))));
}

async function save(ev) {
  ev.preventDefault();
  const button = ev.target.querySelector('button[type=submit]');
  button.disabled = true;
  const b = body();
  try {
    const path = editing.isNew ? '/api/programmes' : `/api/programmes/${encodeURIComponent(editing.code)}`;
    const saved = await api(editing.isNew ? 'POST' : 'PUT', path, b);
    toast(t('pg_saved'), 'ok');
    editing = null;
    formError = null;
    openCode = saved.code;
    redraw();
    await load();
  } catch (e) {
    if (expired(e)) return;
    formError = { words: error(e), message: e.message && e.message !== e.code ? e.message : '' };
    redraw();
    $('#pg-form-error')?.scrollIntoView({ block: 'nearest' });
  } finally {
    button.disabled = false;
  }
}

// ---- the screen ---------------------------------------------------------------------

function head() {
  return el('tr', {}, ...['pg_col_code', 'pg_col_profession', 'pg_col_level', 'pg_col_regime', 'pg_col_languages',
    'pg_col_modes', 'pg_col_bank'].map((k) => el('th', {}, t(k))), el('th', {}, ''));
}

function render() {
  const status = $('#pg-status');
  if (!status) return;
  status.textContent = loadError ? error(loadError) : list === null ? t('pg_loading')
    : list.length ? t('pg_count', { n: list.length }) : t('pg_none');
  $('#pg-head').replaceChildren(head());
  $('#pg-body').replaceChildren(...(list ?? []).map(row));
  $('#pg-table-box').hidden = !list?.length;
  // The form is drawn again only when its shape or the language changed (not
  // while someone types in it when a list arrives); `editing` holds every value typed.
  const key = `${getLang()}|${editorVersion}`;
  if (key !== drawnEditor) {
    drawnEditor = key;
    $('#pg-editor').replaceChildren(...[editor()].filter(Boolean));
  }
  $('#pg-detail').replaceChildren(...[detail()].filter(Boolean));
}

export default {
  views: ['programmes'],
  roles: ['admin'],
  strings: STRINGS,
  mount() {
    $('#main')?.append(el('section', { id: 'screen-programmes', class: 'screen wide', hidden: true },
      el('div', { class: 'screen-head' },
        el('h1', { id: 'programmes-title', tabindex: '-1', 'data-focus': true, 'data-i18n': 'pg_title' }, t('pg_title')),
        el('div', { class: 'row' },
          el('button', { id: 'pg-new', type: 'button', class: 'primary', 'data-i18n': 'pg_new', onclick: () => edit(null) }, t('pg_new')),
          el('button', { id: 'pg-reload', type: 'button', 'data-i18n': 'reload', onclick: load }, t('reload')))),
      el('p', { class: 'muted', 'data-i18n': 'pg_intro' }, t('pg_intro')),
      el('p', { id: 'pg-status', class: 'queue-status', role: 'status' }),
      el('div', { id: 'pg-editor' }),
      el('div', { class: 'table-wrap', id: 'pg-table-box' },
        el('table', { class: 'pg-table' }, el('thead', { id: 'pg-head' }), el('tbody', { id: 'pg-body' }))),
      el('div', { id: 'pg-detail' })));
    $('#staff-nav')?.append(el('a', { href: '#programmes-title', 'data-view': 'programmes', 'data-i18n': 'pg_nav' }, t('pg_nav')));
  },
  enter() { load(); },
  render,
  reset() {
    list = loadError = editing = formError = openCode = null;
    regimeNote = false;
    editorVersion += 1;
    banks.clear();
    imports.clear();
  },
};
