// Browser test of the application for recognition (issue 11, W1): the
// candidate's page (web/apply.html) and the staff's applications screen
// (web/staff.html, screens/applications.js).
//
// Starts the real server on loopback with a fixed clock (Friday 20 March 2026,
// 10:00 in Kazakhstan), a programme with a bank of 90 questions, a registrar
// and a head of the centre (POST /api/users). Then, in Chromium: a candidate
// registers on apply.html (Kazakh), fills the form, saves the draft, uploads a
// PDF (an identity document whose validity ended in January) and a PNG (a
// document of education), sees the required groups ticked and the defect the
// check finds (the expired identity document), and submits anyway; the
// registrar finds it at the top of the queue, sees that no contract can be
// concluded, downloads the PDF and prepares a refusal (the computed defect and
// an "other" one); the head signs it with the password, a wrong one first
// (the error in words, nothing signed); the candidate sees "refused" and the
// defects in words. Last the registrar types in a paper application and is
// shown the applicant's first password once. Screenshots (apply-*.png) go to
// $OUT_DIR; one of the form at a phone's size.
//
//   TANU_BIN=build/server/tanu node tests/browser/applications.mjs
//
// Env: TANU_BIN (required), OUT_DIR, CHROMIUM (default /usr/bin/chromium),
// KEEP=1 keeps the temp dir (server log). Exits 1 on any failure.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, log, expect, must, startServer as startTanu, recordError, shutdown, runTest, http, someIin, visible,
  setUp, text as textOf, adminToken,
} from './lib.mjs';

const { work, outDir, shots, shot: screenshot } = setUp('applications', 'apply-');

const PROG = 'WELDER-4';
const STAFF = {
  registrar: { login: 'tirkeushi', password: 'tirkeushi-secret-1', roles: ['registrar'] },
  head: { login: 'basshy', password: 'basshy-secret-1', roles: ['head'] },
};
const CAND = {
  login: 'aigerim.s', password: 'aigerim-secret-1', iin: someIin('9005154', 7), surname: 'Сапарова', name: 'Айгерім',
  patronymic: 'Нұрланқызы', birth_date: '1990-05-15', email: 'aigerim@example.kz', mobile_phone: '+7 701 234 56 78',
};
const PAPER = { iin: someIin('8511023', 3), surname: 'Омаров', name: 'Бауыржан', patronymic: 'Серікұлы', birth_date: '1985-11-02' };

// A minimal valid PDF and a 1×1 PNG, made here.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n'
  + '3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function setup(base) {
  const token = await adminToken(base);
  const prog = await http(base, 'POST', '/api/programmes', { token, json: {
    code: PROG, profession: 'Электр газымен дәнекерлеуші', oked: '25110', nkz: '72120001', nqf_level: 4,
    languages: ['kk', 'ru'], attempts: 2, modes: ['online', 'offline'],
    admission: { education_required: true, experience_years: 0 },
    theory: { questions: 90, minutes: 90, pass_percent: 70, pass_rule: 'above' },
  } });
  must(prog.status === 201, `programme created (got ${prog.status} ${JSON.stringify(prog.data)})`);
  const questions = Array.from({ length: 90 }, (_, i) => ({
    id: `q${i + 1}`, lang: 'kk', topic: 'қауіпсіздік', text: `Сұрақ ${i + 1}`,
    options: [`Дұрыс ${i + 1}`, `Қате ${i + 1}-1`, `Қате ${i + 1}-2`], correct: [0],
  }));
  const imp = await http(base, 'POST', `/api/programmes/${PROG}/questions`, { token, json: questions });
  must(imp.status === 200, `90 questions imported (got ${imp.status})`);
  for (const u of Object.values(STAFF)) {
    const r = await http(base, 'POST', '/api/users', { token, json: u });
    must(r.status === 201, `staff account ${u.login} (${u.roles}) created (got ${r.status} ${JSON.stringify(r.data)})`);
  }
  return { token };
}

// ---- page helpers -------------------------------------------------------------

async function shot(page, name, fullPage = false) {
  await page.evaluate(() => document.querySelector('#toasts')?.replaceChildren()).catch(() => {});
  await screenshot(page, name, { fullPage, caret: 'initial' });
}
const text = (page, sel) => textOf(page, sel, 5000);

function watchConsole(page, into) {
  page.on('console', (m) => {
    if (m.type() !== 'error' || /Failed to load resource/.test(m.text())) return;
    into.push(`${m.text()} [${page.url()}]`);
    log(`console error: ${m.text().slice(0, 120)}`);
  });
  page.on('pageerror', (e) => into.push(String(e)));
}

/** No catalogue key (a word with an underscore) and no raw JSON in the page's text; no Latin word in kk/ru. */
async function checkTexts(page, where, catalogueUrl, lang) {
  const found = await page.evaluate(async ({ url, lang }) => {
    const m = await import(url);
    const cat = m.ALL ?? m.default;
    const own = [cat, (await import('/apply/form.strings.js')).default, (await import('/apply/terms.strings.js')).default];
    const keys = own.flatMap((c) => Object.keys(c.en));
    const body = document.body.innerText;
    const shown = keys.filter((k) => k.includes('_') && new RegExp(`(^|[^\\w-])${k}([^\\w-]|$)`).test(body));
    const json = /\{\s*"(error|message)"/.test(body);
    // Codes are data, not words: the hash of a signature, a first password.
    const copy = document.querySelector('main').cloneNode(true);
    for (const e of copy.querySelectorAll('code, .sha, .initial-password, [hidden], noscript, .screen[hidden]')) e.remove();
    const main = copy.textContent;
    const latin = lang === 'en' ? [] : [...main.matchAll(/[A-Za-z][A-Za-z0-9]*/g)].map((x) => x[0]);
    return { shown, json, latin };
  }, { url: catalogueUrl, lang });
  // What the candidate or the staff typed in Latin letters is theirs (logins, e-mails, codes, file names).
  const typed = new Set(['WELDER', 'PDF', 'JPEG', 'PNG', 'SHA', 'example', 'kz', 'aigerim', 'kuelik', 'diplom', 'pdf', 'png', 'fake', 'notes', 'txt', 'basshy', 'tirkeushi', 'Tanu', 'komissiya', 'tor', 'mushe']);
  const latin = found.latin.filter((w) => !typed.has(w) && !/^\d/.test(w));
  expect(found.shown.length === 0, `${where}: no untranslated keys on the page (${found.shown.join(', ') || 'none'})`);
  expect(!found.json, `${where}: no raw JSON on the page`);
  expect(latin.length === 0, `${where}: no English word in the ${lang} page (${[...new Set(latin)].slice(0, 8).join(', ') || 'none'})`);
}

async function staffLogin(page, base, who) {
  await page.goto(`${base}/staff.html`);
  must(await visible(page, '#screen-login'), `${who.login}: the staff sign-in screen is shown`);
  await page.fill('#login', who.login);
  await page.fill('#password', who.password);
  await page.click('#login-form button[type=submit]');
}

/** The whole page on a phone: the viewport made as tall as the page. */
async function phoneShot(page, name) {
  await page.setViewportSize({ width: 390, height: 844 });
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 390, height: Math.min(h, 7000) });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name}: fits a phone without sideways scrolling`);
  await shot(page, name);
  await page.setViewportSize({ width: 1280, height: 900 });
}

// ---- the test ---------------------------------------------------------------------

async function main() {
  log(`work dir ${work}`);
  const server = await startTanu(work, {
    clock_start: '2026-03-20T10:00:00+05:00',
    centre: { name: '«Біліктілік» тану орталығы', number: 7, head: 'Серік Әбенов', document_valid_years: 5, public_url: 'https://tanu.example.kz' },
  }, { web: process.env.TANU_WEB || undefined });
  const base = server.url;
  log(`server at ${base}`);
  let browser;
  const consoleErrors = [];
  try {
    const probe = await http(base, 'POST', '/api/register', { json: {} });
    must(probe.status !== 404 && probe.status !== 405, `the server has POST /api/register (got ${probe.status})`);
    const s = await setup(base);
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: false,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const newPage = async (locale) => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, acceptDownloads: true });
      await ctx.clock.setFixedTime(new Date('2026-03-20T10:05:00+05:00'));
      const page = await ctx.newPage();
      watchConsole(page, consoleErrors);
      return page;
    };

    // 0. The exam page links to the application page.
    const cand = await newPage('de-DE'); // no kk, ru or en asked for: Kazakh by default
    await cand.goto(`${base}/`);
    expect(await visible(cand, '#screen-login .apply-link a[href="/apply.html"]'), 'the exam page links to apply.html');

    // 1. The candidate registers (Kazakh by default).
    await cand.goto(`${base}/apply.html`);
    must(await visible(cand, '#screen-login'), 'apply.html: the sign-in screen');
    expect(await cand.evaluate(() => document.documentElement.lang) === 'kk', 'the page is in Kazakh by default');
    await cand.click('#to-register');
    must(await visible(cand, '#screen-register'), 'the registration form');
    await cand.click('#reg-submit');
    expect(await cand.getAttribute('#reg-login', 'aria-invalid') === 'true' && /Толтырылмаған/.test(await text(cand, '#reg-login-err')),
      'empty registration: the fields are marked, in Kazakh');
    expect(await cand.evaluate(() => document.activeElement?.id) === 'reg-login', 'the focus goes to the first wrong field');
    for (const [k, v] of Object.entries(CAND)) await cand.fill(`#reg-${k}`, v);
    await cand.fill('#reg-password2', 'not-the-same');
    await cand.click('#reg-submit');
    expect(/сәйкес келмейді/.test(await text(cand, '#reg-password2-err')), 'two different passwords are refused on the page');
    await cand.fill('#reg-password2', CAND.password);
    await checkTexts(cand, 'registration (kk)', '/apply/strings.js', 'kk');
    await shot(cand, 'register', true);
    await cand.click('#reg-submit');
    must(await visible(cand, '#screen-mine'), 'registered: signed in, "my applications" shown');
    // the list loads after the screen shows: wait for its words, not for a moment
    expect(await cand.waitForFunction(() => /әлі өтініш жоқ/.test(document.querySelector('#mine-status')?.textContent || ''),
      null, { timeout: 10000 }).then(() => true, () => false), 'no application yet');
    const again = await http(base, 'POST', '/api/register', { json: { ...CAND, login: 'other-login' } });
    expect(again.status === 409 && again.data?.error === 'iin_registered', `the same IIN again: 409 iin_registered (${again.status} ${again.data?.error})`);

    // 2. The form.
    await cand.click('#mine-new');
    must(await visible(cand, '#ap-form'), 'the application form');
    expect(await cand.inputValue('#ap-f-surname') === CAND.surname && await cand.inputValue('#ap-f-iin') === CAND.iin,
      'the applicant is filled in from the registration');
    await cand.selectOption('#ap-f-programme', PROG);
    await cand.waitForFunction(() => document.querySelector('#ap-f-claimed_nqf_level')?.value === '4', null, { timeout: 5000 }).catch(() => {});
    expect(await cand.inputValue('#ap-f-claimed_nqf_level') === '4', 'the claimed level is the programme\'s (4)');
    expect(await cand.isChecked('#ap-f-language'), 'the language: Kazakh, the page\'s, among the programme\'s');
    await cand.fill('#ap-f-address', 'Астана қ., Абай даңғылы, 10-үй, 25-пәтер');
    await cand.fill('#ap-f-knowledge', 'Дәнекерлеу технологиясы, қауіпсіздік техникасы, сызбаларды оқу.');
    await cand.fill('#ap-f-skills', 'Электр доғалық дәнекерлеу, 8 жыл тәжірибе.');
    // Two modes when the programme settings (W11) keep them: then one is chosen.
    if (await cand.locator('#ap-f-mode-offline').count()) await cand.check('#ap-f-mode-offline');
    await cand.check('#ap-f-consent_pd_processing');
    await cand.check('#ap-f-consent_nqs_publication');
    await cand.click('#ap-save');
    must(await visible(cand, '#ap-att-type'), 'the draft is saved: documents can be attached');
    expect(/Сақталды/.test(await text(cand, '#ap-form-status')), 'the page says the draft is saved');
    expect(await visible(cand, '#ap-required li[data-group="identity"].unmet'), 'the identity group is required and not met yet');
    expect(await visible(cand, '#ap-defects li[data-code="attachment_missing"][data-subject="identity"] a'),
      'the defect "identity document missing" is listed, as a link');

    // The page refuses a file of another kind in words; then the server's refusal in words (answered here).
    await cand.selectOption('#ap-att-type', 'other');
    await cand.setInputFiles('#ap-att-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await cand.click('#ap-att-upload');
    await cand.waitForFunction(() => document.querySelector('#ap-att-error')?.textContent, null, { timeout: 5000 }).catch(() => {});
    expect(/пішімдер PDF, JPEG, PNG/.test(await text(cand, '#ap-att-error')), `a text file is refused in words: "${await text(cand, '#ap-att-error')}"`);
    const onAttach = /\/api\/applications\/\d+\/attachments\?/;
    await cand.route(onAttach, (route) => route.fulfill({ status: 415, json: { error: 'unsupported_file', message: 'not a PDF, JPEG or PNG' } }));
    await cand.setInputFiles('#ap-att-file', { name: 'fake.pdf', mimeType: 'application/pdf', buffer: PDF });
    await cand.evaluate(() => { document.querySelector('#ap-att-error').textContent = ''; });
    await cand.click('#ap-att-upload');
    await cand.waitForFunction(() => document.querySelector('#ap-att-error')?.textContent, null, { timeout: 5000 }).catch(() => {});
    const refused = await text(cand, '#ap-att-error');
    expect(/қабылданбайды/.test(refused) && !/not a PDF/.test(refused), `the server's refusal shown in words: "${refused}"`);
    await cand.unroute(onAttach);

    const attach = async (type, file, facts) => {
      await cand.selectOption('#ap-att-type', type);
      for (const [k, v] of Object.entries(facts)) await cand.fill(`#ap-att-${k}`, v);
      await cand.setInputFiles('#ap-att-file', file);
      await cand.click('#ap-att-upload');
      const ok = await cand.locator(`#ap-att-list li[data-type="${type}"]`).waitFor({ timeout: 10000 }).then(() => true, () => false);
      if (!ok) log(`upload of ${type}: "${await text(cand, '#ap-att-error')}" "${await text(cand, '#ap-att-status')}"`);
      return ok;
    };
    expect(await attach('id_document', { name: 'kuelik.pdf', mimeType: 'application/pdf', buffer: PDF },
      { number: '045612378', issuer: 'ІІМ', issue_date: '2016-01-10', valid_until: '2026-01-10' }), 'the PDF is attached (identity document)');
    expect(await attach('education_doc', { name: 'diplom.png', mimeType: 'image/png', buffer: PNG },
      { number: 'ТКБ 0012345', issuer: 'Астана политехникалық колледжі', issue_date: '2012-06-28' }), 'the PNG is attached (document of education)');
    // Education is required when the programme's admission (W11) says so.
    const education = await cand.locator('#ap-required li[data-group="education"]').count();
    expect(await visible(cand, '#ap-required li[data-group="identity"].met')
      && (!education || await visible(cand, '#ap-required li[data-group="education"].met')),
    `the required groups are ticked: identity${education ? ' and education' : ''}`);
    const defectLink = cand.locator('#ap-defects li[data-code="attachment_expired"] a');
    expect(await defectLink.count() === 1 && /Жеке куәлік: құжаттың қолданылу мерзімі өткен/.test(await defectLink.innerText()),
      `the check finds the expired identity document, in words ("${await defectLink.innerText().catch(() => '')}")`);
    expect(await cand.locator('#ap-defects li').count() === 1, `one defect only (${await text(cand, '#ap-defects')})`);
    await checkTexts(cand, 'the form (kk)', '/apply/strings.js', 'kk');
    await shot(cand, 'form', true);
    await phoneShot(cand, 'form-phone');
    await cand.selectOption('#lang', 'ru');
    expect(/Прикреплённые|Приложенные документы/.test(await text(cand, '#ap-att-list-title')) && /срок действия документа истёк/.test(await text(cand, '#ap-defects')),
      'the form in Russian');
    await checkTexts(cand, 'the form (ru)', '/apply/strings.js', 'ru');
    await cand.selectOption('#lang', 'kk');

    // Submit: the defects are said once more, then it is registered.
    await cand.click('#ap-submit');
    must(await visible(cand, '#ap-submit-anyway'), 'submitting with a defect asks first');
    await shot(cand, 'submit-confirm');
    await cand.click('#ap-submit-anyway');
    must(await visible(cand, '#screen-mine .card.application[data-status="registered"]'), 'submitted: the application is registered');
    const mine = await cand.evaluate(async () => (await import('/lib/api.js')).api('GET', '/api/applications/mine'));
    const app = mine[0];
    // 3 working days after Friday 20 March 2026, past Nauryz (the shipped calendar says which days it moves).
    expect(/^2026-\d{5}$/.test(app.reg_no ?? '') && app.registered_date === '2026-03-20' && app.check_due > '2026-03-24',
      `reg no ${app.reg_no}, registered ${app.registered_date}, check due ${app.check_due}`);
    const card = await text(cand, `#mine-list [data-application="${app.id}"]`);
    const dueDmy = String(app.check_due).split('-').reverse().join('.');
    expect(card.includes(app.reg_no) && card.includes(dueDmy) && /тексеруде/.test(card), `the card: reg no, the check's deadline ${dueDmy}, the status in words`);
    await shot(cand, 'mine-registered');

    // 3. The registrar: the queue, the application, the refusal.
    const reg = await newPage('ru-RU');
    await staffLogin(reg, base, STAFF.registrar);
    must(await visible(reg, '#screen-applications .card.application'), 'registrar: the applications are his home, one listed');
    const first = reg.locator('#applications-list .card.application').first();
    expect(Number(await first.getAttribute('data-application')) === app.id, 'the candidate\'s application is at the top of the queue');
    expect(/тирк|регистратор/.test(await text(reg, '#whoami')), `the role in words: ${await text(reg, '#whoami')}`);
    await checkTexts(reg, 'queue (ru)', '/staff/screens/applications.strings.js', 'ru');
    await shot(reg, 'queue');
    // Overdue: the answer altered on the way in.
    await reg.route('**/api/applications', async (route) => {
      const res = await route.fetch();
      const j = await res.json();
      for (const a of j.applications) if (a.id === app.id) Object.assign(a, { overdue: true, check_due: '2026-03-18' });
      j.overdue = 1;
      await route.fulfill({ response: res, json: j });
    });
    await reg.click('#applications-reload');
    await reg.waitForFunction(() => document.querySelector('#applications-count .overdue-count'), null, { timeout: 5000 }).catch(() => {});
    expect(/просрочена: 1/.test(await text(reg, '#applications-count')) && await first.evaluate((e) => e.classList.contains('is-overdue'))
      && /18\.03\.2026/.test(await first.locator('.badge.bad').innerText().catch(() => '')), 'an overdue one: highlighted, counted, its due date');
    await shot(reg, 'queue-overdue');
    await reg.unroute('**/api/applications');
    await reg.fill('#applications-q', CAND.iin);
    await reg.click('#applications-filter button[type=submit]');
    await reg.waitForTimeout(300);
    expect(await reg.locator('#applications-list .card').count() === 1, 'the search by IIN finds it');

    await first.locator('button.open-application').click();
    must(await visible(reg, '#application-body .check-view'), 'the application is opened');
    const body = await text(reg, '#application-body');
    expect(body.includes(CAND.iin) && body.includes('Астана қ., Абай') && /онлайн|очно/.test(body) && body.includes('045612378'),
      'every field and the documents are shown');
    expect(await reg.locator('button.conclude').isDisabled() && /нельзя заключить/.test(await text(reg, '#aq-contract-blocked')),
      'no contract while the check finds a defect: disabled, with the reason');
    const [download] = await Promise.all([
      reg.waitForEvent('download', { timeout: 10000 }),
      reg.locator('#application-body li.att[data-type="id_document"] button.att-download').click(),
    ]);
    const got = await download.path().catch(() => null);
    expect(got && readFileSync(got).subarray(0, 5).toString() === '%PDF-', `the PDF downloads with the token (${download.suggestedFilename()})`);
    await checkTexts(reg, 'application (ru)', '/staff/screens/applications.strings.js', 'ru');
    await shot(reg, 'application', true);

    await reg.click('button.prepare-refusal');
    must(await visible(reg, '.refusal-form'), 'the refusal form');
    expect(await reg.locator('.refusal-form li.refusal-defect[data-code="attachment_expired"]').count() === 1, 'the computed defect is pre-filled');
    await reg.click('.refusal-form button.add-other');
    await reg.click('.refusal-form button.send-refusal');
    expect(/в чём недостаток/i.test(await text(reg, '#aq-refusal-error')), 'an "other" defect needs a note');
    await reg.fill('.refusal-form li.other textarea', 'Фотография в удостоверении не читается.');
    await reg.fill('#aq-reasoning', 'Согласно пункту 5 Правил: представлен документ, удостоверяющий личность, с истёкшим сроком действия.');
    await shot(reg, 'refusal-form', true);
    await reg.click('.refusal-form button.send-refusal');
    await reg.waitForFunction(() => /ждёт подписи/.test(document.querySelector('#application-body .app-status')?.textContent ?? ''), null, { timeout: 10000 }).catch(() => {});
    expect(/ждёт подписи/.test(await text(reg, '#application-body .app-status')), 'refusal prepared: awaiting the head');

    // 4. The head signs (a wrong password first).
    const head = await newPage('ru-RU');
    await staffLogin(head, base, STAFF.head);
    must(await visible(head, `#applications-list [data-application="${app.id}"]`), 'head: the application is listed');
    await head.click(`#applications-list [data-application="${app.id}"] button.open-application`);
    must(await visible(head, 'button.sign-refusal'), 'head: "sign the refusal"');
    expect(await head.locator('button.prepare-refusal, button.conclude').count() === 0, 'head: no registrar\'s actions');
    await head.click('button.sign-refusal');
    must(await visible(head, '#sign-dialog'), 'the signing dialog');
    expect(/юридически значимое/.test(await text(head, '#sign-legal')), 'the dialog says signing is a legal act');
    await head.fill('#sign-password', 'wrong-password');
    await head.click('#sign-confirm');
    await head.waitForFunction(() => document.querySelector('#sign-error')?.textContent, null, { timeout: 10000 }).catch(() => {});
    expect(/Неверный пароль: ничего не подписано/.test(await text(head, '#sign-error')) && await head.isVisible('#sign-dialog')
      && await head.getAttribute('#sign-password', 'aria-invalid') === 'true', `a wrong password: the error in words, the dialog stays ("${await text(head, '#sign-error')}")`);
    expect(await head.isVisible('#screen-application'), 'a wrong password does not sign the head out');
    await shot(head, 'sign-wrong');
    const still = await http(base, 'GET', `/api/applications/${app.id}`, { token: s.token });
    expect(still.data?.status === 'refusal_prepared' && !still.data?.refusal?.signed, 'nothing changed after the wrong password');
    await head.fill('#sign-password', STAFF.head.password);
    await head.click('#sign-confirm');
    await head.waitForFunction(() => /отказано/.test(document.querySelector('#application-body .app-status')?.textContent ?? ''), null, { timeout: 10000 }).catch(() => {});
    expect(/отказано/.test(await text(head, '#application-body .app-status')) && !(await head.isVisible('#sign-dialog')), 'signed: refused');
    expect(/Подписал: basshy/.test(await text(head, '.refusal-box')) && /[0-9a-f]{64}/.test(await text(head, '.refusal-box .sha')), 'the signature and the hash are shown');
    await shot(head, 'signed', true);
    await head.selectOption('#lang', 'kk');
    expect(/бас тартылды/.test(await text(head, '#application-body .app-status')), 'the head\'s view in Kazakh');
    await checkTexts(head, 'signed (kk)', '/staff/screens/applications.strings.js', 'kk');

    // 5. The candidate sees the refusal in words.
    await cand.click('#mine-reload');
    must(await visible(cand, `#mine-list [data-application="${app.id}"][data-status="refused"]`), 'candidate: refused');
    const refusal = await text(cand, `#mine-list [data-application="${app.id}"] .refusal-box`);
    expect(/Жеке куәлік: құжаттың қолданылу мерзімі өткен/.test(refusal) && refusal.includes('Фотография в удостоверении не читается')
      && refusal.includes('пункту 5 Правил'), 'the refusal: each defect in words and the reasoning');
    await checkTexts(cand, 'refused (kk)', '/apply/strings.js', 'kk');
    await phoneShot(cand, 'mine-refused-phone');

    // 6. A paper application entered by the registrar: the first password shown once.
    await reg.click('#application-back');
    await reg.click('#applications-paper');
    must(await visible(reg, '#ap-form'), 'the paper entry form');
    for (const [k, v] of Object.entries(PAPER)) await reg.fill(`#ap-f-${k}`, v);
    await reg.fill('#ap-f-address', 'Қарағанды қ., Бұқар жырау даңғылы, 5');
    await reg.fill('#ap-f-mobile_phone', '+7 702 111 22 33');
    await reg.selectOption('#ap-f-programme', PROG);
    await reg.check('#ap-f-language-ru').catch(() => {});
    await reg.fill('#ap-f-knowledge', 'Сварочные работы.');
    await reg.fill('#ap-f-skills', 'Ручная дуговая сварка, 12 лет.');
    await reg.check('#ap-f-consent_pd_processing');
    await reg.click('#ap-save');
    must(await visible(reg, '.account-box .initial-password'), 'the applicant\'s first password is shown');
    const pw = (await text(reg, '.account-box .initial-password')).replace(/^.*:\s*/, '');
    expect(pw.length === 12 && /Показывается один раз/.test(await text(reg, '.account-box')), `a 12-character password, shown once (${pw.length})`);
    await shot(reg, 'paper-password');
    const login = await http(base, 'POST', '/api/login', { json: { login: PAPER.iin, password: pw } });
    expect(login.status === 200, `the applicant signs in with the IIN and that password (${login.status})`);
    await reg.click('#ap-submit');
    if (await visible(reg, '#ap-submit-anyway', 3000)) await reg.click('#ap-submit-anyway');
    must(await visible(reg, '#screen-application #application-body .check-view'), 'the paper application is registered: its page');
    const paper = await text(reg, '#application-body');
    expect(/на бумаге, в центре/.test(paper) && /зарегистрировано/.test(await text(reg, '#application-body .app-status')) && paper.includes(pw),
      'registered from paper; the first password still shown on its page');
    await checkTexts(reg, 'paper application (ru)', '/staff/screens/applications.strings.js', 'ru');

    // 6. The registrar forms the exam commission on its screen (W4): a chair and a member who serve WELDER-4.
    for (const login of ['komissiya-tor', 'komissiya-mushe']) {
      const u = await http(base, 'POST', '/api/users', { token: s.token, json: { login, password: `${login}-secret-1`, role: 'commission' } });
      must(u.status === 201, `commission account ${login} (${u.status})`);
    }
    must(await visible(reg, '#staff-nav a[data-view="commissions"]'), 'the registrar reaches the commissions');
    await reg.click('#staff-nav a[data-view="commissions"]');
    must(await visible(reg, '#com-new'), 'the commissions screen');
    await reg.click('#com-new');
    must(await visible(reg, '.com-form #com-f-name'), 'the form of a new commission');
    await reg.fill('#com-f-name', 'Дәнекерлеушілердің емтихан комиссиясы');
    await reg.fill('#com-f-order_no', '14-П');
    await reg.fill('#com-f-order_date', '2026-03-02');
    await reg.fill('#com-f-valid_from', '2026-03-02');
    for (const [i, [login, office]] of [['komissiya-tor', 'chair'], ['komissiya-mushe', 'member']].entries()) {
      if (await reg.locator('.com-member').count() <= i) await reg.click('#com-add-member');
      const row = reg.locator('.com-member').nth(i);
      const who = row.locator('.com-member-user');
      if (await who.evaluate((e) => e.tagName === 'SELECT')) await who.selectOption(login); else await who.fill(login);
      await row.locator('.com-member-office').selectOption(office);
    }
    const prog = reg.locator(`.com-form input[type=checkbox][value="${PROG}"]`);
    if (await prog.count()) await prog.check(); else await reg.fill('.com-programmes input, .com-form fieldset input[type=text]', PROG);
    await shot(reg, 'commission-form', true);
    await reg.click('#com-save');
    expect(await reg.waitForFunction(() => /Дәнекерлеушілердің емтихан комиссиясы/.test(document.querySelector('#com-list')?.textContent || ''),
      null, { timeout: 10000 }).then(() => true, () => false), 'the commission is listed');
    const made = await http(base, 'GET', `/api/commissions?kind=exam&programme=${PROG}`, { token: s.token });
    expect(made.data?.length === 1 && made.data[0].members?.length === 2 && made.data[0].order_no === '14-П',
      `the commission is stored with its two members (${JSON.stringify(made.data?.[0]?.members ?? null)})`);
    await checkTexts(reg, 'commissions (ru)', '/staff/screens/commissions.strings.js', 'ru');
    await shot(reg, 'commissions', true);

    const unexpected = consoleErrors.filter((e) => !/Failed to load resource/.test(e));
    expect(unexpected.length === 0, `no errors in the pages' consoles (${unexpected.slice(0, 3).join(' | ')})`);
  } catch (e) {
    recordError(e);
  } finally {
    await shutdown(browser, server);
  }
}

await runTest(main, { work, outDir, shots });
