// Tanu candidate page (index.html): sign in, choose a sitting, (online
// sittings: camera and microphone, identity check), sit the exam, see the
// result, and later the commission's decision, the document and the appeal
// (results.js).
import { onLangChange, applyStatic, formatNumber } from '../lib/i18n.js';
import { dmyTime } from '../lib/dates.js';
import { api } from '../lib/api.js';
import { $, el, showScreen } from '../lib/dom.js';
import { toast, languageChoice } from '../lib/ui.js';
import { session } from '../lib/session.js';
import { violationText } from '../lib/strings.js';
import { words, t, has } from './strings.js';
import { slotRows, startGate, nextChange, closedPart, illnessPart, scheduleText, forgetForms } from './schedule.js';

const EXAM_KEY = 'tanu.exam'; // the sitting in progress, so that a reload resumes it
const RESULTS_KEY = 'tanu.results'; // the sitting whose results are shown, so that a reload keeps them

let sittings = null; // GET /api/sessions?candidate=ID
let listError = null;
let exam = null;
let checks = null; // the steps before an online exam
let devcheck = null; // the device check any day (index.html#check)
let result = null; // { msg, terminated, decided, lost: { late: [{n, arrived_ms}], unsent: [n] } }
let screen = null;
let gateTimer = null; // redraws the list when a start window opens or closes

function go(name) {
  screen = name;
  $('#logout').hidden = !session.hasToken || name === 'login' || name === 'exam' || name === 'check';
  showScreen(name);
}

// ---- sign in / out (lib/session.js) ------------------------------------------

function showLogin(message = '') {
  $('#login-error').textContent = message;
  go('login');
  $('#login').focus();
}

/** Everything that runs (results, checks, the exam's socket and camera) stops before a sign-out. */
function stopAll() {
  ++openTurn;
  briefingView?.closeBriefing();
  closeDevcheck();
  closeResults();
  checks?.stop(true);
  checks = null;
  exam?.stop();
  exam = null;
}

const expired = () => session.expired();

// The results view (results.js and its words) loads when first shown: most
// visits never need it, and the first load on a weak link is shorter without
// it (issue 10). An open overtaken by a close (a sign-out, the list) does nothing.
let resultsView = null;
let resultsTurn = 0;
function openResults(...args) {
  const turn = ++resultsTurn;
  import('./results.js').then((m) => {
    resultsView = m;
    if (turn === resultsTurn) m.openResults(...args);
  }, () => toast(() => t('part_unavailable'), 'error'));
}
function closeResults() {
  ++resultsTurn;
  resultsView?.closeResults();
}

// The exam, its checks and the camera (exam.js, check.js, media.js, pacer.js…)
// load after the first screen is drawn, so that the sign-in and the list do not
// wait for them on a weak link; boot() fetches them right after, so they are
// usually here before "Start" is clicked. `turn` guards against a screen left
// while they were loading.
let examCode = null; // the promise of { Exam, Checks, DeviceCheck }
let openTurn = 0;
function examModules() {
  examCode ??= Promise.all([import('./exam.js'), import('./check.js')]).then(
    ([e, c]) => ({ Exam: e.Exam, Checks: c.Checks, DeviceCheck: c.DeviceCheck }),
    (err) => { examCode = null; throw err; },
  );
  return examCode;
}
/** The modules, or null (told to the candidate) when they cannot be loaded or the screen was left meanwhile. */
async function loadExamModules() {
  const turn = ++openTurn;
  try {
    const m = await examModules();
    return turn === openTurn ? m : null;
  } catch {
    if (turn === openTurn) toast(() => t('part_unavailable'), 'error');
    return null;
  }
}

// The screen before the start (briefing.js, seed 002 p.8, p.12) loads when a
// scheduled sitting is opened: true to go on, false back to the list, null when
// the page moved on meanwhile.
let briefingView = null;
async function briefingFirst(id) {
  try {
    briefingView ??= await import('./briefing.js');
  } catch {
    toast(() => t('part_unavailable'), 'error');
    return false;
  }
  return briefingView.briefingGate(id, { go, expired });
}

// ---- the candidate's sittings -----------------------------------------------

async function loadSittings() {
  closeResults();
  try { sessionStorage.removeItem(RESULTS_KEY); } catch { /* ignore */ }
  sittings = null;
  listError = null;
  go('list');
  renderList();
  try {
    const me = await session.account();
    if (me.role !== 'candidate') {
      await session.signOut(t('not_candidate', { role: me.role }));
      return;
    }
    const r = await api('GET', `/api/sessions?candidate=${encodeURIComponent(me.candidate)}`);
    sittings = Array.isArray(r) ? r : (r?.sessions ?? r?.items ?? []);
  } catch (e) {
    if (e.status === 401) { expired(); return; }
    listError = e;
  }
  renderList();
}

function renderList() {
  const status = $('#list-status');
  const ul = $('#sittings');
  if (listError) status.textContent = words.error(listError);
  else if (!sittings) status.textContent = t('loading');
  else status.textContent = sittings.length ? '' : t('list_empty');
  ul.replaceChildren(...(sittings || []).map(sittingCard));
  clearTimeout(gateTimer);
  const later = screen === 'list' ? nextChange(sittings) : null;
  if (later != null) gateTimer = setTimeout(() => { if (screen === 'list') renderList(); }, later);
}

/** What the scheduling part of a card asks of the list (schedule.js). */
const listHooks = {
  redraw: renderList,
  expired,
  reload: async (id, done) => {
    await loadSittings();
    toast(() => scheduleText(done));
    document.querySelector(`#sittings [data-session="${id}"] h2`)?.focus();
  },
};

/**
 * The exam card: what the candidate sees of a sitting before starting it
 * (issue 10): the profession and the programme's code, when, how long, how
 * many questions, the pass mark in words, the language, the attempt out of
 * how many, proctored online or not. `programme_info` is absent from older
 * servers: the card then shows what the sitting itself says.
 */
function sittingCard(s) {
  const headingId = `sitting-${s.id}`;
  const p = s.programme_info && typeof s.programme_info === 'object' ? s.programme_info : {};
  const profession = p.profession || s.profession;
  const title = profession ? String(profession) : String(s.programme ?? s.id);
  const ended = s.status === 'finished' || s.status === 'terminated';
  const action = ended ? 'view_result' : s.status === 'in_progress' ? 'resume' : 'start';
  const resultText = s.percent != null
    ? `${formatNumber(s.percent)}% — ${t(s.passed ? 'passed' : 'not_passed')}` : '—';
  const row = (label, value, key) => [el('dt', {}, t(label)), el('dd', { 'data-row': key ?? label }, value)];
  const num = (x) => Number.isFinite(Number(x)) && x !== null;
  const online = p.proctored ?? s.mode !== 'offline';
  const gate = startGate(s);
  return el('li', { class: 'card', 'data-session': s.id, 'data-status': s.status },
    el('h2', { id: headingId, tabindex: -1 }, title),
    el('dl', {},
      ...row('card_programme', String(s.programme ?? '—')),
      ...(s.slots?.theory ? [] : row('card_when', sittingWhen(s, p))),
      ...slotRows(s),
      ...(num(p.minutes) ? row('card_duration', t('card_minutes', { n: p.minutes })) : []),
      ...(num(p.questions) ? row('card_questions', String(p.questions)) : []),
      ...(num(p.pass_percent) ? row('card_pass', t(p.pass_rule === 'at_least' ? 'pass_at_least' : 'pass_above',
        { percent: p.pass_percent })) : []),
      ...(s.lang ? row('exam_lang', langName(s.lang)) : []),
      ...row('attempt', s.counts_as_attempt === false ? scheduleText('sc_attempt_not')
        : num(p.attempts) && p.attempts > 0 ? t('card_attempt_of', { n: s.attempt ?? '—', total: p.attempts })
          : String(s.attempt ?? '—')),
      ...row('card_mode', t(online ? 'card_online' : 'card_offline'), 'card_mode'),
      ...row('status', has(`status_${s.status}`) ? t(`status_${s.status}`) : String(s.status ?? '—')),
      ...(ended ? row('result', resultText) : [])),
    closedPart(s, sittings),
    gate.note,
    el('div', { class: 'card-actions' },
      gate.allowed ? el('button', {
        type: 'button', class: ended ? '' : 'primary', 'aria-describedby': headingId,
        onclick: () => (ended ? openSittingResults(s.id, s) : openExam(s.id, s)),
      }, t(action)) : null,
      online && s.status === 'scheduled' ? el('button', {
        type: 'button', class: 'devcheck-btn', 'aria-describedby': headingId, onclick: () => { location.hash = '#check'; },
      }, t('devcheck_button')) : null),
    illnessPart(s, listHooks));
}

/**
 * When the sitting is: its appointed time when it has one, else when it
 * started, else that it can be started at any time (the date it was assigned).
 * Times are the centre's (Kazakhstan, UTC+5), as DD.MM.YYYY HH:MM.
 */
function sittingWhen(s, p) {
  if (Number.isFinite(p.scheduled_ms)) return dmyTime(p.scheduled_ms);
  if (Number.isFinite(s.started_ms)) return t('card_started', { time: dmyTime(s.started_ms) });
  return t('card_any_time', { date: dmyTime(s.created_ms, false) });
}

function langName(code) {
  return { kk: 'Қазақша', ru: 'Русский', en: 'English' }[code] ?? String(code);
}

// ---- the exam and its result ------------------------------------------------

/**
 * An online sitting (the default) first goes through the checks; a sitting in
 * a centre (`mode: offline`) starts at once. `sitting` is its entry in the
 * list, or null after a reload (then it is asked for).
 */
async function openExam(id, sitting = null) {
  try { sessionStorage.setItem(EXAM_KEY, String(id)); } catch { /* ignore */ }
  stopAll();
  let s = sitting;
  if (!s) {
    try {
      s = await api('GET', `/api/sessions/${encodeURIComponent(id)}`);
    } catch (e) {
      if (e.status === 401) { expired(); return; }
      s = null; // unknown: treat as online; the exam screen reports other errors
    }
  }
  if (!s || s.status === 'scheduled') {
    const turn = openTurn;
    const go_on = await briefingFirst(id);
    if (go_on === null || turn !== openTurn) return;
    if (!go_on) { forgetExam(); loadSittings(); return; }
  }
  const m = await loadExamModules();
  if (!m) return;
  const ended = s?.status === 'finished' || s?.status === 'terminated';
  if (s?.mode === 'offline' || ended) { startExam(m, id, null); return; }
  checks = new m.Checks(s?.status === 'in_progress', {
    ready: (media) => { checks = null; startExam(m, id, media); },
    back: () => { checks = null; forgetExam(); loadSittings(); },
  });
  go('check');
  checks.start();
}

function startExam(m, id, media) {
  exam = new m.Exam(id, {
    result: (msg, terminated, lost) => {
      exam = null;
      result = { msg, terminated, decided: false, lost };
      forgetExam();
      showResults(id);
    },
    // A start refused (not yet, missed, illness reported, cancelled) or the sitting voided: the list says why.
    closed: (say) => {
      exam = null;
      forgetExam();
      toast(say, 'error');
      loadSittings();
    },
    fatal: (e) => {
      exam = null;
      forgetExam();
      if (e.status === 401) { expired(); return; }
      toast(words.error(e), 'error');
      loadSittings();
    },
  }, media);
  go('exam');
  exam.start();
}

function forgetExam() {
  try { sessionStorage.removeItem(EXAM_KEY); } catch { /* ignore */ }
}

// ---- the results of an ended sitting ---------------------------------------------

/** The theory result (from the list's entry or GET /api/sessions/ID), then results.js below it. */
async function openSittingResults(id, sitting = null) {
  stopAll();
  let s = sitting;
  if (!s) {
    try {
      s = await api('GET', `/api/sessions/${encodeURIComponent(id)}`);
    } catch (e) {
      if (e.status === 401) { expired(); return; }
      toast(words.error(e), 'error');
      loadSittings();
      return;
    }
  }
  result = { msg: { ...s, reason: s.finish_reason }, terminated: null, decided: false, lost: lostOf(s) };
  showResults(id);
}

function showResults(id) {
  try { sessionStorage.setItem(RESULTS_KEY, String(id)); } catch { /* ignore */ }
  renderResult();
  go('result');
  openResults($('#results-more'), id, null, {
    expired,
    // Once the commission has decided, the theory stage's "next step" is history.
    decided: (p) => {
      if (!result) return;
      const appeal = p?.appeal_outcome ?? null;
      if (result.decided && result.appeal === appeal) return;
      result.decided = true;
      result.appeal = appeal;  // an appeal's outcome overrides the theory's verdict line (p.23)
      renderResult();
    },
  });
}

/** The late answers a message lists (the result's late_answers), none when absent. */
function lostOf(r) {
  const late = Array.isArray(r?.late_answers) ? r.late_answers.filter((a) => Number.isFinite(Number(a?.n))) : [];
  return { late, unsent: [] };
}

/** UTC milliseconds → 'HH:MM:SS' in Kazakhstan's time (UTC+5), as the server's clock. */
function kzTime(ms) {
  const d = new Date(Number(ms) + 5 * 3600 * 1000);
  return [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((v) => String(v).padStart(2, '0')).join(':');
}

/**
 * The answers that did not count, each with its question: those that reached
 * the server after the time (late_answers) and those the page still held.
 */
function lostAnswers(lost) {
  const items = [
    ...(lost?.late ?? []).map((a) => ({ n: Number(a.n), text: t('result_late_item', { n: a.n, time: kzTime(a.arrived_ms) }) })),
    ...(lost?.unsent ?? []).map((n) => ({ n: Number(n), text: t('result_unsent_item', { n }) })),
  ].sort((a, b) => a.n - b.n);
  if (!items.length) return null;
  return el('section', { class: 'late-answers', 'aria-labelledby': 'late-title' },
    el('h3', { id: 'late-title', class: 'alert' }, t('result_late_title', { count: items.length })),
    el('p', {}, t('result_late_intro')),
    el('ul', { id: 'late-list' }, ...items.map((i) => el('li', { 'data-n': i.n }, i.text))));
}

function renderResult() {
  if (!result) return;
  const { msg: r, terminated, decided, lost, appeal } = result;
  const reason = r.reason ?? (terminated ? 'terminated' : null);
  const verdict = appeal === 'recognised' ? el('p', { class: 'verdict pass' }, t('result_recognised_on_appeal'))
    : appeal === 'annulled' ? el('p', { class: 'verdict' }, t('result_annulled_on_appeal'))
      : el('p', { class: `verdict ${r.passed ? 'pass' : 'fail'}` }, t(r.passed ? 'result_passed' : 'result_failed'));
  $('#result-body').replaceChildren(...[
    verdict,
    el('p', { class: 'score' }, t('result_score', {
      correct: r.correct ?? '—', total: r.total ?? '—', percent: formatNumber(r.percent),
    })),
    lostAnswers(lost),
    reason && has(`reason_${reason}`) ? el('p', {}, t(`reason_${reason}`)) : null,
    terminated ? el('p', { class: 'alert' }, t('terminated', { reason: violationText(terminated) })) : null,
    decided ? null : el('p', { class: 'strong' }, t(r.awaiting_decision ? 'next_awaiting'
      : has(`next_${r.next}`) ? `next_${r.next}` : 'next_none')),
    !decided && !r.awaiting_decision && r.attempts_left != null ? el('p', {}, t('attempts_left', { n: r.attempts_left })) : null,
  ].filter(Boolean));
}

// ---- the device check (index.html#check) ----------------------------------------

const wantsDevcheck = () => location.hash === '#check';

/** Opens the device check unless a sitting is in progress on this page (its own checks come first). */
async function openDevcheck() {
  if (exam || checks || devcheck) return;
  closeResults();
  go('devcheck');
  const m = await loadExamModules();
  if (!m || exam || checks || devcheck) return;
  devcheck = new m.DeviceCheck({ back: () => leaveDevcheck() });
  devcheck.start();
}

function closeDevcheck() {
  devcheck?.stop();
  devcheck = null;
}

function leaveDevcheck() {
  if (wantsDevcheck()) history.replaceState(null, '', location.pathname + location.search);
  closeDevcheck();
  if (session.hasToken) loadSittings(); else showLogin();
}

// ---- start ------------------------------------------------------------------

function boot() {
  applyStatic(words);
  languageChoice();
  onLangChange(() => {
    applyStatic(words);
    if (screen === 'list') renderList();
    if (screen === 'result') renderResult();
  });
  session.start(words, {
    signedIn: loadSittings,
    showLogin,
    stop: stopAll,
    reset: () => { sittings = null; forgetForms(); },
  });
  $('#list-reload').addEventListener('click', loadSittings);
  $('#result-back').addEventListener('click', loadSittings);
  window.addEventListener('hashchange', () => {
    if (wantsDevcheck()) openDevcheck();
    else if (devcheck) leaveDevcheck();
  });

  let inExam = null;
  try { inExam = sessionStorage.getItem(EXAM_KEY); } catch { /* ignore */ }
  if (wantsDevcheck() && !inExam) { openDevcheck(); return; }
  if (!session.hasToken) { showLogin(); return; }
  let current = null;
  let shown = null;
  try { current = sessionStorage.getItem(EXAM_KEY); shown = sessionStorage.getItem(RESULTS_KEY); } catch { /* ignore */ }
  if (current) openExam(Number(current));
  else if (shown) openSittingResults(Number(shown));
  else loadSittings();
}

boot();
// After the first screen is drawn: the exam's modules, so that "Start" does not wait for them.
setTimeout(() => examModules().catch(() => {}), 0);
