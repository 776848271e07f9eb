// Small DOM helpers without words: the element builder, screens, dialogs.
// What shows words (toasts, the banner) is in ui.js.

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

export function openDialog(d) {
  d.returnValue = '';
  if (typeof d.showModal === 'function') { if (!d.open) d.showModal(); }
  else d.setAttribute('open', '');
}

export function closeDialog(d) {
  if (d.open) { if (typeof d.close === 'function') d.close('dismissed'); else d.removeAttribute('open'); }
}

/** Saves `blob` as a file named `name` (the browser's download), as `type`. */
export function saveAs(blob, name, type = blob.type) {
  const url = URL.createObjectURL(new Blob([blob], { type }));
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
