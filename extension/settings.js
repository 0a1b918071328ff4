// @ts-check
// The one settings store. Every part of the extension (content script,
// service worker, popup, options) reads and writes settings through this
// module; policy.js says how the layers combine.
//
// Where things live:
// - the admin's policy: chrome.storage.managed (read only; keys in
//   managed_schema.json);
// - the agent's choices: chrome.storage.sync, one item per key, so they
//   follow the agent to every browser they sign in to. A key that does not
//   fit sync's quotas (8 KB per item, 100 KB in all, writes per minute; an
//   imported pack easily passes 8 KB) is written to chrome.storage.local
//   instead, and a key in local wins over the same key in sync.
import { USER_KEYS, cleanLayer, mergeSettings } from './policy.js';

/**
 * @typedef {import('./policy.js').Settings} Settings
 * @typedef {import('./policy.js').Merged} Merged
 * @typedef {import('./policy.js').Layer} Layer
 * @typedef {typeof USER_KEYS[number]} UserKey
 */

/**
 * Chrome's message when any sync quota is exceeded (bytes per item, bytes,
 * items, writes per minute or hour), e.g. "Resource::kQuotaBytesPerItem
 * quota exceeded" in Chromium 156, "QUOTA_BYTES quota exceeded" in older ones.
 */
const QUOTA_ERROR = /quota exceeded/i;

/**
 * Every layer, merged: what is in force, the admin's part, and what is locked.
 * @returns {Promise<Merged>}
 */
export async function loadSettings() {
  const keys = [...USER_KEYS];
  const [policy, synced, local] = await Promise.all([readPolicy(), chrome.storage.sync.get(keys), chrome.storage.local.get(keys)]);
  return mergeSettings(policy, { ...synced, ...local });
}

/** @returns {Promise<Settings>} the settings in force */
export async function getSettings() {
  return (await loadSettings()).settings;
}

/**
 * The policy, or nothing where the browser has no managed storage
 * (Firefox without policies.json reports an error rather than {}).
 * @returns {Promise<Record<string, unknown>>}
 */
async function readPolicy() {
  try {
    return await chrome.storage.managed.get(null);
  } catch {
    return {};
  }
}

/**
 * Writes the agent's choices. Keys the policy locks are refused, so a
 * locked setting cannot be changed from any page.
 * @param {Layer} patch
 * @returns {Promise<void>}
 */
export async function updateSettings(patch) {
  const { locked } = await loadSettings();
  const clean = cleanLayer(patch);
  const keys = USER_KEYS.filter((key) => key in clean);
  const refused = keys.filter((key) => isLocked(key, locked));
  if (refused.length) throw new Error(`${refused.join(', ')} locked by your administrator`);
  for (const key of keys) await writeKey(key, clean[key]);
}

/**
 * @param {UserKey} key
 * @param {import('./policy.js').Locks} locked
 */
function isLocked(key, locked) {
  switch (key) {
    case 'enabledSites': case 'customSites': case 'enabledOrigins': case 'disabledOrigins': return locked.sites;
    default: return locked[key];
  }
}

/**
 * Sync first; local when sync's quotas say no.
 * @param {UserKey} key
 * @param {unknown} value
 */
async function writeKey(key, value) {
  try {
    await chrome.storage.sync.set({ [key]: value });
  } catch (error) {
    if (!QUOTA_ERROR.test(String(error))) throw error;
    await chrome.storage.local.set({ [key]: value });
    // Other browsers would otherwise keep applying the value that no longer fits.
    await chrome.storage.sync.remove(key);
    return;
  }
  await chrome.storage.local.remove(key);
}

/**
 * Turns a rule off everywhere ("Turn off this rule" in the popover).
 * @param {string} ruleId full id, `pack/rule`
 */
export async function disableRule(ruleId) {
  const { settings, user } = await loadSettings();
  if (settings.disabledRules.includes(ruleId)) return;
  await updateSettings({ disabledRules: [...(user.disabledRules ?? []), ruleId] });
}

/**
 * Calls `listener` with the merged settings whenever a layer changes: the
 * agent's (in any context or browser) or the admin's policy.
 * @param {(settings: Settings, merged: Merged) => void} listener
 * @returns {() => void} stops listening
 */
export function onSettingsChanged(listener) {
  /** @param {Record<string, chrome.storage.StorageChange>} changes @param {string} area */
  const onChanged = (changes, area) => {
    const ours = area === 'managed' || ((area === 'sync' || area === 'local') && USER_KEYS.some((key) => key in changes));
    if (!ours) return;
    loadSettings().then((merged) => listener(merged.settings, merged), () => {
      // The extension was reloaded under this page: nothing left to update.
    });
  };
  chrome.storage.onChanged.addListener(onChanged);
  return () => chrome.storage.onChanged.removeListener(onChanged);
}
