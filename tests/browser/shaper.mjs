// A weak home link on loopback, for the weak-link browser test (issue 10): a
// TCP proxy that forwards to the server with, in each direction, a rate limit
// (kbit/s: the link is busy for len×8/rate after each byte) and a fixed
// one-way delay. It reads from the source only as fast as it forwards (the
// source is paused while more than maxQueue bytes wait for the link), so the
// browser's socket sees back-pressure as on a real modem and its
// bufferedAmount grows, instead of the proxy swallowing everything.
//   const sh = await startShaper({ target: 8080, kbps: 400, delayMs: 150 });
//   ... connect to 127.0.0.1:sh.port ...; sh.stats(); await sh.close();
import net from 'node:net';

const PIECE = 1460; // bytes a piece: the link is shared piece by piece, like packets

class Direction {
  constructor(name, kbps, delayMs, maxQueue) {
    this.name = name;
    this.bytesPerMs = (kbps * 1000) / 8 / 1000;
    this.delayMs = delayMs;
    this.maxQueue = maxQueue;
    this.busyUntil = 0; // when the link has sent all it has been given
    this.bytes = 0;
    this.first = null;
    this.last = null;
    this.maxBacklog = 0;
  }

  /** Bytes given to the link and not yet sent (the proxy's own queue). */
  backlog(now) { return Math.max(0, this.busyUntil - now) * this.bytesPerMs; }

  pipe(src, dst) {
    const timers = new Set();
    let wake = null;
    const take = () => {
      // Pieces are taken from the source only while the link's queue has room;
      // what is left stays in the socket, whose peer then sees back-pressure.
      for (;;) {
        const now = performance.now();
        if (this.backlog(now) >= this.maxQueue) {
          if (!wake) wake = setTimeout(() => { wake = null; take(); }, (this.backlog(now) - this.maxQueue / 2) / this.bytesPerMs);
          return;
        }
        const piece = src.read(Math.min(PIECE, src.readableLength || PIECE)) ?? src.read();
        if (!piece) return;
        if (this.first == null) this.first = now;
        const departs = Math.max(now, this.busyUntil) + piece.length / this.bytesPerMs;
        this.busyUntil = departs;
        this.maxBacklog = Math.max(this.maxBacklog, this.backlog(now));
        const t = setTimeout(() => {
          timers.delete(t);
          this.bytes += piece.length;
          this.last = performance.now();
          if (!dst.destroyed) dst.write(piece);
        }, departs + this.delayMs - now);
        timers.add(t);
      }
    };
    src.on('readable', take);
    const end = () => {
      // What is still on the wire arrives, then the other side is closed.
      const left = Math.max(0, this.busyUntil - performance.now()) + this.delayMs + 5;
      setTimeout(() => dst.end(), left);
    };
    src.on('end', end);
    src.on('error', () => dst.destroy());
    return () => { for (const t of timers) clearTimeout(t); clearTimeout(wake); };
  }

  stats() {
    const ms = this.first != null && this.last != null ? this.last - this.first : 0;
    return { bytes: this.bytes, bytes_per_s: ms > 0 ? Math.round((this.bytes * 1000) / ms) : 0, max_queue: Math.round(this.maxBacklog) };
  }
}

export async function startShaper({ target, host = '127.0.0.1', kbps = 400, delayMs = 150, maxQueue = 16 * 1024 }) {
  // One link for all connections, as a home line is: both ways limited.
  const up = new Direction('up', kbps, delayMs, maxQueue);
  const down = new Direction('down', kbps, delayMs, maxQueue);
  const sockets = new Set();
  const stops = [];
  const server = net.createServer((client) => {
    client.setNoDelay(true);
    const upstream = net.connect({ host, port: target });
    upstream.setNoDelay(true);
    sockets.add(client);
    sockets.add(upstream);
    stops.push(up.pipe(client, upstream), down.pipe(upstream, client));
    const gone = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
    client.on('close', gone);
    upstream.on('close', gone);
    upstream.on('error', gone);
    client.on('error', gone);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    stats: () => ({ up: up.stats(), down: down.stats() }),
    close: () => new Promise((resolve) => {
      for (const s of stops) s();
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/**
 * The shaper's own check: `bytes` sent through it to a sink on loopback take
 * about bytes×8/rate + delay. Returns the milliseconds from the first byte
 * written to the last received.
 */
export async function timeTransfer(bytes, opts) {
  let received = 0;
  let done;
  const finished = new Promise((r) => { done = r; });
  const sink = net.createServer((s) => {
    s.on('data', (c) => { received += c.length; if (received >= bytes) done(performance.now()); });
  });
  await new Promise((r) => sink.listen(0, '127.0.0.1', r));
  const sh = await startShaper({ ...opts, target: sink.address().port });
  const c = net.connect({ host: '127.0.0.1', port: sh.port });
  await new Promise((r) => c.on('connect', r));
  const t0 = performance.now();
  c.write(Buffer.alloc(bytes, 7));
  const t1 = await finished;
  c.destroy();
  await sh.close();
  await new Promise((r) => sink.close(r));
  return { ms: t1 - t0, stats: sh.stats() };
}
