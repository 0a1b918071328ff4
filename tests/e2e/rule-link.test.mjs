// End-to-end: a popover's "About this rule" opens the rule's entry in the
// rule catalogue. In the extension it is the catalogue shipped inside it
// (an extension page, so it works offline with no site running), opened in
// a new tab by the service worker, by mouse or keyboard; in the site's
// playground it is the site's catalogue. The entry is the anchored one,
// and the link's text and the catalogue's entry are the pack's text.
//   ./build.sh build && node --test tests/e2e/rule-link.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, launch } from './harness.mjs';
import { ui, until } from './extension-pages.mjs';

const EXTENSION_ID = readFileSync(join(EXTENSION_DIR, '..', '..', 'extension', 'EXTENSION_ID.txt'), 'utf8').trim();
const RULE = 'robotic/thank-you-for-patience';

/** The popover's rule link: its address and where it is on screen. */
function ruleLink(page) {
  return page.evaluate(() => {
    const a = document.querySelector('carelint-ui')?.shadowRoot?.querySelector('[data-carelint-popover] [data-carelint-rule-link]');
    if (!(a instanceof HTMLAnchorElement)) return null;
    const r = a.getBoundingClientRect();
    return { rule: a.dataset.carelintRuleLink, href: a.href, text: a.textContent, x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 };
  });
}

/** The catalogue entry a page shows as its target, or null. */
function targetEntry(page) {
  return page.evaluate(() => {
    const el = document.querySelector('article.rule:target');
    if (!el || /** @type {HTMLElement} */ (el).hidden) return null;
    const r = el.getBoundingClientRect();
    return { id: el.id, message: el.querySelector('.message')?.textContent, onScreen: r.top >= 0 && r.top < innerHeight };
  });
}

describe('the extension', () => {
  let h;
  before(async () => { h = await launch({ extension: true }); });
  after(async () => { await h?.close(); });

  it('opens its own catalogue at the rule, by mouse and by keyboard, offline', async () => {
    const mark = h.mark();
    const tab = await h.context.newPage();
    await tab.goto(`${h.baseUrl}/demo/textarea.html`);
    await tab.click('#reply');
    await tab.keyboard.type('Thank you for your patience.');
    await until(() => ui(tab), (s) => s.hints.includes(RULE), 'the hint shows');
    await tab.keyboard.press('Alt+Shift+J');
    const link = await until(() => ruleLink(tab), (l) => l !== null, 'the popover has a rule link');
    const url = `chrome-extension://${EXTENSION_ID}/rules/index.html#${RULE}`;
    assert.deepEqual({ rule: link.rule, href: link.href, text: link.text }, { rule: RULE, href: url, text: 'About this rule' });

    const opened = h.context.waitForEvent('page');
    await tab.mouse.click(link.x, link.y);
    const catalogue = await opened;
    await catalogue.waitForLoadState('load');
    assert.equal(catalogue.url(), url, 'a new tab with the extension\'s catalogue at the rule');
    const entry = await until(() => targetEntry(catalogue), (e) => e?.onScreen === true, 'the entry is the target, on screen');
    assert.equal(entry.id, RULE);
    assert.match(entry.message, /patience/);
    assert.equal(await catalogue.$('nav[aria-label="Site"]'), null, 'no links to a site that may not run');
    await catalogue.close();
    assert.equal((await ui(tab)).popover, null, 'the popover closed');

    // Keyboard: back in the reply, the shortcut, then ArrowUp from the first suggestion to the link (the last), Enter.
    await tab.bringToFront();
    await tab.focus('#reply');
    await tab.keyboard.press('Control+Home');
    await tab.keyboard.press('Alt+Shift+J');
    await until(() => ruleLink(tab), (l) => l !== null, 'the popover opens again');
    await tab.keyboard.press('ArrowUp');
    const focused = await tab.evaluate(() => document.querySelector('carelint-ui')?.shadowRoot?.activeElement?.getAttribute('data-carelint-rule-link'));
    assert.equal(focused, RULE, 'the link takes focus');
    const again = h.context.waitForEvent('page');
    await tab.keyboard.press('Enter');
    const second = await again;
    await second.waitForLoadState('load');
    assert.equal(second.url(), url);
    await second.close();

    // A page script's click opens nothing.
    await tab.bringToFront();
    await tab.focus('#reply');
    await tab.keyboard.press('Control+Home');
    await tab.keyboard.press('Alt+Shift+J');
    await until(() => ruleLink(tab), (l) => l !== null, 'the popover opens a third time');
    const pages = h.context.pages().length;
    await tab.evaluate(() => /** @type {HTMLElement} */ (document.querySelector('carelint-ui')?.shadowRoot?.querySelector('[data-carelint-rule-link]')).click());
    await tab.waitForTimeout(500);
    assert.equal(h.context.pages().length, pages, 'an untrusted click opens no tab');
    await tab.close();
    const { consoleErrors, foreignRequests } = h.since(mark);
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests, [], 'nothing leaves the machine');
  });
});

describe('the playground', () => {
  let h;
  before(async () => { h = await launch({ extension: false }); });
  after(async () => { await h?.close(); });

  it('links to the site\'s catalogue entry', async () => {
    const mark = h.mark();
    const tab = await h.context.newPage();
    await tab.goto(`${h.baseUrl}/`);
    await tab.click('#reply-plain');
    await tab.keyboard.type('Thank you for your patience.');
    await until(() => ui(tab), (s) => s.hints.includes(RULE), 'the hint shows');
    await tab.keyboard.press('Alt+Shift+J');
    const link = await until(() => ruleLink(tab), (l) => l !== null, 'the popover has a rule link');
    assert.equal(link.href, `${h.baseUrl}/rules/#${RULE}`);
    const opened = h.context.waitForEvent('page');
    await tab.mouse.click(link.x, link.y);
    const catalogue = await opened;
    await catalogue.waitForLoadState('load');
    assert.equal(catalogue.url(), link.href);
    const entry = await until(() => targetEntry(catalogue), (e) => e?.onScreen === true, 'the entry is the target, on screen');
    assert.equal(entry.id, RULE);
    await catalogue.close();
    await tab.close();
    assert.deepEqual(h.since(mark).consoleErrors, []);
  });
});
