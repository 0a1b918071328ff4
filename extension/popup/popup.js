// @ts-check
// The toolbar popup: the current site and one switch, on or off for this
// site (by origin). On asks the browser for access to the origin (optional
// host permissions) and saves the choice; the service worker then registers
// the content script for it and starts it in the open tab
// (registration.js). Off saves the choice; the worker unregisters the
// script and the page's content script removes everything it showed.
// For an enabled site: hints in the reply being written, the packs in use.
//
// The toolbar opens it for the active tab; `?tab=<id>` names the tab
// instead (the end-to-end tests open the popup as a page).
import { createEngine } from '../lint-engine.js';
import { loadSettings, onSettingsChanged, updateSettings } from '../settings.js';
import { alwaysOnPatterns, loadBuiltinSites, siteStatus, switchOrigin } from '../sites.js';

/** @typedef {import('../policy.js').Merged} Merged */

const siteEl = /** @type {HTMLElement} */ (document.getElementById('site'));
const switchRow = /** @type {HTMLElement} */ (document.getElementById('switch-row'));
const switchEl = /** @type {HTMLInputElement} */ (document.getElementById('site-switch'));
const noteEl = /** @type {HTMLElement} */ (document.getElementById('site-note'));
const statusEl = /** @type {HTMLElement} */ (document.getElementById('status'));
const packsEl = /** @type {HTMLElement} */ (document.getElementById('packs'));
const accessEl = /** @type {HTMLElement} */ (document.getElementById('access'));
const accessButton = /** @type {HTMLButtonElement} */ (document.getElementById('access-button'));

/** Where the page's engine runs (content/engine-client.js): a slow first hint is explained by the second. */
const ENGINE_PLACES = {
  page: 'Checked in this page.',
  worker: 'Checked in Carelint\'s background: this site\'s security policy does not let it run in the page.',
};

const NOTES = {
  local: 'Always on for local pages (127.0.0.1 and localhost).',
  policy: 'Turned on by your administrator.',
  locked: 'Sites are locked by your administrator.',
};

const named = Number(new URLSearchParams(location.search).get('tab'));
// activeTab lets the popup see the URL of the tab it was opened on.
const tab = named ? await chrome.tabs.get(named) : (await chrome.tabs.query({ active: true, currentWindow: true }))[0];
const url = tab?.url ?? '';
const builtin = await loadBuiltinSites();

/** @type {Merged} */
let merged = await loadSettings();

/*
 * Listeners first, then the first render: a change while rendering must
 * render again.
 */
switchEl.addEventListener('change', () => {
  const on = switchEl.checked;
  const pattern = siteStatus(url, merged, builtin, alwaysOnPatterns())?.pattern;
  if (!pattern) return;
  // permissions.request needs this click's user gesture: ask before anything else.
  const asked = on ? chrome.permissions.request({ origins: [pattern] }) : Promise.resolve(true);
  asked.then(async (granted) => {
    if (!granted) {
      switchEl.checked = false;
      statusEl.textContent = 'The browser did not give Carelint access to this site.';
      return;
    }
    await updateSettings(switchOrigin(url, on, await loadSettings(), builtin));
  }).catch((error) => {
    switchEl.checked = !on;
    statusEl.textContent = `Could not change this site: ${error instanceof Error ? error.message : String(error)}`;
  });
});
// A site that is on but whose host access the browser does not give: in
// Firefox the user can take back any site's access (about:addons →
// Permissions), in Chromium restrict it ("Site access"); without it
// nothing of Carelint runs there.
accessButton.addEventListener('click', () => {
  const pattern = siteStatus(url, merged, builtin, alwaysOnPatterns())?.pattern;
  if (!pattern) return;
  // permissions.request needs this click's user gesture: ask before anything else.
  chrome.permissions.request({ origins: [pattern] }).then((granted) => {
    if (!granted) statusEl.textContent = 'The browser did not give Carelint access to this site.';
    // The worker starts Carelint in the open tabs (permissions.onAdded).
  }, (error) => {
    statusEl.textContent = `Could not ask for access: ${error instanceof Error ? error.message : String(error)}`;
  });
});
chrome.permissions.onAdded.addListener(() => render());
chrome.permissions.onRemoved.addListener(() => render());
/** @type {HTMLElement} */ (document.getElementById('options-link')).addEventListener('click', (event) => {
  event.preventDefault();
  chrome.runtime.openOptionsPage();
});
onSettingsChanged((_settings, next) => {
  merged = next;
  render();
});
await render();
document.documentElement.dataset.ready = 'true';

async function render() {
  const status = tab?.id !== undefined ? siteStatus(url, merged, builtin, alwaysOnPatterns()) : null;
  if (!status || tab?.id === undefined) {
    siteEl.textContent = 'This page';
    statusEl.textContent = 'Carelint checks replies on web pages (http and https) only.';
    return;
  }
  siteEl.textContent = new URL(url).host + (status.adapter && status.fixed !== 'local' ? ` · ${status.adapter.name}` : '');
  switchRow.hidden = false;
  switchEl.checked = status.on;
  switchEl.disabled = status.fixed !== null;
  noteEl.hidden = status.fixed === null;
  noteEl.textContent = status.fixed ? NOTES[status.fixed] : '';
  noteEl.toggleAttribute('data-locked', status.fixed === 'locked' || status.fixed === 'policy');
  packsEl.hidden = !status.on;
  accessEl.hidden = true;
  if (!status.on) {
    statusEl.textContent = 'Off on this site: nothing of Carelint runs here.';
    return;
  }
  if (!(await chrome.permissions.contains({ origins: [status.pattern] }))) {
    accessEl.hidden = false;
    packsEl.hidden = true;
    statusEl.textContent = 'On, but waiting for access to this site.';
    return;
  }
  const [reply, packs] = await Promise.all([pageStatus(tab.id), packNames()]);
  statusEl.textContent = reply === null
    ? 'On. Click into a reply box to start.'
    : `On. ${reply.hints === 1 ? '1 hint' : `${reply.hints} hints`} in the reply you are writing. ${reply.engine ? ENGINE_PLACES[reply.engine] : ''}`.trim();
  packsEl.textContent = `Packs: ${packs.join(', ')}.`;
}

/**
 * @param {number} tabId
 * @returns {Promise<{ hints: number, engine: 'page' | 'worker' | null } | null>} null when no reply box is watched yet
 */
async function pageStatus(tabId) {
  try {
    /** @type {{ hints: number, engine: 'page' | 'worker' | null } | undefined} */
    const reply = await chrome.tabs.sendMessage(tabId, { type: 'status' });
    return reply ?? null;
  } catch {
    return null; // no content script answered
  }
}

/** The packs the engine runs with these settings (a broken admin pack is not among them). */
async function packNames() {
  const engine = await createEngine(merged.settings);
  const names = engine.packs().map((p) => p.name);
  engine.free();
  return names;
}
