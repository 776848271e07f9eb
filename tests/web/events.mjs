// web/lib/events.js in plain node: every event kind the server writes (read
// from its sources: the calls that log events and the violation policy's
// names) has a label in kk, ru and en; a detail built from args says the
// figures in the reader's language with no Latin word in kk or ru; without
// args (an event from before migration 11) kk and ru get the label alone and
// en the server's English detail.
//
//   node tests/web/events.mjs        exit 0 when all is well, 1 listing what is wrong
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALLOWED, latinWords } from './words.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const store = {};
globalThis.localStorage = { getItem: (k) => store[k] ?? null, setItem: (k, v) => { store[k] = v; } };
const { setLang } = await import(join(ROOT, 'web/lib/i18n.js'));
const { eventText } = await import(join(ROOT, 'web/lib/events.js'));

function sources(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith('.cpp')) out.push(p);
  }
  return out;
}

/** The kinds the server writes: the first "snake_case" literal of each event-writing call, and the policy's kinds. */
function serverKinds() {
  const kinds = new Set();
  for (const path of sources(join(ROOT, 'server'))) {
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/(?:log_event|insert_proctor_event|append_event)\(([^;]*?);/gs)) {
      // The literals before the call's args (json{{"key", …}}): the kind, or the kinds of a ?: between two.
      const head = m[1].split('json{')[0];
      for (const k of head.matchAll(/"([a-z]+(?:_[a-z]+)+|[a-z]+)"/g)) kinds.add(k[1]);
    }
    for (const m of text.matchAll(/proctor::violation\{"([a-z_]+)"/g)) kinds.add(m[1]);
  }
  const policy = readFileSync(join(ROOT, 'proctor/policy.cpp'), 'utf8');
  const names = policy.match(/names\[\]\s*=\s*\{([^}]*)\}/s);
  for (const k of names?.[1].matchAll(/"([a-z_]+)"/g) ?? []) kinds.add(k[1]);
  // Literals of those calls that are not kinds: the room scan's reasons.
  for (const notKind of ['start', 'commission']) kinds.delete(notKind);
  return [...kinds].sort();
}

// Kinds the search above must find (written through a helper or a ?:): it fails if they are missing.
const COMING = ['stream_reduced', 'stream_restored', 'audio_check_failed', 'oral_warning', 'offline_removal',
  'connection_lost', 'connection_restored', 'connection_lost_limit'];

const problems = [];
const kinds = [...new Set([...serverKinds(), ...COMING])];
if (kinds.length < 20) problems.push(`only ${kinds.length} kinds found in the server's sources: ${kinds.join(', ')}`);
for (const l of ['kk', 'ru', 'en']) {
  setLang(l);
  for (const kind of kinds) {
    const r = eventText({ kind, detail: 'English detail' });
    if (!r.known) problems.push(`${l}: no label for ${kind}`);
    if (l !== 'en' && r.detail !== '') problems.push(`${l}: ${kind} without args shows ${JSON.stringify(r.detail)}`);
    if (l === 'en' && r.detail !== 'English detail') problems.push(`en: ${kind} without args lost the English detail`);
  }
}

// Args as the server writes them (proctor/policy.cpp, docs in the W notes) and what each must say.
const SAMPLES = [
  [{ kind: 'multiple_faces', args: { seconds: 6.0, faces: 2 } }, { kk: ['2', '6,0'], ru: ['2', '6,0'], en: ['2 faces for 6.0 s'] }],
  [{ kind: 'no_face', args: { seconds: 10.0 } }, { kk: ['10,0'], ru: ['10,0'], en: ['for 10.0 s'] }],
  [{ kind: 'noise', args: '{"seconds":3.0,"dbfs":-18.5}' }, { kk: ['-18,5', '3,0'], ru: ['-18,5', '3,0'], en: ['-18.5'] }],
  [{ kind: 'identity_mismatch', args: { seconds: 8.0, distance: 0.612 } }, { kk: ['0,612'], ru: ['0,612'], en: ['0.612'] }],
  [{ kind: 'identity_confirmed', args: { distance: 0.312 } }, { kk: ['0,312'], ru: ['0,312'], en: ['0.312'] }],
  [{ kind: 'frames_summary', args: { dropped: 3, unreadable: 1, throttled: 0 } }, { kk: ['3', '1'], ru: ['3', '1'], en: ['3 dropped'] }],
  [{ kind: 'frame_unreadable', args: { quality: 'too_dark' } }, { kk: ['қараңғы'], ru: ['тёмный'], en: ['too dark'] }],
  [{ kind: 'room_scan_requested', args: { reason: 'commission' } }, { kk: ['комиссия'], ru: ['комиссией'], en: ['commission'] }],
  [{ kind: 'late_answer', args: { question: 4, late_s: 12.5 } }, { kk: ['4', '12,5'], ru: ['4', '12,5'], en: ['question 4', '12.5 s'] }],
  [{ kind: 'events_rate_limited', args: { refused: 7, per_minute: 60 } }, { kk: ['7', '60'], ru: ['7', '60'], en: ['7', '60'] }],
];
for (const [e, want] of SAMPLES) {
  for (const l of ['kk', 'ru', 'en']) {
    setLang(l);
    const r = eventText({ ...e, detail: 'English detail' });
    for (const w of want[l]) if (!r.detail.includes(w)) problems.push(`${l}: ${e.kind} says ${JSON.stringify(r.detail)}, not ${JSON.stringify(w)}`);
    if (l !== 'en') {
      const bad = latinWords(`${r.label} ${r.detail}`).filter((w) => !ALLOWED.has(w));
      if (bad.length) problems.push(`${l}: ${e.kind} has Latin word(s) ${bad.join(', ')}: ${r.label} / ${r.detail}`);
    }
  }
}
// Args the page cannot read fall back as missing args do.
setLang('ru');
if (eventText({ kind: 'noise', detail: 'x', args: '{broken' }).detail !== '') problems.push('ru: unreadable args show something');
if (eventText({ kind: 'noise', detail: 'x', args: { dbfs: 'loud' } }).detail !== '') problems.push('ru: args without figures show something');
if (eventText({ kind: 'something_new', detail: 'x' }).label !== 'Событие') problems.push('ru: an unknown kind is not «Событие»');

console.log(`${kinds.length} kinds: ${kinds.join(', ')}`);
if (problems.length) {
  console.log(`\n${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('all good');
}
