// The steps before an online exam: (1) camera and microphone permission, with
// help when the browser refuses; (2) a self-view and "look at the camera" for
// the identity check. The room scan (3) follows when the server asks for it,
// once the exam has started (proctor.js).
//
// DeviceCheck (index.html#check) is the same camera and microphone step any
// day before the exam, without a sitting, with a check of the browser and of
// the connection (round trip, upload, download) and a verdict in words.
import { onLangChange, formatNumber } from '../lib/i18n.js';
import { $, el } from '../lib/dom.js';
import { t } from './strings.js';
import { Media, mediaProblem } from './media.js';

/**
 * The help for a refused or missing device, in `ids` (the elements' ids under
 * a prefix: PREFIX-help, -help-title, -help-text, -help-browsers, -help-code);
 * hidden when `problem` is null.
 */
function renderHelp(prefix, problem) {
  const help = $(`#${prefix}-help`);
  help.hidden = !problem;
  if (!problem) return;
  const k = problem.kind;
  $(`#${prefix}-help-title`).textContent = t(`cam_${k}_title`);
  $(`#${prefix}-help-text`).textContent = t(`cam_${k}_text`);
  $(`#${prefix}-help-code`).textContent = t('cam_error_code', { name: problem.name });
  const mine = currentBrowser();
  const order = [mine, ...BROWSERS.filter((b) => b !== mine)];
  $(`#${prefix}-help-browsers`).replaceChildren(...order.flatMap((b) => [
    el('dt', { class: b === mine ? 'mine' : '' }, t(`browser_${b}`) + (b === mine ? ` — ${t('browser_yours')}` : '')),
    el('dd', {}, t(`cam_${k}_${b}`)),
  ]));
}

const problemOf = (e) => ({ kind: mediaProblem(e), name: String(e?.name || 'Error') });

const BROWSERS = ['chrome', 'firefox', 'safari'];

function currentBrowser() {
  const ua = navigator.userAgent || '';
  if (/Firefox\//.test(ua)) return 'firefox';
  if (/Safari\//.test(ua) && !/(Chrome|Chromium|CriOS|Edg)\//.test(ua)) return 'safari';
  return 'chrome';
}

export class Checks {
  /** hooks: ready(media) when the candidate starts the exam, back() to the list */
  constructor(resume, hooks) {
    this.resume = resume;
    this.hooks = hooks;
    this.media = new Media();
    this.problem = null;
    this.step = 1;
  }

  start() {
    this.ac = new AbortController();
    const on = (target, type, f) => target.addEventListener(type, f, { signal: this.ac.signal });
    on($('#devices-allow'), 'click', () => this.ask());
    on($('#devices-retry'), 'click', () => this.ask());
    on($('#check-start'), 'click', () => this.begin());
    on($('#check-back'), 'click', () => { this.stop(true); this.hooks.back(); });
    this.offLang = onLangChange(() => this.render());
    this.media.onEnded = () => { if (this.step === 2) this.fail({ name: 'NotReadableError' }); };
    this.step = 1;
    this.problem = null;
    this.busy = false;
    this.render();
  }

  /** Leaves the screen; the media stay open (handed to the exam) unless `closeMedia`. */
  stop(closeMedia = false) {
    this.ac?.abort();
    this.offLang?.();
    cancelAnimationFrame(this.meterFrame);
    this.meterFrame = null;
    $('#selfview').srcObject = null;
    if (closeMedia) this.media.stop();
  }

  async ask() {
    if (this.busy) return;
    this.busy = true;
    this.problem = null;
    this.media.prepareAudio(); // inside the click: browsers start audio only after a gesture
    this.render();
    $('#devices-status').textContent = t('devices_asking');
    try {
      await this.media.open();
      this.step = 2;
      this.media.attach($('#selfview'));
      await this.media.startAudio(); // the meter; nothing is sent before the exam starts
      this.meter();
      this.render();
      $('#identity-title').focus();
    } catch (e) {
      this.busy = false;
      this.fail(e);
    } finally {
      this.busy = false;
    }
  }

  fail(e) {
    this.problem = problemOf(e);
    this.step = 1;
    this.media.stopAudio();
    this.media.closeStream();
    this.render();
    $('#devices-help-title').focus();
  }

  meter() {
    const m = $('#mic-level');
    const tick = () => {
      m.value = this.media.level();
      this.meterFrame = requestAnimationFrame(tick);
    };
    cancelAnimationFrame(this.meterFrame);
    tick();
  }

  begin() {
    if (!this.media.live) { this.fail({ name: 'NotReadableError' }); return; }
    this.media.prepareAudio();
    this.stop(false);
    this.hooks.ready(this.media);
  }

  render() {
    for (const [i, li] of [...$('#check-steps').children].entries()) {
      const n = i + 1;
      li.classList.toggle('done', n < this.step);
      if (n === this.step) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    }
    $('#check-devices').hidden = this.step !== 1;
    $('#check-identity').hidden = this.step !== 2;
    $('#devices-allow').hidden = Boolean(this.problem);
    $('#devices-allow').disabled = Boolean(this.busy);
    $('#devices-status').textContent = this.busy ? t('devices_asking') : '';
    $('#check-start').textContent = t(this.resume ? 'check_resume' : 'check_start');
    renderHelp('devices', this.problem);
  }
}

// ---- the device check any day before the exam ---------------------------------

/** Upload at least this many kbit/s: the camera at its full rate and the answers beside it. */
export const ENOUGH_KBPS = 300;
/** Below this the exam is not workable: even the smallest pictures every 5 s and the answers do not fit. */
export const TOO_WEAK_KBPS = 64;
/** A round trip longer than this makes every answer's "saved" slow: weak at best. */
const SLOW_RTT_MS = 1000;
const RTT_TRIES = 5;
const UPLOAD_BYTES = 128 * 1024;
const DOWNLOAD_KB = 128;
const NET_TIMEOUT_MS = 30000;

/** What the exam needs from the browser, each true or false. */
function browserSupport() {
  return {
    media: Boolean(navigator.mediaDevices?.getUserMedia),
    websocket: typeof WebSocket === 'function',
    audio: Boolean(window.AudioContext || window.webkitAudioContext),
    secure: window.isSecureContext !== false,
  };
}

/** Bytes no compressor on the way can shrink (crypto.getRandomValues gives at most 64 kB a call). */
function randomBytes(n) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

async function timed(path, init = {}) {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), NET_TIMEOUT_MS);
  const t0 = performance.now();
  try {
    const r = await fetch(path, { cache: 'no-store', ...init, signal: ac.signal });
    if (!r.ok) throw Object.assign(new Error(`HTTP ${r.status}`), { status: r.status });
    const body = await r.arrayBuffer();
    return { ms: performance.now() - t0, bytes: body.byteLength };
  } finally {
    clearTimeout(timer);
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/**
 * The connection as the exam would use it: the median round trip of 5 small
 * requests, then 128 kB up and 128 kB down, each timed by the page (the
 * speeds include one round trip: a conservative figure). → { rttMs, upKbps, downKbps }
 */
export async function measureLink() {
  const rtts = [];
  for (let i = 0; i < RTT_TRIES; i++) rtts.push((await timed('/api/check/upload', { method: 'POST', body: new Uint8Array(0) })).ms);
  const up = await timed('/api/check/upload', {
    method: 'POST', body: randomBytes(UPLOAD_BYTES), headers: { 'Content-Type': 'application/octet-stream' },
  });
  const down = await timed(`/api/check/download?kb=${DOWNLOAD_KB}`);
  const kbps = (bytes, ms) => (bytes * 8) / Math.max(1, ms);
  return { rttMs: median(rtts), upKbps: kbps(UPLOAD_BYTES, up.ms), downKbps: kbps(down.bytes, down.ms) };
}

/** 'good' | 'weak' | 'too_weak' from what measureLink found. */
export function linkVerdict({ rttMs, upKbps, downKbps }) {
  const slowest = Math.min(upKbps, downKbps);
  if (slowest < TOO_WEAK_KBPS) return 'too_weak';
  if (slowest < ENOUGH_KBPS || rttMs > SLOW_RTT_MS) return 'weak';
  return 'good';
}

export class DeviceCheck {
  /** hooks: back() when the candidate leaves the page */
  constructor(hooks) {
    this.hooks = hooks;
    this.media = new Media();
    this.problem = null;
    this.live = false;
    this.net = null; // null | 'running' | { rttMs, upKbps, downKbps } | { error }
  }

  start() {
    this.ac = new AbortController();
    const on = (target, type, f) => target.addEventListener(type, f, { signal: this.ac.signal });
    on($('#dc-allow'), 'click', () => this.ask());
    on($('#dc-retry'), 'click', () => this.ask());
    on($('#dc-net-run'), 'click', () => this.runNet());
    on($('#dc-back'), 'click', () => this.hooks.back());
    this.offLang = onLangChange(() => this.render());
    this.media.onEnded = () => this.fail({ name: 'NotReadableError' });
    this.render();
    this.runNet(); // nothing to allow: it starts at once
  }

  stop() {
    this.ac?.abort();
    this.offLang?.();
    cancelAnimationFrame(this.meterFrame);
    this.meterFrame = null;
    $('#dc-video').srcObject = null;
    this.media.stop();
    this.stopped = true;
  }

  async ask() {
    if (this.busy) return;
    this.busy = true;
    this.problem = null;
    this.media.prepareAudio(); // inside the click, as in the checks before the exam
    this.render();
    try {
      await this.media.open();
      if (this.stopped) { this.media.stop(); return; }
      this.live = true;
      this.media.attach($('#dc-video'));
      await this.media.startAudio();
      const m = $('#dc-mic');
      const tick = () => { m.value = this.media.level(); this.meterFrame = requestAnimationFrame(tick); };
      cancelAnimationFrame(this.meterFrame);
      tick();
    } catch (e) {
      this.busy = false;
      this.fail(e);
      return;
    } finally {
      this.busy = false;
    }
    this.render();
  }

  fail(e) {
    if (this.stopped) return;
    this.problem = problemOf(e);
    this.live = false;
    cancelAnimationFrame(this.meterFrame);
    this.media.stopAudio();
    this.media.closeStream();
    this.render();
    $('#dc-help-title').focus();
  }

  async runNet() {
    if (this.net === 'running') return;
    this.net = 'running';
    this.render();
    try {
      this.net = await measureLink();
    } catch (e) {
      this.net = { error: e?.status ? `HTTP ${e.status}` : String(e?.name || 'Error') };
    }
    if (!this.stopped) this.render();
  }

  render() {
    const support = browserSupport();
    $('#dc-browser').replaceChildren(...Object.entries(support).map(([k, ok]) =>
      el('li', { class: ok ? 'ok' : 'bad' }, t(`devcheck_support_${k}`), ' — ', t(ok ? 'devcheck_yes' : 'devcheck_no'))));
    $('#dc-allow').hidden = this.live || Boolean(this.problem);
    $('#dc-allow').disabled = Boolean(this.busy);
    $('#dc-devices-status').textContent = this.busy ? t('devices_asking') : '';
    $('#dc-live').hidden = !this.live;
    $('#dc-camera').textContent = this.live ? t('devcheck_camera_ok') : '';
    renderHelp('dc', this.problem);

    const net = this.net;
    const dl = $('#dc-net');
    const verdict = $('#dc-verdict');
    $('#dc-net-run').disabled = net === 'running';
    $('#dc-net-run').textContent = t(net && net !== 'running' ? 'devcheck_net_again' : 'devcheck_net_run');
    if (net === 'running' || !net) {
      dl.replaceChildren();
      verdict.textContent = net ? t('devcheck_net_running') : '';
      verdict.className = 'verdict-line';
      return;
    }
    if (net.error) {
      dl.replaceChildren();
      verdict.textContent = t('devcheck_net_failed', { name: net.error });
      verdict.className = 'verdict-line too_weak';
      verdict.dataset.verdict = 'failed';
      return;
    }
    const row = (label, value) => [el('dt', {}, t(label)), el('dd', {}, value)];
    dl.replaceChildren(
      ...row('devcheck_rtt', t('devcheck_ms', { ms: formatNumber(net.rttMs, 0) })),
      ...row('devcheck_up', t('devcheck_kbps', { kbps: formatNumber(net.upKbps, 0) })),
      ...row('devcheck_down', t('devcheck_kbps', { kbps: formatNumber(net.downKbps, 0) })));
    const v = linkVerdict(net);
    verdict.textContent = t(`devcheck_verdict_${v}`, { kbps: ENOUGH_KBPS });
    verdict.className = `verdict-line ${v}`;
    verdict.dataset.verdict = v;
  }
}
