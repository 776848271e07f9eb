// Browser test of the back office (issue 11): the staff accounts, the
// candidates and the working-day calendar screens of web/staff.html
// (screens/accounts.js, candidates.js, calendar.js).
//
// Starts the real server on loopback. Over HTTP first: an administrator
// cannot disable himself (409 own_account), a registrar may not change
// accounts (403). Then in Chromium, the administrator (English) creates a
// staff account holding two roles (registrar and commission member), sees it
// listed with both, disables it: its open login ends at once (401) and
// signing in with it is refused on the page. Disabling his own account is
// refused in words. In Russian he registers a candidate, finds no ID photo on
// file, uploads a photo with two faces (refused in words: several faces),
// then the candidate's ID photo, which is shown (GET
// /api/candidates/{id}/photo, never cached), and finds the candidate by a
// part of the name. In Kazakh he marks Thursday 31 December 2026 a public
// holiday in the calendar: the day shows as a holiday and as the centre's
// change, and the server counts it so (working days). Every screen is
// photographed in kk, ru and en (backoffice-*.png in $OUT_DIR), and the kk
// and ru pages carry no catalogue key and no English word.
//
//   TANU_BIN=build/server/tanu node tests/browser/backoffice.mjs
//
// Env: TANU_BIN (required), OUT_DIR, CHROMIUM (default /usr/bin/chromium),
// KEEP=1 keeps the temp dir (server log, images). Exits 1 on any failure.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, log, expect, must, startServer, recordError, shutdown, runTest, http, someIin, visible, setUp, text, adminToken,
} from './lib.mjs';

const { work, outDir, shots, shot: screenshot } = setUp('backoffice', 'backoffice-');
const HERE = dirname(fileURLToPath(import.meta.url));
const PY = '/usr/bin/python3'; // Debian's: skimage and cv2 live there (make_camera.py)

const ADMIN = { login: 'admin', password: 'admin-secret-1' };
const CLERK = { login: 'tirkeushi', password: 'tirkeushi-secret-1' };
const CAND = { iin: someIin('9005154', 11), full_name: 'Сапарова Айгерім Нұрланқызы', login: 'aigerim.s', password: 'aigerim-secret-1' };
const HOLIDAY = '2026-12-31'; // a Thursday

async function shot(page, name, fullPage = true) {
  await page.evaluate(() => document.querySelector('#toasts')?.replaceChildren()).catch(() => {});
  await screenshot(page, name, { fullPage, caret: 'initial' });
}

function watchConsole(page, into) {
  page.on('console', (m) => {
    if (m.type() !== 'error' || /Failed to load resource/.test(m.text())) return;
    into.push(m.text());
    log(`console error: ${m.text().slice(0, 160)}`);
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

async function go(page, view) {
  await page.click(`#staff-nav a[data-view=${view}]`);
  must(await visible(page, `#screen-${view}`), `the ${view} screen is shown`);
}

/** No catalogue key and no raw JSON on the shown screen; in kk and ru no Latin word but what was typed. */
async function checkTexts(page, where, lang) {
  const found = await page.evaluate(async () => {
    const cats = await Promise.all(['/staff/screens/candidates.strings.js', '/staff/screens/accounts.strings.js',
      '/staff/screens/calendar.strings.js'].map((u) => import(u)));
    const keys = cats.flatMap((c) => Object.keys(c.default.en));
    const main = document.querySelector('.screen:not([hidden])');
    const body = main.innerText;
    const shown = keys.filter((k) => new RegExp(`(^|[^\\w-])${k}([^\\w-]|$)`).test(body));
    const copy = main.cloneNode(true);
    for (const e of copy.querySelectorAll('input')) e.remove();
    return { shown, json: /\{\s*"(error|message)"/.test(body), latin: [...copy.textContent.matchAll(/[A-Za-z][A-Za-z0-9]*/g)].map((x) => x[0]) };
  });
  const typed = new Set(['admin', 'reg0', 'tirkeushi', 'aigerim', 's', 'Tanu']); // logins typed by the staff
  const latin = lang === 'en' ? [] : found.latin.filter((w) => !typed.has(w));
  expect(found.shown.length === 0, `${where}: no untranslated keys (${found.shown.join(', ') || 'none'})`);
  expect(!found.json, `${where}: no raw JSON`);
  expect(latin.length === 0, `${where}: no English word in ${lang} (${[...new Set(latin)].slice(0, 8).join(', ') || 'none'})`);
}

async function main() {
  execFileSync(PY, [join(HERE, 'make_camera.py'), join(work, 'img')], { stdio: 'inherit' });
  const photo = join(work, 'img', 'id_photo.jpg');
  const twoFaces = join(work, 'img', 'two_faces.png');

  const server = await startServer(work);
  const base = server.url;
  let browser;
  const errors = [];
  try {
    const token = await adminToken(base);
    const me = await http(base, 'GET', '/api/me', { token });
    const self = await http(base, 'PUT', `/api/users/${me.data.user}`, { token, json: { disabled: true } });
    expect(self.status === 409 && self.data?.error === 'own_account', `HTTP: an administrator cannot disable himself (got ${self.status} ${JSON.stringify(self.data)})`);
    const demote = await http(base, 'PUT', `/api/users/${me.data.user}`, { token, json: { roles: ['registrar'] } });
    expect(demote.status === 409 && demote.data?.error === 'own_account', `HTTP: nor drop his own admin role (got ${demote.status})`);
    const reg = await http(base, 'POST', '/api/users', { token, json: { login: 'reg0', password: 'reg0-secret-1', roles: ['registrar'] } });
    must(reg.status === 201, 'HTTP: a registrar account made');
    const regLogin = await http(base, 'POST', '/api/login', { json: { login: 'reg0', password: 'reg0-secret-1' } });
    const regPut = await http(base, 'PUT', `/api/users/${reg.data.id}`, { token: regLogin.data.token, json: { disabled: true } });
    expect(regPut.status === 403, `HTTP: a registrar may not change accounts (got ${regPut.status})`);
    const regSearch = await http(base, 'GET', '/api/candidates?q=', { token: regLogin.data.token });
    expect(regSearch.status === 200 && Array.isArray(regSearch.data), `HTTP: a registrar may search the candidates (got ${regSearch.status})`);
    const long = await http(base, 'GET', `/api/candidates?q=${'x'.repeat(101)}`, { token });
    expect(long.status === 422, `HTTP: a search text over 100 characters is refused (got ${long.status})`);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await ctx.newPage();
    watchConsole(page, errors);
    page.on('dialog', (d) => d.accept());
    await staffLogin(page, base, ADMIN);
    must(await visible(page, '#screen-queue'), 'admin: the home view after sign-in');
    await page.selectOption('#lang', 'en');

    // ---- staff accounts (English) ------------------------------------------------
    await go(page, 'accounts');
    must(await visible(page, '.ac-row[data-login=admin]'), 'accounts: the admin is listed');
    await page.click('#ac-new');
    await page.fill('#ac-f-login', CLERK.login);
    await page.fill('#ac-f-password', CLERK.password);
    await page.check('input[name=ac-new-role][value=registrar]');
    await page.check('input[name=ac-new-role][value=commission]');
    await page.click('#ac-create');
    must(await visible(page, `.ac-row[data-login=${CLERK.login}]`), 'accounts: the new account is listed');
    const rolesText = await text(page, `.ac-row[data-login=${CLERK.login}] td:nth-child(2)`);
    expect(/registrar/.test(rolesText) && /commission member/.test(rolesText), `accounts: listed with both roles (${rolesText})`);
    const users = await http(base, 'GET', '/api/users', { token });
    const clerk = users.data.find((u) => u.login === CLERK.login);
    expect(clerk && [...clerk.roles].sort().join() === 'commission,registrar', `HTTP: the account holds both roles (${JSON.stringify(clerk?.roles)})`);
    const clerkLogin = await http(base, 'POST', '/api/login', { json: CLERK });
    must(clerkLogin.status === 200, 'the new account can sign in before it is disabled');
    expect((await http(base, 'GET', '/api/me', { token: clerkLogin.data.token })).status === 200, 'its login works');
    await shot(page, 'accounts-en');

    await page.click(`.ac-row[data-login=${CLERK.login}] .ac-toggle`);
    await page.waitForFunction((l) => document.querySelector(`.ac-row[data-login="${l}"]`)?.classList.contains('is-disabled'), CLERK.login, { timeout: 10000 })
      .catch(() => {});
    expect(/disabled/.test(await text(page, `.ac-row[data-login=${CLERK.login}] td:nth-child(3)`)), 'accounts: the account shows as disabled');
    expect((await http(base, 'GET', '/api/me', { token: clerkLogin.data.token })).status === 401, 'its open login ended at once (401)');
    expect((await http(base, 'POST', '/api/login', { json: CLERK })).status === 401, 'HTTP: signing in with it is refused');

    await page.click('.ac-row[data-login=admin] .ac-toggle');
    // the row's error paragraph is there (empty) before the server answers: wait for its words
    await page.waitForFunction(() => document.querySelector('.ac-row[data-login=admin] .error')?.textContent.trim(), null,
      { timeout: 5000 }).catch(() => {});
    const own = await page.locator('.ac-row[data-login=admin] .error').first().textContent({ timeout: 5000 }).catch(() => '');
    expect(/cannot disable your own account/.test(own), `accounts: disabling oneself is refused in words (${own.trim()})`);
    await shot(page, 'accounts-refused-en');

    // the disabled account at the sign-in form
    const other = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const p2 = await other.newPage();
    await staffLogin(p2, base, CLERK);
    await p2.waitForFunction(() => document.querySelector('#login-error')?.textContent.trim(), null, { timeout: 10000 }).catch(() => {});
    const refused = await text(p2, '#login-error');
    expect(refused.length > 0 && (await p2.locator('#screen-login').isVisible()), `sign-in: the disabled account is refused (${refused})`);
    await shot(p2, 'login-refused-en', false);
    await other.close();

    // ---- candidates (Russian) -----------------------------------------------------
    await page.selectOption('#lang', 'ru');
    await go(page, 'candidates');
    await page.click('#cd-new');
    await page.fill('#cd-f-iin', CAND.iin);
    expect(await page.inputValue('#cd-f-birth_date') === '1990-05-15', 'candidates: the date of birth is taken from the IIN');
    await page.fill('#cd-f-full_name', CAND.full_name);
    await page.fill('#cd-f-login', CAND.login);
    await page.fill('#cd-f-password', CAND.password);
    await page.click('#cd-create');
    must(await visible(page, '#cd-card'), 'candidates: the new candidate\'s card opens');
    must(await visible(page, '#cd-photo-none'), 'candidates: no ID photo on file yet');
    const cand = (await http(base, 'GET', `/api/candidates?q=${CAND.iin}`, { token })).data?.[0];
    must(cand?.full_name === CAND.full_name, `HTTP: found by the IIN (${JSON.stringify(cand)})`);
    const none = await http(base, 'GET', `/api/candidates/${cand.id}/photo`, { token });
    expect(none.status === 404 && none.data?.error === 'no_photo', `HTTP: no photo yet is 404 no_photo (got ${none.status})`);
    await shot(page, 'candidate-new-ru');

    await page.setInputFiles('#cd-photo-file', twoFaces);
    await page.click('#cd-photo-send');
    await page.waitForFunction(() => document.querySelector('#cd-photo-error')?.textContent.trim(), null, { timeout: 20000 }).catch(() => {});
    const bad = await text(page, '#cd-photo-error');
    expect(/несколько лиц/.test(bad), `candidates: a photo with two faces is refused in words (${bad})`);
    await shot(page, 'candidate-photo-refused-ru');

    await page.setInputFiles('#cd-photo-file', photo);
    await page.click('#cd-photo-send');
    must(await visible(page, '#cd-photo', 20000), 'candidates: the ID photo is shown');
    const natural = await page.locator('#cd-photo').evaluate((img) => img.decode().then(() => img.naturalWidth, () => 0));
    expect(natural > 0, `candidates: the photo is an image (${natural} px wide)`);
    const got = await fetch(`${base}/api/candidates/${cand.id}/photo`, { headers: { Authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await got.arrayBuffer());
    expect(got.status === 200 && bytes.equals(readFileSync(photo)), 'HTTP: the photo on file is the file uploaded');
    expect(/no-store/.test(got.headers.get('cache-control') || ''), `HTTP: the photo is never cached (${got.headers.get('cache-control')})`);
    expect(got.headers.get('content-type') === 'image/jpeg', `HTTP: served as image/jpeg (${got.headers.get('content-type')})`);
    const anon = await http(base, 'GET', `/api/candidates/${cand.id}/photo`);
    expect(anon.status === 401, `HTTP: not without a login (got ${anon.status})`);
    const candLogin = await http(base, 'POST', '/api/login', { json: { login: CAND.login, password: CAND.password } });
    const asCand = await http(base, 'GET', `/api/candidates/${cand.id}/photo`, { token: candLogin.data?.token });
    expect(asCand.status === 403, `HTTP: staff only, not the candidate (got ${asCand.status})`);
    await shot(page, 'candidate-photo-ru');
    await checkTexts(page, 'candidates (ru)', 'ru');

    await page.fill('#cd-q', 'айгерім');
    await page.click('#cd-search button[type=submit]');
    await page.waitForFunction((id) => document.querySelector(`.cd-row[data-id="${id}"]`), cand.id, { timeout: 10000 }).catch(() => {});
    expect(await page.locator(`.cd-row[data-id="${cand.id}"]`).count() === 1, 'candidates: found by a part of the name, in lower case');
    expect(/есть/.test(await text(page, `.cd-row[data-id="${cand.id}"] td:nth-child(5)`)), 'candidates: the list says the photo is on file');

    // ---- calendar (Kazakh) ----------------------------------------------------------
    await page.selectOption('#lang', 'kk');
    await go(page, 'calendar');
    await page.waitForFunction(() => document.querySelector('#cal-year-label')?.textContent, null, { timeout: 10000 });
    for (let i = 0; i < 10; i++) {
      const y = Number(await text(page, '#cal-year-label'));
      if (y === 2026) break;
      await page.click(y > 2026 ? '#cal-prev' : '#cal-next');
      await page.waitForFunction((want) => document.querySelector('#cal-year-label')?.textContent === String(want), y > 2026 ? y - 1 : y + 1);
    }
    must(await visible(page, `.cal-day[data-date="${HOLIDAY}"]`), 'calendar: 2026 is drawn as months');
    expect(await page.locator('.cal-day[data-date="2026-01-01"]').evaluate((b) => b.classList.contains('cal-holiday') && !b.classList.contains('cal-changed')),
      'calendar: 1 January is a shipped holiday');
    expect(await page.locator('.cal-day.cal-changed').count() === 0, 'calendar: nothing changed by the centre yet');
    const before = await http(base, 'GET', '/api/calendar/working-days?from=2026-12-30&days=1');
    expect(before.data?.date === HOLIDAY, `HTTP: 31 December is a working day before (${before.data?.date})`);
    await page.click(`.cal-day[data-date="${HOLIDAY}"]`);
    await page.selectOption('#cal-f-kind', 'holiday');
    await page.fill('#cal-f-note', 'Жаңа жыл қарсаңы');
    await page.click('#cal-save');
    await page.waitForFunction((d) => document.querySelector(`.cal-day[data-date="${d}"]`)?.classList.contains('cal-holiday'), HOLIDAY, { timeout: 10000 }).catch(() => {});
    expect(await page.locator(`.cal-day[data-date="${HOLIDAY}"]`).evaluate((b) => b.classList.contains('cal-holiday') && b.classList.contains('cal-changed')),
      'calendar: 31 December shows as a holiday and as the centre\'s change');
    const year = await http(base, 'GET', '/api/calendar/2026');
    const day = year.data?.days?.find((d) => d.date === HOLIDAY);
    expect(day?.kind === 'holiday' && day.shipped === false, `HTTP: the day is a holiday, not shipped (${JSON.stringify(day)})`);
    expect(year.data?.days?.filter((d) => !d.shipped).length === 1, 'HTTP: the other days are still as shipped');
    const after = await http(base, 'GET', '/api/calendar/working-days?from=2026-12-30&days=1');
    expect(after.status === 409 || after.data?.date !== HOLIDAY, `HTTP: 31 December is no longer counted as a working day (${after.status} ${JSON.stringify(after.data)})`);
    await shot(page, 'calendar-kk');
    await checkTexts(page, 'calendar (kk)', 'kk');

    // ---- every screen in every language ----------------------------------------------
    for (const lang of ['kk', 'ru', 'en']) {
      await page.selectOption('#lang', lang);
      for (const view of ['accounts', 'candidates', 'calendar']) {
        await go(page, view);
        await page.waitForTimeout(300);
        if (view === 'calendar') await page.click('#cal-next').then(() => page.waitForTimeout(300)).then(() => page.click('#cal-prev'));
        await page.waitForTimeout(300);
        if (lang !== 'en') await checkTexts(page, `${view} (${lang})`, lang);
        await shot(page, `${view}-all-${lang}`);
      }
    }
    expect(errors.length === 0, `no console errors (${errors.slice(0, 3).join(' | ') || 'none'})`);
  } finally {
    await shutdown(browser, server);
  }
}

await runTest(main, { work, outDir, shots });
