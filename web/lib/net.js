// A WebSocket that reconnects by itself, waiting 1 s, 2 s, 4 s … at most 15 s
// between tries. A socket that stays silent too long is treated as dead: on a
// weak mobile connection the browser may take minutes to notice by itself.

const MAX_DELAY_MS = 15000;
const CONNECT_TIMEOUT_MS = 15000;
const SILENCE_LIMIT_MS = 90000; // the server sends `time` every 30 s
const BINARY_BACKLOG = 256 * 1024;

export class Link {
  /** handlers: open(), message(obj), down(offline: boolean) */
  constructor(url, handlers) {
    this.url = url;
    this.h = handlers;
    this.ws = null;
    this.failures = 0;
    this.timer = null;
    this.stopped = true;
  }

  start() {
    this.stopped = false;
    this.ac = new AbortController();
    window.addEventListener('online', () => this.retryNow(), { signal: this.ac.signal });
    window.addEventListener('offline', () => this.drop(true), { signal: this.ac.signal });
    this.watchdog = setInterval(() => this.checkAlive(), 5000);
    this.open();
  }

  stop() {
    this.stopped = true;
    this.ac?.abort();
    clearInterval(this.watchdog);
    clearTimeout(this.timer);
    this.timer = null;
    this.detach(1000);
  }

  get isOpen() { return this.ws?.readyState === WebSocket.OPEN; }

  /** Bytes the browser holds unsent on the socket (0 when closed). */
  get buffered() { return this.isOpen ? this.ws.bufferedAmount : 0; }

  send(obj) {
    if (!this.isOpen) return false;
    try { this.ws.send(JSON.stringify(obj)); return true; } catch { return false; }
  }

  /**
   * A binary message (camera frame, audio). Dropped, not queued, when the
   * socket is not open or the browser still holds more than BINARY_BACKLOG
   * bytes unsent: on a slow uplink old media are worth less than new ones.
   */
  sendBinary(buf) {
    if (!this.isOpen || this.ws.bufferedAmount > BINARY_BACKLOG) return false;
    try { this.ws.send(buf); return true; } catch { return false; }
  }

  /** The connection works (the server answered `start`): the next failure waits 1 s again. */
  healthy() { this.failures = 0; }

  retryNow() {
    if (this.stopped || this.isOpen) return;
    this.detach();
    clearTimeout(this.timer);
    this.timer = null;
    this.open();
  }

  open() {
    this.timer = null;
    if (this.stopped || this.ws) return;
    let ws;
    try { ws = new WebSocket(this.url); } catch { this.schedule(); return; }
    this.ws = ws;
    this.lastHeard = Date.now();
    ws.onopen = () => { this.lastHeard = Date.now(); this.h.open(); };
    ws.onmessage = (e) => {
      this.lastHeard = Date.now();
      if (typeof e.data !== 'string') return;
      let msg;
      try { msg = JSON.parse(e.data); } catch { return; }
      if (msg && typeof msg === 'object') this.h.message(msg);
    };
    ws.onerror = () => {}; // a close event follows
    ws.onclose = () => { if (this.ws === ws) this.drop(); };
  }

  checkAlive() {
    if (!this.ws) return;
    const quiet = Date.now() - this.lastHeard;
    const connecting = this.ws.readyState === WebSocket.CONNECTING;
    if ((connecting && quiet > CONNECT_TIMEOUT_MS) || quiet > SILENCE_LIMIT_MS) this.drop();
  }

  /** Forget the current socket, tell the owner, and try again after the backoff. */
  drop(offline = navigator.onLine === false) {
    this.detach();
    if (this.stopped) return;
    this.h.down(offline);
    this.schedule();
  }

  detach(code) {
    const ws = this.ws;
    if (!ws) return;
    this.ws = null;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try { code ? ws.close(code) : ws.close(); } catch { /* already closed */ }
  }

  schedule() {
    if (this.stopped || this.timer) return;
    const delay = Math.min(1000 * 2 ** this.failures, MAX_DELAY_MS);
    this.failures = Math.min(this.failures + 1, 10);
    this.timer = setTimeout(() => this.open(), delay);
  }
}
