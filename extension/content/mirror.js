// @ts-check
// Where a <textarea> draws a span of its text. A textarea exposes no DOM for
// its characters, so an invisible copy with the same content box, font and
// wrapping is laid out at the same place (scrolled the same way), and a DOM
// Range over the copy's text gives the rects.
//
// The copy holds the text in blocks of a few lines, cut where the text
// itself says (after an empty line, or after a line whose hash says so), so
// an edit changes the block it is in and no other: only that block is laid
// out again. One block per line made the browser lay out all of a long
// reply's blocks again on every keystroke (57-72 ms at 11,000 lines); a
// block per paragraph-sized piece takes 1-3 ms.
//
// A paste of a megabyte is laid out a slice per frame, sized so that a
// frame's layout takes about SLICE_MS (under the 50 ms of a long task), and the copy answers
// for the text it already holds in place.

// The copy is the reply's text, so it lives in a CLOSED shadow root of its
// own: the <carelint-ui> root is open (the DOM test contract), and a page
// script there (a session recorder that masks form fields, say) would
// otherwise read the reply as plain text.

/** The copy's own style: the host carries the textarea's, which its lines inherit. */
const CSS = 'div + div { text-indent: 0; }';

/** Computed properties that decide where a character of a textarea lands. */
const COPIED = /** @type {const} */ ([
  'direction', 'unicodeBidi', 'writingMode', 'textOrientation',
  'fontFamily', 'fontSize', 'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch',
  'fontFeatureSettings', 'fontKerning', 'fontVariationSettings', 'fontOpticalSizing', 'fontSizeAdjust',
  'lineHeight', 'letterSpacing', 'wordSpacing', 'textAlign', 'textTransform', 'textIndent', 'textRendering',
  'tabSize', 'whiteSpace', 'wordBreak', 'overflowWrap', 'hyphens', 'lineBreak',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
]);

/** A block ends after this many lines whatever the text says. */
const MAX_BLOCK_LINES = 128;
/** Layout time aimed at per frame while a long text is laid out, and the slice's bounds. */
const SLICE_MS = 40;
const MIN_SLICE_CHARS = 4_000;
const MAX_SLICE_CHARS = 400_000;

export class TextareaMirror {
  /** @param {HTMLElement} container where the copy lives (inside <carelint-ui>) */
  constructor(container) {
    this.el = container.ownerDocument.createElement('div');
    this.el.className = 'mirror';
    this.el.setAttribute('aria-hidden', 'true');
    this.text = this.el.attachShadow({ mode: 'closed' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    this.text.adoptedStyleSheets = [sheet];
    container.append(this.el);
    /** The text the copy should hold. */
    this.value = '';
    /** @type {string[]} `value` cut into blocks (each ends with its line break but the last) */
    this.wanted = [''];
    /** @type {string[]} the blocks in the copy now, in order */
    this.blocks = [];
    /** @type {HTMLElement[]} their elements */
    this.rows = [];
    /** @type {number[]} where each block starts in `value` (valid up to `ready`) */
    this.starts = [];
    /** Offsets of `value` below this are laid out where the textarea has them. */
    this.ready = 0;
    /** New text laid out per frame; adapts to what this machine lays out in SLICE_MS. */
    this.slice = 64_000;
    this.#build();
  }

  /**
   * Lays the copy over `field` with `text` (the field's current value).
   * Call before `rects`, once per paint.
   * @param {HTMLTextAreaElement} field
   * @param {string} text
   * @returns {boolean} whether the copy holds all of `text` (else call again
   *   next frame)
   */
  sync(field, text) {
    const cs = getComputedStyle(field);
    const style = this.el.style;
    for (const prop of COPIED) style[prop] = cs[prop];
    const box = field.getBoundingClientRect();
    const borderLeft = parseFloat(cs.borderLeftWidth) || 0;
    const borderRight = parseFloat(cs.borderRightWidth) || 0;
    const borderTop = parseFloat(cs.borderTopWidth) || 0;
    // The content box is the border box minus borders and the scrollbar;
    // taken from the fractional rect, as rounding clientWidth can change
    // where a long line wraps.
    const scrollbar = Math.max(0, field.offsetWidth - field.clientWidth - borderLeft - borderRight);
    // An ancestor's transform scales the field on screen: lay the copy out
    // at the field's own size and scale it the same way.
    const ratio = field.offsetWidth ? box.width / field.offsetWidth : 1;
    const scale = Math.abs(ratio - 1) < 0.01 ? 1 : ratio;
    style.width = `${box.width / scale - borderLeft - borderRight - scrollbar}px`;
    style.left = `${box.left + (borderLeft - field.scrollLeft) * scale}px`;
    style.top = `${box.top + (borderTop - field.scrollTop) * scale}px`;
    style.transformOrigin = '0 0';
    style.transform = scale === 1 ? '' : `scale(${scale})`;
    if (text !== this.value) {
      this.value = text;
      this.wanted = blocksOf(text);
    } else if (this.ready === Infinity) {
      return true; // painting again (a scroll, a resize): the copy already holds this text
    }
    const t0 = performance.now();
    const complete = this.#build();
    if (!complete) {
      this.el.getBoundingClientRect(); // the layout of this slice, timed to size the next
      const took = Math.max(1, performance.now() - t0);
      this.slice = Math.round(Math.min(MAX_SLICE_CHARS, Math.max(MIN_SLICE_CHARS, (this.slice * SLICE_MS) / took)));
    }
    return complete;
  }

  /**
   * Makes the copy's blocks the wanted ones: blocks that stay keep their
   * elements; new ones are added up to `slice` characters.
   * @returns {boolean} whether the copy is complete
   */
  #build() {
    const prev = this.blocks;
    const next = this.wanted;
    const max = Math.min(prev.length, next.length);
    let head = 0;
    while (head < max && prev[head] === next[head]) head++;
    let tail = 0;
    while (tail < max - head && prev[prev.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
    const doc = this.el.ownerDocument;
    /** @type {string[]} */
    const added = [];
    for (let i = head, size = 0; i < next.length - tail && size < this.slice; i++) {
      added.push(next[i]);
      size += next[i].length;
    }
    const rows = added.map((block) => {
      const row = doc.createElement('div');
      // The block's end breaks its last line; the <br> gives that line its
      // height when it is empty and adds none to a full one.
      row.append(block.endsWith('\n') ? block.slice(0, -1) : block, doc.createElement('br'));
      return row;
    });
    for (const row of this.rows.splice(head, prev.length - tail - head, ...rows)) row.remove();
    this.blocks.splice(head, prev.length - tail - head, ...added);
    const before = this.rows[head + rows.length] ?? null;
    for (const row of rows) this.text.insertBefore(row, before);
    const complete = head + added.length === next.length - tail;
    const valid = complete ? this.blocks.length : head + added.length;
    let at = 0;
    this.starts = this.blocks.slice(0, valid).map((block) => {
      const start = at;
      at += block.length;
      return start;
    });
    this.ready = complete ? Infinity : at;
    return complete;
  }

  /**
   * Client rects of text[start, end) as the textarea shows it (unclipped);
   * none while that text is not laid out yet.
   * @param {number} start
   * @param {number} end
   * @returns {DOMRect[]}
   */
  rects(start, end) {
    if (end > this.ready || !this.starts.length) return [];
    const range = this.el.ownerDocument.createRange();
    range.setStart(...this.#point(start));
    range.setEnd(...this.#point(end));
    return [...range.getClientRects()];
  }

  /**
   * The text node and offset of a text offset.
   * @param {number} offset
   * @returns {[Node, number]}
   */
  #point(offset) {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const node = /** @type {Text} */ (this.rows[lo].firstChild);
    return [node, Math.min(offset - this.starts[lo], node.length)];
  }

  remove() {
    this.el.remove();
  }
}

/**
 * `text` cut into blocks of whole lines, each keeping its line break. Cuts
 * depend only on the lines themselves (an empty line, a hash), so an edit
 * moves no cut but its own line's.
 * @param {string} text
 * @returns {string[]}
 */
function blocksOf(text) {
  /** @type {string[]} */
  const blocks = [];
  let from = 0;
  let lines = 0;
  for (let line = 0, at = text.indexOf('\n'); at >= 0; line = at + 1, at = text.indexOf('\n', line)) {
    lines++;
    if (at === line || lines >= MAX_BLOCK_LINES || endsBlock(text, at)) {
      blocks.push(text.slice(from, at + 1));
      from = at + 1;
      lines = 0;
    }
  }
  blocks.push(text.slice(from));
  return blocks;
}

/**
 * Whether the line ending at `end` closes a block: about one line in
 * sixteen, by a hash of its last characters.
 * @param {string} text
 * @param {number} end index of the line's line break
 */
function endsBlock(text, end) {
  let h = 2166136261;
  for (let i = Math.max(0, end - 12); i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % 16 === 0;
}
