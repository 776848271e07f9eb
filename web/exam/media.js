// Camera and microphone for online proctoring: permission, camera frames as
// JPEG, microphone audio as levels (or 16 kHz PCM to an older server). What is
// captured goes to a sink function; the exam decides whether it can be sent
// (socket open, exam in progress) and drops it otherwise, so nothing piles up
// in memory. Answers first (issue 10): a Pacer (pacer.js) lets one media
// message out at a time, only while no answer waits, at the level of picture
// the link carries.
import { Downsampler, audioMessage, halve, levelsMessage, levelsOf, sampleMessage } from './pcm.js';
import { Pacer } from './pacer.js';

const CONSTRAINTS = { video: { width: 640, height: 480 }, audio: true };
const MAX_W = 640;
const MAX_H = 480;
const JPEG_QUALITY = 0.6;  // ~40 kB at 640×480: decoding is the largest part of the server's cost per frame
export const FRAME_MS = 2000;
const PUMP_MS = 100;          // how often the pacer's gate is looked at
const KEEP_LEVELS = 32;       // audio levels kept while the gate is shut (8 s of 250 ms windows)
const CHUNK_RATE = 16000;     // what pcm.js delivers

/**
 * What went wrong when asking for the devices, as one of the help topics the
 * page explains: `denied`, `missing`, `busy`, `unsupported`.
 */
export function mediaProblem(err) {
  switch (err?.name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return 'missing';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    case 'NotSupportedError':
    case 'TypeError':
      return 'unsupported';
    default:
      return 'busy';
  }
}

function named(name) {
  const e = new Error(name);
  e.name = name;
  return e;
}

export class Media {
  constructor() {
    this.stream = null;
    this.ctx = null;
    this.audioNodes = [];
    this.analyser = null;
    this.onEnded = null; // called when the camera or microphone stops by itself
    this.frameTimer = null;
    this.canvas = null;
    this.source = null;
    this.grabbing = false;
    this.framesSent = 0;
    this.audioSent = 0;
    this.config = null;
    this.pacer = null;
    this.levels = [];          // level bytes waiting for the gate (newest KEEP_LEVELS)
    this.levelsAt = 0;         // when the oldest of them was measured
    this.sampleWanted = false; // the server asked for a check sample
    this.sampleChunks = [];
    this.sample = null;        // a 0x04 ready to go
    this.scanning = false;
    this.nextFrameAt = 0;
    this.pump = null;
  }

  get live() {
    return Boolean(this.stream) && this.stream.getTracks().every((tr) => tr.readyState === 'live');
  }

  /**
   * Must be called from a click (or key) handler: browsers start an
   * AudioContext only after a user gesture.
   */
  prepareAudio() {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    if (!this.ctx || this.ctx.state === 'closed') {
      try { this.ctx = new Ctx(); } catch { this.ctx = null; }
    }
    this.ctx?.resume?.().catch(() => {});
  }

  /** Asks for camera and microphone; rejects with a DOMException-like error (see mediaProblem). */
  async open() {
    if (!navigator.mediaDevices?.getUserMedia) throw named('NotSupportedError');
    this.closeStream();
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia(CONSTRAINTS);
    } catch (e) {
      // A camera that cannot do 640×480 is still a camera.
      if (e?.name !== 'OverconstrainedError') throw e;
      stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    }
    if (!stream.getVideoTracks().length || !stream.getAudioTracks().length) {
      for (const tr of stream.getTracks()) tr.stop();
      throw named('NotFoundError');
    }
    this.stream = stream;
    for (const tr of stream.getTracks()) {
      tr.addEventListener('ended', () => { if (this.stream === stream) this.onEnded?.(tr.kind); });
    }
    return stream;
  }

  /** Shows the camera in a <video> element (muted: the candidate must not hear themselves). */
  attach(video) {
    if (!video) return;
    video.muted = true;
    video.playsInline = true;
    if (video.srcObject !== this.stream) video.srcObject = this.stream;
    video.play?.()?.catch?.(() => {});
  }

  // ---- camera frames ------------------------------------------------------

  /**
   * Where captured media go: sink(ArrayBuffer) gets each message ready for the
   * exam WebSocket, only while wanted() is true; it returns whether it sent it.
   */
  setSink(wanted, sink) {
    this.wanted = wanted;
    this.sink = sink;
  }

  /**
   * The exam's link, for pacing: buffered() bytes unsent on the socket,
   * answersWaiting() answers sent and not yet saved, report(obj) sends a
   * `stream` message telling the server the stream's quality changed.
   */
  setLink(link) {
    this.link = link;
    this.ensurePacer();
  }

  /**
   * The server's media config (the `paper` message's `media`), at every
   * paper (so after each reconnect): what was in flight on the old socket
   * will not be acknowledged. What the pacer measured is kept.
   */
  configure(cfg) {
    this.config = cfg || null;
    if (this.pacer) this.pacer.reconfigure(this.config);
    else this.ensurePacer();
    this.sampleWanted = false;
    this.sampleChunks = [];
    this.sample = null;
  }

  ensurePacer() {
    if (this.pacer) return this.pacer;
    const link = {
      buffered: () => this.link?.buffered?.() ?? 0,
      answersWaiting: () => this.link?.answersWaiting?.() ?? 0,
      report: (q) => this.link?.report?.(q),
    };
    this.pacer = new Pacer(link, this.config);
    if (typeof window !== 'undefined') window.tanuPacer = this.pacer; // read by the weak-link test
    return this.pacer;
  }

  /** Levels, not PCM, when the server says it takes them. */
  get compactAudio() { return this.config?.audio === 'levels'; }

  /** The server received a media message (`media_ack`). */
  onAck() {
    this.pacer?.ack();
    this.tick();
  }

  /** The server asks for a short raw audio sample (`audio_sample`): the next chunk goes as µ-law. */
  onAudioSample() {
    if (this.compactAudio) this.sampleWanted = true;
  }

  /**
   * Camera frames as 0x01 + JPEG at the pacer's level (size and interval),
   * each only when the gate is open: a frame due while it is shut waits for
   * it until the next one is due, and is then skipped. `video` shows the stream.
   */
  startFrames(video) {
    this.stopFrames();
    this.source = video;
    this.ensurePacer();
    this.nextFrameAt = Date.now() + 500;
    this.pump = setInterval(() => this.tick(), PUMP_MS);
    this.frameTimer = this.pump;
  }

  /** The room scan asks for a frame a second (SCAN_FRAME_MS); FRAME_MS: back to the level's pace. */
  setFrameInterval(everyMs) {
    this.scanning = everyMs !== FRAME_MS && everyMs < FRAME_MS;
    this.nextFrameAt = Math.min(this.nextFrameAt, Date.now() + this.frameEvery());
  }

  frameEvery() {
    const p = this.pacer;
    if (!this.config) return this.scanning ? 1000 : FRAME_MS; // an older server: as before
    return this.scanning ? p.scanInterval() : p.current.every_ms;
  }

  stopFrames() {
    clearInterval(this.pump);
    this.pump = null;
    this.frameTimer = null;
  }

  /** Looks at the gate: a check sample first, then a frame due, then the audio levels. */
  tick() {
    const p = this.pacer;
    if (!p || !this.wanted?.()) return;
    const now = Date.now();
    if (now >= this.nextFrameAt + this.frameEvery()) {
      p.stats.skipped += 1; // the gate stayed shut for a whole interval
      this.nextFrameAt = now;
    }
    if (!p.open()) return;
    if (this.sample) {
      const buf = this.sample;
      this.sample = null;
      if (this.sink(buf)) { p.sent(buf.byteLength); this.audioSent += 1; }
      return;
    }
    if (now >= this.nextFrameAt && this.source && this.live) {
      this.nextFrameAt = now + this.frameEvery();
      this.grab();
      return;
    }
    if (this.levels.length && now - this.levelsAt >= 900) {
      const buf = levelsMessage(this.config.audio_window_ms || 250, this.levels);
      this.levels = [];
      if (this.sink(buf)) { p.sent(buf.byteLength); this.audioSent += 1; }
    }
  }

  grab() {
    const v = this.source;
    if (this.grabbing || !v || !this.live || !this.wanted?.()) return;
    if (v.readyState < 2 || !v.videoWidth || !v.videoHeight) return;
    const lvl = this.config ? this.pacer.current : { w: MAX_W, h: MAX_H };
    const scale = Math.min(1, lvl.w / v.videoWidth, lvl.h / v.videoHeight);
    const w = Math.max(1, Math.round(v.videoWidth * scale));
    const h = Math.max(1, Math.round(v.videoHeight * scale));
    if (!this.canvas) this.canvas = document.createElement('canvas');
    const c = this.canvas;
    if (c.width !== w) c.width = w;
    if (c.height !== h) c.height = h;
    try {
      c.getContext('2d').drawImage(v, 0, 0, w, h);
    } catch {
      return;
    }
    this.grabbing = true;
    const pacer = this.pacer;
    pacer.reserve(); // nothing else goes while the frame is encoded
    c.toBlob(async (blob) => {
      let sent = false;
      try {
        if (!blob || !this.wanted?.()) return;
        const jpeg = new Uint8Array(await blob.arrayBuffer());
        const msg = new Uint8Array(1 + jpeg.length);
        msg[0] = 0x01;
        msg.set(jpeg, 1);
        pacer.release();
        if (!pacer.open()) return; // an answer came meanwhile: it goes first, this frame is skipped
        if (this.sink(msg.buffer)) {
          this.framesSent += 1;
          pacer.sent(msg.byteLength, true, w * h);
          sent = true;
        }
      } catch {
        /* a lost frame is not worth more than that */
      } finally {
        if (!sent) pacer.release();
        this.grabbing = false;
      }
    }, 'image/jpeg', JPEG_QUALITY);
  }

  // ---- microphone ---------------------------------------------------------

  /**
   * Starts turning the microphone into ~1 s chunks of 16 kHz PCM that go to
   * the sink as 0x02 + rate + samples, and feeds the level meter. Uses an
   * AudioWorklet, or a ScriptProcessorNode where worklets are missing.
   */
  async startAudio() {
    this.stopAudio();
    if (!this.stream) return false;
    this.prepareAudio();
    const ctx = this.ctx;
    if (!ctx) return false;
    const deliver = (rate, samples) => this.audioChunk(rate, samples);
    const src = ctx.createMediaStreamSource(new MediaStream(this.stream.getAudioTracks()));
    const mute = ctx.createGain();
    mute.gain.value = 0; // the graph must reach the destination to be pulled; nothing is heard
    mute.connect(ctx.destination);
    let node = null;
    if (ctx.audioWorklet && typeof AudioWorkletNode === 'function') {
      try {
        await ctx.audioWorklet.addModule(new URL('./pcm-worklet.js', import.meta.url));
        node = new AudioWorkletNode(ctx, 'tanu-pcm-capture', {
          numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1],
          channelCount: 1, channelCountMode: 'explicit', channelInterpretation: 'speakers',
          processorOptions: { chunkSeconds: 1 },
        });
        node.port.onmessage = (e) => deliver(e.data.rate, e.data.samples);
        this.audioMode = 'worklet';
      } catch {
        node = null;
      }
    }
    if (!node) {
      const down = new Downsampler(ctx.sampleRate, 1);
      node = ctx.createScriptProcessor(4096, 1, 1);
      node.onaudioprocess = (e) => down.push(e.inputBuffer.getChannelData(0), (s) => deliver(down.outRate, s));
      this.audioMode = 'script';
    }
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 1024;
    src.connect(node);
    src.connect(analyser);
    node.connect(mute);
    this.analyser = analyser;
    this.audioNodes = [src, node, analyser, mute];
    return true;
  }

  /**
   * A second of 16 kHz audio: to an older server as PCM (0x02, as before);
   * otherwise as levels for the pacer, or, when the server asked, as the
   * check sample (the next check_ms of audio, 8 kHz µ-law, with its levels).
   */
  audioChunk(rate, samples) {
    if (!this.wanted?.()) return;
    if (!this.compactAudio) {
      if (this.sink(audioMessage(rate, samples))) this.audioSent += 1;
      return;
    }
    const windowMs = this.config.audio_window_ms || 250;
    if (this.sampleWanted) {
      this.sampleChunks.push(rate === CHUNK_RATE ? halve(samples) : samples);
      const outRate = rate === CHUNK_RATE ? CHUNK_RATE / 2 : rate;
      const have = this.sampleChunks.reduce((n, c) => n + c.length, 0);
      if ((have * 1000) / outRate >= (this.config.check_ms || 1000)) {
        const all = new Int16Array(have);
        let at = 0;
        for (const c of this.sampleChunks) { all.set(c, at); at += c.length; }
        this.sample = sampleMessage(windowMs, all.subarray(0, Math.round(((this.config.check_ms || 1000) * outRate) / 1000)), outRate);
        this.sampleWanted = false;
        this.sampleChunks = [];
      }
      this.tick();
      return;
    }
    if (!this.levels.length) this.levelsAt = Date.now() - 1000;
    this.levels.push(...levelsOf(samples, rate, windowMs));
    if (this.levels.length > KEEP_LEVELS) this.levels.splice(0, this.levels.length - KEEP_LEVELS);
    this.tick();
  }

  /** The microphone's current level, 0…1 (for a meter). */
  level() {
    const a = this.analyser;
    if (!a) return 0;
    const buf = new Float32Array(a.fftSize);
    a.getFloatTimeDomainData(buf);
    let sum = 0;
    for (const x of buf) sum += x * x;
    const dbfs = 10 * Math.log10(sum / buf.length + 1e-12);
    return Math.min(1, Math.max(0, (dbfs + 70) / 60)); // −70 dBFS … −10 dBFS
  }

  stopAudio() {
    for (const n of this.audioNodes) {
      try { n.disconnect(); } catch { /* already */ }
      if (n.port) n.port.postMessage('stop');
      if ('onaudioprocess' in n) n.onaudioprocess = null;
    }
    this.audioNodes = [];
    this.analyser = null;
  }

  // ---- the end --------------------------------------------------------------

  closeStream() {
    if (!this.stream) return;
    for (const tr of this.stream.getTracks()) tr.stop();
    this.stream = null;
  }

  stop() {
    this.stopFrames();
    this.stopAudio();
    this.closeStream();
    if (this.ctx && this.ctx.state !== 'closed') this.ctx.close().catch(() => {});
    this.ctx = null;
  }
}
