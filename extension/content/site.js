// @ts-check
// This page as the settings see it: whether Carelint is on here (the same
// answer the popup gives, sites.js), the helpdesk adapter that describes
// the page, and which fields are its reply and internal-note editors.
// Selectors can be wrong (a helpdesk changes its pages): every eligible
// field is still checked (generic mode) but internal notes.

import { alwaysOnPatterns, loadBuiltinSites, siteStatus } from '../sites.js';

/**
 * @typedef {import('../policy.js').Merged} Merged
 * @typedef {import('../policy.js').Site} Site
 */

/**
 * The address that decides: the top page's when this frame may read it (an
 * editor in an about:blank or same-origin frame belongs to the helpdesk
 * page around it), else this frame's own.
 */
function pageUrl() {
  try {
    return window.top?.location.href ?? location.href;
  } catch {
    return location.href; // a cross-origin frame
  }
}

/**
 * @param {Merged} merged
 * @returns {Promise<{ on: boolean, adapter: Site | null }>}
 */
export async function thisSite(merged) {
  const status = siteStatus(pageUrl(), merged, await loadBuiltinSites(), alwaysOnPatterns());
  return { on: !!status?.on, adapter: status?.adapter ?? null };
}

/**
 * Whether `field` is the adapter's internal-note editor (or inside it).
 * @param {Element} field
 * @param {Site | null} adapter
 */
export const isInternalNote = (field, adapter) => within(field, adapter?.selectors?.internal_note);

/**
 * Whether `field` is the adapter's public reply editor (or inside it).
 * @param {Element} field
 * @param {Site | null} adapter
 */
export const isReply = (field, adapter) => within(field, adapter?.selectors?.reply);

/**
 * Whether `el` or an ancestor matches `selector`, looking through shadow
 * roots.
 * @param {Element} el
 * @param {string | undefined} selector
 */
function within(el, selector) {
  if (!selector) return false;
  for (let node = /** @type {Element | null} */ (el); node;) {
    try {
      if (node.closest(selector)) return true;
    } catch {
      return false; // a selector this browser cannot parse
    }
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return false;
}
