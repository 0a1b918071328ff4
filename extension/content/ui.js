// @ts-check
// The extension's only element in the page: <carelint-ui>, appended to
// <html>, with an OPEN shadow root (tests and tools look inside it) that
// holds the hint boxes, badges and popover. The shadow root keeps page CSS
// out and ours in; `all: initial` on the host stops inherited styles too.
// Nothing is added until a field is watched.

/** Category colours: `light` on light editors, `dark` on dark ones. */
export const PALETTE = {
  robotic: { light: '#7c3aed', dark: '#c4b5fd' },
  dismissive: { light: '#dc2626', dark: '#fca5a5' },
  blaming: { light: '#c2410c', dark: '#fdba74' },
  vague: { light: '#a16207', dark: '#fde047' },
  impersonal: { light: '#2563eb', dark: '#93c5fd' },
  rushing: { light: '#db2777', dark: '#f9a8d4' },
  other: { light: '#0f766e', dark: '#5eead4' },
};

/** @param {string} category */
export const paletteKey = (category) => (category in PALETTE ? category : 'other');

const categoryVars = Object.entries(PALETTE)
  .map(([name, c]) => `[data-category="${name}"] { --c: ${c.light}; } [data-category="${name}"][data-tone="dark"] { --c: ${c.dark}; }`)
  .join('\n');

const CSS = `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  top: 0 !important;
  left: 0 !important;
  width: 0 !important;
  height: 0 !important;
  overflow: visible !important;
  z-index: 2147483647 !important;
  pointer-events: none !important;
}
${categoryVars}
* { box-sizing: border-box; }
[hidden] { display: none !important; }

/* Hint boxes: hit-test areas over the flagged text. They never take the
   pointer: clicks reach the editor (the caret lands where the agent
   clicked) and the content script hit-tests the boxes itself. */
[data-carelint-hint] {
  position: absolute;
  left: 0;
  top: 0;
  border-radius: 2px;
  box-shadow: inset 0 -2px 0 var(--c);
}
/* Where the Highlight API underlines the text itself, the box only shows
   which hint is hovered or open. */
[data-carelint-hint][data-painted="highlight"] { box-shadow: none; }
[data-carelint-hint][data-active] {
  background: color-mix(in srgb, var(--c) 16%, transparent);
}

/* Mirror of a textarea, to measure where its characters are (mirror.js
   holds its lines, in a closed shadow root of its own). */
.mirror {
  position: absolute;
  visibility: hidden;
  border: 0;
  margin: 0;
  overflow: hidden;
}

.ui {
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1f2328;
  --surface: #ffffff;
  --line: #d0d7de;
  --muted: #59636e;
  --focus: #0969da;
}
@media (prefers-color-scheme: dark) {
  .ui { color: #e6edf3; --surface: #1f2328; --line: #3d444d; --muted: #9198a1; --focus: #4493f8; }
}

button {
  font: inherit;
  color: inherit;
  cursor: pointer;
  pointer-events: auto;
}
button:focus-visible, a:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
a { pointer-events: auto; }

/* Popover */
[data-carelint-popover] {
  position: absolute;
  left: 0;
  top: 0;
  width: max-content;
  max-width: min(360px, calc(100vw - 16px));
  max-height: calc(100vh - 16px);
  overflow-y: auto;
  padding: 8px 12px;
  border: 1px solid var(--line);
  border-left: 4px solid var(--c);
  border-radius: 8px;
  background: var(--surface);
  box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
  pointer-events: auto;
  animation: carelint-in 120ms ease-out;
}
@keyframes carelint-in { from { opacity: 0; translate: 0 3px; } }
.kicker { margin: 0 0 2px; font-size: 11px; letter-spacing: .04em; text-transform: uppercase; color: var(--muted); }
.message { margin: 0 0 6px; }
.suggestions { display: flex; flex-direction: column; gap: 4px; margin: 0 0 6px; }
[data-carelint-suggestion] {
  text-align: left;
  padding: 3px 8px;
  border: 1px solid var(--line);
  border-radius: 6px;
  background: color-mix(in srgb, var(--c) 8%, var(--surface));
}
[data-carelint-suggestion]:hover { background: color-mix(in srgb, var(--c) 18%, var(--surface)); }
.actions { display: flex; gap: 12px; align-items: center; }
.actions button, .actions a, .link {
  padding: 2px 0;
  border: 0;
  background: none;
  color: var(--muted);
  text-decoration: underline;
  text-underline-offset: 2px;
}
.keys { margin: 4px 0 0; font-size: 11px; color: var(--muted); }

/* Badge and checklist */
[data-carelint-badge] {
  position: absolute;
  left: 0;
  top: 0;
  min-width: 22px;
  height: 22px;
  padding: 0 6px;
  border: 0;
  border-radius: 11px;
  background: #0f766e;
  color: #ffffff;
  font-weight: 600;
  font-size: 12px;
  line-height: 22px;
  box-shadow: 0 1px 3px rgb(0 0 0 / 0.25);
  opacity: 0.92;
}
[data-carelint-badge][data-count="0"] { background: #57606a; }
.checklist {
  position: absolute;
  left: 0;
  top: 0;
  width: 300px;
  max-width: calc(100vw - 16px);
  max-height: calc(100vh - 16px);
  overflow-y: auto;
  padding: 10px 12px;
  border: 1px solid var(--line);
  border-radius: 8px;
  background: var(--surface);
  box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
  pointer-events: auto;
  animation: carelint-in 120ms ease-out;
}
.checklist h2 { margin: 0 0 6px; font-size: 13px; }
.checklist ul { margin: 0; padding: 0; list-style: none; }
.checklist li { display: grid; grid-template-columns: 18px 1fr; gap: 2px 6px; padding: 3px 0; }
.checklist li::before { content: "–"; color: var(--muted); font-weight: 700; }
.checklist li[data-status="pass"]::before { content: "✓"; color: #1a7f37; }
.checklist li[data-status="fail"]::before { content: "✗"; color: #cf222e; }
.checklist .reason { grid-column: 2; color: var(--muted); font-size: 12px; }

@media (prefers-reduced-motion: reduce) {
  [data-carelint-popover], .checklist { animation: none; }
}
`;

/** @type {WeakMap<Document, ShadowRoot>} */
const roots = new WeakMap();

/**
 * The shadow root of this document's <carelint-ui>, created on first use and
 * put back if the page removed it. Null where there is no <html> to hold it
 * or the page has claimed the element name.
 * @param {Document} doc
 * @returns {ShadowRoot | null}
 */
export function uiRoot(doc) {
  let root = roots.get(doc);
  if (!root) {
    const host = doc.createElement('carelint-ui');
    try {
      root = host.attachShadow({ mode: 'open' });
    } catch {
      return null; // the page defined <carelint-ui> itself
    }
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    const ui = doc.createElement('div');
    ui.className = 'ui';
    root.append(ui);
    roots.set(doc, root);
  }
  if (!root.host.isConnected) {
    if (!doc.documentElement) return null;
    doc.documentElement.append(root.host);
  }
  return root;
}

/**
 * The container inside the shadow root that UI parts append to.
 * @param {ShadowRoot} root
 * @returns {HTMLElement}
 */
export const uiContainer = (root) => /** @type {HTMLElement} */ (root.querySelector('.ui'));

/**
 * "dark" when the field draws light text (so its background is dark): the
 * underline colours switch to lighter ones that stay legible there.
 * @param {Element} field
 * @returns {'light' | 'dark'}
 */
export function toneOf(field) {
  const color = field.ownerDocument.defaultView?.getComputedStyle(field).color ?? '';
  const rgb = color.match(/[\d.]+/g);
  if (!rgb || rgb.length < 3) return 'light';
  const [r, g, b] = rgb.slice(0, 3).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 140 ? 'dark' : 'light';
}

/**
 * Wraps a listener of the UI so that it acts only on the agent's own input.
 * A page script can dispatch events at our elements (the shadow root is
 * open) and press keys in the editor; such events are not `isTrusted`, and
 * must never open UI, apply a suggestion or change settings or statistics.
 * @template {Event} E
 * @param {(e: E) => void} listener
 * @returns {(e: E) => void}
 */
export const trusted = (listener) => (e) => {
  if (e.isTrusted) listener(e);
};

/**
 * The viewport's size without scrollbars (quirks-mode pages report it on
 * <body>).
 * @param {Document} doc
 */
export function viewportSize(doc) {
  const el = doc.compatMode === 'BackCompat' && doc.body ? doc.body : doc.documentElement;
  return { width: el.clientWidth, height: el.clientHeight };
}
