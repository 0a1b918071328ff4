// @ts-check
// The popover of one hint: why the phrase reads badly, the suggested
// wording, "Dismiss" (this occurrence) and "Turn off this rule". It is a
// non-modal dialog: opened by mouse it leaves focus in the editor (the agent
// keeps typing); opened by keyboard it takes focus on the first suggestion,
// so Enter takes it and a screen reader announces the dialog. Pack text is
// always set as textContent, never parsed as HTML. "About this rule" opens
// the rule's entry in the rule catalogue (the host says where and how).
import { paletteKey, trusted, viewportSize } from './ui.js';

/** The documented shortcut: go to the next hint and open its popover. */
export const NEXT_HINT_SHORTCUT = 'Alt+Shift+J';

/** @param {KeyboardEvent} e */
export const isNextHintKey = (e) => e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyJ';

/**
 * @typedef {import('../engine/carelint.js').Hint} Hint
 * @typedef {import('./highlights.js').Box} Box
 * @typedef {object} PopoverActions
 * @property {(suggestion: string) => void} accept
 * @property {() => void} dismiss
 * @property {(() => void) | null} disableRule null where the administrator locks the rule switches
 * @property {{ href: string, open: () => void }} about the rule's entry in the rule catalogue: its address, and how to open it
 * @property {() => void} escape Escape inside the popover: close it, focus back to the editor
 */

const GAP = 6;
const MARGIN = 8;

let nextId = 0;

export class Popover {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.container = container;
    /** @type {HTMLElement | null} */
    this.el = null;
    /** Key of the hint shown (see main.js), null when closed. */
    /** @type {string | null} */
    this.key = null;
    /** Opened by click or keyboard: stays until closed, unlike a hover popover. */
    this.pinned = false;
  }

  get isOpen() {
    return this.el !== null;
  }

  /**
   * @param {object} o
   * @param {Hint} o.hint
   * @param {string} o.key
   * @param {Box} o.anchor the flagged text on screen
   * @param {PopoverActions} o.actions
   * @param {boolean} o.pinned
   * @param {boolean} o.focus move focus into the popover (keyboard)
   */
  open({ hint, key, anchor, actions, pinned, focus }) {
    this.close();
    const doc = this.container.ownerDocument;
    const el = doc.createElement('div');
    const messageId = `carelint-message-${++nextId}`;
    el.setAttribute('data-carelint-popover', '');
    el.setAttribute('role', 'dialog');
    el.setAttribute('aria-label', `Carelint: ${hint.category} phrasing`);
    el.setAttribute('aria-describedby', messageId);
    el.dataset.category = paletteKey(hint.category);
    // The popover's surface follows the system theme (see ui.js), so does its accent.
    el.dataset.tone = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';

    const kicker = doc.createElement('p');
    kicker.className = 'kicker';
    kicker.textContent = hint.category;
    const message = doc.createElement('p');
    message.className = 'message';
    message.id = messageId;
    message.textContent = hint.message;
    el.append(kicker, message);

    if (hint.suggestions.length) {
      const list = doc.createElement('div');
      list.className = 'suggestions';
      list.setAttribute('role', 'group');
      list.setAttribute('aria-label', 'Suggestions');
      for (const suggestion of hint.suggestions) {
        const b = button(doc, suggestion, () => actions.accept(suggestion));
        b.setAttribute('data-carelint-suggestion', suggestion);
        // Not the flagged words themselves: the open root is readable by the page.
        b.title = 'Replace the underlined words with this';
        list.append(b);
      }
      el.append(list);
    }

    const row = doc.createElement('div');
    row.className = 'actions';
    const dismiss = button(doc, 'Dismiss', actions.dismiss);
    dismiss.setAttribute('data-carelint-dismiss', '');
    dismiss.title = 'Hide this hint here';
    row.append(dismiss);
    if (actions.disableRule) {
      const off = button(doc, 'Turn off this rule', actions.disableRule);
      off.setAttribute('data-carelint-disable-rule', '');
      off.title = `Never flag ${hint.rule} again`;
      row.append(off);
    }
    const about = doc.createElement('a');
    about.href = actions.about.href;
    about.textContent = 'About this rule';
    about.title = `${hint.rule} in the rule catalogue`;
    about.setAttribute('data-carelint-rule-link', hint.rule);
    // The host opens it, on real input only: a page cannot navigate to the
    // extension's own pages, so the link's own navigation never runs.
    for (const type of ['click', 'auxclick']) about.addEventListener(type, (e) => e.preventDefault());
    about.addEventListener('click', trusted((e) => {
      e.stopPropagation();
      actions.about.open();
    }));
    row.append(about);
    const keys = doc.createElement('p');
    keys.className = 'keys';
    keys.textContent = `Enter: use · Esc: close · ${NEXT_HINT_SHORTCUT}: next hint`;
    el.append(row, keys);

    // Clicking in the popover must not take focus (and the caret) from
    // the editor; buttons still get their click.
    el.addEventListener('mousedown', (e) => e.preventDefault());
    el.addEventListener('keydown', trusted((e) => this.#onKey(e, actions)));

    this.container.append(el);
    this.el = el;
    this.key = key;
    this.pinned = pinned;
    this.place(anchor);
    if (focus) el.querySelector('button')?.focus({ preventScroll: true });
  }

  /**
   * Puts the popover under the flagged text, or over it when there is more
   * room there; always inside the viewport (a small iframe may leave room
   * for neither: then it covers the text rather than its own buttons).
   * @param {Box} anchor
   */
  place(anchor) {
    const el = this.el;
    if (!el) return;
    const viewport = viewportSize(el.ownerDocument);
    const width = el.offsetWidth;
    const height = el.offsetHeight;
    const below = viewport.height - MARGIN - (anchor.bottom + GAP);
    const above = anchor.top - GAP - MARGIN;
    let top = height <= below || below >= above ? anchor.bottom + GAP : anchor.top - GAP - height;
    top = Math.max(MARGIN, Math.min(top, viewport.height - height - MARGIN));
    const left = Math.max(MARGIN, Math.min(anchor.left, viewport.width - width - MARGIN));
    el.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }

  /** Whether keyboard focus is inside the popover. */
  hasFocus() {
    const root = this.el?.getRootNode();
    return !!this.el && root instanceof ShadowRoot && !!root.activeElement && this.el.contains(root.activeElement);
  }

  /**
   * @param {Node} node
   */
  contains(node) {
    return !!this.el && this.el.contains(node);
  }

  close() {
    this.el?.remove();
    this.el = null;
    this.key = null;
    this.pinned = false;
  }

  /**
   * Escape closes; arrows and Tab move between the buttons and the link (Tab wraps, as
   * the popover sits at the end of the page's tab order).
   * @param {KeyboardEvent} e
   * @param {PopoverActions} actions
   */
  #onKey(e, actions) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      actions.escape();
      return;
    }
    const step = e.key === 'ArrowDown' || (e.key === 'Tab' && !e.shiftKey) ? 1
      : e.key === 'ArrowUp' || (e.key === 'Tab' && e.shiftKey) ? -1 : 0;
    if (!step || !this.el) return;
    const buttons = /** @type {HTMLElement[]} */ ([...this.el.querySelectorAll('button, a[href]')]);
    const root = this.el.getRootNode();
    const at = buttons.indexOf(/** @type {HTMLElement} */ (root instanceof ShadowRoot ? root.activeElement : null));
    e.preventDefault();
    buttons[(at + step + buttons.length) % buttons.length]?.focus();
  }
}

/**
 * @param {Document} doc
 * @param {string} label
 * @param {() => void} onClick
 */
function button(doc, label, onClick) {
  const b = doc.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', trusted((e) => {
    e.stopPropagation();
    onClick();
  }));
  return b;
}
