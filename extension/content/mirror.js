// @ts-check
// Where a <textarea> draws a span of its text. A textarea exposes no DOM for
// its characters, so an invisible copy with the same content box, font and
// wrapping is laid out at the same place (scrolled the same way), and a DOM
// Range over the copy's text gives the rects.
//
// The copy holds one block per line of text: a keystroke changes one line,
// so only that block is laid out again, not the whole reply.
//
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
    /** @type {string[]} the text, line by line */
    this.lines = [];
    /** @type {HTMLElement[]} one block per line */
    this.rows = [];
    /** @type {number[]} where each line starts in the text */
    this.starts = [];
    this.setText('');
  }

  /**
   * Lays the copy over `field` with `text` (the field's current value).
   * Call before `rects`, once per paint.
   * @param {HTMLTextAreaElement} field
   * @param {string} text
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
    this.setText(text);
  }

  /**
   * Replaces the lines that changed, keeping the blocks of the others.
   * @param {string} text
   */
  setText(text) {
    const next = text.split('\n');
    const prev = this.lines;
    const max = Math.min(prev.length, next.length);
    let head = 0;
    while (head < max && prev[head] === next[head]) head++;
    let tail = 0;
    while (tail < max - head && prev[prev.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
    const doc = this.el.ownerDocument;
    const added = next.slice(head, next.length - tail).map((line) => {
      const row = doc.createElement('div');
      // The <br> gives an empty line its height and adds none to a full one.
      row.append(line, doc.createElement('br'));
      return row;
    });
    const removed = this.rows.splice(head, prev.length - tail - head, ...added);
    for (const row of removed) row.remove();
    const before = this.rows[head + added.length] ?? null;
    for (const row of added) this.text.insertBefore(row, before);
    this.lines = next;
    let at = 0;
    this.starts = next.map((line) => {
      const start = at;
      at += line.length + 1;
      return start;
    });
  }

  /**
   * Client rects of text[start, end) as the textarea shows it (unclipped).
   * @param {number} start
   * @param {number} end
   * @returns {DOMRect[]}
   */
  rects(start, end) {
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
