// End-to-end: the site's pack studio (dist/www/studio/) in headless
// Chromium, with real keyboard and mouse input in its CodeMirror editor.
// What an admin writing a pack notices: the engine's error next to the text
// and in it, fixed by typing until every example passes; the preview shows
// what the pack adds and silences; the download is the pack; the schema
// completes keys and values and marks its errors inline; a built-in pack's
// copy is a valid start; pack text shows as text. Nothing leaves the page.
//   ./build.sh build && node --test tests/e2e/www-studio.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch } from './harness.mjs';
import { onSite } from './site.mjs';

let h;
before(async () => { h = await launch({ extension: false }); });
after(async () => { await h?.close(); });

/** A pack with a misspelt severity and a flag example its phrase does not match. */
const BROKEN = `{
  "id": "acme",
  "name": "Acme support voice",
  "version": "1.0.0",
  "lang": "en",
  "disable": ["robotic/thank-you-for-patience"],
  "rules": [
    {
      "id": "gizmo-void",
      "category": "dismissive",
      "severity": "warnin",
      "phrases": ["the gizmo warranty is void"],
      "message": "A flat 'void' ends the conversation; say what you can still do.",
      "suggestions": ["the warranty does not cover this, but I can"],
      "examples": {
        "flag": ["The gizmo warranty ended."],
        "pass": ["Your gizmo warranty covers it."]
      }
    }
  ]
}
`;

/**
 * Opens the studio once it is ready, runs `body`, then checks the console
 * and every request.
 * @param {(page: import('playwright-core').Page) => Promise<void>} body
 */
const onStudio = (body) => onSite(h, '/studio/', body, { ready: 'html[data-ready]' });

/** What the page shows about the pack. */
function report(page) {
  return page.evaluate(() => ({
    state: document.getElementById('verdict').dataset.state,
    verdict: document.getElementById('verdict').textContent,
    errors: [...document.querySelectorAll('#errors li')].map((li) => li.textContent),
    inline: document.querySelectorAll('.cm-lintRange-error').length,
    examples: document.getElementById('example-summary').textContent,
    results: [...document.querySelectorAll('#examples li')].map((li) => [li.dataset.result, li.textContent]),
    preview: [...document.querySelectorAll('[data-preview-hint]')].map((li) => [li.dataset.previewHint, li.dataset.previewChange]),
  }));
}

/** Waits until `check(report)` holds; on timeout, fails with `what` and the last report. */
async function until(page, check, what, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await report(page);
    if (check(last)) return last;
    if (Date.now() > deadline) assert.fail(`${what}; last: ${JSON.stringify(last)}`);
    await page.waitForTimeout(50);
  }
}

/** Replaces the editor's text as a paste does. */
async function paste(page, text) {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

describe('pack studio', () => {
  it('shows a broken pack\'s error at its place; typing the fixes makes its examples pass; the preview and the download follow', async () => {
    await onStudio(async (page) => {
      await paste(page, BROKEN);
      let r = await until(page, (x) => x.errors.length === 1, 'the engine\'s error is listed');
      assert.equal(r.state, 'bad');
      assert.match(r.errors[0], /^rules\[0\]\.severity \(rule gizmo-void\): unknown variant `warnin`/);
      assert.ok(r.inline > 0, 'the error is marked in the text');
      assert.match(r.examples, /run once the pack is valid/);

      // The error takes the caret to its place; fix the word there.
      await page.focus('#errors li');
      await page.keyboard.press('Enter');
      assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('cm-content')), 'the editor has the focus');
      await page.keyboard.press('End');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.type('g');
      r = await until(page, (x) => x.errors.length === 0 && x.results.length === 2, 'valid now, the examples ran');
      assert.equal(r.examples, '1 of 2 examples pass.');
      assert.deepEqual(r.results.map(([result]) => result), ['fail', 'pass']);
      assert.match(r.results[0][1], /should be flagged but is not: The gizmo warranty ended\./);
      assert.deepEqual(await page.$$eval('#failures li', (els) => els.map((li) => li.textContent)),
        ['acme/gizmo-void: should be flagged but is not: The gizmo warranty ended.'], 'the failure is listed next to the text');
      assert.equal(r.inline, 0, 'nothing marked in the text');

      // The failing example takes the caret to its end; rewrite its last word.
      await page.focus('#examples li[data-result="fail"]');
      await page.keyboard.press('Enter');
      for (let i = 0; i < 'ended.'.length; i++) await page.keyboard.press('Backspace');
      await page.keyboard.type('is void.');
      r = await until(page, (x) => x.state === 'ok', 'the pack is valid and its examples pass');
      assert.equal(r.verdict, 'Valid: pack "acme", and its examples pass.');
      assert.equal(r.examples, '2 of 2 examples pass.');

      await page.fill('#preview-text', 'Hi Maria, thank you for your patience. Sorry, the gizmo warranty is void.');
      r = await until(page, (x) => x.preview.some(([rule]) => rule === 'acme/gizmo-void'), 'the preview shows the new rule');
      assert.deepEqual(r.preview, [['robotic/thank-you-for-patience', 'silenced'], ['acme/gizmo-void', 'added']]);
      assert.match(await page.textContent('#preview-summary'), /adds 1, silences 1 and changes 0/);
      assert.match(await page.textContent('[data-preview-change="added"]'), /Suggests: the warranty does not cover this, but I can/);

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      assert.equal(download.suggestedFilename(), 'acme.json');
      const saved = readFileSync(await download.path(), 'utf8');
      assert.equal(saved, BROKEN.replace('"warnin"', '"warning"').replace('warranty ended.', 'warranty is void.'));
    });
  });

  it('completes keys and values from the schema and marks schema errors in the text', async () => {
    await onStudio(async (page) => {
      // The empty pack: put a rule object into its "rules": [].
      await page.click('.cm-content');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('End');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.type('{');
      // Let the check of the new text (a rule with no fields) run first.
      await until(page, (x) => x.errors.length > 0, 'the empty rule is checked');
      await page.keyboard.press('Control+Space');
      const labels = () => page.$$eval('.cm-tooltip-autocomplete .cm-completionLabel', (els) => els.map((e) => e.textContent));
      await page.waitForSelector('.cm-tooltip-autocomplete');
      const keys = await labels();
      for (const key of ['id', 'category', 'severity', 'phrases', 'message', 'examples']) assert.ok(keys.includes(key), `${key} in ${keys}`);
      await page.keyboard.type('sever');
      // CodeMirror takes Enter as a pick only once the list has shown for
      // its interactionDelay (75 ms); a quicker Enter is a line break. An
      // agent's Enter comes later than that; the test's has to wait for it.
      await page.waitForFunction(() => [...document.querySelectorAll('.cm-tooltip-autocomplete .cm-completionLabel')]
        .map((e) => e.textContent).join() === 'severity');
      await page.waitForTimeout(150);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /"severity": /.test(document.querySelector('.cm-content')?.textContent ?? ''));
      await page.waitForTimeout(300); // the check after this edit (150 ms debounce)
      await page.keyboard.press('Control+Space');
      await page.waitForSelector('.cm-tooltip-autocomplete');
      assert.deepEqual((await labels()).sort(), ['"error"', '"suggestion"', '"warning"']);
      await page.keyboard.press('Escape');
      await page.keyboard.type('"loud"');
      const text = await page.evaluate(() => document.querySelector('.cm-content').textContent);
      assert.match(text, /"rules": \[\{"severity": "loud"\}\]/);
      const r = await until(page, (x) => x.errors.length === 1 && x.inline >= 2, 'the schema\'s and the engine\'s errors are marked');
      assert.match(r.errors[0], /^rules\[0\]\.severity: unknown variant `loud`/);
      await page.keyboard.press('Control+Shift+M'); // the problems, listed
      const listed = await page.textContent('.cm-panel-lint');
      assert.match(listed, /rules\[0\]\.severity: must be equal to one of the allowed values: "suggestion", "warning", "error"/);
      assert.match(listed, /rules\[0\]: must have required property 'category'/);
      assert.match(listed, /rules\[0\]: needs exactly one of `phrases`, `pattern`/);
    });
  });

  it('starts from a copy of a built-in pack, valid with every example passing, with the keyboard alone', async () => {
    await onStudio(async (page) => {
      await page.focus('#start-from');
      await page.keyboard.press('ArrowDown'); // the first built-in pack
      await page.keyboard.press('ArrowDown'); // the second
      assert.equal(await page.inputValue('#start-from'), 'dismissive');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter'); // Start
      const r = await until(page, (x) => x.state === 'ok' && /dismissive-copy/.test(x.verdict), 'the copy is valid');
      const [, passing, total] = r.examples.match(/^(\d+) of (\d+) examples pass\.$/) ?? [];
      assert.ok(Number(total) > 10 && passing === total, r.examples);
      assert.ok(r.results.every(([result]) => result === 'pass'));
      const focused = () => page.evaluate(() => (document.activeElement?.classList.contains('cm-content') ? 'editor' : document.activeElement?.id));
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'editor', 'Tab goes into the editor');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'download', 'and out of it: the editor does not keep Tab');
    });
  });

  it('shows pack text as text: markup in a message, suggestion and example never becomes HTML', async () => {
    await onStudio(async (page) => {
      const hostile = JSON.parse(BROKEN.replace('"warnin"', '"warning"').replace('warranty ended.', 'warranty is void.'));
      hostile.rules[0].message = '<img src=x onerror="window.studioXss=1">A message';
      hostile.rules[0].suggestions = ['<b>bold</b> offer'];
      hostile.rules[0].examples.pass = ['<img src=y onerror="window.studioXss=2"> the gizmo'];
      await paste(page, JSON.stringify(hostile, null, 2));
      // The empty pack the studio starts with is valid too: wait for this
      // pack's own examples to be run.
      await until(page, (x) => x.state === 'ok' && x.results.length === 2, 'the hostile pack is valid and its examples run');
      await page.fill('#preview-text', 'Sorry, the gizmo warranty is void.');
      await until(page, (x) => x.preview.some(([rule]) => rule === 'acme/gizmo-void'), 'the preview shows the rule');
      const shown = await page.evaluate(() => ({
        message: document.querySelector('[data-preview-hint="acme/gizmo-void"] .message').textContent,
        example: document.querySelector('#examples [data-example="pass"]').textContent,
        images: document.querySelectorAll('main img').length,
        bold: document.querySelectorAll('main b').length,
        ran: window.studioXss ?? null,
      }));
      assert.equal(shown.message, hostile.rules[0].message);
      assert.ok(shown.example.includes(hostile.rules[0].examples.pass[0]), shown.example);
      assert.deepEqual([shown.images, shown.bold, shown.ran], [0, 0, null]);
    });
  });
});
