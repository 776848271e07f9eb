// Browser test of the programmes screen (issue 11: web/staff/screens/programmes.js):
// the admin signs in on staff.html, opens "Programmes", creates a programme
// with every W11 setting (the rules of recognition, kk and ru, both forms,
// methodology in both languages, an allowed item, the briefing, the document's
// term, admission, a blueprint of two topics, an extra strike, a practical
// item), first with a contradiction (attempts 2 under the rules of
// recognition), which the server refuses with its reason shown beside the
// form and nothing typed lost; then saves it, sees its settings in words,
// imports a JSON file with one bad question (shown rejected with its reason),
// a Moodle XML file (the language told from the text), and sees the bank's
// counts per language and topic, a short topic marked. Last the admin changes
// a setting (PUT). Screenshots (programmes-*.png) in English, Russian and Kazakh.
//
//   TANU_BIN=build/server/tanu node tests/browser/programmes.mjs
//
// Env: TANU_BIN (required), OUT_DIR, CHROMIUM (default /usr/bin/chromium),
// KEEP=1 keeps the temp dir (server log). Exits 1 on any failure.
import { chromium } from 'playwright-core';
import {
  CHROMIUM, log, expect, must, startServer, recordError, shutdown, runTest, http, visible, setUp, text as textOf, adminToken,
} from './lib.mjs';

const { work, outDir, shots, shot: screenshot } = setUp('programmes', 'programmes-');
const CODE = 'WELDER-3';

// One bad question among four: a single option (the server: "need 2 to 10 options").
const JSON_BANK = [
  { id: 'k1', lang: 'kk', topic: 'safety', text: 'Дәнекерлеу кезінде не кию керек?', options: ['Маска', 'Шляпа'], correct: [0] },
  { id: 'k2', lang: 'kk', topic: 'safety', text: 'Өрт сөндіргіш қайда тұрады?', options: ['Кіреберісте', 'Шатырда'], correct: [0] },
  { id: 'k3', lang: 'kk', topic: 'welding', text: 'Электрод дегеніміз не?', options: ['Өзек', 'Түтік', 'Сым'], correct: [0] },
  { id: 'k4', lang: 'kk', topic: 'welding', text: 'Жалғыз нұсқасы бар сұрақ', options: ['Жалғыз'], correct: [0] },
];
const MOODLE = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<question type="category"><category><text>$course$/Сварка/welding</text></category></question>
<question type="multichoice"><name><text>r1</text></name>
  <questiontext format="html"><text><![CDATA[<p>Что такое <b>электрод</b>?</p>]]></text></questiontext>
  <answer fraction="100"><text>Стержень</text></answer><answer fraction="0"><text>Трубка</text></answer></question>
<question type="multichoice"><name><text>r2</text></name>
  <questiontext format="html"><text>Какой ток нужен для сварки?</text></questiontext>
  <answer fraction="100"><text>Постоянный</text></answer><answer fraction="0"><text>Никакой</text></answer></question>
<question type="truefalse"><name><text>r3</text></name>
  <questiontext format="html"><text>Сварка опасна?</text></questiontext>
  <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>
</quiz>
`;

async function shot(page, name) {
  await page.evaluate(() => document.querySelector('#toasts')?.replaceChildren()).catch(() => {});
  await screenshot(page, name, { fullPage: true, caret: 'initial' });
}
const text = (page, sel) => textOf(page, sel, 5000);
const until = (page, fn, arg, timeout = 10000) => page.waitForFunction(fn, arg, { timeout }).then(() => true, () => false);

/** No catalogue key and no raw JSON in the screen; no Latin word in kk or ru but the codes typed and the formats' names. */
async function checkTexts(page, lang) {
  const found = await page.evaluate(async (lang) => {
    const cat = (await import('/staff/screens/programmes.strings.js')).default;
    // As drawn (cells apart), codes in <code> left out.
    const screen = document.querySelector('#screen-programmes');
    const codes = [...screen.querySelectorAll('code')].map((c) => c.textContent);
    let body = screen.innerText;
    for (const c of codes) body = body.split(c).join(' ');
    const shown = Object.keys(cat.en).filter((k) => body.includes(k));
    const latin = lang === 'en' ? [] : [...body.matchAll(/[A-Za-z][A-Za-z0-9]*/g)].map((x) => x[0]);
    return { shown, json: /\{\s*"(error|message)"/.test(body), latin };
  }, lang);
  // Codes and names that stay in Latin letters: the programme's code, the topics' keys, the formats.
  const typed = new Set(['WELDER', 'safety', 'welding', 'JSON', 'Moodle', 'XML', 'UTF', 'truefalse', 'json', 'xml']);
  const latin = found.latin.filter((w) => !typed.has(w));
  expect(found.shown.length === 0, `${lang}: no untranslated keys on the screen (${found.shown.join(', ') || 'none'})`);
  expect(!found.json, `${lang}: no raw JSON on the screen`);
  expect(latin.length === 0, `${lang}: no English word on the ${lang} screen (${[...new Set(latin)].slice(0, 8).join(', ') || 'none'})`);
}

async function main() {
  log(`work dir ${work}`);
  const server = await startServer(work, {});
  const base = server.url;
  let browser;
  const consoleErrors = [];
  try {
    const token = await adminToken(base);
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: false,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await ctx.newPage();
    page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));

    // 1. Sign in; the admin's navigation has "Programmes".
    await page.goto(`${base}/staff.html`);
    must(await visible(page, '#screen-login'), 'the staff sign-in screen is shown');
    await page.selectOption('#lang', 'en');
    await page.fill('#login', 'admin');
    await page.fill('#password', 'admin-secret-1');
    await page.click('#login-form button[type=submit]');
    must(await visible(page, '#staff-nav a[data-view="programmes"]'), 'the admin sees the Programmes link');
    await page.click('#staff-nav a[data-view="programmes"]');
    must(await visible(page, '#screen-programmes'), 'the programmes screen is shown');
    expect(await until(page, () => /No programme yet/.test(document.querySelector('#pg-status')?.textContent || '')),
      'an empty list says so');

    // 2. The form, with every setting; the rules of recognition fill in what they fix.
    await page.click('#pg-new');
    must(await visible(page, '#pg-form'), 'the new programme form is shown');
    await page.fill('#pg-f-code', CODE);
    await page.fill('#pg-f-oked', '25110');
    await page.fill('#pg-f-nkz', '72120001');
    await page.fill('#pg-f-profession', 'Электр-газбен дәнекерлеуші');
    await page.selectOption('#pg-f-nqf_level', '3');
    await page.selectOption('#pg-f-regime', 'recognition_002');
    expect(await visible(page, '.pg-filled', 3000), 'choosing the rules of recognition says what it filled in');
    expect(await page.inputValue('#pg-f-attempts') === '0', 'the rules of recognition set no limit on retakes (attempts 0)');
    expect(await page.inputValue('#pg-f-pass_rule') === 'above', 'the rules of recognition set "more than"');
    await page.fill('#pg-f-questions', '4');
    await page.fill('#pg-f-minutes', '30');
    await page.check('#pg-f-modes input[value="offline"]');
    await page.fill('#pg-f-methodology-kk', 'Теориялық тест және практикалық тапсырма.');
    await page.fill('#pg-f-methodology-ru', 'Теоретический тест и практическое задание.');
    await page.check('#pg-f-allowed_items input[value="calculators"]');
    await page.check('#pg-f-briefing_required');
    await page.check('#pg-f-education_required');
    await page.fill('#pg-f-experience_years', '2');
    await page.fill('#pg-f-document_valid_years', '5');
    for (const [i, [topic, n]] of [['safety', '2'], ['welding', '2']].entries()) {
      await page.click('#pg-f-add-topic');
      await page.locator('.pg-bp-topic').nth(i).fill(topic);
      await page.locator('.pg-bp-count').nth(i).fill(n);
    }
    await page.check('#pg-f-strikes input[value="no_face"]');
    await page.click('#pg-f-add-item');
    await page.locator('.pg-item-id').first().fill('seam');
    await page.locator('.pg-item-kk').first().fill('Жікті пісіру');
    await page.locator('.pg-item-ru').first().fill('Сварка шва');

    // 3. A contradiction: attempts 2 under the rules of recognition (seed 002 p.19).
    await page.fill('#pg-f-attempts', '2');
    await page.click('#pg-save');
    expect(await until(page, () => /attempts must be 0/.test(document.querySelector('#pg-form-error')?.textContent || '')),
      'the server\'s reason for the refusal shows beside the form');
    const refused = await text(page, '#pg-form-error');
    log(`refusal shown: ${refused}`);
    expect(/refused/.test(refused), 'the refusal is introduced in words');
    expect(await page.inputValue('#pg-f-profession') === 'Электр-газбен дәнекерлеуші'
      && await page.inputValue('#pg-f-methodology-ru') === 'Теоретический тест и практическое задание.'
      && await page.inputValue('#pg-f-attempts') === '2'
      && await page.locator('.pg-bp-topic').nth(1).inputValue() === 'welding'
      && await page.locator('.pg-item-ru').first().inputValue() === 'Сварка шва'
      && await page.isChecked('#pg-f-allowed_items input[value="calculators"]'),
    'nothing typed is lost after the refusal');
    const none = await http(base, 'GET', `/api/programmes/${CODE}`, { token });
    expect(none.status === 404, `nothing was stored (got ${none.status})`);
    await shot(page, 'refused-en');

    // 4. Corrected and saved: the programme is listed and shown in words.
    await page.fill('#pg-f-attempts', '0');
    await page.click('#pg-save');
    expect(await until(page, (code) => !document.querySelector('#pg-form')
      && document.querySelector(`#pg-body tr[data-code="${code}"]`), CODE), 'the programme is saved and listed');
    const stored = await http(base, 'GET', `/api/programmes/${CODE}`, { token });
    const p = stored.data ?? {};
    expect(stored.status === 200 && p.regime === 'recognition_002' && p.attempts === 0 && p.modes?.join() === 'online,offline'
      && p.methodology?.kk && p.allowed_items?.join() === 'calculators' && p.briefing_required === true
      && p.document_valid_years === 5 && p.admission?.education_required === true && p.admission?.experience_years === 2
      && p.blueprint?.safety === 2 && p.blueprint?.welding === 2 && p.proctoring?.strikes?.includes('no_face')
      && p.practical?.[0]?.text?.ru === 'Сварка шва' && p.theory?.questions === 4,
    `every setting is stored (${JSON.stringify(p).slice(0, 300)})`);
    must(await visible(page, '#pg-detail-card'), 'the programme is shown in full');
    const detail = await text(page, '#pg-detail-card');
    expect(/no limit on retakes/.test(detail) && /Calculators/.test(detail) && /more than 70 %/.test(detail)
      && /No face in view/.test(detail) && /5 year/.test(detail), 'the settings read as words');

    // 5. A JSON file with one bad question.
    await page.setInputFiles('#pg-import-file', { name: 'bank.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(JSON_BANK)) });
    await page.click('#pg-import-send');
    expect(await until(page, () => /Imported: 3\./.test(document.querySelector('#pg-import-result')?.textContent || '')),
      'the JSON import says "Imported: 3"');
    const rej = page.locator('.pg-rejected tbody tr');
    expect(await rej.count() === 1, 'one question is rejected');
    const rejText = await rej.first().textContent().catch(() => '');
    expect(/4/.test(rejText) && /k4/.test(rejText) && /2 to 10 options/.test(rejText),
      `the rejected question shows its place, id and reason (${rejText})`);
    await shot(page, 'json-imported-en');

    // 6. A Moodle XML file: the language told from the text; a true/false question rejected.
    await page.setInputFiles('#pg-import-file', { name: 'quiz.xml', mimeType: 'text/xml', buffer: Buffer.from(MOODLE) });
    await page.click('#pg-import-send');
    expect(await until(page, () => /Imported: 2\./.test(document.querySelector('#pg-import-result')?.textContent || '')),
      'the Moodle import says "Imported: 2"');
    const xmlRej = await page.locator('.pg-rejected tbody tr').first().textContent().catch(() => '');
    expect(/truefalse/.test(xmlRej) && /only multiple choice/.test(xmlRej), `the true/false question is rejected in words (${xmlRej})`);

    // 7. The bank's counts, per language and topic; a short topic marked.
    expect(await until(page, () => /Kazakh: 3 question/.test(document.querySelector('.pg-bank-block')?.textContent || '')
      && /Russian: 2 question/.test(document.querySelector('.pg-bank-block')?.textContent || '')), 'the bank counts 3 in Kazakh and 2 in Russian');
    const kkRows = await page.locator('.pg-topics[data-lang="kk"] tbody tr').allTextContents();
    expect(kkRows.some((r) => /safety/.test(r) && /2/.test(r)) && kkRows.some((r) => /welding/.test(r) && /1/.test(r) && /too few/.test(r)),
      `the Kazakh bank per topic: safety 2, welding 1 (too few) (${kkRows.join(' | ')})`);
    const row = await text(page, `#pg-body tr[data-code="${CODE}"]`);
    expect(/Kazakh: 3/.test(row) && /Russian: 2/.test(row) && /too few/.test(row), `the list shows the bank per language and topic (${row})`);
    const bank = await http(base, 'GET', `/api/programmes/${CODE}/bank`, { token });
    expect(bank.data?.kk?.total === 3 && bank.data?.ru?.topics?.welding === 2, `the server counts the same (${JSON.stringify(bank.data)})`);
    await shot(page, 'bank-en');
    await checkTexts(page, 'en');

    // 8. A change (PUT): the document's term, read back.
    await page.click('#pg-edit');
    must(await visible(page, '#pg-form'), 'the form opens with the programme');
    expect(await page.inputValue('#pg-f-document_valid_years') === '5' && await page.isDisabled('#pg-f-code'),
      'the form holds the stored settings; the code cannot change');
    await page.fill('#pg-f-document_valid_years', '3');
    await page.click('#pg-save');
    expect(await until(page, () => !document.querySelector('#pg-form')
      && /3 year/.test(document.querySelector('#pg-detail-card')?.textContent || '')), 'the change is saved and shown');
    const changed = await http(base, 'GET', `/api/programmes/${CODE}`, { token });
    expect(changed.data?.document_valid_years === 3 && changed.data?.blueprint?.welding === 2, 'the server stored the change, the rest kept');

    // 9. Russian and Kazakh.
    for (const lang of ['ru', 'kk']) {
      await page.selectOption('#lang', lang);
      await page.waitForTimeout(200);
      const words = lang === 'ru' ? /Программы и банки вопросов/ : /Бағдарламалар және сұрақтар банкі/;
      expect(words.test(await text(page, '#programmes-title')), `${lang}: the screen's title is in ${lang}`);
      expect((lang === 'ru' ? /Загружено: 2/ : /Жүктелді: 2/).test(await text(page, '#pg-import-result')),
        `${lang}: the import's result is in ${lang}`);
      await checkTexts(page, lang);
      await shot(page, `bank-${lang}`);
      // the form in this language, with a refusal
      await page.click('#pg-edit');
      await page.fill('#pg-f-attempts', '3');
      await page.click('#pg-save');
      expect(await until(page, () => /attempts must be 0/.test(document.querySelector('#pg-form-error')?.textContent || '')),
        `${lang}: the refusal shows`);
      await shot(page, `form-${lang}`);
      await page.click('#pg-cancel');
    }
    expect(consoleErrors.length === 0, `no errors in the page's console (${consoleErrors.slice(0, 3).join(' | ')})`);
  } catch (e) {
    recordError(e);
  } finally {
    await shutdown(browser, server);
  }
}

await runTest(main, { work, outDir, shots });
