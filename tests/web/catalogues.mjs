// The web pages' string catalogues (web/**/strings.js and web/**/*.strings.js),
// checked in plain node without a browser: every catalogue has the same keys
// in Kazakh, Russian and English, every text is a non-empty string, a
// translation keeps the English text's {placeholders} and is not the English
// text copied (names such as browsers' excepted). The catalogues a page
// looks up together define each key once (the page's static texts come from
// their union, see web/staff/main.js).
//
//   node tests/web/catalogues.mjs        exit 0 when all is well, 1 listing what is missing
import { readdirSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');
const LANGS = ['kk', 'ru', 'en'];

/** The catalogues a page looks up together: lib's shared words and the page's own. */
const PAGES = {
  'the exam page': (f) => f === 'lib/strings.js' || f === 'exam/strings.js' || f === 'exam/schedule.strings.js' || f === 'exam/briefing.strings.js',
  // The applications screen shows the form and the terms of the candidate's application page.
  'the staff page': (f) => f === 'lib/strings.js' || f.startsWith('staff/') || f === 'apply/form.strings.js' || f === 'apply/terms.strings.js',
  'the application page': (f) => f === 'lib/strings.js' || f.startsWith('apply/'),
};

function catalogueFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...catalogueFiles(p));
    else if (e.name === 'strings.js' || e.name.endsWith('.strings.js')) out.push(p);
  }
  return out.sort();
}

/** Texts that are the same in every language: names. */
const SAME_EVERYWHERE = new Set(['Firefox', 'Safari']);

const placeholders = (s) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');

const problems = [];
const files = catalogueFiles(WEB);
const catalogues = {};
for (const path of files) {
  const name = relative(WEB, path);
  const cat = (await import(pathToFileURL(path))).default;
  if (!cat || typeof cat !== 'object' || LANGS.some((l) => typeof cat[l] !== 'object')) {
    problems.push(`${name}: the default export is not a catalogue { kk, ru, en }`);
    continue;
  }
  catalogues[name] = cat;
  const all = [...new Set(LANGS.flatMap((l) => Object.keys(cat[l])))];
  for (const l of LANGS) {
    const missing = all.filter((k) => !(k in cat[l]));
    if (missing.length) problems.push(`${name}: ${l} lacks ${missing.length} key(s): ${missing.join(', ')}`);
    const empty = Object.keys(cat[l]).filter((k) => typeof cat[l][k] !== 'string' || cat[l][k].trim() === '');
    if (empty.length) problems.push(`${name}: ${l} has empty or non-text value(s): ${empty.join(', ')}`);
  }
  for (const k of Object.keys(cat.en)) {
    for (const l of ['kk', 'ru']) {
      if (k in cat[l] && placeholders(cat[l][k]) !== placeholders(cat.en[k])) {
        problems.push(`${name}: ${l}.${k} has placeholders {${placeholders(cat[l][k])}}, en has {${placeholders(cat.en[k])}}`);
      }
      const words = String(cat.en[k]).replace(/\{\w+\}/g, '');
      if (cat[l][k] === cat.en[k] && /[A-Za-z]/.test(words) && !SAME_EVERYWHERE.has(cat.en[k])) {
        problems.push(`${name}: ${l}.${k} is the English text, not a translation: ${JSON.stringify(cat.en[k])}`);
      }
    }
  }
  console.log(`ok   ${name}: ${Object.keys(cat.en).length} keys in ${LANGS.join(', ')}`);
}

for (const [page, belongs] of Object.entries(PAGES)) {
  const owner = new Map();
  for (const [name, cat] of Object.entries(catalogues).filter(([n]) => belongs(n))) {
    for (const k of Object.keys(cat.en)) {
      if (owner.has(k)) problems.push(`${page}: key ${k} is in both ${owner.get(k)} and ${name}`);
      else owner.set(k, name);
    }
  }
}

if (!files.length) problems.push(`no catalogue found under ${WEB}`);
if (problems.length) {
  console.log(`\n${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log(`\nall good: ${files.length} catalogues`);
}
