// @ts-check
// The toolbar popup: the current site, whether Carelint runs there and how
// many hints it shows, and "Enable on this site" (asks for that origin, then
// registers the content script for it and starts it in the open tab).

/** Registered content scripts are named after the pattern they serve. */
const scriptId = (/** @type {string} */ pattern) => `site:${pattern}`;

const siteEl = /** @type {HTMLElement} */ (document.getElementById('site'));
const statusEl = /** @type {HTMLElement} */ (document.getElementById('status'));
const enableEl = /** @type {HTMLButtonElement} */ (document.getElementById('enable'));

const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
// activeTab lets the popup see the URL of the tab it was opened on.
const url = tab?.url ? new URL(tab.url) : null;

if (!tab?.id || !url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
  siteEl.textContent = 'This page';
  statusEl.textContent = 'Carelint checks replies on web pages (http and https) only.';
} else {
  const tabId = tab.id;
  // Match patterns leave out the port: a site is its scheme and host.
  const pattern = `${url.protocol}//${url.hostname}/*`;
  siteEl.textContent = url.host;
  if (await isEnabled(pattern)) {
    await showHints(tabId);
  } else {
    statusEl.textContent = 'Off on this site.';
    enableEl.hidden = false;
    enableEl.addEventListener('click', () => {
      // permissions.request needs the click's user gesture: call it first.
      chrome.permissions.request({ origins: [pattern] }).then(async (granted) => {
        if (!granted) return;
        const id = scriptId(pattern);
        const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [id] });
        if (!existing.length) await chrome.scripting.registerContentScripts([{
          id,
          matches: [pattern],
          js: ['content/loader.js'],
          runAt: 'document_idle',
          allFrames: true,
          matchOriginAsFallback: true,
          persistAcrossSessions: true,
        }]);
        await chrome.scripting.executeScript({ target: { tabId, allFrames: true }, files: ['content/loader.js'] });
        enableEl.hidden = true;
        statusEl.textContent = 'On. Click into a reply box to start.';
      }).catch((error) => {
        statusEl.textContent = `Could not enable Carelint here: ${error.message ?? error}`;
      });
    });
  }
}

/**
 * On for the demo and test pages (the manifest's own matches), or for a site
 * the agent enabled (granted origin plus a registered script).
 * @param {string} pattern
 */
async function isEnabled(pattern) {
  const declared = (chrome.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []);
  if (declared.includes(pattern)) return true;
  const [granted, registered] = await Promise.all([
    chrome.permissions.contains({ origins: [pattern] }),
    chrome.scripting.getRegisteredContentScripts({ ids: [scriptId(pattern)] }),
  ]);
  return granted && registered.length > 0;
}

/** @param {number} tabId */
async function showHints(tabId) {
  /** @type {{ hints: number } | undefined} */
  let reply;
  try {
    reply = await chrome.tabs.sendMessage(tabId, { type: 'status' });
  } catch {
    reply = undefined; // no content script answered: no reply box watched yet
  }
  statusEl.textContent = reply
    ? `On. ${reply.hints === 1 ? '1 hint' : `${reply.hints} hints`} in the reply you are writing.`
    : 'On. Click into a reply box to start.';
}
