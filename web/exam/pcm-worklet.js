// AudioWorklet: microphone samples → 1 s chunks of 16 kHz s16le PCM, posted to
// the page as {rate, samples: Int16Array} (the buffer is transferred).
import { Downsampler } from './pcm.js';

class PcmCapture extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const chunkSeconds = options?.processorOptions?.chunkSeconds ?? 1;
    this.down = new Downsampler(sampleRate, chunkSeconds);
    this.emit = (samples) => this.port.postMessage({ rate: this.down.outRate, samples }, [samples.buffer]);
    this.running = true;
    this.port.onmessage = (e) => { if (e.data === 'stop') this.running = false; };
  }

  process(inputs) {
    const channel = inputs[0]?.[0]; // mono: the first channel is enough for a level check
    if (channel) this.down.push(channel, this.emit);
    return this.running;
  }
}

registerProcessor('tanu-pcm-capture', PcmCapture);
