// Browser test of the candidate's personal file (W10, seed 002 p.14; web/staff.html,
// screens/person.js opened from the candidate's card in screens/candidates.js).
//
// Starts the real server on loopback with a fixed clock (Friday 20 March 2026,
// 10:00 in Kazakhstan) and a centre, and sets up over HTTP a candidate as the
// demo has one and further: an application with an attachment, submitted; a
// sitting of PLUMBER-4 sat over the exam WebSocket (driven from a Chromium
// page) with one violation (the page losing focus: a draft act), passed; the
// act confirmed, the practical checklist marked and the protocol signed by the
// commission member; the document signed by the head. Then, in Chromium, the
// registrar finds the candidate, opens the card, opens the personal file and
// sees every section in the order of the procedure, in kk, ru and en (no
// dictionary key on the page), downloads an attachment and the PDF in each
// language (%PDF, the pages counted). A commission member's request is
// refused. Screenshots (person-*.png) and the PDFs (person-file-LANG.pdf) go to $OUT_DIR.
//
//   TANU_BIN=build/server/tanu node tests/browser/person.mjs
//
// Env: TANU_BIN (required), OUT_DIR, CHROMIUM (default /usr/bin/chromium),
// KEEP=1 keeps the temp dir (server log). Exits 1 on any failure.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, log, expect, must, startServer as startTanu, shutdown, runTest, http, someIin, visible,
  setUp, text as textOf, adminToken,
} from './lib.mjs';

const { work, outDir, shots, shot: screenshot } = setUp('person', 'person-');

const PROG = 'PLUMBER-4';
const CAND = { full_name: 'Сапарова Айгерім Нұрланқызы', birth_date: '1990-05-15', first7: '9005154', login: 'aigerim', password: 'aigerim-secret-1' };
const STAFF = {
  registrar: { login: 'tirkeushi', password: 'tirkeushi-secret-1', role: 'registrar' },
  commission: { login: 'komissia', password: 'komissia-secret-1', role: 'commission' },
  head: { login: 'bastyk', password: 'bastyk-secret-1', role: 'head' },
};
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n'
  + '3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const login = async (base, who) => {
  const r = await http(base, 'POST', '/api/login', { json: { login: who.login, password: who.password } });
  must(r.status === 200, `${who.login} signs in (got ${r.status})`);
  return r.data.token;
};

async function setup(base) {
  const token = await adminToken(base);
  const prog = await http(base, 'POST', '/api/programmes', { token, json: {
    code: PROG, profession: 'Слесарь-сантехник', oked: '43221', nkz: '71260001', nqf_level: 4,
    languages: ['kk', 'ru'], attempts: 2,
    theory: { questions: 90, minutes: 90, pass_percent: 70, pass_rule: 'above' },
    practical: [{ id: 'p1', text: { kk: 'Құбырларды жалғау', ru: 'Соединение труб' }, mandatory: true }],
    proctoring: { focus_lost_is_violation: true },
  } });
  must(prog.status === 201, `programme created (got ${prog.status} ${JSON.stringify(prog.data)})`);
  const questions = Array.from({ length: 90 }, (_, i) => ({
    id: `q${i + 1}`, lang: 'ru', topic: 'безопасность', text: `Вопрос ${i + 1}`,
    options: [`Правильный ответ ${i + 1}`, `Неверный ответ ${i + 1}-1`, `Неверный ответ ${i + 1}-2`], correct: [0],
  }));
  const imp = await http(base, 'POST', `/api/programmes/${PROG}/questions`, { token, json: questions });
  must(imp.status === 200, `90 questions imported (got ${imp.status})`);
  for (const u of Object.values(STAFF)) {
    const r = await http(base, 'POST', '/api/users', { token, json: u });
    must(r.status === 201, `staff account ${u.login} created (got ${r.status})`);
  }
  const iin = someIin(CAND.first7);
  const c = await http(base, 'POST', '/api/candidates', { token, json: {
    iin, full_name: CAND.full_name, birth_date: CAND.birth_date, email: 'aigerim@example.kz', phone: '+77012345678',
    login: CAND.login, password: CAND.password,
  } });
  must(c.status === 201, `candidate created (got ${c.status} ${JSON.stringify(c.data)})`);
  const ctoken = await login(base, CAND);
  const app = await http(base, 'POST', '/api/applications', { token: ctoken, json: {
    programme: PROG, applicant: { surname: 'Сапарова', name: 'Айгерім', patronymic: 'Нұрланқызы', address: 'Астана, Абай даңғылы, 10', mobile_phone: '+77012345678' },
    claimed_nqf_level: 4, knowledge: 'Сумен жабдықтау жүйелерін монтаждау', skills: 'Құбырларды дәнекерлеу', language: 'ru',
    consents: { pd_processing: true, nqs_publication: true },
  } });
  must(app.status === 201, `application made (got ${app.status} ${JSON.stringify(app.data)})`);
  const att = await http(base, 'POST', `/api/applications/${app.data.id}/attachments?type=id_document&number=N-042`,
    { token: ctoken, body: PDF, type: 'application/pdf' });
  must(att.status === 201, `attachment uploaded (got ${att.status} ${JSON.stringify(att.data)})`);
  const sub = await http(base, 'POST', `/api/applications/${app.data.id}/submit`, { token: ctoken, json: {} });
  must(sub.status === 200, `application submitted (got ${sub.status} ${JSON.stringify(sub.data)})`);
  const s = await http(base, 'POST', '/api/sessions', { token, json: { candidate: c.data.id, programme: PROG, lang: 'ru', mode: 'online' } });
  must(s.status === 201, `sitting created (got ${s.status} ${JSON.stringify(s.data)})`);
  return { token, ctoken, candidate: c.data.id, session: s.data.id, app: app.data.id, sha: att.data.sha256, iin };
}

/** Runs in the page: start, one focus loss (a violation), `right` answers right, finish; the result message. */
async function sitInPage({ url, right }) {
  const ws = new WebSocket(url);
  const msgs = [];
  let waiters = [];
  const next = (pred, ms, what) => new Promise((ok, fail) => {
    const m = msgs.find(pred);
    if (m) { ok(m); return; }
    const timer = setTimeout(() => fail(new Error(`timed out waiting for ${what}`)), ms);
    waiters.push({ pred, ok: (x) => { clearTimeout(timer); ok(x); } });
  });
  ws.onmessage = (ev) => {
    if (typeof ev.data !== 'string') return;
    const m = JSON.parse(ev.data);
    msgs.push(m);
    waiters = waiters.filter((w) => { if (w.pred(m)) { w.ok(m); return false; } return true; });
  };
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = () => fail(new Error('WebSocket refused')); });
  ws.send(JSON.stringify({ type: 'start' }));
  const paper = await next((m) => m.type === 'paper', 15000, 'the paper');
  ws.send(JSON.stringify({ type: 'focus', state: 'lost' }));
  await next((m) => m.type === 'warning', 10000, 'the warning');
  ws.send(JSON.stringify({ type: 'focus', state: 'back' }));
  const saved = () => msgs.filter((m) => m.type === 'saved').length;
  const total = paper.questions.length;
  for (let k = 0; k < total; k++) {
    const q = paper.questions[k];
    const good = q.options.findIndex((o) => o.startsWith('Правильный'));
    ws.send(JSON.stringify({ type: 'answer', n: q.n, choice: [k < right ? good : (good + 1) % q.options.length], seq: `a${q.n}` }));
    if ((k + 1) % 16 === 0 || k + 1 === total) await next(() => saved() >= k + 1, 15000, `${k + 1} saved`);
  }
  ws.send(JSON.stringify({ type: 'finish' }));
  const result = await next((m) => m.type === 'result', 15000, 'the result');
  ws.close();
  return result;
}

async function shot(page, name) {
  await page.evaluate(() => document.querySelector('#toasts')?.replaceChildren()).catch(() => {});
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(h, 900), 7000) });
  await screenshot(page, name, { caret: 'initial' });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** No dictionary key (a word with an underscore) and no raw JSON in the page's text. */
async function checkTexts(page, where) {
  const found = await page.evaluate(async () => {
    const { STAFF } = await import('/staff/main.js');
    const body = document.querySelector('#screen-person').innerText;
    const keys = Object.keys(STAFF.en).filter((k) => k.includes('_') && new RegExp(`(^|[^\\w-])${k}([^\\w-]|$)`).test(body));
    return { keys, json: /\{\s*"/.test(body), undef: /undefined|null|NaN|\[object/.test(body) };
  });
  expect(found.keys.length === 0, `${where}: no dictionary key on the page (${found.keys.join(', ') || 'none'})`);
  expect(!found.json, `${where}: no raw JSON on the page`);
  expect(!found.undef, `${where}: no undefined, null or NaN on the page`);
}

const pagesOf = (buf) => (buf.toString('latin1').match(/\/Type \/Page[^s]/g) || []).length;

async function main() {
  log(`work dir ${work}`);
  const server = await startTanu(work, {
    clock_start: '2026-03-20T10:00:00+05:00',
    centre: { name: '«Біліктілік» тану орталығы', number: 7, head: 'Серік Әбенов', document_valid_years: 5, public_url: 'https://tanu.example.kz' },
  });
  const base = server.url;
  let browser;
  const consoleErrors = [];
  try {
    const s = await setup(base);
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: false,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const newPage = async (locale = 'ru-RU') => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, acceptDownloads: true });
      const page = await ctx.newPage();
      page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) consoleErrors.push(m.text()); });
      page.on('pageerror', (e) => consoleErrors.push(String(e)));
      return page;
    };

    // 1. The procedure: the sitting over the WebSocket, the commission's decisions, the head's signature.
    const cand = await newPage();
    await cand.goto(`${base}/verify.html`);
    const wsUrl = base.replace(/^http/, 'ws');
    const result = await cand.evaluate(sitInPage, { url: `${wsUrl}/ws/exam/${s.session}?token=${encodeURIComponent(s.ctoken)}`, right: 85 });
    must(result.passed === true, `the candidate passed the theory (${result.correct}/${result.total})`);
    await cand.context().close();
    const kom = await login(base, STAFF.commission);
    const acts = await http(base, 'GET', `/api/sessions/${s.session}/acts`, { token: kom });
    must(acts.status === 200 && acts.data.length === 1, `one act (got ${JSON.stringify(acts.data)})`);
    const rev = await http(base, 'POST', `/api/acts/${acts.data[0].id}/review`, { token: kom, json: { decision: 'confirm', reason: 'Бет экраннан бұрылды' } });
    must(rev.status === 200, `act confirmed (got ${rev.status} ${JSON.stringify(rev.data)})`);
    const pr = await http(base, 'POST', `/api/sessions/${s.session}/practical`, { token: kom, json: { items: [{ id: 'p1', done: true, note: 'Тығыздығы тексерілді' }] } });
    must(pr.status === 200, `practical marked (got ${pr.status} ${JSON.stringify(pr.data)})`);
    const prot = await http(base, 'POST', `/api/sessions/${s.session}/protocol`, { token: kom, json: {} });
    must([200, 201].includes(prot.status) && prot.data.document, `protocol signed, document prepared (got ${prot.status} ${JSON.stringify(prot.data)})`);
    const code = prot.data.document;
    const head = await login(base, STAFF.head);
    const signed = await http(base, 'POST', `/api/documents/${code}/sign`, { token: head, json: { password: STAFF.head.password } });
    must(signed.status === 200, `the head signed the document (got ${signed.status} ${JSON.stringify(signed.data)})`);
    const refused = await http(base, 'GET', `/api/candidates/${s.candidate}/file`, { token: kom });
    expect(refused.status === 403, `a commission member is refused the file (got ${refused.status})`);

    // 2. The registrar opens the card, then the personal file.
    const page = await newPage();
    await page.goto(`${base}/staff.html`);
    must(await visible(page, '#screen-login'), 'the staff sign-in screen');
    await page.fill('#login', STAFF.registrar.login);
    await page.fill('#password', STAFF.registrar.password);
    await page.click('#login-form button[type=submit]');
    await page.locator('#staff-nav a[data-view=candidates]').click();
    must(await visible(page, '#screen-candidates'), 'the candidates screen');
    await page.fill('#cd-q', s.iin);
    await page.click('#cd-search button[type=submit]');
    await page.locator('#cd-list button.cd-open').first().click();
    must(await visible(page, '#cd-card #cd-file'), 'the card has the "Personal file" button');
    await page.click('#cd-file');
    must(await visible(page, '#screen-person #pf-person'), 'the personal file is shown');
    await page.waitForSelector('#pf-documents .pf-card');

    const order = await page.evaluate(() => [...document.querySelectorAll('#pf-body > section')].map((x) => x.id));
    expect(JSON.stringify(order) === JSON.stringify(['pf-person', 'pf-applications', 'pf-notices', 'pf-sittings', 'pf-acts', 'pf-marks',
      'pf-protocols', 'pf-documents', 'pf-appeals', 'pf-receipts']), `the sections in the procedure's order (${order.join(', ')})`);
    const all = await textOf(page, '#pf-body');
    expect(all.includes(CAND.full_name) && all.includes(s.iin), 'the person: name and IIN');
    expect(all.includes(s.sha.slice(0, 16)), 'the attachment\'s checksum');
    expect(all.includes(code), `the document's code ${code}`);
    expect(all.includes('https://tanu.example.kz/'), 'the document\'s verify URL');
    expect(all.includes('Бет экраннан бұрылды'), 'the act\'s decision and reason');
    expect(all.includes('p1') && all.includes(STAFF.commission.login), 'the practical mark and its member');
    expect(all.includes(STAFF.head.login), 'the head\'s signature');
    expect(await page.locator('#pf-notices tbody tr').count() >= 1, 'the notices listed');

    const langs = { ru: ['Личное дело', 'Акты о нарушениях'], kk: ['Жеке іс', 'Бұзушылық актілері'], en: ['Personal file', 'Violation acts'] };
    for (const [lang, [title, acts2]] of Object.entries(langs)) {
      await page.selectOption('#lang', lang);
      await page.waitForFunction((t) => document.querySelector('#pf-title')?.textContent.startsWith(t), title, { timeout: 5000 }).catch(() => {});
      expect((await textOf(page, '#pf-title')).startsWith(title), `${lang}: the title "${await textOf(page, '#pf-title')}"`);
      expect((await textOf(page, '#pf-acts h2')).startsWith(acts2), `${lang}: the acts' heading`);
      await checkTexts(page, lang);
      await shot(page, `file-${lang}`);

      // the PDF in this language
      await page.selectOption('#pf-lang', lang);
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), page.click('#pf-pdf')]);
      const got = await download.path().catch(() => null);
      const buf = got ? readFileSync(got) : Buffer.alloc(0);
      if (got) copyFileSync(got, join(outDir, `person-file-${lang}.pdf`)); // to look at
      expect(buf.subarray(0, 4).toString() === '%PDF', `${lang}: the PDF downloads (${buf.length} bytes, "${download.suggestedFilename()}")`);
      expect(pagesOf(buf) >= 1, `${lang}: the PDF has ${pagesOf(buf)} page(s)`);
      expect(download.suggestedFilename() === `personal-file-${s.candidate}-${lang}.pdf`, `${lang}: the PDF's name`);
    }

    // an attachment downloads with its bytes
    const [att] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.locator('#pf-applications button.pf-att').first().click()]);
    const attPath = await att.path().catch(() => null);
    expect(attPath && readFileSync(attPath).equals(PDF), 'the attachment downloads as it was uploaded');

    // the phone's width
    await page.setViewportSize({ width: 390, height: 844 });
    const h = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 390, height: Math.min(h, 7000) });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide <= 400, `no sideways scroll on a phone (${wide}px)`);
    await screenshot(page, 'file-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.click('#pf-back');
    expect(await visible(page, '#screen-candidates'), 'back to the candidates');
    expect(consoleErrors.length === 0, `no console errors (${consoleErrors.slice(0, 3).join(' | ')})`);
  } finally {
    await shutdown(browser, server);
  }
}

runTest(main, { work, outDir, shots });
