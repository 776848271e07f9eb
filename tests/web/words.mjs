// No English in Kazakh or Russian (issue 10: every word in the reader's
// language): every kk and ru text of every web catalogue (web/**/strings.js,
// web/**/*.strings.js) is checked for words in Latin letters; each one must be
// on the short list of names below. {placeholders} are not words.
//
//   node tests/web/words.mjs        exit 0 when all is well, 1 listing each word found
import { readdirSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');

/**
 * The Latin words a Kazakh or Russian text may hold: names and codes that
 * are written so in those languages too. Keep it short; a word goes here only
 * when a Russian or Kazakh reader writes it in Latin letters as well.
 */
export const ALLOWED = new Set([
  'Tanu',                                        // the product's name
  'QR',                                          // «QR-код»: the code's own name in Russian and Kazakh
  'PDF',                                         // the file format, written so in both
  // The device check's advice names the software a candidate has in front of
  // them, as its menus and icons write it:
  'Chrome', 'Edge', 'Firefox', 'Safari',         // browsers
  'Windows', 'Mac', 'macOS', 'iOS',              // systems
  'Zoom', 'Teams', 'Skype', 'WhatsApp',          // programs that may hold the camera
  'https',                                       // an address begins so: a code, typed as it is
]);

/** The Latin words of a text, placeholders left out. */
export function latinWords(text) {
  const bare = String(text).replace(/\{\w+\}/g, ' ');
  return [...bare.matchAll(/[A-Za-z][A-Za-z0-9]*/g)].map((m) => m[0]);
}

function catalogueFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...catalogueFiles(p));
    else if (e.name === 'strings.js' || e.name.endsWith('.strings.js')) out.push(p);
  }
  return out.sort();
}

// Run as a script (not when imported for ALLOWED / latinWords).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = [];
  const files = catalogueFiles(WEB);
  for (const path of files) {
    const name = relative(WEB, path);
    const cat = (await import(pathToFileURL(path))).default;
    let n = 0;
    for (const l of ['kk', 'ru']) {
      for (const [k, v] of Object.entries(cat?.[l] ?? {})) {
        ++n;
        const bad = latinWords(v).filter((w) => !ALLOWED.has(w));
        if (bad.length) problems.push(`${name}: ${l}.${k} has English/Latin word(s) ${bad.join(', ')}: ${JSON.stringify(v)}`);
      }
    }
    console.log(`ok   ${name}: ${n} kk and ru texts read`);
  }
  if (!files.length) problems.push(`no catalogue found under ${WEB}`);
  if (problems.length) {
    console.log(`\n${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log(`\nall good: ${files.length} catalogues, no Latin word outside ${[...ALLOWED].join(', ')}`);
  }
}
