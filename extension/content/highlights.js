// @ts-check
// Painting hints without touching the editor's DOM.
// - Contenteditable: the CSS Custom Highlight API underlines the text itself
//   (it moves with the text between our frames). Its ::highlight() rules
//   must live where the text is styled: the document, or the editor's shadow
//   root. Where the API is missing, the boxes below draw the underline.
// - Every hint also gets boxes [data-carelint-hint="pack/rule"] in the
//   <carelint-ui> shadow root, one per line of flagged text: they are the
//   hit-test areas for hover and click, and the underline for textareas.
// Boxes never cover text outside the field's visible area: they are clipped
// to the field and to every scrolling ancestor.
import { PALETTE, paletteKey, viewportSize } from './ui.js';

/** @typedef {{ left: number, top: number, right: number, bottom: number }} Box */

/**
 * A box to draw: `rule` and `category` of its hint, `key` identifies the
 * hint across paints (so hover state survives re-renders).
 * @typedef {{ key: string, rule: string, category: string, tone: 'light' | 'dark', rect: Box, painted: 'box' | 'highlight' }} HintBox
 */

/** The browser has the CSS Custom Highlight API: it underlines contenteditable text itself. */
export const highlightsPaint = typeof Highlight === 'function' && typeof CSS !== 'undefined' && 'highlights' in CSS;

/** ::highlight() rules, one per category and tone. */
const HIGHLIGHT_CSS = Object.entries(PALETTE)
  .flatMap(([name, c]) => [
    `::highlight(carelint-${name}) { text-decoration: underline 2px ${c.light}; }`,
    `::highlight(carelint-${name}-dark) { text-decoration: underline 2px ${c.dark}; }`,
  ])
  .join('\n');

/**
 * A Range's client rects merged into one rect per line; slivers (the end of
 * a line a span only touches) dropped.
 * @param {Iterable<DOMRect>} rects
 * @returns {Box[]}
 */
export function lineBoxes(rects) {
  /** @type {Box[]} */
  const lines = [];
  for (const r of rects) {
    if (r.width <= 0.5 || r.height <= 0) continue;
    const line = lines.find((l) => Math.abs(l.top - r.top) <= 1 && Math.abs(l.bottom - r.bottom) <= 1);
    if (line) {
      line.left = Math.min(line.left, r.left);
      line.right = Math.max(line.right, r.right);
    } else {
      lines.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    }
  }
  return lines;
}

/**
 * The part of the viewport where `field`'s text can be seen: inside the
 * field's own scroll box (a textarea always clips) and every clipping
 * ancestor, across shadow roots.
 * @param {Element} field
 * @returns {Box}
 */
export function visibleArea(field) {
  const doc = field.ownerDocument;
  const root = doc.documentElement;
  const viewport = viewportSize(doc);
  /** @type {Box} */
  const area = { left: 0, top: 0, right: viewport.width, bottom: viewport.height };
  const win = doc.defaultView;
  for (let el = /** @type {Element | null} */ (field); el && el !== root && el !== doc.body; el = layoutParent(el)) {
    const cs = win ? win.getComputedStyle(el) : null;
    if (!cs || (cs.overflowX === 'visible' && cs.overflowY === 'visible')) continue;
    if (cs.display === 'contents' || cs.display === 'inline') continue; // no box of its own to clip with
    intersect(area, clientBox(el));
  }
  return area;
}

/**
 * An element's client area (inside its borders, without scrollbars). An
 * editor that is the body of its document (TinyMCE's iframe, designMode)
 * fills its frame: its area is the frame's viewport, not the body's box,
 * which ends after the last line of text.
 * @param {Element} el
 * @returns {Box}
 */
export function clientBox(el) {
  const doc = el.ownerDocument;
  if (el === doc.body || el === doc.documentElement) {
    const { width, height } = viewportSize(doc);
    return { left: 0, top: 0, right: width, bottom: height };
  }
  const r = el.getBoundingClientRect();
  const left = r.left + el.clientLeft;
  const top = r.top + el.clientTop;
  return { left, top, right: left + el.clientWidth, bottom: top + el.clientHeight };
}

/**
 * The element `el` is laid out in: its slot, parent, or shadow host.
 * @param {Element} el
 * @returns {Element | null}
 */
function layoutParent(el) {
  if (el.assignedSlot) return el.assignedSlot;
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root && root.nodeType === Node.DOCUMENT_FRAGMENT_NODE ? /** @type {ShadowRoot} */ (root).host : null;
}

/**
 * Shrinks `a` to its overlap with `b` (may become empty).
 * @param {Box} a
 * @param {Box} b
 */
function intersect(a, b) {
  a.left = Math.max(a.left, b.left);
  a.top = Math.max(a.top, b.top);
  a.right = Math.min(a.right, b.right);
  a.bottom = Math.min(a.bottom, b.bottom);
  return a;
}

/**
 * `rect` clipped to `area`, or null when nothing of it is visible.
 * @param {Box} rect
 * @param {Box} area
 * @returns {Box | null}
 */
export function clip(rect, area) {
  const c = intersect({ ...rect }, area);
  return c.right - c.left > 0.5 && c.bottom - c.top > 0.5 ? c : null;
}

/**
 * Items before and after the ones a search finds, checked anyway: text in
 * table cells or columns sits side by side, so text order is top to bottom
 * only nearly.
 */
const SLACK = 16;

/**
 * The items whose lines are on screen, with their lines clipped to `area`.
 * Items come in text order, which runs top to bottom: a binary search skips
 * those above the area and the walk stops once SLACK items in a row are
 * below it, so a long reply costs rects for what is near the screen only.
 * @template T
 * @param {T[]} items in text order
 * @param {(item: T) => Box[]} linesOf unclipped line boxes of an item
 * @param {Box} area
 * @returns {Generator<[T, Box[]]>}
 */
export function* onScreen(items, linesOf, area) {
  let from = 0;
  let to = items.length;
  while (from < to) {
    const mid = (from + to) >> 1;
    const last = linesOf(items[mid]).at(-1);
    if (!last || last.bottom < area.top) from = mid + 1;
    else to = mid;
  }
  let below = 0;
  for (let i = Math.max(0, from - SLACK); i < items.length && below < SLACK; i++) {
    const lines = linesOf(items[i]);
    below = lines.length && lines[0].top > area.bottom ? below + 1 : 0;
    const visible = lines.flatMap((line) => clip(line, area) ?? []);
    if (visible.length) yield [items[i], visible];
  }
}

/** The boxes of one document's <carelint-ui>, and its highlight registry. */
export class HintLayer {
  /** @param {HTMLElement} container */
  constructor(container) {
    const doc = container.ownerDocument;
    this.el = doc.createElement('div');
    container.append(this.el);
    /** @type {Map<string, HTMLElement[]>} box elements by hint key */
    this.elements = new Map();
    /** @type {HintBox[]} what is on screen, for hit-testing */
    this.boxes = [];
    /** @type {string | null} */
    this.activeKey = null;
    /** @type {CSSStyleSheet | null} */
    this.highlightSheet = null;
  }

  /**
   * Shows exactly `boxes`, reusing elements of hints still on screen.
   * @param {HintBox[]} boxes
   */
  draw(boxes) {
    /** @type {Map<string, HintBox[]>} */
    const byKey = new Map();
    for (const b of boxes) {
      const list = byKey.get(b.key);
      if (list) list.push(b);
      else byKey.set(b.key, [b]);
    }
    for (const [key, els] of this.elements) {
      if (!byKey.has(key)) {
        for (const el of els) el.remove();
        this.elements.delete(key);
      }
    }
    const doc = this.el.ownerDocument;
    for (const [key, list] of byKey) {
      const els = this.elements.get(key) ?? [];
      while (els.length > list.length) els.pop()?.remove();
      while (els.length < list.length) {
        const el = doc.createElement('div');
        this.el.append(el);
        els.push(el);
      }
      this.elements.set(key, els);
      list.forEach((b, i) => {
        const el = els[i];
        // Attributes change rarely; writing them only then spares the page's
        // observers a mutation record per box per frame.
        setData(el, 'carelintHint', b.rule);
        setData(el, 'category', paletteKey(b.category));
        setData(el, 'tone', b.tone);
        setData(el, 'painted', b.painted);
        el.toggleAttribute('data-active', key === this.activeKey);
        const s = el.style;
        s.transform = `translate(${b.rect.left}px, ${b.rect.top}px)`;
        s.width = `${b.rect.right - b.rect.left}px`;
        s.height = `${b.rect.bottom - b.rect.top}px`;
      });
    }
    this.boxes = boxes;
  }

  /**
   * The key of the hint under the viewport point, if any.
   * @param {number} x
   * @param {number} y
   */
  hitTest(x, y) {
    const hit = this.boxes.find((b) => x >= b.rect.left && x <= b.rect.right && y >= b.rect.top && y <= b.rect.bottom);
    return hit ? hit.key : null;
  }

  /**
   * Where a popover attaches to a hint on screen: from its first line's top
   * left to its last line's bottom, so it covers none of the flagged text.
   * @param {string} key
   * @returns {Box | null}
   */
  anchor(key) {
    const lines = this.boxes.filter((b) => b.key === key).map((b) => b.rect);
    if (!lines.length) return null;
    return { left: lines[0].left, top: lines[0].top, right: Math.max(...lines.map((r) => r.right)), bottom: Math.max(...lines.map((r) => r.bottom)) };
  }

  /** @param {string} key whether the hint has boxes on screen */
  has(key) {
    return this.elements.has(key);
  }

  /**
   * Marks the hint whose popover is open (its boxes get a tint).
   * @param {string | null} key
   */
  setActive(key) {
    this.activeKey = key;
    for (const [k, els] of this.elements) for (const el of els) el.toggleAttribute('data-active', k === key);
  }

  /**
   * Replaces this document's underlines with `ranges` (Highlight API only).
   * Scopes are the document and shadow roots holding watched editors: the
   * ::highlight() rules must be in each.
   * @param {Array<{ range: Range, category: string, tone: 'light' | 'dark' }>} ranges
   * @param {Iterable<Document | ShadowRoot>} scopes
   */
  underline(ranges, scopes) {
    if (!highlightsPaint) return;
    for (const scope of scopes) this.#adoptHighlightRules(scope);
    /** @type {Map<string, Range[]>} */
    const byName = new Map(Object.keys(PALETTE).flatMap((name) => [[`carelint-${name}`, []], [`carelint-${name}-dark`, []]]));
    for (const r of ranges) {
      byName.get(`carelint-${paletteKey(r.category)}${r.tone === 'dark' ? '-dark' : ''}`)?.push(r.range);
    }
    for (const [name, list] of byName) {
      if (list.length) CSS.highlights.set(name, new Highlight(...list));
      else CSS.highlights.delete(name);
    }
  }

  /** @param {Document | ShadowRoot} scope */
  #adoptHighlightRules(scope) {
    if (!this.highlightSheet) {
      this.highlightSheet = new CSSStyleSheet();
      this.highlightSheet.replaceSync(HIGHLIGHT_CSS);
    }
    // Checked every time: a page may reassign adoptedStyleSheets.
    if (!scope.adoptedStyleSheets.includes(this.highlightSheet)) {
      scope.adoptedStyleSheets = [...scope.adoptedStyleSheets, this.highlightSheet];
    }
  }

  /** Removes every box and underline (the extension was unloaded). */
  clear() {
    this.draw([]);
    if (highlightsPaint) for (const name of Object.keys(PALETTE)) {
      CSS.highlights.delete(`carelint-${name}`);
      CSS.highlights.delete(`carelint-${name}-dark`);
    }
  }
}

/**
 * @param {HTMLElement} el
 * @param {string} name
 * @param {string} value
 */
function setData(el, name, value) {
  if (el.dataset[name] !== value) el.dataset[name] = value;
}
