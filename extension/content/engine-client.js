// @ts-check
// Where the engine runs for this page, decided once, on the first focus of
// an eligible field (not at page load):
// - here, in the content script, when the page lets it compile WebAssembly:
//   synchronous, no messaging;
// - otherwise in the background service worker, whose extension-page CSP
//   allows 'wasm-unsafe-eval'. Chromium applies the PAGE's CSP to wasm in
//   content scripts, so a helpdesk with `script-src 'self'` forbids it here.
// Both run the same engine (lint-engine.js) with the same settings; callers
// cannot tell them apart. The protocol with the worker is one message:
// {type: "lint", text, context} -> {hints, checklist} | {error}.
import { getSettings, onSettingsChanged } from '../settings.js';

/**
 * @typedef {import('../engine/carelint.js').Report} Report
 * @typedef {import('../engine/carelint.js').LintContext} LintContext
 * @typedef {(text: string, context: LintContext) => Promise<Report>} Lint
 */

/** The smallest valid wasm module: compiling it tells whether the page's CSP allows wasm. */
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/** @type {Promise<Lint> | null} */
let engine = null;

/** @type {Array<() => void>} */
const changeListeners = [];

/**
 * Starts loading the engine (once); `lint` waits for it.
 * @returns {Promise<Lint>}
 */
export function startEngine() {
  engine ??= chooseEngine();
  return engine;
}

/**
 * Lints with whichever engine this page uses.
 * @param {string} text
 * @param {LintContext} context
 * @returns {Promise<Report>}
 */
export async function lint(text, context) {
  return (await startEngine())(text, context);
}

/**
 * Calls `listener` once the engine applies new settings (re-lint then).
 * @param {() => void} listener
 */
export function onEngineChanged(listener) {
  changeListeners.push(listener);
}

/** @returns {Promise<Lint>} */
async function chooseEngine() {
  if (pageAllowsWasm()) {
    try {
      return await localEngine();
    } catch {
      // Loading failed here for another reason (e.g. a connect-src policy on
      // the fetch): the worker gives the same results.
    }
  }
  onSettingsChanged(() => changeListeners.forEach((f) => f()));
  return lintInWorker;
}

function pageAllowsWasm() {
  try {
    new WebAssembly.Module(EMPTY_WASM);
    return true;
  } catch {
    return false;
  }
}

/** @returns {Promise<Lint>} */
async function localEngine() {
  const { createEngine } = await import('../lint-engine.js');
  let current = await createEngine((await getSettings()).disabledRules);
  let latest = 0;
  onSettingsChanged(({ disabledRules }) => {
    const version = ++latest;
    createEngine(disabledRules).then((next) => {
      if (version !== latest) {
        next.free(); // newer settings arrived while this one compiled
        return;
      }
      current.free();
      current = next;
      changeListeners.forEach((f) => f());
    }, () => {
      // Keep linting with the engine we have.
    });
  });
  return async (text, context) => current.lint(text, context);
}

/** @type {Lint} */
async function lintInWorker(text, context) {
  const reply = await chrome.runtime.sendMessage({ type: 'lint', text, context });
  if (!reply || !Array.isArray(reply.hints)) throw new Error(`lint in the service worker failed: ${reply?.error ?? 'no reply'}`);
  return reply;
}
