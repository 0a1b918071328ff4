// @ts-check
// Carelint in one page (or frame): starts, follows settings, and renders.
//
//   focus on an eligible field (fields.js) -> a Field (field.js) watches it
//   edit -> at most one render per animation frame: each dirty field reads
//     its text and lints the lines the edit touched; results paint at once:
//     underlines (Highlight API), boxes (highlights.js), badges (badge.js)
//   hover / click / Alt+Shift+J on a hint -> popover (controller.js)
//   accept -> apply.js edits through the editor -> the edit re-lints;
//     blanks.js selects the suggestion's first [blank], Tab the next
//   send with hints left -> nudge.js holds it (SendGuard)
//
// start() (called by the loader) first checks that settings turn Carelint
// on for this site (site.js); if not, nothing else happens. Before the
// first focus of an eligible field, only three listeners exist: focus,
// settings changes, and the toolbar popup's status question. No element is
// added and the engine is not loaded until then. When the site is turned
// off, everything goes at once (shutdown); a new injection starts again.
// What it needs from where it runs (settings, statistics, the engine, the
// site list) is a Host: the extension's by default; the site's playground
// hands in its own, with the engine in the page and settings in memory.
import { disableRule, loadSettings, onSettingsChanged } from '../settings.js';
import { countStat } from '../stats.js';
import { replaceSpan } from './apply.js';
import { Blanks } from './blanks.js';
import { HintController } from './controller.js';
import { enginePlace, lint, lintInBackground, onEngineChanged, startEngine, stopEngine } from './engine-client.js';
import { Field } from './field.js';
import { isEligible, watchFocus } from './fields.js';
import { HintLayer, highlightsPaint } from './highlights.js';
import { Nudge, SendGuard } from './nudge.js';
import { readLintContext } from './page-context.js';
import { Popover } from './popover.js';
import { isInternalNote, thisSite } from './site.js';
import { uiContainer, uiRoot } from './ui.js';

/**
 * @typedef {import('../policy.js').Settings} Settings
 * @typedef {import('../policy.js').Merged} Merged
 * @typedef {import('../policy.js').Site} Site
 * @typedef {import('./engine-client.js').Lint} Lint
 * @typedef {import('./highlights.js').HintBox} HintBox
 * @typedef {import('./highlights.js').Box} Box
 */

/** How often to look for changes no event reports (a field moved by content above it, text set by script). */
const WATCHDOG_MS = 250;
/** How often start() tries to read the settings and the site list (0.5 s apart, doubling). */
const START_ATTEMPTS = 5;
/** How often the UI is put back after the page removed it, before Carelint leaves the page alone. */
const UI_RETURNS = 20;

const doc = document;
const win = window;

/** @type {Map<HTMLElement, Field>} */
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
let warned = false;

/**
 * The page's UI, created with the first watched field.
 * @typedef {{ root: ShadowRoot, container: HTMLElement, layer: HintLayer, popover: Popover, nudge: Nudge, blanks: Blanks, controller: HintController, resize: ResizeObserver, watchdog: number, returns: number, abort: AbortController }} Ui
 * @type {Ui | null}
 */
let ui = null;

/**
 * What Carelint needs from where it runs.
 * @typedef {object} Host
 * @property {() => Promise<Merged>} loadSettings
 * @property {(listener: (settings: Settings, merged: Merged) => void) => () => void} onSettingsChanged returns the unsubscribe
 * @property {(merged: Merged) => Promise<{ on: boolean, adapter: Site | null }>} thisSite
 * @property {(rule: string) => Promise<void>} disableRule
 * @property {(rule: string, kind: import('../stats.js').StatKind) => void} countStat
 * @property {{ near: Lint, far: Lint }} linter near: within the keystroke; far: long work, off the main thread where it can be
 * @property {() => void} startEngine starts loading the engine, on the first watched field
 * @property {() => void} stopEngine
 * @property {() => boolean} alive false once what runs Carelint is gone (the extension reloaded under the page)
 * @property {(signal: AbortSignal) => void} answerStatus answers the toolbar popup's questions until `signal` aborts
 * @property {(rule: string) => string} ruleUrl the rule's entry in the rule catalogue
 * @property {(rule: string) => void} openRule opens that entry in a new tab
 */

/** @type {Host} */
const extensionHost = {
  loadSettings,
  onSettingsChanged,
  thisSite,
  disableRule,
  countStat,
  // The page's engine within the keystroke, the service worker for long work.
  linter: { near: lint, far: lintInBackground },
  startEngine,
  stopEngine,
  alive: () => Boolean(chrome.runtime?.id),
  // The catalogue ships inside the extension (offline, no site needed). A
  // page cannot open the extension's pages, so the worker opens the tab.
  ruleUrl: (rule) => chrome.runtime.getURL(`rules/index.html#${rule}`),
  openRule: (rule) => { chrome.runtime.sendMessage({ type: 'open-rule', rule }).catch(warnOnce); },
  answerStatus: (signal) => {
    chrome.runtime.onMessage.addListener(onMessage);
    signal.addEventListener('abort', () => chrome.runtime.onMessage.removeListener(onMessage));
  },
};
let host = extensionHost;

/**
 * Starts watching a field the agent focused.
 * @param {HTMLElement} el
 */
function watch(el) {
  if (fields.has(el) || !allowed(el)) return;
  const view = startUi();
  if (!view) return;
  host.startEngine();
  fields.set(el, new Field(el, {
    container: view.container,
    linter: host.linter,
    readContext: (d) => readLintContext(d, page.adapter),
    hidden: (rule) => disabled.has(rule),
    changed: schedule,
    repaint: paint,
    textChanged: (field) => { if (view.controller.owner?.field === field) view.controller.close(false); },
    shownOnce: (rule) => host.countStat(rule, 'shown'),
    failed: lintFailed,
  }));
  view.resize.observe(el);
  schedule();
}

/**
 * Internal notes get hints only when the team turned them on.
 * @param {HTMLElement} el
 */
const allowed = (el) => page.internalNotes || !isInternalNote(el, page.adapter);

/** @param {Field} field */
function unwatch(field) {
  field.remove();
  ui?.resize.unobserve(field.el);
  fields.delete(field.el);
  if (ui?.controller.owner?.field === field) ui.controller.close(false);
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
  const layer = new HintLayer(container);
  const popover = new Popover(container);
  const nudge = new Nudge(container);
  const controller = new HintController({
    layer,
    popover,
    nudge,
    fields: () => fields.values(),
    rulesLocked: () => page.rulesLocked,
    accept,
    dismiss: (field, s) => {
      host.countStat(s.hint.rule, 'dismissed');
      field.dismiss(s);
      paint();
    },
    turnOff,
    ruleUrl: (rule) => host.ruleUrl(rule),
    openRule: (rule) => host.openRule(rule),
    paint,
  });
  const abort = new AbortController();
  ui = {
    root, container, layer, popover, nudge, controller,
    blanks: new Blanks(),
    resize: new ResizeObserver(schedule),
    watchdog: win.setInterval(watchdog, WATCHDOG_MS),
    returns: 0,
    abort,
  };
  const signal = abort.signal;
  const passive = { capture: true, passive: true, signal };
  // Realign on anything that moves text: scrolling anywhere (capture sees
  // every scrollable ancestor), resizing and zooming, late web fonts.
  win.addEventListener('scroll', schedule, passive);
  win.addEventListener('resize', schedule, passive);
  win.visualViewport?.addEventListener('resize', schedule, passive);
  win.visualViewport?.addEventListener('scroll', schedule, passive);
  doc.fonts.addEventListener('loadingdone', schedule, { signal });
  doc.fonts.ready.then(schedule, () => {});
  // The send guard first: a held send must not reach anything else.
  new SendGuard({
    nudge,
    settings: () => page,
    fields: () => fields.values(),
    fieldOf: (e) => controller.fieldOf(e),
    review: (field, s) => controller.reveal(field, s, field.savedCaret()),
    failed: warnOnce,
  }).listen(win, signal);
  controller.listen(win, signal);
  return ui;
}

/** Everything on screen off: the extension was reloaded or removed under this page. */
function stop() {
  for (const field of [...fields.values()]) unwatch(field);
  if (!ui) return;
  ui.layer.clear();
  ui.resize.disconnect();
  ui.abort.abort();
  win.clearInterval(ui.watchdog);
  ui.root.host.remove();
  ui = null;
}

// --- rendering: at most one per animation frame ------------------------------
// The first change in a frame renders at once (in a microtask, before the
// frame is painted), so a keystroke shows its highlights in the same frame;
// further changes in that frame wait for the next one.

let queued = false;
let renderedThisFrame = false;

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
  for (const field of [...fields.values()]) {
    if (!isEligible(field.el) || !allowed(field.el)) unwatch(field);
    else linting = field.readIfDirty() || linting;
  }
  // A lint by the page's engine paints when it answers, in this same task;
  // painting the old hints first would only cost a layout. While the worker
  // lints, shifted hints (and a long paste's mirror) are painted now.
  if (!linting) paint();
}

/**
 * Puts underlines, boxes, badges and the popover where the text is now.
 * Underlines (CSS Custom Highlight API, contenteditable) are the Ranges of
 * hints on screen: the rest are worked out when they scroll into view.
 */
function paint() {
  if (!ui) return;
  /** @type {HintBox[]} */
  const boxes = [];
  /** @type {Array<{ range: Range, category: string, tone: 'light' | 'dark' }>} */
  const ranges = [];
  /** @type {Set<Document | ShadowRoot>} */
  const scopes = new Set();
  /** @type {Array<[Field, Box | null]>} */
  const badges = [];
  for (const field of fields.values()) {
    const { boxes: own, ranges: underlined, badge } = field.layout();
    for (const b of own) boxes.push(b);
    for (const r of underlined) ranges.push(r);
    // A field the page took out (unwatched on the next render) has no
    // document or shadow root to style.
    if (!field.isTextarea && field.el.isConnected) scopes.add(/** @type {Document | ShadowRoot} */ (field.el.getRootNode()));
    badges.push([field, badge]);
  }
  if (highlightsPaint) ui.layer.underline(ranges, scopes);
  ui.layer.draw(boxes);
  for (const [field, area] of badges) field.badge.update(field.shown.length, field.checklist, field.stopped, area);
  ui.controller.follow();
}

/** Catches what no event reports. */
function watchdog() {
  if (!host.alive()) {
    stop();
    return;
  }
  if (ui && !ui.root.host.isConnected) returnUi(ui);
  for (const field of fields.values()) {
    if (!field.el.isConnected || field.moved()) schedule();
    if (field.isTextarea && /** @type {HTMLTextAreaElement} */ (field.el).value !== field.text) field.changed();
  }
}

/**
 * The page removed <carelint-ui> (a framework re-rendering <html>, a
 * sanitizer): put it back, a bounded number of times, so a page that keeps
 * removing it is not fought forever.
 * @param {Ui} view
 */
function returnUi(view) {
  if (++view.returns > UI_RETURNS) {
    warnOnce(new Error('the page keeps removing the hints layer; Carelint stops on this page'));
    shutdown();
    return;
  }
  if (uiRoot(doc) === view.root) schedule();
}

// --- what the agent does with a hint -------------------------------------------

/**
 * @param {Field} field
 * @param {import('./field.js').Shown} s
 * @param {string} suggestion
 */
function accept(field, s, suggestion) {
  host.countStat(s.hint.rule, 'accepted');
  replaceSpan(field.el, s.hint, suggestion).then((edited) => {
    // An edit re-lints by itself (input / mutations). Not editing means the
    // text changed under the hint: read it again, which re-lints.
    if (edited) ui?.blanks.start(field.el, s.hint.start, suggestion, field.abort.signal);
    else field.changed();
  }, warnOnce);
}

/** @param {string} rule */
function turnOff(rule) {
  disabled.add(rule);
  for (const field of fields.values()) field.refilter();
  paint();
  host.disableRule(rule).catch(warnOnce);
}

/** @param {unknown} error */
function lintFailed(error) {
  warnOnce(error);
  paint();
}

/** @param {unknown} error */
function warnOnce(error) {
  if (warned) return;
  warned = true;
  console.warn('Carelint could not check this reply:', error);
}

// --- start and shutdown ---------------------------------------------------------

/**
 * Starts Carelint in this frame when settings turn it on for this site.
 * The loader calls it on every injection; while Carelint runs, it does
 * nothing.
 * @param {Host} [given] where settings, statistics and the engine come from
 */
export async function start(given = extensionHost) {
  if (running) return;
  host = given;
  const run = new AbortController();
  running = run;
  let ready = null;
  // Settings or the site list can fail to load in the first seconds after
  // the browser starts: try again a few times before giving up on the page.
  for (let attempt = 0; attempt < START_ATTEMPTS && !ready; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    if (running !== run || !host.alive()) break; // stopped, or the extension was reloaded under this page
    try {
      const merged = await host.loadSettings();
      ready = { merged, site: await host.thisSite(merged) };
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
  const unsubscribe = host.onSettingsChanged((settings, merged) => {
    host.thisSite(merged).then((site) => {
      if (running !== run) return;
      if (site.on) apply(settings, site.adapter, merged.locked.disabledRules);
      else shutdown();
    }, () => {});
  });
  run.signal.addEventListener('abort', unsubscribe);
  host.answerStatus(run.signal);
  // Last: a field may already have focus.
  watchFocus(doc, watch, run.signal);
  warmUp(run.signal);
}

/**
 * Starts the engine in idle time once the page shows a reply box (at
 * once, or when a helpdesk that opens tickets without loading a page adds
 * one), so that the agent's first keystrokes find it ready instead of
 * waiting for it to compile (in steps that never freeze the page). A page
 * that never shows one never loads it.
 * @param {AbortSignal} signal
 */
function warmUp(signal) {
  // Bound: Firefox's content scripts refuse a window method called without
  // its window ("does not implement interface Window"); Chromium lets it pass.
  const idle = win.requestIdleCallback?.bind(win) ?? ((/** @type {() => void} */ f) => win.setTimeout(f, 200));
  const showsReplyBox = () => [...doc.querySelectorAll('textarea, [contenteditable]:not([contenteditable="false"])')]
    .some((el) => isEligible(/** @type {HTMLElement} */ (el)) && allowed(/** @type {HTMLElement} */ (el)));
  // Added nodes are looked at once per idle period, not per mutation.
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    idle(check, { timeout: 2000 });
  });
  /** @returns {boolean} whether the engine was started */
  const check = () => {
    queued = false;
    if (signal.aborted || !showsReplyBox()) return false;
    observer.disconnect();
    host.startEngine();
    return true;
  };
  signal.addEventListener('abort', () => observer.disconnect());
  idle(() => {
    if (!check() && !signal.aborted && doc.documentElement) observer.observe(doc.documentElement, { childList: true, subtree: true });
  }, { timeout: 2000 });
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
  for (const field of fields.values()) field.refilter();
  if (!page.nudge.enabled) ui?.nudge.hide();
  paint();
  schedule(); // drops fields that are no longer checked (internal notes)
}

/** The site was turned off: everything goes at once, nothing keeps running. */
function shutdown() {
  stop();
  running?.abort();
  running = null;
  host.stopEngine();
}

/**
 * The toolbar popup asks how many hints this frame shows and where its
 * engine runs; frames without a watched field stay silent so one with a
 * field answers.
 * @param {unknown} message
 * @param {chrome.runtime.MessageSender} _sender
 * @param {(reply: unknown) => void} sendResponse
 */
function onMessage(message, _sender, sendResponse) {
  if (/** @type {{ type?: string } | null} */ (message)?.type !== 'status' || fields.size === 0) return false;
  sendResponse({ hints: [...fields.values()].reduce((n, f) => n + f.shown.length, 0), engine: enginePlace() });
  return false;
}

/** The engine's settings changed: every field is linted whole again. */
onEngineChanged(() => {
  for (const field of fields.values()) field.lintWhole(false);
});
