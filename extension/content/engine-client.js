// @ts-check
// Where the engine runs for this page, decided once, when the page first
// shows an eligible field (in idle time) or on its first focus:
// - here, in the content script, when the page lets it compile WebAssembly:
//   synchronous, no messaging;
// - otherwise in the background service worker, whose extension-page CSP
//   allows 'wasm-unsafe-eval'. Chromium applies the PAGE's CSP to wasm in
//   content scripts, so a helpdesk with `script-src 'self'` forbids it here;
//   Firefox does not (its content scripts follow the extension's CSP), so
//   there the engine runs in the page on such sites too. The probe below
//   finds out either way; `place()` tells which it was.
// Both run the same engine (lint-engine.js) with the same settings; callers
// cannot tell them apart. Long work can go to the worker on any page
// (lintInBackground). The protocol with the worker is one message:
// {type: "lint", text, context} -> {hints, checklist} | {error}; and
// {type: "warm"} (no answer) has it build its engine ahead of the first.
import { leanLinter } from '../report.js';
import { whenEngineSettingsChange } from '../lint-engine.js';
import { getSettings, onSettingsChanged } from '../settings.js';

/**
 * @typedef {import('../settings.js').Settings} Settings
 * @typedef {import('../engine/carelint.js').Report} Report
 * @typedef {import('../engine/carelint.js').LintContext} LintContext
 * @typedef {(text: string, context: LintContext) => Promise<Report>} Lint
 */

/** The smallest valid wasm module: compiling it tells whether the page's CSP allows wasm. */
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/**
 * This frame's engine: loaded on the first `start` (or `lint`), dropped by
 * `stop` (Carelint turned off on this site), rebuilt when the settings it
 * is built from change. One per frame, made by host.js.
 */
export function engineClient() {
  /** @type {Promise<Lint> | null} */
  let engine = null;
  /** @type {'page' | 'worker' | null} */
  let place = null;
  /** Bumped by stop, so an engine still loading knows it is no longer wanted. */
  let epoch = 0;
  /** Undoes what the engine in use listens to (and frees it). */
  let release = () => {};
  /** @type {Set<() => void>} */
  const changeListeners = new Set();
  const changed = () => changeListeners.forEach((f) => f());

  /** @returns {Promise<Lint>} */
  const chooseEngine = async () => {
    const mine = epoch;
    if (pageAllowsWasm()) {
      try {
        const local = await localEngine(() => mine === epoch, changed);
        if (mine === epoch) {
          release = local.release;
          place = 'page';
          return local.lint;
        }
        local.release(); // Carelint was turned off on this site while it loaded
      } catch {
        // Loading failed here for another reason (e.g. a connect-src policy on
        // the fetch): the worker gives the same results.
      }
    }
    if (mine === epoch) {
      release = onSettingsChanged(whenEngineSettingsChange(changed, null));
      place = 'worker';
    }
    chrome.runtime.sendMessage({ type: 'warm' }).catch(() => {});
    return lintInBackground;
  };

  /** Starts loading the engine (once); `lint` waits for it. */
  const start = () => {
    engine ??= chooseEngine();
    return engine;
  };

  return {
    start,
    /**
     * Lints with whichever engine this page uses.
     * @type {Lint}
     */
    lint: async (text, context) => (await start())(text, context),
    /**
     * Where this page's engine runs: 'page' (the content script), 'worker'
     * (the extension's background), or null before it is chosen. The
     * toolbar popup says it.
     */
    place: () => place,
    /** Drops the engine and its settings listener; the next `start` loads it again. */
    stop: () => {
      epoch++;
      place = null;
      release();
      release = () => {};
      engine = null;
    },
    /**
     * Calls `listener` once the engine applies new settings (re-lint then).
     * @param {() => void} listener
     * @returns {() => void} the unsubscribe
     */
    onChanged: (listener) => {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
  };
}

/** @typedef {ReturnType<typeof engineClient>} EngineClient */

function pageAllowsWasm() {
  try {
    new WebAssembly.Module(EMPTY_WASM);
    return true;
  } catch {
    return false;
  }
}

/**
 * The engine in this content script, rebuilt when the settings it is built
 * from change.
 * @param {() => boolean} wanted false once the client stopped (or restarted) meanwhile
 * @param {() => void} changed called once a rebuilt engine is in use
 * @returns {Promise<{ lint: Lint, release: () => void }>}
 */
async function localEngine(wanted, changed) {
  const { createEngine, prepareFor } = await import('../lint-engine.js');
  const reading = getSettings();
  // Handed the settings still being read, it loads the wasm meanwhile.
  let current = await createEngine(reading);
  const settings = await reading;
  let lintHere = leanLinter(current);
  let latest = 0;
  const off = onSettingsChanged(whenEngineSettingsChange((next) => {
    const version = ++latest;
    createEngine(next).then((built) => {
      if (version !== latest || !wanted()) {
        built.free(); // newer settings arrived while this one compiled, or stopped
        return;
      }
      current.free();
      current = built;
      lintHere = leanLinter(built);
      changed();
    }, () => {
      // Keep linting with the engine we have.
    });
  }, settings));
  return {
    lint: async (text, context) => {
      await prepareFor(current, text);
      return lintHere(text, context);
    },
    release: () => {
      off();
      current.free();
    },
  };
}

/**
 * Lints in the service worker, off this page's main thread: the engine of
 * strict-CSP pages, and everywhere the whole-reply lint after a pause in
 * typing (a long reply can take longer than a frame).
 * @type {Lint}
 */
export async function lintInBackground(text, context) {
  const reply = await chrome.runtime.sendMessage({ type: 'lint', text, context });
  if (!reply || !Array.isArray(reply.hints)) throw new Error(`lint in the service worker failed: ${reply?.error ?? 'no reply'}`);
  return reply;
}
