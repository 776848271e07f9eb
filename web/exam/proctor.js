// During an online exam: the camera preview in the corner with the identity
// state, and the 360° room scan the server asks for.
import { onLangChange } from '../lib/i18n.js';
import { $, openDialog, closeDialog } from '../lib/dom.js';
import { t, has } from './strings.js';

export const SCAN_MS = 20000;
const SCAN_FRAME_MS = 1000; // the room goes by quickly: one frame a second while scanning
const RING = 2 * Math.PI * 54; // the circle's r in index.html

/** The corner preview: camera on/off, identity state, a button to turn the camera on again. */
export class ProctorPanel {
  constructor(media) {
    this.media = media;
    this.identity = 'checking';
    this.camera = 'on';
  }

  show(onRetry) {
    this.media.attach($('#cam-preview'));
    $('#proctor').hidden = false;
    $('#cam-retry').onclick = onRetry;
    this.offLang = onLangChange(() => this.render());
    this.render();
  }

  hide() {
    this.offLang?.();
    $('#proctor').hidden = true;
    $('#cam-preview').srcObject = null;
    $('#cam-retry').onclick = null;
  }

  setIdentity(state) { this.identity = state; this.render(); }
  setCamera(state) { this.camera = state; this.render(); }

  render() {
    const cam = $('#proctor-cam');
    cam.textContent = t(`cam_state_${this.camera}`);
    cam.className = `proctor-line cam-${this.camera}`;
    const id = $('#identity-badge');
    const key = has(`identity_${this.identity}`) ? `identity_${this.identity}` : 'identity_checking';
    id.textContent = t(key);
    id.className = `proctor-line identity-${this.identity}`;
    $('#cam-retry').hidden = this.camera === 'on';
  }
}

/**
 * The room scan overlay. hooks: send(obj) → boolean, frameRate(ms) to speed
 * the camera frames up while scanning, done() once the scan has been sent.
 */
export class RoomScan {
  constructor(media, hooks) {
    this.media = media;
    this.hooks = hooks;
    this.phase = null; // null | 'ready' | 'scanning' | 'done'
    this.reason = null;
    this.began = false; // `begin` went out on the current connection
  }

  get active() { return this.phase === 'scanning'; }
  get open() { return this.phase != null; }

  start() {
    this.ac = new AbortController();
    const on = (target, type, f) => target.addEventListener(type, f, { signal: this.ac.signal });
    const dlg = $('#dlg-scan');
    on($('#scan-go'), 'click', () => this.onButton());
    on(dlg, 'cancel', (e) => e.preventDefault()); // Escape does not skip the scan
    on(dlg, 'close', () => { if (this.phase) openDialog(dlg); });
    this.offLang = onLangChange(() => this.render());
    this.media.attach($('#scan-video')); // attached ahead, so the overlay never opens on a black picture
  }

  stop() {
    this.ac?.abort();
    this.offLang?.();
    clearInterval(this.timer);
    this.timer = null;
    this.phase = null;
    closeDialog($('#dlg-scan'));
    $('#scan-video').srcObject = null;
  }

  /** The server asked for a scan (`reason`: start, commission). */
  request(reason) {
    if (this.phase === 'scanning' || this.phase === 'ready') return;
    this.reason = reason || 'start';
    this.phase = 'ready';
    this.media.attach($('#scan-video'));
    this.render();
    openDialog($('#dlg-scan'));
    $('#scan-go').focus();
  }

  onButton() {
    if (this.phase === 'ready') this.begin();
    else if (this.phase === 'done') this.finish();
  }

  begin() {
    this.phase = 'scanning';
    this.t0 = performance.now();
    this.began = this.hooks.send({ type: 'room_scan', state: 'begin' });
    this.hooks.frameRate(SCAN_FRAME_MS);
    this.timer = setInterval(() => this.tick(), 200);
    this.render();
  }

  /** A new connection: a scan under way starts its `begin` again there. */
  reconnected() {
    if (this.phase === 'scanning') this.began = this.hooks.send({ type: 'room_scan', state: 'begin' });
  }

  disconnected() { this.began = false; }

  tick() {
    const left = this.left();
    this.renderProgress();
    if (left > 0) return;
    clearInterval(this.timer);
    this.timer = null;
    if (this.began) this.hooks.send({ type: 'room_scan', state: 'end' });
    this.began = false;
    this.hooks.frameRate(null);
    this.phase = 'done';
    this.render();
    $('#scan-go').focus();
    this.hooks.done(this.reason);
  }

  finish() {
    this.phase = null;
    closeDialog($('#dlg-scan'));
  }

  left() { return Math.max(0, SCAN_MS - (performance.now() - this.t0)); }

  render() {
    if (!this.phase) return;
    const dlg = $('#dlg-scan');
    dlg.dataset.phase = this.phase;
    $('#scan-reason').textContent = t(this.reason === 'commission' ? 'scan_reason_commission' : 'scan_reason_start');
    $('#scan-text').textContent = t(`scan_${this.phase}`);
    $('#scan-go').textContent = t(this.phase === 'done' ? 'scan_continue' : 'scan_begin');
    $('#scan-go').hidden = this.phase === 'scanning';
    $('#scan-steps').hidden = this.phase !== 'ready';
    this.renderProgress();
  }

  renderProgress() {
    const total = SCAN_MS / 1000;
    const left = this.phase === 'scanning' ? this.left() : this.phase === 'done' ? 0 : SCAN_MS;
    const secs = Math.ceil(left / 1000);
    const done = 1 - left / SCAN_MS;
    $('#scan-ring').setAttribute('stroke-dashoffset', String(RING * (1 - done)));
    $('#scan-count').textContent = this.phase === 'done' ? '✓' : String(secs);
    $('#scan-count-label').textContent = this.phase === 'scanning'
      ? t('scan_seconds_left', { n: secs }) : this.phase === 'done' ? t('scan_recorded') : t('scan_duration', { n: total });
  }
}
