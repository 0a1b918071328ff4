// @ts-check
// The options page: sites, replies, packs and rules, import, statistics.
// Each section is its own module; this one loads settings, the built-in
// adapters and the engine, and renders every section again whenever a
// layer of settings changes (here, in another tab, or by policy).
import { createEngine } from '../lint-engine.js';
import { loadSettings, onSettingsChanged } from '../settings.js';
import { loadBuiltinSites } from '../sites.js';
import { keepFocus } from './dom.js';
import { initImport, updateImport } from './import-view.js';
import { initPacks, renderPacks } from './packs-view.js';
import { initReplies, renderReplies } from './replies-view.js';
import { initSites, renderSites } from './sites-view.js';
import { initStats } from './stats-view.js';

/** @typedef {import('../policy.js').Merged} Merged */

initSites(await loadBuiltinSites());
initReplies();
initPacks();
await Promise.all([initImport(), initStats()]);

let version = 0;

/** @param {Merged} merged */
async function render(merged) {
  const mine = ++version;
  // Every pack with every rule on: the page lists all rules with their switches.
  const engine = await createEngine({ packs: merged.settings.packs, disabledRules: [] });
  const packs = engine.packs();
  const errors = engine.errors();
  engine.free();
  const putSites = await renderSites(merged);
  if (mine !== version) return; // newer settings are being rendered
  keepFocus(() => {
    putSites();
    renderReplies(merged);
    renderPacks(merged, packs, errors);
  });
  updateImport(merged, packs);
  const { locked } = merged;
  for (const el of document.querySelectorAll('[data-locked]')) {
    /** @type {HTMLElement} */ (el).hidden = !locked[/** @type {keyof typeof locked} */ (/** @type {HTMLElement} */ (el).dataset.locked)];
  }
  /** @type {HTMLElement} */ (document.getElementById('managed')).hidden = Object.keys(merged.policy).length === 0;
  document.documentElement.dataset.ready = 'true';
}

onSettingsChanged((_settings, merged) => { render(merged); });
// "Allow access" or the toolbar switch granted a site: its row changes.
const rerender = () => { loadSettings().then(render); };
chrome.permissions.onAdded.addListener(rerender);
chrome.permissions.onRemoved.addListener(rerender);
await render(await loadSettings());
