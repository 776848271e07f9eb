// The parts of a page's frame that show words: toasts, the connection banner
// and the language list (#toasts, #banner, #lang in every page's HTML).
import { $, el } from './dom.js';
import { getLang, setLang, onLangChange } from './i18n.js';
import { shared } from './strings.js';

/**
 * toast(() => t('five_minutes'), 'warn') shows a short message; given as a
 * function its text is asked again after a language change while it shows
 * (a plain string stays as it is).
 */
export function toast(text, kind = 'info') {
  const box = $('#toasts');
  const say = typeof text === 'function' ? text : () => text;
  const span = el('span', {}, say());
  const item = el('div', { class: `toast ${kind}` }, span);
  item.append(el('button', {
    type: 'button', class: 'toast-close', 'aria-label': shared.t('close'), onclick: () => gone(),
  }, '×'));
  const off = onLangChange(() => { span.textContent = say(); });
  const gone = () => { off(); item.remove(); };
  box.append(item);
  while (box.children.length > 3) box.firstElementChild.remove();
  setTimeout(gone, kind === 'error' ? 8000 : 5000);
}

let banner = null;
/**
 * setBanner(() => t('reconnecting'), retryFn) shows the connection banner (its
 * text asked again after a language change); setBanner(null) hides it.
 */
export function setBanner(text, onRetry) {
  banner = text ? { text, onRetry } : null;
  renderBanner();
}
function renderBanner() {
  const b = $('#banner');
  b.hidden = !banner;
  if (!banner) return;
  $('#banner-text').textContent = banner.text();
  const retry = $('#banner-retry');
  retry.hidden = !banner.onRetry;
  retry.onclick = banner.onRetry || null;
}
onLangChange(renderBanner);

/** The page's language list (#lang): shows the current choice and makes a new one. */
export function languageChoice(select = $('#lang')) {
  select.value = getLang();
  select.addEventListener('change', () => setLang(select.value));
  onLangChange(() => { select.value = getLang(); });
}
