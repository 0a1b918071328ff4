// @ts-check
// Carelint running in one frame: the fields it watches (field.js), what
// settings say about the page, and the page's UI (view.js), created with
// the first watched field.
//
//   focus on an eligible field -> watch: a Field, and the engine starts
//   edit -> at most one render per animation frame (frame.js): each dirty
//     field reads its text and lints the lines the edit touched; results
//     paint at once: underlines, boxes, badges (PageView.paint)
//   accept -> apply.js edits through the editor -> the edit re-lints;
//     blanks.js selects the suggestion's first [blank], Tab the next
//
// Everything it needs from where it runs comes from the Host it is handed.
import { replaceSpan } from './apply.js';
import { Field } from './field.js';
import { isEligible } from './fields.js';
import { frameScheduler } from './frame.js';
import { readLintContext } from './page-context.js';
import { isInternalNote } from './site.js';
import { PageView } from './view.js';

/**
 * @typedef {import('./host.js').Host} Host
 * @typedef {import('./field.js').Shown} Shown
 * @typedef {import('./view.js').PageSettings} PageSettings
 * @typedef {import('../policy.js').Settings} Settings
 * @typedef {import('../policy.js').Site} Site
 */

/** How often to look for changes no event reports (a field moved by content above it, text set by script). */
const WATCHDOG_MS = 250;

export class Session {
  /**
   * @param {Document} doc
   * @param {Host} host
   * @param {() => void} giveUp the page keeps removing the UI: Carelint leaves it
   */
  constructor(doc, host, giveUp) {
    this.doc = doc;
    this.host = host;
    this.giveUp = giveUp;
    /** @type {Map<HTMLElement, import('./field.js').Field>} */
    this.fields = new Map();
    /** @type {PageSettings} */
    this.page = { adapter: null, internalNotes: false, nudge: { enabled: false, severity: 'warning' }, rulesLocked: false };
    /** Rules turned off in settings; also filtered here so "Turn off this rule" acts at once. */
    this.disabled = new Set(/** @type {string[]} */ ([]));
    /** @type {PageView | null} */
    this.view = null;
    /** The interval of `#watchdog`, started with the view. */
    this.watchdogTimer = 0;
    this.stopped = false;
    this.warned = false;
    this.schedule = frameScheduler(() => this.#render());
    this.paint = () => this.view?.paint(this.fields.values());
    /** Logs the first problem only: a page that breaks every lint must not flood its console. */
    this.warn = (/** @type {unknown} */ error) => {
      if (this.warned) return;
      this.warned = true;
      console.warn('Carelint could not check this reply:', error);
    };
  }

  /**
   * Settings changed (or Carelint starts): applied to what is on screen at
   * once, no reload.
   * @param {Settings} settings
   * @param {Site | null} adapter
   * @param {boolean} rulesLocked
   */
  apply(settings, adapter, rulesLocked) {
    this.page = { adapter, internalNotes: settings.internalNotes, nudge: settings.nudge, rulesLocked };
    this.disabled = new Set(settings.disabledRules);
    for (const field of this.fields.values()) field.refilter();
    if (!this.page.nudge.enabled) this.view?.nudge.hide();
    this.paint();
    this.schedule(); // drops fields that are no longer checked (internal notes)
  }

  /**
   * A reply box Carelint checks: eligible, and not an internal note unless
   * the team turned those on.
   * @param {HTMLElement} el
   */
  checks(el) {
    return isEligible(el) && this.#allowed(el);
  }

  /**
   * Starts watching a field the agent focused.
   * @param {HTMLElement} el
   */
  watch(el) {
    if (this.stopped || this.fields.has(el) || !this.#allowed(el)) return;
    const view = this.#openView();
    if (!view) return;
    this.host.startEngine();
    this.fields.set(el, new Field(el, {
      container: view.container,
      linter: this.host.linter,
      readContext: (d) => readLintContext(d, this.page.adapter),
      hidden: (rule) => this.disabled.has(rule),
      changed: this.schedule,
      repaint: this.paint,
      textChanged: (field) => { if (view.controller.owner?.field === field) view.controller.close(false); },
      shownOnce: (rule) => this.host.countStat(rule, 'shown'),
      failed: (error) => {
        this.warn(error);
        this.paint();
      },
    }));
    view.resize.observe(el);
    this.schedule();
  }

  /** @returns {number | null} hints on screen in this frame; null while no field is watched */
  hints() {
    if (this.fields.size === 0) return null;
    return [...this.fields.values()].reduce((n, f) => n + f.shown.length, 0);
  }

  /** The engine's settings changed: every field is linted whole again. */
  relint() {
    for (const field of this.fields.values()) field.lintWhole(false);
  }

  /** Everything on screen off, every field let go. */
  stop() {
    this.stopped = true;
    for (const field of [...this.fields.values()]) this.#unwatch(field);
    this.doc.defaultView?.clearInterval(this.watchdogTimer);
    this.view?.remove();
    this.view = null;
  }

  /**
   * Internal notes get hints only when the team turned them on.
   * @param {HTMLElement} el
   */
  #allowed(el) {
    return this.page.internalNotes || !isInternalNote(el, this.page.adapter);
  }

  /** @param {import('./field.js').Field} field */
  #unwatch(field) {
    field.remove();
    this.view?.resize.unobserve(field.el);
    this.fields.delete(field.el);
    if (this.view?.controller.owner?.field === field) this.view.controller.close(false);
  }

  /** @returns {PageView | null} */
  #openView() {
    if (this.view) return this.view;
    this.view = PageView.open(this.doc, {
      fields: () => this.fields.values(),
      settings: () => this.page,
      accept: (field, s, suggestion) => this.#accept(field, s, suggestion),
      dismiss: (field, s) => {
        this.host.countStat(s.hint.rule, 'dismissed');
        field.dismiss(s);
        this.paint();
      },
      turnOff: (rule) => this.#turnOff(rule),
      ruleUrl: (rule) => this.host.ruleUrl(rule),
      openRule: (rule) => this.host.openRule(rule),
      changed: this.schedule,
      paint: this.paint,
      failed: this.warn,
    });
    if (this.view) this.watchdogTimer = /** @type {Window} */ (this.doc.defaultView).setInterval(() => this.#watchdog(), WATCHDOG_MS);
    return this.view;
  }

  #render() {
    if (this.stopped) return;
    let linting = false;
    for (const field of [...this.fields.values()]) {
      if (!this.checks(field.el)) this.#unwatch(field);
      else linting = field.readIfDirty() || linting;
    }
    // A lint by the page's engine paints when it answers, in this same task;
    // painting the old hints first would only cost a layout. While the worker
    // lints, shifted hints (and a long paste's mirror) are painted now.
    if (!linting) this.paint();
  }

  /** Catches what no event reports. */
  #watchdog() {
    if (!this.host.alive()) {
      this.stop(); // the extension was reloaded or removed under this page
      return;
    }
    if (this.view && !this.view.keepOnPage()) {
      this.warn(new Error('the page keeps removing the hints layer; Carelint stops on this page'));
      this.giveUp();
      return;
    }
    for (const field of this.fields.values()) {
      if (!field.el.isConnected || field.moved()) this.schedule();
      if (field.isTextarea && /** @type {HTMLTextAreaElement} */ (field.el).value !== field.text) field.changed();
    }
  }

  /**
   * @param {import('./field.js').Field} field
   * @param {Shown} s
   * @param {string} suggestion
   */
  #accept(field, s, suggestion) {
    this.host.countStat(s.hint.rule, 'accepted');
    replaceSpan(field.el, s.hint, suggestion).then((edited) => {
      // An edit re-lints by itself (input / mutations). Not editing means the
      // text changed under the hint: read it again, which re-lints.
      if (edited) this.view?.blanks.start(field.el, s.hint.start, suggestion, field.abort.signal);
      else field.changed();
    }, this.warn);
  }

  /** @param {string} rule */
  #turnOff(rule) {
    this.disabled.add(rule);
    for (const field of this.fields.values()) field.refilter();
    this.paint();
    this.host.disableRule(rule).catch(this.warn);
  }
}
