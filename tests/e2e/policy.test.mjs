// Browser policy (issue 4), end to end with Debian's Chromium: a real
// mandatory policy file in /etc/chromium/policies/managed/ feeds
// chrome.storage.managed (managed_schema.json). Checks that the policy's
// site is on, its pack's rule fires, a broken policy pack is reported and
// skipped without stopping the built-in packs, and the lock holds (the
// controls are locked and the agent's own settings cannot undo it).
// The policy file is always removed afterwards.
//   ./build.sh build && node --test tests/e2e/policy.test.mjs   (as root)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { launch } from './harness.mjs';
import { grantHost, openOptions, openPopup, registered, serveFixtures, setUserSettings, settled, ui, until } from './extension-pages.mjs';

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = `${POLICY_DIR}/carelint-test.json`;
const ID = readFileSync(new URL('../../extension/EXTENSION_ID.txt', import.meta.url), 'utf8').trim();
const SITE = 'http://desk.acme.test';
const OTHER = 'http://other.acme.test';

const PACK = {
  id: 'acme-policy',
  name: 'Acme policy voice',
  version: '2.0.0',
  lang: 'en',
  rules: [{
    id: 'gizmo-void',
    category: 'dismissive',
    severity: 'error',
    phrases: ['the gizmo warranty is void'],
    message: 'Say what you can still do.',
    suggestions: ['the warranty does not cover this, but I can'],
    examples: { flag: ['Sorry, the gizmo warranty is void.'], pass: ['Your gizmo warranty covers it.'] },
  }],
};

const POLICY = {
  enabledSites: ['zendesk'],
  customSites: [{ id: 'acme-desk', name: 'Acme Desk', matches: [`${SITE}/*`], selectors: { reply: '#reply' } }],
  packs: [JSON.stringify(PACK), '{ "id": "broken", "rules": [ }'],
  disabledRules: ['robotic/kindly'],
  internalNotes: false,
  nudge: { enabled: false, severity: 'error' },
  locked: true,
};

const ticket = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket</title></head><body><textarea id="reply" style="width:420px;height:100px"></textarea></body></html>';

const root = process.getuid?.() === 0;

describe('browser policy', { skip: root ? false : 'needs root to write /etc/chromium/policies/managed' }, () => {
  let h;
  let options;
  before(async () => {
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [ID]: POLICY } } }));
    h = await launch();
    assert.equal(h.extensionId, ID, 'the manifest key gives the documented id');
    await serveFixtures(h, SITE, { '/ticket.html': ticket });
    await serveFixtures(h, OTHER, { '/ticket.html': ticket });
    // Chromium reads extension policy a few seconds after start.
    await until(() => h.serviceWorker.evaluate(() => chrome.storage.managed.get(null)), (p) => p.locked === true, 'the policy reaches the extension', 20_000);
    options = await openOptions(h);
  });
  after(async () => {
    try {
      await h?.close();
    } finally {
      rmSync(POLICY_FILE, { force: true });
    }
  });

  it('turns the policy\'s sites on and shows them locked in the options page', async () => {
    const sites = await options.evaluate(() => ({
      zendesk: (({ checked, disabled }) => ({ checked, disabled }))(document.querySelector('[data-site="zendesk"]')),
      others: [...document.querySelectorAll('[data-site]:not([data-site="zendesk"])')].map((el) => [el.checked, el.disabled]),
      custom: document.querySelector('[data-custom="acme-desk"]')?.textContent ?? null,
      lock: !document.querySelector('[data-locked="sites"]').hidden,
      addDisabled: document.querySelector('#custom-pattern').disabled,
    }));
    assert.deepEqual(sites.zendesk, { checked: true, disabled: true });
    assert.ok(sites.others.every(([checked, disabled]) => !checked && disabled), 'no other site can be turned on');
    assert.match(sites.custom, /Acme Desk/);
    assert.match(sites.custom, /from your administrator/);
    assert.ok(sites.lock);
    assert.ok(sites.addDisabled);
    assert.deepEqual((await registered(h)).sort(), ['custom:acme-desk', 'site:zendesk']);
  });

  it('reports the broken policy pack, skips it, and keeps the built-in packs and the good one', async () => {
    const packs = await options.evaluate(() => ({
      listed: [...document.querySelectorAll('[data-pack]')].map((el) => el.dataset.pack),
      errors: [...document.querySelectorAll('[data-policy-errors] li')].map((li) => li.textContent),
      problemsShown: !document.getElementById('pack-problems').hidden,
      origin: document.querySelector('[data-pack="acme-policy"] header').textContent,
    }));
    assert.deepEqual(packs.listed, ['robotic', 'dismissive', 'blaming', 'vague', 'impersonal', 'rushing', 'acme-policy']);
    assert.ok(packs.problemsShown);
    assert.equal(packs.errors.length, 1);
    assert.match(packs.errors[0], /^policy pack 2:1:\d+: /);
    assert.match(packs.origin, /from your administrator/);
  });

  it('locks the rule switches, packs and the nudge that the policy sets', async () => {
    const controls = await options.evaluate(() => ({
      kindly: (({ checked, disabled }) => ({ checked, disabled }))(document.querySelector('[data-rule-switch="robotic/kindly"]')),
      anyEnabled: [...document.querySelectorAll('[data-rule-switch]')].some((el) => !el.disabled),
      importDisabled: document.getElementById('pack-import').disabled,
      nudge: [document.getElementById('nudge-enabled').disabled, document.getElementById('nudge-severity').value],
      notes: document.getElementById('internal-notes').disabled,
    }));
    assert.deepEqual(controls.kindly, { checked: false, disabled: true });
    assert.equal(controls.anyEnabled, false);
    assert.ok(controls.importDisabled);
    assert.deepEqual(controls.nudge, [true, 'error']);
    assert.ok(controls.notes);
    const refused = await options.evaluate(async () => {
      const { updateSettings } = await import(chrome.runtime.getURL('settings.js'));
      try {
        await updateSettings({ disabledRules: ['acme-policy/gizmo-void'] });
        return null;
      } catch (error) {
        return error.message;
      }
    });
    assert.match(refused, /locked by your administrator/);
  });

  it('runs on the policy\'s site once access is allowed: its pack\'s rule fires, the lock holds', async () => {
    // The agent's own storage says otherwise; the locked policy wins.
    await setUserSettings(h, { disabledRules: ['acme-policy/gizmo-void', 'robotic/thank-you-for-patience'], disabledOrigins: [`${SITE}/*`], enabledSites: [] });
    await grantHost(h, `${SITE}/*`);
    await options.click('[data-grant="acme-desk"]');
    await until(() => h.serviceWorker.evaluate((p) => chrome.permissions.contains({ origins: [p] }), `${SITE}/*`), Boolean, 'access allowed');
    const page = await h.context.newPage();
    await page.goto(`${SITE}/ticket.html`);
    await page.click('#reply');
    await page.keyboard.type('Thank you for your patience. Sorry, the gizmo warranty is void.');
    const shown = await until(() => ui(page), (u) => u.badges[0] === 2, 'both hints show');
    assert.deepEqual([...new Set(shown.hints)].sort(), ['acme-policy/gizmo-void', 'robotic/thank-you-for-patience']);
    // Rule switches are locked: the popover offers no "Turn off this rule".
    await settled(page);
    await page.keyboard.press('Alt+Shift+J');
    await until(() => ui(page), (u) => u.popover !== null, 'the popover opens');
    assert.equal(await page.evaluate(() => document.querySelector('carelint-ui').shadowRoot.querySelectorAll('[data-carelint-dismiss]').length), 1);
    assert.equal(await page.evaluate(() => document.querySelector('carelint-ui').shadowRoot.querySelectorAll('[data-carelint-disable-rule]').length), 0);

    const popup = await openPopup(h, page);
    assert.equal(await popup.isChecked('#site-switch'), true);
    assert.equal(await popup.isDisabled('#site-switch'), true);
    assert.equal(await popup.textContent('#site-note'), 'Turned on by your administrator.');
    assert.match(await popup.textContent('#packs'), /Acme policy voice/);
    await popup.close();
    await page.close();
  });

  it('shows the switch locked on a site the policy does not turn on', async () => {
    await grantHost(h, `${OTHER}/*`);
    const page = await h.context.newPage();
    await page.goto(`${OTHER}/ticket.html`);
    const popup = await openPopup(h, page);
    assert.equal(await popup.isChecked('#site-switch'), false);
    assert.equal(await popup.isDisabled('#site-switch'), true);
    assert.equal(await popup.textContent('#site-note'), 'Sites are locked by your administrator.');
    assert.equal(await popup.evaluate(() => document.getElementById('site-note').hasAttribute('data-locked')), true);
    await popup.close();
    await page.close();
  });

  it('had no console errors', () => {
    assert.deepEqual(h.consoleErrors, []);
  });
});
