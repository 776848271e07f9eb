// Camera and microphone for online proctoring: permission, camera frames as
// JPEG, microphone audio as 16 kHz PCM. What is captured goes to a sink
// function; the exam decides whether it can be sent (socket open, exam in
// progress) and drops it otherwise, so nothing piles up in memory.
import { Downsampler, audioMessage } from './pcm.js';

const CONSTRAINTS = { video: { width: 640, height: 480 }, audio: true };
const MAX_W = 640;
const MAX_H = 480;
const JPEG_QUALITY = 0.6;  // ~40 kB at 640×480: decoding is the largest part of the server's cost per frame
export const FRAME_MS = 2000;

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
  setLink(link) { this.link = link; }

  /** The server's media config (the `paper` message's `media`). */
  configure(cfg) { this.config = cfg; }

  /** The server received a media message (`media_ack`). */
  onAck() {}

  /** The server asks for a short raw audio sample (`audio_sample`). */
  onAudioSample() {}

  /**
   * Every `everyMs`, a JPEG of the camera (at most 640×480) goes to the sink
   * as a binary message 0x01 + JPEG. `video` is an element showing the stream.
   */
  startFrames(video, everyMs = FRAME_MS) {
    this.stopFrames();
    this.source = video;
    this.frameTimer = setInterval(() => this.grab(), everyMs);
  }

  setFrameInterval(everyMs) {
    if (!this.frameTimer) return;
    clearInterval(this.frameTimer);
    this.frameTimer = setInterval(() => this.grab(), everyMs);
  }

  stopFrames() {
    clearInterval(this.frameTimer);
    this.frameTimer = null;
  }

  grab() {
    const v = this.source;
    if (this.grabbing || !v || !this.live || !this.wanted?.()) return;
    if (v.readyState < 2 || !v.videoWidth || !v.videoHeight) return;
    const scale = Math.min(1, MAX_W / v.videoWidth, MAX_H / v.videoHeight);
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
    c.toBlob(async (blob) => {
      try {
        if (!blob || !this.wanted?.()) return;
        const jpeg = new Uint8Array(await blob.arrayBuffer());
        const msg = new Uint8Array(1 + jpeg.length);
        msg[0] = 0x01;
        msg.set(jpeg, 1);
        if (this.sink(msg.buffer)) this.framesSent += 1;
      } catch {
        /* a lost frame is not worth more than that */
      } finally {
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
    const deliver = (rate, samples) => {
      if (!this.wanted?.()) return;
      if (this.sink(audioMessage(rate, samples))) this.audioSent += 1;
    };
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
