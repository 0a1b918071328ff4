// End-to-end: the site in dist/www without the extension, in headless
// Chromium with real keyboard and mouse input. What a visitor notices: the
// playground underlines a reply as the extension does (same engine, same
// DOM layer and test contract), a suggestion replaces the words and one hint
// goes, the names typed in fill the suggestion; the rule catalogue finds a
// rule by a word of its message and opens its anchor. Nothing the pages do
// leaves the machine.
//   ./build.sh build && node --test tests/e2e/www.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './harness.mjs';
import { onSite as openSite } from './site.mjs';

const HINTS_MS = 15_000;

let h;
before(async () => { h = await launch({ extension: false }); });
after(async () => { await h?.close(); });

/** @param {string} path @param {(page: import('playwright-core').Page) => Promise<void>} body */
const onSite = (path, body) => openSite(h, path, body);

/** What the DOM test contract shows: hint boxes (rule, box), badge counts, the popover's suggestions. */
function ui(page) {
  return page.evaluate(() => {
    const root = document.querySelector('carelint-ui')?.shadowRoot;
    const hints = [...(root?.querySelectorAll('[data-carelint-hint]') ?? [])].map((el) => {
      const r = el.getBoundingClientRect();
      return { rule: el.getAttribute('data-carelint-hint'), x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 };
    });
    const badges = [...(root?.querySelectorAll('[data-carelint-badge]') ?? [])].map((el) => Number(el.getAttribute('data-count')));
    const popover = root?.querySelector('[data-carelint-popover]');
    const open = !!popover && popover.getBoundingClientRect().width > 0;
    const suggestions = open ? [...popover.querySelectorAll('[data-carelint-suggestion]')].map((b) => b.getAttribute('data-carelint-suggestion')) : [];
    return { hints, badges, open, suggestions };
  });
}

/** Waits until `check(ui)` holds; on timeout, fails with `what` and the last state. */
async function until(page, check, what, timeout = HINTS_MS) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await ui(page);
    if (check(last)) return last;
    if (Date.now() > deadline) assert.fail(`${what}; last: ${JSON.stringify(last)}`);
    await page.waitForTimeout(50);
  }
}

/** The suggestion button with `text`, in the open popover, as a point to click. */
function suggestionAt(page, text) {
  return page.evaluate((wanted) => {
    const root = document.querySelector('carelint-ui')?.shadowRoot;
    const button = [...(root?.querySelectorAll('[data-carelint-suggestion]') ?? [])].find((b) => b.getAttribute('data-carelint-suggestion') === wanted);
    if (!button) return null;
    const r = button.getBoundingClientRect();
    return { x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 };
  }, text);
}

describe('playground', () => {
  it('underlines a typed reply; a suggestion with the typed name replaces the words and one hint goes', async () => {
    await onSite('/', async (page) => {
      await page.click('#customer-name');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Priya Natarajan');
      await page.click('#reply-plain');
      await page.keyboard.type('Dear valued customer, your refund is on its way. Thank you for your patience.');
      const before = await until(page, (s) => s.badges[0] === 2 && s.hints.some((x) => x.rule === 'robotic/dear-valued-customer'),
        'two hints, one of them the form greeting');
      const greeting = before.hints.find((x) => x.rule === 'robotic/dear-valued-customer');
      await page.mouse.move(greeting.x, greeting.y);
      await page.mouse.click(greeting.x, greeting.y);
      const open = await until(page, (s) => s.suggestions.length > 0, 'a click on the underline opens the popover', 5_000);
      assert.ok(open.suggestions.includes('Hi Priya'), `the customer's first name fills the suggestion: ${JSON.stringify(open.suggestions)}`);
      const at = await suggestionAt(page, 'Hi Priya');
      assert.ok(at, 'the suggestion button is on screen');
      await page.mouse.click(at.x, at.y);
      await until(page, (s) => s.badges[0] === 1 && !s.hints.some((x) => x.rule === 'robotic/dear-valued-customer'), 'one hint fewer');
      assert.equal(await page.inputValue('#reply-plain'), 'Hi Priya, your refund is on its way. Thank you for your patience.');
    });
  });

  it('loads a sample into the rich editor (ProseMirror) and takes a suggestion with the keyboard alone; one undo restores it', async () => {
    await onSite('/', async (page) => {
      await page.focus('input[name="editor"][value="plain"]');
      await page.keyboard.press('ArrowDown'); // radio group: the next choice, the rich editor
      assert.equal(await page.isVisible('#reply-rich'), true, 'the rich editor shows');
      assert.equal(await page.isVisible('#reply-plain'), false, 'the textarea is hidden');
      await page.focus('[data-sample="robotic"]');
      await page.keyboard.press('Enter');
      const before = await until(page, (s) => s.badges.length === 1 && s.badges[0] >= 3, 'the robotic sample gets several hints');
      const text = await page.innerText('#reply-rich');
      assert.match(text, /Dear valued customer/);
      await page.keyboard.press('Alt+Shift+J');
      const open = await until(page, (s) => s.open && s.suggestions.length > 0, 'Alt+Shift+J opens the first hint', 5_000);
      await page.keyboard.press('Enter');
      await until(page, (s) => s.badges[0] === before.badges[0] - 1, 'one hint fewer');
      const after = await page.innerText('#reply-rich');
      assert.notEqual(after, text, 'the reply changed');
      assert.ok(after.includes(open.suggestions[0].replace(/\[[^\]]*\]/g, '').trim().split(' ')[0]), `the suggestion is in: ${after}`);
      // The edit went through ProseMirror's own model: its history takes
      // it back in one step.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+z');
      await until(page, (s) => s.badges[0] === before.badges[0], 'the hint is back after one undo');
      assert.equal(await page.innerText('#reply-rich'), text, 'one Ctrl+Z restores the reply');
    });
  });

  it('loads the warm sample with the names typed in and finds nothing to underline', async () => {
    await onSite('/', async (page) => {
      await page.click('#agent-name');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Jonas Berg');
      await page.click('[data-sample="warm"]');
      await until(page, (s) => s.badges[0] === 0, 'the warm reply has no hints');
      const text = await page.inputValue('#reply-plain');
      assert.match(text, /^Hi Maria,/);
      assert.match(text, /Jonas Berg$/);
    });
  });
});

/** Every rule of the pack files, as full ids: what the catalogue must list. */
function packRules() {
  const dir = new URL('../../packs/', import.meta.url).pathname;
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    .filter((p) => Array.isArray(p.rules))
    .flatMap((p) => p.rules.map((r) => ({ id: `${p.id}/${r.id}`, message: r.message })));
}

describe('rule catalogue', () => {
  it('lists every built-in rule with its message as text', async () => {
    await onSite('/rules/', async (page) => {
      const listed = await page.$$eval('article.rule', (els) => els.map((el) => ({ id: el.id, message: el.querySelector('.message')?.textContent })));
      const expected = packRules();
      assert.deepEqual(listed.map((r) => r.id).sort(), expected.map((r) => r.id).sort());
      const messages = new Map(expected.map((r) => [r.id, r.message]));
      for (const r of listed) assert.equal(r.message, messages.get(r.id), `${r.id}: the message as the pack writes it`);
    });
  });

  it('finds a rule by a word of its message, filters by severity, and opens its anchor', async () => {
    await onSite('/rules/', async (page) => {
      const total = await page.$$eval('article.rule', (els) => els.length);
      await page.click('#find');
      await page.keyboard.type('nobody looked');
      const shown = await page.$$eval('article.rule:not([hidden])', (els) => els.map((el) => el.id));
      assert.ok(shown.includes('robotic/dear-valued-customer'), `the form-greeting rule is found: ${shown}`);
      assert.ok(shown.length < total / 10, `only rules about it show: ${shown.length} of ${total}`);
      assert.match(await page.textContent('#count'), new RegExp(`^${shown.length} of ${total} rules$`));
      await page.selectOption('#severity', 'error');
      const errors = await page.$$eval('article.rule:not([hidden])', (els) => els.map((el) => el.dataset.severity));
      assert.ok(errors.every((s) => s === 'error'), 'the severity filter keeps only errors');
      await page.selectOption('#severity', '');
      await page.click('a[href="#robotic/dear-valued-customer"]');
      assert.equal(new URL(page.url()).hash, '#robotic/dear-valued-customer');
      assert.equal(await page.$eval(':target', (el) => el.id), 'robotic/dear-valued-customer');
      assert.ok(await page.$eval(':target h3', (el) => {
        const r = el.getBoundingClientRect();
        return r.top >= document.querySelector('form.filters').getBoundingClientRect().bottom && r.bottom < innerHeight;
      }), 'the rule id shows below the filters');
    });
  });

  it('opens a rule from its address even when filters would hide it', async () => {
    await onSite('/rules/', async (page) => {
      await page.click('#find');
      await page.keyboard.type('zzzz');
      assert.equal(await page.$$eval('article.rule:not([hidden])', (els) => els.length), 0);
      await page.evaluate(() => { location.hash = '#vague/look-into-it'; });
      await page.waitForFunction(() => !document.getElementById('vague/look-into-it')?.hidden);
      assert.equal(await page.inputValue('#find'), '', 'the search is cleared');
    });
  });
});

describe('with the extension installed', () => {
  let x;
  before(async () => { x = await launch(); });
  after(async () => { await x?.close(); });

  it('leaves the playground to its own Carelint: one layer of hints, not two', async () => {
    const page = await x.context.newPage();
    try {
      await page.goto(`${x.baseUrl}/`, { waitUntil: 'load' });
      await page.click('#reply-plain');
      await page.keyboard.type('Thank you for your patience.');
      await until(page, (s) => s.badges[0] === 1, 'the playground underlines the reply');
      // Long enough for the extension's content script to have started
      // and watched the focused field, had it not stood back.
      await page.waitForTimeout(1500);
      assert.equal(await page.evaluate(() => document.querySelectorAll('carelint-ui').length), 1, 'one <carelint-ui> on the page');
    } finally {
      await page.close();
    }
  });
});
