// @ts-check
// Carelint in one page (or frame): wires the parts together.
//
//   focus on an eligible field (fields.js) -> watch it, start the engine
//   edit (input / DOM mutation) -> at most one render per animation frame:
//     read text + position map (textmap.js) -> lint the lines the edit
//     touched (engine-client.js) -> drop results for older text (generation
//     counter) -> paint boxes, underlines (highlights.js), badge (badge.js)
//   typing pauses -> lint the whole reply off the main thread: the
//     checklist, and anything line-by-line lints cannot see
//   hover / click / Alt+Shift+J on a hint -> popover (popover.js)
//   accept -> apply.js edits through the editor -> the edit re-lints;
//     blanks.js selects the suggestion's first [blank], Tab the next
//   send (the adapter's button or shortcut) with hints left -> nudge.js
//
// start() (called by the loader) first checks that settings turn Carelint
// on for this site (site.js); if not, nothing else happens. Before the
// first focus of an eligible field, only three listeners exist: focus,
// settings changes, and the toolbar popup's status question. No element is
// added and the engine is not loaded until then. When the site is turned
// off, everything goes at once (shutdown); a new injection starts again.
import { atLeast } from '../policy.js';
import { disableRule, loadSettings, onSettingsChanged } from '../settings.js';
import { countStat } from '../stats.js';
import { replaceSpan } from './apply.js';
import { Badge } from './badge.js';
import { Blanks } from './blanks.js';
import { lint, lintInBackground, onEngineChanged, startEngine, stopEngine } from './engine-client.js';
import { isEligible, selectionIn, watchFocus } from './fields.js';
import { HintLayer, clientBox, clip, highlightsPaint, lineBoxes, visibleArea } from './highlights.js';
import { TextareaMirror } from './mirror.js';
import { Nudge, repeat, sendActionOf } from './nudge.js';
import { readLintContext } from './page-context.js';
import { Popover, isNextHintKey } from './popover.js';
import { isInternalNote, isReply, thisSite } from './site.js';
import { editBetween, shiftSpan } from './spans.js';
import { readEditable } from './textmap.js';
import { toneOf, trusted, uiContainer, uiRoot } from './ui.js';

/**
 * @typedef {import('../engine/carelint.js').Hint} Hint
 * @typedef {import('../engine/carelint.js').ChecklistItem} ChecklistItem
 * @typedef {import('./highlights.js').Box} Box
 * @typedef {import('./highlights.js').HintBox} HintBox
 * @typedef {import('./textmap.js').TextMap} TextMap
 * @typedef {import('../policy.js').Settings} Settings
 * @typedef {import('../policy.js').Site} Site
 * @typedef {import('./nudge.js').SendAction} SendAction
 * @typedef {{ rule: string, start: number, end: number }} DismissedSpan
 */

/**
 * A hint on screen: the engine's hint with its span kept on the field's
 * current text, and (contenteditable) its DOM Range.
 * @typedef {object} Shown
 * @property {string} key unique on the page; kept while the hint's text
 *   stays, so its boxes and popover survive edits elsewhere
 * @property {Hint} hint
 * @property {Range | null} range
 */

/**
 * One watched field.
 * @typedef {object} Watched
 * @property {number} id
 * @property {HTMLElement} el
 * @property {boolean} isTextarea
 * @property {string} text the text last read
 * @property {TextMap | null} map contenteditable: the map of `text`
 * @property {number} generation bumped when `text` changes; older lint results are dropped
 * @property {boolean} dirty the text may have changed since it was read
 * @property {boolean} composing an IME composition is in progress
 * @property {Shown[]} shown
 * @property {ChecklistItem[]} checklist
 * @property {DismissedSpan[]} dismissed hints the agent dismissed, kept on their text
 * @property {'light' | 'dark'} tone
 * @property {Badge} badge
 * @property {TextareaMirror | null} mirror
 * @property {string} lastBox where the field was at the last paint
 * @property {AbortController} abort removes the field's listeners
 * @property {MutationObserver} mutations
 * @property {number} wholeLint timer of the whole-reply lint after a pause
 */

/** Hover must rest this long before a popover opens, or leave before it closes. */
const HOVER_OPEN_MS = 300;
const HOVER_CLOSE_MS = 300;
/** A pointer that moved further than this between down and up was selecting text. */
const CLICK_SLOP_PX = 4;
/** How often to look for changes no event reports (a field moved by content above it, text set by script). */
const WATCHDOG_MS = 250;
/** After typing pauses this long, the whole reply is linted again. */
const WHOLE_LINT_DELAY_MS = 400;
/** Lines an edit touched longer than this are linted in the service worker (a 5,000-word reply is ~30,000). */
const MAIN_THREAD_LINT_CHARS = 50_000;

const doc = document;
const win = window;

/** @type {Map<HTMLElement, Watched>} */
const fields = new Map();
/** Rules turned off in settings; also filtered here so "Turn off this rule" acts at once. */
let disabled = new Set(/** @type {string[]} */ ([]));
/**
 * What settings say about this page: the adapter that describes it, hints
 * in internal notes, the pre-send nudge.
 * @type {{ adapter: Site | null, internalNotes: boolean, nudge: Settings['nudge'], rulesLocked: boolean }}
 */
let page = { adapter: null, internalNotes: false, nudge: { enabled: false, severity: 'warning' }, rulesLocked: false };
/** Set while Carelint runs in this frame; aborting it removes its listeners. */
/** @type {AbortController | null} */
let running = null;
let nextId = 0;
let nextKey = 0;

/**
 * The page's UI, created with the first watched field.
 * @typedef {{ root: ShadowRoot, container: HTMLElement, layer: HintLayer, popover: Popover, nudge: Nudge, blanks: Blanks, resize: ResizeObserver, watchdog: number, abort: AbortController }} Ui
 * @type {Ui | null}
 */
let ui = null;

/** The field whose hint the popover shows, and where its caret was if focus moved into the popover. */
/** @type {{ field: Watched, caret: Range | null } | null} */
let popoverOwner = null;

/** Rendering (see schedule): a render is queued / one already ran this frame. */
let queued = false;
let renderedThisFrame = false;

/** Hover: the hint under the pointer and the timer that opens or closes its popover. */
let hoverTimer = 0;
/** @type {string | null} */
let hoverKey = null;
/** Where the last pointerdown was, to tell a click from a text selection. */
let down = { x: 0, y: 0 };

let warned = false;

/**
 * Starts watching a field the agent focused.
 * @param {HTMLElement} el
 */
function watch(el) {
  if (fields.has(el) || !allowed(el)) return;
  const view = startUi();
  if (!view) return;
  startEngine();
  const abort = new AbortController();
  const isTextarea = el.localName === 'textarea';
  /** @type {Watched} */
  const w = {
    id: ++nextId,
    el,
    isTextarea,
    text: '',
    map: null,
    generation: 0,
    dirty: true,
    composing: false,
    shown: [],
    checklist: [],
    dismissed: [],
    tone: toneOf(el),
    badge: new Badge(view.container),
    mirror: isTextarea ? new TextareaMirror(view.container) : null,
    lastBox: '',
    abort,
    mutations: new MutationObserver(() => changed(w)),
    wholeLint: 0,
  };
  fields.set(el, w);
  const opts = { signal: abort.signal };
  el.addEventListener('input', () => changed(w), opts);
  el.addEventListener('compositionstart', () => { w.composing = true; }, opts);
  el.addEventListener('compositionend', () => { w.composing = false; changed(w); }, opts);
  // Editors change their DOM without `input` too (undo, formatting, their
  // own rendering); eligibility can change with these attributes.
  w.mutations.observe(el, isTextarea
    ? { attributes: true, attributeFilter: ['readonly', 'disabled', 'data-carelint'] }
    : { childList: true, characterData: true, subtree: true, attributes: true, attributeFilter: ['contenteditable', 'data-carelint', 'aria-readonly', 'aria-disabled'] });
  // Scrolling inside a shadow root does not reach window listeners.
  for (let root = el.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) {
    root.addEventListener('scroll', schedule, { capture: true, passive: true, signal: abort.signal });
  }
  view.resize.observe(el);
  schedule();
}

/**
 * Internal notes get hints only when the team turned them on.
 * @param {HTMLElement} el
 */
const allowed = (el) => page.internalNotes || !isInternalNote(el, page.adapter);

/** @param {Watched} w */
function unwatch(w) {
  clearTimeout(w.wholeLint);
  w.abort.abort();
  w.mutations.disconnect();
  ui?.resize.unobserve(w.el);
  w.badge.remove();
  w.mirror?.remove();
  fields.delete(w.el);
  if (popoverOwner?.field === w) closePopover(false);
  underline();
}

/**
 * The page's UI; created, with its listeners, for the first watched field.
 * @returns {Ui | null} null where no UI can live (no <html>, or the page
 *   took the element name)
 */
function startUi() {
  if (ui) return ui;
  const root = uiRoot(doc);
  if (!root) return null;
  const container = uiContainer(root);
  ui = {
    root,
    container,
    layer: new HintLayer(container),
    popover: new Popover(container),
    nudge: new Nudge(container),
    blanks: new Blanks(),
    resize: new ResizeObserver(schedule),
    watchdog: win.setInterval(watchdog, WATCHDOG_MS),
    abort: new AbortController(),
  };
  const signal = ui.abort.signal;
  const passive = { capture: true, passive: true, signal };
  // Realign on anything that moves text: scrolling anywhere (capture sees
  // every scrollable ancestor), resizing and zooming, late web fonts.
  win.addEventListener('scroll', schedule, passive);
  win.addEventListener('resize', schedule, passive);
  win.visualViewport?.addEventListener('resize', schedule, passive);
  win.visualViewport?.addEventListener('scroll', schedule, passive);
  doc.fonts.addEventListener('loadingdone', schedule, { signal });
  doc.fonts.ready.then(schedule, () => {});
  // The agent's own input only (ui.js, trusted): a page script's events
  // neither open UI nor hold a send.
  win.addEventListener('pointermove', trusted(onPointerMove), passive);
  win.addEventListener('pointerdown', trusted(onPointerDown), { capture: true, signal });
  // Before onClick and onKeyDown: a held send must not reach anything else.
  win.addEventListener('click', trusted(onSend), { capture: true, signal });
  win.addEventListener('keydown', trusted(onSend), { capture: true, signal });
  win.addEventListener('click', trusted(onClick), { capture: true, signal });
  win.addEventListener('keydown', trusted(onKeyDown), { capture: true, signal });
  return ui;
}

/** Everything on screen off: the extension was reloaded or removed under this page. */
function stop() {
  for (const w of [...fields.values()]) unwatch(w);
  if (!ui) return;
  ui.layer.clear();
  ui.resize.disconnect();
  ui.abort.abort();
  win.clearInterval(ui.watchdog);
  ui.root.host.remove();
  ui = null;
}

/** @param {Watched} w */
function changed(w) {
  w.dirty = true;
  schedule();
}

// --- rendering: at most one per animation frame ------------------------------
// The first change in a frame renders at once (in a microtask, before the
// frame is painted), so a keystroke shows its highlights in the same frame;
// further changes in that frame wait for the next one.

function schedule() {
  if (queued) return;
  queued = true;
  if (renderedThisFrame) requestAnimationFrame(render);
  else queueMicrotask(render);
}

function render() {
  queued = false;
  if (!running) return; // turned off since
  if (!renderedThisFrame) {
    renderedThisFrame = true;
    requestAnimationFrame(() => { renderedThisFrame = false; });
  }
  let linting = false;
  for (const w of [...fields.values()]) {
    if (!isEligible(w.el) || !allowed(w.el)) {
      unwatch(w);
    } else if (w.dirty && !w.composing) {
      w.dirty = false;
      linting = read(w) || linting;
    }
  }
  // A lint answer paints when it arrives (in this same task when the engine
  // runs here); painting the old hints first would only cost a layout.
  if (!linting) paint();
}

/**
 * Reads the field's text; when it changed, moves what is known onto the new
 * text and asks for a lint.
 * @param {Watched} w
 * @returns {boolean} whether a lint was requested
 */
function read(w) {
  const map = w.isTextarea ? null : readEditable(w.el);
  const text = map ? map.text : /** @type {HTMLTextAreaElement} */ (w.el).value;
  w.map = map;
  const textChanged = text !== w.text;
  if (textChanged) {
    const edit = editBetween(w.text, text);
    w.text = text;
    w.generation++;
    w.dismissed = w.dismissed.flatMap((d) => shiftSpan(d, edit) ?? []);
    // Until the engine answers, hints the edit did not touch stay on their words.
    w.shown = w.shown.flatMap((s) => {
      const hint = shiftSpan(s.hint, edit);
      return hint ? [shownFor(w, hint, s.key)] : [];
    });
    if (popoverOwner?.field === w) closePopover(false);
    lintLines(w, linesAround(text, edit));
  } else if (map) {
    // Same text, new DOM (an editor re-rendered): the Ranges must follow.
    w.shown = w.shown.map((s) => shownFor(w, s.hint, s.key));
  }
  underline();
  return textChanged;
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
 * After an edit, lints only the lines it touched: the cost of a keystroke
 * stays that of a paragraph however long the reply. Hints elsewhere keep
 * their (shifted) places; the whole reply is linted once typing pauses.
 * @param {Watched} w
 * @param {{ from: number, to: number }} lines
 */
function lintLines(w, { from, to }) {
  const { generation, text } = w;
  const whole = from === 0 && to === text.length;
  clearTimeout(w.wholeLint);
  if (!whole) w.wholeLint = win.setTimeout(() => lintWhole(w, lintInBackground), WHOLE_LINT_DELAY_MS);
  // A paste can touch a megabyte: that is linted off the main thread.
  const engine = to - from > MAIN_THREAD_LINT_CHARS ? lintInBackground : lint;
  engine(text.slice(from, to), readLintContext(w.el.ownerDocument, page.adapter)).then((report) => {
    if (generation !== w.generation || fields.get(w.el) !== w) return; // newer text, or no longer watched
    const outside = w.shown.map((s) => s.hint).filter((h) => h.end < from || h.start > to);
    const inside = report.hints.map((h) => ({ ...h, start: h.start + from, end: h.end + from }));
    show(w, [...outside, ...inside].sort((a, b) => a.start - b.start), whole ? report.checklist : w.checklist);
  }, lintFailed);
}

/**
 * Lints the whole reply: after a pause in typing (off the main thread, in
 * the service worker) or when settings changed.
 * @param {Watched} w
 * @param {typeof lint} engine
 */
function lintWhole(w, engine) {
  const { generation, text } = w;
  engine(text, readLintContext(w.el.ownerDocument, page.adapter)).then((report) => {
    if (generation !== w.generation || fields.get(w.el) !== w) return;
    show(w, report.hints, report.checklist);
  }, lintFailed);
}

/**
 * Puts lint results on screen: hints (on `w.text`) minus the dismissed and
 * the disabled ones, keeping the keys of hints that were already shown.
 * @param {Watched} w
 * @param {Hint[]} hints
 * @param {ChecklistItem[]} checklist
 */
function show(w, hints, checklist) {
  w.checklist = checklist;
  const keys = new Map(w.shown.map((s) => [spanId(s.hint), s.key]));
  w.shown = hints
    .filter((h) => !disabled.has(h.rule) && !w.dismissed.some((d) => spanId(d) === spanId(h)))
    .map((h) => {
      const key = keys.get(spanId(h));
      // A hint is shown once while its text stays; lints that find it again keep its key.
      if (!key) countStat(h.rule, 'shown');
      return shownFor(w, h, key);
    });
  underline();
  paint();
}

/** @param {unknown} error */
function lintFailed(error) {
  warnOnce(error);
  paint();
}

/** Re-lints every field: the engine's settings changed. */
function relintAll() {
  for (const w of fields.values()) {
    w.generation++;
    lintWhole(w, lint);
  }
}

/**
 * @param {Watched} w
 * @param {Hint} hint with start/end on `w.text`
 * @param {string} [key] the key it had, if it was on screen
 * @returns {Shown}
 */
function shownFor(w, hint, key = `${w.id}:${++nextKey}`) {
  return { key, hint, range: w.map ? w.map.range(hint.start, hint.end) : null };
}

/** @param {{ rule: string, start: number, end: number }} span */
const spanId = (span) => `${span.rule}@${span.start}-${span.end}`;

/** Hands the Highlight API the Ranges of every contenteditable hint. */
function underline() {
  if (!ui || !highlightsPaint) return;
  /** @type {Array<{ range: Range, category: string, tone: 'light' | 'dark' }>} */
  const ranges = [];
  /** @type {Set<Document | ShadowRoot>} */
  const scopes = new Set();
  for (const w of fields.values()) {
    // A field the page took out (it is unwatched on the next render) has no
    // document or shadow root to style.
    if (w.isTextarea || !w.el.isConnected) continue;
    scopes.add(/** @type {Document | ShadowRoot} */ (w.el.getRootNode()));
    for (const s of w.shown) if (s.range) ranges.push({ range: s.range, category: s.hint.category, tone: w.tone });
  }
  ui.layer.underline(ranges, scopes);
}

/** Puts boxes, badges and the popover where the text is now. */
function paint() {
  if (!ui) return;
  /** @type {HintBox[]} */
  const boxes = [];
  /** @type {Array<[Watched, Box | null]>} */
  const badges = [];
  for (const w of fields.values()) {
    const area = visibleArea(w.el);
    const r = w.el.getBoundingClientRect();
    w.lastBox = `${r.left},${r.top},${r.width},${r.height}`;
    badges.push([w, clip(clientBox(w.el), area)]);
    if (w.mirror) w.mirror.sync(/** @type {HTMLTextAreaElement} */ (w.el), w.text);
    const painted = w.isTextarea || !highlightsPaint ? 'box' : 'highlight';
    for (const [s, lines] of onScreen(w, area)) {
      for (const line of lines) {
        const rect = clip(line, area);
        if (rect) boxes.push({ key: s.key, rule: s.hint.rule, category: s.hint.category, tone: w.tone, rect, painted });
      }
    }
  }
  ui.layer.draw(boxes);
  for (const [w, area] of badges) w.badge.update(w.shown.length, w.checklist, area);
  if (ui.popover.isOpen) {
    const anchor = ui.popover.key && anchorOf(ui.popover.key);
    if (anchor) ui.popover.place(anchor);
    else closePopover(ui.popover.hasFocus());
  }
}

/**
 * The line boxes of a hint, in viewport coordinates, unclipped.
 * @param {Watched} w
 * @param {Shown} s
 */
function linesOf(w, s) {
  return lineBoxes(w.mirror ? w.mirror.rects(s.hint.start, s.hint.end) : s.range ? s.range.getClientRects() : []);
}

/**
 * The field's hints with their lines, skipping what cannot be on screen: a
 * textarea lays its text out top to bottom, so a binary search passes the
 * hints above the visible area and the loop stops below it (a long reply
 * has many hints; each costs a Range over the mirror).
 * @param {Watched} w
 * @param {Box} area
 * @returns {Generator<[Shown, Box[]]>}
 */
function* onScreen(w, area) {
  let from = 0;
  if (w.isTextarea) {
    let to = w.shown.length;
    while (from < to) {
      const mid = (from + to) >> 1;
      const last = linesOf(w, w.shown[mid]).at(-1);
      if (!last || last.bottom < area.top) from = mid + 1;
      else to = mid;
    }
  }
  for (let i = from; i < w.shown.length; i++) {
    const lines = linesOf(w, w.shown[i]);
    if (w.isTextarea && lines.length && lines[0].top > area.bottom) return;
    yield [w.shown[i], lines];
  }
}

/**
 * Where a popover attaches to a hint on screen: from its first line's top
 * left to its last line's bottom, so it covers none of the flagged text.
 * @param {string} key
 * @returns {Box | null}
 */
function anchorOf(key) {
  const lines = ui ? ui.layer.boxes.filter((b) => b.key === key).map((b) => b.rect) : [];
  if (!lines.length) return null;
  return { left: lines[0].left, top: lines[0].top, right: Math.max(...lines.map((r) => r.right)), bottom: Math.max(...lines.map((r) => r.bottom)) };
}

/** Catches what no event reports. */
function watchdog() {
  if (!chrome.runtime?.id) {
    stop();
    return;
  }
  for (const w of fields.values()) {
    const r = w.el.getBoundingClientRect();
    if (!w.el.isConnected || `${r.left},${r.top},${r.width},${r.height}` !== w.lastBox) schedule();
    if (w.isTextarea && /** @type {HTMLTextAreaElement} */ (w.el).value !== w.text) changed(w);
  }
}

// --- popover ------------------------------------------------------------------

/**
 * @param {string} key
 * @returns {{ w: Watched, s: Shown } | null}
 */
function findShown(key) {
  for (const w of fields.values()) {
    const s = w.shown.find((x) => x.key === key);
    if (s) return { w, s };
  }
  return null;
}

/**
 * Opens the popover of a hint that is on screen.
 * @param {string} key
 * @param {{ pinned: boolean, focus: boolean, caret?: Range | null }} how
 *   `caret`: where to put a contenteditable's caret back when focus returns
 */
function openPopover(key, { pinned, focus, caret = null }) {
  const found = findShown(key);
  const anchor = anchorOf(key);
  if (!ui || !found || !anchor) return;
  const { w, s } = found;
  ui.popover.open({
    hint: s.hint,
    key,
    anchor,
    pinned,
    focus,
    actions: {
      accept: (suggestion) => accept(w, s, suggestion),
      dismiss: () => dismiss(w, s),
      disableRule: page.rulesLocked ? null : () => turnOff(s.hint.rule),
      escape: () => closePopover(true),
    },
  });
  popoverOwner = { field: w, caret };
  ui.layer.setActive(key);
}

/**
 * @param {boolean} refocus give the editor focus back (and its caret), as
 * the popover had it
 */
function closePopover(refocus) {
  if (!ui?.popover.isOpen) return;
  const owner = popoverOwner;
  ui.popover.close();
  ui.layer.setActive(null);
  popoverOwner = null;
  if (refocus && owner) {
    owner.field.el.focus({ preventScroll: true });
    const selection = owner.caret && selectionIn(owner.field.el);
    if (selection && owner.caret) selection.setBaseAndExtent(owner.caret.startContainer, owner.caret.startOffset, owner.caret.endContainer, owner.caret.endOffset);
  }
}

/**
 * Where a contenteditable's caret is, to put it back after the popover had
 * focus (a textarea keeps its own selection).
 * @param {Watched} w
 */
function savedCaret(w) {
  if (w.isTextarea) return null;
  const selection = selectionIn(w.el);
  return selection && selection.rangeCount ? selection.getRangeAt(0).cloneRange() : null;
}

/**
 * @param {Watched} w
 * @param {Shown} s
 * @param {string} suggestion
 */
function accept(w, s, suggestion) {
  closePopover(false);
  countStat(s.hint.rule, 'accepted');
  replaceSpan(w.el, s.hint, suggestion).then((edited) => {
    // An edit re-lints by itself (input / mutations). Not editing means the
    // text changed under the hint: read it again, which re-lints.
    if (edited) ui?.blanks.start(w.el, s.hint.start, suggestion, w.abort.signal);
    else changed(w);
  }, warnOnce);
}

/**
 * @param {Watched} w
 * @param {Shown} s
 */
function dismiss(w, s) {
  countStat(s.hint.rule, 'dismissed');
  w.dismissed.push({ rule: s.hint.rule, start: s.hint.start, end: s.hint.end });
  w.shown = w.shown.filter((x) => x !== s);
  closePopover(!!ui?.popover.hasFocus());
  underline();
  paint();
}

/** @param {string} rule */
function turnOff(rule) {
  disabled.add(rule);
  for (const w of fields.values()) w.shown = w.shown.filter((s) => s.hint.rule !== rule);
  closePopover(!!ui?.popover.hasFocus());
  underline();
  paint();
  disableRule(rule).catch(warnOnce);
}

/**
 * Alt+Shift+J: the hint after the open one, or at/after the caret, wrapping.
 * @param {Watched} w
 */
function openNextHint(w) {
  // A keystroke in this same frame may not be read yet; reading it later
  // would close the popover opened here (its text changed under it).
  if (w.dirty && !w.composing) {
    w.dirty = false;
    read(w);
  }
  const list = w.shown;
  if (!list.length) return;
  let index;
  const openIndex = list.findIndex((s) => s.key === ui?.popover.key);
  if (openIndex >= 0) {
    index = (openIndex + 1) % list.length;
  } else {
    index = list.findIndex((s) => !caretIsAfter(w, s));
    if (index < 0) index = 0;
  }
  const target = list[index];
  // Focus may already be in the popover: keep the caret saved from the editor.
  const caret = popoverOwner?.field === w ? popoverOwner.caret : savedCaret(w);
  reveal(w, target);
  closePopover(false);
  openPopover(target.key, { pinned: true, focus: true, caret });
}

/**
 * @param {Watched} w
 * @param {Shown} s
 */
function caretIsAfter(w, s) {
  if (w.isTextarea) return /** @type {HTMLTextAreaElement} */ (w.el).selectionStart > s.hint.end;
  const selection = selectionIn(w.el);
  if (!selection?.focusNode || !s.range) return false;
  try {
    return s.range.comparePoint(selection.focusNode, selection.focusOffset) > 0;
  } catch {
    return false; // the caret is in another tree
  }
}

/**
 * Scrolls the field so the hint is on screen, then paints.
 * @param {Watched} w
 * @param {Shown} s
 */
function reveal(w, s) {
  if (ui?.layer.boxes.some((b) => b.key === s.key)) return;
  if (s.range) {
    s.range.startContainer.parentElement?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  } else if (w.mirror) {
    const [first] = w.mirror.rects(s.hint.start, s.hint.end);
    const area = visibleArea(w.el);
    if (first && (first.top < area.top || first.bottom > area.bottom)) {
      w.el.scrollTop += first.top - area.top - (area.bottom - area.top) / 3;
    }
  }
  paint();
}

// --- input from the agent -----------------------------------------------------

/** @param {PointerEvent} e */
function onPointerMove(e) {
  if (!ui) return;
  const popover = ui.popover;
  const overPopover = !!popover.el && e.composedPath().includes(popover.el);
  const key = overPopover ? popover.key : ui.layer.hitTest(e.clientX, e.clientY);
  if (key === hoverKey) return;
  hoverKey = key;
  clearTimeout(hoverTimer);
  if (key && key !== popover.key && !popover.pinned) {
    const { clientX: x, clientY: y } = e;
    // Hit-test again when the timer fires: a lint in between may have
    // replaced the hint under the pointer.
    hoverTimer = win.setTimeout(() => {
      const now = ui?.layer.hitTest(x, y);
      if (now) openPopover(now, { pinned: false, focus: false });
    }, HOVER_OPEN_MS);
  } else if (!key && popover.isOpen && !popover.pinned) {
    hoverTimer = win.setTimeout(() => closePopover(false), HOVER_CLOSE_MS);
  }
}

/** @param {PointerEvent} e */
function onPointerDown(e) {
  down = { x: e.clientX, y: e.clientY };
  if (!ui) return;
  const path = e.composedPath();
  if (ui.popover.el && !path.includes(ui.popover.el) && ui.layer.hitTest(e.clientX, e.clientY) !== ui.popover.key) {
    closePopover(false);
  }
  for (const w of fields.values()) {
    if (!path.includes(w.badge.button) && !path.includes(w.badge.panel)) w.badge.toggle(false);
  }
  if (ui.nudge.isOpen && !path.includes(ui.nudge.el)) ui.nudge.hide();
}

/** @param {MouseEvent} e */
function onClick(e) {
  if (!ui || Math.hypot(e.clientX - down.x, e.clientY - down.y) > CLICK_SLOP_PX) return;
  if (ui.popover.el && e.composedPath().includes(ui.popover.el)) return;
  const key = ui.layer.hitTest(e.clientX, e.clientY);
  // The click also reaches the editor (boxes never take the pointer), so
  // the caret lands where the agent clicked.
  if (key) {
    clearTimeout(hoverTimer);
    if (key !== ui.popover.key) openPopover(key, { pinned: true, focus: false });
    else ui.popover.pinned = true;
  }
}

/** @param {KeyboardEvent} e */
function onKeyDown(e) {
  if (!ui) return;
  if (isNextHintKey(e)) {
    const w = popoverOwner?.field ?? focusedField(e);
    if (!w) return;
    e.preventDefault();
    e.stopPropagation();
    openNextHint(w);
  } else if (e.key === 'Escape' && !ui.popover.hasFocus()) {
    // Focus is in the editor: Escape closes what we opened, if anything.
    const panels = [...fields.values()].filter((w) => w.badge.isOpen);
    if (!ui.popover.isOpen && !panels.length) return;
    e.preventDefault();
    e.stopPropagation();
    closePopover(false);
    for (const w of panels) w.badge.toggle(false);
  }
}

/**
 * The watched field the key event comes from.
 * @param {Event} e
 */
function focusedField(e) {
  for (const node of e.composedPath()) {
    const w = fields.get(/** @type {HTMLElement} */ (node));
    if (w) return w;
  }
  return null;
}

/** @param {unknown} error */
function warnOnce(error) {
  if (warned) return;
  warned = true;
  console.warn('Carelint could not check this reply:', error);
}

// --- the pre-send nudge -----------------------------------------------------

/**
 * The agent is sending (the adapter's send button or shortcut). With the
 * nudge on and hints at or above its severity left in the reply, the send
 * is held, but only once the nudge is on screen: if anything fails on the
 * way, the event goes on untouched. Only the agent's own sends are held:
 * the page's scripted ones, and "Send anyway" repeating the agent's, are
 * not trusted events (see startUi).
 * @param {Event} e
 */
function onSend(e) {
  if (!ui || !page.nudge.enabled) return;
  const action = sendActionOf(e, page.adapter);
  // The shortcut sends only from the reply box; elsewhere it is something else.
  if (!action || (action.kind === 'key' && !focusedField(e))) return;
  const outward = [...fields.values()].filter((w) => !isInternalNote(w.el, page.adapter));
  // The adapter's reply editor when its selector finds it, else every public field.
  const matched = outward.filter((w) => isReply(w.el, page.adapter));
  const replies = matched.length ? matched : outward;
  const severe = (/** @type {Shown} */ s) => atLeast(s.hint.severity, page.nudge.severity);
  const count = replies.reduce((n, w) => n + w.shown.filter(severe).length, 0);
  if (!count) return;
  const first = /** @type {Watched} */ (replies.find((w) => w.shown.some(severe)));
  let held = false;
  try {
    const anchor = (action.kind === 'click' ? action.target : first.el).getBoundingClientRect();
    held = ui.nudge.show(count, anchor, {
      review: () => review(first, severe),
      send: () => sendAnyway(action),
      close: () => {
        ui?.nudge.hide();
        first.el.focus({ preventScroll: true });
      },
    });
  } catch (error) {
    warnOnce(error);
  }
  if (!held) return;
  e.preventDefault();
  e.stopImmediatePropagation();
}

/**
 * "Review": the first hint that held the send, in its popover.
 * @param {Watched} w
 * @param {(s: Shown) => boolean} severe
 */
function review(w, severe) {
  ui?.nudge.hide();
  const target = w.shown.find(severe);
  if (!target) return;
  w.el.focus({ preventScroll: true });
  reveal(w, target);
  closePopover(false);
  openPopover(target.key, { pinned: true, focus: true, caret: savedCaret(w) });
}

/**
 * "Send anyway": the agent's own action again, at once; onSend lets the
 * repeated (untrusted) event through.
 * @param {SendAction} action
 */
function sendAnyway(action) {
  ui?.nudge.hide();
  repeat(action);
}

// --- start and shutdown ---------------------------------------------------------

/**
 * Starts Carelint in this frame when settings turn it on for this site.
 * The loader calls it on every injection; while Carelint runs, it does
 * nothing.
 */
/** How often start() tries to read the settings and the site list (0.5 s apart, doubling). */
const START_ATTEMPTS = 5;

export async function start() {
  if (running) return;
  const run = new AbortController();
  running = run;
  let ready = null;
  // Settings or the site list can fail to load in the first seconds after
  // the browser starts: try again a few times before giving up on the page.
  for (let attempt = 0; attempt < START_ATTEMPTS && !ready; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    if (running !== run || !chrome.runtime?.id) break; // stopped, or the extension was reloaded under this page
    try {
      const merged = await loadSettings();
      ready = { merged, site: await thisSite(merged) };
    } catch {
      ready = null;
    }
  }
  if (!ready || running !== run || !ready.site.on) {
    if (running === run) running = null;
    return;
  }
  const { merged, site } = ready;
  apply(merged.settings, site.adapter, merged.locked.disabledRules);
  const unsubscribe = onSettingsChanged((settings, merged) => {
    thisSite(merged).then((site) => {
      if (running !== run) return;
      if (site.on) apply(settings, site.adapter, merged.locked.disabledRules);
      else shutdown();
    }, () => {});
  });
  run.signal.addEventListener('abort', unsubscribe);
  chrome.runtime.onMessage.addListener(onMessage);
  run.signal.addEventListener('abort', () => chrome.runtime.onMessage.removeListener(onMessage));
  // Last: a field may already have focus.
  watchFocus(doc, watch, run.signal);
}

/**
 * Settings changed (or Carelint starts): applied to what is on screen at
 * once, no reload.
 * @param {Settings} settings
 * @param {Site | null} adapter
 * @param {boolean} rulesLocked
 */
function apply(settings, adapter, rulesLocked) {
  page = { adapter, internalNotes: settings.internalNotes, nudge: settings.nudge, rulesLocked };
  disabled = new Set(settings.disabledRules);
  for (const w of fields.values()) w.shown = w.shown.filter((s) => !disabled.has(s.hint.rule));
  if (!page.nudge.enabled) ui?.nudge.hide();
  underline();
  paint();
  schedule(); // drops fields that are no longer checked (internal notes)
}

/** The site was turned off: everything goes at once, nothing keeps running. */
function shutdown() {
  stop();
  running?.abort();
  running = null;
  stopEngine();
}

/**
 * The toolbar popup asks how many hints this frame shows; frames without a
 * watched field stay silent so one with a field answers.
 * @param {unknown} message
 * @param {chrome.runtime.MessageSender} _sender
 * @param {(reply: unknown) => void} sendResponse
 */
function onMessage(message, _sender, sendResponse) {
  if (/** @type {{ type?: string } | null} */ (message)?.type !== 'status' || fields.size === 0) return false;
  sendResponse({ hints: [...fields.values()].reduce((n, w) => n + w.shown.length, 0) });
  return false;
}

onEngineChanged(relintAll);
