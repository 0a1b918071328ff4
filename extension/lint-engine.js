// @ts-check
// Builds the Carelint engine (Rust compiled to wasm). The content script uses
// it directly when the page lets it compile WebAssembly; the service worker
// uses it for pages that do not (see content/engine-client.js).
import init, { Engine } from './engine/carelint.js';

/** @typedef {import('./engine/carelint.js').Engine} EngineInstance */

/**
 * An engine with the built-in packs, minus the rules the agent turned off.
 * @param {string[]} disabledRules full rule ids from settings
 * @returns {Promise<EngineInstance>}
 */
export async function createEngine(disabledRules) {
  await init({ module_or_path: chrome.runtime.getURL('engine/carelint_bg.wasm') });
  try {
    return new Engine({ builtin: true, packs: [], disabled: disabledRules });
  } catch (error) {
    // The engine refuses to disable a rule its packs do not have, and stored
    // settings can outlive a rule (a pack update renames it). Keep the ids it
    // knows rather than check nothing at all.
    const full = new Engine({ builtin: true, packs: [], disabled: [] });
    const known = new Set(full.packs().flatMap((p) => p.rules.map((r) => `${p.id}/${r.id}`)));
    const kept = disabledRules.filter((id) => known.has(id));
    if (kept.length === disabledRules.length) throw error;
    if (kept.length === 0) return full;
    full.free();
    return new Engine({ builtin: true, packs: [], disabled: kept });
  }
}
