// @ts-check
// Blanks in an accepted suggestion ("I'll write back by [time]"): once the
// suggestion is in, its first blank is selected so the agent types straight
// over it, and Tab selects the next blank of that same suggestion. The
// blanks are found again in the field's text at each Tab, after the caret
// and inside the inserted text (followed through edits), so typing over one
// moves the others with the text. Only a plain, trusted Tab with the
// selection inside the inserted text is taken; after the last blank, and
// after Escape, a click or the field losing focus, keys work as before.
// Selecting is not an edit: the suggestion stays one undo step.
import { selectionIn } from './fields.js';
import { editBetween } from './spans.js';
import { readEditable } from './textmap.js';
import contract from '../contract.json' with { type: 'json' };

/**
 * A blank: square brackets around a short description, on one line
 * (contract.json; the built-in packs' tests hold their suggestions to it).
 */
const BLANK = new RegExp(contract.blank, 'g');
/** How long a rich editor may take to show the inserted text and keep the selection. */
const SETTLE_MS = 1000;
/** The selection must hold on the blank this many looks in a row (an editor may re-render under it). */
const STEADY_LOOKS = 2;

/**
 * The suggestion being filled in.
 * @typedef {object} Session
 * @property {HTMLElement} field
 * @property {number} start where the inserted text starts in the field's text
 * @property {number} end where it ends
 * @property {string | null} text the field's text when last looked at; null until the editor shows the insert
 * @property {string[]} blanks blanks not selected yet, in order
 * @property {boolean} acted the agent pressed a key since
 * @property {AbortController} abort
 */

/**
 * The field's text and, when it is in the field, its selection as text offsets.
 * @typedef {{ text: string, selection: { start: number, end: number } | null }} Look
 */

export class Blanks {
  /** @type {Session | null} */
  #session = null;

  /**
   * Starts on a suggestion just inserted; does nothing when it has no blank.
   * @param {HTMLElement} field
   * @param {number} at where `inserted` starts in the field's text
   * @param {string} inserted
   * @param {AbortSignal} signal aborts when the field is no longer watched
   */
  start(field, at, inserted, signal) {
    this.end();
    const found = [...inserted.matchAll(BLANK)];
    const win = field.ownerDocument.defaultView;
    if (!found.length || signal.aborted || !win) return;
    const abort = new AbortController();
    /** @type {Session} */
    const s = { field, start: at, end: at + inserted.length, text: null, blanks: found.slice(1).map((m) => m[0]), acted: false, abort };
    this.#session = s;
    const opts = { capture: true, signal: abort.signal };
    signal.addEventListener('abort', () => this.#endIf(s), { signal: abort.signal });
    win.addEventListener('keydown', (e) => this.#onKey(e, s), opts);
    win.addEventListener('pointerdown', (e) => { if (e.isTrusted) this.#endIf(s); }, opts);
    field.addEventListener('blur', (e) => { if (e.isTrusted) this.#endIf(s); }, opts);
    this.#selectFirst(s, at, inserted, at + /** @type {number} */ (found[0].index), found[0][0]);
  }

  end() {
    this.#session?.abort.abort();
    this.#session = null;
  }

  /** @param {Session} s */
  #endIf(s) {
    if (this.#session === s) this.end();
  }

  /**
   * Selects the first blank once the field shows the inserted text, and
   * again if the editor's re-render moves the selection, until it holds or
   * the agent acts.
   * @param {Session} s
   * @param {number} at
   * @param {string} inserted
   * @param {number} blankAt
   * @param {string} blank
   */
  async #selectFirst(s, at, inserted, blankAt, blank) {
    const deadline = performance.now() + SETTLE_MS;
    let steady = 0;
    while (this.#session === s && !s.acted && steady < STEADY_LOOKS && performance.now() < deadline) {
      const look = lookAt(s.field);
      if (s.text !== null && look.text !== s.text) return; // edited since: the agent's now
      if (look.text.slice(at, at + inserted.length) === inserted) {
        s.text = look.text;
        if (isOn(look, blankAt, blank)) {
          steady++;
        } else {
          steady = 0;
          select(s.field, blankAt, blankAt + blank.length);
        }
      }
      await tick();
    }
    if (s.text === null) this.#endIf(s); // the editor never showed the suggestion
  }

  /**
   * @param {KeyboardEvent} e
   * @param {Session} s
   */
  #onKey(e, s) {
    if (!e.isTrusted || e.isComposing) return;
    if (e.key === 'Escape') {
      this.#endIf(s);
      return;
    }
    const plainTab = e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey;
    if (!plainTab || !e.composedPath().includes(s.field)) {
      s.acted = true;
      return;
    }
    const next = this.#nextBlank(s);
    if (!next) {
      this.#endIf(s); // Tab does what it always does
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    s.acted = true;
    select(s.field, next.start, next.end);
  }

  /**
   * The next blank after the caret, while the selection is inside the
   * inserted text; null when there is none (or the inserted text was edited
   * across its edges).
   * @param {Session} s
   * @returns {{ start: number, end: number } | null}
   */
  #nextBlank(s) {
    if (s.text === null) return null;
    const look = lookAt(s.field);
    if (!follow(s, look.text) || !look.selection) return null;
    const { start, end } = look.selection;
    if (start < s.start || end > s.end) return null;
    while (s.blanks.length) {
      const blank = /** @type {string} */ (s.blanks.shift());
      const at = look.text.indexOf(blank, end);
      if (at >= 0 && at + blank.length <= s.end) return { start: at, end: at + blank.length };
    }
    return null;
  }
}

/**
 * Moves the session's inserted text through the edit from the last look to
 * `text`; false when the edit crossed its edges.
 * @param {Session} s
 * @param {string} text
 */
function follow(s, text) {
  const edit = editBetween(/** @type {string} */ (s.text), text);
  const delta = edit.inserted - edit.removed;
  s.text = text;
  if (edit.start >= s.start && edit.start + edit.removed <= s.end) {
    s.end += delta;
  } else if (edit.start + edit.removed <= s.start) {
    s.start += delta;
    s.end += delta;
  } else if (edit.start < s.end) {
    return false;
  }
  return true;
}

/**
 * @param {HTMLElement} field
 * @returns {Look}
 */
function lookAt(field) {
  if (field.localName === 'textarea') {
    const ta = /** @type {HTMLTextAreaElement} */ (field);
    return { text: ta.value, selection: { start: ta.selectionStart, end: ta.selectionEnd } };
  }
  const map = readEditable(field);
  // The browser writes a space at a text node's edge as a no-break space.
  const text = map.text.replace(/\u00a0/g, ' ');
  const sel = selectionIn(field);
  if (!sel?.anchorNode || !sel.focusNode) return { text, selection: null };
  const a = map.offsetOf(sel.anchorNode, sel.anchorOffset);
  const b = map.offsetOf(sel.focusNode, sel.focusOffset);
  return { text, selection: a === null || b === null ? null : { start: Math.min(a, b), end: Math.max(a, b) } };
}

/**
 * Whether exactly the blank is selected.
 * @param {Look} look
 * @param {number} at
 * @param {string} blank
 */
function isOn(look, at, blank) {
  return !!look.selection && look.selection.start === at && look.selection.end === at + blank.length
    && look.text.slice(at, at + blank.length) === blank;
}

/**
 * Selects text[start, end) of the field; the editor picks the selection up
 * from `selectionchange`, as it does for the agent's own.
 * @param {HTMLElement} field
 * @param {number} start
 * @param {number} end
 */
function select(field, start, end) {
  if (field.localName === 'textarea') {
    /** @type {HTMLTextAreaElement} */ (field).setSelectionRange(start, end);
    return;
  }
  const range = readEditable(field).range(start, end);
  const selection = selectionIn(field);
  if (range && selection) selection.setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset);
}

/** Lets the page (and the editor) handle what is queued: a frame's time. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 16));
