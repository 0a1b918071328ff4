// Where Carelint runs (issue 4): the toolbar popup's per-site switch on a
// site that is not a local page (host access asked for and granted,
// content script registered and started in the open tab, turned off at
// once), the registration surviving a browser restart with the same
// profile, the built-in adapters bundled by the build, and what an
// adapter tells the content script: names for suggestions and internal
// notes left alone unless the team turns them on.
//   ./build.sh build && node --test tests/e2e/sites.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, launch } from './harness.mjs';
import { clickUi, grantHost, openOptions, openPopup, registered, serveFixtures, setUserSettings, settled, ui, until } from './extension-pages.mjs';

const SITE = 'http://help.acme.test';
const PATTERN = `${SITE}/*`;
const PHRASE = 'Thank you for your patience.';

const ticket = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body { font: 16px/1.5 "Liberation Sans", Arial, sans-serif; margin: 20px; } textarea { display: block; width: 420px; height: 100px; margin: 0 0 12px; }</style>
</head><body>${body}</body></html>`;

describe('the per-site switch', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'carelint-sites-'));
  let h;
  before(async () => {
    h = await launch({ workDir });
    await serveFixtures(h, SITE, { '/ticket.html': ticket('Ticket', '<textarea id="reply"></textarea>') });
  });
  after(async () => {
    await h?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** Types the phrase into the fixture's reply box. */
  async function typePhrase(page) {
    await page.click('#reply');
    await page.fill('#reply', '');
    await page.keyboard.type(PHRASE);
  }

  it('runs nothing on a site that is off', async () => {
    const page = await h.context.newPage();
    await page.goto(`${SITE}/ticket.html`);
    await typePhrase(page);
    // The local demo page gets its hint meanwhile: time enough for ours to show, had it run.
    const demo = await h.openDemo('textarea');
    await demo.click('#reply');
    await demo.keyboard.type(PHRASE);
    await until(() => ui(demo), (u) => u.hints.length > 0, 'the demo page shows a hint');
    await demo.close();
    assert.deepEqual(await ui(page), { host: false, hints: [], badges: [], popover: null, nudge: null });
    assert.deepEqual(await registered(h), []);
    await page.close();
  });

  it('turns on from the popup: asks for the origin, registers, starts in the open tab', async () => {
    const page = await h.context.newPage();
    await page.goto(`${SITE}/ticket.html`);
    const popup = await openPopup(h, page);
    assert.equal(await popup.textContent('#site'), 'help.acme.test');
    assert.equal(await popup.isChecked('#site-switch'), false);
    assert.equal(await popup.isDisabled('#site-switch'), false);
    assert.match(await popup.textContent('#status'), /Off on this site/);

    await grantHost(h, PATTERN);
    await popup.click('#site-switch');
    await until(() => registered(h), (ids) => ids.includes(`origin:${PATTERN}`), 'the content script is registered');
    assert.ok(await h.serviceWorker.evaluate((p) => chrome.permissions.contains({ origins: [p] }), PATTERN), 'host access granted');

    // No reload: the worker started Carelint in the open tab.
    await typePhrase(page);
    await until(() => ui(page), (u) => u.hints.includes('robotic/thank-you-for-patience'), 'the open tab shows the hint');
    // The popup asks the tab for its count when it opens.
    await popup.reload();
    await popup.waitForSelector('html[data-ready]');
    assert.equal(await popup.isChecked('#site-switch'), true);
    assert.match(await popup.textContent('#status'), /On\. 1 hint in the reply/);
    assert.match(await popup.textContent('#packs'), /Robotic stock phrases/);
    await popup.close();
    await page.close();
  });

  it('turns off from the popup: unregisters and removes the highlights at once', async () => {
    const page = await h.context.newPage();
    await page.goto(`${SITE}/ticket.html`);
    await typePhrase(page);
    await until(() => ui(page), (u) => u.hints.length === 1 && u.badges[0] === 1, 'the hint shows');
    const popup = await openPopup(h, page);
    assert.equal(await popup.isChecked('#site-switch'), true);
    await popup.click('#site-switch');
    await until(() => ui(page), (u) => !u.host, 'everything Carelint showed is gone');
    await until(() => registered(h), (ids) => ids.length === 0, 'the content script is unregistered');
    // Typing on: nothing comes back.
    await page.keyboard.type(' Thank you for your patience.');
    await until(() => popup.textContent('#status'), (t) => /Off on this site/.test(t), 'the popup says off');
    assert.equal((await ui(page)).host, false);

    // On again for the restart test.
    await popup.click('#site-switch');
    await until(() => registered(h), (ids) => ids.includes(`origin:${PATTERN}`), 'registered again');
    await popup.close();
    await page.close();
  });

  it('turns a known helpdesk and a custom domain on and off from the options page', async () => {
    const options = await openOptions(h);
    await grantHost(h, 'https://*.zendesk.com/*');
    await options.click('[data-site="zendesk"]');
    await until(() => registered(h), (ids) => ids.includes('site:zendesk'), 'Zendesk is registered');
    assert.deepEqual(await h.serviceWorker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts({ ids: ['site:zendesk'] }))[0].matches),
      ['https://*.zendesk.com/*']);

    await grantHost(h, 'http://desk.example.test/*');
    await options.fill('#custom-pattern', 'not a pattern');
    await options.click('#custom-form button[type="submit"]');
    assert.match(await options.textContent('#custom-error'), /is not a match pattern/);
    await options.fill('#custom-pattern', 'http://desk.example.test/*');
    await options.selectOption('#custom-like', 'zammad');
    await options.click('#custom-form button[type="submit"]');
    const id = 'custom-desk-example-test';
    await until(() => registered(h), (ids) => ids.includes(`custom:${id}`), 'the custom domain is registered');
    const stored = await h.serviceWorker.evaluate(async () => (await chrome.storage.sync.get('customSites')).customSites);
    const zammad = JSON.parse(readFileSync(new URL('../../extension/sites/zammad.json', import.meta.url), 'utf8'));
    assert.deepEqual(stored, [{ id, name: 'desk.example.test', matches: ['http://desk.example.test/*'], selectors: zammad.selectors }]);

    await options.click(`[data-remove-custom="${id}"]`);
    await options.click('[data-site="zendesk"]');
    await until(() => registered(h), (ids) => !ids.includes(`custom:${id}`) && !ids.includes('site:zendesk'), 'both are unregistered');
    await options.close();
  });

  it('keeps the site on across a browser restart with the same profile', async () => {
    await h.close();
    h = await launch({ workDir });
    await serveFixtures(h, SITE, { '/ticket.html': ticket('Ticket', '<textarea id="reply"></textarea>') });
    // Chromium drops dynamic registrations of an extension it loads anew
    // (an update; an unpacked extension at every start): the worker
    // registers again from the settings in the profile.
    await until(() => registered(h), (ids) => ids.length === 1 && ids[0] === `origin:${PATTERN}`, 'registered after the restart');
    const page = await h.context.newPage();
    await page.goto(`${SITE}/ticket.html`);
    await typePhrase(page);
    await until(() => ui(page), (u) => u.hints.includes('robotic/thank-you-for-patience'), 'the hint shows after the restart');
    await page.close();
  });
});

describe('helpdesk adapters', () => {
  let h;
  before(async () => {
    h = await launch();
    // A custom site describes these local fixture pages: selectors for the
    // reply, the internal note and the agent's name, and the customer's
    // name from the page title.
    await setUserSettings(h, {
      customSites: [{
        id: 'fixture',
        name: 'Fixture desk',
        matches: [`${h.baseUrl.replace(/:\d+$/, '')}/i4/*`],
        selectors: { reply: '#reply', internal_note: '.note textarea', agent_name: '.me', send_button: '.send' },
        customer_name_title: '^Ticket · (.+?) ·',
      }],
    });
    await serveFixtures(h, `${h.baseUrl}/i4`, {
      '/i4/ticket.html': ticket('Ticket · Maria Lopez · Fixture desk',
        '<p>Signed in as <span class="me">Sam Patel</span></p><textarea id="reply"></textarea><div class="note"><textarea id="note"></textarea></div>'),
    });
  });
  after(async () => { await h?.close(); });

  it('are bundled by the build into sites/index.json', () => {
    const index = JSON.parse(readFileSync(join(EXTENSION_DIR, 'sites', 'index.json'), 'utf8'));
    const sources = readdirSync(new URL('../../extension/sites/', import.meta.url)).filter((f) => f.endsWith('.json') && f !== 'schema.json');
    assert.deepEqual(index.map((s) => `${s.id}.json`).sort(), sources.sort());
    assert.ok(index.every((s) => !('$schema' in s)));
  });

  it('give suggestions the customer\'s name (title pattern) and the agent\'s (selector)', async () => {
    const page = await h.context.newPage();
    await page.goto(`${h.baseUrl}/i4/ticket.html`);
    await page.click('#reply');
    await page.keyboard.type('Dear valued customer, your order shipped.\nKind regards,\nThe Support Team');
    const shown = await until(() => ui(page), (u) => u.hints.length >= 2, 'both hints show');
    assert.ok(shown.hints.includes('robotic/dear-valued-customer'), JSON.stringify(shown.hints));
    assert.ok(shown.hints.includes('impersonal/team-signoff'), JSON.stringify(shown.hints));
    await settled(page);
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Alt+Shift+J');
    const first = await until(() => ui(page), (u) => u.popover !== null, 'the popover opens');
    assert.ok(first.popover.suggestions.includes('Hi Maria'), JSON.stringify(first.popover));
    await settled(page);
    await page.keyboard.press('Alt+Shift+J');
    const second = await until(() => ui(page), (u) => u.popover?.suggestions.some((s) => /Sam$/.test(s)), 'the sign-off suggestion names the agent');
    assert.ok(second.popover.suggestions.includes('Kind regards,\nSam'), JSON.stringify(second.popover));
    await page.close();
  });

  it('leave internal notes alone until the team turns them on, without a reload', async () => {
    const page = await h.context.newPage();
    await page.goto(`${h.baseUrl}/i4/ticket.html`);
    await page.click('#reply');
    await page.keyboard.type(PHRASE);
    await until(() => ui(page), (u) => u.badges.length === 1 && u.hints.length === 1, 'the reply is checked');
    await page.click('#note');
    await page.keyboard.type(PHRASE);
    // The reply's hint is there and the note has neither badge nor hint.
    await page.click('#reply');
    await page.keyboard.type(' Thank you for your patience.');
    await until(() => ui(page), (u) => u.badges.length === 1 && u.badges[0] === 2, 'the reply shows its second hint');
    assert.deepEqual([...new Set((await ui(page)).hints)], ['robotic/thank-you-for-patience']);

    const options = await openOptions(h);
    assert.equal(await options.isChecked('#internal-notes'), false);
    await options.click('#internal-notes');
    await options.close();
    await page.click('#note');
    await page.keyboard.type(' Thank you for your patience.');
    await until(() => ui(page), (u) => u.badges.length === 2 && u.badges.every((n) => n === 2), 'the note is checked too (both of its phrases)');
    await page.close();
  });

  it('shows suggestions with accepting working through the adapter page', async () => {
    const page = await h.context.newPage();
    await page.goto(`${h.baseUrl}/i4/ticket.html`);
    await page.click('#reply');
    await page.keyboard.type('Dear valued customer, hello.');
    await until(() => ui(page), (u) => u.hints.length === 1, 'the hint shows');
    await settled(page);
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Alt+Shift+J');
    await until(() => ui(page), (u) => u.popover !== null, 'the popover opens');
    await clickUi(page, '[data-carelint-suggestion="Hi Maria"]');
    await until(() => page.inputValue('#reply'), (v) => v === 'Hi Maria, hello.', 'the suggestion is in');
    await page.close();
  });
});
