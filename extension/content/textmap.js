// @ts-check
// One text <-> DOM position map for every contenteditable editor (plain,
// Quill, ProseMirror, CKEditor, ...). The text is what the engine lints;
// each offset in it maps back to a point in the editor's DOM, so a hint's
// UTF-16 span becomes a DOM Range without knowing which editor made the DOM.
//
// Text rules (close to what the agent sees, and to innerText):
// - text nodes contribute their characters, except caret fillers editors
//   insert (zero-width space, word joiner, BOM), which are invisible;
// - <br> is "\n";
// - a block element starts and ends a line: "\n" between blocks, never two
//   for one edge, none at the very start;
// - whitespace-only text that only formats the HTML source (a newline
//   between blocks, where white-space collapses) is left out.

/** Characters editors put in the DOM to hold the caret; not the agent's. */
const FILLER = /[\u200b\u2060\ufeff]/g;

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE',
  'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);

/** Elements whose content is never reply text. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IMG', 'SVG', 'svg', 'VIDEO', 'AUDIO', 'CANVAS', 'IFRAME', 'OBJECT']);

/**
 * A run of text that comes from one DOM node: `length` characters of the
 * text starting at `start`, found in `node` at `offset` (a <br> has length 1
 * and offset 0).
 * @typedef {{ node: Text | Element, offset: number, start: number, length: number }} Piece
 */

export class TextMap {
  /**
   * @param {string} text
   * @param {Piece[]} pieces in text order
   */
  constructor(text, pieces) {
    this.text = text;
    this.pieces = pieces;
  }

  /**
   * The DOM Range over text[start, end), or null when the span holds no
   * DOM text (only line breaks between blocks) or the DOM has changed under
   * the map.
   * @param {number} start
   * @param {number} end
   * @returns {Range | null}
   */
  range(start, end) {
    const first = this.#firstEndingAfter(start);
    const last = this.#lastStartingBefore(end);
    if (!first || !last || first.start >= end || last.start + last.length <= start) return null;
    const doc = first.node.ownerDocument;
    if (!doc) return null;
    const range = doc.createRange();
    try {
      if (first.node.nodeType === Node.TEXT_NODE) {
        range.setStart(first.node, first.offset + Math.max(0, start - first.start));
      } else {
        range.setStartBefore(first.node);
      }
      if (last.node.nodeType === Node.TEXT_NODE) {
        range.setEnd(last.node, last.offset + Math.min(last.length, end - last.start));
      } else {
        range.setEndAfter(last.node);
      }
    } catch {
      return null; // a node was removed or shortened since the map was read
    }
    return range;
  }

  /**
   * The text offset of a DOM point (an end of the selection), or null when
   * the point is not in the mapped tree. A point between pieces (in an
   * element, or in text the map leaves out) counts as the end of the piece
   * before it.
   * @param {Node} node
   * @param {number} offset
   * @returns {number | null}
   */
  offsetOf(node, offset) {
    for (const p of this.pieces) {
      if (p.node === node && node.nodeType === Node.TEXT_NODE && offset >= p.offset && offset <= p.offset + p.length) {
        return p.start + offset - p.offset;
      }
    }
    const doc = node.ownerDocument;
    if (!doc) return null;
    const point = doc.createRange();
    let lo = 0;
    let hi = this.pieces.length;
    try {
      point.setStart(node, offset);
      // The first piece that starts after the point (a <br> piece starts
      // just before the element, which (br, 0) is right after).
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const p = this.pieces[mid];
        if (point.comparePoint(p.node, p.offset) > 0) hi = mid;
        else lo = mid + 1;
      }
    } catch {
      return null; // another tree, or a node gone since the map was read
    }
    const before = this.pieces[lo - 1];
    return before ? before.start + before.length : 0;
  }

  /**
   * The first piece whose text ends after `offset`.
   * @param {number} offset
   */
  #firstEndingAfter(offset) {
    let lo = 0;
    let hi = this.pieces.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const p = this.pieces[mid];
      if (p.start + p.length <= offset) lo = mid + 1;
      else hi = mid;
    }
    return this.pieces[lo];
  }

  /**
   * The last piece whose text starts before `offset`.
   * @param {number} offset
   */
  #lastStartingBefore(offset) {
    let lo = 0;
    let hi = this.pieces.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pieces[mid].start < offset) lo = mid + 1;
      else hi = mid;
    }
    return this.pieces[lo - 1];
  }
}

/**
 * Reads a contenteditable editor's text and its map.
 * @param {HTMLElement} root the editing host
 * @returns {TextMap}
 */
export function readEditable(root) {
  /** @type {Piece[]} */
  const pieces = [];
  let text = '';
  // Nothing on the current line yet (no "\n" is owed for a block edge).
  let atLineStart = true;
  // A block edge was passed; its "\n" is written before the next content,
  // so trailing edges add nothing.
  let breakOwed = false;

  /**
   * @param {Text | Element} node
   * @param {number} from
   * @param {number} to
   */
  const add = (node, from, to) => {
    if (breakOwed) {
      text += '\n';
      breakOwed = false;
    }
    pieces.push({ node, offset: from, start: text.length, length: to - from });
  };
  const blockEdge = () => {
    if (!atLineStart) breakOwed = true;
  };

  /** @param {Text} node */
  const addText = (node) => {
    const data = node.data;
    if (isSourceFormatting(node)) return;
    let from = 0;
    const chunk = (/** @type {number} */ to) => {
      if (to > from) {
        add(node, from, to);
        text += data.slice(from, to);
        atLineStart = false;
      }
    };
    for (const m of data.matchAll(FILLER)) {
      chunk(m.index);
      from = m.index + 1;
    }
    chunk(data.length);
  };

  /** @param {Node} parent */
  const visit = (parent) => {
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === Node.TEXT_NODE) {
        addText(/** @type {Text} */ (node));
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        const el = /** @type {Element} */ (node);
        const tag = el.tagName;
        if (SKIP.has(tag) || el.hasAttribute('hidden')) continue;
        if (tag === 'BR') {
          add(el, 0, 1);
          text += '\n';
          atLineStart = true;
          continue;
        }
        const block = BLOCKS.has(tag);
        if (block) blockEdge();
        visit(el);
        if (block) blockEdge();
      }
    }
  };
  visit(root);
  return new TextMap(text, pieces);
}

/**
 * Whitespace with a line break that the browser does not render (it only
 * lays out the HTML source), e.g. between two <p> of a server-rendered draft.
 * @param {Text} node
 */
function isSourceFormatting(node) {
  if (!/^\s*\n\s*$/.test(node.data)) return false;
  const parent = node.parentElement;
  const whiteSpace = parent && parent.ownerDocument.defaultView?.getComputedStyle(parent).whiteSpace;
  return !whiteSpace || whiteSpace === 'normal' || whiteSpace === 'nowrap';
}
