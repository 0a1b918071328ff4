// @ts-check
// The Sites section: one switch per known helpdesk (off until the agent or
// the admin turns it on) and custom domains by match pattern. Turning a site
// on asks the browser for access to it (optional host permissions); the
// service worker then registers the content script (registration.js).
import { isMatchPattern } from '../policy.js';
import { loadSettings, updateSettings } from '../settings.js';
import { alwaysOnPatterns } from '../sites.js';
import { h, toggle } from './dom.js';

/**
 * @typedef {import('../policy.js').Merged} Merged
 * @typedef {import('../policy.js').Site} Site
 */

const siteList = /** @type {HTMLElement} */ (document.getElementById('site-list'));
const customList = /** @type {HTMLElement} */ (document.getElementById('custom-list'));
const form = /** @type {HTMLFormElement} */ (document.getElementById('custom-form'));
const patternInput = /** @type {HTMLInputElement} */ (document.getElementById('custom-pattern'));
const likeSelect = /** @type {HTMLSelectElement} */ (document.getElementById('custom-like'));
const errorEl = /** @type {HTMLElement} */ (document.getElementById('custom-error'));

/** @type {Site[]} */
let known = [];

/**
 * Wires the custom-domain form; call once.
 * @param {Site[]} builtin
 */
export function initSites(builtin) {
  const local = alwaysOnPatterns();
  // The demo adapter covers the always-on local pages: no switch for it.
  known = builtin.filter((s) => !s.matches.every((m) => local.includes(m)));
  likeSelect.append(...known.map((s) => h('option', { value: s.id }, s.name)));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    addCustom();
  });
}

/**
 * @param {Merged} merged
 * @returns {Promise<() => void>} puts the section on the page (after the
 *   permission checks, so the page changes in one step)
 */
export async function renderSites(merged) {
  const { settings, policy, locked } = merged;
  const fromPolicy = new Set(policy.enabledSites ?? []);
  const siteRows = await Promise.all(known.map(async (site) => {
    const on = settings.enabledSites.includes(site.id);
    return h('li', { 'data-site-row': site.id },
      toggle(site.name, { 'data-site': site.id, checked: on, disabled: locked.sites || fromPolicy.has(site.id) }, (want, input) => switchSite(site, want, input)),
      site.verified ? null : h('span', { class: 'tag', title: site.notes ?? '' }, 'selectors unverified'),
      fromPolicy.has(site.id) ? h('span', { class: 'tag policy' }, 'turned on by your administrator') : null,
      on ? await grantButton(site) : null);
  }));
  const policyIds = new Set((policy.customSites ?? []).map((s) => s.id));
  const customRows = await Promise.all(settings.customSites.map(async (site) => {
    const byPolicy = policyIds.has(site.id);
    return h('li', { 'data-custom': site.id },
      h('span', { class: 'name' }, site.name),
      h('code', {}, site.matches.join(', ')),
      byPolicy
        ? h('span', { class: 'tag policy' }, 'from your administrator')
        : removeButton(site, locked.sites),
      await grantButton(site));
  }));
  return () => {
    siteList.replaceChildren(...siteRows);
    customList.replaceChildren(...customRows);
    for (const el of form.elements) /** @type {HTMLInputElement} */ (el).disabled = locked.sites;
  };
}

/**
 * "Allow access" for an enabled site the browser has not granted yet: an
 * admin's site, or one turned on in another browser of the agent's.
 * @param {Site} site
 */
async function grantButton(site) {
  if (await chrome.permissions.contains({ origins: site.matches })) return null;
  const button = h('button', { type: 'button', 'data-grant': site.id }, 'Allow access');
  button.addEventListener('click', () => {
    chrome.permissions.request({ origins: site.matches }).then((granted) => {
      if (granted) button.remove();
    }, showError);
  });
  return h('span', { class: 'needs' }, 'Needs access to this site. ', button);
}

/**
 * @param {Site} site
 * @param {boolean} on
 * @param {HTMLInputElement} input
 */
function switchSite(site, on, input) {
  // permissions.request needs this click's user gesture: ask before anything else.
  const asked = on ? chrome.permissions.request({ origins: site.matches }) : Promise.resolve(true);
  asked.then(async (granted) => {
    if (!granted) {
      input.checked = false;
      return;
    }
    const own = (await loadSettings()).user.enabledSites ?? [];
    await updateSettings({ enabledSites: on ? [...own, site.id] : own.filter((id) => id !== site.id) });
  }).catch((error) => {
    input.checked = !on;
    showError(error);
  });
}

function addCustom() {
  errorEl.textContent = '';
  const pattern = patternInput.value.trim();
  if (!isMatchPattern(pattern)) {
    errorEl.textContent = `"${pattern}" is not a match pattern: write scheme://host/path, for example https://support.example.com/*`;
    return;
  }
  const like = known.find((s) => s.id === likeSelect.value);
  chrome.permissions.request({ origins: [pattern] }).then(async (granted) => {
    if (!granted) {
      errorEl.textContent = 'The browser did not grant access to that site.';
      return;
    }
    const own = (await loadSettings()).user.customSites ?? [];
    const host = pattern.split('/')[2];
    /** @type {Site} */
    const site = { id: uniqueId(host, own), name: host, matches: [pattern] };
    if (like?.selectors) site.selectors = like.selectors;
    if (like?.customer_name_title) site.customer_name_title = like.customer_name_title;
    if (like?.send_shortcut) site.send_shortcut = like.send_shortcut;
    await updateSettings({ customSites: [...own, site] });
    patternInput.value = '';
  }).catch(showError);
}

/**
 * @param {Site} site
 * @param {boolean} disabled
 */
function removeButton(site, disabled) {
  const button = h('button', { type: 'button', 'data-remove-custom': site.id, disabled }, 'Remove');
  button.addEventListener('click', async () => {
    const own = (await loadSettings()).user.customSites ?? [];
    await updateSettings({ customSites: own.filter((s) => s.id !== site.id) }).catch(showError);
  });
  return button;
}

/**
 * @param {string} host
 * @param {Site[]} taken
 */
function uniqueId(host, taken) {
  const base = `custom-${host.replace(/^\*\./, '').replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}`.slice(0, 56);
  let id = base;
  for (let n = 2; taken.some((s) => s.id === id); n++) id = `${base}-${n}`;
  return id;
}

/** @param {unknown} error */
function showError(error) {
  errorEl.textContent = `Could not change the sites: ${error instanceof Error ? error.message : String(error)}`;
}
