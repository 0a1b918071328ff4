// @ts-check
// Admin packs validated once per text, not in every frame that starts an
// engine. Validating a pack compiles each of its regexes to check them:
// for a big pack that is tens of milliseconds in one task, on every page.
// What a validation counted (`Engine.validated()`) is kept in
// chrome.storage.local under the text's SHA-256, for this version of
// Carelint; an engine handed it back with the same text skips the work
// (`Pack::from_checked_json`). Only the extension reads or writes it, and
// a record that is wrong at worst leaves a regex that never matches.
// When storage or hashing is missing (the extension reloaded under the
// page), packs are simply validated as before.

/** The storage key (not a setting: settings.js ignores it). */
const KEY = 'packChecks';

/**
 * @typedef {{ json: string, origin: string }} PackText
 * @typedef {PackText & { regexBytes?: number }} PackSource
 * @typedef {{ version: string, byHash: Record<string, number> }} Stored
 */

/**
 * The packs, each with what an earlier validation of its text counted
 * where one is recorded, and `record` for what the engine built from them
 * validated (`engine.validated()`, in the same order). Records of packs no
 * longer in use are dropped then.
 * @param {PackText[]} packs
 * @returns {Promise<{ sources: PackSource[], record: (validated: Array<number | null>) => void }>}
 */
export async function withChecks(packs) {
  const plain = packs.map(({ json, origin }) => ({ json, origin }));
  if (!packs.length) return { sources: plain, record: () => {} };
  try {
    const version = chrome.runtime.getManifest().version;
    const [hashes, stored] = await Promise.all([
      Promise.all(packs.map((p) => sha256(p.json))),
      chrome.storage.local.get(KEY).then((items) => /** @type {Stored | undefined} */ (items[KEY])),
    ]);
    const known = stored?.version === version ? stored.byHash : {};
    /** @type {PackSource[]} */
    const sources = plain.map((p, i) => (typeof known[hashes[i]] === 'number' ? { ...p, regexBytes: known[hashes[i]] } : p));
    const record = (/** @type {Array<number | null>} */ validated) => {
      /** @type {Record<string, number>} */
      const byHash = {};
      hashes.forEach((hash, i) => {
        const bytes = validated[i] ?? sources[i].regexBytes;
        if (typeof bytes === 'number') byHash[hash] = bytes;
      });
      const same = Object.keys(byHash).length === Object.keys(known).length
        && Object.entries(byHash).every(([hash, bytes]) => known[hash] === bytes);
      if (same) return;
      chrome.storage.local.set({ [KEY]: { version, byHash } }).catch(() => {
        // Not recorded: the next engine validates the pack again.
      });
    };
    return { sources, record };
  } catch {
    return { sources: plain, record: () => {} };
  }
}

/**
 * @param {string} text
 * @returns {Promise<string>} hex
 */
async function sha256(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
