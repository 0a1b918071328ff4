// End-to-end: suggestions with blanks ("I'll check [what] and write back by
// [time]") in the textarea and in rich editors, with the real extension in
// headless Chromium and real keyboard and mouse input. What an agent notices:
// the first blank is selected once the suggestion is in, typing replaces it,
// Tab selects the next blank and, after the last, leaves the reply box as
// usual; one Ctrl+Z still restores the reply; a Tab the page makes up does
// nothing.
//   ./build.sh build && node --test tests/e2e/blanks.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { click, focusReply, press, type, untilUndoBoundary, onDemo, FIRST_HINT_MS } from './agent.mjs';
import { launch } from './harness.mjs';
import { center, settle, waitForState } from './probe.mjs';

/** A rule (vague pack) whose one suggestion has two blanks, and a phrase it flags. */
const RULE = 'vague/look-into-it';
const PHRASE = 'we will look into it';
// The phrase is not where typing ended: ProseMirror merges an edit next to
// the last one, within 500 ms, into the same undo step.
const REPLY = 'Hi Maria,\nWe will look into it. Thanks for the screenshots of the double charge.';

const VARIANTS = ['textarea', 'prosemirror', 'ckeditor'];

const UPDATE_MS = 3_000;

let h;
before(async () => { h = await launch(); });
after(async () => { await h?.close(); });

const scenario = (variant, body) => onDemo(h, variant, body);

/**
 * The editor's text, what is selected in the reply box (textarea: its
 * selection; rich editors: the window's), and whether the box has focus.
 */
function selection(page) {
  return page.evaluate(() => {
    const { field, getText } = window.carelintDemo;
    const doc = field.ownerDocument;
    const focused = doc.activeElement === field;
    if (field instanceof doc.defaultView.HTMLTextAreaElement) {
      return { text: getText(), selected: field.value.slice(field.selectionStart, field.selectionEnd), start: field.selectionStart, focused };
    }
    const sel = doc.getSelection();
    const inField = !!sel && sel.rangeCount > 0 && field.contains(sel.anchorNode) && field.contains(sel.focusNode);
    return { text: getText(), selected: inField ? sel.toString() : null, start: null, focused };
  });
}

/** Wait until `check(selection)` holds; on timeout, fail with `what` and the last state. */
async function waitForSelection(page, check, what, timeout = UPDATE_MS) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await selection(page);
    if (check(last)) return last;
    if (Date.now() > deadline) break;
    await settle(page);
  }
  assert.fail(`timed out after ${timeout} ms waiting until ${what}\nlast state: ${JSON.stringify(last)}`);
}

/** The reply with the flagged phrase replaced by `replacement`. */
function replaced(before, replacement) {
  const m = new RegExp(PHRASE, 'i').exec(before);
  assert.ok(m, `the phrase is in the editor's text: ${JSON.stringify(before)}`);
  return before.slice(0, m.index) + replacement + before.slice(m.index + m[0].length);
}

/**
 * Types the reply, takes the rule's suggestion by clicking it and returns
 * the text before and the suggestion taken.
 */
async function acceptSuggestionWithBlanks(page) {
  await focusReply(page);
  await type(page, REPLY);
  const s = await waitForState(page, { rule: RULE, pattern: PHRASE, n: 0 }, (st) => st.aligned,
    `a ${RULE} hint box lies on "${PHRASE}"`, FIRST_HINT_MS);
  await untilUndoBoundary(page);
  await click(page, center(s.boxes[0].rect));
  const open = await waitForState(page, {}, (st) => st.popovers.length === 1 && st.popovers[0].suggestions.length > 0
    && !st.popovers[0].animating, 'clicking the hint opens its popover with suggestions');
  const suggestion = open.popovers[0].suggestions[0];
  assert.match(suggestion.value, /\[[^\]]+\].*\[[^\]]+\]/, `set-up: the suggestion has two blanks: ${suggestion.value}`);
  await click(page, center(suggestion.rect));
  const after = replaced(s.text, suggestion.value);
  const [firstBlank] = suggestion.value.match(/\[[^\]]+\]/);
  const got = await waitForSelection(page, (x) => x.text === after && x.selected === firstBlank,
    `taking the suggestion puts it in and selects its first blank, ${firstBlank}`);
  if (got.start !== null) assert.equal(got.start, after.indexOf(firstBlank), 'the textarea selects the blank inside the suggestion');
  return { before: s.text, after, suggestion: suggestion.value };
}

for (const variant of VARIANTS) {
  describe(variant, () => {
    it('the first blank is selected, typing replaces it, Tab selects the next, then Tab leaves the reply', async () => {
      await scenario(variant, async (page) => {
        const { before, suggestion } = await acceptSuggestionWithBlanks(page);
        const [first, second] = suggestion.match(/\[[^\]]+\]/g);
        await type(page, 'the card statement');
        const filled = replaced(before, suggestion.replace(first, 'the card statement'));
        await waitForSelection(page, (x) => x.text === filled, 'typing replaces the selected blank');
        await press(page, 'Tab');
        const onSecond = await waitForSelection(page, (x) => x.selected === second, `Tab selects the next blank, ${second}`);
        assert.equal(onSecond.text, filled, 'Tab does not change the text');
        assert.ok(onSecond.focused, 'the reply box keeps focus');
        await type(page, 'Friday noon');
        const done = replaced(before, suggestion.replace(first, 'the card statement').replace(second, 'Friday noon'));
        await waitForSelection(page, (x) => x.text === done, 'typing replaces the second blank');
        await press(page, 'Tab');
        const left = await waitForSelection(page, (x) => !x.focused, 'after the last blank, Tab moves focus out of the reply box as usual');
        assert.equal(left.text, done, 'that Tab leaves the text alone');
      });
    });

    it('one Ctrl+Z right after taking the suggestion restores the reply exactly', async () => {
      await scenario(variant, async (page) => {
        const { before } = await acceptSuggestionWithBlanks(page);
        await press(page, 'Control+z');
        await waitForSelection(page, (x) => x.text === before, 'one Ctrl+Z restores the reply as it was');
      });
    });

    it('a Tab the page dispatches does not move the selection', async () => {
      await scenario(variant, async (page) => {
        const { after, suggestion } = await acceptSuggestionWithBlanks(page);
        const [first, second] = suggestion.match(/\[[^\]]+\]/g);
        await settle(page);
        const notCancelled = await page.evaluate(() => window.carelintDemo.field.dispatchEvent(
          new KeyboardEvent('keydown', { key: 'Tab', code: 'Tab', bubbles: true, cancelable: true, composed: true })));
        assert.ok(notCancelled, 'the extension does not act on an untrusted Tab');
        await settle(page);
        const still = await selection(page);
        assert.equal(still.selected, first, 'after a synthetic Tab the first blank is still selected');
        assert.equal(still.text, after, 'and the text is unchanged');
        // A real Tab does move: the check above could fail.
        await press(page, 'Tab');
        await waitForSelection(page, (x) => x.selected === second, `a real Tab selects the next blank, ${second}`);
      });
    });

    it('Escape ends blank navigation: Tab then leaves the reply box as usual', async () => {
      await scenario(variant, async (page) => {
        const { after } = await acceptSuggestionWithBlanks(page);
        await press(page, 'Escape');
        await press(page, 'Tab');
        const left = await waitForSelection(page, (x) => !x.focused, 'after Escape, Tab moves focus out of the reply box');
        assert.equal(left.text, after, 'Escape and Tab leave the text alone');
      });
    });
  });
}
