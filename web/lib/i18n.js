// The one catalogue helper of every page: the language choice (kk, ru, en; one
// choice for all of Tanu, kept in localStorage) and lookups in catalogues of
// the form { en: {key: text}, ru: {…}, kk: {…} }, with {placeholders}.
// Nothing here touches the page when imported (tests/web imports the catalogues
// in plain node).

export const LANGS = ['kk', 'ru', 'en'];
const LANG_KEY = 'tanu.lang';
const listeners = new Set();
let lang = null; // read on first use

function initialLang() {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (LANGS.includes(saved)) return saved;
  } catch { /* storage may be unavailable */ }
  const nav = typeof navigator === 'undefined' ? null : navigator;
  for (const l of nav?.languages || [nav?.language || '']) {
    const base = String(l).toLowerCase().split('-')[0];
    if (LANGS.includes(base)) return base;
  }
  return 'en';
}

export function getLang() {
  if (!lang) lang = initialLang();
  return lang;
}

export function setLang(l) {
  if (!LANGS.includes(l)) return;
  lang = l;
  try { localStorage.setItem(LANG_KEY, l); } catch { /* ignore */ }
  for (const f of listeners) f();
}

/** Calls f after every language change; returns a function that unsubscribes. */
export function onLangChange(f) {
  listeners.add(f);
  return () => listeners.delete(f);
}

/** 'Question {n} of {total}' with { n: 3, total: 10 } → 'Question 3 of 10'. */
export function fill(text, params = {}) {
  return String(text).replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));
}

/**
 * Lookups in `strings`, then in each of `more` for the keys it lacks (a
 * page's own words before the shared ones). A key is answered by the first
 * catalogue that has it: in the current language, else in English; an unknown
 * key is shown as itself.
 */
export function catalogue(strings, ...more) {
  const chain = [strings, ...more];
  const owner = (key) => chain.find((c) => key in c.en);
  const has = (key) => owner(key) !== undefined;
  const tIn = (l, key, params) => {
    const c = owner(key);
    return fill(c ? (c[l]?.[key] ?? c.en[key]) : key, params);
  };
  const t = (key, params) => tIn(getLang(), key, params);
  /**
   * An API error (an ApiError, or { code, message } of a WebSocket `error`
   * frame) in words: the catalogue's `e_<code>`, `e_network` when the server
   * could not be reached, else the server's own message (never a raw body),
   * else `fallback(code)`, by default `e_generic` with the code.
   */
  const error = (e, fallback) => {
    const code = e?.code;
    if (code && has(`e_${code}`)) return t(`e_${code}`);
    if (e?.status === 0 && has('e_network')) return t('e_network');
    if (e?.message && e.message !== code) return String(e.message);
    return fallback ? fallback(code) : t('e_generic', { code: code ?? '?' });
  };
  return { strings, has, t, tIn, error };
}

/** Several catalogues as one (a page's static texts come from all its parts); the first one's text wins. */
export function merged(...catalogues) {
  const out = {};
  for (const l of LANGS) out[l] = Object.assign({}, ...[...catalogues].reverse().map((c) => c[l]));
  return out;
}

/**
 * Fills the page's fixed texts from `words` (a catalogue()): every element
 * marked data-i18n (its text) or data-i18n-label (its aria-label), the title
 * (key `title`) and <html lang>.
 */
export function applyStatic(words, root = document) {
  document.documentElement.lang = getLang();
  if (words.has('title')) document.title = words.t('title');
  for (const e of root.querySelectorAll('[data-i18n]')) e.textContent = words.t(e.dataset.i18n);
  for (const e of root.querySelectorAll('[data-i18n-label]')) e.setAttribute('aria-label', words.t(e.dataset.i18nLabel));
}

export function formatNumber(x, digits = 1) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '—';
  try { return new Intl.NumberFormat(getLang(), { maximumFractionDigits: digits }).format(x); }
  catch { return String(Math.round(x * 10 ** digits) / 10 ** digits); }
}
