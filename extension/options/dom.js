// @ts-check
// The one way the options page builds elements. Text (pack messages,
// examples, policy errors: anything an admin or a pasted pack wrote) only
// ever becomes a text node; nothing here parses HTML.

/**
 * @param {string} tag
 * @param {Record<string, string | boolean | undefined>} [attrs] `false`/undefined leave the attribute out
 * @param {...(Node | string | null | undefined | false)} children strings become text nodes
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === undefined) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

/**
 * Saves `text` as a file through the browser's download.
 * @param {string} name
 * @param {string} text
 * @param {string} type MIME type
 */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A switch (a checkbox with role="switch") and its label.
 * @param {string} label
 * @param {Record<string, string | boolean | undefined>} attrs for the input
 * @param {(on: boolean, input: HTMLInputElement) => void} onChange
 */
export function toggle(label, attrs, onChange) {
  const input = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', role: 'switch', ...attrs }));
  input.addEventListener('change', () => onChange(input.checked, input));
  return h('label', {}, input, ` ${label}`);
}

/**
 * Runs `render` (which replaces elements) and gives focus back to the
 * control that had it, found again by its id or data-key attribute, so a
 * keyboard user keeps their place when a switch re-renders its section.
 * @param {() => void} render
 */
export function keepFocus(render) {
  const active = document.activeElement;
  const key = active instanceof HTMLElement ? focusKey(active) : null;
  render();
  if (!key || document.activeElement !== document.body) return;
  const again = document.querySelector(key);
  if (again instanceof HTMLElement) again.focus();
}

/** @param {HTMLElement} el */
function focusKey(el) {
  if (el.id) return `#${CSS.escape(el.id)}`;
  const attr = [...el.attributes].find((a) => a.name.startsWith('data-'));
  return attr ? `${el.localName}[${attr.name}="${CSS.escape(attr.value)}"]` : null;
}
