// Browser test of issue 10's "nothing disappears silently": a 1-minute paper
// whose deadline passes while the page is offline (playwright's
// context.setOffline), then the link comes back.
//
// Seeds a programme with a 1-minute paper, a candidate and a sitting in a
// centre (mode offline: no camera, the page goes straight to the paper), and
// drives Debian's chromium: three answers "Saved", the link drops, two more
// answers given offline (the banner says how many wait to be sent, never
// that they are saved, and warns that unsaved answers will not count), the
// deadline passes offline, the link returns: the result lists the two answers
// that did not count, by question, in English, Russian and Kazakh, and the
// sitting's events keep them as `late_answer` with their arrival time.
// Screenshots of every step go to $OUT_DIR; their paths are printed.
//
//   TANU_BIN=build/server/tanu node tests/browser/late_answers.mjs
//
// Env: TANU_BIN (required), OUT_DIR, CHROMIUM (default /usr/bin/chromium),
// KEEP=1 keeps the temp dir (server log). Exits 1 on any failure.
import { chromium } from 'playwright-core';
import {
  CHROMIUM, log, expect, must, sleep, startServer, recordError, shutdown, runTest, http, someIin, visible,
  setUp, text, adminToken,
} from './lib.mjs';

const { work, outDir, shots, shot: screenshot } = setUp('late', 'late-');

async function seed(base) {
  const token = await adminToken(base);
  const prog = await http(base, 'POST', '/api/programmes', { token, json: {
    code: 'LATE-1', profession: 'Электросварщик', oked: '25110', nkz: '72120001', nqf_level: 3,
    languages: ['kk', 'ru'], attempts: 2,
    theory: { questions: 5, minutes: 1, pass_percent: 70, pass_rule: 'above' },
  } });
  must(prog.status === 201, `programme with a 1-minute paper created (got ${prog.status} ${JSON.stringify(prog.data)})`);
  const questions = Array.from({ length: 5 }, (_, i) => ({
    id: `q${i + 1}`, lang: 'ru', topic: 'safety',
    text: `Вопрос ${i + 1}. Какое средство защиты обязательно при сварке?`,
    options: ['Сварочная маска', 'Солнцезащитные очки', 'Бейсболка', 'Ничего не нужно'],
    correct: [0],
  }));
  const imp = await http(base, 'POST', '/api/programmes/LATE-1/questions', { token, json: questions });
  must(imp.status === 200 && imp.data.imported === 5, `5 questions imported (got ${imp.status})`);
  const cand = await http(base, 'POST', '/api/candidates', { token, json: {
    iin: someIin('9005154'), full_name: 'Коллинз Айлин', birth_date: '1990-05-15', email: 'c1@example.kz',
    phone: '+77010000001', login: 'cand1', password: 'cand-secret-1',
  } });
  must(cand.status === 201, `candidate created (got ${cand.status})`);
  const ses = await http(base, 'POST', '/api/sessions', { token, json: {
    candidate: cand.data.id, programme: 'LATE-1', lang: 'ru', mode: 'offline',
  } });
  must(ses.status === 201, `sitting created (got ${ses.status} ${JSON.stringify(ses.data)})`);
  return { token, session: ses.data.id };
}

const shot = (page, name) => screenshot(page, name, { fullPage: true });

async function answer(page, n) {
  await page.click(`#qgrid button[data-n="${n}"]`);
  await page.locator('#q-options label.option').first().click();
}

async function main() {
  log(`work dir ${work}`);
  // The page offline across the deadline, with the clock running while he is away
  // (scheduling.connection_limit_s 0). With the default the server gives the time
  // away back on his return (X6, seed 002 p.11: tests/integration/test_interruption.cpp).
  const server = await startServer(work, { scheduling: { connection_limit_s: 0 } });
  log(`server at ${server.url}`);
  let browser;
  try {
    const s = await seed(server.url);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: false, // the new headless mode is asked for in args
      args: ['--headless=new', '--no-sandbox', '--disable-gpu',
        '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    const sent = [];
    page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') { try { sent.push(JSON.parse(payload)); } catch { /* ignore */ } }
    }));

    await page.goto(`${server.url}/`);
    must(await visible(page, '#screen-login'), 'login screen shown');
    await page.fill('#login', 'cand1');
    await page.fill('#password', 'cand-secret-1');
    await page.click('#login-form button[type=submit]');
    must(await visible(page, '#sittings .card'), 'the sitting is listed');
    await page.click('#sittings .card button');
    must(await visible(page, '#q-title', 15000), 'the paper arrived');
    const startedAt = Date.now();

    // 1. Three answers, each "Saved".
    for (const n of [1, 2, 3]) {
      await answer(page, n);
      const saved = await page.locator('#q-save.saved').waitFor({ timeout: 10000 }).then(() => true, () => false);
      expect(saved, `answer ${n}: "${await text(page, '#q-save')}"`);
    }

    // 2. The link drops; the banner says what is true.
    await context.setOffline(true);
    must(await visible(page, '#banner', 5000), 'offline banner shown');
    const idle = await text(page, '#banner-text');
    expect(/offline/i.test(idle) && /marked “Saved” are on the server/.test(idle),
      `offline, nothing pending: "${idle}"`);
    await answer(page, 4);
    await answer(page, 5);
    await sleep(300);
    const pending = await text(page, '#banner-text');
    expect(/waiting to be sent: 2/.test(pending), `the banner counts the answers waiting: "${pending}"`);
    expect(!/answers are (saved|kept)/i.test(pending), 'the banner does not say they are saved');
    expect(/Less than 2 minutes left: answers not saved before the time is over will not count/.test(pending),
      'the banner warns that answers not saved before the time is over will not count');
    expect(/Not saved yet/.test(await text(page, '#q-save')), `the question says so too: "${await text(page, '#q-save')}"`);
    await shot(page, 'offline-two-waiting');
    await page.selectOption('#lang', 'ru');
    await sleep(200);
    const ru = await text(page, '#banner-text');
    expect(/ожидающие отправки: 2/.test(ru) && /не будут засчитаны/.test(ru), `the banner in Russian: "${ru}"`);
    // A message already shown follows the language too (the 5-minute toast of a 1-minute paper).
    const toasts = await page.$$eval('#toasts .toast span', (els) => els.map((e) => e.textContent));
    expect(toasts.length > 0 && toasts.every((x) => !/[A-Za-z]{4,}/.test(x)), `the toasts in Russian: ${JSON.stringify(toasts)}`);
    await shot(page, 'offline-two-waiting-ru');
    await page.selectOption('#lang', 'en');

    // 3. The deadline passes offline (the server's sweep ends the attempt).
    const left = Math.max(0, startedAt + 60000 - Date.now());
    log(`deadline in ~${(left / 1000).toFixed(0)} s, offline`);
    await page.waitForFunction(() => document.querySelector('#clock')?.textContent === '00:00', null, { timeout: left + 15000 });
    await sleep(3000);
    const up = await text(page, '#banner-text');
    expect(/The time is over: answers the server did not save before it do not count/.test(up), `after the time, offline: "${up}"`);
    await shot(page, 'offline-time-over');

    // 4. The link returns: the result lists the two answers that did not count.
    await context.setOffline(false);
    must(await visible(page, '#screen-result', 30000), 'the result screen is shown once the link returns');
    must(await visible(page, '#late-list li', 10000), 'the answers that did not count are listed');
    const items = await page.locator('#late-list li').evaluateAll((li) => li.map((e) => [Number(e.dataset.n), e.textContent]));
    log(`listed: ${JSON.stringify(items)}`);
    expect(items.length === 2 && items[0][0] === 4 && items[1][0] === 5, `questions 4 and 5 listed (${items.map((i) => i[0])})`);
    expect(items.every(([, tx]) => /reached the server at \d\d:\d\d:\d\d, after the time was over/.test(tx)),
      'each reached the server after the time (the server lists them as late)');
    expect(/Answers that did not count: 2/.test(await text(page, '#late-title')), `heading: "${await text(page, '#late-title')}"`);
    const resent = sent.filter((m) => m.type === 'answer' && (m.n === 4 || m.n === 5));
    expect(resent.length >= 2 && sent.some((m) => m.type === 'finish'), 'the held answers were sent, then the result asked again');
    await shot(page, 'result-late-en');
    await page.selectOption('#lang', 'ru');
    await sleep(200);
    expect(/Не засчитанные ответы: 2/.test(await text(page, '#late-title')), `in Russian: "${await text(page, '#late-title')}"`);
    await shot(page, 'result-late-ru');
    await page.selectOption('#lang', 'kk');
    await sleep(200);
    expect(/Есептелмеген жауаптар: 2/.test(await text(page, '#late-title')), `in Kazakh: "${await text(page, '#late-title')}"`);
    await shot(page, 'result-late-kk');

    // 5. The commission sees them in the sitting's events; they did not count.
    const ev = await http(server.url, 'GET', `/api/sessions/${s.session}/events`, { token: s.token });
    must(ev.status === 200, `GET /api/sessions/${s.session}/events (got ${ev.status})`);
    const late = ev.data.filter((e) => e.kind === 'late_answer');
    log(`late_answer events: ${JSON.stringify(late.map((e) => [e.t_ms, e.detail]))}`);
    expect(late.length === 2 && /^question 4: /.test(late[0].detail) && /^question 5: /.test(late[1].detail),
      'two late_answer events, questions 4 and 5');
    const st = await http(server.url, 'GET', `/api/sessions/${s.session}`, { token: s.token });
    log(`session: ${JSON.stringify(st.data)}`);
    expect(st.data.finish_reason === 'time_over' && st.data.correct <= 3, `not counted (correct ${st.data.correct} of ${st.data.total})`);
    const unexpected = consoleErrors.filter((e) => !/ERR_|Failed to load resource/.test(e));
    expect(unexpected.length === 0, `no errors in the page's console (${unexpected.slice(0, 3).join(' | ')})`);
  } catch (e) {
    recordError(e);
  } finally {
    await shutdown(browser, server);
  }
}

await runTest(main, { work, outDir, shots });
