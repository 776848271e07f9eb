// Microphone audio for the proctor: mono float samples at the AudioContext's
// rate in, chunks of signed 16-bit PCM at 16000 Hz out. Shared by the
// AudioWorklet (pcm-worklet.js) and the ScriptProcessorNode fallback (media.js);
// media.js turns the chunks into levels and µ-law samples (below).

export const TARGET_RATE = 16000;

/**
 * Box-filter decimator: every output sample is the mean of the input samples
 * that fall in its period (a low-pass good enough for level and noise
 * analysis). Input at or below the target rate is passed through unchanged.
 */
export class Downsampler {
  constructor(inRate, chunkSeconds = 1, targetRate = TARGET_RATE) {
    this.inRate = inRate;
    this.outRate = inRate > targetRate ? targetRate : Math.round(inRate);
    this.ratio = inRate / this.outRate;
    this.chunk = new Int16Array(Math.max(1, Math.round(this.outRate * chunkSeconds)));
    this.fill = 0;
    this.sum = 0;
    this.count = 0;
    this.phase = 0;
  }

  /** Feeds Float32 samples in [-1, 1]; calls emit(Int16Array) for every full chunk. */
  push(input, emit) {
    for (let i = 0; i < input.length; i++) {
      this.sum += input[i];
      this.count += 1;
      this.phase += 1;
      if (this.phase < this.ratio) continue;
      this.phase -= this.ratio;
      const v = this.sum / this.count;
      this.sum = 0;
      this.count = 0;
      this.chunk[this.fill++] = v >= 1 ? 32767 : v <= -1 ? -32768 : Math.round(v * 32767);
      if (this.fill === this.chunk.length) {
        emit(this.chunk.slice());
        this.fill = 0;
      }
    }
  }
}

/** The exam WebSocket's audio message: 0x02, uint32 LE rate, s16le samples. */
export function audioMessage(rate, samples) {
  const buf = new ArrayBuffer(5 + samples.length * 2);
  const view = new DataView(buf);
  view.setUint8(0, 0x02);
  view.setUint32(1, rate, true);
  for (let i = 0; i < samples.length; i++) view.setInt16(5 + i * 2, samples[i], true);
  return buf;
}

// ---- compact audio (issue 10) -------------------------------------------------
// On a weak link the page sends levels, not PCM: one byte per window, b = the
// window's RMS level as −b/2 dBFS (0 … −127.5), 0x03 messages; and, when the
// server asks (`audio_sample`), the audio itself as G.711 µ-law (0x04), so
// that the server can check the levels it is told.

/** RMS level byte of s16 samples: round(−2 × dBFS), 0…255. */
export function levelByte(samples, from = 0, to = samples.length) {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i] * samples[i];
  const n = Math.max(1, to - from);
  const rms = Math.sqrt(sum / n) / 32768;
  const dbfs = rms > 0 ? 20 * Math.log10(rms) : -128;
  return Math.min(255, Math.max(0, Math.round(-2 * dbfs)));
}

/** Level bytes of consecutive windows of `windowMs` (a last partial window is left out). */
export function levelsOf(samples, rate, windowMs) {
  const per = Math.max(1, Math.round((rate * windowMs) / 1000));
  const out = [];
  for (let at = 0; at + per <= samples.length; at += per) out.push(levelByte(samples, at, at + per));
  return out;
}

/** 0x03, uint16 LE window_ms, then 1…64 level bytes. */
export function levelsMessage(windowMs, levels) {
  const n = Math.min(64, levels.length);
  const buf = new Uint8Array(3 + n);
  buf[0] = 0x03;
  buf[1] = windowMs & 0xff;
  buf[2] = (windowMs >> 8) & 0xff;
  buf.set(levels.slice(levels.length - n), 3);
  return buf.buffer;
}

/** G.711 µ-law of one s16 sample (as Sun's g711.c; the server decodes it). */
export function ulawByte(pcm) {
  const BIAS = 0x84;
  const CLIP = 32635;
  let v = pcm;
  const sign = v < 0 ? 0x80 : 0;
  if (v < 0) v = -v;
  v = Math.min(v, CLIP) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; exponent > 0 && !(v & mask); mask >>= 1) exponent -= 1;
  const mantissa = (v >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** 16 kHz s16 → 8 kHz s16 (the mean of each pair: a low-pass good enough for levels). */
export function halve(samples) {
  const out = new Int16Array(samples.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = (samples[2 * i] + samples[2 * i + 1]) >> 1;
  return out;
}

/**
 * 0x04, uint16 LE window_ms, uint8 n, n level bytes, uint32 LE rate, then the
 * µ-law bytes of those n windows. The levels are those of the audio sent (8 kHz).
 */
export function sampleMessage(windowMs, samples, rate) {
  const per = Math.round((rate * windowMs) / 1000);
  const n = Math.min(64, Math.floor(samples.length / per));
  const levels = levelsOf(samples.subarray(0, n * per), rate, windowMs);
  const buf = new Uint8Array(8 + n + n * per);
  const view = new DataView(buf.buffer);
  buf[0] = 0x04;
  view.setUint16(1, windowMs, true);
  buf[3] = n;
  buf.set(levels, 4);
  view.setUint32(4 + n, rate, true);
  for (let i = 0; i < n * per; i++) buf[8 + n + i] = ulawByte(samples[i]);
  return buf.buffer;
}
