// A hostile page against the extension: scripts on an enabled page that try
// to drive Carelint's UI with synthetic events, probe for the extension's
// files, read the reply's text out of <carelint-ui>, plant the customer's
// name, stall the lint with a long title, or flood the statistics.
//   ./build.sh build && node --test tests/e2e/hostile.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch } from './harness.mjs';
import { clickUi, openOptions, setUserSettings, settled, ui, until } from './extension-pages.mjs';

const GREETING = 'robotic/dear-valued-customer';
const PATIENCE = 'robotic/thank-you-for-patience';
const REPLY = 'Dear valued customer, thank you for your patience.';

const page = (body, title = 'fixture') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body { font: 16px/1.5 "Liberation Sans", Arial, sans-serif; margin: 20px; } textarea { display: block; width: 460px; height: 120px; margin: 0 0 12px; padding: 6px; }</style>
</head><body>${body}</body></html>`;

const FIXTURES = {
  // On 127.0.0.1 the demo adapter applies: its send button is [data-demo-send].
  '/hostile/ticket.html': page(`<textarea id="reply"></textarea>
    <button type="button" data-demo-send>Send</button>
    <script>
      window.sent = [];
      document.querySelector('[data-demo-send]').addEventListener('click', () => window.sent.push(document.getElementById('reply').value));
    </script>`),
  // Described by a custom site (below) that does not honour name marks.
  '/hostile/plain/ticket.html': page(`<p>From <span data-carelint-customer-name>Mallory Fake</span>,
    signed <span data-carelint-agent-name>Trudy Fake</span></p><textarea id="reply"></textarea>`),
  // The real module (it imports nothing), to run on its own in a page.
  '/hostile/page-context.js': readFileSync(new URL('../../extension/content/page-context.js', import.meta.url), 'utf8'),
};

let h;
before(async () => {
  h = await launch();
  await h.context.route(`${h.baseUrl}/hostile/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const body = FIXTURES[path];
    const contentType = path.endsWith('.js') ? 'text/javascript' : 'text/html';
    return body ? route.fulfill({ contentType, body }) : route.fulfill({ status: 404, body: 'no fixture' });
  });
  await setUserSettings(h, {
    customSites: [{ id: 'plain', name: 'Plain desk', matches: [`${h.baseUrl.replace(/:\d+$/, '')}/hostile/plain/*`] }],
  });
});
after(async () => { await h?.close(); });

/** What Chromium logs for the probes of the extension's files: expected, not a fault. */
const PROBE_ERRORS = /^(Denying load of chrome-extension:\/\/|Failed to load resource: net::ERR_FAILED \(chrome-extension:\/\/)/;

const sync = () => h.serviceWorker.evaluate(() => chrome.storage.sync.get(null));
const stats = () => h.serviceWorker.evaluate(async () => (await chrome.storage.local.get('stats')).stats ?? {});
/** Longer than the content script's statistics batching (500 ms). */
const batch = () => new Promise((resolve) => setTimeout(resolve, 800));

async function open(path) {
  const tab = await h.context.newPage();
  await tab.goto(`${h.baseUrl}${path}`);
  return tab;
}

/** Runs `script(root)` in the page's own world with <carelint-ui>'s shadow root, as a page script would. */
const asPage = (tab, script, arg) => tab.evaluate(`(${script})(document.querySelector('carelint-ui').shadowRoot, ${JSON.stringify(arg ?? null)})`);

describe('a page script cannot drive the UI', () => {
  it('synthetic keys, pointer events and clicks change nothing; real ones still do', async () => {
    await h.serviceWorker.evaluate(() => chrome.storage.local.clear());
    const tab = await open('/hostile/ticket.html');
    await tab.click('#reply');
    await tab.keyboard.type(REPLY);
    await until(() => ui(tab), (u) => u.hints.length === 2, 'both hints show');
    await until(stats, (s) => s[GREETING]?.shown >= 1 && s[PATIENCE]?.shown >= 1, 'both are counted as shown');
    const settingsBefore = await sync();
    const statsBefore = await stats();

    // The shortcut, a hover, a click on a hint and on the badge.
    await asPage(tab, (root) => {
      const reply = document.getElementById('reply');
      reply.focus();
      reply.setSelectionRange(0, 0);
      reply.dispatchEvent(new KeyboardEvent('keydown', { key: 'J', code: 'KeyJ', altKey: true, shiftKey: true, bubbles: true, cancelable: true, composed: true }));
      const r = root.querySelector('[data-carelint-hint]').getBoundingClientRect();
      const at = { clientX: r.left + 5, clientY: r.top + r.height / 2, bubbles: true, composed: true };
      reply.dispatchEvent(new PointerEvent('pointermove', at));
      reply.dispatchEvent(new PointerEvent('pointerdown', at));
      reply.dispatchEvent(new MouseEvent('click', at));
      root.querySelector('[data-carelint-badge]').click();
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // past the hover delay (300 ms)
    let shown = await ui(tab);
    assert.equal(shown.popover, null, 'no popover from a synthetic key, hover or click');
    assert.equal(await tab.evaluate(() => document.querySelector('carelint-ui').shadowRoot.querySelector('.checklist').hidden), true,
      'no checklist from a synthetic click on the badge');

    // The agent opens the popover; the page clicks its buttons.
    await tab.keyboard.press('Alt+Shift+J');
    await until(() => ui(tab), (u) => u.popover !== null, 'the real shortcut opens the popover');
    await asPage(tab, (root) => {
      const popover = root.querySelector('[data-carelint-popover]');
      popover.querySelector('[data-carelint-suggestion]').click();
      popover.querySelector('[data-carelint-dismiss]').click();
      popover.querySelector('[data-carelint-disable-rule]').click();
      popover.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    });
    await batch();
    shown = await ui(tab);
    assert.notEqual(shown.popover, null, 'the popover is still open');
    assert.equal(shown.hints.length, 2, 'both hints are still there');
    assert.equal(await tab.inputValue('#reply'), REPLY, 'the reply is unchanged');
    assert.deepEqual(await sync(), settingsBefore, 'no rule was turned off');
    assert.deepEqual(await stats(), statsBefore, 'no accepted or dismissed was counted');

    // A real click on Dismiss still works (the buttons were live).
    await clickUi(tab, '[data-carelint-dismiss]');
    await until(() => ui(tab), (u) => u.hints.length === 1 && u.popover === null, 'the real click dismissed the hint');
    await until(stats, (s) => s[GREETING]?.dismissed === 1, 'the real dismissal is counted');
    await tab.close();
  });

  it('the pre-send nudge ignores a synthetic send and synthetic clicks on its buttons', async () => {
    await setUserSettings(h, { nudge: { enabled: true, severity: 'warning' } });
    const tab = await open('/hostile/ticket.html');
    await tab.click('#reply');
    await tab.keyboard.type(REPLY);
    await until(() => ui(tab), (u) => u.hints.length === 2, 'both hints show');
    await settled(tab);
    // The page's own send (not the agent's) is not held.
    await asPage(tab, () => document.querySelector('[data-demo-send]').click());
    assert.equal((await ui(tab)).nudge, null, 'no nudge for the page\'s own click');
    assert.deepEqual(await tab.evaluate(() => window.sent), [REPLY]);

    await tab.click('[data-demo-send]');
    await until(() => ui(tab), (u) => u.nudge !== null, 'the agent\'s send shows the nudge');
    await asPage(tab, (root) => {
      root.querySelector('[data-carelint-nudge-send]').click();
      root.querySelector('[data-carelint-nudge-review]').click();
    });
    await settled(tab);
    const shown = await ui(tab);
    assert.notEqual(shown.nudge, null, 'the nudge is still up');
    assert.equal(shown.popover, null, 'Review was not taken');
    assert.deepEqual(await tab.evaluate(() => window.sent), [REPLY], '"Send anyway" was not taken');

    await clickUi(tab, '[data-carelint-nudge-send]');
    await until(() => tab.evaluate(() => window.sent.length), (n) => n === 2, 'the real click sends');
    await setUserSettings(h, { nudge: { enabled: false, severity: 'warning' } });
    await tab.close();
  });
});

describe('the extension\'s files', () => {
  it('cannot be fetched by a page at the extension\'s fixed id', async () => {
    const tab = await open('/hostile/ticket.html');
    const results = await tab.evaluate(async (id) => {
      const paths = ['sites/index.json', 'manifest.json', 'content/main.js', 'content/loader.js', 'settings.js', 'engine/carelint.js', 'engine/carelint_bg.wasm', 'icons/icon-16.png'];
      return Promise.all(paths.map((p) => fetch(`chrome-extension://${id}/${p}`).then((r) => `${p}: ${r.status}`, () => null)));
    }, h.extensionId);
    assert.deepEqual(results.filter(Boolean), [], 'every fetch failed');
    // The extension itself still loads its modules and engine there.
    await tab.click('#reply');
    await tab.keyboard.type(REPLY);
    await until(() => ui(tab), (u) => u.hints.length === 2, 'the hints show');
    await tab.close();
  });
});

describe('the reply\'s text', () => {
  it('is not in anything a page script can read in <carelint-ui>', async () => {
    const tab = await open('/hostile/ticket.html');
    // The flagged words in a case no pack text has: the hint is reply text too.
    const flagged = 'THANK you for your PATIENCE';
    const reply = `Order QX-83517 for Quentin: ${flagged}.`;
    await tab.click('#reply');
    await tab.keyboard.type(reply);
    await until(() => ui(tab), (u) => u.hints.length === 1, 'the hint shows');
    await settled(tab);
    await tab.keyboard.press('Alt+Shift+J');
    await until(() => ui(tab), (u) => u.popover !== null, 'the popover is open too');
    // What a session recorder that masks form fields would see: every text
    // and attribute, through every open shadow root.
    const seen = await asPage(tab, (root) => {
      const out = [];
      const walk = (node) => {
        if (node.nodeType === Node.TEXT_NODE) out.push(node.data);
        if (node.nodeType === Node.ELEMENT_NODE) {
          for (const a of node.attributes) out.push(a.value);
          if (node.shadowRoot) walk(node.shadowRoot);
        }
        for (const child of node.childNodes) walk(child);
      };
      walk(root);
      return out.join('\n');
    });
    for (const secret of ['QX-83517', 'Quentin', flagged]) assert.ok(!seen.includes(secret), `"${secret}" is not readable`);
    await tab.close();
  });
});

describe('names in suggestions', () => {
  it('come from an adapter\'s selectors only, not from marks any page can set', async () => {
    const tab = await open('/hostile/plain/ticket.html');
    await tab.click('#reply');
    await tab.keyboard.type('Dear valued customer, your order shipped.\nKind regards,\nThe Support Team');
    await until(() => ui(tab), (u) => u.hints.includes(GREETING) && u.hints.includes('impersonal/team-signoff'), 'both hints show');
    await settled(tab);
    const suggestions = [];
    await tab.keyboard.press('Control+Home');
    for (let i = 0; i < 2; i++) {
      await tab.keyboard.press('Alt+Shift+J');
      const { popover } = await until(() => ui(tab), (u) => u.popover !== null && !suggestions.includes(u.popover.text), 'the next popover opens');
      suggestions.push(popover.text, ...popover.suggestions);
      await settled(tab);
    }
    assert.ok(!suggestions.some((s) => /Mallory|Trudy/.test(s)), JSON.stringify(suggestions));
    await tab.close();
  });
});

describe('the title pattern', () => {
  it('runs once per title and not on a title longer than any real one', async () => {
    const tab = await open('/hostile/plain/ticket.html');
    const result = await tab.evaluate(async () => {
      const { readLintContext } = await import('/hostile/page-context.js');
      // Help Scout's pattern; quadratic on a long title that never ends in "- Help Scout".
      const adapter = { id: 'helpscout', name: 'Help Scout', matches: ['https://secure.helpscout.net/*'], customer_name_title: '^#\\d+ .*? - (.+?) - Help Scout$' };
      const long = document.implementation.createHTMLDocument(`#1 ${'a - '.repeat(5_000)}`);
      const t0 = performance.now();
      for (let i = 0; i < 200; i++) readLintContext(long, adapter);
      const ms = performance.now() - t0;
      const normal = readLintContext(document.implementation.createHTMLDocument('#12 Refund - Maria Lopez - Help Scout'), adapter);
      const renamed = readLintContext(document.implementation.createHTMLDocument('#12 Refund - Ana Ruiz - Help Scout'), adapter);
      return { ms, normal, renamed, long: readLintContext(long, adapter) };
    });
    assert.ok(result.ms < 500, `200 lints on a hostile title took ${Math.round(result.ms)} ms`);
    assert.deepEqual(result.long, {}, 'no name from an over-long title');
    assert.deepEqual(result.normal, { customer: { name: 'Maria Lopez' } });
    assert.deepEqual(result.renamed, { customer: { name: 'Ana Ruiz' } }, 'a new title is matched anew');
    await tab.close();
  });
});

describe('statistics messages', () => {
  it('count only rules the engine has, and no more than 200 events per message', async () => {
    await h.serviceWorker.evaluate(() => chrome.storage.local.clear());
    const options = await openOptions(h);
    const send = (events) => options.evaluate((e) => chrome.runtime.sendMessage({ type: 'stats', events: e }), events);
    const event = (rule, kind = 'shown') => ({ rule, kind });
    await send([event(GREETING), event('made-up/not-a-rule'), event('robotic/not-a-rule', 'accepted')]);
    await send(Array.from({ length: 201 }, () => event(PATIENCE)));
    await send(Array.from({ length: 200 }, () => event(PATIENCE, 'dismissed')));
    // Writes are in order: once the last lands, the others did too.
    await send([event(GREETING, 'accepted')]);
    await until(stats, (s) => s[GREETING]?.accepted === 1, 'the last message is counted');
    assert.deepEqual(await stats(), {
      [GREETING]: { shown: 1, accepted: 1, dismissed: 0 },
      [PATIENCE]: { shown: 0, accepted: 0, dismissed: 200 },
    });
    await options.close();
  });
});

describe('the hostile page', () => {
  it('caused no console errors', () => {
    assert.deepEqual(h.consoleErrors.filter((e) => !PROBE_ERRORS.test(e.text)), []);
  });
});
