// Admin packs are validated once, not in every page (extension/pack-checks.js):
// the first engine that validates a pack records what it counted under the
// pack's SHA-256, and later pages load the pack from that record. In real
// Chromium with the real extension: the admin rule flags on the first page
// and on the next ones, the record is there, and a later page really takes
// the record (one that says the pack's regexes are over the engine's budget
// makes it skip the pack) until the record is gone.
//   ./build.sh build && node --test tests/e2e/pack-checks.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { launch } from './harness.mjs';
import { inPage, waitForState } from './probe.mjs';
import { setUserSettings, until } from './extension-pages.mjs';

const PACK = JSON.stringify({
  id: 'acme', name: 'Acme voice', version: '1.0.0', lang: 'en',
  rules: [
    {
      id: 'ticket-closed', category: 'dismissive', severity: 'warning',
      phrases: ['your ticket is closed'], message: 'Say what happens next.',
      examples: { flag: ['Your ticket is closed.'], pass: ['I closed the ticket once the refund left.'] },
    },
    {
      id: 'ref-number', category: 'robotic', severity: 'suggestion',
      pattern: '\\breference (?:number|no\\.?) ?#?[0-9]{4,}\\b', message: 'Say it in words.',
      examples: { flag: ['Quote reference number 12345.'], pass: ['Your order is on its way.'] },
    },
  ],
});
const HASH = createHash('sha256').update(PACK).digest('hex');
const RULE = 'acme/ticket-closed';
const BUILTIN = 'robotic/thank-you-for-patience';
const REPLY = 'Hi Maria, thank you for your patience. Your ticket is closed.';

describe('admin packs validated once', () => {
  let h;
  before(async () => {
    h = await launch();
    await setUserSettings(h, { packs: [PACK] });
  });
  after(async () => {
    await h?.close();
  });

  const record = () => h.serviceWorker.evaluate(async () => (await chrome.storage.local.get('packChecks')).packChecks ?? null);

  /** The rules flagged once the reply is typed into a fresh demo page. */
  async function flagged() {
    const page = await h.openDemo('textarea');
    try {
      const field = await page.evaluate(inPage, { op: 'fieldRect' });
      await page.mouse.click(field.left + 24, field.top + 14);
      await page.keyboard.insertText(REPLY);
      const s = await waitForState(page, {}, (x) => x.rules.includes(BUILTIN), 'the built-in hint shows', 15_000);
      // The admin hint comes from the same lint as the built-in one.
      return s.rules;
    } finally {
      await page.close();
    }
  }

  it('flags the admin rule and records the pack once validated', async () => {
    assert.ok((await flagged()).includes(RULE), 'the admin rule flags on the first page');
    const checks = await until(record, (r) => r?.byHash?.[HASH] > 0, 'the pack is recorded under its SHA-256');
    assert.deepEqual(Object.keys(checks.byHash), [HASH], 'only packs in use are recorded');
    assert.equal(checks.version, await h.serviceWorker.evaluate(() => chrome.runtime.getManifest().version));
    assert.ok((await flagged()).includes(RULE), 'the admin rule flags on the next page too');
  });

  it('loads the pack from the record in later pages, and validates again once it is gone', async () => {
    const checks = await record();
    // A record that says the pack's regexes are far over the engine's budget:
    // a page that takes it skips the pack (and keeps the built-in packs).
    await h.serviceWorker.evaluate((c) => chrome.storage.local.set({ packChecks: c }), { ...checks, byHash: { [HASH]: 1e9 } });
    assert.ok(!(await flagged()).includes(RULE), 'the page took the record');
    await h.serviceWorker.evaluate(() => chrome.storage.local.remove('packChecks'));
    assert.ok((await flagged()).includes(RULE), 'without a record the pack is validated and flags again');
    await until(record, (r) => r?.byHash?.[HASH] === checks.byHash[HASH], 'the record is written again');
  });
});
