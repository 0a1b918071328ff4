// @ts-check
// One watched reply box and its read -> lint -> show cycle.
//
//   read: the text (and, contenteditable, its position map); an edit moves
//     what is known (shown and dismissed hints) onto the new text
//   lint: only the lines the edit touched, at once; the whole reply after a
//     pause in typing (its checklist, and what line lints cannot see)
//   show: results for the current text only (generation counter), minus
//     dismissed and disabled hints; a hint keeps its key while its text stays
//
// The field owns its badge, its textarea mirror and its listeners; how it
// lints (page or service worker) and what it tells the page are handed in.
import { Badge } from './badge.js';
import { clientBox, clip, highlightsPaint, lineBoxes, onScreen, visibleArea } from './highlights.js';
import { TextareaMirror } from './mirror.js';
import { selectionIn } from './fields.js';
import { editBetween, moveSpan, shiftSpan } from './spans.js';
import { readEditable } from './textmap.js';
import { toneOf } from './ui.js';

/**
 * @typedef {import('../engine/carelint.js').Hint} Hint
 * @typedef {import('../engine/carelint.js').Report} Report
 * @typedef {import('../engine/carelint.js').ChecklistItem} ChecklistItem
 * @typedef {import('../engine/carelint.js').LintContext} LintContext
 * @typedef {import('./highlights.js').Box} Box
 * @typedef {import('./highlights.js').HintBox} HintBox
 * @typedef {import('./textmap.js').TextMap} TextMap
 * @typedef {(text: string, context: LintContext) => Promise<Report>} Lint
 * @typedef {{ rule: string, start: number, end: number }} DismissedSpan
 */

/**
 * A hint on screen: the engine's hint with its span kept on the field's
 * current text, and (contenteditable) its DOM Range once asked for.
 * @typedef {object} Shown
 * @property {string} key unique on the page; kept while the hint's text
 *   stays, so its boxes and popover survive edits elsewhere
 * @property {Hint} hint
 * @property {Range | null | undefined} range undefined until `Field.rangeOf`
 *   works it out (only hints near the screen ever need one)
 */

/**
 * What a field needs from the page it is on.
 * @typedef {object} FieldHost
 * @property {HTMLElement} container the <carelint-ui> container (badge, mirror)
 * @property {{ near: Lint, far: Lint }} linter `near` answers within the
 *   keystroke when it can (the page's engine); `far` runs off the main thread
 * @property {(doc: Document) => LintContext} readContext names from the page
 * @property {(rule: string) => boolean} hidden rules not to show (turned off)
 * @property {() => void} changed something may have moved or changed: render soon
 * @property {() => void} repaint the hints changed: paint them now
 * @property {(field: Field) => void} textChanged the agent's text changed (a popover on it closes)
 * @property {(rule: string) => void} shownOnce a hint appeared for the first time
 * @property {(error: unknown) => void} failed a lint failed
 */

/** After typing pauses this long, the whole reply is linted again. */
const WHOLE_LINT_DELAY_MS = 400;
/** Lines an edit touched longer than this are linted off the main thread (a 5,000-word reply is ~30,000). */
const NEAR_LINT_CHARS = 50_000;

let nextId = 0;
let nextKey = 0;

export class Field {
  /**
   * @param {HTMLElement} el
   * @param {FieldHost} host
   */
  constructor(el, host) {
    this.el = el;
    this.host = host;
    this.id = ++nextId;
    this.isTextarea = el.localName === 'textarea';
    /** The text last read. */
    this.text = '';
    /** @type {TextMap | null} contenteditable: the map of `text` */
    this.map = null;
    /** Bumped when `text` changes; older lint results are dropped. */
    this.generation = 0;
    /** The text may have changed since it was read. */
    this.dirty = true;
    /** An IME composition is in progress. */
    this.composing = false;
    /** @type {Shown[]} */
    this.shown = [];
    /** @type {ChecklistItem[]} */
    this.checklist = [];
    /** @type {string[]} rules whose regex ran out of time on this reply (the engine stopped them) */
    this.stopped = [];
    /** @type {DismissedSpan[]} hints the agent dismissed, kept on their text */
    this.dismissed = [];
    this.tone = toneOf(el);
    this.badge = new Badge(host.container);
    this.mirror = this.isTextarea ? new TextareaMirror(host.container) : null;
    /** Where the field was at the last paint. */
    this.lastBox = '';
    /** Names from the page: read when the field is watched and at each pause in typing. */
    this.context = host.readContext(el.ownerDocument);
    this.wholeLint = 0;
    /** Settles once the last lint of edited lines has answered (and shown, if still current). */
    this.answered = Promise.resolve();
    this.abort = new AbortController();
    const changed = () => this.changed();
    this.mutations = new MutationObserver(changed);
    const opts = { signal: this.abort.signal };
    el.addEventListener('input', changed, opts);
    el.addEventListener('compositionstart', () => { this.composing = true; }, opts);
    el.addEventListener('compositionend', () => { this.composing = false; changed(); }, opts);
    // Editors change their DOM without `input` too (undo, formatting, their
    // own rendering); eligibility can change with these attributes.
    this.mutations.observe(el, this.isTextarea
      ? { attributes: true, attributeFilter: ['readonly', 'disabled', 'data-carelint'] }
      : { childList: true, characterData: true, subtree: true, attributes: true, attributeFilter: ['contenteditable', 'data-carelint', 'aria-readonly', 'aria-disabled'] });
    // Scrolling inside a shadow root does not reach window listeners.
    for (let root = el.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) {
      root.addEventListener('scroll', host.changed, { capture: true, passive: true, signal: this.abort.signal });
    }
  }

  /** Marks the text as possibly changed; the next render reads it. */
  changed() {
    this.dirty = true;
    this.host.changed();
  }

  /** Reads the text now if an edit is pending (not during an IME composition). */
  readIfDirty() {
    if (!this.dirty || this.composing) return false;
    this.dirty = false;
    return this.read();
  }

  /**
   * Reads the field's text; when it changed, moves what is known onto the
   * new text and asks for a lint of the lines the edit touched.
   * @returns {boolean} whether a lint that answers within this task was
   *   requested (painting before it would only cost a layout)
   */
  read() {
    const map = this.isTextarea ? null : readEditable(this.el);
    const text = map ? map.text : /** @type {HTMLTextAreaElement} */ (this.el).value;
    this.map = map;
    if (text === this.text) {
      // Same text, new DOM (an editor re-rendered): the Ranges must follow.
      if (map) for (const s of this.shown) s.range = undefined;
      return false;
    }
    const edit = editBetween(this.text, text);
    this.text = text;
    this.generation++;
    this.dismissed = this.dismissed.flatMap((d) => shiftSpan(d, edit) ?? []);
    // Until the engine answers, hints the edit did not touch stay on their words.
    this.shown = this.shown.flatMap((s) => {
      const hint = shiftSpan(s.hint, edit);
      return hint ? [this.#shownFor(hint, s.key)] : [];
    });
    this.host.textChanged(this);
    return this.#lintLines(linesAround(text, edit));
  }

  /**
   * After an edit, lints only the lines it touched: the cost of a keystroke
   * stays that of a paragraph however long the reply. Hints elsewhere keep
   * their (shifted) places; the whole reply is linted once typing pauses.
   * @param {{ from: number, to: number }} lines
   * @returns {boolean} whether the page's engine (not the worker) lints them
   */
  #lintLines({ from, to }) {
    const { generation, text } = this;
    const whole = from === 0 && to === text.length;
    clearTimeout(this.wholeLint);
    if (!whole) this.wholeLint = setTimeout(() => this.lintWhole(true), WHOLE_LINT_DELAY_MS);
    // A paste can touch a megabyte: that is linted off the main thread.
    const near = to - from <= NEAR_LINT_CHARS;
    const lint = near ? this.host.linter.near : this.host.linter.far;
    this.answered = lint(text.slice(from, to), this.context).then((report) => {
      if (generation !== this.generation || this.abort.signal.aborted) return; // newer text, or no longer watched
      const outside = this.shown.map((s) => s.hint).filter((h) => h.end < from || h.start > to);
      const inside = report.hints.map((h) => moveSpan(h, from));
      const stopped = whole ? report.stopped ?? [] : [...new Set([...this.stopped, ...report.stopped ?? []])];
      this.show([...outside, ...inside].sort((a, b) => a.start - b.start), whole ? report.checklist : this.checklist, stopped);
    }, (error) => this.host.failed(error));
    return near;
  }

  /**
   * Lints the whole reply: after a pause in typing (off the main thread,
   * with the page's names read again) or when the engine changed.
   * @param {boolean} paused
   */
  lintWhole(paused) {
    if (paused) this.context = this.host.readContext(this.el.ownerDocument);
    else this.generation++;
    const { generation, text } = this;
    const lint = paused ? this.host.linter.far : this.host.linter.near;
    lint(text, this.context).then((report) => {
      if (generation !== this.generation || this.abort.signal.aborted) return;
      this.show(report.hints, report.checklist, report.stopped ?? []);
    }, (error) => this.host.failed(error));
  }

  /**
   * Puts lint results on screen: hints (on `text`) minus the dismissed and
   * the hidden ones, keeping the keys of hints that were already shown.
   * @param {Hint[]} hints
   * @param {ChecklistItem[]} checklist
   * @param {string[]} stopped
   */
  show(hints, checklist, stopped) {
    this.checklist = checklist;
    this.stopped = stopped;
    const keys = new Map(this.shown.map((s) => [spanId(s.hint), s.key]));
    const dismissed = new Set(this.dismissed.map(spanId));
    this.shown = hints
      .filter((h) => !this.host.hidden(h.rule) && !dismissed.has(spanId(h)))
      .map((h) => {
        const key = keys.get(spanId(h));
        // A hint is counted once while its text stays; lints that find it again keep its key.
        if (!key) this.host.shownOnce(h.rule);
        return this.#shownFor(h, key);
      });
    this.host.repaint();
  }

  /**
   * The agent dismissed a hint: it stays away while its text stays.
   * @param {Shown} s
   */
  dismiss(s) {
    this.dismissed.push({ rule: s.hint.rule, start: s.hint.start, end: s.hint.end });
    // By key: a lint that answered since the popover opened made new Shown
    // objects for the same hints.
    this.shown = this.shown.filter((x) => x.key !== s.key);
  }

  /** Drops shown hints of rules that are hidden now. */
  refilter() {
    this.shown = this.shown.filter((s) => !this.host.hidden(s.hint.rule));
  }

  /**
   * @param {Hint} hint with start/end on `text`
   * @param {string} [key] the key it had, if it was on screen
   * @returns {Shown}
   */
  #shownFor(hint, key = `${this.id}:${++nextKey}`) {
    return { key, hint, range: undefined };
  }

  /**
   * The hint's DOM Range in a contenteditable (null: a textarea, or no DOM
   * text under the span).
   * @param {Shown} s
   */
  rangeOf(s) {
    if (s.range === undefined) s.range = this.map ? this.map.range(s.hint.start, s.hint.end) : null;
    return s.range;
  }

  /**
   * The boxes of this field's hints that are on screen, their Ranges to
   * underline (contenteditable: off screen, nothing needs one), and where
   * the badge's corner is (null: the field is off screen).
   * @returns {{ boxes: HintBox[], ranges: Array<{ range: Range, category: string, tone: 'light' | 'dark' }>, badge: Box | null }}
   */
  layout() {
    const area = visibleArea(this.el);
    this.lastBox = boxKey(this.el);
    // A long paste is laid out over several frames: paint again next frame.
    if (this.mirror && !this.mirror.sync(/** @type {HTMLTextAreaElement} */ (this.el), this.text)) this.host.changed();
    const painted = this.isTextarea || !highlightsPaint ? 'box' : 'highlight';
    /** @type {HintBox[]} */
    const boxes = [];
    /** @type {Array<{ range: Range, category: string, tone: 'light' | 'dark' }>} */
    const ranges = [];
    for (const [s, lines] of onScreen(this.shown, (s) => this.lines(s), area)) {
      for (const rect of lines) boxes.push({ key: s.key, rule: s.hint.rule, category: s.hint.category, tone: this.tone, rect, painted });
      const range = this.rangeOf(s);
      if (range) ranges.push({ range, category: s.hint.category, tone: this.tone });
    }
    return { boxes, ranges, badge: clip(clientBox(this.el), area) };
  }

  /**
   * The line boxes of a hint, in viewport coordinates, unclipped.
   * @param {Shown} s
   */
  lines(s) {
    if (this.mirror) return lineBoxes(this.mirror.rects(s.hint.start, s.hint.end));
    return lineBoxes(this.rangeOf(s)?.getClientRects() ?? []);
  }

  /** Whether the field moved or resized since the last paint. */
  moved() {
    return boxKey(this.el) !== this.lastBox;
  }

  /**
   * Whether the caret is after the hint.
   * @param {Shown} s
   */
  caretIsAfter(s) {
    if (this.isTextarea) return /** @type {HTMLTextAreaElement} */ (this.el).selectionStart > s.hint.end;
    const selection = selectionIn(this.el);
    const range = this.rangeOf(s);
    if (!selection?.focusNode || !range) return false;
    try {
      return range.comparePoint(selection.focusNode, selection.focusOffset) > 0;
    } catch {
      return false; // the caret is in another tree
    }
  }

  /**
   * Where a contenteditable's caret is, to put it back after the popover had
   * focus (a textarea keeps its own selection).
   */
  savedCaret() {
    if (this.isTextarea) return null;
    const selection = selectionIn(this.el);
    return selection && selection.rangeCount ? selection.getRangeAt(0).cloneRange() : null;
  }

  /**
   * Scrolls the field so the hint is on screen.
   * @param {Shown} s
   */
  scrollTo(s) {
    const range = this.rangeOf(s);
    if (range) {
      range.startContainer.parentElement?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    } else if (this.mirror) {
      const [first] = this.mirror.rects(s.hint.start, s.hint.end);
      const area = visibleArea(this.el);
      if (first && (first.top < area.top || first.bottom > area.bottom)) {
        this.el.scrollTop += first.top - area.top - (area.bottom - area.top) / 3;
      }
    }
  }

  /** Stops watching: listeners, badge and mirror go. */
  remove() {
    clearTimeout(this.wholeLint);
    this.abort.abort();
    this.mutations.disconnect();
    this.badge.remove();
    this.mirror?.remove();
  }
}

/**
 * The whole lines of `text` that an edit touched, as [from, to).
 * @param {string} text
 * @param {import('./spans.js').Edit} edit
 */
function linesAround(text, edit) {
  const from = edit.start === 0 ? 0 : text.lastIndexOf('\n', edit.start - 1) + 1;
  const end = text.indexOf('\n', edit.start + edit.inserted);
  return { from, to: end < 0 ? text.length : end };
}

/**
 * Where an element is, as a string to compare between paints.
 * @param {Element} el
 */
function boxKey(el) {
  const r = el.getBoundingClientRect();
  return `${r.left},${r.top},${r.width},${r.height}`;
}

/** @param {{ rule: string, start: number, end: number }} span */
const spanId = (span) => `${span.rule}@${span.start}-${span.end}`;
