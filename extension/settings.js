// @ts-check
// The one settings store, in chrome.storage.sync so an agent's choices follow
// them to every browser they sign in to. Every part of the extension (content
// script, service worker, popup) reads settings through this module; a new
// setting is a new key in DEFAULTS plus a function that writes it.

/**
 * @typedef {object} Settings
 * @property {string[]} disabledRules full rule ids (`pack/rule`) the agent turned off
 */

/** @type {Settings} */
const DEFAULTS = { disabledRules: [] };

/**
 * The current settings, defaults filled in and shapes checked: storage can
 * hold anything (older versions, hand edits, sync conflicts).
 * @returns {Promise<Settings>}
 */
export async function getSettings() {
  const stored = await chrome.storage.sync.get(DEFAULTS);
  const rules = Array.isArray(stored.disabledRules) ? stored.disabledRules : [];
  return { disabledRules: rules.filter((id) => typeof id === 'string') };
}

/**
 * Turns a rule off everywhere ("Turn off this rule" in the popover).
 * @param {string} ruleId full id, `pack/rule`
 */
export async function disableRule(ruleId) {
  const { disabledRules } = await getSettings();
  if (disabledRules.includes(ruleId)) return;
  await chrome.storage.sync.set({ disabledRules: [...disabledRules, ruleId] });
}

/**
 * Calls `listener` with the new settings whenever one of ours changes, in
 * any context or browser.
 * @param {(settings: Settings) => void} listener
 */
export function onSettingsChanged(listener) {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'sync' || !Object.keys(changes).some((key) => key in DEFAULTS)) return;
    getSettings().then(listener, () => {
      // The extension was reloaded under this page: nothing left to update.
    });
  });
}
