// The options page (issue 4): built-in packs and rules with a switch each,
// importing an admin pack (pasted or from a file) validated live by the
// engine, a malformed pack and one whose examples fail refused with the
// reasons next to the text, the preview, exports, changes reaching open
// tabs without a reload, and pack text always rendered as text.
//   ./build.sh build && node --test tests/e2e/options.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch } from './harness.mjs';
import { clickUi, openOptions, settled, ui, until } from './extension-pages.mjs';

const PHRASE = 'Thank you for your patience.';

/** An admin pack whose rule flags a phrase no built-in rule flags. */
const GOOD = {
  id: 'acme',
  name: 'Acme support voice',
  version: '1.2.0',
  lang: 'en',
  rules: [{
    id: 'gizmo-void',
    category: 'dismissive',
    severity: 'warning',
    phrases: ['the gizmo warranty is void'],
    message: 'A flat "void" ends the conversation; say what you can still do.',
    suggestions: ['the warranty does not cover this, but I can'],
    examples: { flag: ['Sorry, the gizmo warranty is void.'], pass: ['Your gizmo warranty covers it.'] },
  }],
};
const GOOD_JSON = `${JSON.stringify(GOOD, null, 2)}\n`;

/** Pack text that tries to become HTML in the options page and the popover. */
const XSS = {
  id: 'xss',
  name: 'Hostile <b>pack</b>',
  version: '1.0.0',
  lang: 'en',
  rules: [{
    id: 'sprocket',
    category: 'vague',
    severity: 'warning',
    phrases: ['the sprocket rule applies'],
    message: '<img src=x onerror="window.carelintXss=1">Message with markup',
    suggestions: ['<img src=x onerror="window.carelintXss=2">we can fix it'],
    examples: { flag: ['Sorry, the sprocket rule applies.'], pass: ['The sprocket is fine.'] },
  }],
};

let h;
let options;
before(async () => {
  h = await launch();
  options = await openOptions(h);
});
after(async () => { await h?.close(); });

/** Replaces the import editor's text as a paste does (one input event). */
const paste = (json) => options.fill('#pack-text', json);

const verdict = () => options.evaluate(() => ({
  state: document.getElementById('pack-verdict').dataset.state,
  text: document.getElementById('pack-verdict').textContent,
  errors: [...document.querySelectorAll('#pack-errors li')].map((li) => li.textContent),
  failures: [...document.querySelectorAll('#pack-failures li')].map((li) => li.textContent),
  importable: !document.getElementById('pack-import').disabled,
}));

describe('the options page', () => {
  it('lists the built-in packs and their rules, each with a switch, its message and an example', async () => {
    const listed = await options.evaluate(() => [...document.querySelectorAll('[data-pack]')].map((el) => el.dataset.pack));
    assert.deepEqual(listed, ['robotic', 'dismissive', 'blaming', 'vague', 'impersonal', 'rushing']);
    const rule = await options.evaluate(() => {
      const li = document.querySelector('[data-rule="robotic/thank-you-for-patience"]');
      const input = li.querySelector('input[role="switch"]');
      return { on: input.checked, disabled: input.disabled, message: li.querySelector('.message').textContent, examples: [...li.querySelectorAll('.example')].map((p) => p.textContent) };
    });
    assert.equal(rule.on, true);
    assert.equal(rule.disabled, false);
    assert.match(rule.message, /\S/);
    assert.ok(rule.examples.some((e) => /^Flags: .*patience/i.test(e)), JSON.stringify(rule.examples));
    const builtinRules = ['robotic', 'dismissive', 'blaming', 'vague', 'impersonal', 'rushing']
      .map((id) => JSON.parse(readFileSync(new URL(`../../packs/${id}.json`, import.meta.url), 'utf8')).rules.length)
      .reduce((a, b) => a + b, 0);
    assert.equal(await options.locator('[data-rule-switch]').count(), builtinRules, 'one switch per built-in rule');
    assert.equal(await options.locator('[data-site]').count(), 15, 'one switch per known helpdesk');
    assert.equal(await options.locator('[data-site]:checked').count(), 0, 'all off by default');
  });

  it('turns a rule off and on again in open tabs, without a reload', async () => {
    const page = await h.openDemo('textarea');
    await page.click('#reply');
    await page.keyboard.type(PHRASE);
    await until(() => ui(page), (u) => u.hints.includes('robotic/thank-you-for-patience'), 'the hint shows');
    await options.click('[data-rule-switch="robotic/thank-you-for-patience"]');
    await until(() => ui(page), (u) => u.hints.length === 0, 'the hint goes away in the open tab');
    await options.click('[data-rule-switch="robotic/thank-you-for-patience"]');
    await page.keyboard.type(' Thank you for your patience.');
    await until(() => ui(page), (u) => u.hints.filter((r) => r === 'robotic/thank-you-for-patience').length === 2, 'the rule is back');
    await page.close();
  });

  it('validates a good pack live, previews it, imports it, and open tabs use it', async () => {
    const page = await h.openDemo('textarea');
    await page.click('#reply');
    await paste(GOOD_JSON);
    const v = await until(verdict, (x) => x.state === 'ok', 'the pack is valid');
    assert.deepEqual(v.errors, []);
    assert.deepEqual(v.failures, []);
    assert.ok(v.importable);

    await options.fill('#preview-text', 'Hi Maria, the gizmo warranty is void.');
    const preview = await options.evaluate(() => [...document.querySelectorAll('[data-preview-hint]')].map((li) => [li.dataset.previewHint, li.textContent]));
    assert.equal(preview.length, 1, JSON.stringify(preview));
    assert.equal(preview[0][0], 'acme/gizmo-void');
    assert.match(preview[0][1], /the warranty does not cover this, but I can/);

    await options.click('#pack-import');
    await until(() => options.textContent('#pack-status'), (t) => t === 'Imported "acme".', 'imported');
    await until(() => options.locator('[data-pack="acme"]').count(), (n) => n === 1, 'the pack is listed');
    assert.match(await options.textContent('[data-pack="acme"] header'), /imported/);
    const stored = await h.serviceWorker.evaluate(async () => ({ ...(await chrome.storage.sync.get('packs')), ...(await chrome.storage.local.get('packs')) }));
    assert.deepEqual(stored.packs, [GOOD_JSON]);

    await page.keyboard.type('Sorry, the gizmo warranty is void.');
    await until(() => ui(page), (u) => u.hints.includes('acme/gizmo-void'), 'the open tab flags the new rule');
    await page.close();
  });

  it('shows where a malformed pack is wrong, with line:column or path and rule id, and refuses it', async () => {
    await paste('{\n  "id": "broken",\n  "rules": [ }\n');
    let v = await until(verdict, (x) => x.errors.length > 0, 'the syntax error shows');
    assert.equal(v.state, 'bad');
    assert.equal(v.importable, false);
    assert.match(v.errors[0], /^line 3, column 14: expected value/);

    const badRule = structuredClone(GOOD);
    badRule.id = 'acme2';
    badRule.rules[0].pattern = '(unclosed';
    await paste(JSON.stringify(badRule, null, 2));
    v = await until(verdict, (x) => x.errors.length > 0 && !/^line 3/.test(x.errors[0]), 'the rule error shows');
    assert.match(v.errors[0], /^rules\[0\]\.pattern \(rule gizmo-void\): /);
    assert.equal(v.importable, false);
  });

  it('refuses a pack whose own examples fail, listing them', async () => {
    const failing = structuredClone(GOOD);
    failing.id = 'acme3';
    failing.rules[0].examples = { flag: ['The gizmo warranty ended.'], pass: ['Note: the gizmo warranty is void.'] };
    await paste(JSON.stringify(failing, null, 2));
    const v = await until(verdict, (x) => x.failures.length === 2, 'both failing examples are listed');
    assert.equal(v.state, 'bad');
    assert.match(v.text, /Refused: 2 examples fail/);
    assert.deepEqual(v.failures, [
      'acme3/gizmo-void: should be flagged but is not: The gizmo warranty ended.',
      'acme3/gizmo-void: is flagged but should not be: Note: the gizmo warranty is void.',
    ]);
    assert.equal(v.importable, false);
  });

  it('reads a pack from a file', async () => {
    const fromFile = structuredClone(GOOD);
    fromFile.id = 'from-file';
    await options.setInputFiles('#pack-file', { name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(fromFile)) });
    await until(verdict, (x) => x.state === 'ok' && /"from-file"/.test(x.text), 'the file is validated');
    assert.equal(JSON.parse(await options.inputValue('#pack-text')).id, 'from-file');
  });

  it('keeps a pack too large for sync storage in local storage', async () => {
    const big = structuredClone(GOOD);
    big.id = 'big';
    big.rules[0].id = 'many-phrases';
    big.rules[0].phrases = Array.from({ length: 400 }, (_, i) => `the zq${i} widget is void`);
    big.rules[0].examples = { flag: ['Sorry, the zq7 widget is void.'], pass: ['The zq7 widget works.'] };
    const json = JSON.stringify(big, null, 2);
    assert.ok(json.length > 8192, 'over chrome.storage.sync.QUOTA_BYTES_PER_ITEM');
    await paste(json);
    await until(verdict, (x) => x.state === 'ok', 'the big pack is valid');
    await options.click('#pack-import');
    await until(() => options.textContent('#pack-status'), (t) => t === 'Imported "big".', 'imported');
    const where = await h.serviceWorker.evaluate(async () => ({
      sync: (await chrome.storage.sync.get('packs')).packs ?? null,
      local: ((await chrome.storage.local.get('packs')).packs ?? []).map((p) => JSON.parse(p).id),
    }));
    assert.deepEqual(where, { sync: null, local: ['acme', 'big'] });
    const page = await h.openDemo('textarea');
    await page.click('#reply');
    await page.keyboard.type('Sorry, the zq399 widget is void.');
    await until(() => ui(page), (u) => u.hints.includes('big/many-phrases'), 'the big pack\'s rule fires');
    await page.close();
    await options.click('[data-remove-pack="big"]');
    await until(() => h.serviceWorker.evaluate(async () => ({ sync: (await chrome.storage.sync.get('packs')).packs?.length ?? 0, local: 'packs' in (await chrome.storage.local.get('packs')) })),
      (w) => w.sync === 1 && !w.local, 'the remaining pack fits in sync again');
  });

  it('exports any pack and the whole configuration as JSON', async () => {
    const save = async (selector) => {
      const [download] = await Promise.all([options.waitForEvent('download'), options.click(selector)]);
      return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
    };
    const imported = await save('[data-export-pack="acme"]');
    assert.deepEqual(imported, { name: 'acme.json', text: GOOD_JSON });

    const builtin = await save('[data-export-pack="robotic"]');
    assert.equal(builtin.name, 'robotic.json');
    // A built-in pack is a starting point for a team's own: under its own id
    // (the built-in one stays loaded, so its id is taken) it is a valid pack.
    const copy = JSON.stringify({ ...JSON.parse(builtin.text), id: 'robotic-copy' });
    const validation = await options.evaluate(async (json) => {
      const { loadEngine } = await import(chrome.runtime.getURL('lint-engine.js'));
      return (await loadEngine()).validate(json, 'robotic.json');
    }, copy);
    assert.deepEqual(validation, { ok: true, id: 'robotic-copy', errors: [], failures: [] }, 'a built-in pack exports as a valid pack');

    const config = await save('#config-export');
    assert.equal(config.name, 'carelint-configuration.json');
    const parsed = JSON.parse(config.text);
    assert.deepEqual(Object.keys(parsed), ['enabledSites', 'customSites', 'packs', 'disabledRules', 'internalNotes', 'nudge']);
    assert.deepEqual(parsed.packs, [GOOD_JSON]);
    assert.deepEqual(parsed.nudge, { enabled: false, severity: 'warning' });
  });

  it('renders pack text as text: markup in a message and a suggestion shows literally and never runs', async () => {
    const mark = h.requests.length;
    await paste(JSON.stringify(XSS, null, 2));
    await until(verdict, (x) => x.state === 'ok', 'the hostile pack is valid');
    await options.fill('#preview-text', 'Sorry, the sprocket rule applies.');
    await options.click('#pack-import');
    await until(() => options.locator('[data-pack="xss"]').count(), (n) => n === 1, 'the pack is listed');
    const shown = await options.evaluate(() => ({
      name: document.querySelector('[data-pack="xss"] h3').textContent,
      message: document.querySelector('[data-rule="xss/sprocket"] .message').textContent,
      preview: document.querySelector('[data-preview-hint="xss/sprocket"]').textContent,
      images: document.querySelectorAll('img:not(header img)').length,
      bold: document.querySelectorAll('main b').length,
      ran: window.carelintXss ?? null,
    }));
    assert.equal(shown.name, 'Hostile <b>pack</b>');
    assert.equal(shown.message, XSS.rules[0].message);
    assert.ok(shown.preview.includes(XSS.rules[0].suggestions[0]), shown.preview);
    assert.equal(shown.images, 0);
    assert.equal(shown.bold, 0);
    assert.equal(shown.ran, null);

    const page = await h.openDemo('textarea');
    await page.click('#reply');
    await page.keyboard.type('Sorry, the sprocket rule applies.');
    await until(() => ui(page), (u) => u.hints.includes('xss/sprocket'), 'the hostile rule flags');
    await settled(page);
    await page.keyboard.press('Alt+Shift+J');
    const { popover } = await until(() => ui(page), (u) => u.popover !== null, 'the popover opens');
    assert.ok(popover.text.includes(XSS.rules[0].message), popover.text);
    assert.deepEqual(popover.suggestions, [XSS.rules[0].suggestions[0]]);
    const inPage = await page.evaluate(() => ({
      images: document.querySelector('carelint-ui').shadowRoot.querySelectorAll('img').length,
      ran: window.carelintXss ?? null,
    }));
    assert.deepEqual(inPage, { images: 0, ran: null });
    await clickUi(page, '[data-carelint-suggestion]');
    await until(() => page.inputValue('#reply'), (v) => v === `Sorry, ${XSS.rules[0].suggestions[0]}.`, 'the suggestion goes in as text');
    assert.equal(await page.evaluate(() => window.carelintXss ?? null), null);
    assert.deepEqual(h.requests.slice(mark).filter((r) => /\/x$/.test(r.url)), [], 'no image was requested');
    await page.close();
  });

  it('had no console errors and made no request off the machine', () => {
    assert.deepEqual(h.consoleErrors, []);
    assert.deepEqual(h.foreignRequests, []);
  });
});
