// Browser test of the page a candidate expects (issue 10): the device check
// any day before the exam (from the sign-in screen, fake camera and
// microphone, the connection test's verdict), the exam card's details in
// Russian and Kazakh, flags for review that survive a reload, the review
// before handing in (unanswered and flagged questions, links back), handing
// in from the review, and on a phone (390×844) the camera preview clear of
// "Next" and of every option, with "Next" moving the focus to the new
// question's title in view. Screenshots on a desktop and a phone, in ru and kk.
//
//   TANU_BIN=build/server/tanu OUT_DIR=/tmp/shots node tests/browser/candidate_page.mjs
//
// Env: TANU_BIN (required), OUT_DIR, CHROMIUM, KEEP=1. Exits 1 on any failure.
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, log, expect, must, sleep, startServer, recordError, shutdown, runTest, http, someIin, visible,
  setUp, text, adminToken,
} from './lib.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const PY = '/usr/bin/python3';
const QUESTIONS = 6;
const { work, outDir, shots, shot } = setUp('candidate_page', 'cand-');

function fixtures() {
  const img = join(work, 'img');
  execFileSync(PY, [join(HERE, 'make_camera.py'), img], { stdio: 'inherit' });
  const y4m = join(work, 'camera.y4m');
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-loop', '1', '-framerate', '2', '-t', '240',
    '-i', join(img, 'one_face.png'), '-vf', 'format=yuv420p', '-f', 'yuv4mpegpipe', y4m], { stdio: 'inherit' });
  const wav = join(work, 'voice.wav');
  // A tone loud enough to move the level meter.
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi',
    '-i', 'sine=frequency=440:sample_rate=48000:duration=30', '-af', 'volume=0.5', '-ac', '1', '-c:a', 'pcm_s16le', wav],
  { stdio: 'inherit' });
  return { y4m, wav };
}

async function seed(base) {
  const token = await adminToken(base);
  const prog = await http(base, 'POST', '/api/programmes', { token, json: {
    code: 'WELDER-4', profession: 'Электросварщик', oked: '25110', nkz: '72120001', nqf_level: 4,
    languages: ['kk', 'ru'], attempts: 3,
    theory: { questions: QUESTIONS, minutes: 30, pass_percent: 75, pass_rule: 'at_least' },
    practical: [{ id: 'p1', text: { kk: 'Дәнекерлеу', ru: 'Сварка' }, mandatory: true }],
  } });
  must(prog.status === 201, `programme created (got ${prog.status} ${JSON.stringify(prog.data)})`);
  const questions = Array.from({ length: QUESTIONS }, (_, i) => ({
    id: `q${i + 1}`, lang: 'ru', topic: 'safety',
    text: `Вопрос ${i + 1}. Какое средство защиты обязательно при сварке? Выберите один вариант из четырёх.`,
    options: ['Сварочная маска с затемнённым стеклом', 'Солнцезащитные очки', 'Бейсболка', 'Ничего не нужно'],
    correct: [0],
  }));
  const imp = await http(base, 'POST', '/api/programmes/WELDER-4/questions', { token, json: questions });
  must(imp.status === 200, `questions imported (got ${imp.status})`);
  const cand = await http(base, 'POST', '/api/candidates', { token, json: {
    iin: someIin('9005154'), full_name: 'Коллинз Айлин', birth_date: '1990-05-15', email: 'c1@example.kz',
    phone: '+77010000001', login: 'cand1', password: 'cand-secret-1',
  } });
  must(cand.status === 201, `candidate created (got ${cand.status})`);
  const ses = await http(base, 'POST', '/api/sessions', { token, json: { candidate: cand.data.id, programme: 'WELDER-4', lang: 'ru', mode: 'online' } });
  must(ses.status === 201, `online sitting created (got ${ses.status})`);
  return { token, session: ses.data.id };
}

const box = (page, sel) => page.locator(sel).first().boundingBox();
const overlaps = (a, b) => Boolean(a && b) && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The room scan the server asks for at the start (20 s), when it shows. */
async function roomScan(page, wait = 15000) {
  if (!(await visible(page, '#dlg-scan', wait))) return false;
  await page.click('#scan-go');
  await page.locator('#dlg-scan[data-phase="done"]').waitFor({ timeout: 40000 });
  await page.click('#scan-go');
  return true;
}

/** From the checks before the exam to the paper: allow the devices, start, the room scan. */
async function throughChecks(page, scanAsked = true) {
  must(await visible(page, '#screen-check'), 'the checks before the exam');
  await page.click('#devices-allow');
  must(await visible(page, '#check-identity'), 'the identity step');
  await page.click('#check-start');
  must(await visible(page, '#q-title', 15000), 'the paper arrived');
  const scanned = await roomScan(page, scanAsked ? 15000 : 3000);
  if (scanAsked) expect(scanned, 'the room scan asked for at the start was done');
}

async function main() {
  log(`work dir ${work}`);
  const fx = fixtures();
  const server = await startServer(work);
  log(`server at ${server.url}`);
  let browser;
  try {
    const s = await seed(server.url);
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: false,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu',
        '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${fx.y4m}`, `--use-file-for-fake-audio-capture=${fx.wav}`,
        '--autoplay-policy=no-user-gesture-required',
        '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'ru-RU' });
    await context.grantPermissions(['camera', 'microphone'], { origin: server.url });
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    // The exam page asks before leaving (beforeunload): the reload below says yes.
    page.on('dialog', (d) => d.accept().catch(() => {}));
    const sent = [];
    page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') { try { sent.push(JSON.parse(payload)); } catch { /* not ours */ } }
    }));

    // 1. The device check from the sign-in screen, before any sitting.
    await page.goto(`${server.url}/`);
    must(await visible(page, '#screen-login'), 'login screen shown');
    await page.click('.devcheck-link a');
    must(await visible(page, '#screen-devcheck'), 'the device check opens from the sign-in screen (#check)');
    expect(page.url().endsWith('#check'), `its address is index.html#check (${page.url()})`);
    expect((await page.locator('#dc-browser li.ok').count()) === 4, 'browser support: all four needs met');
    await page.click('#dc-allow');
    must(await visible(page, '#dc-live'), 'camera preview shown');
    await page.waitForFunction(() => document.querySelector('#dc-video')?.videoWidth > 0, null, { timeout: 10000 }).catch(() => {});
    expect(await page.evaluate(() => document.querySelector('#dc-video').videoWidth > 0), 'the preview plays the camera');
    const moved = await page.waitForFunction(() => document.querySelector('#dc-mic')?.value > 0.05, null, { timeout: 8000 })
      .then(() => true, () => false);
    expect(moved, 'the microphone level meter moves');
    const verdictShown = await page.locator('#dc-verdict[data-verdict]').waitFor({ timeout: 30000 }).then(() => true, () => false);
    must(verdictShown, 'the connection test ends with a verdict');
    const verdict = await page.getAttribute('#dc-verdict', 'data-verdict');
    expect(verdict === 'good', `loopback is enough for the online exam (verdict ${verdict})`);
    const ru = await text(page, '#dc-verdict');
    expect(/достаточно/.test(ru), `the verdict in Russian: "${ru}"`);
    expect((await page.locator('#dc-net dd').count()) === 3, 'round trip, upload and download shown');
    expect(/мс/.test(await text(page, '#dc-net')) && /кбит\/с/.test(await text(page, '#dc-net')), `figures with units: "${await text(page, '#dc-net')}"`);
    await sleep(300);
    await shot(page, 'devcheck-desktop-ru');
    await page.selectOption('#lang', 'kk');
    const kk = await text(page, '#dc-verdict');
    expect(/жеткілікті/.test(kk), `the verdict in Kazakh: "${kk}"`);
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'devcheck-phone-kk', { fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.selectOption('#lang', 'ru');
    await page.click('#dc-back');
    must(await visible(page, '#screen-login'), 'back to the sign-in screen');
    expect(!page.url().includes('#check'), 'the address has no #check any more');

    // 2. Sign in: the exam card.
    await page.fill('#login', 'cand1');
    await page.fill('#password', 'cand-secret-1');
    await page.click('#login-form button[type=submit]');
    must(await visible(page, '#sittings .card'), 'the sitting is listed');
    const card = async () => text(page, '#sittings .card');
    let c = await card();
    for (const [what, re] of [['profession', /Электросварщик/], ['programme code', /WELDER-4/], ['date', /\d\d\.\d\d\.\d{4}/],
      ['duration', /30 мин\./], ['questions', /Количество вопросов\s*6/], ['pass mark', /не менее 75 %/],
      ['language', /Русский/], ['attempt', /1 из 3/], ['proctoring', /онлайн, с камерой/]]) {
      expect(re.test(c), `card (ru): ${what} ${re}`);
    }
    await shot(page, 'card-desktop-ru');
    await page.selectOption('#lang', 'kk');
    c = await card();
    for (const [what, re] of [['duration', /30 минут/], ['questions', /Сұрақтар саны\s*6/], ['pass mark', /кемінде 75 %/],
      ['attempt', /1 \(барлығы 3\)/], ['proctoring', /онлайн, камера/], ['when', /кез келген уақытта/]]) {
      expect(re.test(c), `card (kk): ${what} ${re}`);
    }
    await shot(page, 'card-desktop-kk');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'card-phone-kk', { fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.selectOption('#lang', 'ru');
    // The card's own way to the device check.
    await page.click('#sittings .card .devcheck-btn');
    expect(await visible(page, '#screen-devcheck'), 'the card opens the device check');
    await page.click('#dc-back');
    must(await visible(page, '#sittings .card'), 'back to my exams');

    // 3. The exam: answers to 1..5, flags on 2 and 4, 6 left unanswered.
    await page.click('#sittings .card button');
    await throughChecks(page);
    for (let n = 1; n <= 5; n++) {
      await page.locator('#q-options label.option').first().click();
      await page.locator('#q-save.saved').waitFor({ timeout: 10000 }).catch(() => {});
      if (n === 2 || n === 4) {
        await page.click('#q-flag');
        expect(await page.getAttribute('#q-flag', 'aria-pressed') === 'true', `question ${n} flagged (aria-pressed)`);
      }
      await page.click('#next');
    }
    const flaggedNav = await page.locator('#qgrid button.flagged').evaluateAll((bs) => bs.map((b) => b.dataset.n));
    expect(flaggedNav.join() === '2,4', `the navigator marks 2 and 4 as flagged (${flaggedNav.join()})`);
    expect(/отмечен/.test(await page.getAttribute('#qgrid button[data-n="2"]', 'aria-label')), 'the flag is in the button\'s name');
    // Keyboard: the flag toggles with Enter on the focused button.
    await page.focus('#q-flag');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#q-flag', 'aria-pressed') === 'true', 'Enter flags question 6');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('#q-flag', 'aria-pressed') === 'false', 'Enter unflags it again');
    await shot(page, 'exam-desktop-ru');
    await page.selectOption('#lang', 'kk');
    await shot(page, 'exam-desktop-kk');
    await page.selectOption('#lang', 'ru');

    // The flags survive a reload (sessionStorage), and they never went to the server.
    await page.reload();
    await throughChecks(page, false).catch(recordError);
    const afterReload = await page.locator('#qgrid button.flagged').evaluateAll((bs) => bs.map((b) => b.dataset.n));
    expect(afterReload.join() === '2,4', `flags after a reload: ${afterReload.join()}`);
    expect(!sent.some((m) => JSON.stringify(m).includes('flag')), 'no flag was sent over the socket');

    // 4. A phone: the preview is clear of Next and the options; Next moves the focus.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('#qgrid button[data-n="1"]');
    await sleep(300);
    // A control scrolled up under the sticky bar has left the screen (like
    // under any sticky header); every control on the screen must be clear.
    const clear = async (where, mustShow) => {
      const cam = await box(page, '#proctor');
      must(cam, 'the camera preview shows on the phone');
      const barBottom = (await box(page, '.exam-bar')).y + (await box(page, '.exam-bar')).height;
      const controls = ['#next', '#prev', '#q-flag', '#q-title', ...Array.from({ length: 4 }, (_, i) => `#q-options label.option >> nth=${i}`)];
      for (const sel of controls) {
        const b = await page.locator(sel).first().boundingBox();
        const onScreen = b && b.y + b.height > barBottom && b.y < 844;
        if (mustShow.includes(sel)) expect(onScreen && b.y >= barBottom - 1, `${where}: ${sel} on the screen below the bar`);
        if (onScreen) expect(!overlaps(cam, b), `${where}: the preview does not cover ${sel}`);
      }
      for (const sel of ['#finish', '.clock-box']) expect(!overlaps(cam, await box(page, sel)), `${where}: the preview does not cover ${sel}`);
    };
    await clear('top of question 1', ['#q-title', '#q-flag', '#q-options label.option >> nth=0']);
    await page.locator('#next').scrollIntoViewIfNeeded();
    await clear('scrolled to Next', ['#next', '#q-options label.option >> nth=3']);
    await shot(page, 'exam-phone-ru');
    await page.click('#next');
    await sleep(300);
    const focus = await page.evaluate(() => {
      const t = document.querySelector('#q-title');
      const r = t.getBoundingClientRect();
      const bar = document.querySelector('.exam-bar').getBoundingClientRect();
      return { focused: document.activeElement === t, text: t.textContent, top: r.top, bottom: r.bottom, barBottom: bar.bottom, h: innerHeight };
    });
    expect(focus.focused && /Вопрос 2 из 6/.test(focus.text), `after Next the title "${focus.text}" has the focus`);
    expect(focus.top >= focus.barBottom - 1 && focus.bottom <= focus.h, `the title is in view below the bar (${JSON.stringify(focus)})`);
    await page.waitForFunction(() => /Вопрос 2 из 6/.test(document.querySelector('#q-announce').textContent), null, { timeout: 3000 }).catch(() => {});
    expect(/Вопрос 2 из 6/.test(await text(page, '#q-announce')), 'the live region announces "Вопрос 2 из 6"');
    await page.selectOption('#lang', 'kk');
    await shot(page, 'exam-phone-kk');
    await page.selectOption('#lang', 'ru');

    // 5. The review: unanswered 6, flagged 2 and 4, the time left; back to 4 from it.
    await page.click('#finish');
    must(await visible(page, '#review'), 'Finish opens the review');
    const unanswered = await page.locator('#review-unanswered button').evaluateAll((bs) => bs.map((b) => b.dataset.n));
    const flagged = await page.locator('#review-flagged button').evaluateAll((bs) => bs.map((b) => b.dataset.n));
    expect(unanswered.join() === '6', `the review lists question 6 as unanswered (${unanswered.join()})`);
    expect(flagged.join() === '2,4', `the review lists 2 and 4 as flagged (${flagged.join()})`);
    expect(/Осталось времени: \d\d:\d\d/.test(await text(page, '#review-time')), `time left: "${await text(page, '#review-time')}"`);
    expect(/сохранены/.test(await text(page, '#review-pending')), `nothing unsaved: "${await text(page, '#review-pending')}"`);
    await shot(page, 'review-phone-ru', { fullPage: true });
    await page.selectOption('#lang', 'kk');
    expect(/Қалған уақыт/.test(await text(page, '#review-time')), 'the review in Kazakh');
    await shot(page, 'review-phone-kk', { fullPage: true });
    await page.selectOption('#lang', 'ru');
    await page.click('#review-flagged button[data-n="4"]');
    expect(await visible(page, '#exam-body'), 'back to the paper from the review');
    expect(/Вопрос 4 из 6/.test(await text(page, '#q-title')), `at question 4: "${await text(page, '#q-title')}"`);
    expect(await page.evaluate(() => document.activeElement?.id === 'q-title'), 'its title has the focus');
    await page.click('#finish');
    await page.click('#review-back');
    expect(await visible(page, '#exam-body'), '"Back to the paper" returns');
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.click('#finish');
    await shot(page, 'review-desktop-ru');

    // 6. Hand in from the review (the confirmation kept).
    await page.click('#review-handin');
    must(await visible(page, '#dlg-finish'), 'Hand in asks for the confirmation');
    await page.click('#dlg-finish button[value=finish]');
    must(await visible(page, '#screen-result', 20000), 'the paper is handed in: the result');
    expect(sent.some((m) => m.type === 'finish'), 'finish was sent');
    expect(/из 6/.test(await text(page, '#result-body')), `the result: "${await text(page, '#result-body .score')}"`);
    await shot(page, 'result-desktop-ru');
    const flagsLeft = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('tanu.flags.')));
    expect(flagsLeft.length === 0, `the flags are forgotten with the sitting (${flagsLeft.join()})`);

    const unexpected = consoleErrors.filter((e) => !/ERR_|Failed to load resource/.test(e));
    expect(unexpected.length === 0, `no errors in the page's console (${unexpected.slice(0, 3).join(' | ')})`);
  } catch (e) {
    recordError(e);
  } finally {
    await shutdown(browser, server);
  }
}

await runTest(main, { work, outDir, shots });
