// The steps before an online exam: (1) camera and microphone permission, with
// help when the browser refuses; (2) a self-view and "look at the camera" for
// the identity check. The room scan (3) follows when the server asks for it,
// once the exam has started (proctor.js).
import { onLangChange } from '../lib/i18n.js';
import { $, el } from '../lib/dom.js';
import { t } from './strings.js';
import { Media, mediaProblem } from './media.js';

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
    this.problem = { kind: mediaProblem(e), name: String(e?.name || 'Error') };
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
    const help = $('#devices-help');
    help.hidden = !this.problem;
    if (!this.problem) return;
    const k = this.problem.kind;
    $('#devices-help-title').textContent = t(`cam_${k}_title`);
    $('#devices-help-text').textContent = t(`cam_${k}_text`);
    $('#devices-help-code').textContent = t('cam_error_code', { name: this.problem.name });
    const mine = currentBrowser();
    const order = [mine, ...BROWSERS.filter((b) => b !== mine)];
    $('#devices-help-browsers').replaceChildren(...order.flatMap((b) => [
      el('dt', { class: b === mine ? 'mine' : '' }, t(`browser_${b}`) + (b === mine ? ` — ${t('browser_yours')}` : '')),
      el('dd', {}, t(`cam_${k}_${b}`)),
    ]));
  }
}
