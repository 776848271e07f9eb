// Microphone audio for the proctor: mono float samples at the AudioContext's
// rate in, chunks of signed 16-bit PCM at 16000 Hz out. Shared by the
// AudioWorklet (pcm-worklet.js) and the ScriptProcessorNode fallback (media.js).

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
