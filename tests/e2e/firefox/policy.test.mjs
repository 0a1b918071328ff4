// Browser policy in Firefox: a real policies.json where Debian's
// firefox-esr reads it (POLICY_FILE) gives the add-on its storage.managed
// under 3rdparty.Extensions.<add-on id>. Checks that a policy pack's rule
// fires in a reply box, that a rule the policy turns off stays quiet, that
// the pack is validated once and then loaded from its record, and that the
// options page shows the lock. Firefox reads policies.json at
// start, so the file is written before the launch; whatever was there
// before is put back afterwards, whatever happens.
//   ./build.sh build && node --test tests/e2e/firefox/policy.test.mjs   (as root)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ADDON_ID, launch } from './harness.mjs';
import { focusReply, type } from '../agent.mjs';
import { until } from '../extension-pages.mjs';

/**
 * Where Debian's firefox-esr looks first (its SysConfD, /etc/firefox; then
 * /usr/lib/firefox-esr/distribution/); README's admin guide names it.
 */
const POLICY_FILE = '/etc/firefox/policies/policies.json';

const PACK = {
  id: 'acme-fx',
  name: 'Acme Firefox voice',
  version: '1.0.0',
  lang: 'en',
  rules: [{
    id: 'sprocket-void',
    category: 'dismissive',
    severity: 'error',
    phrases: ['the sprocket warranty is void'],
    message: 'A flat no; say what you can do about the sprocket.',
    suggestions: ['I can repair the sprocket for you'],
    examples: { flag: ['Sorry, the sprocket warranty is void.'], pass: ['I can repair the sprocket.'] },
  }],
};

const POLICY = {
  policies: {
    '3rdparty': {
      Extensions: {
        [ADDON_ID]: {
          packs: [JSON.stringify(PACK)],
          disabledRules: ['robotic/thank-you-for-patience'],
          locked: true,
        },
      },
    },
  },
};

/** Hint ids shown in a page's <carelint-ui>. */
const hints = (page) => page.evaluate(() =>
  [...(document.querySelector('carelint-ui')?.shadowRoot?.querySelectorAll('[data-carelint-hint]') ?? [])].map((el) => el.dataset.carelintHint));

describe('firefox: policies.json', () => {
  const previous = existsSync(POLICY_FILE) ? readFileSync(POLICY_FILE) : null;
  /** The first folder this test made on the way to the file, if any: removed afterwards. */
  let madeDir;
  let h;
  before(async () => {
    madeDir = mkdirSync(dirname(POLICY_FILE), { recursive: true });
    writeFileSync(POLICY_FILE, JSON.stringify(POLICY, null, 2));
    try {
      h = await launch();
    } catch (error) {
      restore();
      throw error;
    }
  });
  function restore() {
    if (previous) writeFileSync(POLICY_FILE, previous);
    else if (madeDir) rmSync(madeDir, { recursive: true, force: true });
    else rmSync(POLICY_FILE, { force: true });
  }
  after(async () => {
    try { await h?.close(); } finally { restore(); }
  });

  it('reaches the add-on as storage.managed', async () => {
    const page = await h.openExtensionPage('options/options.html');
    try {
      const managed = await page.evaluate(() => chrome.storage.managed.get(null));
      assert.deepEqual(managed, POLICY.policies['3rdparty'].Extensions[ADDON_ID]);
    } finally {
      await page.close();
    }
  });

  it('the policy pack flags its phrase and the rule it turns off stays quiet', async () => {
    const page = await h.openDemo('textarea');
    try {
      await focusReply(page);
      await type(page, 'Thank you for your patience. Sadly the sprocket warranty is void.');
      const shown = await until(() => hints(page), (ids) => ids.includes('acme-fx/sprocket-void'),
        'the policy pack\'s rule shows its hint', 30_000);
      assert.ok(!shown.includes('robotic/thank-you-for-patience'), `the rule the policy turned off shows nothing: ${shown}`);
    } finally {
      await page.close();
    }
  });

  it('records the policy pack once validated (pack-checks.js), and a later page still flags it', async () => {
    const hash = createHash('sha256').update(POLICY.policies['3rdparty'].Extensions[ADDON_ID].packs[0]).digest('hex');
    const options = await h.openExtensionPage('options/options.html');
    try {
      await until(() => options.evaluate(async () => (await chrome.storage.local.get('packChecks')).packChecks?.byHash ?? {}),
        // Its regexes compile to nothing: it has none.
        (byHash) => byHash[hash] === 0, 'the policy pack is recorded under its SHA-256');
    } finally {
      await options.close();
    }
    const page = await h.openDemo('textarea');
    try {
      await focusReply(page);
      await type(page, 'Sadly the sprocket warranty is void.');
      await until(() => hints(page), (ids) => ids.includes('acme-fx/sprocket-void'), 'the recorded pack\'s rule shows its hint', 30_000);
    } finally {
      await page.close();
    }
  });

  it('the options page shows the policy pack and the rule it turned off', async () => {
    const page = await h.openExtensionPage('options/options.html');
    try {
      await until(() => page.evaluate(() => document.body.innerText),
        (text) => /Acme Firefox voice/.test(text) && /from your administrator/.test(text) && /turned off by your administrator/.test(text),
        'the options page names the policy pack, where it comes from, and the rule the policy turned off');
    } finally {
      await page.close();
    }
  });

  it('made no request that left the machine and logged no console error', () => {
    assert.deepEqual(h.foreignRequests, []);
    assert.deepEqual(h.consoleErrors(), []);
  });
});
