// @ts-check
// Where a <textarea> draws a span of its text. A textarea exposes no DOM for
// its characters, so an invisible copy with the same content box, font and
// wrapping is laid out at the same place (scrolled the same way), and a DOM
// Range over the copy's text gives the rects.

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
    const doc = container.ownerDocument;
    this.el = doc.createElement('div');
    this.el.className = 'mirror';
    this.el.setAttribute('aria-hidden', 'true');
    this.node = doc.createTextNode('');
    this.el.append(this.node);
    container.append(this.el);
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
    style.width = `${box.width - borderLeft - borderRight - scrollbar}px`;
    style.left = `${box.left + borderLeft - field.scrollLeft}px`;
    style.top = `${box.top + borderTop - field.scrollTop}px`;
    if (this.node.data !== text) this.node.data = text;
  }

  /**
   * Client rects of text[start, end) as the textarea shows it (unclipped).
   * @param {number} start
   * @param {number} end
   * @returns {DOMRect[]}
   */
  rects(start, end) {
    const length = this.node.data.length;
    const range = this.el.ownerDocument.createRange();
    range.setStart(this.node, Math.min(start, length));
    range.setEnd(this.node, Math.min(end, length));
    return [...range.getClientRects()];
  }

  remove() {
    this.el.remove();
  }
}
