// @ts-check
// The page's UI: <carelint-ui> and what lives in it (hint boxes and
// underlines, popover, send nudge; fields add their badges and mirrors),
// with the listeners that keep it aligned and put the agent's hands on it.
// Created for the first watched field; everything goes at once in remove().
import { Blanks } from './blanks.js';
import { HintController } from './controller.js';
import { HintLayer, highlightsPaint } from './highlights.js';
import { Nudge, SendGuard } from './nudge.js';
import { Popover } from './popover.js';
import { uiContainer, uiRoot } from './ui.js';

/**
 * @typedef {import('./field.js').Field} Field
 * @typedef {import('./field.js').Shown} Shown
 * @typedef {import('./highlights.js').HintBox} HintBox
 * @typedef {import('./highlights.js').Box} Box
 * @typedef {import('../policy.js').Settings} Settings
 * @typedef {import('../policy.js').Site} Site
 */

/**
 * What settings say about this page: the adapter that describes it, hints
 * in internal notes, the pre-send nudge, whether the admin locked the rules.
 * @typedef {{ adapter: Site | null, internalNotes: boolean, nudge: Settings['nudge'], rulesLocked: boolean }} PageSettings
 */

/**
 * What the view acts through.
 * @typedef {object} ViewHost
 * @property {() => Iterable<Field>} fields the watched fields
 * @property {() => PageSettings} settings
 * @property {(field: Field, s: Shown, suggestion: string) => void} accept
 * @property {(field: Field, s: Shown) => void} dismiss
 * @property {(rule: string) => void} turnOff
 * @property {(rule: string) => string} ruleUrl
 * @property {(rule: string) => void} openRule
 * @property {() => void} changed something may have moved: render soon
 * @property {() => void} paint
 * @property {(error: unknown) => void} failed
 */

/** How often the UI is put back after the page removed it, before Carelint leaves the page alone. */
const UI_RETURNS = 20;

export class PageView {
  /**
   * @param {Document} doc
   * @param {ViewHost} host
   * @returns {PageView | null} null where no UI can live (no <html>, or
   *   the page took the element name)
   */
  static open(doc, host) {
    const root = uiRoot(doc);
    return root ? new PageView(doc, root, host) : null;
  }

  /**
   * @param {Document} doc
   * @param {ShadowRoot} root
   * @param {ViewHost} host
   */
  constructor(doc, root, host) {
    this.doc = doc;
    this.root = root;
    this.container = uiContainer(root);
    this.layer = new HintLayer(this.container);
    this.popover = new Popover(this.container);
    this.nudge = new Nudge(this.container);
    this.blanks = new Blanks();
    this.controller = new HintController({
      layer: this.layer,
      popover: this.popover,
      nudge: this.nudge,
      fields: host.fields,
      rulesLocked: () => host.settings().rulesLocked,
      accept: host.accept,
      dismiss: host.dismiss,
      turnOff: host.turnOff,
      ruleUrl: host.ruleUrl,
      openRule: host.openRule,
      paint: host.paint,
    });
    this.changed = host.changed;
    this.resize = new ResizeObserver(host.changed);
    this.returns = 0;
    this.abort = new AbortController();
    const win = /** @type {Window} */ (doc.defaultView);
    const signal = this.abort.signal;
    const passive = { capture: true, passive: true, signal };
    // Realign on anything that moves text: scrolling anywhere (capture sees
    // every scrollable ancestor), resizing and zooming, late web fonts.
    win.addEventListener('scroll', host.changed, passive);
    win.addEventListener('resize', host.changed, passive);
    win.visualViewport?.addEventListener('resize', host.changed, passive);
    win.visualViewport?.addEventListener('scroll', host.changed, passive);
    doc.fonts.addEventListener('loadingdone', host.changed, { signal });
    doc.fonts.ready.then(host.changed, () => {});
    // The send guard first: a held send must not reach anything else.
    new SendGuard({
      nudge: this.nudge,
      settings: host.settings,
      fields: host.fields,
      fieldOf: (e) => this.controller.fieldOf(e),
      review: (field, s) => this.controller.reveal(field, s, field.savedCaret()),
      failed: host.failed,
    }).listen(win, signal);
    this.controller.listen(win, signal);
  }

  /**
   * Puts underlines, boxes, badges and the popover where the text is now.
   * Underlines (CSS Custom Highlight API, contenteditable) are the Ranges
   * of hints on screen: the rest are worked out when they scroll into view.
   * @param {Iterable<Field>} fields
   */
  paint(fields) {
    /** @type {HintBox[]} */
    const boxes = [];
    /** @type {Array<{ range: Range, category: string, tone: 'light' | 'dark' }>} */
    const ranges = [];
    /** @type {Set<Document | ShadowRoot>} */
    const scopes = new Set();
    /** @type {Array<[Field, Box | null]>} */
    const badges = [];
    for (const field of fields) {
      const { boxes: own, ranges: underlined, badge } = field.layout();
      for (const b of own) boxes.push(b);
      for (const r of underlined) ranges.push(r);
      // A field the page took out (unwatched on the next render) has no
      // document or shadow root to style.
      if (!field.isTextarea && field.el.isConnected) scopes.add(/** @type {Document | ShadowRoot} */ (field.el.getRootNode()));
      badges.push([field, badge]);
    }
    if (highlightsPaint) this.layer.underline(ranges, scopes);
    this.layer.draw(boxes);
    for (const [field, area] of badges) field.badge.update(field.shown.length, field.checklist, field.stopped, area);
    this.controller.follow();
  }

  /**
   * Puts the UI back if the page removed it (a framework re-rendering
   * <html>, a sanitizer), a bounded number of times, so a page that keeps
   * removing it is not fought forever.
   * @returns {boolean} false once the page removed it more often than that
   */
  keepOnPage() {
    if (this.root.host.isConnected) return true;
    if (++this.returns > UI_RETURNS) return false;
    if (uiRoot(this.doc) === this.root) this.changed();
    return true;
  }

  /** Everything on screen and every listener off. */
  remove() {
    this.layer.clear();
    this.resize.disconnect();
    this.abort.abort();
    this.root.host.remove();
  }
}
