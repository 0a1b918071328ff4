// @ts-check
// The service worker:
// - hosts the engine for pages whose Content-Security-Policy forbids
//   compiling WebAssembly in a content script, and for the whole-reply lint
//   every page asks for when typing pauses (see content/engine-client.js).
//   One message: {type: "lint", text, context} -> {hints, checklist}, or
//   {error} if the engine could not run. The engine is built on the first
//   request and rebuilt when settings change;
// - keeps the registered content scripts equal to the enabled sites
//   (registration.js): when the browser starts (a policy can change while
//   it is closed), when the extension is installed or updated (Chromium
//   drops dynamic registrations on an update, and an unpacked extension
//   counts as installed anew at every start), and on every change of
//   settings or permissions;
// - is the one writer of the local statistics: {type: "stats", events},
//   counted for rules its engine has.
// A worker that the browser stopped rebuilds all of this on the next event.
import { createEngine, ruleIds, whenEngineSettingsChange } from './lint-engine.js';
import { startInOpenTabs, syncRegistrations } from './registration.js';
import { getSettings, loadSettings, onSettingsChanged } from './settings.js';
import { alwaysOnPatterns, loadBuiltinSites, registrations } from './sites.js';
import { isRuleId } from './policy.js';
import { leanLinter, plainHint } from './report.js';
import { recordStats } from './stats.js';

/**
 * Longest reply we lint (in UTF-16 code units): the command line's limit,
 * far above any real reply. Lint time is linear, and this runs off the
 * page's main thread.
 */
const MAX_TEXT = 16 * 1024 * 1024;

/** @type {Promise<import('./lint-engine.js').EngineInstance> | null} */
let engine = null;

function currentEngine() {
  if (!engine) {
    // Given the settings still being read, it loads the wasm meanwhile.
    const building = createEngine(getSettings());
    // The rule table is read once per engine: now, not in the first lint.
    building.then(linterOf).catch(() => { if (engine === building) engine = null; }); // retry on the next request
    engine = building;
  }
  return engine;
}

/** @type {WeakMap<import('./lint-engine.js').EngineInstance, ReturnType<typeof leanLinter>>} */
const linters = new WeakMap();

/**
 * The lint function of an engine: lean lints and its rule table, read once.
 * @param {import('./lint-engine.js').EngineInstance} e
 */
function linterOf(e) {
  let lint = linters.get(e);
  if (!lint) {
    lint = leanLinter(e);
    linters.set(e, lint);
  }
  return lint;
}

/**
 * The manifest's own content script (local pages) as a registration, for
 * starting it in open tabs once access is granted.
 * @returns {import('./sites.js').Registration}
 */
const manifestScript = () => ({ id: 'manifest', matches: alwaysOnPatterns(), excludeMatches: [], policy: false });

/**
 * A report as plain data for the reply: its hints' suggestions are worked
 * out on first read (report.js). Chromium sends a reply as JSON, Firefox
 * clones it; neither keeps a getter on a prototype, nor may a function go.
 * @param {import('./engine/carelint.js').Report} report
 * @returns {import('./engine/carelint.js').Report}
 */
const plain = (report) => ({ ...report, hints: report.hints.map(plainHint) });

/** Syncs run one after another, so two changes in a row never race. */
let syncing = Promise.resolve();

function sync() {
  syncing = syncing
    .then(async () => syncRegistrations(await loadSettings(), await loadBuiltinSites()))
    .catch((error) => console.warn('Carelint could not update its sites:', error));
}

chrome.runtime.onStartup.addListener(sync);
chrome.runtime.onInstalled.addListener(sync);

// The engine is rebuilt only when what it is built from changed (the rule
// lint-engine.js gives every context); registrations follow every change.
onSettingsChanged(whenEngineSettingsChange(() => {
  const old = engine;
  engine = null;
  // Lints already waiting on the old engine run first (promise reactions are in order).
  old?.then((e) => e.free(), () => {});
}, null));
onSettingsChanged(sync);

// Access granted to a site that was already on (an admin's site, "Allow
// access" in the options page or the popup, a local page in Firefox): start
// it in the open tabs.
chrome.permissions.onAdded.addListener(() => {
  syncing = syncing
    .then(async () => startInOpenTabs([...registrations(await loadSettings(), await loadBuiltinSites()), manifestScript()]))
    .catch(() => {});
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  if (message?.type === 'warm') {
    // A page that cannot run the engine itself shows a reply box: build
    // ours now, so the agent's first keystrokes do not wait for it.
    currentEngine().catch(() => {});
    return false;
  }
  if (message?.type === 'stats') {
    currentEngine().then((e) => recordStats(message.events, ruleIds(e)), () => {});
    return false;
  }
  if (message?.type === 'open-rule') {
    // A popover's "About this rule": the catalogue page shipped in the extension.
    if (isRuleId(message.rule)) chrome.tabs.create({ url: chrome.runtime.getURL(`rules/index.html#${message.rule}`) }).catch(() => {});
    return false;
  }
  if (message?.type !== 'lint') return false;
  const { text, context } = message;
  if (typeof text !== 'string' || text.length > MAX_TEXT || typeof context !== 'object' || context === null) {
    sendResponse({ error: 'bad lint request' });
    return false;
  }
  currentEngine()
    .then((e) => plain(linterOf(e)(text, context)))
    .then(sendResponse, (error) => sendResponse({ error: String(error) }));
  return true; // the answer is asynchronous
});
