// @ts-check
// The engine for the site's tool pages (macro audit, measure a pack): the
// extension's wasm, served by the site at engine/, built with the built-in
// packs once per page.
import init, { Engine } from '../../extension/engine/carelint.js';

/** @type {Promise<Engine> | null} */
let engine = null;

/** The built-in engine, loaded on first use. */
export function siteEngine() {
  engine ??= init({ module_or_path: new URL('../engine/carelint_bg.wasm', document.baseURI) })
    .then(() => new Engine({ builtin: true, packs: [], disabled: [] }));
  return engine;
}

export { Engine };
