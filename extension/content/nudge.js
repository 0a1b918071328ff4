// @ts-check
// The pre-send nudge (off by default): when the agent presses the site's
// send button (adapter selector) or its send shortcut while hints at or
// above the chosen severity remain, a small non-modal note by the button
// says how many, with "Review" and "Send anyway". "Send anyway" repeats the
// original action at once (a click on the same button, or the same key
// press on the same element) and lets it through.
//
// Sending is never blocked unless the note is on screen: the event is only
// stopped after the note was put up and measured visible; any failure on
// the way lets the original event go on as if Carelint were not there.

import { atLeast } from '../policy.js';
import { isInternalNote, isReply } from './site.js';
import { trusted } from './ui.js';

/**
 * @typedef {import('../policy.js').Site} Site
 * @typedef {import('../policy.js').Settings} Settings
 * @typedef {import('./field.js').Field} Field
 * @typedef {import('./field.js').Shown} Shown
 */

const CSS = `
[data-carelint-nudge] {
  position: absolute;
  left: 0;
  top: 0;
  width: max-content;
  max-width: min(320px, calc(100vw - 16px));
  padding: 8px 12px;
  border: 1px solid var(--line);
  border-left: 4px solid #b45309;
  border-radius: 8px;
  background: var(--surface);
  box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
  pointer-events: auto;
}
[data-carelint-nudge] p { margin: 0 0 6px; }
[data-carelint-nudge] .nudge-actions { display: flex; gap: 8px; }
[data-carelint-nudge] button {
  padding: 3px 10px;
  border: 1px solid var(--line);
  border-radius: 6px;
  background: var(--surface);
}
[data-carelint-nudge] [data-carelint-nudge-review] { background: #0f766e; border-color: #0f766e; color: #ffffff; }
`;

const MARGIN = 8;

/**
 * What the agent did to send: a click on the send button, or the send
 * shortcut in an element.
 * @typedef {{ kind: 'click', target: HTMLElement } | { kind: 'key', target: EventTarget, init: KeyboardEventInit }} SendAction
 */

/**
 * The send action `e` is, on a page with this adapter, or null.
 * @param {Event} e a click or keydown
 * @param {Site | null} adapter
 * @returns {SendAction | null}
 */
function sendActionOf(e, adapter) {
  if (!adapter) return null;
  if (e.type === 'click' && adapter.selectors?.send_button) {
    const selector = adapter.selectors.send_button;
    for (const node of e.composedPath()) {
      if (node instanceof Element && safeMatches(node, selector)) return { kind: 'click', target: /** @type {HTMLElement} */ (node) };
    }
    return null;
  }
  if (e.type === 'keydown' && adapter.send_shortcut && isShortcut(/** @type {KeyboardEvent} */ (e), adapter.send_shortcut)) {
    const k = /** @type {KeyboardEvent} */ (e);
    const init = { key: k.key, code: k.code, keyCode: k.keyCode, ctrlKey: k.ctrlKey, metaKey: k.metaKey, altKey: k.altKey, shiftKey: k.shiftKey, bubbles: true, cancelable: true, composed: true };
    return { kind: 'key', target: e.composedPath()[0] ?? e.target, init };
  }
  return null;
}

/**
 * Does the action again, as the agent did it.
 * @param {SendAction} action
 */
function repeat(action) {
  if (action.kind === 'click') action.target.click();
  else action.target.dispatchEvent(new KeyboardEvent('keydown', action.init));
}

/**
 * @param {KeyboardEvent} e
 * @param {string} shortcut e.g. "Ctrl+Enter" (extension/sites/schema.json)
 */
function isShortcut(e, shortcut) {
  const parts = shortcut.split('+');
  const key = parts.pop() ?? '';
  const mods = new Set(parts);
  const pressed = key === 'Enter' ? e.key === 'Enter' : e.key.toUpperCase() === key;
  return pressed && e.ctrlKey === mods.has('Ctrl') && e.metaKey === mods.has('Meta') && e.altKey === mods.has('Alt') && e.shiftKey === mods.has('Shift');
}

/**
 * @param {Element} el
 * @param {string} selector
 */
function safeMatches(el, selector) {
  try {
    return el.matches(selector);
  } catch {
    return false; // an adapter's selector the browser cannot parse
  }
}

export class Nudge {
  /** @param {HTMLElement} container in the <carelint-ui> shadow root */
  constructor(container) {
    const doc = container.ownerDocument;
    const root = /** @type {ShadowRoot} */ (container.getRootNode());
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    this.el = doc.createElement('div');
    this.el.setAttribute('data-carelint-nudge', '');
    this.el.setAttribute('role', 'dialog');
    this.el.setAttribute('aria-modal', 'false');
    this.el.setAttribute('aria-label', 'Before you send');
    this.el.hidden = true;
    this.text = doc.createElement('p');
    this.review = button(doc, 'Review', 'data-carelint-nudge-review');
    this.send = button(doc, 'Send anyway', 'data-carelint-nudge-send');
    const actions = doc.createElement('div');
    actions.className = 'nudge-actions';
    actions.append(this.review, this.send);
    this.el.append(this.text, actions);
    this.el.addEventListener('keydown', trusted((e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.onClose();
      }
    }));
    this.review.addEventListener('click', trusted(() => this.onReview()));
    this.send.addEventListener('click', trusted(() => this.onSend()));
    container.append(this.el);
    /** @type {() => void} */
    this.onReview = () => {};
    /** @type {() => void} */
    this.onSend = () => {};
    /** @type {() => void} */
    this.onClose = () => {};
  }

  get isOpen() {
    return !this.el.hidden;
  }

  /**
   * Puts the note up next to `anchor` and focuses "Review".
   * @param {number} count hints at or above the severity
   * @param {DOMRect} anchor the send button (or the reply box, for the shortcut), viewport coordinates
   * @param {{ review: () => void, send: () => void, close: () => void }} actions
   * @returns {boolean} whether the note is on screen; only then may the send be held
   */
  show(count, anchor, actions) {
    this.onReview = actions.review;
    this.onSend = actions.send;
    this.onClose = actions.close;
    this.text.textContent = `${count === 1 ? '1 hint' : `${count} hints`} left in this reply. Send it anyway?`;
    this.el.hidden = false;
    const box = this.el.getBoundingClientRect();
    const { left, top } = place(box, anchor, this.el.ownerDocument.documentElement);
    this.el.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
    const host = /** @type {ShadowRoot} */ (this.el.getRootNode()).host;
    const visible = host.isConnected && this.el.getClientRects().length > 0 && box.width > 0 && box.height > 0;
    if (!visible) {
      this.hide();
      return false;
    }
    this.review.focus({ preventScroll: true });
    return true;
  }

  hide() {
    this.el.hidden = true;
  }
}

/**
 * What the send guard needs from the page.
 * @typedef {object} GuardHost
 * @property {Nudge} nudge
 * @property {() => { adapter: Site | null, nudge: Settings['nudge'] }} settings
 * @property {() => Iterable<Field>} fields
 * @property {(e: Event) => Field | null} fieldOf the watched field an event comes from
 * @property {(field: Field, s: Shown) => void} review open the hint's popover, focused
 * @property {(error: unknown) => void} failed
 */

/**
 * Holds the agent's send while hints at or above the nudge's severity are
 * left (the adapter's send button or shortcut), but only once the note is
 * on screen: if anything fails on the way, the event goes on untouched.
 * Only the agent's own sends are held: the page's scripted ones, and "Send
 * anyway" repeating the agent's, are not trusted events.
 */
export class SendGuard {
  /** @param {GuardHost} host */
  constructor(host) {
    this.host = host;
  }

  /**
   * Listens before everything else on `win`: a held send must reach nothing.
   * @param {Window} win
   * @param {AbortSignal} signal
   */
  listen(win, signal) {
    const onSend = trusted((e) => this.#onSend(e));
    win.addEventListener('click', onSend, { capture: true, signal });
    win.addEventListener('keydown', onSend, { capture: true, signal });
  }

  /** @param {Event} e */
  #onSend(e) {
    const { nudge, adapter } = this.host.settings();
    if (!nudge.enabled) return;
    const action = sendActionOf(e, adapter);
    // The shortcut sends only from the reply box; elsewhere it is something else.
    if (!action || (action.kind === 'key' && !this.host.fieldOf(e))) return;
    const outward = [...this.host.fields()].filter((f) => !isInternalNote(f.el, adapter));
    // The adapter's reply editor when its selector finds it, else every public field.
    const matched = outward.filter((f) => isReply(f.el, adapter));
    const replies = matched.length ? matched : outward;
    const severe = (/** @type {Shown} */ s) => atLeast(s.hint.severity, nudge.severity);
    const count = replies.reduce((n, f) => n + f.shown.filter(severe).length, 0);
    const first = replies.find((f) => f.shown.some(severe));
    if (!count || !first) return;
    const note = this.host.nudge;
    let held = false;
    try {
      const anchor = (action.kind === 'click' ? action.target : first.el).getBoundingClientRect();
      held = note.show(count, anchor, {
        review: () => {
          note.hide();
          const target = first.shown.find(severe);
          if (!target) return;
          first.el.focus({ preventScroll: true });
          this.host.review(first, target);
        },
        send: () => {
          note.hide();
          repeat(action);
        },
        close: () => {
          note.hide();
          first.el.focus({ preventScroll: true });
        },
      });
    } catch (error) {
      this.host.failed(error);
    }
    if (!held) return;
    e.preventDefault();
    e.stopImmediatePropagation();
  }
}

/**
 * Where the note goes: beside the send button (the reply stays in view),
 * else below it, else above it; always inside the viewport.
 * @param {DOMRect} box the note's size
 * @param {DOMRect} anchor
 * @param {HTMLElement} view the document element, for the viewport's size
 */
function place(box, anchor, view) {
  const width = view.clientWidth;
  const height = view.clientHeight;
  const clampX = (/** @type {number} */ x) => Math.max(MARGIN, Math.min(x, width - box.width - MARGIN));
  const clampY = (/** @type {number} */ y) => Math.max(MARGIN, Math.min(y, height - box.height - MARGIN));
  if (anchor.right + MARGIN + box.width + MARGIN <= width) {
    return { left: anchor.right + MARGIN, top: clampY(anchor.top + (anchor.height - box.height) / 2) };
  }
  if (anchor.bottom + MARGIN + box.height + MARGIN <= height) return { left: clampX(anchor.left), top: anchor.bottom + MARGIN };
  return { left: clampX(anchor.left), top: clampY(anchor.top - box.height - MARGIN) };
}

/**
 * @param {Document} doc
 * @param {string} label
 * @param {string} attribute
 */
function button(doc, label, attribute) {
  const b = doc.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.setAttribute(attribute, '');
  return b;
}
