// @ts-check
// The agent's hands on the hints: hover, click and Alt+Shift+J open a
// hint's popover; the popover's buttons accept, dismiss or turn the rule
// off; Escape closes what Carelint opened. Every listener is wrapped in
// trusted() (ui.js): a page script's events open nothing and change nothing.
import { isNextHintKey } from './popover.js';
import { selectionIn } from './fields.js';
import { trusted } from './ui.js';

/**
 * @typedef {import('./field.js').Field} Field
 * @typedef {import('./field.js').Shown} Shown
 * @typedef {import('./popover.js').Popover} Popover
 * @typedef {import('./highlights.js').HintLayer} HintLayer
 */

/**
 * What the controller acts on and through.
 * @typedef {object} ControllerHost
 * @property {HintLayer} layer the boxes on screen (hit-testing, anchors)
 * @property {Popover} popover
 * @property {{ isOpen: boolean, el: HTMLElement, hide: () => void }} nudge
 * @property {() => Iterable<Field>} fields the watched fields
 * @property {() => boolean} rulesLocked the admin locked the rule list: no "Turn off this rule"
 * @property {(field: Field, s: Shown, suggestion: string) => void} accept
 * @property {(field: Field, s: Shown) => void} dismiss
 * @property {(rule: string) => void} turnOff
 * @property {(rule: string) => string} ruleUrl the rule's entry in the rule catalogue
 * @property {(rule: string) => void} openRule opens that entry
 * @property {() => void} paint
 */

/** Hover must rest this long before a popover opens, or leave before it closes. */
const HOVER_OPEN_MS = 300;
const HOVER_CLOSE_MS = 300;
/** A pointer that moved further than this between down and up was selecting text. */
const CLICK_SLOP_PX = 4;

export class HintController {
  /** @param {ControllerHost} host */
  constructor(host) {
    this.host = host;
    /** The field whose hint the popover shows, and where its caret was if focus moved into the popover. */
    /** @type {{ field: Field, caret: Range | null } | null} */
    this.owner = null;
    /** The hint under the pointer and the timer that opens or closes its popover. */
    this.hoverTimer = 0;
    /** @type {string | null} */
    this.hoverKey = null;
    /** Where the last pointerdown was, to tell a click from a text selection. */
    this.down = { x: 0, y: 0 };
  }

  /**
   * Listens to the agent's pointer and keys on `win` until `signal` aborts.
   * @param {Window} win
   * @param {AbortSignal} signal
   */
  listen(win, signal) {
    win.addEventListener('pointermove', trusted((e) => this.#onPointerMove(e)), { capture: true, passive: true, signal });
    win.addEventListener('pointerdown', trusted((e) => this.#onPointerDown(e)), { capture: true, signal });
    win.addEventListener('click', trusted((e) => this.#onClick(e)), { capture: true, signal });
    win.addEventListener('keydown', trusted((e) => this.#onKeyDown(e)), { capture: true, signal });
  }

  /**
   * The field and hint with this key.
   * @param {string} key
   * @returns {{ field: Field, s: Shown } | null}
   */
  find(key) {
    for (const field of this.host.fields()) {
      const s = field.shown.find((x) => x.key === key);
      if (s) return { field, s };
    }
    return null;
  }

  /**
   * Opens the popover of a hint that is on screen.
   * @param {string} key
   * @param {{ pinned: boolean, focus: boolean, caret?: Range | null }} how
   *   `caret`: where to put a contenteditable's caret back when focus returns
   */
  open(key, { pinned, focus, caret = null }) {
    const { layer, popover } = this.host;
    const found = this.find(key);
    const anchor = layer.anchor(key);
    if (!found || !anchor) return;
    const { field, s } = found;
    popover.open({
      hint: s.hint,
      key,
      anchor,
      pinned,
      focus,
      actions: {
        accept: (suggestion) => {
          this.close(false);
          this.host.accept(field, s, suggestion);
        },
        dismiss: () => {
          this.close(popover.hasFocus());
          this.host.dismiss(field, s);
        },
        disableRule: this.host.rulesLocked() ? null : () => {
          this.close(popover.hasFocus());
          this.host.turnOff(s.hint.rule);
        },
        about: {
          href: this.host.ruleUrl(s.hint.rule),
          open: () => {
            this.close(false);
            this.host.openRule(s.hint.rule);
          },
        },
        escape: () => this.close(true),
      },
    });
    this.owner = { field, caret };
    layer.setActive(key);
  }

  /**
   * @param {boolean} refocus give the editor focus back (and its caret), as
   *   the popover had it
   */
  close(refocus) {
    const { layer, popover } = this.host;
    if (!popover.isOpen) return;
    const owner = this.owner;
    popover.close();
    layer.setActive(null);
    this.owner = null;
    if (refocus && owner) {
      owner.field.el.focus({ preventScroll: true });
      const selection = owner.caret && selectionIn(owner.field.el);
      if (selection && owner.caret) selection.setBaseAndExtent(owner.caret.startContainer, owner.caret.startOffset, owner.caret.endContainer, owner.caret.endOffset);
    }
  }

  /**
   * Keeps the popover on its hint after a paint, or closes it when the hint
   * is no longer on screen.
   */
  follow() {
    const { layer, popover } = this.host;
    if (!popover.isOpen) return;
    const anchor = popover.key && layer.anchor(popover.key);
    if (anchor) popover.place(anchor);
    else this.close(popover.hasFocus());
  }

  /**
   * The hint's popover, pinned and focused, with the hint scrolled into view
   * ("Review" in the send nudge, Alt+Shift+J).
   * @param {Field} field
   * @param {Shown} s
   * @param {Range | null} caret
   */
  reveal(field, s, caret) {
    if (!this.host.layer.has(s.key)) {
      field.scrollTo(s);
      this.host.paint();
    }
    this.close(false);
    this.open(s.key, { pinned: true, focus: true, caret });
  }

  /**
   * Alt+Shift+J: the hint after the open one, or at/after the caret, wrapping.
   * @param {Field} field
   */
  async #openNext(field) {
    // A keystroke in this same frame may not be read yet; reading it later
    // would close the popover opened here (its text changed under it). Its
    // lint is awaited: until it answers, a hint the keystroke touched (a
    // full stop typed right after the phrase) is off the screen.
    field.readIfDirty();
    await field.answered;
    const list = field.shown;
    if (!list.length) return;
    const openIndex = list.findIndex((s) => s.key === this.host.popover.key);
    let index = openIndex >= 0 ? (openIndex + 1) % list.length : list.findIndex((s) => !field.caretIsAfter(s));
    if (index < 0) index = 0;
    // Focus may already be in the popover: keep the caret saved from the editor.
    const caret = this.owner?.field === field ? this.owner.caret : field.savedCaret();
    this.reveal(field, list[index], caret);
  }

  /** @param {PointerEvent} e */
  #onPointerMove(e) {
    const { layer, popover } = this.host;
    const overPopover = !!popover.el && e.composedPath().includes(popover.el);
    const key = overPopover ? popover.key : layer.hitTest(e.clientX, e.clientY);
    if (key === this.hoverKey) return;
    this.hoverKey = key;
    clearTimeout(this.hoverTimer);
    if (key && key !== popover.key && !popover.pinned) {
      const { clientX: x, clientY: y } = e;
      // Hit-test again when the timer fires: a lint in between may have
      // replaced the hint under the pointer.
      this.hoverTimer = setTimeout(() => {
        const now = layer.hitTest(x, y);
        if (now) this.open(now, { pinned: false, focus: false });
      }, HOVER_OPEN_MS);
    } else if (!key && popover.isOpen && !popover.pinned) {
      this.hoverTimer = setTimeout(() => this.close(false), HOVER_CLOSE_MS);
    }
  }

  /** @param {PointerEvent} e */
  #onPointerDown(e) {
    const { layer, popover, nudge } = this.host;
    this.down = { x: e.clientX, y: e.clientY };
    const path = e.composedPath();
    if (popover.el && !path.includes(popover.el) && layer.hitTest(e.clientX, e.clientY) !== popover.key) this.close(false);
    for (const field of this.host.fields()) {
      if (!path.includes(field.badge.button) && !path.includes(field.badge.panel)) field.badge.toggle(false);
    }
    if (nudge.isOpen && !path.includes(nudge.el)) nudge.hide();
  }

  /** @param {MouseEvent} e */
  #onClick(e) {
    const { layer, popover } = this.host;
    if (Math.hypot(e.clientX - this.down.x, e.clientY - this.down.y) > CLICK_SLOP_PX) return;
    if (popover.el && e.composedPath().includes(popover.el)) return;
    const key = layer.hitTest(e.clientX, e.clientY);
    // The click also reaches the editor (boxes never take the pointer), so
    // the caret lands where the agent clicked.
    if (!key) return;
    clearTimeout(this.hoverTimer);
    if (key !== popover.key) this.open(key, { pinned: true, focus: false });
    else popover.pinned = true;
  }

  /** @param {KeyboardEvent} e */
  #onKeyDown(e) {
    const { popover } = this.host;
    if (isNextHintKey(e)) {
      const field = this.owner?.field ?? this.fieldOf(e);
      if (!field) return;
      e.preventDefault();
      e.stopPropagation();
      this.#openNext(field);
    } else if (e.key === 'Escape' && !popover.hasFocus()) {
      // Focus is in the editor: Escape closes what we opened, if anything.
      const panels = [...this.host.fields()].filter((f) => f.badge.isOpen);
      if (!popover.isOpen && !panels.length) return;
      e.preventDefault();
      e.stopPropagation();
      this.close(false);
      for (const f of panels) f.badge.toggle(false);
    }
  }

  /**
   * The watched field an event comes from.
   * @param {Event} e
   * @returns {Field | null}
   */
  fieldOf(e) {
    const path = e.composedPath();
    for (const field of this.host.fields()) if (path.includes(field.el)) return field;
    return null;
  }
}
