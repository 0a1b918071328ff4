// @ts-check
// Local statistics per rule: how often a hint was shown, accepted (a
// suggestion taken) and dismissed. Counts only: no text, no URLs, nothing
// that says where or what the agent wrote. They stay in
// chrome.storage.local (never sync) and leave the machine only when the
// agent exports the CSV from the options page.
//
// Content scripts in many tabs count at once, so they do not write storage
// themselves (two read-modify-writes would lose counts): they batch events
// and send them to the service worker, the one writer (`recordStats`).

/** @typedef {'shown' | 'accepted' | 'dismissed'} StatKind */
/** @typedef {{ shown: number, accepted: number, dismissed: number }} RuleStats */
/** @typedef {Record<string, RuleStats>} Stats */

const KEY = 'stats';
const KINDS = /** @type {const} */ (['shown', 'accepted', 'dismissed']);
/** A content script sends its counts at most this often. */
const FLUSH_MS = 500;
/** Most events in one message; the worker ignores a message with more. */
export const MAX_EVENTS = 200;

/** @returns {Promise<Stats>} */
export async function readStats() {
  const { [KEY]: stats } = await chrome.storage.local.get(KEY);
  return stats && typeof stats === 'object' ? /** @type {Stats} */ (stats) : {};
}

export function clearStats() {
  return chrome.storage.local.remove(KEY);
}

/** @param {(stats: Stats) => void} listener */
export function onStatsChanged(listener) {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && KEY in changes) listener(/** @type {Stats} */ (changes[KEY].newValue ?? {}));
  });
}

/** @type {Promise<unknown>} */
let writing = Promise.resolve();

/**
 * Adds counts (service worker only). Writes are chained so that counts sent
 * together from several tabs all land. A message is bounded and names only
 * rules the engine has, so whatever drives a content script cannot grow the
 * statistics without end.
 * @param {unknown} events `[{rule, kind}]` from a content script, at most
 *   MAX_EVENTS; anything else is ignored
 * @param {Set<string>} rules the full ids of the rules loaded
 */
export function recordStats(events, rules) {
  const valid = Array.isArray(events) && events.length <= MAX_EVENTS ? events.filter((e) => isEvent(e, rules)) : [];
  if (!valid.length) return writing;
  writing = writing.then(async () => {
    const stats = await readStats();
    for (const { rule, kind } of valid) {
      stats[rule] ??= { shown: 0, accepted: 0, dismissed: 0 };
      stats[rule][kind]++;
    }
    await chrome.storage.local.set({ [KEY]: stats });
  }).catch(() => {
    // Storage is gone (the extension is being removed): counts are best effort.
  });
  return writing;
}

/**
 * @param {unknown} e
 * @param {Set<string>} rules
 * @returns {e is { rule: string, kind: StatKind }}
 */
function isEvent(e, rules) {
  if (!e || typeof e !== 'object') return false;
  const { rule, kind } = /** @type {Record<string, unknown>} */ (e);
  return typeof rule === 'string' && rules.has(rule) && KINDS.includes(/** @type {StatKind} */ (kind));
}

/** @type {Array<{ rule: string, kind: StatKind }>} */
let pending = [];
let timer = 0;

/**
 * Counts one event (content script); sent to the service worker in batches.
 * @param {string} rule full rule id
 * @param {StatKind} kind
 */
export function countStat(rule, kind) {
  pending.push({ rule, kind });
  if (!timer) timer = setTimeout(flush, FLUSH_MS);
}

function flush() {
  timer = 0;
  const events = pending;
  pending = [];
  // A long reply pasted at once shows more hints than one message takes.
  for (let i = 0; i < events.length; i += MAX_EVENTS) {
    chrome.runtime.sendMessage({ type: 'stats', events: events.slice(i, i + MAX_EVENTS) }).catch(() => {
      // The extension was reloaded under this page: these counts are lost.
    });
  }
}

/**
 * CSV for spreadsheets: one row per rule, most shown first.
 * @param {Stats} stats
 */
export function statsCsv(stats) {
  const rows = Object.entries(stats).sort((a, b) => b[1].shown - a[1].shown || a[0].localeCompare(b[0]));
  // Rule ids are [a-z0-9-] and a slash (packs/schema.json): no cell needs quoting.
  const lines = ['rule,shown,accepted,dismissed', ...rows.map(([rule, s]) => [rule, s.shown, s.accepted, s.dismissed].join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
