// Answers first (issue 10): the media of a proctored exam share one socket
// with the answers, and on a weak home link a 40 kB frame sent at the wrong
// moment holds an answer back for seconds. The pacer lets a media message go
// only when (a) the server has acknowledged the previous one (`media_ack`),
// (b) no answer waits for its `saved`, (c) the socket holds nothing unsent; so
// an answer never queues behind more than one media message. It measures the
// link from the acks (the minimum RTT from tiny messages; the rate from the
// frames: size / (ack − send − min RTT), smoothed) and chooses the camera's
// level: the highest (smallest index) whose frames use at most 30 % of the
// measured rate. It steps down at once (a frame ack slower than 1.5 s, or a
// rate that no longer fits) and up one level at a time after 30 s of good
// measurements. No DOM here: the clock is injected, so it is tested in node.

export const DEFAULT_LEVELS = [
  { w: 640, h: 480, every_ms: 2000 },
  { w: 480, h: 360, every_ms: 3000 },
  { w: 320, h: 240, every_ms: 4000 },
  { w: 320, h: 240, every_ms: 5000 },
];

const SHARE = 0.3;            // of the measured rate, for the frames
const SLOW_ACK_MS = 1500;     // a frame ack slower than this steps down at once
const UP_AFTER_MS = 30000;    // good measurements this long before a step up
const ACK_TIMEOUT_MS = 10000; // an ack not come by then is lost (a reconnect): the gate opens
const TINY_BYTES = 512;       // messages this small measure the RTT, not the rate
const START_BPP = 0.13;       // JPEG bytes per pixel before any is measured (~40 kB at 640×480)
const SMOOTH = 0.3;

export class Pacer {
  /**
   * link: {buffered(), answersWaiting(), report(obj)}; cfg: the paper's
   * `media` (null: an older server, no acks); now(): ms.
   */
  constructor(link, cfg, now = () => Date.now()) {
    this.link = link;
    this.now = now;
    this.levels = Array.isArray(cfg?.levels) && cfg.levels.length ? cfg.levels : DEFAULT_LEVELS;
    this.acked = Boolean(cfg) && cfg.ack !== false;
    this.level = 0;
    this.minRtt = Infinity;
    this.kbps = 0;          // smoothed measured rate; 0: not measured yet
    this.bpp = START_BPP;   // smoothed JPEG bytes per pixel
    this.goodSince = null;
    this.inflight = null;   // {at, bytes, frame}
    this.reserved = false;  // a frame is being encoded for the open gate
    // For tests and the weak-link measurement (window.tanuPacer).
    this.stats = { sent: 0, acks: 0, frames: 0, skipped: 0, maxOutstanding: 0, outstanding: 0, lost: 0, changes: 0 };
  }

  get current() { return this.levels[this.level]; }

  /** A new paper (a reconnect): the new config; nothing is in flight on the new socket. */
  reconfigure(cfg) {
    if (Array.isArray(cfg?.levels) && cfg.levels.length) this.levels = cfg.levels;
    this.level = Math.min(this.level, this.levels.length - 1);
    this.acked = Boolean(cfg) && cfg.ack !== false;
    this.inflight = null;
    this.reserved = false;
    this.stats.outstanding = 0;
  }

  /** Whether a media message may go now. */
  open() {
    if (this.reserved) return false;
    if (this.inflight) {
      if (this.now() - this.inflight.at < ACK_TIMEOUT_MS) return false;
      this.inflight = null; // lost with a connection: no ack will come
      this.stats.outstanding = 0;
      this.stats.lost += 1;
      this.stepDown(this.level + 1);
    }
    return this.link.answersWaiting() === 0 && this.link.buffered() === 0;
  }

  /** Holds the gate while a frame is encoded (open() is false meanwhile). */
  reserve() { this.reserved = true; }
  release() { this.reserved = false; }

  /** A media message went out. */
  sent(bytes, frame = false, pixels = 0) {
    this.reserved = false;
    this.stats.sent += 1;
    if (frame) {
      this.stats.frames += 1;
      if (pixels > 0) this.bpp = this.bpp * (1 - SMOOTH) + (bytes / pixels) * SMOOTH;
    }
    if (!this.acked) return;
    this.inflight = { at: this.now(), bytes, frame };
    this.stats.outstanding = 1;
    this.stats.maxOutstanding = Math.max(this.stats.maxOutstanding, 1);
  }

  /** The server's media_ack for the message in flight. */
  ack() {
    const f = this.inflight;
    if (!f) return;
    this.inflight = null;
    this.stats.outstanding = 0;
    this.stats.acks += 1;
    const t = this.now();
    const took = t - f.at;
    if (f.bytes <= TINY_BYTES || !f.frame) this.minRtt = Math.min(this.minRtt, took);
    if (!f.frame || f.bytes <= TINY_BYTES) return;
    const rtt = Number.isFinite(this.minRtt) ? this.minRtt : 0;
    const ms = Math.max(10, took - rtt);
    const kbps = (f.bytes * 8) / ms; // bits per ms = kbit/s
    this.kbps = this.kbps ? this.kbps * (1 - SMOOTH) + kbps * SMOOTH : kbps;
    this.choose(t, took);
  }

  /** Estimated frame bits per second of a level. */
  bitsPerSecond(l) { return (this.bpp * l.w * l.h * 8 * 1000) / l.every_ms; }

  /** The highest level whose frames fit in SHARE of the measured rate. */
  fitting() {
    const budget = this.kbps * 1000 * SHARE;
    for (let i = 0; i < this.levels.length; i++) if (this.bitsPerSecond(this.levels[i]) <= budget) return i;
    return this.levels.length - 1;
  }

  choose(t, took) {
    const fit = this.fitting();
    if (took > SLOW_ACK_MS) {
      this.goodSince = null;
      this.stepDown(Math.max(fit, this.level + 1));
      return;
    }
    if (fit > this.level) {
      this.goodSince = null;
      this.stepDown(fit);
      return;
    }
    if (fit < this.level) {
      // Good: the rate fits a higher level. Up one, after 30 s of that.
      if (this.goodSince == null) this.goodSince = t;
      if (t - this.goodSince >= UP_AFTER_MS) {
        this.goodSince = t;
        this.setLevel(this.level - 1);
      }
    } else {
      this.goodSince = null;
    }
  }

  stepDown(to) { this.setLevel(Math.min(to, this.levels.length - 1)); }

  setLevel(i) {
    if (i === this.level) return;
    this.level = i;
    this.stats.changes += 1;
    const l = this.current;
    this.link.report?.({
      level: i, width: l.w, height: l.h, every_ms: l.every_ms, audio: 'levels',
      link_kbps: Math.round(this.kbps),
    });
  }

  /** A room scan wants a frame a second: at the current size, if the link allows. */
  scanInterval() {
    const l = this.current;
    if (!this.kbps) return 1000;
    return this.bitsPerSecond({ ...l, every_ms: 1000 }) <= this.kbps * 1000 * SHARE ? 1000 : l.every_ms;
  }
}
