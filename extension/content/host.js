// @ts-check
// What Carelint needs from where it runs (a Host), and the extension's:
// settings and the site list from extension storage, statistics, the
// engine in this page or the service worker (engine-client.js), the
// toolbar popup's questions. The site's playground hands in its own Host
// (www/src/page-host.js), with the engine in the page and settings in
// memory.
import { disableRule, loadSettings, onSettingsChanged } from '../settings.js';
import { countStat } from '../stats.js';
import { engineClient, lintInBackground } from './engine-client.js';
import { thisSite } from './site.js';

/**
 * @typedef {import('../policy.js').Settings} Settings
 * @typedef {import('../policy.js').Merged} Merged
 * @typedef {import('../policy.js').Site} Site
 * @typedef {import('./engine-client.js').Lint} Lint
 */

/**
 * What Carelint needs from where it runs.
 * @typedef {object} Host
 * @property {() => Promise<Merged>} loadSettings
 * @property {(listener: (settings: Settings, merged: Merged) => void) => () => void} onSettingsChanged returns the unsubscribe
 * @property {(merged: Merged) => Promise<{ on: boolean, adapter: Site | null }>} thisSite
 * @property {(rule: string) => Promise<void>} disableRule
 * @property {(rule: string, kind: import('../stats.js').StatKind) => void} countStat
 * @property {{ near: Lint, far: Lint }} linter near: within the keystroke; far: long work, off the main thread where it can be
 * @property {() => void} startEngine starts loading the engine (in idle time once a reply box shows, or on the first watched field)
 * @property {() => void} stopEngine
 * @property {(listener: () => void) => () => void} onEngineChanged the engine applied new settings (every field is linted again); returns the unsubscribe
 * @property {() => boolean} alive false once what runs Carelint is gone (the extension reloaded under the page)
 * @property {(signal: AbortSignal, hints: () => number | null) => void} answerStatus answers the toolbar
 *   popup's questions until `signal` aborts; `hints` is null in a frame with no watched field
 * @property {(rule: string) => string} ruleUrl the rule's entry in the rule catalogue
 * @property {(rule: string) => void} openRule opens that entry in a new tab
 */

/** This frame's engine. */
const engine = engineClient();

/** @type {Host} */
export const extensionHost = {
  loadSettings,
  onSettingsChanged,
  thisSite,
  disableRule,
  countStat,
  // The page's engine within the keystroke, the service worker for long work.
  linter: { near: engine.lint, far: lintInBackground },
  startEngine: engine.start,
  stopEngine: engine.stop,
  onEngineChanged: engine.onChanged,
  alive: () => Boolean(chrome.runtime?.id),
  // The catalogue ships inside the extension (offline, no site needed). A
  // page cannot open the extension's pages, so the worker opens the tab.
  ruleUrl: (rule) => chrome.runtime.getURL(`rules/index.html#${rule}`),
  openRule: (rule) => {
    chrome.runtime.sendMessage({ type: 'open-rule', rule })
      .catch((error) => console.warn('Carelint could not open the rule catalogue:', error));
  },
  answerStatus: (signal, hints) => {
    /**
     * Frames without a watched field stay silent, so one with a field answers.
     * @param {unknown} message
     * @param {chrome.runtime.MessageSender} _sender
     * @param {(reply: unknown) => void} sendResponse
     */
    const onMessage = (message, _sender, sendResponse) => {
      const count = hints();
      if (/** @type {{ type?: string } | null} */ (message)?.type !== 'status' || count === null) return false;
      sendResponse({ hints: count, engine: engine.place() });
      return false;
    };
    chrome.runtime.onMessage.addListener(onMessage);
    signal.addEventListener('abort', () => chrome.runtime.onMessage.removeListener(onMessage));
  },
};
