// What the browser tests share: the checks and their log, the real server on
// loopback, HTTP calls to it, valid IINs, and small page helpers.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, existsSync, writeFileSync, createWriteStream, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TANU = process.env.TANU_BIN;
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export const t0 = Date.now();
export const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s]`, ...a);
export const failures = [];
/** A failed expectation is recorded and the test goes on, to show as much as it can. */
export function expect(ok, what) {
  if (ok) log(`ok   ${what}`);
  else { failures.push(what); log(`FAIL ${what}`); }
  return ok;
}
export class Fatal extends Error {}
export function must(ok, what) {
  if (!expect(ok, what)) throw new Fatal(what);
}
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `tanu serve` on 127.0.0.1:0 (plain HTTP) with a fresh data directory
 * under `work`, an admin account (admin / admin-secret-1) and `config` merged
 * into a config with cheap password hashing. Resolves to { proc, url } once the
 * server prints its `listening on` line; its log goes to work/server.log.
 */
/** The real server on loopback with its own data; `web`: the folder it serves (default the tree's web/). */
export async function startServer(work, config = {}, { web = join(REPO, 'web') } = {}) {
  const data = join(work, 'data');
  mkdirSync(data);
  const cfg = join(work, 'config.json');
  writeFileSync(cfg, JSON.stringify({ auth: { argon2_ops: 1, argon2_mem_kib: 64 }, ...config }));
  execFileSync(TANU, ['user', 'add', '--data', data, '--login', 'admin', '--role', 'admin', '--password-stdin'],
    { input: 'admin-secret-1\n', encoding: 'utf8' });
  const proc = spawn(TANU, ['serve', '--data', data, '--listen', '127.0.0.1:0', '--no-tls', '--config', cfg,
    '--web', web], { stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = createWriteStream(join(work, 'server.log'));
  proc.stderr.pipe(logFile);
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('no "listening on" line within 20 s')), 20000);
    const rl = createInterface({ input: proc.stdout });
    rl.on('line', (line) => {
      logFile.write(`${line}\n`);
      const m = /listening on (\S+)/.exec(line);
      if (m) { clearTimeout(timer); ok(m[1].replace(/\/$/, '')); }
    });
    proc.on('exit', (code) => fail(new Error(`tanu serve exited with ${code}`)));
  });
  return { proc, url };
}

/** One HTTP call: `json` is sent as JSON, else `body` with `type`. → { status, data } (parsed when JSON). */
export async function http(base, method, path, { token, json, body, type } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (json !== undefined) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
  else if (type) headers['Content-Type'] = type;
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  return { status: res.status, data };
}

/** A valid Kazakh IIN: the first seven digits (date YYMMDD and century/sex digit), a serial, the check digit; null when none. */
export function iin(first7, serial) {
  const first = `${first7}${String(serial).padStart(4, '0')}`;
  const d = [...first].map(Number);
  let s = d.reduce((a, x, i) => a + x * (i + 1), 0) % 11;
  if (s === 10) {
    const w = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    s = d.reduce((a, x, i) => a + x * w[i], 0) % 11;
    if (s === 10) return null;
  }
  return first + s;
}
/** The first valid IIN with these seven digits from `serial` on. */
export function someIin(first7, serial = 1) {
  for (; ; serial++) { const v = iin(first7, serial); if (v) return v; }
}

export const visible = (page, sel, timeout = 10000) => page.locator(sel).first().waitFor({ state: 'visible', timeout })
  .then(() => true, () => false);

/** An error that escaped a check: recorded as a failure (a Fatal is recorded already). */
export function recordError(e) {
  if (e instanceof Fatal) return;
  failures.push(String(e?.stack || e));
  log(String(e?.stack || e));
}

/** Stops the browser and the server (SIGTERM, at most 5 s). */
export async function shutdown(browser, server) {
  await browser?.close().catch(() => {});
  if (!server) return;
  server.proc.kill('SIGTERM');
  await new Promise((r) => { server.proc.once('exit', r); setTimeout(r, 5000); });
}

/**
 * Runs `main`, then reports: the screenshots, the time, and on failure the
 * server log's last lines and every failure (exit code 1, the work dir kept);
 * else the work dir is removed unless KEEP is set.
 */
export async function runTest(main, { work, outDir, shots }) {
  await main().catch(recordError);
  console.log(`\nscreenshots (${outDir}):\n${shots.map((f) => `  ${f}`).join('\n')}`);
  console.log(`time: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (failures.length) {
    try {
      const tail = readFileSync(join(work, 'server.log'), 'utf8').trim().split('\n').slice(-25).join('\n');
      console.log(`\nserver log (last lines):\n${tail}`);
    } catch { /* none */ }
    console.log(`\n${failures.length} failure(s):\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    console.log(`work dir kept: ${work}`);
    process.exitCode = 1;
  } else {
    console.log('\nall good');
    if (!process.env.KEEP) rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A test run's places: TANU_BIN checked (exit 2 without it), a temp work dir,
 * the screenshots' dir ($OUT_DIR or a temp one) and `shot(page, label,
 * options)`, which writes `<prefix>NN-label.png` there and lists it for runTest.
 */
export function setUp(name, prefix = '') {
  if (!TANU || !existsSync(TANU)) {
    console.error(`${name}: set TANU_BIN to the tanu binary`);
    process.exit(2);
  }
  const work = mkdtempSync(join(tmpdir(), `tanu-${name}-`));
  const outDir = process.env.OUT_DIR || mkdtempSync(join(tmpdir(), 'tanu-screens-'));
  mkdirSync(outDir, { recursive: true });
  const shots = [];
  async function shot(page, label, options = {}) {
    const file = join(outDir, `${prefix}${String(shots.length + 1).padStart(2, '0')}-${label}.png`);
    await page.screenshot({ path: file, ...options });
    shots.push(file);
    log(`screenshot ${file}`);
  }
  return { work, outDir, shots, shot };
}

/** The trimmed text of the first element `sel` matches ('' when it does not show within `timeout`, if given). */
export async function text(page, sel, timeout) {
  const first = page.locator(sel).first();
  const got = timeout === undefined ? await first.textContent() : await first.textContent({ timeout }).catch(() => '');
  return (got ?? '').trim();
}

/** The token of the admin every test server is made with (startServer). */
export async function adminToken(base) {
  const login = await http(base, 'POST', '/api/login', { json: { login: 'admin', password: 'admin-secret-1' } });
  must(login.status === 200, `admin login (got ${login.status})`);
  return login.data.token;
}
