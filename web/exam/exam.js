// The exam screen: the paper, answers that survive reconnects, the clock.
//
// Answers go out as {"type":"answer","n","choice","seq":"c-<counter>"} and stay
// in `pending` until the server's `saved` with the same seq arrives. After a
// reconnect the new `paper` is the truth for acknowledged answers and every
// still-pending answer is sent again. `pending` is also kept in sessionStorage,
// so a reload of the page does not lose answers the server never confirmed.
//
// An online sitting also streams the camera (a JPEG every 2 s) and the
// microphone (1 s of 16 kHz PCM) while the socket is open and the paper is on
// screen, shows the identity check's outcome, and films the room when the
// server sends `room_scan` (proctor.js).
//
// Nothing disappears silently. The banner says what is true: how many answers
// wait to be sent, and, in the last 2 minutes, that answers not saved before
// the time is over will not count. When the result comes while answers are
// still unacknowledged (or were refused `time_over`), the page sends them once
// more and asks for the result again (`finish` on an ended attempt answers
// with the stored result): the server keeps each as a late answer in the
// sitting's events, and the second result's `late_answers` lists those that
// reached it after the time. Answers that never reach it are listed too.
//
// The candidate's own aids (issue 10): a "flag for review" on each question,
// kept in sessionStorage only (never sent: it is no part of the answer), and a
// review before handing in that lists the unanswered and the flagged
// questions, the answers not saved yet and the time left.
import { onLangChange } from '../lib/i18n.js';
import { $, el, openDialog, closeDialog } from '../lib/dom.js';
import { toast, setBanner } from '../lib/ui.js';
import { Link } from '../lib/net.js';
import { api } from '../lib/api.js';
import { violationText } from '../lib/strings.js';
import { words, t } from './strings.js';
import { FRAME_MS } from './media.js';
import { ProctorPanel, RoomScan } from './proctor.js';
import { CLOSING_ERRORS, closedText } from './schedule.js';

const LOW_TIME_MS = 5 * 60 * 1000;
/** The last minutes in which unsaved answers are warned about. */
const LATE_WARN_MS = 2 * 60 * 1000;
/** An answer unacknowledged this long on an open link is worth a word. */
const UNCONFIRMED_MS = 3000;
/** How long the page waits for the result again after sending what it held. */
const FINAL_RESULT_MS = 5000;
const LETTERS = 'ABCDEFGHIJ';

/**
 * The exam socket opened with a one-time ticket fetched over HTTP before each
 * (re)connect (POST /api/sessions/{id}/ws-ticket), so the bearer token never
 * travels in a URL, where proxies log it. A ticket that cannot be had counts
 * as a failed connection: the Link waits and tries again, and the Exam asks
 * over HTTP why after repeated failures.
 */
class TicketLink extends Link {
  constructor(id, base, handlers) {
    super(base, handlers);
    this.id = id;
    this.base = base;
    this.fetching = false;
  }

  open() {
    this.timer = null;
    if (this.stopped || this.ws || this.fetching) return;
    this.fetching = true;
    api('POST', `/api/sessions/${encodeURIComponent(this.id)}/ws-ticket`).then((t) => {
      this.fetching = false;
      if (this.stopped || this.ws) return;
      this.url = `${this.base}?ticket=${encodeURIComponent(t.ticket)}`;
      super.open();
    }, () => {
      this.fetching = false;
      if (!this.stopped && !this.ws) this.drop();
    });
  }
}

export class Exam {
  /** hooks: result(msg, terminatedReason), fatal(apiError); media: an open Media for online sittings */
  constructor(id, hooks, media = null) {
    this.id = id;
    this.hooks = hooks;
    this.media = media;
    if (media) {
      this.panel = new ProctorPanel(media);
      this.scan = new RoomScan(media, {
        send: (msg) => this.send(msg),
        frameRate: (ms) => media.setFrameInterval(ms ?? FRAME_MS),
        done: () => this.forgetScan(),
      });
    }
    this.paper = null;
    this.questions = [];
    this.byN = new Map();
    this.answers = new Map(); // n → [indices], what the candidate sees as chosen
    this.acked = new Set(); // n whose current answer the server has made durable
    this.pending = new Map(); // n → {choice, seq, at}, sent but not yet saved
    this.refused = new Set(); // n refused `time_over`: not counted
    this.flags = new Set(); // n the candidate flagged for review (this browser tab only)
    this.reviewing = false;
    this.counter = 0;
    this.current = 1;
    this.clock = null;
    this.finishing = false;
    this.terminated = null;
    this.ended = false;
    this.fails = 0;
    this.statusKey = ['connecting'];
    this.restore();
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = `${scheme}//${location.host}/ws/exam/${encodeURIComponent(id)}`;
    this.link = new TicketLink(id, url, {
      open: () => this.onOpen(),
      message: (m) => this.onMessage(m),
      down: (offline) => this.onDown(offline),
    });
  }

  start() {
    this.ac = new AbortController();
    const on = (target, type, f) => target.addEventListener(type, f, { signal: this.ac.signal });
    on($('#prev'), 'click', () => this.go(this.step(-1), true));
    on($('#next'), 'click', () => this.go(this.step(+1), true));
    on($('#finish'), 'click', () => this.openReview());
    on($('#q-flag'), 'click', () => this.toggleFlag());
    on($('#review-back'), 'click', () => this.closeReview(true));
    on($('#review-handin'), 'click', () => this.askFinish());
    on($('#review'), 'click', (e) => {
      const b = e.target.closest('button[data-n]');
      if (b) { this.closeReview(false); this.go(Number(b.dataset.n), true); }
    });
    on($('#q-options'), 'change', () => this.onChoice());
    on($('#qgrid'), 'click', (e) => {
      const b = e.target.closest('button[data-n]');
      if (b) this.go(Number(b.dataset.n), true);
    });
    on($('#dlg-finish'), 'close', (e) => { if (e.target.returnValue === 'finish') this.finish(); });
    // The warning must be acknowledged with its button: Escape does not dismiss it.
    on($('#dlg-warning'), 'cancel', (e) => e.preventDefault());
    on($('#dlg-warning'), 'close', (e) => {
      if (e.target.returnValue !== 'ack' && !this.ended) openDialog(e.target);
    });
    on(document, 'visibilitychange', () => {
      if (document.hidden && this.paper && !this.locked()) {
        if (this.send({ type: 'focus', state: 'lost' })) this.focusLost = true;
      } else if (!document.hidden && this.focusLost) {
        this.focusLost = false;
        this.send({ type: 'focus', state: 'back' });
      }
    });
    on(window, 'beforeunload', (e) => { if (!this.ended) { e.preventDefault(); e.returnValue = ''; } });
    this.offLang = onLangChange(() => this.renderAll());
    this.ticker = setInterval(() => this.tick(), 500);
    $('#exam-body').hidden = true;
    $('#review').hidden = true;
    $('#clock').textContent = '--:--';
    $('#clock').classList.remove('low');
    this.setStatus('connecting');
    this.startMedia();
    this.link.start();
  }

  stop() {
    this.stopMedia();
    this.link.stop();
    this.ac?.abort();
    this.offLang?.();
    clearInterval(this.ticker);
    setBanner(null);
    closeDialog($('#dlg-finish'));
    closeDialog($('#dlg-warning'));
  }

  // ---- connection -------------------------------------------------------

  send(msg) { return this.link.send(msg); }

  // ---- proctoring media ---------------------------------------------------

  startMedia() {
    const media = this.media;
    if (!media) return;
    media.setSink(() => this.mediaWanted(), (buf) => this.link.sendBinary(buf));
    // Answers first (issue 10): the media pacer sends only when no answer is
    // waiting for its `saved` and the socket holds nothing unsent, and tells
    // the server when it has to send less.
    media.setLink({
      buffered: () => this.link.buffered,
      answersWaiting: () => (this.link.isOpen ? this.pending.size : 0),
      report: (q) => this.send({ type: 'stream', ...q }),
    });
    media.onEnded = () => this.cameraLost();
    this.panel.show(() => this.cameraRetry());
    this.scan.start();
    media.startFrames($('#cam-preview'));
    if (!media.analyser) media.startAudio().catch(() => {});
  }

  stopMedia() {
    if (!this.media) return;
    this.scan.stop();
    this.panel.hide();
    this.media.stop();
  }

  /** Media go out only on an open socket, with the paper on screen and the attempt running. */
  mediaWanted() {
    return this.gotPaper && this.link.isOpen && !this.ended && this.terminated == null;
  }

  cameraLost() {
    if (this.ended) return;
    this.panel.setCamera('off');
    toast(() => t('cam_lost'), 'error');
  }

  async cameraRetry() {
    const media = this.media;
    media.prepareAudio();
    this.panel.setCamera('starting');
    try {
      await media.open();
      media.attach($('#cam-preview'));
      media.attach($('#scan-video'));
      await media.startAudio();
      this.panel.setCamera('on');
    } catch (e) {
      this.panel.setCamera('off');
      toast(() => t('cam_retry_failed', { name: String(e?.name || 'Error') }), 'error');
    }
  }

  scanKey() { return `tanu.scan.${this.id}`; }

  requestScan(reason) {
    try { sessionStorage.setItem(this.scanKey(), String(reason || 'start')); } catch { /* ignore */ }
    this.scan.request(reason);
  }

  forgetScan() {
    try { sessionStorage.removeItem(this.scanKey()); } catch { /* ignore */ }
  }

  onIdentity(m) {
    const state = String(m.state ?? '');
    this.panel.setIdentity(state);
    if (state === 'confirmed') toast(() => t('identity_confirmed'), 'info');
    else if (state === 'not_confirmed') toast(() => t('identity_not_confirmed_long'), 'warn');
  }

  // ---- connection -------------------------------------------------------

  onOpen() {
    this.gotPaper = false;
    this.restarted = false;
    // media_ack: the server acknowledges each media message, which paces them.
    this.send(this.media ? { type: 'start', media_ack: true } : { type: 'start' });
  }

  onDown(offline) {
    if (this.ended) return;
    if (this.closing) { this.showResult(); return; } // the result is in hand; what is held is listed
    this.down = offline ? 'offline' : 'reconnecting';
    this.renderLink();
    this.scan?.disconnected();
    this.renderSave();
    // Connections that never get as far as a paper may be refused for good
    // (expired token, not this candidate's sitting): ask over HTTP why.
    this.fails = this.gotPaper ? 0 : this.fails + 1;
    this.gotPaper = false;
    if (this.fails >= 2) this.probe();
  }

  async probe() {
    if (this.probing) return;
    this.probing = true;
    try {
      await api('GET', `/api/sessions/${encodeURIComponent(this.id)}`);
    } catch (e) {
      if ([401, 403, 404].includes(e.status) && !this.ended) {
        this.ended = true;
        this.stop();
        this.hooks.fatal(e);
      }
    } finally {
      this.probing = false;
    }
  }

  onMessage(m) {
    if (this.ended) return;
    switch (m.type) {
      case 'paper': return this.onPaper(m);
      case 'time': return this.setClock(m.remaining_ms);
      case 'saved': return this.onSaved(m);
      case 'warning': return this.showWarning(m);
      case 'terminated': return this.onTerminated(m);
      case 'result': return this.onResult(m);
      case 'error': return this.onError(m);
      case 'voided': return this.close(m);
      case 'identity': return this.media ? this.onIdentity(m) : undefined;
      case 'room_scan': return this.media ? this.requestScan(m.reason) : undefined;
      case 'media_ack': return this.media?.onAck(m);
      case 'audio_sample': return this.media?.onAudioSample(m);
      default: return undefined; // newer server messages are ignored
    }
  }

  onPaper(m) {
    this.gotPaper = true;
    if (this.media && m.media) this.media.configure(m.media);
    this.fails = 0;
    this.link.healthy();
    this.down = null;
    this.paper = m;
    this.questions = Array.isArray(m.questions) ? m.questions : [];
    this.byN = new Map(this.questions.map((q) => [Number(q.n), q]));
    this.answers = new Map();
    this.acked = new Set();
    for (const [k, v] of Object.entries(m.answers || {})) {
      if (!Array.isArray(v)) continue;
      this.answers.set(Number(k), v);
      this.acked.add(Number(k));
    }
    for (const [n, p] of this.pending) {
      if (!this.byN.has(n)) { this.pending.delete(n); continue; }
      this.answers.set(n, p.choice);
      this.acked.delete(n);
      this.send({ type: 'answer', n, choice: p.choice, seq: p.seq });
    }
    if (!this.byN.has(this.current)) this.current = Number(this.questions[0]?.n ?? 1);
    this.persist();
    this.renderLink();
    this.setClock(m.remaining_ms);
    if (this.finishing) this.send({ type: 'finish' }); // after the resent answers
    const first = $('#exam-body').hidden && !this.reviewing;
    for (const n of this.flags) if (!this.byN.has(n)) this.flags.delete(n);
    this.buildNav();
    this.setStatus(this.finishing ? 'finishing' : null);
    $('#exam-body').hidden = this.reviewing;
    this.renderAll();
    if (first) $('#q-title').focus();
    if (this.media) {
      this.scan.reconnected();
      // A scan asked for before a reload of the page is still owed.
      let owed = null;
      try { owed = sessionStorage.getItem(this.scanKey()); } catch { /* ignore */ }
      if (owed && !this.scan.open && !this.locked()) this.scan.request(owed);
    }
  }

  onSaved(m) {
    const n = Number(m.n);
    const p = this.pending.get(n);
    if (!p || p.seq !== m.seq) return; // an older answer to a question changed since
    this.pending.delete(n);
    this.acked.add(n);
    this.persist();
    this.updateNav();
    this.renderLink();
    if (n === this.current) this.renderSave();
  }

  onError(m) {
    if (this.closing) return; // the answers sent again after the result are refused: expected
    if (CLOSING_ERRORS.includes(m.error)) { this.close(m); return; }
    if (m.error === 'time_over') {
      // Nothing more will be accepted: what is pending will not count. The
      // server keeps each as a late answer; the result lists them.
      for (const n of this.pending.keys()) this.refused.add(n);
      this.pending.clear();
      this.persist();
      this.renderSave();
      this.renderLink();
    }
    if ((m.error === 'not_started' || m.error === 'finished') && !this.restarted) {
      this.restarted = true;
      this.send({ type: 'start' }); // resume, or get the result of an ended attempt
    }
    toast(() => words.error({ code: m.error, message: m.message }), 'error');
  }

  /** The start refused for good (not yet, missed, illness, cancelled) or the sitting voided: in words, back to the list. */
  close(m) {
    if (this.ended) return;
    this.ended = true;
    this.stop();
    this.forgetScan();
    const say = () => closedText(m);
    if (this.hooks.closed) this.hooks.closed(say);
    else this.hooks.fatal({ status: 409, code: m.error ?? m.type, message: say() });
  }

  showWarning(m) {
    this.warning = m;
    this.renderWarning();
    openDialog($('#dlg-warning'));
  }

  onTerminated(m) {
    this.terminated = m.reason ?? 'terminated';
    closeDialog($('#dlg-finish'));
    this.setStatus('terminated', () => ({ reason: violationText(this.terminated) }), true);
    this.renderAll();
    // the `result` follows
  }

  onResult(m) {
    if (this.closing) { this.showResult(m); return; }
    const held = [...this.pending];
    if (!held.length && !this.refused.size) { this.showResult(m); return; }
    // Answers the server has not acknowledged: sent once more, then the
    // result asked for again, so that its late_answers says which reached it.
    this.closing = { first: m };
    for (const [n, p] of held) this.send({ type: 'answer', n, choice: p.choice, seq: p.seq });
    if (!this.send({ type: 'finish' })) { this.showResult(); return; }
    this.renderAll();
    this.closing.timer = setTimeout(() => this.showResult(), FINAL_RESULT_MS);
  }

  /**
   * The result screen, with the answers that did not count: those the server
   * lists as late, and (when its second result did not come) those the page
   * still holds, which did not reach it.
   */
  showResult(final = null) {
    if (this.ended) return;
    const m = final ?? this.closing?.first;
    if (!m) return;
    clearTimeout(this.closing?.timer);
    const late = Array.isArray(m.late_answers) ? m.late_answers.filter((a) => Number.isFinite(Number(a?.n))) : [];
    const known = new Set(late.map((a) => Number(a.n)));
    // With the second result every answer sent again has reached the server:
    // one it does not list was saved in time (an acknowledgement lost on the way).
    const unsent = final || !this.closing ? [] : [...this.pending.keys(), ...this.refused]
      .filter((n) => !known.has(n)).sort((a, b) => a - b);
    this.ended = true;
    this.clearStore();
    this.stop();
    this.hooks.result(m, this.terminated, { late, unsent: [...new Set(unsent)] });
  }

  // ---- answers and finishing --------------------------------------------

  locked() {
    const r = this.remaining();
    return this.ended || Boolean(this.closing) || this.finishing || this.terminated != null || r === 0;
  }

  onChoice() {
    const q = this.byN.get(this.current);
    if (!q || this.locked()) return;
    const choice = [...$('#q-options').querySelectorAll('input:checked')]
      .map((i) => Number(i.value)).sort((a, b) => a - b);
    this.counter += 1;
    const seq = `c-${this.counter}`;
    const n = Number(q.n);
    this.pending.set(n, { choice, seq, at: performance.now() });
    this.refused.delete(n);
    this.answers.set(n, choice);
    this.acked.delete(n);
    this.persist();
    this.send({ type: 'answer', n, choice, seq });
    this.renderSave();
    this.updateNav();
    this.renderLink();
  }

  askFinish() {
    if (this.locked()) return;
    const missing = this.questions.filter((q) => !this.answers.get(Number(q.n))?.length).map((q) => q.n);
    $('#f-unanswered').textContent = missing.length
      ? t('finish_unanswered', { count: missing.length }) : t('finish_all');
    const list = $('#f-list');
    list.hidden = missing.length === 0 || missing.length > 40;
    list.textContent = t('finish_list', { list: missing.join(', ') });
    const pend = $('#f-pending');
    pend.hidden = this.pending.size === 0;
    pend.textContent = t('finish_pending', { count: this.pending.size });
    openDialog($('#dlg-finish'));
  }

  finish() {
    if (this.locked()) return;
    this.closeReview(false);
    this.finishing = true;
    this.send({ type: 'finish' }); // if offline, sent after the next paper
    this.setStatus('finishing');
    this.renderAll();
  }

  // ---- clock ------------------------------------------------------------

  setClock(ms) {
    if (typeof ms !== 'number' || !Number.isFinite(ms)) return;
    this.clock = { ms, at: performance.now() };
    this.tick();
  }

  remaining() {
    if (!this.clock) return null;
    return Math.max(0, this.clock.ms - (performance.now() - this.clock.at));
  }

  tick() {
    const r = this.remaining();
    if (r == null) return;
    const c = $('#clock');
    c.textContent = formatClock(r);
    c.classList.toggle('low', r < LOW_TIME_MS);
    if (r < LOW_TIME_MS && r > 0 && !this.lowAnnounced) {
      this.lowAnnounced = true;
      toast(() => t('five_minutes'), 'warn');
    }
    this.renderLink();
    if (this.reviewing) this.renderReviewTime(r);
    const up = r === 0;
    if (up !== Boolean(this.timeUp)) {
      this.timeUp = up;
      if (up && !this.terminated) this.setStatus('time_up');
      this.renderQuestion();
    }
  }

  // ---- rendering --------------------------------------------------------

  /** params may be a function, so that the text is rebuilt in a new language. */
  setStatus(key, params, alert = false) {
    this.statusKey = key ? [key, params, alert] : null;
    this.renderStatus();
  }

  renderStatus() {
    const s = $('#exam-status');
    s.hidden = !this.statusKey;
    if (!this.statusKey) return;
    const [key, params, alert] = this.statusKey;
    s.textContent = t(key, typeof params === 'function' ? params() : params);
    s.classList.toggle('alert', Boolean(alert));
  }

  renderAll() {
    this.renderStatus();
    this.tick();
    this.renderWarning();
    if (!this.paper) return;
    this.renderQuestion();
    this.updateNav();
    this.renderSave();
    if (this.reviewing) this.renderReview();
    $('#finish').disabled = this.locked();
  }

  step(d) {
    const i = this.questions.findIndex((q) => Number(q.n) === this.current);
    return Number(this.questions[i + d]?.n ?? this.current);
  }

  /**
   * Shows question n. With `focusTitle` (Next, Previous, the navigator, the
   * review's links) the new question's title takes the focus and is scrolled
   * into view (below the sticky bar: its scroll-margin), and the live region
   * says which question it is.
   */
  go(n, focusTitle = false) {
    if (!this.byN.has(n)) return;
    this.current = n;
    this.persist();
    this.renderQuestion();
    this.updateNav();
    this.renderSave();
    if (!focusTitle) return;
    const title = $('#q-title');
    title.focus({ preventScroll: true });
    // Into view below the sticky bar (the clock, and on a phone the camera
    // strip), whose height varies with the language and the banner.
    const bar = $('.exam-bar').getBoundingClientRect().bottom;
    const r = title.getBoundingClientRect();
    if (r.top < bar + 4 || r.bottom > window.innerHeight) window.scrollBy(0, r.top - bar - 12);
    // Emptied first, so that the same words are announced again.
    const live = $('#q-announce');
    live.textContent = '';
    setTimeout(() => { live.textContent = t('question_of', { n, total: this.total() }); }, 50);
  }

  // ---- flags and the review before handing in -------------------------------

  toggleFlag() {
    const n = this.current;
    if (!this.byN.has(n)) return;
    if (this.flags.has(n)) this.flags.delete(n);
    else this.flags.add(n);
    this.persistFlags();
    this.renderFlag();
    this.updateNav();
  }

  renderFlag() {
    const on = this.flags.has(this.current);
    const b = $('#q-flag');
    b.setAttribute('aria-pressed', String(on));
    b.classList.toggle('on', on);
    $('#q-flag-text').textContent = t(on ? 'flag_on' : 'flag_off');
  }

  openReview() {
    if (this.locked()) return;
    this.reviewing = true;
    $('#exam-body').hidden = true;
    $('#review').hidden = false;
    this.renderReview();
    $('#review-title').focus();
  }

  /** Back to the paper; `focus`: on the current question's title. */
  closeReview(focus) {
    if (!this.reviewing) return;
    this.reviewing = false;
    $('#review').hidden = true;
    $('#exam-body').hidden = !this.paper;
    if (focus) this.go(this.current, true);
  }

  renderReview() {
    const link = (n) => el('li', {}, el('button', { type: 'button', class: 'link-btn', 'data-n': n },
      t('review_goto', { n })));
    const ns = this.questions.map((q) => Number(q.n));
    const missing = ns.filter((n) => !this.answers.get(n)?.length);
    const flagged = ns.filter((n) => this.flags.has(n));
    $('#review-unanswered-title').textContent = missing.length
      ? t('review_unanswered', { count: missing.length }) : t('finish_all');
    $('#review-unanswered').replaceChildren(...missing.map(link));
    $('#review-flagged-title').textContent = flagged.length
      ? t('review_flagged', { count: flagged.length }) : t('review_no_flags');
    $('#review-flagged').replaceChildren(...flagged.map(link));
    const pend = $('#review-pending');
    pend.textContent = this.pending.size ? t('finish_pending', { count: this.pending.size }) : t('review_all_saved');
    pend.className = this.pending.size ? 'alert' : 'muted';
    $('#review-handin').disabled = this.locked();
    this.renderReviewTime(this.remaining());
  }

  renderReviewTime(r) {
    const text = r == null ? '' : t('review_time', { time: formatClock(r) });
    const p = $('#review-time');
    if (p.textContent !== text) p.textContent = text;
  }

  buildNav() {
    const sig = this.questions.map((q) => q.n).join(',');
    if (sig === this.navSig) return; // keep the buttons (and keyboard focus) across reconnects
    this.navSig = sig;
    $('#qgrid').replaceChildren(...this.questions.map((q) => el('li', {},
      el('button', { type: 'button', class: 'qbtn', 'data-n': q.n }, String(q.n)))));
  }

  updateNav() {
    let answered = 0;
    for (const b of $('#qgrid').querySelectorAll('button[data-n]')) {
      const n = Number(b.dataset.n);
      const done = Boolean(this.answers.get(n)?.length);
      if (done) answered += 1;
      b.classList.toggle('answered', done);
      b.classList.toggle('pending', this.pending.has(n));
      if (n === this.current) b.setAttribute('aria-current', 'step');
      else b.removeAttribute('aria-current');
      const flagged = this.flags.has(n);
      b.classList.toggle('flagged', flagged);
      const label = t(done ? 'nav_answered' : 'nav_unanswered', { n });
      const unsaved = this.pending.has(n) ? `, ${t('nav_unsaved')}` : '';
      b.setAttribute('aria-label', label + unsaved + (flagged ? `, ${t('nav_flagged')}` : ''));
    }
    if (this.reviewing) this.renderReview();
    $('#answered-count').textContent = t('answered_count', { count: answered, total: this.total() });
  }

  total() { return this.paper?.total ?? this.questions.length; }

  renderQuestion() {
    const q = this.byN.get(this.current);
    if (!q) return;
    const lang = this.paper.lang || '';
    $('#q-title').textContent = t('question_of', { n: q.n, total: this.total() });
    const text = $('#q-text');
    text.textContent = String(q.text ?? '');
    text.lang = lang;
    $('#q-hint').textContent = t(q.multi ? 'hint_multi' : 'hint_single');

    const box = $('#q-options');
    const focused = box.contains(document.activeElement) ? document.activeElement.value : null;
    const chosen = new Set(this.answers.get(Number(q.n)) || []);
    const locked = this.locked();
    box.replaceChildren(...(q.options || []).map((o, i) => {
      const input = el('input', { type: q.multi ? 'checkbox' : 'radio', name: `q${q.n}`, value: i });
      input.checked = chosen.has(i);
      input.disabled = locked;
      return el('label', { class: 'option' }, input,
        el('span', { class: 'letter', 'aria-hidden': 'true' }, LETTERS[i] ?? String(i + 1)),
        el('span', { class: 'option-text', lang }, String(o)));
    }));
    if (focused != null) box.querySelector(`input[value="${Number(focused)}"]`)?.focus();

    this.renderFlag();
    $('#prev').disabled = this.step(-1) === this.current;
    $('#next').disabled = this.step(+1) === this.current;
    $('#finish').disabled = locked;
  }

  renderSave() {
    const s = $('#q-save');
    const n = this.current;
    let key = null;
    if (this.pending.has(n)) key = this.link.isOpen ? 'saving' : 'saving_offline';
    else if (this.acked.has(n) && this.answers.get(n)?.length) key = 'saved';
    s.textContent = key ? t(key) : '';
    s.className = `save-state ${key ?? ''}`;
  }

  /**
   * The banner about the link and the answers it has not carried yet. Set only
   * when what it says changes (it is read out by screen readers).
   */
  renderLink() {
    if (this.ended) return;
    const open = this.link.isOpen && !this.down;
    const r = this.remaining();
    const count = this.pending.size;
    const now = performance.now();
    const stale = [...this.pending.values()].some((p) => !(now - (p.at ?? 0) < UNCONFIRMED_MS));
    const soon = r != null && r < LATE_WARN_MS && !this.closing;
    let state = null;
    if (!open) state = { down: this.down ?? 'reconnecting', count, soon, up: r === 0 };
    else if (count && soon && stale) state = { down: null, count, soon, up: r === 0 };
    const sig = JSON.stringify(state);
    if (sig === this.linkSig) return;
    this.linkSig = sig;
    if (!state) { setBanner(null); return; }
    setBanner(() => {
      const parts = [state.down ? t(count ? `${state.down}_pending` : state.down, { count }) : t('unconfirmed', { count })];
      if (state.soon) parts.push(t(state.up ? 'late_time_up' : 'late_warning'));
      return parts.join(' ');
    }, state.down ? () => this.link.retryNow() : null);
  }

  renderWarning() {
    if (!this.warning) return;
    $('#w-strike').textContent = t('warning_strike', { strike: this.warning.strike ?? 1 });
    $('#w-violation').textContent = t('warning_violation', { violation: violationText(this.warning.violation) });
  }

  // ---- sessionStorage ---------------------------------------------------

  storeKey() { return `tanu.pending.${this.id}`; }

  persist() {
    const data = { counter: this.counter, current: this.current, pending: [...this.pending], refused: [...this.refused] };
    try { sessionStorage.setItem(this.storeKey(), JSON.stringify(data)); } catch { /* ignore */ }
  }

  restore() {
    try {
      const data = JSON.parse(sessionStorage.getItem(this.storeKey()) || 'null');
      if (!data) return;
      this.counter = Number(data.counter) || 0;
      this.current = Number(data.current) || 1;
      for (const [n, p] of data.pending || []) {
        if (Array.isArray(p?.choice) && typeof p.seq === 'string') this.pending.set(Number(n), { ...p, at: 0 });
      }
      for (const n of data.refused || []) if (Number.isFinite(Number(n))) this.refused.add(Number(n));
    } catch { /* a damaged entry is ignored */ }
    try {
      const flags = JSON.parse(sessionStorage.getItem(this.flagsKey()) || '[]');
      for (const n of Array.isArray(flags) ? flags : []) if (Number.isInteger(Number(n))) this.flags.add(Number(n));
    } catch { /* a damaged entry is ignored */ }
  }

  flagsKey() { return `tanu.flags.${this.id}`; }

  persistFlags() {
    try { sessionStorage.setItem(this.flagsKey(), JSON.stringify([...this.flags])); } catch { /* ignore */ }
  }

  clearStore() {
    try { sessionStorage.removeItem(this.storeKey()); sessionStorage.removeItem(this.flagsKey()); } catch { /* ignore */ }
    this.forgetScan();
  }
}

function formatClock(ms) {
  const s = Math.ceil(ms / 1000);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
