// Browser test of the staff page (web/staff.html) and the public verification
// page (web/verify.html).
//
// Starts the real server on loopback with a fixed clock (Friday 20 March 2026,
// 10:00 in Kazakhstan) and a centre, sets up over HTTP a programme with a
// two-item technological card and 90 questions, a commission member, an appeal
// commission member and two candidates. Candidate A sits and passes with one
// violation (a camera frame, then the page losing focus: a draft act with an
// evidence image); candidate B fails. Both sit over the exam WebSocket, driven
// from a Chromium page (Node 20 has no WebSocket client). Then, in Chromium:
// the commission member reviews the act, scores A's checklist and signs both
// protocols (A's document code appears); B, on the candidate page, opens the
// results of the failed sitting (decision, appeal deadline, the notice) and
// files the appeal through its form; the appeal member opens the appeal, sees
// the record and votes "recognise the result" with its reasons, confirmed in a
// dialog (the short path: his vote decides; a document code appears), and B's results show the
// document; the verification page shows the document valid; the administrator
// revokes it and the page shows it revoked; an unknown code is "not found".
// Screenshots (staff-*.png) go to $OUT_DIR (default: a new temp dir).
//
//   TANU_BIN=build/server/tanu node tests/browser/staff_pages.mjs
//
// Env: TANU_BIN (required), OUT_DIR, CHROMIUM (default /usr/bin/chromium),
// KEEP=1 keeps the temp dir (server log). Exits 1 on any failure.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, log, expect, must, sleep, startServer as startTanu, recordError, shutdown, runTest, http, someIin, visible,
  setUp, text as textOf, adminToken,
} from './lib.mjs';

const CODE_RE = /^\d{5}-\d{8}-\d-\d{6}-\d{4}-\d{8}$/;
const DMY_RE = /\b\d{2}\.\d{2}\.\d{4}\b/;

const { work, outDir, shots, shot: screenshot } = setUp('staff', 'staff-');

// ---- the server -------------------------------------------------------------

const startServer = () => startTanu(work, {
  clock_start: '2026-03-20T10:00:00+05:00',
  centre: { name: '«Біліктілік» тану орталығы', number: 7, head: 'Серік Әбенов', document_valid_years: 5 },
});

const PROG = 'PLUMBER-4';
const CANDIDATES = {
  A: { full_name: 'Сапарова Айгерім Нұрланқызы', birth_date: '1990-05-15', first7: '9005154', login: 'cand-a', password: 'cand-a-secret' },
  B: { full_name: 'Омаров Бауыржан Серікұлы', birth_date: '1985-11-02', first7: '8511023', login: 'cand-b', password: 'cand-b-secret' },
  // C has no e-mail address: the notice of its failed sitting cannot be mailed.
  C: { full_name: 'Жақсылықов Ерлан Маратұлы', birth_date: '1979-07-30', first7: '7907303', login: 'cand-c', password: 'cand-c-secret', noEmail: true },
};
const STAFF = {
  commission: { login: 'komissia', password: 'komissia-secret-1', role: 'commission' },
  appeal: { login: 'apell', password: 'apell-secret-1', role: 'appeal' },
  head: { login: 'bastyk', password: 'bastyk-secret-1', role: 'head' },
};

async function setup(base) {
  const token = await adminToken(base);
  const prog = await http(base, 'POST', '/api/programmes', { token, json: {
    code: PROG, profession: 'Слесарь-сантехник', oked: '43221', nkz: '71260001', nqf_level: 4,
    languages: ['kk', 'ru'], attempts: 2,
    theory: { questions: 90, minutes: 90, pass_percent: 70, pass_rule: 'above' },
    practical: [
      { id: 'p1', text: { kk: 'Құбырларды жалғау және тығыздығын тексеру', ru: 'Соединение труб и проверка герметичности' }, mandatory: true },
      { id: 'p2', text: { kk: 'Жұмыс орнын жинау', ru: 'Уборка рабочего места' }, mandatory: false },
    ],
    proctoring: { focus_lost_is_violation: true },
  } });
  must(prog.status === 201, `programme created (got ${prog.status} ${JSON.stringify(prog.data)})`);
  const questions = Array.from({ length: 90 }, (_, i) => ({
    id: `q${i + 1}`, lang: 'ru', topic: i % 2 ? 'монтаж' : 'безопасность',
    text: `Вопрос ${i + 1}. Что нужно сделать перед монтажом трубопровода №${i + 1}?`,
    options: [`Правильный ответ ${i + 1}`, `Неверный ответ ${i + 1}-1`, `Неверный ответ ${i + 1}-2`, `Неверный ответ ${i + 1}-3`],
    correct: [0],
  }));
  const imp = await http(base, 'POST', `/api/programmes/${PROG}/questions`, { token, json: questions });
  must(imp.status === 200 && imp.data.imported === 90, `90 ru questions imported (got ${imp.status} ${JSON.stringify(imp.data)})`);
  for (const u of Object.values(STAFF)) {
    const r = await http(base, 'POST', '/api/users', { token, json: u });
    must(r.status === 201, `staff account ${u.login} (${u.role}) created (got ${r.status} ${JSON.stringify(r.data)})`);
  }
  const out = { token };
  for (const [k, c] of Object.entries(CANDIDATES)) {
    const r = await http(base, 'POST', '/api/candidates', { token, json: {
      iin: someIin(c.first7), full_name: c.full_name, birth_date: c.birth_date, ...(c.noEmail ? {} : { email: `${c.login}@example.kz` }),
      phone: '+77010000001', login: c.login, password: c.password,
    } });
    must(r.status === 201, `candidate ${k} created (got ${r.status} ${JSON.stringify(r.data)})`);
    const s = await http(base, 'POST', '/api/sessions', { token, json: { candidate: r.data.id, programme: PROG, lang: 'ru', mode: 'online' } });
    must(s.status === 201, `sitting of ${k} created (got ${s.status} ${JSON.stringify(s.data)})`);
    const l = await http(base, 'POST', '/api/login', { json: { login: c.login, password: c.password } });
    must(l.status === 200, `candidate ${k} login`);
    out[k] = { candidate: r.data.id, session: s.data.id, token: l.data.token };
  }
  return out;
}

// ---- sitting the theory exam over the WebSocket, from a Chromium page ---------

/**
 * Runs in the page: start, (a camera frame and a focus loss: one violation),
 * answer `right` questions right and the rest wrong, wait until every answer is
 * saved, finish; returns the result message.
 */
async function sitInPage({ url, right, violation }) {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const msgs = [];
  let waiters = [];
  const next = (pred, ms, what) => new Promise((ok, fail) => {
    const m = msgs.find(pred);
    if (m) { ok(m); return; }
    const timer = setTimeout(() => fail(new Error(`timed out waiting for ${what}; got: ${msgs.map((x) => x.type).join(',')}`)), ms);
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
  if (violation) {
    // One camera frame (no face in it: a single frame starts no timer), so that
    // the violation has an evidence image, then the page loses focus.
    const c = document.createElement('canvas');
    c.width = 320; c.height = 240;
    const g = c.getContext('2d');
    g.fillStyle = '#3b6e8f'; g.fillRect(0, 0, 320, 240);
    g.fillStyle = '#fff'; g.font = 'bold 26px sans-serif'; g.fillText('camera frame', 70, 125);
    const blob = await new Promise((r) => c.toBlob(r, 'image/jpeg', 0.85));
    const jpeg = new Uint8Array(await blob.arrayBuffer());
    const frame = new Uint8Array(jpeg.length + 1);
    frame[0] = 1;
    frame.set(jpeg, 1);
    ws.send(frame);
    await new Promise((r) => setTimeout(r, 1500));
    ws.send(JSON.stringify({ type: 'focus', state: 'lost' }));
    await next((m) => m.type === 'warning', 10000, 'the warning');
    ws.send(JSON.stringify({ type: 'focus', state: 'back' }));
  }
  // Answers go in windows of 16: a burst of 90 would overrun the server's
  // outbound queue (64 messages), which closes the connection.
  const saved = () => msgs.filter((m) => m.type === 'saved').length;
  const total = paper.questions.length;
  for (let k = 0; k < total; k++) {
    const q = paper.questions[k];
    const good = q.options.findIndex((o) => o.startsWith('Правильный'));
    const choice = k < right ? good : (good + 1) % q.options.length;
    ws.send(JSON.stringify({ type: 'answer', n: q.n, choice: [choice], seq: `a${q.n}` }));
    if ((k + 1) % 16 === 0 || k + 1 === total) await next(() => saved() >= k + 1, 15000, `${k + 1} saved`);
  }
  ws.send(JSON.stringify({ type: 'finish' }));
  const result = await next((m) => m.type === 'result', 15000, 'the result');
  ws.close();
  return {
    result, total,
    warning: msgs.find((m) => m.type === 'warning') ?? null,
    errors: msgs.filter((m) => m.type === 'error'),
  };
}

// ---- page helpers -------------------------------------------------------------

async function shot(page, name, fullPage = false) {
  await page.evaluate(() => document.querySelector('#toasts')?.replaceChildren()).catch(() => {}); // toasts would cover the page
  await screenshot(page, name, { fullPage, caret: 'initial' }); // 'hide' injects a <style>, which the CSP refuses
}

const text = (page, sel) => textOf(page, sel, 5000);

function watchConsole(page, into) {
  page.on('console', (m) => {
    if (m.type() !== 'error' || /Failed to load resource/.test(m.text())) return; // 4xx answers are expected
    into.push(`${m.text()} [${page.url()}]`);
    log(`console error: ${m.text().slice(0, 100)}`);
  });
  page.on('pageerror', (e) => into.push(String(e)));
}

async function staffLogin(page, base, who) {
  await page.goto(`${base}/staff.html`);
  must(await visible(page, '#screen-login'), `${who.login}: the staff sign-in screen is shown`);
  await page.fill('#login', who.login);
  await page.fill('#password', who.password);
  await page.click('#login-form button[type=submit]');
}

/** No dictionary key (a word with an underscore) and no raw JSON in the page's text. */
async function checkTexts(page, where) {
  const found = await page.evaluate(async () => {
    const { STAFF } = await import('/staff/main.js');
    const body = document.body.innerText;
    const keys = Object.keys(STAFF.en).filter((k) => k.includes('_') && new RegExp(`(^|[^\\w-])${k}([^\\w-]|$)`).test(body));
    const json = /\{\s*"(error|message)"/.test(body);
    const missing = ['kk', 'ru'].flatMap((l) => Object.keys(STAFF.en).filter((k) => !(k in STAFF[l])).map((k) => `${l}:${k}`));
    return { keys, json, missing };
  });
  expect(found.keys.length === 0, `${where}: no untranslated keys on the page (${found.keys.join(', ') || 'none'})`);
  expect(!found.json, `${where}: no raw JSON on the page`);
  expect(found.missing.length === 0, `${where}: every string has kk and ru (${found.missing.slice(0, 5).join(', ') || 'all there'})`);
}

/** The whole page on a phone: the viewport made as tall as the page (a full-page shot would cut the scrollbar's width off). */
async function phoneShot(page, name) {
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 390, height: Math.min(h, 6000) });
  await shot(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
}

/** The candidate's results view: no key of exam/results.strings.js shown as such, no raw JSON, kk and ru complete. */
async function checkCandTexts(page, where) {
  const found = await page.evaluate(async () => {
    const { default: RESULTS } = await import('/exam/results.strings.js');
    const body = document.body.innerText;
    const keys = Object.keys(RESULTS.en).filter((k) => k.includes('_') && new RegExp(`(^|[^\\w-])${k}([^\\w-]|$)`).test(body));
    const json = /\{\s*"(error|message)"/.test(body);
    const missing = ['kk', 'ru'].flatMap((l) => Object.keys(RESULTS.en).filter((k) => !(k in RESULTS[l])).map((k) => `${l}:${k}`));
    return { keys, json, missing };
  });
  expect(found.keys.length === 0, `${where}: no untranslated keys on the page (${found.keys.join(', ') || 'none'})`);
  expect(!found.json, `${where}: no raw JSON on the page`);
  expect(found.missing.length === 0, `${where}: every string has kk and ru (${found.missing.slice(0, 5).join(', ') || 'all there'})`);
}

// ---- the test ---------------------------------------------------------------------

async function main() {
  log(`work dir ${work}`);
  const server = await startServer();
  const base = server.url;
  log(`server at ${base}`);
  let browser;
  const consoleErrors = [];
  try {
    const s = await setup(base);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: false, // the new headless mode is asked for in args
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const newPage = async (locale = 'ru-RU') => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
      const page = await ctx.newPage();
      watchConsole(page, consoleErrors);
      return page;
    };

    // 1. The candidates sit the theory stage.
    const wsUrl = base.replace(/^http/, 'ws');
    const cand = await newPage();
    await cand.goto(`${base}/verify.html`);
    const a = await cand.evaluate(sitInPage, { url: `${wsUrl}/ws/exam/${s.A.session}?token=${encodeURIComponent(s.A.token)}`, right: 90, violation: true });
    must(a.result.passed === true && a.result.correct === 90, `candidate A passed the theory: ${a.result.correct}/${a.result.total}`);
    expect(a.warning?.violation === 'focus_lost', `candidate A got one warning for focus_lost (${JSON.stringify(a.warning)})`);
    expect(a.errors.length === 0, `no error frames for A (${JSON.stringify(a.errors.slice(0, 2))})`);
    const b = await cand.evaluate(sitInPage, { url: `${wsUrl}/ws/exam/${s.B.session}?token=${encodeURIComponent(s.B.token)}`, right: 30, violation: false });
    must(b.result.passed === false && b.result.correct === 30, `candidate B failed the theory: ${b.result.correct}/${b.result.total}`);
    // C fails too, and its protocol is signed over HTTP at once (it stays out of the queue below):
    // the notice of the refusal has nowhere to go.
    const c = await cand.evaluate(sitInPage, { url: `${wsUrl}/ws/exam/${s.C.session}?token=${encodeURIComponent(s.C.token)}`, right: 20, violation: false });
    must(c.result.passed === false && c.result.correct === 20, `candidate C (no e-mail) failed the theory: ${c.result.correct}/${c.result.total}`);
    await cand.context().close();
    const kom = await http(base, 'POST', '/api/login', { json: { login: STAFF.commission.login, password: STAFF.commission.password } });
    const protC = await http(base, 'POST', `/api/sessions/${s.C.session}/protocol`, { token: kom.data?.token, json: {} });
    must([200, 201].includes(protC.status) && protC.data?.decision === 'not_passed' && protC.data?.notice_due,
      `C's protocol signed over HTTP: not passed, notice due ${protC.data?.notice_due} (${protC.status})`);
    const acts = await http(base, 'GET', `/api/sessions/${s.A.session}/acts`, { token: s.token });
    must(acts.status === 200 && acts.data.length === 1 && acts.data[0].status === 'draft', `one draft act for A (${JSON.stringify(acts.data)})`);
    expect(!!acts.data[0].evidence, `the act has an evidence image (${acts.data[0].evidence})`);

    // 2. The commission member: the queue.
    const page = await newPage();
    await staffLogin(page, base, STAFF.commission);
    must(await visible(page, '#screen-queue'), 'commission: the queue screen is shown');
    must(await visible(page, '#acts-list .card.act'), 'commission: the draft act is listed');
    await page.selectOption('#lang', 'ru');
    expect(/20\.03\.2026/.test(await text(page, '#queue-status')), `today shown as DD.MM.YYYY: "${await text(page, '#queue-status')}"`);
    expect(await page.locator('#acts-list .card.act').count() === 1, 'exactly one act in the queue');
    const actText = await text(page, '#acts-list .card.act');
    expect(actText.includes(CANDIDATES.A.full_name) && /focus_lost/.test(actText) && /20\.03\.2026 \d{2}:\d{2}/.test(actText),
      `the act shows the candidate, the kind and the time (${actText.slice(0, 160)}…)`);
    const imgOk = await page.waitForFunction(() => {
      const img = document.querySelector('#acts-list .card.act img.evidence');
      return img && img.complete && img.naturalWidth > 0 && img.src.startsWith('blob:');
    }, null, { timeout: 10000 }).then(() => true, () => false);
    expect(imgOk, 'the evidence image is fetched with the token and shown through a blob: URL');
    expect(await page.locator('#practical-list .card.practical[data-session="' + s.A.session + '"] .check-item').count() === 2,
      'A\'s checklist has its 2 items');
    expect((await text(page, '#practical-list .card.practical')).includes('Соединение труб'), 'the card items are in the chosen language (ru)');
    expect(await page.locator('#practical-list .check-item .badge.warn').count() === 1, 'one item marked mandatory');
    expect(await page.locator('#protocols-list .card.protocol').count() === 2, 'two protocols awaiting');
    const signA = page.locator(`#protocols-list .card.protocol[data-session="${s.A.session}"] button.sign`);
    const signB = page.locator(`#protocols-list .card.protocol[data-session="${s.B.session}"] button.sign`);
    expect(await signA.isDisabled(), 'A\'s protocol cannot be signed yet (draft act, checklist)');
    expect(await signB.isEnabled(), 'B\'s protocol is ready to sign');
    expect(DMY_RE.test(await text(page, `#protocols-list .card.protocol[data-session="${s.A.session}"]`)), 'protocol_due shown as DD.MM.YYYY');
    await checkTexts(page, 'commission queue (ru)');
    await shot(page, 'commission-queue', true);

    // Overdue items: the server's clock has nothing overdue yet, so the queue's
    // answer is altered on the way in (B's sitting overdue since 18.03.2026).
    await page.route('**/api/commission/queue', async (route) => {
      const res = await route.fetch();
      const j = await res.json();
      for (const p of j.protocols) if (p.session === s.B.session) Object.assign(p, { overdue: true, protocol_due: '2026-03-18' });
      j.overdue = 1;
      await route.fulfill({ response: res, json: j });
    });
    await page.click('#queue-reload');
    await page.waitForFunction(() => /1/.test(document.querySelector('#queue-status .overdue-count')?.textContent ?? ''), null, { timeout: 5000 }).catch(() => {});
    const first = page.locator('#protocols-list .card.protocol').first();
    expect(Number(await first.getAttribute('data-session')) === s.B.session, 'an overdue protocol is listed first');
    const badgeText = await first.locator('.badge.bad').textContent().catch(() => '');
    expect(/18\.03\.2026/.test(badgeText ?? '') && /просрочено/.test(badgeText ?? ''), `red "overdue" badge with the due date: "${badgeText}"`);
    expect(await first.evaluate((e) => e.classList.contains('is-overdue')), 'the overdue card is marked');
    await page.locator('#protocols-title').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector('#protocols-title').scrollIntoView());
    await shot(page, 'commission-overdue');
    await page.unroute('**/api/commission/queue');
    await page.click('#queue-reload');
    await page.locator('#queue-status .overdue-count').waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});

    // The act: annul needs a reason; then confirm.
    const act = page.locator('#acts-list .card.act').first();
    await act.locator('button.act-annul').click();
    await act.locator('button.act-annul-submit').click();
    expect(/причину/.test(await act.locator('.error').textContent()), 'annulling without a reason is refused on the page');
    await act.locator('button.link-btn').click();
    await page.locator('#acts-list .card.act button.act-confirm').click();
    expect(await page.locator('#acts-list .card.act').waitFor({ state: 'detached', timeout: 10000 }).then(() => true, () => false),
      'act confirmed: it leaves the queue');
    const act2 = await http(base, 'GET', `/api/sessions/${s.A.session}/acts`, { token: s.token });
    expect(act2.data?.[0]?.status === 'confirmed' && act2.data[0].reviewed_by === STAFF.commission.login, `the act is confirmed by ${STAFF.commission.login}`);

    // The checklist of A: p1 done, p2 not done with a note.
    const card = page.locator(`#practical-list .card.practical[data-session="${s.A.session}"]`);
    await card.locator('.check-item[data-item="p1"] input[value="true"]').check();
    await card.locator('.check-item[data-item="p2"] input[value="false"]').check();
    await card.locator('.check-item[data-item="p2"] input.item-note').fill('Рабочее место не убрано');
    await card.locator('button.save-marks').click();
    const outcome = page.locator(`#practical-list .card.practical[data-session="${s.A.session}"] .outcome`);
    expect(await outcome.waitFor({ timeout: 10000 }).then(() => true, () => false), 'the outcome is shown after saving');
    const outText = (await outcome.textContent().catch(() => '')) ?? '';
    expect(/Практический этап пройден/.test(outText) && /Уборка рабочего места/.test(outText),
      `outcome: passed, the optional item not done ("${outText.slice(0, 140)}")`);
    expect(await card.locator('.check-item[data-item="p2"] input[value="false"]').isChecked(), 'the marks stay on the page after saving');
    await page.waitForFunction((id) => !document.querySelector(`#protocols-list .card.protocol[data-session="${id}"] button.sign`)?.disabled,
      s.A.session, { timeout: 10000 }).catch(() => {});
    expect(await signA.isEnabled(), 'A\'s protocol is ready to sign now');
    await shot(page, 'commission-scored', true);

    // Sign A's protocol: passed, the document code appears.
    await signA.click();
    const signedA = page.locator(`#signed-list .card.signed[data-session="${s.A.session}"]`);
    must(await signedA.waitFor({ timeout: 10000 }).then(() => true, () => false), 'A\'s protocol is signed');
    const codeA = ((await signedA.locator('.doc-code').textContent().catch(() => '')) ?? '').trim();
    expect(CODE_RE.test(codeA), `A's document code shown: ${codeA}`);
    // The staff's verification link carries the document's check value (with it the public page names the holder).
    const verifyA = await signedA.locator('a.doc-verify').elementHandle();
    expect(await page.waitForFunction((a) => /[?&]check=[0-9a-f]{12}$/.test(a.getAttribute('href') || ''), verifyA,
      { timeout: 10000 }).then(() => true, () => false), 'A\'s verify link carries the check value');
    expect(/Квалификация признана/.test(await signedA.textContent()), 'decision "passed" shown');
    expect(DMY_RE.test(await signedA.textContent()), 'appeal deadline and dates shown as DD.MM.YYYY');

    // Sign B's protocol: not passed, the appeal deadline.
    await signB.click();
    const signedB = page.locator(`#signed-list .card.signed[data-session="${s.B.session}"]`);
    must(await signedB.waitFor({ timeout: 10000 }).then(() => true, () => false), 'B\'s protocol is signed');
    const bText = (await signedB.textContent()) ?? '';
    expect(/Квалификация не признана/.test(bText) && /теоретический этап не пройден/.test(bText), 'decision "not passed" with its reason');
    const protB = await http(base, 'GET', `/api/sessions/${s.B.session}/protocol`, { token: s.token });
    const until = protB.data?.appeal_until ?? '';
    const untilDmy = until.split('-').reverse().join('.');
    expect(until && bText.includes(untilDmy), `appeal deadline ${untilDmy} shown`);
    expect(await page.locator('#protocols-list .card.protocol').count() === 0, 'no protocols left to sign');
    await shot(page, 'commission-signed', true);

    // The document, fetched with the token and shown in a new window.
    const [popup] = await Promise.all([
      page.waitForEvent('popup', { timeout: 10000 }),
      signedA.locator('button.doc-open').click(),
    ]);
    await popup.waitForFunction((c) => document.body?.textContent.includes(c), codeA, { timeout: 10000 }).catch(() => {});
    const docText = (await popup.textContent('body').catch(() => '')) ?? '';
    expect(docText.includes(codeA) && docText.includes(CANDIDATES.A.full_name), 'the document opens in a new window');
    const rules = await popup.evaluate(() => document.adoptedStyleSheets.reduce((n, x) => n + x.cssRules.length, 0)).catch(() => 0);
    expect(rules > 5, `the document keeps its styles (${rules} CSS rules)`);
    await popup.setViewportSize({ width: 1000, height: 1300 }).catch(() => {});
    await shot(popup, 'document-window');
    await popup.close();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15000 }),
      signedA.locator('button.doc-pdf').click(),
    ]);
    expect(download.suggestedFilename() === `${codeA}.pdf`, `the PDF downloads as ${download.suggestedFilename()}`);
    const pdfPath = await download.path().catch(() => null);
    expect(pdfPath && readFileSync(pdfPath).subarray(0, 5).toString() === '%PDF-', 'the download is a PDF');

    // The same queue in Kazakh and English.
    await page.selectOption('#lang', 'kk');
    expect(/Комиссия кезегі/.test(await text(page, '#queue-title')), 'the page switches to Kazakh');
    await checkTexts(page, 'commission queue (kk)');
    await shot(page, 'commission-kk');
    await page.selectOption('#lang', 'en');
    expect(/Commission queue/.test(await text(page, '#queue-title')), 'the page switches to English');
    await checkTexts(page, 'commission queue (en)');
    await page.selectOption('#lang', 'ru');

    // 3. B, on the candidate page (a phone), opens the results and appeals through the form.
    // The page's "today" is the browser's clock: it is set to the server's (clock_start above).
    const cb = await newPage();
    await cb.context().clock.setFixedTime(new Date('2026-03-20T12:00:00+05:00'));
    await cb.setViewportSize({ width: 390, height: 844 });
    await cb.goto(`${base}/`);
    must(await visible(cb, '#screen-login'), 'candidate page: the sign-in screen is shown');
    await cb.fill('#login', CANDIDATES.B.login);
    await cb.fill('#password', CANDIDATES.B.password);
    await cb.click('#login-form button[type=submit]');
    must(await visible(cb, `#sittings .card`), 'B: the sitting is listed');
    await cb.click('#sittings .card button');
    must(await visible(cb, '#results-more .res-decision .decision'), 'B: the results show the commission decision');
    await visible(cb, '#results-more .appeal-form');
    const resText = await text(cb, '#results-more');
    expect(/30 из 90/.test(await text(cb, '#result-body')), `the theory result: "${await text(cb, '#result-body .score')}"`);
    expect(await cb.locator('#results-more .decision[data-decision="not_passed"]').count() === 1
      && /Квалификация не признана/.test(resText) && /теоретический этап не пройден/.test(resText),
    'results: decision "not passed" with its reason in words');
    expect(/Дата результатов\s*20\.03\.2026/.test(resText), 'results: the date of the results, 20.03.2026');
    expect(untilDmy === '01.04.2026' && (await text(cb, '#results-more .appeal-until')).includes('01.04.2026'),
      `results: the appeal deadline 01.04.2026 (protocol: ${untilDmy})`);
    expect(/Не допущен/.test(resText), 'results: the practical stage, not admitted');
    expect(/Нарушений не зафиксировано/.test(resText), 'results: no violation acts');
    expect(/осталось попыток — 1/.test(resText), 'results: the retake possibility (1 attempt left)');
    const notice = await cb.locator('#results-more .res-notice .notice-body').innerText().catch(() => '');
    expect(/квалификация по профессии «Слесарь-сантехник» не признана/.test(notice) && notice.includes('\n')
      && /01\.04\.2026/.test(notice), `results: the notice's text with its line breaks ("${notice.slice(0, 80)}…")`);
    expect(await cb.locator('#result-body .strong').count() === 0, 'the theory stage\'s "next step" gives way to the decision');
    expect(await cb.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
      'results: fit a 390 px screen without sideways scrolling');
    await checkCandTexts(cb, 'candidate results (ru)');
    await phoneShot(cb, 'cand-results');
    // The form: an empty reason is refused on the page; the counter counts.
    await cb.click('#results-more .appeal-submit');
    expect(/Напишите/.test(await text(cb, '#appeal-error')), `an empty appeal is refused on the page ("${await text(cb, '#appeal-error')}")`);
    const reason = 'Считаю, что вопросы 31–40 были сформулированы неоднозначно.\nПрошу пересмотреть результат.';
    await cb.fill('#appeal-reason', reason);
    expect((await text(cb, '#appeal-count')).startsWith(`${reason.length} из 4000`), `the counter: "${await text(cb, '#appeal-count')}"`);
    await cb.click('#results-more .appeal-submit');
    must(await visible(cb, '#results-more .res-appeal-item .appeal-status.registered'), 'B: the appeal is registered from the page');
    const apText = await text(cb, '#results-more .res-appeal-item');
    expect(/ожидает решения/.test(apText) && (await text(cb, '#results-more .res-appeal-item .decide-by')) === '01.04.2026',
      `the appeal's status and decide-by 01.04.2026 shown ("${apText.slice(0, 120)}")`);
    expect(await cb.locator('#results-more .appeal-form').count() === 0, 'the form gives way to the appeal');
    const apList = await http(base, 'GET', '/api/appeals', { token: s.B.token });
    const filed = (apList.data ?? []).find((a) => a.session === s.B.session);
    must(filed && filed.status === 'registered' && filed.reason === reason, `B's appeal registered (${JSON.stringify(apList.data)?.slice(0, 160)})`);
    const ap = { data: filed };
    await cb.selectOption('#lang', 'kk');
    const kkText = await text(cb, '#results-more');
    expect(/Біліктілік танылмады/.test(kkText) && /шешім күтілуде/.test(kkText), 'the results switch to Kazakh');
    await checkCandTexts(cb, 'candidate results (kk)');
    await cb.selectOption('#lang', 'ru');
    await phoneShot(cb, 'cand-appeal');

    // 4. The appeal commission member.
    const ap1 = await newPage();
    await staffLogin(ap1, base, STAFF.appeal);
    must(await visible(ap1, '#appeals-list .card.appeal'), 'appeal member: the appeal is listed');
    const listText = await text(ap1, '#appeals-list .card.appeal');
    const decideBy = ap.data.decide_by.split('-').reverse().join('.');
    expect(listText.includes(decideBy) && /ожидает решения/.test(listText), `decide_by ${decideBy} and the status shown`);
    await checkTexts(ap1, 'appeals list');
    await shot(ap1, 'appeals');
    await ap1.click('#appeals-list .card.appeal button.open-appeal');
    must(await visible(ap1, '#screen-appeal'), 'the appeal opens');
    must(await visible(ap1, 'table.answers tbody tr', 15000), 'the record is shown');
    expect(await ap1.locator('table.answers tbody tr').count() === 90, 'the answers table has 90 rows');
    expect(await ap1.locator('table.answers tbody tr.wrong').count() === 60, '60 answers marked wrong');
    await ap1.check('#only-wrong');
    expect(await ap1.locator('table.answers tbody tr').count() === 60, '"only the wrong answers" shows 60 rows');
    await ap1.uncheck('#only-wrong');
    const firstWrong = await text(ap1, 'table.answers tbody tr.wrong');
    expect(/Неверный ответ/.test(firstWrong) && /Правильный ответ/.test(firstWrong), 'a wrong row shows the chosen and the correct option');
    const body = await text(ap1, '#appeal-body');
    expect(body.includes(CANDIDATES.B.full_name), 'the record names the candidate');
    expect(/Квалификация не признана/.test(body), 'the record shows the protocol');
    expect(/Не допущен/.test(body), 'the practical stage: not admitted');
    expect(body.includes('вопросы 31–40'), 'the candidate\'s reason is shown');
    await checkTexts(ap1, 'appeal record');
    await shot(ap1, 'appeal-record');
    await shot(ap1, 'appeal-record-full', true);
    // no choice → refused on the page
    await ap1.click('button.decide');
    expect(/Выберите/.test(await text(ap1, '.decision-form .error')), 'an outcome must be chosen');
    // what the appeal commission upholds (issue 11): three outcomes, each explained
    expect(await ap1.locator('.decision-form input[name="outcome"]').count() === 3, 'three outcomes offered');
    const choices = await text(ap1, '.decision-form fieldset');
    expect(/Признать результат/.test(choices) && /Аннулировать результат/.test(choices) && /не засчитывается как попытка/.test(choices)
      && /Отказать/.test(choices), 'recognised, annulled and rejected with their explanations');
    expect(/Пока никто не проголосовал/.test(await text(ap1, '.votes-box')), 'no votes yet');
    await ap1.check('.decision-form input[name="outcome"][value="recognised"]');
    await ap1.click('button.decide');
    expect(/Укажите основания/.test(await text(ap1, '.decision-form .error')), 'recognising needs its reasons');
    await ap1.fill('#decision-reasons', 'Вопросы 31–40 признаны некорректными; результат пересчитан.');
    await ap1.click('button.decide');
    must(await visible(ap1, '#vote-dialog[open]'), 'the vote is confirmed in a dialog');
    expect(/готовится документ о признании квалификации/.test(await text(ap1, '#vote-dialog-what')),
      'the dialog says what happens: a document prepared');
    await checkTexts(ap1, 'appeal vote dialog');
    await shot(ap1, 'appeal-confirm');
    await ap1.click('#vote-dialog-cancel');
    expect(!(await ap1.locator('#vote-dialog[open]').count()) && await ap1.locator('.decision-form').count() === 1,
      'cancel: nothing is sent, the form stays');
    await ap1.click('button.decide');
    must(await visible(ap1, '#vote-dialog[open]'), 'the dialog again');
    await ap1.click('#vote-dialog-confirm');
    must(await visible(ap1, '.decision-box .doc-code', 10000), 'recognised: a document code appears');
    const codeB = await text(ap1, '.decision-box .doc-code');
    expect(CODE_RE.test(codeB) && codeB !== codeA, `B's document code: ${codeB}`);
    const decidedText = await text(ap1, '.decision-box');
    expect(/Апелляция удовлетворена: результат признан/.test(decidedText), 'the decision is shown');
    expect(decidedText.includes('результат пересчитан') && /apell/.test(decidedText), 'its reasons and the vote shown');
    expect(/контрольная сумма [0-9a-f]{64}/.test(decidedText), 'the minutes of the vote with their checksum');
    await shot(ap1, 'appeal-upheld');
    // the error path: deciding again is refused by the server, shown as words
    const again = await ap1.evaluate(async (id) => {
      const { api } = await import('/lib/api.js');
      try { await api('POST', `/api/appeals/${id}/decision`, { upheld: true, note: '' }); return 'accepted'; } catch (e) { return e.code; }
    }, ap.data.id);
    expect(again === 'appeal_decided', `a second decision is refused (${again})`);

    // The head of the centre signs both documents (Appendix 2): until then they are not valid.
    const pendingB = await http(base, 'GET', `/api/documents/${codeB}`);
    expect(pendingB.data?.status === 'pending_signature', `B's document awaits the head's signature (${pendingB.data?.status})`);
    const hd = await newPage();
    await staffLogin(hd, base, STAFF.head);
    must(await visible(hd, '#staff-nav a[data-view="signing"]'), 'head: the nav links to the documents to sign');
    await hd.click('#staff-nav a[data-view="signing"]');
    must(await visible(hd, `#signing-list .card.sign-doc[data-code="${codeA}"]`), 'head: A\'s document awaits the signature');
    expect(await hd.locator('#signing-list .card.sign-doc').count() === 2, 'head: two documents to sign');
    await checkTexts(hd, 'head signing (ru)');
    await shot(hd, 'head-to-sign', true);
    await hd.click(`#signing-list .card.sign-doc[data-code="${codeA}"] button.sign-document`);
    must(await visible(hd, '#doc-sign-dialog[open] #doc-sign-password'), 'head: the dialog asks for the password');
    expect(/юридически значимое/.test(await text(hd, '#doc-sign-legal')), 'head: the dialog says signing is a legal act');
    await hd.fill('#doc-sign-password', 'not-the-password');
    await hd.click('#doc-sign-confirm');
    expect(await hd.waitForFunction(() => /Неверный пароль/.test(document.querySelector('#doc-sign-error')?.textContent || ''),
      null, { timeout: 10000 }).then(() => true, () => false), 'head: a wrong password is refused in words by the field');
    await shot(hd, 'head-wrong-password');
    expect((await http(base, 'GET', `/api/documents/${codeA}`)).data?.status === 'pending_signature', 'a wrong password signs nothing');
    await hd.fill('#doc-sign-password', STAFF.head.password);
    await hd.click('#doc-sign-confirm');
    must(await visible(hd, `#signed-here .card.signed[data-code="${codeA}"]`), 'head: A\'s document signed');
    await hd.click(`#signing-list .card.sign-doc[data-code="${codeB}"] button.sign-document`);
    await hd.fill('#doc-sign-password', STAFF.head.password);
    await hd.click('#doc-sign-confirm');
    must(await visible(hd, `#signed-here .card.signed[data-code="${codeB}"]`), 'head: B\'s document signed');
    must(await visible(hd, '#signing-status'), 'head: the status line');
    expect(await hd.locator('#signing-list .card.sign-doc').count() === 0, 'head: nothing left to sign');
    await shot(hd, 'head-signed', true);

    // B's results again: the appeal upheld, the document with its verification link.
    await cb.click('#result-back');
    must(await visible(cb, '#sittings .card'), 'B: back to the list');
    await cb.click('#sittings .card button');
    must(await visible(cb, '#results-more .res-document .doc-code'), 'B: the results show the document');
    expect(await text(cb, '#results-more .res-document .doc-code') === codeB, `the document code ${codeB} shown`);
    // The holder's link carries the document's check value: with it the public page names the holder in full.
    const verifyHref = await cb.locator('#results-more .res-document a.doc-verify').getAttribute('href');
    const hrefParts = /^\/verify\.html\?code=([^&]+)&check=([0-9a-f]{12})$/.exec(verifyHref ?? '');
    expect(hrefParts && decodeURIComponent(hrefParts[1]) === codeB,
      `the link to the public verification page, with the check value (${verifyHref})`);
    expect(/^\d{2}\.\d{2}\.2031$/.test(await text(cb, '#results-more .res-document .valid-until')), 'valid until DD.MM.2031');
    const upText = await text(cb, '#results-more');
    expect(/удовлетворена/.test(await text(cb, '#results-more .res-appeal-item .appeal-status')) && upText.includes('результат пересчитан'),
      'the appeal\'s decision and note shown');
    expect(/квалификация признана/.test(upText) && !(await cb.locator('#results-more .res-retake').count()), 'upheld: no retake offered');
    expect(!/не признана/i.test(upText) && await cb.locator('#results-more .decision[data-decision="passed"]').count() === 1,
      'recognised by the appeal: never "not recognised" beside "recognised"');
    await checkCandTexts(cb, 'candidate document (ru)');
    await phoneShot(cb, 'cand-document');
    const [pdf] = await Promise.all([
      cb.waitForEvent('download', { timeout: 15000 }),
      cb.click('#results-more .res-document button.doc-pdf'),
    ]);
    const pdfB = await pdf.path().catch(() => null);
    expect(pdf.suggestedFilename() === `${codeB}.pdf` && pdfB && readFileSync(pdfB).subarray(0, 5).toString() === '%PDF-',
      `the candidate downloads the PDF (${pdf.suggestedFilename()})`);

    // 5. The public verification page: valid, opened from the holder's link (the QR code holds the same).
    const pub = await newPage();
    await pub.goto(`${base}${verifyHref}`);
    must(await visible(pub, '.status-big[data-status="valid"]'), 'verify: the document is valid');
    const vText = await text(pub, '#result');
    expect(vText.includes(CANDIDATES.B.full_name) && vText.includes('Слесарь-сантехник') && /Жарамды|жарамды/.test(vText) && /действителен/.test(vText),
      'verify: holder, profession, Kazakh and Russian labels');
    expect(await text(pub, 'dd.level') === '4', 'verify: NQF level 4');
    expect(/^\d{2}\.\d{2}\.2026$/.test(await text(pub, 'dd.issued')) && /^\d{2}\.\d{2}\.2031$/.test(await text(pub, 'dd.valid-until')),
      `verify: issued ${await text(pub, 'dd.issued')}, valid until ${await text(pub, 'dd.valid-until')}`);
    await shot(pub, 'verify-valid');
    await pub.setViewportSize({ width: 390, height: 844 }); // the QR code is scanned with a phone
    expect(await pub.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'verify: fits a phone screen without sideways scrolling');
    await shot(pub, 'verify-valid-phone');
    await pub.setViewportSize({ width: 1280, height: 900 });
    expect(await pub.locator('.holder-initials-note').count() === 0, 'verify: with the check value, no initials note');
    // The code alone (a serial is guessable): the holder by initials, and the page says why in both languages.
    await pub.goto(`${base}/verify.html?code=${codeB}`);
    must(await visible(pub, '.status-big[data-status="valid"]'), 'verify without the check value: still valid');
    const initials = CANDIDATES.B.full_name.split(/\s+/).map((w) => `${[...w][0]}.`).join(' ');
    const holderShown = await text(pub, 'dd.holder');
    expect(holderShown === initials, `verify without the check value: the holder as initials (${holderShown})`);
    expect(!(await text(pub, '#result')).includes(CANDIDATES.B.full_name), 'verify without the check value: no full name');
    const note = await text(pub, '.holder-initials-note');
    expect(/бас әріптерімен/.test(note) && /инициалами/.test(note), `verify: the initials are explained in Kazakh and Russian (${note})`);
    expect(await visible(pub, '#check'), 'verify: a field for the check value');
    await pub.fill('#check', hrefParts?.[2] ?? '');
    await pub.click('#verify-form button[type=submit]');
    await pub.waitForFunction((name) => document.querySelector('dd.holder')?.textContent === name, CANDIDATES.B.full_name, { timeout: 10000 })
      .catch(() => {});
    expect(await text(pub, 'dd.holder') === CANDIDATES.B.full_name && new URL(pub.url()).searchParams.get('check') === hrefParts?.[2],
      'verify: the check value typed in shows the full name and joins the address');
    await pub.goto(`${base}/verify.html?code=${codeB}`);
    await visible(pub, '.holder-initials-note');
    await shot(pub, 'verify-initials', true);

    // 6. The administrator revokes it.
    // The outbox (a round every 2 s) has mailed the others and given C's up: no address.
    let undelivered = [];
    for (let i = 0; i < 30; i++) {
      undelivered = (await http(base, 'GET', '/api/notices?undelivered=1', { token: s.token })).data ?? [];
      if (undelivered.length === 1 && undelivered[0].candidate === s.C.candidate && undelivered[0].attempts > 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const noticeC = undelivered.find((n) => n.candidate === s.C.candidate && n.kind === 'not_passed');
    must(noticeC?.failed === true && /e-mail/.test(noticeC.last_error) && undelivered.length === 1,
      `the outbox gave C's notice up, the only one not delivered (${JSON.stringify(undelivered).slice(0, 200)})`);
    const adm = await newPage();
    // The page's "today" is the browser's clock: set to the server's, then moved past the notice's due date.
    await adm.context().clock.setFixedTime(new Date('2026-03-20T12:00:00+05:00'));
    await staffLogin(adm, base, { login: 'admin', password: 'admin-secret-1' });
    must(await visible(adm, '#documents-tool'), 'admin: the documents tool is shown');
    expect(await visible(adm, '#queue-readonly'), 'admin: the queue is read-only');
    await adm.click('#revoke-form button[type=submit]');
    expect((await text(adm, '#revoke-error')).length > 0, 'revoking without a code is refused on the page');
    await adm.fill('#revoke-code', codeB);
    await adm.fill('#revoke-reason', 'Решение апелляционной комиссии отменено (тест).');
    await adm.click('#revoke-form button[type=submit]');
    must(await visible(adm, '#revoke-result .revoked-card'), 'admin: the document is revoked');
    expect((await text(adm, '#revoke-result')).includes(codeB), 'the revoked code is shown');
    await adm.locator('#documents-tool').scrollIntoViewIfNeeded();
    await shot(adm, 'admin-revoke');
    await adm.fill('#revoke-reason', 'ещё раз');
    await adm.click('#revoke-form button[type=submit]');
    await adm.waitForFunction(() => document.querySelector('#revoke-error')?.textContent, null, { timeout: 5000 }).catch(() => {});
    const revErr = await text(adm, '#revoke-error');
    expect(/уже отозван/.test(revErr) && !revErr.includes('{'), `a second revocation: the error in words ("${revErr}")`);

    // The notices not delivered: C's refusal, given up for want of an e-mail address.
    must(await visible(adm, '#notices-tool') && await visible(adm, `#notices-list .card.notice[data-candidate="${s.C.candidate}"]`),
      'admin: the section "notices not delivered" lists C\'s notice');
    expect(await adm.locator('#admin-nav a[href="#notices-title"]').innerText().catch(() => '') === 'Уведомления',
      'admin: the header links to the notices');
    const nCard = adm.locator(`#notices-list .card.notice[data-candidate="${s.C.candidate}"]`);
    expect(await adm.locator('#notices-list .card.notice').count() === 1, 'exactly one notice not delivered');
    const nText = (await nCard.innerText()) ?? '';
    const dueDmy = noticeC.due.split('-').reverse().join('.');
    expect(await nCard.getAttribute('data-kind') === 'not_passed' && /Результат: квалификация не признана/.test(nText)
      && nText.includes(`Кандидат №${s.C.candidate}`) && nText.includes('Результат признания квалификации'),
    `the notice: kind in words, candidate №${s.C.candidate}, subject ("${nText.slice(0, 120).replace(/\n/g, ' | ')}")`);
    expect(/доставка прекращена/.test(await text(adm, `#notices-list .card.notice[data-candidate="${s.C.candidate}"] .badge.given-up`)),
      'the notice is marked "given up"');
    expect(/нет адреса электронной почты/.test(await nCard.locator('.no-email').innerText().catch(() => '')), 'the recipient: "no e-mail address"');
    const nErr = await nCard.locator('.notice-error').innerText().catch(() => '');
    expect(/нет адреса электронной почты/.test(nErr) && /no e-mail address/.test(nErr), `the last error: no e-mail ("${nErr}")`);
    expect((await nCard.locator('.notice-due').innerText()) === dueDmy && /20\.03\.2026 \d{2}:\d{2}/.test(nText)
      && await nCard.locator('.badge.bad').count() === 0, `due ${dueDmy}, created 20.03.2026, not overdue yet`);
    expect(!(await nCard.locator('.notice-body').isVisible()), 'the text is hidden at first');
    await nCard.locator('button.notice-toggle').click();
    const nBody = await nCard.locator('.notice-body').innerText().catch(() => '');
    expect(await nCard.locator('.notice-body').isVisible() && nBody.includes('Рекомендации') && nBody.includes('\n')
      && await nCard.locator('.notice-body').textContent() === noticeC.body && await nCard.locator('button.notice-toggle').getAttribute('aria-expanded') === 'true',
    `"show text" reveals the body with its line breaks ("${nBody.slice(0, 60).replace(/\n/g, ' | ')}…")`);
    // A day past the due date: the red "overdue" badge.
    const after = new Date(`${noticeC.due}T12:00:00+05:00`);
    after.setUTCDate(after.getUTCDate() + 1);
    await adm.clock.setFixedTime(after);
    await adm.click('#notices-reload');
    await adm.waitForFunction(() => document.querySelector('#notices-list .card.notice .badge.bad'), null, { timeout: 5000 }).catch(() => {});
    const overdueText = await nCard.locator('.badge.bad').innerText().catch(() => '');
    expect(/просрочено/.test(overdueText) && overdueText.includes(dueDmy) && /Просрочено: 1/.test(await text(adm, '#notices-status')),
      `after ${dueDmy}: a red "overdue" badge ("${overdueText}")`);
    expect(await nCard.locator('.notice-body').isVisible(), 'the text stays open across a refresh');
    await checkTexts(adm, 'admin notices (ru)');
    await adm.locator('#notices-title').scrollIntoViewIfNeeded();
    await adm.evaluate(() => document.querySelector('#notices-title').scrollIntoView());
    await adm.setViewportSize({ width: 1280, height: 1250 }); // the whole card, its text open
    await shot(adm, 'admin-notices');
    await adm.setViewportSize({ width: 1280, height: 900 });
    await adm.selectOption('#lang', 'kk');
    expect(/Нәтиже: біліктілік танылмады/.test(await nCard.innerText()), 'the notice in Kazakh');
    await checkTexts(adm, 'admin notices (kk)');
    await adm.selectOption('#lang', 'ru');
    // Nothing left, and a failure of the list: words, never JSON.
    const onNotices = (u) => u.pathname === '/api/notices';
    await adm.route(onNotices, (route) => route.fulfill({ json: [] }));
    await adm.click('#notices-reload');
    await adm.waitForFunction(() => !document.querySelector('#notices-list .card'), null, { timeout: 5000 }).catch(() => {});
    expect(/Все уведомления доставлены/.test(await text(adm, '#notices-status')) && await adm.locator('#notices-list .card').count() === 0,
      `an empty list: "${await text(adm, '#notices-status')}"`);
    await adm.unroute(onNotices);
    await adm.route(onNotices, (route) => route.fulfill({ status: 503, json: { error: 'unavailable', message: 'База данных занята, повторите позже.' } }));
    await adm.click('#notices-reload');
    await adm.waitForFunction(() => document.querySelector('#notices-status.error'), null, { timeout: 5000 }).catch(() => {});
    const nStatus = await text(adm, '#notices-status');
    expect(nStatus === 'База данных занята, повторите позже.', `an error shows its message ("${nStatus}")`);
    await adm.unroute(onNotices);

    await pub.reload();
    must(await visible(pub, '.status-big[data-status="revoked"]'), 'verify: the document is revoked');
    expect((await text(pub, '.revoked-reason')).includes('отменено (тест)'), 'verify: the reason is shown');
    await shot(pub, 'verify-revoked');

    // 7. Unknown codes: a well-formed one from the URL, a typed malformed one.
    await pub.goto(`${base}/verify.html?code=43221-71260001-4-200326-0007-99999999`);
    expect(await visible(pub, '.status-big[data-status="notfound"]'), 'verify: an unknown code is "not found"');
    await pub.fill('#code', '12345');
    await pub.click('#verify-form button[type=submit]');
    await pub.waitForFunction(() => document.querySelector('#result code')?.textContent === '12345', null, { timeout: 5000 }).catch(() => {});
    expect(await visible(pub, '.status-big[data-status="notfound"]') && new URL(pub.url()).searchParams.get('code') === '12345',
      'verify: a typed code is checked and kept in the address');
    await shot(pub, 'verify-notfound');

    const unexpected = consoleErrors.filter((e) => !/Failed to load resource/.test(e));
    expect(unexpected.length === 0, `no errors in the pages' consoles (${unexpected.slice(0, 3).join(' | ')})`);
  } catch (e) {
    recordError(e);
  } finally {
    await shutdown(browser, server);
  }
}

await runTest(main, { work, outDir, shots });
