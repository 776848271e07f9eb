// Browser test of the offline procedure's screen (issue 11, W7; seed 002 p.10,
// p.13 offline, p.14): web/staff/screens/offline.js.
//
// The real server, its clock on Friday 20 March 2026: an offline programme,
// the exam commission of order 14-П (chair "tor", member "mushe", secretary
// "hatshy"), a candidate with an offline sitting on Thursday 9 April at 10:00
// in room 204. The server is started again on the same data with its clock on
// 9 April 09:55 (the stage's day). The candidate starts the theory (WebSocket,
// as the centre's workstation does). In Chromium, the chair (page in Russian)
// opens "Exams in the centre", records the attendance (himself and the member;
// the secretary absent), records an oral warning (smartphone, two witnesses)
// through the dialog; the member (page in Kazakh) signs the act; the chair
// records the second violation: the dialog says it is the removal; the
// candidate's socket is told `terminated`; the card says removed, and the
// member signs the removal's act. Screenshots (off-*.png) in ru, kk and en go to $OUT_DIR.
//
//   TANU_BIN=build/server/tanu node tests/browser/offline.mjs
//
// Env: TANU_BIN (required), OUT_DIR, CHROMIUM (default /usr/bin/chromium),
// KEEP=1 keeps the temp dir (server log). Exits 1 on any failure.
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, REPO, TANU, log, expect, must, startServer, shutdown, runTest, http, someIin, visible, setUp, text, adminToken,
} from './lib.mjs';

const { work, shots, outDir, shot } = setUp('offline', 'off-');

const PROG = 'WELD-OFF';
const STAFF = {
  tor: { login: 'tor', password: 'tor-secret-1', role: 'commission' },
  mushe: { login: 'mushe', password: 'mushe-secret-1', role: 'commission' },
  hatshy: { login: 'hatshy', password: 'hatshy-secret-1', role: 'commission' },
  reg: { login: 'tirkeushi', password: 'tirkeushi-secret-1', role: 'registrar' },
};
const CAND = { login: 'aset.k', password: 'aset-secret-1' };

async function setup(base) {
  const token = await adminToken(base);
  const p = await http(base, 'POST', '/api/programmes', { token, json: {
    code: PROG, profession: 'Сварщик', oked: '25110', nkz: '', nqf_level: 3, languages: ['ru'], attempts: 0,
    modes: ['offline'], theory: { questions: 3, minutes: 60, pass_percent: 70, pass_rule: 'above' },
  } });
  must(p.status === 201, `programme created (got ${p.status} ${JSON.stringify(p.data)})`);
  const questions = Array.from({ length: 3 }, (_, i) => ({
    id: `W-ru${i + 1}`, lang: 'ru', topic: 'safety', text: `Вопрос ${i + 1}`, options: ['Верно', 'Неверно'], correct: [0],
  }));
  must((await http(base, 'POST', `/api/programmes/${PROG}/questions`, { token, json: questions })).status === 200, 'questions imported');
  for (const u of Object.values(STAFF)) {
    const r = await http(base, 'POST', '/api/users', { token, json: u });
    must(r.status === 201, `${u.login} created (got ${r.status})`);
  }
  const reg = (await http(base, 'POST', '/api/login', { json: { login: STAFF.reg.login, password: STAFF.reg.password } })).data.token;
  const c = await http(base, 'POST', '/api/commissions', { token: reg, json: {
    kind: 'exam', name: 'Емтихан комиссиясы: дәнекерлеу', order_no: '14-П', order_date: '2026-03-02', programmes: [PROG],
    members: [{ login: 'tor', role: 'chair' }, { login: 'mushe', role: 'member' }, { login: 'hatshy', role: 'secretary' }],
  } });
  must(c.status === 201, `commission formed (got ${c.status} ${JSON.stringify(c.data)})`);
  const cand = await http(base, 'POST', '/api/candidates', { token, json: {
    iin: someIin('9105154'), full_name: 'Қасымов Әсет', birth_date: '1991-05-15', email: 'aset@example.kz', phone: '+77010000002', ...CAND,
  } });
  must(cand.status === 201, `candidate created (got ${cand.status} ${JSON.stringify(cand.data)})`);
  const s = await http(base, 'POST', '/api/sessions', { token, json: {
    candidate: cand.data.id, programme: PROG, lang: 'ru', mode: 'offline',
    theory: { day: '2026-04-09', starts: '10:00', ends: '11:00', place: 'Астана, ауд. 204' },
  } });
  must(s.status === 201, `offline sitting created (got ${s.status} ${JSON.stringify(s.data)})`);
  return s.data.id;
}

/** The server again on the same data with its clock at `instant` (lib.mjs starts a fresh one only). */
async function restart(server, instant) {
  server.proc.kill('SIGTERM');
  await new Promise((r) => { server.proc.once('exit', r); setTimeout(r, 5000); });
  const cfg = join(work, 'config.json');
  writeFileSync(cfg, JSON.stringify({ ...JSON.parse(readFileSync(cfg, 'utf8')), clock_start: instant }));
  const proc = spawn(TANU, ['serve', '--data', join(work, 'data'), '--listen', '127.0.0.1:0', '--no-tls', '--config', cfg,
    '--web', join(REPO, 'web')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = createWriteStream(join(work, 'server.log'), { flags: 'a' });
  proc.stderr.pipe(logFile);
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('no "listening on" line within 20 s')), 20000);
    createInterface({ input: proc.stdout }).on('line', (line) => {
      logFile.write(`${line}\n`);
      const m = /listening on (\S+)/.exec(line);
      if (m) { clearTimeout(timer); ok(m[1].replace(/\/$/, '')); }
    });
    proc.on('exit', (code) => fail(new Error(`tanu serve exited with ${code}`)));
  });
  return { proc, url };
}

async function signIn(page, base, who) {
  await page.goto(`${base}/staff.html`);
  must(await visible(page, '#screen-login'), `${who.login}: the sign-in screen`);
  await page.fill('#login', who.login);
  await page.fill('#password', who.password);
  await page.click('#login-form button[type=submit]');
  const link = page.locator('#staff-nav a[data-view="offline"]');
  must(await link.waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false), `${who.login}: the header links to the exams in the centre`);
  await link.click();
}

async function main() {
  let server = await startServer(work, { clock_start: '2026-03-20T10:00:00+05:00', centre: { name: 'ЦПК Астана', number: 7 } });
  let browser;
  try {
    const id = await setup(server.url);
    server = await restart(server, '2026-04-09T09:55:00+05:00');
    const base = server.url;
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: false,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const errors = [];
    const newPage = async (locale) => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 1100 }, locale });
      await ctx.clock.setFixedTime(new Date('2026-04-09T09:58:00+05:00'));
      const page = await ctx.newPage();
      page.on('pageerror', (e) => errors.push(String(e)));
      return page;
    };
    const card = `#off-body li[data-session="${id}"]`;

    // 0. The candidate starts the theory on the centre's workstation, through the same exam page.
    const cand = await newPage('ru-RU');
    await cand.goto(`${base}/index.html`);
    must(await visible(cand, '#screen-login'), 'candidate: the sign-in screen');
    await cand.fill('#login', CAND.login);
    await cand.fill('#password', CAND.password);
    await cand.click('#login-form button[type=submit]');
    await cand.selectOption('#lang', 'ru');
    must(await visible(cand, `#sittings [data-session="${id}"] .card-actions button.primary`), 'the candidate\'s card has Start');
    await cand.locator(`#sittings [data-session="${id}"] .card-actions button.primary`).click();
    must(await visible(cand, '#screen-exam', 15000), 'the exam opens (offline: no camera)');
    must(await visible(cand, '#q-title', 15000), 'the paper arrived');
    await shot(cand, 'ru-candidate-exam');

    // 1. The chair, in Russian: the day's list, the attendance.
    const chair = await newPage('ru-RU');
    await signIn(chair, base, STAFF.tor);
    await chair.selectOption('#lang', 'ru');
    must(await visible(chair, card), 'the offline sitting of the day is listed');
    expect((await text(chair, '#offline-title')) === 'Экзамены в центре', 'the title in Russian');
    expect((await chair.inputValue('#off-day')) === '2026-04-09', 'the day is the server\'s today');
    const body = await chair.locator(card).innerText();
    expect(body.includes('Қасымов Әсет') && body.includes('Астана, ауд. 204'), 'the candidate and the place');
    expect(await chair.locator(`${card} [data-recorded="no"]`).count() === 1, 'the attendance not recorded yet');
    expect(await chair.locator(`${card} form.off-warning`).count() === 0, 'no warning form before the attendance');
    await shot(chair, 'ru-before-attendance', { fullPage: true });
    const att = chair.locator(`${card} form.off-attendance`);
    await att.locator('label.check', { hasText: 'tor' }).locator('input').check();
    await att.locator('label.check', { hasText: 'mushe' }).locator('input').check();
    await chair.fill(`#off-${id}-workstation`, 'Компьютер №3, сварочный пост №2');
    await chair.fill(`#off-${id}-accessibility`, 'Пандус у входа');
    await att.locator('button[type=submit]').click();
    must(await visible(chair, `${card} [data-recorded="yes"]`), 'the attendance is recorded');
    expect((await text(chair, `${card} [data-recorded="yes"]`)).includes('tor, mushe'), 'the members present named');

    // 2. The oral warning: item, witnesses, the dialog.
    const warn = chair.locator(`${card} form.off-warning`);
    must(await visible(chair, `${card} form.off-warning`), 'the warning form is shown');
    expect((await warn.innerText()).includes('устное предупреждение'), 'the form says this one is a warning');
    await warn.locator('button[type=submit]').click();
    must(await visible(chair, `${card} p.error`), 'an item is asked for first');
    await chair.selectOption(`#off-${id}-item`, 'smartphones');
    await chair.locator(`${card} form.off-warning button[type=submit]`).click();
    must(await visible(chair, '#off-dialog[open]'), 'the dialog opens');
    const said = await text(chair, '#off-dialog-what');
    expect(said.includes('Смартфоны') && said.includes('повторное нарушение отстраняет'), `the dialog says what follows (${said})`);
    await shot(chair, 'ru-warning-dialog');
    await chair.click('#off-dialog-confirm');
    must(await visible(chair, `${card} li.off-act`), 'the act is listed');
    expect((await text(chair, `${card} li.off-act`)).includes('устное предупреждение'), 'the act is the oral warning');
    expect(await chair.locator(`${card} li.off-act button.off-sign`).count() === 0, 'the chair signed it by recording it');
    expect((await chair.locator(`${card} form.off-warning`).innerText()).includes('отстраняет'), 'the form now says the next removes');
    await shot(chair, 'ru-warned', { fullPage: true });

    // 3. The member, in Kazakh, signs the act.
    const member = await newPage('kk-KZ');
    await signIn(member, base, STAFF.mushe);
    await member.selectOption('#lang', 'kk');
    must(await visible(member, `${card} li.off-act button.off-sign`), 'the member may sign');
    expect((await text(member, '#offline-title')) === 'Орталықтағы емтихандар', 'the title in Kazakh');
    await shot(member, 'kk-to-sign', { fullPage: true });
    await member.click(`${card} li.off-act button.off-sign`);
    must(await visible(member, `${card} li.off-act .badge.ok`), 'signed by all present');
    await shot(member, 'kk-signed', { fullPage: true });

    // 4. The chair records the second violation: the removal.
    await chair.click('#offline-reload');
    must(await visible(chair, `${card} form.off-warning`), 'the warning form again');
    await chair.selectOption(`#off-${id}-item`, 'other');
    await chair.fill(`#off-${id}-description`, 'Подсказка соседа по ауд. 204');
    await chair.locator(`${card} form.off-warning button[type=submit]`).click();
    must(await visible(chair, '#off-dialog[open]'), 'the dialog opens again');
    expect((await text(chair, '#off-dialog-title')) === 'Отстранение от экзамена', 'the dialog says removal');
    expect((await text(chair, '#off-dialog-what')).includes('Подсказка соседа'), 'with the behaviour described');
    await shot(chair, 'ru-removal-dialog');
    await chair.click('#off-dialog-confirm');
    must(await visible(cand, '#screen-result', 15000), 'the candidate\'s page is told: the attempt ended');
    await shot(cand, 'ru-candidate-removed', { fullPage: true });
    must(!(await cand.locator('#screen-result').innerText()).includes('offline_removal'), 'the removal said in words on the candidate\'s result');
    must(await visible(chair, `${card} li.off-act >> nth=1`), 'the removal act is listed');
    await chair.click('#offline-reload');
    must(await visible(chair, `${card}[data-status="terminated"]`), 'the card says removed');
    expect(await chair.locator(`${card} form.off-warning`).count() === 0, 'no more warnings after the removal');
    await shot(chair, 'ru-removed', { fullPage: true });

    await member.click('#offline-reload');
    must(await visible(member, `${card} li.off-act button.off-sign`), 'the member signs the removal');
    await member.click(`${card} li.off-act button.off-sign`);
    await member.waitForTimeout(300);
    expect(await member.locator(`${card} li.off-act .badge.ok`).count() === 2, 'both acts signed by all present');
    await member.selectOption('#lang', 'en');
    expect((await text(member, '#offline-title')) === 'Exams in the centre', 'the title in English');
    await shot(member, 'en-both-signed', { fullPage: true });

    expect(errors.length === 0, `no page errors (${errors.join('; ')})`);
  } finally {
    await shutdown(browser, server);
  }
}

await runTest(main, { work, outDir, shots });
