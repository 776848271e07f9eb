// Browser test of the scheduling (issue 11, W2 and W3): the staff's
// scheduling screen (web/staff.html, screens/scheduling.js) and the
// candidate's exam card (web/index.html, exam/schedule.js).
//
// Starts the real server on loopback with a fixed clock (Wednesday 1 April
// 2026, 10:00 in Kazakhstan), a programme with a practical stage (both forms
// of exam), an exam commission, a registrar and a commission member. Over
// HTTP: a candidate registers, applies (in the centre), attaches his identity
// document, submits, and the registrar concludes the contract; a paper
// application registered and contracted ten working days ago (its notice
// overdue). Then in Chromium: the registrar sees the overdue contract first
// and marked, opens the other, sees the earliest lawful day (also the date's
// minimum), sends a day too early and is refused by the day's field with
// nothing else lost, then schedules both stages. The candidate sees the slot,
// no Start button but the time it opens; the exam page asked to start (a
// reload into the exam) says in words that it is not open yet. He reports an
// illness, is shown the term of the proof, a text file is refused, the PDF of
// the sheet is sent; the registrar opens the sheet, accepts it (the sitting
// voided, no attempt), sees the gap waived and sets the new date; the
// candidate sees why the first sitting closed and the new date. The overdue
// contract is scheduled and cancelled with a reason; last the commission
// records a technical failure of the new sitting (a confirmation first), and
// the candidate sees it voided. Screenshots (sched-*.png) in kk, ru and en go to $OUT_DIR.
//
//   TANU_BIN=build/server/tanu node tests/browser/scheduling.mjs
//
// Env: TANU_BIN (required), OUT_DIR, CHROMIUM (default /usr/bin/chromium),
// KEEP=1 keeps the temp dir (server log). Exits 1 on any failure.
import { chromium } from 'playwright-core';
import {
  CHROMIUM, log, expect, must, startServer as startTanu, shutdown, runTest, http, someIin, visible,
  setUp, text as textOf, adminToken, sleep,
} from './lib.mjs';

const { work, outDir, shots, shot: screenshot } = setUp('scheduling', 'sched-');

const NOW = '2026-04-01T10:00:00+05:00';
const PROG = 'TURNER-4';
const STAFF = {
  registrar: { login: 'tirkeushi', password: 'tirkeushi-secret-1', roles: ['registrar'] },
  commission: { login: 'komissiya', password: 'komissiya-secret-1', roles: ['commission'] },
};
const CAND = {
  login: 'daulet.k', password: 'daulet-secret-1', iin: someIin('9203114', 5), surname: 'Қасымов', name: 'Дәулет',
  patronymic: 'Ерланұлы', birth_date: '1992-03-11', email: 'daulet@example.kz', mobile_phone: '+7 702 111 22 33',
};
const PAPER = { iin: someIin('8807214', 2), surname: 'Ахметова', name: 'Гүлнар', patronymic: 'Сәкенқызы', birth_date: '1988-07-21' };
const PLACE = 'Астана, Сарыарқа даңғылы 5, 12-аудитория';
const WORKSHOP = 'Астана, Сарыарқа даңғылы 5, шеберхана';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n'
  + '3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const dmy = (iso) => iso.split('-').reverse().join('.');
const addDays = (iso, n) => new Date(Date.parse(`${iso}T12:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

function form(applicant, mode) {
  return {
    applicant: { address: 'Астана қ., Абай даңғылы 10', email: 'x@example.kz', mobile_phone: '+7 701 000 00 00', ...applicant },
    basis: 'own', purpose: 'qualification_level', programme: PROG, claimed_nqf_level: 4,
    knowledge: 'Токарлық станоктар, сызбалар.', skills: 'Бөлшектерді өңдеу, 6 жыл.', language: 'ru', mode,
    consents: { pd_processing: true, nqs_publication: true },
  };
}

async function setup(base) {
  const token = await adminToken(base);
  const prog = await http(base, 'POST', '/api/programmes', { token, json: {
    code: PROG, profession: 'Токарь', oked: '25620', nkz: '72230001', nqf_level: 4,
    languages: ['kk', 'ru'], attempts: 0, modes: ['online', 'offline'],
    admission: { education_required: false, experience_years: 0 },
    theory: { questions: 5, minutes: 30, pass_percent: 70, pass_rule: 'above' },
    practical: [{ id: 'p1', text: { kk: 'Білікті жону', ru: 'Обточить вал' }, mandatory: true }],
  } });
  must(prog.status === 201, `programme created (got ${prog.status} ${JSON.stringify(prog.data)})`);
  const questions = ['kk', 'ru'].flatMap((lang) => Array.from({ length: 5 }, (_, i) => ({
    id: `${lang}${i + 1}`, lang, topic: 'safety', text: `Сұрақ ${i + 1}`, options: ['Дұрыс', 'Қате'], correct: [0],
  })));
  const imp = await http(base, 'POST', `/api/programmes/${PROG}/questions`, { token, json: questions });
  must(imp.status === 200, `questions imported (got ${imp.status} ${JSON.stringify(imp.data)})`);
  for (const u of Object.values(STAFF)) {
    const r = await http(base, 'POST', '/api/users', { token, json: u });
    must(r.status === 201, `staff account ${u.login} created (got ${r.status} ${JSON.stringify(r.data)})`);
  }
  const com = await http(base, 'POST', '/api/commissions', { token, json: {
    kind: 'exam', name: 'Токарлар комиссиясы', order_no: '12-ө', order_date: '2026-03-02',
    members: [{ login: STAFF.commission.login, role: 'chair' }], programmes: [PROG],
  } });
  must(com.status === 201, `exam commission created (got ${com.status} ${JSON.stringify(com.data)})`);
  const reg = (await http(base, 'POST', '/api/login', { json: { login: STAFF.registrar.login, password: STAFF.registrar.password } })).data.token;

  // The candidate's own application, in the centre, contracted today.
  const me = await http(base, 'POST', '/api/register', { json: CAND });
  must(me.status === 201, `the candidate registers (got ${me.status} ${JSON.stringify(me.data)})`);
  const ct = me.data.token;
  const { login, password, ...who } = CAND;
  const app = await http(base, 'POST', '/api/applications', { token: ct, json: form(who, 'offline') });
  must(app.status === 201, `the application is made (got ${app.status} ${JSON.stringify(app.data)})`);
  const attach = (id, tok) => http(base, 'POST', `/api/applications/${id}/attachments?type=id_document&number=045612378&issuer=ІІМ&issue_date=2018-01-10&valid_until=2028-01-10`,
    { token: tok, body: PDF, type: 'application/pdf' });
  const att = await attach(app.data.id, ct);
  must(att.status === 201, `the identity document is attached (got ${att.status} ${JSON.stringify(att.data)})`);
  const sub = await http(base, 'POST', `/api/applications/${app.data.id}/submit`, { token: ct, json: {} });
  must(sub.status === 200, `submitted (got ${sub.status} ${JSON.stringify(sub.data)})`);
  const con = await http(base, 'POST', `/api/applications/${app.data.id}/contract`, { token: reg, json: {} });
  must(con.status === 200 && con.data.status === 'contracted', `contracted (got ${con.status} ${JSON.stringify(con.data)})`);

  // A paper application registered and contracted on 16 March: its notice was due on 23 March... overdue.
  const paper = await http(base, 'POST', '/api/applications', { token: reg, json: form(PAPER, 'online') });
  must(paper.status === 201, `the paper application (got ${paper.status} ${JSON.stringify(paper.data)})`);
  must((await attach(paper.data.id, reg)).status === 201, 'its identity document');
  const psub = await http(base, 'POST', `/api/applications/${paper.data.id}/submit`, { token: reg, json: { registered_date: '2026-03-16', signed_date: '2026-03-16' } });
  must(psub.status === 200, `registered on 16 March (got ${psub.status} ${JSON.stringify(psub.data)})`);
  const pcon = await http(base, 'POST', `/api/applications/${paper.data.id}/contract`, { token: reg, json: { contract_date: '2026-03-16' } });
  must(pcon.status === 200, `contracted on 16 March (got ${pcon.status} ${JSON.stringify(pcon.data)})`);
  expect(pcon.data.contract?.schedule_notice_due < '2026-04-01', `its notice was due before today (${pcon.data.contract?.schedule_notice_due})`);
  return { token, reg, ct, app: app.data.id, paper: paper.data.id, candidate: me.data.candidate };
}

// ---- page helpers -------------------------------------------------------------

async function shot(page, name, fullPage = true) {
  await page.evaluate(() => document.querySelector('#toasts')?.replaceChildren()).catch(() => {});
  await screenshot(page, name, { fullPage, caret: 'initial' });
}
const text = (page, sel) => textOf(page, sel, 5000);
const until = (page, f, arg, timeout = 10000) => page.waitForFunction(f, arg, { timeout }).then(() => true, () => false);

function watchConsole(page, into) {
  page.on('console', (m) => {
    if (m.type() !== 'error' || /Failed to load resource/.test(m.text())) return;
    into.push(`${m.text()} [${page.url()}]`);
    log(`console error: ${m.text().slice(0, 160)}`);
  });
  page.on('pageerror', (e) => into.push(String(e)));
}

/** No catalogue key and no raw JSON on the page; no English word in kk or ru outside what was typed. */
async function checkTexts(page, where, url, lang) {
  const found = await page.evaluate(async ({ url, lang }) => {
    const cat = (await import(url)).default;
    const body = document.body.innerText;
    const shown = Object.keys(cat.en).filter((k) => k.includes('_') && new RegExp(`(^|[^\\w-])${k}([^\\w-]|$)`).test(body));
    const json = /\{\s*"(error|message)"/.test(body);
    const copy = document.querySelector('main').cloneNode(true);
    for (const e of copy.querySelectorAll('code, [hidden], noscript, a[href^="http"], input, select, textarea')) e.remove();
    const latin = lang === 'en' ? [] : [...copy.textContent.matchAll(/[A-Za-z][A-Za-z0-9]*/g)].map((x) => x[0]);
    return { shown, json, latin };
  }, { url, lang });
  const typed = new Set(['TURNER', 'PDF', 'JPEG', 'PNG', 'Tanu', 'https', 'tirkeushi', 'komissiya']);
  const latin = found.latin.filter((w) => !typed.has(w));
  expect(found.shown.length === 0, `${where}: no untranslated keys (${found.shown.join(', ') || 'none'})`);
  expect(!found.json, `${where}: no raw JSON`);
  expect(latin.length === 0, `${where}: no English word in ${lang} (${[...new Set(latin)].slice(0, 8).join(', ') || 'none'})`);
}

async function signIn(page, base, path, who) {
  await page.goto(`${base}${path}`);
  must(await visible(page, '#screen-login'), `${who.login}: the sign-in screen`);
  await page.fill('#login', who.login);
  await page.fill('#password', who.password);
  await page.click('#login-form button[type=submit]');
}

async function openScheduling(page) {
  const link = page.locator('#staff-nav a[data-view="scheduling"]');
  must(await link.waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false), 'the header links to the scheduling');
  await link.click();
  must(await visible(page, '#screen-scheduling'), 'the scheduling screen is shown');
  must(await until(page, () => /\d/.test(document.querySelector('#sch-status')?.textContent || '') && document.querySelector('#sch-body section')), 'the scheduling screen has loaded');
}

async function reload(page) {
  await page.click('#scheduling-reload');
  await sleep(300);
  await until(page, () => document.querySelector('#sch-body section'));
}

/** Fills one stage of a slot form. */
async function fillStage(page, key, stage, v) {
  for (const [k, x] of Object.entries(v)) {
    const sel = `#${key}-${stage}-${k}`;
    if (k === 'commission') await page.selectOption(sel, x); else await page.fill(sel, x);
  }
}

// ---- the test ---------------------------------------------------------------------

async function main() {
  log(`work dir ${work}`);
  const server = await startTanu(work, {
    clock_start: NOW,
    centre: { name: '«Біліктілік» тану орталығы', number: 7, head: 'Серік Әбенов', document_valid_years: 5, public_url: 'https://tanu.example.kz' },
  }, { web: process.env.TANU_WEB || undefined });
  const base = server.url;
  log(`server at ${base}`);
  let browser;
  const consoleErrors = [];
  try {
    const probe = await http(base, 'GET', '/api/sessions/earliest-day');
    must(probe.status === 401 || probe.status === 200, `the server has GET /api/sessions/earliest-day (got ${probe.status})`);
    const s = await setup(base);
    const early = (await http(base, 'GET', '/api/sessions/earliest-day?reason=none', { token: s.reg })).data;
    const waived = (await http(base, 'GET', '/api/sessions/earliest-day?reason=sick_leave', { token: s.reg })).data;
    const workday = async (from, days) => (await http(base, 'GET', `/api/calendar/working-days?from=${from}&days=${days}`)).data.date;
    const nextDay = await workday(early.earliest_day, 1); // the practical stage
    const newDay = await workday(early.earliest_day, 5); // the new date after the sick leave
    log(`earliest day ${early.earliest_day} (${early.gap_rule}), waived ${waived.earliest_day}; then ${nextDay}, ${newDay}`);
    must(early.earliest_day > '2026-04-01', `the earliest day is after today (${early.earliest_day})`);

    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: false,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const newPage = async (locale) => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
      await ctx.clock.setFixedTime(new Date('2026-04-01T10:05:00+05:00'));
      const page = await ctx.newPage();
      watchConsole(page, consoleErrors);
      return page;
    };

    // 1. The registrar: the contracts awaiting their date, the overdue first.
    const reg = await newPage('ru-RU');
    await signIn(reg, base, '/staff.html', STAFF.registrar);
    await openScheduling(reg);
    const cards = reg.locator('#sch-awaiting-list > li');
    expect(await cards.count() === 2, `two contracts await their date (${await cards.count()})`);
    expect(await cards.nth(0).getAttribute('data-application') === String(s.paper) && /is-overdue/.test(await cards.nth(0).getAttribute('class')),
      'the overdue contract is first and marked');
    expect(/просроч/i.test(await cards.nth(0).innerText()), 'the overdue one says so in words');
    await shot(reg, 'ru-awaiting');

    // 2. The form: the earliest day, then a day too early refused by its field.
    const key = `sch-app-${s.app}`;
    await reg.click(`li[data-application="${s.app}"] .open-schedule`);
    must(await visible(reg, `#${key}-theory-day`), 'the slot form is shown');
    expect(await reg.getAttribute(`#${key}-theory-day`, 'min') === early.earliest_day, `the date's minimum is the earliest day (${await reg.getAttribute(`#${key}-theory-day`, 'min')})`);
    expect((await text(reg, `#${key}-earliest`)).includes(dmy(early.earliest_day)), `the earliest day is shown: "${await text(reg, `#${key}-earliest`)}"`);
    expect(await reg.locator(`#${key}-practical-day`).count() === 1, 'the programme has a practical stage: its slot is asked for');
    expect(await reg.locator(`#${key}-theory-link`).count() === 0, 'an exam in the centre: a place, no link');
    expect(await reg.inputValue(`#${key}-theory-commission`) !== '', 'the one exam commission is chosen');
    const tooEarly = addDays(early.earliest_day, -1);
    await fillStage(reg, key, 'theory', { day: tooEarly, starts: '10:00', ends: '11:30', place: '' });
    await fillStage(reg, key, 'practical', { day: nextDay, starts: '14:00', ends: '16:00', place: WORKSHOP });
    await reg.click(`[data-form="${key}"] .send-slot`);
    expect(await reg.getAttribute(`#${key}-theory-place`, 'aria-invalid') === 'true' && /мест/.test(await text(reg, `#${key}-theory-place-err`)),
      'an exam in the centre without its place: the field says so');
    await reg.fill(`#${key}-theory-place`, PLACE);
    await reg.click(`[data-form="${key}"] .send-slot`);
    expect(await until(reg, (k) => document.querySelector(`#${k}-theory-day`)?.getAttribute('aria-invalid') === 'true', key),
      'a day too early: refused by the server, shown by the day');
    const dayError = await text(reg, `#${key}-theory-day-err`);
    expect(dayError.length > 0 && !/gap_too_short/.test(dayError), `the refusal in words: "${dayError}"`);
    expect(await reg.inputValue(`#${key}-theory-place`) === PLACE && await reg.inputValue(`#${key}-practical-place`) === WORKSHOP
      && await reg.inputValue(`#${key}-theory-starts`) === '10:00', 'nothing typed is lost');
    await shot(reg, 'ru-refused');
    await reg.fill(`#${key}-theory-day`, early.earliest_day);
    await reg.click(`[data-form="${key}"] .send-slot`);
    expect(await until(reg, (id) => !document.querySelector(`#sch-awaiting-list li[data-application="${id}"]`)
      && document.querySelector('#sch-upcoming-list [data-session]'), s.app), 'scheduled: the contract leaves the list, the sitting is to come');
    const mine = (await http(base, 'GET', `/api/sessions?candidate=${s.candidate}`, { token: s.token })).data;
    const first = (Array.isArray(mine) ? mine : mine.sessions)[0];
    must(first?.slots?.theory?.day === early.earliest_day, `the sitting has its theory slot (${JSON.stringify(first?.slots)})`);
    expect(first.slots.practical?.place === WORKSHOP, 'and its practical slot');
    const upcoming1 = await text(reg, `#sch-upcoming-list [data-session="${first.id}"]`);
    expect(upcoming1.includes(PLACE) && upcoming1.includes('Токарлар комиссиясы'), 'the sitting to come shows its place and its commission');
    const app = (await http(base, 'GET', `/api/applications/${s.app}`, { token: s.reg })).data;
    expect(!!app.schedule_notice_sent, `the application's notice is sent (${app.schedule_notice_sent})`);

    // 3. The candidate: the slot, no Start, the time it opens; the exam page says "not yet".
    const cand = await newPage('ru-RU');
    await signIn(cand, base, '/', CAND);
    const card = `#sittings li[data-session="${first.id}"]`;
    must(await visible(cand, card), 'the candidate sees his sitting');
    const slotText = await text(cand, `${card} [data-row="slot_theory"]`);
    expect(slotText.includes(dmy(early.earliest_day)) && slotText.includes('10:00') && slotText.includes(PLACE), `the slot: "${slotText}"`);
    expect(await cand.locator(`${card} [data-row="slot_practical"]`).count() === 1, 'the practical slot too');
    expect(await cand.locator(`${card} .card-actions button.primary`).count() === 0, 'no Start button before the window');
    const opens = await text(cand, `${card} .gate[data-gate="not_yet"]`);
    expect(opens.includes(dmy(early.earliest_day)) && opens.includes('09:30'), `the time it opens: "${opens}"`);
    await shot(cand, 'ru-candidate-slot');
    // The exam page asked to start anyway (a reload into the exam): refused in words, back to the list.
    await cand.evaluate((id) => sessionStorage.setItem('tanu.exam', String(id)), first.id);
    await cand.reload();
    expect(await until(cand, () => /откроется|не открыт/.test(document.querySelector('#toasts')?.textContent || '')), `the exam page says it is not open yet: "${await text(cand, '#toasts')}"`);
    expect(await visible(cand, card), 'and shows the list again');

    // 4. "I am ill": the report, the term of the proof, the sheet.
    await cand.click(`${card} .ill-btn`);
    must(await visible(cand, `#ill-${first.id}-from`), 'the report form');
    expect(await cand.inputValue(`#ill-${first.id}-from`) === '2026-04-01', 'from today by default');
    await cand.fill(`#ill-${first.id}-to`, '2026-04-10');
    await cand.click(`${card} .ill-send`);
    must(await visible(cand, `${card} .sick-box[data-sick="reported"]`), 'the report is recorded and shown');
    const due = await text(cand, `${card} .proof-due`);
    expect(/\d\d\.\d\d\.2026/.test(due), `the term of the proof: "${due}"`);
    expect(await visible(cand, `${card} .gate[data-gate="sick"]`), 'the start is blocked while the report is open');
    await cand.setInputFiles(`#sheet-${first.id}-file`, { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await cand.fill(`#sheet-${first.id}-number`, '0012345');
    await cand.fill(`#sheet-${first.id}-issuer`, 'Астана қалалық №4 емханасы');
    await cand.fill(`#sheet-${first.id}-to`, '2026-04-10');
    await cand.click(`${card} .sheet-send`);
    expect(await until(cand, (id) => document.querySelector(`#sheet-${id}-file-err`)?.textContent, first.id), 'a text file is refused by its field');
    await shot(cand, 'ru-candidate-sheet');
    await cand.setInputFiles(`#sheet-${first.id}-file`, { name: 'varaq.pdf', mimeType: 'application/pdf', buffer: PDF });
    await cand.click(`${card} .sheet-send`);
    must(await visible(cand, `${card} .sick-box[data-sick="proved"]`), 'the sheet is sent: the centre checks it');
    expect((await text(cand, `${card} .sheet-line`)).includes('0012345'), 'the sheet is shown with its number');

    // 5. The registrar opens the sheet, accepts it; the gap is waived for the new date.
    await reload(reg);
    const sick = `#sch-sick-list li[data-session="${first.id}"]`;
    must(await visible(reg, sick), 'the report awaits a decision');
    const [popup] = await Promise.all([
      reg.context().waitForEvent('page', { timeout: 10000 }).catch(() => null),
      reg.click(`${sick} .open-sheet`),
    ]);
    expect(!!popup && await until(popup, () => location.href.startsWith('blob:')), `the sheet opens (${popup?.url()})`);
    await popup?.close();
    await shot(reg, 'ru-sick');
    await reg.click(`${sick} .accept-sick`);
    const closed = `#sch-closed-list li[data-session="${first.id}"]`;
    must(await visible(reg, closed), 'accepted: the sitting is closed, awaiting a new date');
    expect(await reg.getAttribute(closed, 'data-reason') === 'sick_leave' && /болезн/.test(await text(reg, closed)), 'why: the sick leave, in words');
    expect(await reg.locator(`${closed} .badge.ok`).count() === 1, 'the gap is marked waived');
    await reg.click(`${closed} .open-reschedule`);
    const rkey = `sch-res-${first.id}`;
    must(await visible(reg, `#${rkey}-theory-day`), 'the reschedule form');
    expect(await reg.getAttribute(`#${rkey}-theory-day`, 'min') === waived.earliest_day, `the gap waived: the minimum is ${waived.earliest_day}`);
    expect(await reg.locator(`#${rkey}-earliest.waived`).count() === 1, 'and the form says the gap is waived');
    await fillStage(reg, rkey, 'theory', { day: newDay, starts: '11:00', ends: '12:30', place: PLACE });
    await fillStage(reg, rkey, 'practical', { day: newDay, starts: '14:00', ends: '16:00', place: WORKSHOP });
    await shot(reg, 'ru-reschedule');
    await reg.click(`[data-form="${rkey}"] .send-slot`);
    expect(await until(reg, (id) => !document.querySelector(`#sch-closed-list li[data-session="${id}"]`), first.id), 'the new date is set: the closed sitting leaves the list');
    const again = (await http(base, 'GET', `/api/sessions/${first.id}`, { token: s.token })).data;
    expect(again.status === 'voided' && !!again.replaced_by && again.counts_as_attempt === false, `the first sitting: voided, replaced, no attempt (${again.status}, ${again.replaced_by})`);

    // 6. The candidate sees why and the new date.
    await cand.click('#list-reload');
    must(await visible(cand, `${card} .closed-box[data-closed="sick_leave"]`), 'the first sitting says it was moved for the illness');
    expect((await text(cand, `${card} .new-date`)).includes(dmy(newDay)), `and gives the new date: "${await text(cand, `${card} .new-date`)}"`);
    const card2 = `#sittings li[data-session="${again.replaced_by}"]`;
    expect((await text(cand, `${card2} [data-row="slot_theory"]`)).includes('11:00'), 'the new sitting shows its slot');
    await shot(cand, 'ru-candidate-moved');
    await cand.setViewportSize({ width: 390, height: 844 });
    expect(await cand.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the list fits a phone without sideways scrolling');
    await shot(cand, 'ru-candidate-phone', false);
    await cand.setViewportSize({ width: 1280, height: 900 });
    for (const lang of ['kk', 'en']) {
      await cand.selectOption('#lang', lang);
      await checkTexts(cand, `the candidate's list (${lang})`, '/exam/schedule.strings.js', lang);
      await shot(cand, `${lang}-candidate-moved`);
    }

    // 7. The overdue contract scheduled (over HTTP), then cancelled here with a reason.
    const sch2 = await http(base, 'POST', `/api/applications/${s.paper}/schedule`, { token: s.reg, json: {
      theory: { day: early.earliest_day, starts: '15:00', ends: '16:30', place: '', link: '', commission: null },
      practical: { day: nextDay, starts: '10:00', ends: '12:00', place: WORKSHOP, link: '', commission: null },
    } });
    must(sch2.status === 201, `the paper application scheduled (got ${sch2.status} ${JSON.stringify(sch2.data)})`);
    const sid2 = sch2.data.session?.id ?? sch2.data.session;
    await reload(reg);
    const up2 = `#sch-upcoming-list li[data-session="${sid2}"]`;
    must(await visible(reg, up2), 'the second sitting is to come');
    expect((await text(reg, up2)).includes('Токарлар комиссиясы') === false, 'no commission named when none was set');
    // A report of illness taken by phone, then rejected: a rejection needs its reason.
    await reg.click(`${up2} .open-report`);
    must(await visible(reg, `#sch-report-${sid2}-from`), 'the form of a report by phone');
    await reg.fill(`#sch-report-${sid2}-text`, 'Позвонила утром, температура');
    await reg.click(`${up2} .send-form`);
    const sick2 = `#sch-sick-list li[data-session="${sid2}"]`;
    must(await visible(reg, sick2), 'the phone report awaits a decision');
    expect(/по телефону/.test(await text(reg, sick2)) && await reg.isDisabled(`${sick2} .accept-sick`), 'by phone, not acceptable without its sheet');
    await reg.click(`${sick2} .open-reject`);
    await reg.click(`${sick2} .send-form`);
    expect(/причина/i.test(await text(reg, `#sch-reject-${sid2}-error`)), 'a rejection without its reason is refused on the page');
    await reg.fill(`#sch-reject-${sid2}-text`, 'Лист не представлен');
    await reg.click(`${sick2} .send-form`);
    expect(await until(reg, (sel) => !document.querySelector(sel), sick2), 'rejected: the report leaves the list');
    const after = (await http(base, 'GET', `/api/sessions/${sid2}`, { token: s.token })).data;
    expect(after.status === 'scheduled' && after.sick_leave?.status === 'rejected', `the sitting is as before, the report rejected (${after.status}, ${after.sick_leave?.status})`);
    await reg.click(`${up2} .open-cancel`);
    await reg.click(`${up2} .send-form`);
    expect(/причин/i.test(await text(reg, `#sch-cancel-${sid2}-error`)), 'a cancellation without a reason is refused on the page');
    await reg.fill(`#sch-cancel-${sid2}-text`, 'Аудитория на ремонте');
    await reg.click(`${up2} .send-form`);
    const closed2 = `#sch-closed-list li[data-session="${sid2}"]`;
    must(await visible(reg, closed2), 'cancelled: it awaits a new date');
    expect(await reg.getAttribute(closed2, 'data-reason') === 'cancelled' && (await text(reg, closed2)).includes('Аудитория на ремонте'), 'with the reason');
    await checkTexts(reg, 'the scheduling screen (ru)', '/staff/screens/scheduling.strings.js', 'ru');
    await shot(reg, 'ru-scheduling');
    for (const lang of ['kk', 'en']) {
      await reg.selectOption('#lang', lang);
      await checkTexts(reg, `the scheduling screen (${lang})`, '/staff/screens/scheduling.strings.js', lang);
      await shot(reg, `${lang}-scheduling`);
    }

    // 8. The commission records a technical failure of the new sitting: a confirmation first.
    const com = await newPage('kk-KZ');
    await signIn(com, base, '/staff.html', STAFF.commission);
    await openScheduling(com);
    expect(await visible(com, '#sch-readonly'), 'the commission reads the screen: no scheduling');
    expect(await com.locator('.open-schedule, .open-reschedule, .open-cancel').count() === 0, 'no schedule, reschedule or cancel for the commission');
    const up3 = `#sch-upcoming-list li[data-session="${again.replaced_by}"]`;
    must(await visible(com, up3), 'the new sitting is to come');
    await com.click(`${up3} .open-tf`);
    await com.selectOption(`#sch-tf-${again.replaced_by}-kind`, 'platform_outage');
    await com.fill(`#sch-tf-${again.replaced_by}-text`, 'Платформа 11:05-тен 11:40-қа дейін қолжетімсіз болды.');
    await com.click(`${up3} .send-form`);
    must(await visible(com, `${up3} .confirm-box`), 'the confirmation says what voiding means');
    expect(/әрекет/.test(await text(com, `${up3} .confirm-box`)), `in words: "${await text(com, `${up3} .confirm-box`)}"`);
    await shot(com, 'kk-failure-confirm');
    expect((await http(base, 'GET', `/api/sessions/${again.replaced_by}`, { token: s.token })).data.status === 'scheduled', 'nothing is voided before the confirmation');
    await com.click(`${up3} .send-form`);
    must(await visible(com, `#sch-closed-list li[data-session="${again.replaced_by}"][data-reason="technical_failure"]`), 'voided: it awaits a new date, the failure named');
    await cand.click('#list-reload');
    expect(await visible(cand, `${card2} .closed-box[data-closed="technical_failure"]`), 'the candidate sees the sitting voided by a technical failure');
    await checkTexts(cand, 'the candidate\'s list after the failure (en)', '/exam/schedule.strings.js', 'en');
    await cand.selectOption('#lang', 'kk');
    await shot(cand, 'kk-candidate-voided');

    expect(consoleErrors.length === 0, `no console errors (${consoleErrors.slice(0, 3).join(' | ') || 'none'})`);
  } finally {
    await shutdown(browser, server);
  }
}

runTest(main, { work, outDir, shots });
