// @ts-check
// Builds the Carelint engine (Rust compiled to wasm) from settings. The
// content script uses it directly when the page lets it compile
// WebAssembly, the service worker for pages that do not (see
// content/engine-client.js), and the popup and options page for what they
// show; all of them build it here, the same way.
import init, { Engine, EngineBuild } from './engine/carelint.js';
import { withChecks } from './pack-checks.js';

/**
 * @typedef {import('./engine/carelint.js').Engine} EngineInstance
 * @typedef {import('./settings.js').Settings} Settings
 * @typedef {{ packs: Array<{ json: string, origin: string }>, disabledRules: string[] }} EngineSettings
 */

/** @type {Promise<typeof Engine> | null} */
let loaded = null;

/**
 * The Engine class, once the wasm is instantiated in this context.
 * @returns {Promise<typeof Engine>}
 */
export function loadEngine() {
  loaded ??= init({ module_or_path: chrome.runtime.getURL('engine/carelint_bg.wasm') }).then(() => Engine);
  return loaded;
}

/**
 * An engine with the built-in packs and the admin packs from settings,
 * minus the rules turned off (ids the packs no longer have are ignored by
 * the engine). A pack that fails to load is skipped and `errors()` says
 * why; it never stops the built-in packs. A pack is validated once per
 * text, not in every frame (pack-checks.js). Given the settings still
 * being read, it loads the wasm meanwhile.
 * @param {EngineSettings | Promise<EngineSettings>} settings
 * @returns {Promise<EngineInstance>}
 */
export async function createEngine(settings) {
  const loading = loadEngine();
  loading.catch(() => {}); // awaited below, after the settings
  const { packs, disabledRules } = await settings;
  const [checks] = await Promise.all([withChecks(packs), loading]);
  const engine = await buildEngine({ builtin: true, packs: checks.sources, disabled: disabledRules });
  checks.record(engine.validated());
  return engine;
}

/**
 * Compiles an engine a piece per task (the wasm must be loaded): at once
 * it was one task of a few hundred milliseconds, which froze the page it
 * started in. Between pieces the page handles input and paints.
 * @param {import('./engine/carelint.js').EngineOptions} options
 * @returns {Promise<EngineInstance>}
 */
export async function buildEngine(options) {
  const build = new EngineBuild(options);
  while (build.step()) await nextTask();
  const engine = build.finish();
  warmWhenIdle(engine);
  return engine;
}

/**
 * Compiles, a piece per idle period, the regexes an engine otherwise
 * compiles in the lint that first needs them (an engine is ready before
 * any is compiled: that is most of its start-up time), then has it lint a
 * made-up reply once (see `Engine::warm`). Stops once nothing is left or
 * the engine was freed.
 * @param {EngineInstance} engine
 */
function warmWhenIdle(engine) {
  // Bound, to the window: Firefox's content scripts refuse a window method
  // called without it. A service worker has no idle callbacks.
  const win = typeof window === 'undefined' ? null : window;
  const idle = win?.requestIdleCallback?.bind(win);
  const later = (/** @type {(deadline?: IdleDeadline) => void} */ f) => (idle ? idle(f, { timeout: 2000 }) : setTimeout(f, 0));
  /** @param {IdleDeadline} [deadline] */
  const step = (deadline) => {
    let more = false;
    try {
      // Each call is a few milliseconds: as many as the idle period holds.
      do more = engine.warm();
      while (more && deadline && !deadline.didTimeout && deadline.timeRemaining() > WARM_STEP_MS);
    } catch {
      // Freed: settings changed and a newer engine took its place.
    }
    if (more) later(step);
  };
  later(step);
}

/**
 * Compiles, a piece per task, what a lint of `text` needs that the warm-up
 * has not compiled yet: a lint right after start-up (the agent clicked
 * into the reply box at once) would otherwise compile it all in one long
 * task. Nothing to do once the engine is warm. An engine freed meanwhile
 * (settings changed) just stops it.
 * @param {EngineInstance} engine
 * @param {string} text
 */
export async function prepareFor(engine, text) {
  try {
    if (!engine.cold()) return;
    // The first lint in this context also has V8 compile the wasm functions
    // it runs (20-50 ms in Chromium): in the task that asked (a first focus,
    // which also builds the hints layer) that made one task of 44-76 ms. So
    // that task ends first, and the lint runs in a task of its own. Later
    // lints on a cold engine only compile regexes, a piece per task.
    const first = !firstLintAsked;
    firstLintAsked = true;
    if (first) await nextTask();
    while (engine.prepare(text)) await nextTask();
    if (first) await nextTask();
  } catch {
    // Freed: the caller lints with the engine that replaced it.
  }
}

/** Whether a lint was asked for in this context (V8 compiles a wasm function on its first call). */
let firstLintAsked = false;

/** Idle time a warm-up call is given at least, in ms. */
const WARM_STEP_MS = 8;

/** Resolves in a later task; ahead of other queued work where the browser can. */
function nextTask() {
  const scheduler = /** @type {{ yield?: () => Promise<void> } | undefined} */ (/** @type {any} */ (globalThis).scheduler);
  return scheduler?.yield ? scheduler.yield() : new Promise((ok) => setTimeout(ok, 0));
}

/** @type {WeakMap<EngineInstance, Set<string>>} */
const ruleIdCache = new WeakMap();

/**
 * Every rule the engine has loaded, as full ids (`pack/rule`), rules turned
 * off included.
 * @param {EngineInstance} engine
 * @returns {Set<string>}
 */
export function ruleIds(engine) {
  let ids = ruleIdCache.get(engine);
  if (!ids) {
    ids = new Set(engine.packs().flatMap((p) => p.rules.map((r) => `${p.id}/${r.id}`)));
    ruleIdCache.set(engine, ids);
  }
  return ids;
}

/**
 * Wraps a settings listener so that it runs only when what the engine is
 * built from changed (packs, rules turned off), not for every setting (a
 * site switch, the nudge). The one rule for rebuilding an engine, in the
 * content script and the service worker alike.
 * @param {(settings: Settings) => void} listener
 * @param {Settings | null} initial the settings the engine was built with, if known
 * @returns {(settings: Settings) => void}
 */
export function whenEngineSettingsChange(listener, initial) {
  const keyOf = (/** @type {Settings} */ s) => JSON.stringify([s.packs.map((p) => p.json), s.disabledRules]);
  let last = initial ? keyOf(initial) : null;
  return (settings) => {
    const key = keyOf(settings);
    if (key === last) return;
    last = key;
    listener(settings);
  };
}
