// The pre-send nudge (issue 4) on the demo helpdesk (www/demo, adapter
// extension/sites/demo.json: send button [data-demo-send], send shortcut
// Ctrl+Enter): off by default; when on, a send with hints at or above the
// chosen severity is held by a small non-modal note that says how many,
// with "Review" (shows the first hint) and "Send anyway" (sends at once,
// with the original action's effect). A send is never held when the note
// cannot be shown.
//   ./build.sh build && node --test tests/e2e/nudge.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { clickUi, openOptions, ui, until } from './extension-pages.mjs';

const PHRASE = 'Thank you for your patience.'; // a warning

let h;
before(async () => { h = await launch(); });
after(async () => { await h?.close(); });

/** What the demo ticket shows: replies sent, and the reply box. */
const ticket = (page) => page.evaluate(() => ({
  sent: [...document.querySelectorAll('.message.agent .body')].map((b) => b.textContent),
  reply: window.carelintDemo.getText(),
}));

/** Opens the demo ticket and types a reply with one warning in it. */
async function draft() {
  const page = await h.openDemo('textarea');
  await page.click('#reply');
  await page.keyboard.type(PHRASE);
  await until(() => ui(page), (u) => u.badges[0] === 1, 'the hint shows');
  return page;
}

/** Sets the nudge in the options page, as an agent does. */
async function setNudge(enabled, severity) {
  const options = await openOptions(h);
  if ((await options.isChecked('#nudge-enabled')) !== enabled) await options.click('#nudge-enabled');
  await options.selectOption('#nudge-severity', severity);
  await until(() => h.serviceWorker.evaluate(async () => (await chrome.storage.sync.get('nudge')).nudge ?? null),
    (n) => n?.enabled === enabled && n?.severity === severity, 'the nudge setting is saved');
  await options.close();
}

describe('the pre-send nudge', () => {
  it('is off by default: a reply with hints is sent at once', async () => {
    const page = await draft();
    await page.click('[data-demo-send]');
    await until(() => ticket(page), (t) => t.sent.length === 1 && t.reply === '', 'the reply is sent');
    assert.equal((await ui(page)).nudge, null);
    await page.close();
  });

  it('holds the send and says how many; Review shows the first hint', async () => {
    await setNudge(true, 'warning');
    const page = await draft();
    await page.click('[data-demo-send]');
    const { nudge } = await until(() => ui(page), (u) => u.nudge !== null, 'the nudge shows');
    assert.match(nudge, /^1 hint left in this reply\. Send it anyway\?ReviewSend anyway$/);
    assert.deepEqual(await ticket(page), { sent: [], reply: PHRASE }, 'nothing was sent');
    assert.equal(await page.evaluate(() => document.querySelector('carelint-ui').shadowRoot.activeElement?.textContent), 'Review');

    await clickUi(page, '[data-carelint-nudge-review]');
    const after = await until(() => ui(page), (u) => u.popover !== null, 'the first hint opens');
    assert.equal(after.nudge, null);
    assert.match(after.popover.text, /patience/i);
    assert.deepEqual(await ticket(page), { sent: [], reply: PHRASE }, 'still not sent');
    await page.close();
  });

  it('"Send anyway" sends at once, with the click\'s own effect', async () => {
    const page = await draft();
    await page.click('[data-demo-send]');
    await until(() => ui(page), (u) => u.nudge !== null, 'the nudge shows');
    await clickUi(page, '[data-carelint-nudge-send]');
    await until(() => ticket(page), (t) => t.sent.length === 1 && t.sent[0] === PHRASE && t.reply === '', 'the reply is sent');
    assert.equal((await ui(page)).nudge, null);
    await page.close();
  });

  it('repeats the send shortcut on "Send anyway"', async () => {
    const page = await draft();
    // The page's own Ctrl+Enter handler (the demo ticket has none).
    await page.evaluate(() => {
      window.shortcutSends = 0;
      document.getElementById('reply').addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && e.ctrlKey) {
          e.preventDefault();
          window.shortcutSends++;
        }
      });
    });
    await page.keyboard.press('Control+Enter');
    await until(() => ui(page), (u) => u.nudge !== null, 'the nudge shows');
    assert.equal(await page.evaluate(() => window.shortcutSends), 0);
    await clickUi(page, '[data-carelint-nudge-send]');
    await until(() => page.evaluate(() => window.shortcutSends), (n) => n === 1, 'the shortcut reached the page');
    await page.close();
  });

  it('lets a send through when no hint reaches the chosen severity', async () => {
    await setNudge(true, 'error');
    const page = await draft();
    await page.click('[data-demo-send]');
    await until(() => ticket(page), (t) => t.sent.length === 1, 'the reply is sent');
    assert.equal((await ui(page)).nudge, null);
    await page.close();
    await setNudge(true, 'warning');
  });

  it('never holds a send when the nudge cannot be shown', async () => {
    const page = await draft();
    // The page takes Carelint's element away just before the click lands,
    // and keeps it away (Carelint puts a removed element back).
    await page.evaluate(() => {
      document.querySelector('[data-demo-send]').addEventListener('pointerdown', () => {
        document.querySelector('carelint-ui')?.remove();
        new MutationObserver(() => document.querySelector('carelint-ui')?.remove())
          .observe(document.documentElement, { childList: true });
      });
    });
    await page.click('[data-demo-send]');
    await until(() => ticket(page), (t) => t.sent.length === 1 && t.reply === '', 'the reply is sent');
    await page.close();
  });

  it('counts the hints in the adapter\'s reply editor only, when its selector finds it', async () => {
    const origin = h.baseUrl.replace(/:\d+$/, '');
    await h.serviceWorker.evaluate((matches) => chrome.storage.sync.set({
      customSites: [{ id: 'fixture', name: 'Fixture desk', matches, selectors: { reply: '#reply', send_button: '.send' } }],
    }), [`${origin}/i4/*`]);
    await h.context.route(`${h.baseUrl}/i4/*`, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fixture</title></head><body>
      <textarea id="reply"></textarea><textarea id="macro-search"></textarea>
      <button class="send" onclick="window.sends = (window.sends || 0) + 1">Send</button></body></html>` }));
    const page = await h.context.newPage();
    await page.goto(`${h.baseUrl}/i4/ticket.html`);
    await page.click('#macro-search');
    await page.keyboard.type(PHRASE);
    await page.click('#reply');
    await page.keyboard.type('Hi Maria, I refunded it.');
    await until(() => ui(page), (u) => u.badges.length === 2 && u.badges.includes(1), 'the other field has its hint');
    await page.click('.send');
    await until(() => page.evaluate(() => window.sends ?? 0), (n) => n === 1, 'sent: the reply itself has no hint');
    await page.click('#reply');
    await page.keyboard.type(' Thank you for your patience.');
    await until(() => ui(page), (u) => u.badges.every((n) => n === 1), 'the reply has its hint');
    await page.click('.send');
    await until(() => ui(page), (u) => /^1 hint left/.test(u.nudge ?? ''), 'the nudge counts the reply\'s hint only');
    assert.equal(await page.evaluate(() => window.sends), 1);
    await page.close();
  });

  it('had no console errors', () => {
    assert.deepEqual(h.consoleErrors, []);
  });
});
