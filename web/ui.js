// Small DOM helpers: element builder, screens, toasts, the connection banner.
import { t, onLangChange } from './i18n.js';

export const $ = (sel, root = document) => root.querySelector(sel);

/** el('p', {class: 'x'}, 'text', child) — strings become text nodes, never HTML. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c != null && c !== false) e.append(c);
  return e;
}

/** Shows one <section class="screen" id="screen-NAME"> and moves focus to its [data-focus]. */
export function showScreen(name) {
  for (const s of document.querySelectorAll('.screen')) s.hidden = s.id !== `screen-${name}`;
  $(`#screen-${name} [data-focus]`)?.focus();
}

export function toast(text, kind = 'info') {
  const box = $('#toasts');
  const item = el('div', { class: `toast ${kind}` }, el('span', {}, text));
  item.append(el('button', {
    type: 'button', class: 'toast-close', 'aria-label': t('close'), onclick: () => item.remove(),
  }, '×'));
  box.append(item);
  while (box.children.length > 3) box.firstElementChild.remove();
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 5000);
}

export function openDialog(d) {
  d.returnValue = '';
  if (typeof d.showModal === 'function') { if (!d.open) d.showModal(); }
  else d.setAttribute('open', '');
}

export function closeDialog(d) {
  if (d.open) { if (typeof d.close === 'function') d.close('dismissed'); else d.removeAttribute('open'); }
}

let banner = null;
/** setBanner('reconnecting', retryFn) shows the connection banner; setBanner(null) hides it. */
export function setBanner(key, onRetry) {
  banner = key ? { key, onRetry } : null;
  renderBanner();
}
function renderBanner() {
  const b = $('#banner');
  b.hidden = !banner;
  if (!banner) return;
  $('#banner-text').textContent = t(banner.key);
  const retry = $('#banner-retry');
  retry.hidden = !banner.onRetry;
  retry.onclick = banner.onRetry || null;
}
onLangChange(renderBanner);
