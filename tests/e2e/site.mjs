// Shared by the site's e2e files (www*.test.mjs): open a page of dist/www,
// run a test body on it, then hold the page to the site's promises.
import assert from 'node:assert/strict';

/**
 * Opens `path` of the site (after `ready`, a selector, shows when given),
 * runs `body`, then checks that nothing was logged as an error and every
 * request went to the site's own server.
 * @param {Awaited<ReturnType<typeof import('./harness.mjs').launch>>} h
 * @param {string} path
 * @param {(page: import('playwright-core').Page) => Promise<void>} body
 * @param {{ ready?: string }} [options]
 */
export async function onSite(h, path, body, { ready } = {}) {
  const mark = h.mark();
  const seen = h.requests.length;
  const page = await h.context.newPage();
  try {
    await page.goto(`${h.baseUrl}${path}`, { waitUntil: 'load' });
    if (ready) await page.waitForSelector(ready, { timeout: 20_000 });
    await body(page);
  } finally {
    await page.close();
  }
  const { consoleErrors, foreignRequests } = h.since(mark);
  assert.deepEqual(consoleErrors, [], 'no console errors');
  assert.deepEqual(foreignRequests, [], 'no request leaves the machine');
  // Chromium's own background services (autofill) are the browser's, not the page's: see harness.mjs.
  const elsewhere = h.requests.slice(seen).filter((r) => !h.browserRequests.includes(r)
    && !r.url.startsWith(`${h.baseUrl}/`) && !/^(data|blob|about):/.test(r.url));
  assert.deepEqual(elsewhere, [], 'every request the page makes goes to the site itself');
}
