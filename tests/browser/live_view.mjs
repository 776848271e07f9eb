// Browser test of the live proctoring view (issue 10, "Live proctoring for
// staff") on web/staff.html: a commission member watches the live screen while
// a candidate sits; the candidate is driven over a raw exam WebSocket from a
// Chromium page (Node 20 has no WebSocket client; the fake camera cannot
// switch images mid-run) sending the fixture JPEG with two faces, so the
// server registers a warning (strike 1). The test asserts that the live list
// shows the strike and the feed the event within a bounded wait, opens the
// latest frame and the recording player (its frames, audio chart and event
// marks), in Russian and Kazakh, on a desktop and on a 390 px phone.
// Screenshots (live-*.png) go to $OUT_DIR.
//
//   TANU_BIN=build/server/tanu node tests/browser/live_view.mjs
//
// Env: TANU_BIN (required), TANU_FIXTURES (default build/fixtures: two_faces.jpg,
// one_face.jpg from tests/fixtures/make_proctor_fixtures.py), OUT_DIR, CHROMIUM, KEEP=1.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, REPO, log, expect, must, startServer as startTanu, runTest, http, someIin, visible, setUp, text, adminToken,
} from './lib.mjs';

const { work, outDir, shots, shot } = setUp('live', 'live-');
const FIXTURES = process.env.TANU_FIXTURES || join(REPO, 'build', 'fixtures');

const PROG = 'LIVE-1';
const COMMISSION = { login: 'nabludatel', password: 'nabludatel-secret-1', role: 'commission' };
const CAND = { full_name: 'Сапарова Айгерім Нұрланқызы', birth_date: '1990-05-15', first7: '9005154', login: 'cand-live', password: 'cand-live-secret' };

async function setup(base) {
  const token = await adminToken(base);
  const prog = await http(base, 'POST', '/api/programmes', { token, json: {
    code: PROG, profession: 'Электрогазосварщик', oked: '43221', nkz: '71260001', nqf_level: 4,
    languages: ['kk', 'ru'], attempts: 2,
    theory: { questions: 5, minutes: 60, pass_percent: 70, pass_rule: 'above' },
  } });
  must(prog.status === 201, `programme created (got ${prog.status} ${JSON.stringify(prog.data)})`);
  const questions = Array.from({ length: 5 }, (_, i) => ({
    id: `q${i + 1}`, lang: 'ru', topic: 'безопасность', text: `Вопрос ${i + 1}?`,
    options: [`Правильный ${i + 1}`, `Неверный ${i + 1}`], correct: [0],
  }));
  const imp = await http(base, 'POST', `/api/programmes/${PROG}/questions`, { token, json: questions });
  must(imp.status === 200, `questions imported (got ${imp.status})`);
  const u = await http(base, 'POST', '/api/users', { token, json: COMMISSION });
  must(u.status === 201, `commission member created (got ${u.status})`);
  const c = await http(base, 'POST', '/api/candidates', { token, json: {
    iin: someIin(CAND.first7), full_name: CAND.full_name, birth_date: CAND.birth_date, login: CAND.login, password: CAND.password,
  } });
  must(c.status === 201, `candidate created (got ${c.status} ${JSON.stringify(c.data)})`);
  const s = await http(base, 'POST', '/api/sessions', { token, json: { candidate: c.data.id, programme: PROG, lang: 'ru', mode: 'online' } });
  must(s.status === 201, `sitting created (got ${s.status})`);
  const l = await http(base, 'POST', '/api/login', { json: { login: CAND.login, password: CAND.password } });
  must(l.status === 200, 'candidate login');
  return { token, session: s.data.id, candToken: l.data.token };
}

/** In a page: the exam socket, start, then `jpeg` (base64) as camera frames every 300 ms for `ms`. */
async function streamInPage({ url, jpeg, ms }) {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const seen = [];
  ws.onmessage = (ev) => { if (typeof ev.data === 'string') seen.push(JSON.parse(ev.data).type); };
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = () => fail(new Error('WebSocket refused')); });
  ws.send(JSON.stringify({ type: 'start' }));
  const bytes = Uint8Array.from(atob(jpeg), (ch) => ch.charCodeAt(0));
  const frame = new Uint8Array(bytes.length + 1);
  frame[0] = 1;
  frame.set(bytes, 1);
  // Half a second of a quiet 440 Hz tone (about -47 dBFS, below the noise rule) at 8 kHz (0x02, uint32 rate, s16le): the audio levels.
  const audio = new DataView(new ArrayBuffer(5 + 8000));
  audio.setUint8(0, 2);
  audio.setUint32(1, 8000, true);
  for (let i = 0; i < 4000; i++) audio.setInt16(5 + 2 * i, Math.round(150 * Math.sin((2 * Math.PI * 440 * i) / 8000)), true);
  const end = Date.now() + ms;
  while (Date.now() < end && ws.readyState === 1) {
    ws.send(frame);
    ws.send(audio.buffer);
    await new Promise((r) => setTimeout(r, 300));
    if (seen.includes('warning')) break;
  }
  window.__cand = ws; // kept open: the sitting stays connected
  return seen;
}

async function main() {
  const twoFaces = join(FIXTURES, 'two_faces.jpg');
  must(existsSync(twoFaces), `fixture ${twoFaces} (make it with tests/fixtures/make_proctor_fixtures.py)`);
  log(`work dir ${work}`);
  const server = await startTanu(work, {
    proctor: { no_face_ms: 1500, multiple_faces_ms: 1500, identity_ms: 2000, cooldown_ms: 1000, recording_every_ms: 1000 },
  });
  const base = server.url;
  const wsBase = base.replace(/^http/, 'ws');
  let browser;
  const consoleErrors = [];
  try {
    const s = await setup(base);
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: false,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
    const page = await ctx.newPage();
    // web/lib/events.js (eventText) is another part of issue 10: until it is there the page
    // falls back to the shared violation words, and its 404 is not this test's failure.
    let optional404 = 0;
    page.on('response', (r) => { if (r.status() === 404 && r.url().endsWith('/lib/events.js')) optional404++; });
    page.on('console', (m) => {
      if (m.type() === 'error' && !(optional404 && /status of 404/.test(m.text()))) consoleErrors.push(m.text());
    });
    page.on('dialog', (d) => d.accept());

    // The commission member signs in and opens the live screen.
    await page.goto(`${base}/staff.html`);
    must(await visible(page, '#screen-login'), 'the sign-in screen');
    await page.fill('#login', COMMISSION.login);
    await page.fill('#password', COMMISSION.password);
    await page.click('#login-form button[type=submit]');
    must(await visible(page, '#screen-queue'), 'commission: the queue');
    await page.selectOption('#lang', 'ru');
    must(await visible(page, '#staff-nav a[data-view="live"]'), 'the header links to the live view');
    await page.click('#staff-nav a[data-view="live"]');
    must(await visible(page, '#screen-live'), 'the live screen is shown');
    await page.waitForFunction(() => document.querySelector('#live-status')?.dataset.socket === 'up', null, { timeout: 10000 })
      .catch(() => {});
    expect(await page.evaluate(() => document.querySelector('#live-status')?.dataset.socket) === 'up', 'the live socket is up');

    // The candidate: two faces in front of the camera.
    const cand = await (await browser.newContext()).newPage();
    await cand.goto(`${base}/verify.html`);
    const jpeg = readFileSync(twoFaces).toString('base64');
    const t0 = Date.now();
    const sat = cand.evaluate(streamInPage, { url: `${wsBase}/ws/exam/${s.session}?token=${encodeURIComponent(s.candToken)}`, jpeg, ms: 12000 });
    const row = `#live-body tr.live-row[data-session="${s.session}"]`;
    must(await visible(page, row, 10000), 'the sitting appears in the live list');
    const warned = await page.waitForSelector(`${row}.strike-1`, { timeout: 20000 }).then(() => true, () => false);
    const seen = await sat;
    log(`candidate saw: ${seen.join(',')}`);
    must(warned, 'the live list shows strike 1 within 20 s');
    log(`strike shown ${((Date.now() - t0) / 1000).toFixed(1)} s after the two faces began`);
    const rowText = await text(page, row);
    expect(rowText.includes(CAND.full_name) && rowText.includes('предупреждение (1 из 2)') && rowText.includes('на связи'),
      `the row: name, the warning in words, connected ("${rowText.slice(0, 200)}")`);
    must(await visible(page, '#live-feed li.feed-item[data-kind="multiple_faces"]', 10000), 'the feed shows the multiple_faces event');
    // No dictionary key or event code in the row (its last finding's detail comes from
    // lib/events.js when that is there) nor in the violation's label in the feed.
    const cells = await page.locator(`${row} td:not(:nth-child(7))`).allInnerTexts();
    const label = await text(page, '#live-feed li.feed-item[data-kind="multiple_faces"] b');
    expect(!/\b[a-z]+_[a-z_]+\b/.test(cells.join(' ')) && !/[a-z]_[a-z]/.test(label) && label.length > 0,
      `no dictionary key or event code in the Russian row and label ("${cells.join(' | ')}", "${label}")`);

    // The latest frame.
    await page.click(`${row} .live-frame-btn`);
    const frameOk = await page.waitForFunction(() => {
      const i = document.querySelector('img.live-frame');
      return i && i.complete && i.naturalWidth > 0;
    }, null, { timeout: 10000 }).then(() => true, () => false);
    expect(frameOk, 'the latest frame is shown');
    await shot(page, 'desktop-ru', { fullPage: true });
    await page.selectOption('#lang', 'kk');
    expect((await text(page, row)).includes('ескерту (2-ден 1)'), 'kk: the warning in Kazakh');
    await shot(page, 'desktop-kk', { fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the live view fits a phone');
    await shot(page, 'phone-kk', { fullPage: true });
    await page.selectOption('#lang', 'ru');
    await shot(page, 'phone-ru', { fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The recording player.
    await page.click(`${row} .live-rec-btn`);
    must(await visible(page, '#screen-recording'), 'the recording player is shown');
    const recOk = await page.waitForFunction(() => {
      const i = document.querySelector('#rec-frame');
      return i && !i.hidden && i.complete && i.naturalWidth > 0;
    }, null, { timeout: 10000 }).then(() => true, () => false);
    expect(recOk, 'the recording shows a frame');
    expect(await page.locator('svg.rec-chart').count() === 1, 'the chart is drawn');
    expect(await page.locator('svg.rec-chart rect.rec-bar').count() >= 1, 'the audio levels are drawn as bars');
    expect(await page.locator('svg.rec-chart line.rec-ev.violation').count() >= 1, 'the violation is marked on the axis');
    const mark = page.locator('button.rec-mark.violation').first();
    must(await mark.count() === 1, 'a violation mark to click');
    await mark.click();
    const cap = await text(page, '#rec-caption');
    expect(/^Кадр \d+ из \d+/.test(cap), `the caption after the jump: "${cap}"`);
    await page.click('#rec-play');
    expect((await text(page, '#rec-play')) === 'Пауза', 'play turns into pause');
    await shot(page, 'recording-desktop-ru', { fullPage: true });
    await page.click('#rec-play');
    await page.selectOption('#lang', 'kk');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the player fits a phone');
    await shot(page, 'recording-phone-kk', { fullPage: true });
    await page.click('#rec-back');
    must(await visible(page, '#screen-live'), 'back to the live view');

    // Viewing was logged: the socket, the frame, the recording.
    const db = join(work, 'data', 'tanu.db');
    const { execFileSync } = await import('node:child_process');
    const count = (a) => Number(execFileSync('/usr/bin/sqlite3', [db, `SELECT count(*) FROM audit_log WHERE action = '${a}';`], { encoding: 'utf8' }).trim());
    expect(count('live_view_opened') >= 1 && count('frame_viewed') >= 1 && count('recording_viewed') === 1,
      `audit: live_view_opened ${count('live_view_opened')}, frame_viewed ${count('frame_viewed')}, recording_viewed ${count('recording_viewed')}`);
    expect(!consoleErrors.length, `no console errors (${consoleErrors.join(' | ')})`);
  } finally {
    await browser?.close().catch(() => {});
    server.proc.kill('SIGTERM');
    await new Promise((r) => { server.proc.once('exit', r); setTimeout(r, 5000); });
  }
}

runTest(main, { work, outDir, shots });
