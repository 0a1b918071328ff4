// Helpers for the end-to-end tests of issue 4 (sites, options, policy,
// nudge, statistics): the extension's own pages, host access, settings
// and what <carelint-ui> shows. Used with a browser from harness.mjs.
import assert from 'node:assert/strict';

export const TIMEOUT = 10_000;

/**
 * Polls `read` until `check` holds; the failure message shows the last value.
 * @template T
 * @param {() => Promise<T>} read
 * @param {(value: T) => boolean} check
 * @param {string} what
 */
export async function until(read, check, what, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What <carelint-ui> shows in a page: hint boxes, badges, popover, nudge. */
export function ui(page) {
  return page.evaluate(() => {
    const root = document.querySelector('carelint-ui')?.shadowRoot;
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const all = (sel) => (root ? [...root.querySelectorAll(sel)].filter(visible) : []);
    return {
      host: !!document.querySelector('carelint-ui'),
      hints: all('[data-carelint-hint]').map((el) => el.dataset.carelintHint),
      badges: all('[data-carelint-badge]').map((el) => Number(el.dataset.count)),
      popover: all('[data-carelint-popover]').map((el) => ({
        text: el.textContent,
        suggestions: [...el.querySelectorAll('[data-carelint-suggestion]')].map((b) => b.dataset.carelintSuggestion),
      }))[0] ?? null,
      nudge: all('[data-carelint-nudge]').map((el) => el.textContent)[0] ?? null,
    };
  });
}

/** Clicks an element inside the <carelint-ui> shadow root, as the agent would. */
export async function clickUi(page, selector) {
  const box = await page.evaluate((sel) => {
    const el = document.querySelector('carelint-ui')?.shadowRoot?.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, selector);
  assert.ok(box, `${selector} is in <carelint-ui>`);
  await page.mouse.click(box.x, box.y);
}

/** The options page, rendered. */
export async function openOptions(h) {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/options/options.html`);
  await page.waitForSelector('html[data-ready]', { timeout: TIMEOUT });
  return page;
}

/**
 * Grants host access the way an agent does on chrome://extensions (the
 * extension's "Site access": add a site). The extension's own
 * permissions.request for it then resolves at once, instead of showing the
 * prompt that a headless browser cannot answer; the request itself still
 * runs, from the click in the popup or options page.
 */
export async function grantHost(h, pattern) {
  const page = await h.context.newPage();
  try {
    await page.goto(`chrome://extensions/?id=${h.extensionId}`);
    await page.evaluate(([id, p]) => chrome.developerPrivate.addHostPermission(id, p), [h.extensionId, pattern]);
  } finally {
    await page.close();
  }
}

/**
 * Clicks the toolbar button for `page`'s tab (CDP Extensions.triggerAction),
 * which grants activeTab there as a real click does, then opens the popup
 * for that tab as a page of its own (popup.html?tab=<id>) that the test can
 * drive; the popup the click opened is closed.
 */
export async function openPopup(h, page) {
  await page.bringToFront();
  const cdp = await h.context.browser().newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const target = targetInfos.find((t) => t.url === page.url());
    assert.ok(target, `a tab target for ${page.url()}`);
    await cdp.send('Extensions.triggerAction', { id: h.extensionId, targetId: target.targetId });
    const popupUrl = `chrome-extension://${h.extensionId}/popup/popup.html`;
    const opened = await until(async () => (await cdp.send('Target.getTargets')).targetInfos.filter((t) => t.url === popupUrl),
      (list) => list.length > 0, 'the toolbar popup opened');
    for (const t of opened) await cdp.send('Target.closeTarget', { targetId: t.targetId });
  } finally {
    await cdp.detach();
  }
  const tabId = await h.serviceWorker.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id, page.url());
  assert.ok(tabId, 'the extension sees the tab (activeTab)');
  const popup = await h.context.newPage();
  await popup.goto(`chrome-extension://${h.extensionId}/popup/popup.html?tab=${tabId}`);
  await popup.waitForSelector('html[data-ready]', { timeout: TIMEOUT });
  return popup;
}

/** The agent's settings, written where settings.js keeps them. */
export function setUserSettings(h, values) {
  return h.serviceWorker.evaluate((v) => chrome.storage.sync.set(v), values);
}

/** Registered content script ids. */
export function registered(h) {
  return h.serviceWorker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id));
}

/** Serves `pages` ({path: html}) for `origin` (any host name) through Playwright, without DNS or network. */
export async function serveFixtures(h, origin, pages) {
  await h.context.route(`${origin}/**`, (route) => {
    const body = pages[new URL(route.request().url()).pathname];
    return body ? route.fulfill({ contentType: 'text/html', body }) : route.fulfill({ status: 404, body: 'no fixture' });
  });
}

/**
 * Waits two animation frames: keystrokes typed in one frame are read in the
 * next (content/main.js batches per frame), and a shortcut pressed before
 * that finds the reply changing under it.
 */
export function settled(page) {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}
