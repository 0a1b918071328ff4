// @ts-check
// The service worker hosts the engine for pages whose Content-Security-Policy
// forbids compiling WebAssembly in a content script (see
// content/engine-client.js). One message: {type: "lint", text, context}
// -> {hints, checklist}, or {error} if the engine could not run. The engine
// is built on the first request and rebuilt when settings change; a worker
// that the browser stopped builds it again on the next request.
import { createEngine } from './lint-engine.js';
import { getSettings, onSettingsChanged } from './settings.js';

/** Longest reply we lint (in UTF-16 code units); far above any real reply. */
const MAX_TEXT = 1_000_000;

/** @type {Promise<import('./lint-engine.js').EngineInstance> | null} */
let engine = null;

function currentEngine() {
  if (!engine) {
    const building = getSettings().then((s) => createEngine(s.disabledRules));
    building.catch(() => { if (engine === building) engine = null; }); // retry on the next request
    engine = building;
  }
  return engine;
}

onSettingsChanged(() => {
  const old = engine;
  engine = null;
  // Lints already waiting on the old engine run first (promise reactions are in order).
  old?.then((e) => e.free(), () => {});
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || message?.type !== 'lint') return false;
  const { text, context } = message;
  if (typeof text !== 'string' || text.length > MAX_TEXT || typeof context !== 'object' || context === null) {
    sendResponse({ error: 'bad lint request' });
    return false;
  }
  currentEngine()
    .then((e) => e.lint(text, context))
    .then(sendResponse, (error) => sendResponse({ error: String(error) }));
  return true; // the answer is asynchronous
});
