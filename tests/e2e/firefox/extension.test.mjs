// Where Firefox's rules differ from Chromium's, end to end in headless
// firefox-esr with dist/extension-firefox:
// - content scripts are not bound by the page's CSP: on the strict-CSP demo
//   page the engine runs in the content script (the popup says which path
//   the page uses), where Chromium falls back to the service worker;
// - host access: Firefox 153 grants the manifest's host_permissions at
//   install (temporary and installed add-ons alike), but the user can take
//   it back per site: then the popup says why and asks, and a grant holds;
// - the popup's per-site switch on a site that is not a local page asks
//   for that origin, starts Carelint in the open tab, and turns it off.
//   ./build.sh build && node --test tests/e2e/firefox/extension.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { launch } from './harness.mjs';
import { focusReply, type } from '../agent.mjs';
import { until } from '../extension-pages.mjs';

const PHRASE = 'Thank you for your patience.';
/** A site that is not a local page: its own loopback address, so not always on. */
const OTHER_HOST = '127.0.0.2';

/** What <carelint-ui> shows in a page. */
const ui = (page) => page.evaluate(() => {
  const root = document.querySelector('carelint-ui')?.shadowRoot;
  return { host: !!root, hints: [...(root?.querySelectorAll('[data-carelint-hint]') ?? [])].map((el) => el.dataset.carelintHint) };
});

/** The popup for `page`'s tab, after a click on the toolbar button (activeTab), as a page of its own. */
async function openPopup(h, page) {
  const url = await page.url();
  await h.clickAction(page);
  const ext = await h.openExtensionPage('options/options.html');
  const tabId = await until(() => ext.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url),
    (id) => id !== undefined, `the add-on sees the tab of ${url} (activeTab)`);
  await ext.close();
  return h.openExtensionPage(`popup/popup.html?tab=${tabId}`);
}

const popupText = (popup) => popup.evaluate(() => ({
  status: document.getElementById('status').textContent,
  access: document.getElementById('access').hidden ? null : document.getElementById('access').textContent.trim(),
  switchOn: document.getElementById('site-switch').checked,
}));

/** Clicks an element of an ordinary page or add-on page, as the agent would. */
async function clickOn(page, selector) {
  const r = await page.evaluate((sel) => {
    const b = document.querySelector(sel).getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  }, selector);
  await page.mouse.click(r.x, r.y);
}

/** Calls the add-on's own API from one of its pages. */
async function inAddon(h, fn, arg) {
  const ext = await h.openExtensionPage('options/options.html');
  try {
    return await ext.evaluate(fn, arg);
  } finally {
    await ext.close();
  }
}

describe('firefox: where its rules differ', () => {
  let h;
  let other;
  before(async () => {
    // 127.0.0.2 is loopback too: it goes direct, not through the proxy.
    h = await launch({ prefs: { 'network.proxy.no_proxies_on': OTHER_HOST } });
    other = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket</title></head>' +
        '<body><textarea id="reply" style="width:420px;height:100px"></textarea></body></html>');
    });
    await new Promise((ok) => other.listen(0, OTHER_HOST, ok));
  });
  after(async () => {
    await h?.close();
    await new Promise((ok) => other?.close(ok));
  });

  it('runs the engine in the content script on a page whose CSP forbids wasm', async () => {
    const page = await h.openDemo('strict-csp');
    const csp = await (await fetch(`${h.baseUrl}/demo/strict-csp.html`)).headers.get('content-security-policy');
    assert.equal(csp, "script-src 'self'", 'set-up: the page is served with a CSP that forbids wasm in the page');
    await focusReply(page);
    await type(page, `Hi Maria,\n${PHRASE}`);
    await until(() => ui(page), (u) => u.hints.includes('robotic/thank-you-for-patience'), 'the hint shows', 30_000);
    const popup = await openPopup(h, page);
    const { status } = await until(() => popupText(popup), (p) => /Checked/.test(p.status), 'the popup says where the engine runs');
    assert.match(status, /Checked in this page\./, 'Firefox runs the engine in the content script, not the background');
    await popup.close();
    await page.close();
  });

  it('without host access the popup says why and asks; once given, Carelint runs on the site', async () => {
    await h.setHostAccess(['http://127.0.0.1/*'], false);
    try {
      const page = await h.openDemo('textarea');
      await focusReply(page);
      await type(page, PHRASE);
      // localhost keeps its access: time enough for a hint here, had Carelint run.
      const control = await h.newPage(`${h.baseUrl.replace('127.0.0.1', 'localhost')}/demo/textarea.html`);
      await control.waitForFunction(() => !!(window.carelintDemo && window.carelintDemo.ready), null, { timeout: 15_000 });
      await focusReply(control);
      await type(control, PHRASE);
      await until(() => ui(control), (u) => u.hints.length > 0, 'the page that kept its access shows a hint', 30_000);
      await control.close();
      assert.deepEqual(await ui(page), { host: false, hints: [] }, 'nothing of Carelint runs without access');
      const popup = await openPopup(h, page);
      const asked = await until(() => popupText(popup), (p) => p.access !== null, 'the popup asks for access');
      assert.match(asked.access, /not given Carelint access to this site/);
      assert.match(asked.status, /waiting for access/);
      await clickOn(popup, '#access-button');
      await until(() => popupText(popup), (p) => p.access === null && /^On\./.test(p.status), 'the request is granted and the popup says on');
      await popup.close();
      await page.close();
      // A new visit, without the toolbar click's one-tab access: the grant holds.
      const next = await h.openDemo('textarea');
      await focusReply(next);
      await type(next, PHRASE);
      await until(() => ui(next), (u) => u.hints.includes('robotic/thank-you-for-patience'), 'Carelint runs on the site now', 30_000);
      await next.close();
    } finally {
      await h.setHostAccess(['http://127.0.0.1/*'], true);
    }
  });

  it('the popup switch turns a site on (asking for its origin) and off', async () => {
    const page = await h.newPage(`http://${OTHER_HOST}:${other.address().port}/ticket.html`);
    await page.click('#reply');
    await page.keyboard.type(PHRASE);
    const popup = await openPopup(h, page);
    const off = await until(() => popupText(popup), (p) => /Off on this site/.test(p.status), 'the popup says off');
    assert.equal(off.switchOn, false);
    await clickOn(popup, '#site-switch');
    await until(() => inAddon(h, async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id)),
      (ids) => ids.some((id) => id.startsWith('origin:')), 'the origin is registered');
    await page.click('#reply');
    await page.keyboard.type(` ${PHRASE}`);
    await until(() => ui(page), (u) => u.hints.includes('robotic/thank-you-for-patience'), 'Carelint runs in the open tab', 30_000);
    await clickOn(popup, '#site-switch');
    await until(() => ui(page), (u) => !u.host, 'turning it off removes everything at once');
    await popup.close();
    await page.close();
  });

  it('made no request that left the machine and logged no console error', () => {
    assert.deepEqual(h.foreignRequests, []);
    assert.deepEqual(h.consoleErrors(), []);
  });
});

/** The host access the add-on holds right after it is installed. */
async function originsAtInstall(installed) {
  const h = await launch({ installed });
  try {
    return await inAddon(h, async () => (await chrome.permissions.getAll()).origins);
  } finally {
    await h.close();
  }
}

describe('firefox: host access at install', () => {
  for (const installed of [false, true]) {
    it(`${installed ? 'an installed' : 'a temporary'} add-on holds its host_permissions (the local pages) from the start`, async () => {
      assert.deepEqual((await originsAtInstall(installed)).sort(), ['http://127.0.0.1/*', 'http://localhost/*']);
    });
  }
});
