// Browser test of what precedes the start (issue 11, W6; seed 002 p.8, p.12):
// the candidate's screen before the exam (web/exam/briefing.js) and the
// staff's safety-briefing screen (web/staff/screens/briefing.js).
//
// Starts the real server with a programme that states its methodology (kk,
// ru), allows calculators and requires the safety briefing, sat in the centre
// (offline); a candidate with its sitting in kk, another with its sitting in
// ru and one of a programme that asks nothing; a registrar. In Chromium: the candidate (page
// in Kazakh) presses Start on the kk sitting, sees the three texts in Kazakh,
// the button waits for the three boxes, sends them, and is told the centre
// has not recorded the briefing yet; the registrar records the journal entry
// (a date after today refused first), sees it recorded; the candidate presses
// Start again and the exam opens at once. The ru sitting's texts are in
// Russian whatever the page's language (ru, en). The other programme's
// sitting starts at once. Screenshots (brf-*.png) in kk, ru and en go to $OUT_DIR.
//
//   TANU_BIN=build/server/tanu node tests/browser/briefing.mjs
//
// Env: TANU_BIN (required), OUT_DIR, CHROMIUM (default /usr/bin/chromium),
// KEEP=1 keeps the temp dir (server log). Exits 1 on any failure.
import { chromium } from 'playwright-core';
import {
  CHROMIUM, log, expect, must, startServer, shutdown, runTest, http, someIin, visible, setUp, text, adminToken,
} from './lib.mjs';

const { work, outDir, shots, shot } = setUp('briefing', 'brf-');

const PROG = 'ELECTRIC-3';
const FREE = 'FREE-2';
const REG = { login: 'tirkeushi', password: 'tirkeushi-secret-1', role: 'registrar' };
const CAND = { login: 'aigerim.s', password: 'aigerim-secret-1' };
const CAND2 = { login: 'marat.b', password: 'marat-secret-1' };
const METHOD = {
  kk: 'Теориялық кезең: 5 сұрақ, 30 минут. Практикалық кезең: электр қалқанын жинау, комиссия бағалайды.',
  ru: 'Теоретический этап: 5 вопросов, 30 минут. Практический этап: сборка электрощита, оценивает комиссия.',
};

async function setup(base) {
  const token = await adminToken(base);
  const programme = (code, extra) => http(base, 'POST', '/api/programmes', { token, json: {
    code, profession: 'Электрик', oked: '43210', nkz: '', nqf_level: 3, languages: ['kk', 'ru'], attempts: 0,
    modes: ['online', 'offline'], theory: { questions: 3, minutes: 30, pass_percent: 70, pass_rule: 'above' }, ...extra,
  } });
  const p = await programme(PROG, {
    methodology: METHOD, allowed_items: ['calculators'], briefing_required: true,
    practical: [{ id: 'p1', text: { kk: 'Қалқанды жинау', ru: 'Собрать щит' }, mandatory: true }],
  });
  must(p.status === 201, `programme created (got ${p.status} ${JSON.stringify(p.data)})`);
  must((await programme(FREE, {})).status === 201, 'the programme without methodology created');
  for (const code of [PROG, FREE]) {
    const questions = ['kk', 'ru'].flatMap((lang) => Array.from({ length: 3 }, (_, i) => ({
      id: `${code}-${lang}${i + 1}`, lang, topic: 'safety', text: `Сұрақ ${i + 1}`, options: ['Дұрыс', 'Қате'], correct: [0],
    })));
    const imp = await http(base, 'POST', `/api/programmes/${code}/questions`, { token, json: questions });
    must(imp.status === 200, `questions imported (got ${imp.status})`);
  }
  const candidate = async (who, iin, full_name, birth_date, n) => {
    const c = await http(base, 'POST', '/api/candidates', { token, json: {
      iin, full_name, birth_date, email: `c${n}@example.kz`, phone: `+7701000000${n}`, ...who,
    } });
    must(c.status === 201, `candidate ${who.login} created (got ${c.status} ${JSON.stringify(c.data)})`);
    return c.data.id;
  };
  const a = await candidate(CAND, someIin('9105154'), 'Серікова Айгерім', '1991-05-15', 2);
  const b = await candidate(CAND2, someIin('8803123'), 'Болатов Марат', '1988-03-12', 3);
  const sitting = async (cand, programme, lang) => {
    const r = await http(base, 'POST', '/api/sessions', { token, json: { candidate: cand, programme, lang, mode: 'offline' } });
    must(r.status === 201, `sitting of ${programme} in ${lang} created (got ${r.status} ${JSON.stringify(r.data)})`);
    return r.data.id;
  };
  const kk = await sitting(a, PROG, 'kk');
  const ru = await sitting(b, PROG, 'ru');
  const free = await sitting(b, FREE, 'ru');
  const u = await http(base, 'POST', '/api/users', { token, json: REG });
  must(u.status === 201, `registrar created (got ${u.status})`);
  return { kk, ru, free };
}

async function signIn(page, base, path, who) {
  await page.goto(`${base}${path}`);
  must(await visible(page, '#screen-login'), `${who.login}: the sign-in screen`);
  await page.fill('#login', who.login);
  await page.fill('#password', who.password);
  await page.click('#login-form button[type=submit]');
}

const card = (page, id) => page.locator(`#sittings [data-session="${id}"]`);
async function pressStart(page, id) {
  must(await visible(page, `#sittings [data-session="${id}"] .card-actions button.primary`), `the card of sitting ${id} has Start`);
  await card(page, id).locator('.card-actions button.primary').click();
}

async function main() {
  const server = await startServer(work);
  const base = server.url;
  let browser;
  try {
    const s = await setup(base);
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: false,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const errors = [];
    const newPage = async (locale) => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale });
      const page = await ctx.newPage();
      page.on('pageerror', (e) => errors.push(String(e)));
      return page;
    };

    // 1. The candidate, page in Kazakh: Start on the kk sitting shows the three texts first.
    const cand = await newPage('kk-KZ');
    await signIn(cand, base, '/index.html', CAND);
    must(await visible(cand, '#sittings [data-session]'), 'the candidate sees the list');
    await cand.selectOption('#lang', 'kk');
    await pressStart(cand, s.kk);
    must(await visible(cand, '#screen-briefing'), 'the screen before the exam is shown');
    expect(await cand.locator('#screen-briefing article.bf-item').count() === 3, 'three parts to acknowledge');
    const body = await cand.locator('#screen-briefing').innerText();
    expect(body.includes('Емтихан алдында'), 'the title in Kazakh');
    expect(body.includes(METHOD.kk), 'the programme\'s methodology in Kazakh');
    expect(/бес \(5\) жұмыс күні/.test(body), 'the appeal rules with their 5 working days, in Kazakh');
    expect(body.includes('Ұялы телефондар') && !body.includes('— Калькуляторлар'), 'the prohibited list in Kazakh, calculators not in it');
    expect(body.includes('Калькуляторлар'), 'the allowed calculators are named');
    expect(await cand.locator('#bf-continue').isDisabled(), 'Continue waits for the boxes');
    await cand.check('#bf-methodology-ack');
    await cand.check('#bf-appeal_rules-ack');
    expect(await cand.locator('#bf-continue').isDisabled(), 'Continue waits for the third box');
    await cand.check('#bf-prohibited_items-ack');
    await shot(cand, 'kk-before-exam', { fullPage: true });
    must(!(await cand.locator('#bf-continue').isDisabled()), 'Continue is enabled once all three are ticked');
    await cand.click('#bf-continue');
    must(await visible(cand, '#screen-briefing [data-gate="briefing"]'), 'told that the briefing is not recorded yet');
    expect((await text(cand, '#screen-briefing [data-gate="briefing"]')).includes('нұсқама'), 'the briefing in words (kk)');
    expect(await cand.locator('#screen-briefing .bf-item.done').count() === 3, 'the three are acknowledged, with their time');
    await shot(cand, 'kk-briefing-missing', { fullPage: true });
    await cand.click('#bf-back');
    must(await visible(cand, '#screen-list'), 'back to the list');

    // 2. The registrar records the journal entry of the kk sitting.
    const reg = await newPage('ru-RU');
    await signIn(reg, base, '/staff.html', REG);
    const link = reg.locator('#staff-nav a[data-view="briefing"]');
    must(await link.waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false), 'the header links to the briefings');
    await link.click();
    must(await visible(reg, `#brf-body li[data-session="${s.kk}"]`), 'the kk sitting is listed');
    expect(await reg.locator(`#brf-body li[data-session="${s.free}"]`).count() === 0, 'the programme without briefing is not');
    expect(await reg.locator(`#brf-body li[data-session="${s.kk}"] [data-recorded="no"]`).count() === 1, 'not recorded yet');
    const f = (k) => `#brf-${s.kk}-${k}`;
    await reg.fill(f('date'), '2099-01-01');
    await reg.fill(f('instructor'), 'Ахметов Серік');
    await reg.fill(f('journal_no'), 'ТБ-3');
    await reg.fill(f('page'), '12');
    await reg.fill(f('entry'), '7');
    await reg.evaluate((sel) => document.querySelector(sel).removeAttribute('max'), f('date'));
    await reg.click(`#brf-body form[data-session="${s.kk}"] button[type=submit]`);
    must(await visible(reg, `#brf-body li[data-session="${s.kk}"] .error`), 'a date after today is refused');
    expect((await text(reg, `#brf-body li[data-session="${s.kk}"] .error`)).length > 0, 'the refusal in words');
    const today = new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);
    await reg.fill(f('date'), today);
    await reg.click(`#brf-body form[data-session="${s.kk}"] button[type=submit]`);
    must(await visible(reg, `#brf-body li[data-session="${s.kk}"] [data-recorded="yes"]`), 'the entry is recorded');
    const rec = await text(reg, `#brf-body li[data-session="${s.kk}"] [data-recorded="yes"]`);
    expect(rec.includes('ТБ-3') && rec.includes('Ахметов Серік') && rec.includes(REG.login), `the entry shown (${rec})`);
    for (const lang of ['ru', 'kk', 'en']) {
      await reg.selectOption('#lang', lang);
      await shot(reg, `${lang}-staff-briefings`, { fullPage: true });
    }
    const title = await text(reg, '#briefing-title');
    expect(title === 'Safety briefings', `the staff screen's title in English (${title})`);

    // 3. The candidate presses Start again: the exam opens at once (offline: no camera checks).
    await cand.click('#list-reload');
    await pressStart(cand, s.kk);
    must(await visible(cand, '#screen-exam', 15000), 'the exam opens after the acknowledgements and the briefing');
    expect(!(await cand.locator('#screen-briefing').isVisible()), 'the screen before the exam is not shown again');
    await shot(cand, 'kk-exam-started');

    // 4. The ru sitting: the texts in Russian whatever the page's language.
    const c2 = await newPage('ru-RU');
    await signIn(c2, base, '/index.html', CAND2);
    must(await visible(c2, '#sittings [data-session]'), 'the list again');
    await c2.selectOption('#lang', 'ru');
    await pressStart(c2, s.ru);
    must(await visible(c2, '#screen-briefing'), 'the ru sitting asks first too');
    const ru = await c2.locator('#screen-briefing').innerText();
    expect(ru.includes('Перед экзаменом') && ru.includes(METHOD.ru) && /пяти \(5\) рабочих дней/.test(ru), 'title, methodology and appeal rules in Russian');
    await shot(c2, 'ru-before-exam', { fullPage: true });
    await c2.selectOption('#lang', 'en');
    const en = await c2.locator('#screen-briefing').innerText();
    expect(en.includes('Before the exam') && en.includes(METHOD.ru), 'the page in English, the texts still in the exam\'s Russian');
    await shot(c2, 'en-before-exam', { fullPage: true });
    await c2.click('#bf-back');
    must(await visible(c2, '#screen-list'), 'back to the list');

    // 5. The programme that asks nothing: Start opens the exam at once.
    await pressStart(c2, s.free);
    must(await visible(c2, '#screen-exam', 15000), 'the other programme\'s exam opens at once');
    expect(!(await c2.locator('#screen-briefing').isVisible()), 'without the screen before the exam');
    expect(errors.length === 0, `no page errors (${errors.join('; ') || 'none'})`);
    log('done');
  } finally {
    await shutdown(browser, server);
  }
}

runTest(main, { work, outDir, shots });
