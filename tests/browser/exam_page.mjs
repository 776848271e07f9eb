// Browser test of the candidate's page for an online (proctored) exam.
//
// Builds a fake camera (.y4m: ~40 s of the candidate alone, then a second
// person beside her) and a quiet room (.wav), starts the real server on
// loopback, seeds a programme, a candidate with an ID photo and an online
// sitting over the HTTP API, and drives Debian's chromium through the page:
// sign in, camera refused then allowed, identity check, start, 360° room scan,
// answers ("Saved"), identity confirmed, tab switch, the warning for the
// second face, a room scan asked for by the commission, the termination and
// the result. A screenshot of every step goes to $OUT_DIR
// (default: a new temp dir); their paths are printed.
//
//   TANU_BIN=build/server/tanu node tests/browser/exam_page.mjs
//
// Env: TANU_BIN (required), OUT_DIR, CHROMIUM (default /usr/bin/chromium),
// KEEP=1 keeps the temp dir (server log, fixtures). Exits 1 on any failure.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, log, expect, must, sleep, startServer as startTanu, recordError, shutdown, runTest, http, someIin, visible,
  setUp, text, adminToken,
} from './lib.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const PY = '/usr/bin/python3'; // Debian's: skimage and cv2 live there
const ONE_FACE_S = 40; // then two faces
const TWO_FACES_S = 100;
const FPS = 2;


const { work, outDir, shots, shot } = setUp('exam_page');

// ---- fixtures ---------------------------------------------------------------

function fixtures() {
  const img = join(work, 'img');
  execFileSync(PY, [join(HERE, 'make_camera.py'), img], { stdio: 'inherit' });
  const y4m = join(work, 'camera.y4m');
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y',
    '-loop', '1', '-framerate', String(FPS), '-t', String(ONE_FACE_S), '-i', join(img, 'one_face.png'),
    '-loop', '1', '-framerate', String(FPS), '-t', String(TWO_FACES_S), '-i', join(img, 'two_faces.png'),
    '-filter_complex', '[0:v][1:v]concat=n=2:v=1:a=0,format=yuv420p[v]', '-map', '[v]',
    '-f', 'yuv4mpegpipe', y4m], { stdio: 'inherit' });
  const wav = join(work, 'room.wav');
  // Quiet room: brown noise around -45 dBFS, 16-bit mono.
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', 'anoisesrc=color=brown:amplitude=0.02:sample_rate=48000:duration=30:seed=7',
    '-ac', '1', '-c:a', 'pcm_s16le', wav], { stdio: 'inherit' });
  return { y4m, wav, photo: join(img, 'id_photo.jpg') };
}

// ---- the server -------------------------------------------------------------

const startServer = () => startTanu(work);

async function seed(base, photo) {
  const token = await adminToken(base);
  const prog = await http(base, 'POST', '/api/programmes', { token, json: {
    code: 'WELDER-3', profession: 'Электросварщик', oked: '25110', nkz: '72120001', nqf_level: 3,
    languages: ['kk', 'ru'], attempts: 2,
    theory: { questions: 10, minutes: 30, pass_percent: 70, pass_rule: 'above' },
    practical: [{ id: 'p1', text: { kk: 'Дәнекерлеу', ru: 'Сварка' }, mandatory: true }],
  } });
  must(prog.status === 201, `programme created (got ${prog.status} ${JSON.stringify(prog.data)})`);
  const questions = Array.from({ length: 10 }, (_, i) => ({
    id: `q${i + 1}`, lang: 'ru', topic: 'safety',
    text: `Вопрос ${i + 1}. Какое средство защиты обязательно при сварке?`,
    options: ['Сварочная маска', 'Солнцезащитные очки', 'Бейсболка', 'Ничего не нужно'],
    correct: [0],
  }));
  const imp = await http(base, 'POST', '/api/programmes/WELDER-3/questions', { token, json: questions });
  must(imp.status === 200 && imp.data.imported === 10, `10 questions imported (got ${imp.status} ${JSON.stringify(imp.data)})`);
  const id = someIin('9005154'); // a woman born 15 May 1990
  const cand = await http(base, 'POST', '/api/candidates', { token, json: {
    iin: id, full_name: 'Коллинз Айлин', birth_date: '1990-05-15', email: 'c1@example.kz',
    phone: '+77010000001', login: 'cand1', password: 'cand-secret-1',
  } });
  must(cand.status === 201, `candidate created (got ${cand.status} ${JSON.stringify(cand.data)})`);
  const candidate = cand.data.id;
  const ph = await http(base, 'PUT', `/api/candidates/${candidate}/photo`, { token, body: readFileSync(photo), type: 'image/jpeg' });
  expect(ph.status === 204, `ID photo accepted by PUT /api/candidates/${candidate}/photo (got ${ph.status} ${JSON.stringify(ph.data)})`);
  const ses = await http(base, 'POST', '/api/sessions', { token, json: { candidate, programme: 'WELDER-3', lang: 'ru', mode: 'online' } });
  must(ses.status === 201, `online sitting created (got ${ses.status} ${JSON.stringify(ses.data)})`);
  return { token, candidate, session: ses.data.id, photoOk: ph.status === 204 };
}

// ---- what the page sends ----------------------------------------------------

/** Width and height from a JPEG's SOF marker, or null. */
function jpegSize(buf, from) {
  let i = from + 2;
  while (i + 9 < buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1];
    const len = buf.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { h: buf.readUInt16BE(i + 5), w: buf.readUInt16BE(i + 7) };
    }
    i += 2 + len;
  }
  return null;
}

function watchSocket(page) {
  const seen = { frames: 0, badFrames: [], pcm: 0, levels: 0, badLevels: [], text: [], received: [], urls: [] };
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/ws/exam/')) return;
    seen.urls.push(ws.url());
    ws.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') {
        try { seen.text.push({ at: Date.now(), ...JSON.parse(payload) }); } catch { /* not ours */ }
        return;
      }
      const b = Buffer.from(payload);
      if (b[0] === 0x01) {
        seen.frames += 1;
        const size = jpegSize(b, 1);
        if (b[1] !== 0xff || b[2] !== 0xd8 || !size || size.w > 640 || size.h > 480) seen.badFrames.push(size);
        seen.lastFrame = size;
      } else if (b[0] === 0x02) {
        seen.pcm += 1;
      } else if (b[0] === 0x03) {
        // Audio levels: uint16 window_ms, then one byte (−dBFS×2) a window.
        seen.levels += 1;
        const n = b.length - 3;
        if (b.length < 4 || n > 64 || b.readUInt16LE(1) !== 250) seen.badLevels.push({ len: b.length, window: b.length >= 3 ? b.readUInt16LE(1) : null });
      }
    });
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string') return;
      try { seen.received.push({ at: Date.now(), ...JSON.parse(payload) }); } catch { /* ignore */ }
    });
  });
  return seen;
}

// ---- the page ---------------------------------------------------------------


async function main() {
  log(`work dir ${work}`);
  const fx = fixtures();
  log('fixtures ready');
  const server = await startServer();
  log(`server at ${server.url}`);
  let browser;
  try {
    const s = await seed(server.url, fx.photo);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: false, // the new headless mode is asked for in args
      args: ['--headless=new', '--no-sandbox', '--disable-gpu',
        '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${fx.y4m}`, `--use-file-for-fake-audio-capture=${fx.wav}`,
        '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    await context.grantPermissions(['camera', 'microphone'], { origin: server.url });
    // The first request for the devices is refused, as a candidate who clicks "Block" would.
    await context.addInitScript(() => {
      const md = navigator.mediaDevices;
      const real = md.getUserMedia.bind(md);
      let refused = false;
      md.getUserMedia = (c) => {
        if (!refused) { refused = true; return Promise.reject(new DOMException('Permission denied', 'NotAllowedError')); }
        return real(c);
      };
    });
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    const ws = watchSocket(page);

    // 1. Sign in, the list of sittings.
    await page.goto(`${server.url}/`);
    must(await visible(page, '#screen-login'), 'login screen shown');
    await shot(page, 'login');
    await page.fill('#login', 'cand1');
    await page.fill('#password', 'cand-secret-1');
    await page.click('#login-form button[type=submit]');
    must(await visible(page, '#sittings .card'), 'the sitting is listed');
    await shot(page, 'sittings');
    await page.click('#sittings .card button');

    // 2a. Camera and microphone: refused first, with help, then Retry.
    must(await visible(page, '#screen-check'), 'the checks before the exam are shown');
    expect(await visible(page, '#check-devices'), 'step 1: camera and microphone');
    await shot(page, 'devices');
    await page.click('#devices-allow');
    must(await visible(page, '#devices-help'), 'refused camera: help is shown');
    expect(/refused/i.test(await text(page, '#devices-help-title')), `help title says access was refused: "${await text(page, '#devices-help-title')}"`);
    expect((await page.locator('#devices-help-browsers dt').count()) === 3, 'help covers Chrome, Firefox and Safari');
    expect(await visible(page, '#devices-retry'), 'Retry button shown');
    await shot(page, 'camera-refused');
    await page.selectOption('#lang', 'kk');
    await shot(page, 'camera-refused-kk');
    expect(/рұқсат/i.test(await text(page, '#devices-help-title')), 'the help is translated (Kazakh)');
    await page.selectOption('#lang', 'en');
    await page.click('#devices-retry');

    // 2b. Self-view and identity check.
    must(await visible(page, '#check-identity'), 'step 2: identity check with self-view');
    await page.waitForFunction(() => document.querySelector('#selfview')?.videoWidth > 0, null, { timeout: 10000 });
    const dims = await page.evaluate(() => [document.querySelector('#selfview').videoWidth, document.querySelector('#selfview').videoHeight]);
    expect(dims[0] === 640 && dims[1] === 480, `camera gives 640×480 (got ${dims.join('×')})`);
    await page.waitForFunction(() => document.querySelector('#mic-level')?.value > 0, null, { timeout: 5000 }).catch(() => {});
    expect(await page.evaluate(() => document.querySelector('#mic-level').value > 0), 'microphone level meter moves');
    await sleep(800);
    await shot(page, 'identity-check');
    const cameraOpenAt = Date.now(); // ~ when the fake camera started its file

    // 2c. Start; the server asks for the room scan.
    await page.click('#check-start');
    must(await visible(page, '#screen-exam'), 'exam screen shown');
    must(await visible(page, '#q-title', 15000), 'the paper arrived');
    expect(await visible(page, '#proctor video'), 'camera preview in the corner');
    const scanAsked = await visible(page, '#dlg-scan', 15000);
    expect(scanAsked, 'server sent room_scan: the scan overlay is shown');
    if (scanAsked) {
      expect(ws.received.some((m) => m.type === 'room_scan'), 'room_scan message received');
      await page.waitForFunction(() => document.querySelector('#scan-video')?.videoWidth > 0, null, { timeout: 5000 }).catch(() => {});
      await sleep(500);
      await shot(page, 'room-scan-ready');
      await page.click('#scan-go');
      await sleep(7000);
      await shot(page, 'room-scan-running');
      const count = Number(await text(page, '#scan-count'));
      expect(count >= 10 && count <= 15, `countdown running (${count} s left after 7 s)`);
      const offset = Number(await page.getAttribute('#scan-ring', 'stroke-dashoffset'));
      expect(offset > 100 && offset < 250, `progress ring partly drawn (dashoffset ${offset.toFixed(0)} of 339)`);
      await page.locator('#dlg-scan[data-phase="done"]').waitFor({ timeout: 20000 });
      await shot(page, 'room-scan-done');
      const begin = ws.text.find((m) => m.type === 'room_scan' && m.state === 'begin');
      const end = ws.text.find((m) => m.type === 'room_scan' && m.state === 'end');
      expect(begin && end && end.at - begin.at >= 19000, `room_scan begin … end sent, ${end && begin ? (end.at - begin.at) / 1000 : '?'} s apart`);
      await page.click('#scan-go');
      expect(await page.locator('#dlg-scan').evaluate((d) => !d.open), 'overlay closed, questions available');
    }

    // 3. Answers, each confirmed "Saved".
    for (let n = 1; n <= 5; n++) {
      await page.locator('#q-options label.option').first().click();
      const saved = await page.locator('#q-save.saved').waitFor({ timeout: 10000 }).then(() => true, () => false);
      expect(saved, `answer ${n}: "${await text(page, '#q-save')}"`);
      if (n === 3) await shot(page, 'answered');
      if (n < 5) await page.click('#next');
    }
    expect(ws.frames >= 5, `camera frames sent: ${ws.frames}`);
    // The socket opens with a one-time ticket: the bearer token never travels in its URL.
    expect(ws.urls.length > 0 && ws.urls.every((u) => /[?&]ticket=[\w-]+/.test(u) && !/[?&]token=/.test(u)),
      `the exam socket opens with a ticket, never the token (${ws.urls.map((u) => u.replace(/=[\w-]+/g, '=…')).join(', ')})`);
    expect(ws.badFrames.length === 0, `every frame is 0x01 + a JPEG of at most 640×480 (last ${JSON.stringify(ws.lastFrame)})`);
    // Answers first (issue 10): the microphone goes as levels, 250 ms windows, never as raw PCM.
    expect(ws.levels >= 5, `audio level messages sent: ${ws.levels}`);
    expect(ws.badLevels.length === 0, `every level message is 0x03 + window 250 ms + 1…64 levels (${JSON.stringify(ws.badLevels.slice(0, 3))})`);
    expect(ws.pcm === 0, `no raw 16 kHz PCM on the socket (${ws.pcm} sent)`);

    // Identity: the server compares the camera with the ID photo.
    const idState = await page.waitForFunction(() => {
      const c = document.querySelector('#identity-badge')?.className ?? '';
      return /identity-(confirmed|not_confirmed|no_photo)/.exec(c)?.[1];
    }, null, { timeout: 20000 }).then((h) => h.jsonValue(), () => null);
    expect(idState === 'confirmed', `identity state shown: ${idState ?? 'none received'} (expected confirmed)`);
    await shot(page, 'identity-state');

    // Tab switch: focus lost, then back. Playwright keeps every page visible
    // (focus emulation), so the page is told so the way the browser would.
    const setHidden = (hidden) => page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
    await setHidden(true);
    await sleep(1000);
    await setHidden(false);
    await sleep(500);
    const focus = ws.text.filter((m) => m.type === 'focus').map((m) => m.state);
    expect(focus.includes('lost') && focus.includes('back'), `focus lost/back sent on a tab switch (${focus.join(', ') || 'none'})`);

    // 4. The second person appears (~40 s after the camera opened): a warning.
    const wait = Math.max(0, cameraOpenAt + ONE_FACE_S * 1000 - Date.now());
    log(`two faces on camera in ~${(wait / 1000).toFixed(0)} s`);
    const warned = await visible(page, '#dlg-warning', wait + 40000);
    expect(warned, 'warning shown after the second face appeared');
    if (warned) {
      const w = ws.received.find((m) => m.type === 'warning');
      expect(w?.violation === 'multiple_faces', `warning is multiple_faces (got ${JSON.stringify(w)})`);
      const v = await text(page, '#w-violation');
      expect(/more than one person/.test(v), `the violation is translated: "${v}"`);
      expect(/Strike 1 of 2/.test(await text(page, '#w-strike')), 'strike 1 of 2');
      await shot(page, 'warning');
      await page.click('#dlg-warning button[value=ack]');

      // The commission asks for another room scan (during the cooldown after strike 1).
      const again = await http(server.url, 'POST', `/api/sessions/${s.session}/room-scan`, { token: s.token, json: {} });
      expect(again.status === 202, `POST /api/sessions/${s.session}/room-scan → 202 (got ${again.status})`);
      const rescan = await visible(page, '#dlg-scan', 10000);
      expect(rescan, 'scan overlay shown again at the commission\'s request');
      if (rescan) {
        expect(/commission/.test(await text(page, '#scan-reason')), `reason shown: "${await text(page, '#scan-reason')}"`);
        await page.waitForFunction(() => document.querySelector('#scan-video')?.videoWidth > 0, null, { timeout: 5000 }).catch(() => {});
        await sleep(300);
        await shot(page, 'room-scan-commission');
        const before = ws.text.filter((m) => m.type === 'room_scan').length;
        await page.click('#scan-go');
        await page.locator('#dlg-scan[data-phase="done"]').waitFor({ timeout: 25000 });
        await page.click('#scan-go');
        const sent = ws.text.filter((m) => m.type === 'room_scan').slice(before).map((m) => m.state);
        expect(sent.join() === 'begin,end', `second scan sent begin, end (${sent.join()})`);
      }

      // 5. The second person stays: terminated, then the result.
      const ended = await visible(page, '#screen-result', 60000);
      expect(ended, 'second violation: the result screen is shown');
      if (ended) {
        expect(ws.received.some((m) => m.type === 'terminated'), 'terminated message received');
        expect(/ended/.test(await text(page, '#result-body')), `termination shown: "${await text(page, '#result-body .alert')}"`);
        expect(await page.locator('#proctor').isHidden(), 'camera preview gone after the end');
        await shot(page, 'result');
      }
    }

    const st = await http(server.url, 'GET', `/api/sessions/${s.session}`, { token: s.token });
    log(`session: ${JSON.stringify(st.data)}`);
    const ev = await http(server.url, 'GET', `/api/sessions/${s.session}/events`, { token: s.token });
    if (ev.status === 200 && Array.isArray(ev.data)) log(`events: ${ev.data.map((e) => `${e.kind}${e.violation ? '!' : ''}`).join(' ')}`);
    else log(`events: ${ev.status} ${JSON.stringify(ev.data)}`);
    const rec = await http(server.url, 'GET', `/api/sessions/${s.session}/recording`, { token: s.token });
    if (rec.status === 200) {
      const parts = {};
      for (const f of rec.data.frames ?? []) parts[f.part] = (parts[f.part] ?? 0) + 1;
      expect((parts.room_scan ?? 0) > 0, `recording has room_scan frames (${JSON.stringify(parts)}, audio ${rec.data.audio?.length ?? 0})`);
    } else {
      expect(false, `GET /api/sessions/${s.session}/recording (got ${rec.status})`);
    }
    const unexpected = consoleErrors.filter((e) => !/Permission denied|ERR_|Failed to load resource/.test(e));
    expect(unexpected.length === 0, `no errors in the page's console (${unexpected.slice(0, 3).join(' | ')})`);
  } catch (e) {
    recordError(e);
  } finally {
    await shutdown(browser, server);
  }
}

await runTest(main, { work, outDir, shots });
