// @ts-check
// The playground's Host (content/host.js) for the extension's DOM layer:
// the same engine, compiled from the same wasm, runs in this page; settings
// live in memory (defaults, plus rules turned off here); statistics are
// counted for the page to show. There is no extension behind the page, so
// nothing is sent anywhere and no popup asks questions.
import init from '../../extension/engine/carelint.js';
import { buildEngine } from '../../extension/lint-engine.js';
import { mergeSettings } from '../../extension/policy.js';
import { leanLinter } from '../../extension/report.js';

/**
 * @typedef {import('../../extension/content/host.js').Host} Host
 * @typedef {import('../../extension/policy.js').Merged} Merged
 * @typedef {import('../../extension/policy.js').Settings} Settings
 * @typedef {import('../../extension/policy.js').Site} Site
 * @typedef {import('../../extension/stats.js').StatKind} StatKind
 */

/**
 * The playground described as a helpdesk: its name fields carry the
 * data-carelint-*-name marks, as the demo helpdesk's do.
 * @type {Site}
 */
const PLAYGROUND = { id: 'playground', name: 'Carelint playground', matches: [], name_attributes: true };

/**
 * @param {URL} wasm where the engine's wasm is served
 * @param {URL} catalogueBase the site's root, where rules/ is
 * @param {(counts: Record<StatKind, number>) => void} counted called after each counted event
 * @returns {Host & { turnRulesOn: () => void }} turnRulesOn: every rule turned off here is on again
 */
export function pageHost(wasm, catalogueBase, counted) {
  /** @type {string[]} */
  let disabledRules = [];
  /** @type {Set<(settings: Settings, merged: Merged) => void>} */
  const listeners = new Set();
  /** @type {Record<StatKind, number>} */
  const counts = { shown: 0, accepted: 0, dismissed: 0 };
  /** @type {Promise<(text: string, context: import('../../extension/engine/carelint.js').LintContext) => import('../../extension/engine/carelint.js').Report> | null} */
  let engine = null;
  const merged = () => mergeSettings({}, { disabledRules });
  /** @param {string[]} rules */
  const setDisabled = (rules) => {
    disabledRules = rules;
    const now = merged();
    for (const listener of listeners) listener(now.settings, now);
  };
  const startEngine = () => {
    engine ??= init({ module_or_path: wasm })
      .then(() => buildEngine({ builtin: true, packs: [], disabled: [] }))
      .then(leanLinter);
    return engine;
  };
  /** @type {import('../../extension/content/engine-client.js').Lint} */
  const lint = async (text, context) => (await startEngine())(text, context);
  return {
    loadSettings: async () => merged(),
    onSettingsChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    thisSite: async () => ({ on: true, adapter: PLAYGROUND }),
    // Rules turned off are filtered by the DOM layer; the engine keeps them.
    disableRule: async (rule) => setDisabled([...new Set([...disabledRules, rule])]),
    turnRulesOn: () => setDisabled([]),
    countStat: (_rule, kind) => {
      counts[kind]++;
      counted({ ...counts });
    },
    linter: { near: lint, far: lint },
    startEngine,
    stopEngine: () => {},
    // Its engine keeps the built-in rules; turned-off rules are filtered above it.
    onEngineChanged: () => () => {},
    alive: () => true,
    answerStatus: () => {},
    // The site's own rule catalogue.
    ruleUrl: (rule) => new URL(`rules/#${rule}`, catalogueBase).href,
    openRule: (rule) => { window.open(new URL(`rules/#${rule}`, catalogueBase).href, '_blank', 'noopener'); },
  };
}
