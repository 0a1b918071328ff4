// @ts-check
// Keeps Chrome's registered content scripts equal to what settings ask for
// (sites.js `registrations`): one script per enabled helpdesk, custom site or
// origin, persisted across browser restarts, so a site that is off runs
// nothing of ours. The service worker is the only caller, on start and on
// every settings or permission change, so two syncs never race.
//
// A registration takes effect only where the extension has host access
// (optional_host_permissions): the popup and options page ask for it when
// the agent turns a site on. An admin's site waits for that grant, which
// the options page offers.
import { matchesUrl, registrations } from './sites.js';

/**
 * @typedef {import('./sites.js').Registration} Registration
 * @typedef {import('./policy.js').Merged} Merged
 * @typedef {import('./policy.js').Site} Site
 */

const LOADER = 'content/loader.js';

/**
 * Registers what is missing or changed, unregisters what settings no longer
 * ask for, and starts Carelint in open tabs of sites that just turned on
 * (their pages would otherwise wait for a reload).
 * @param {Merged} merged
 * @param {Site[]} builtin
 */
export async function syncRegistrations(merged, builtin) {
  const want = new Map(registrations(merged, builtin).map((r) => [r.id, r]));
  const have = new Map((await chrome.scripting.getRegisteredContentScripts()).map((s) => [s.id, s]));
  const stale = [...have.values()].filter((s) => !sameScript(s, want.get(s.id))).map((s) => s.id);
  if (stale.length) await chrome.scripting.unregisterContentScripts({ ids: stale });
  /** @type {Registration[]} */
  const added = [];
  for (const r of want.values()) {
    if (have.has(r.id) && !stale.includes(r.id)) continue;
    try {
      await chrome.scripting.registerContentScripts([script(r)]);
      added.push(r);
    } catch (error) {
      // One malformed custom pattern must not keep the other sites off.
      console.warn(`Carelint could not register ${r.id}:`, error);
    }
  }
  await startInOpenTabs(added);
}

/**
 * Injects the content script into open tabs that `regs` cover and that the
 * extension may access; the loader starts Carelint once per frame.
 * @param {Registration[]} regs
 */
export async function startInOpenTabs(regs) {
  for (const r of regs) {
    // Without host access the query leaves those tabs out.
    const tabs = await chrome.tabs.query({ url: r.matches });
    for (const tab of tabs) {
      if (tab.id === undefined || (tab.url && matchesUrl(r.excludeMatches, tab.url))) continue;
      await chrome.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: [LOADER] }).catch(() => {
        // The tab navigated away or is an error page: its next load gets the registered script.
      });
    }
  }
}

/**
 * @param {Registration} r
 * @returns {chrome.scripting.RegisteredContentScript}
 */
function script(r) {
  return {
    id: r.id,
    matches: r.matches,
    ...(r.excludeMatches.length ? { excludeMatches: r.excludeMatches } : {}),
    js: [LOADER],
    runAt: 'document_idle',
    allFrames: true,
    // Editors in about:blank or srcdoc frames; Chrome allows it only for
    // patterns whose path is a wildcard.
    matchOriginAsFallback: r.matches.every((m) => m.endsWith('/*') && m.indexOf('/', m.indexOf('://') + 3) === m.length - 2),
    persistAcrossSessions: true,
  };
}

/**
 * @param {chrome.scripting.RegisteredContentScript} s
 * @param {Registration | undefined} r
 */
function sameScript(s, r) {
  return !!r && same(s.matches ?? [], r.matches) && same(s.excludeMatches ?? [], r.excludeMatches);
}

/**
 * @param {string[]} a
 * @param {string[]} b
 */
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
