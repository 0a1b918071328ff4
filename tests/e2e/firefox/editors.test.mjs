// End-to-end in Firefox: the agent's scenarios on the textarea,
// contenteditable, ProseMirror and CKEditor 5 demo pages, with the real
// add-on (dist/extension-firefox, a temporary add-on) in headless
// firefox-esr and real WebDriver keyboard and mouse input. The same
// assertions as ../editors.test.mjs, on the same page measurements
// (../probe.mjs) and the same agent pacing (../agent.mjs).
//   ./build.sh build && node --test tests/e2e/firefox/editors.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { click, focusReply, onDemo, press, type, untilUndoBoundary, FIRST_HINT_MS } from '../agent.mjs';
import { center, probe, state, waitForState, waitForText } from '../probe.mjs';

const RULE = 'robotic/thank-you-for-patience';
const PHRASE = 'thank you for your patience';
const NEXT_HINT = 'Alt+Shift+J';
const VARIANTS = ['textarea', 'contenteditable', 'prosemirror', 'ckeditor'];
const UPDATE_MS = 3_000;
const REPLY = 'Hi Maria,\nThank you for your patience. I checked your order and the refund went out today.';

let h;
before(async () => { h = await launch(); });
after(async () => { await h?.close(); });

const waitForAlignedHint = (page, n = 0, timeout = UPDATE_MS, what = 'a hint box lies on the phrase') =>
  waitForState(page, { rule: RULE, pattern: PHRASE, n }, (s) => s.aligned,
    `${what} ([data-carelint-hint="${RULE}"] within 2 px of the Range's rects, occurrence ${n})`, timeout);

async function typeReplyAndWaitForHint(page) {
  await focusReply(page);
  await type(page, REPLY);
  return waitForAlignedHint(page, 0, FIRST_HINT_MS, 'typing a robotic phrase shows a hint');
}

function replaced(text, replacement, n = 0) {
  const m = [...text.matchAll(new RegExp(PHRASE, 'gi'))][n];
  assert.ok(m, `the phrase is in the editor's text: ${JSON.stringify(text)}`);
  return text.slice(0, m.index) + replacement + text.slice(m.index + m[0].length);
}

const suggestionText = (s) => (s.value && s.value !== 'true' ? s.value : s.text);
const popoverOpen = (s) => s.popovers.length === 1 && s.popovers[0].suggestions.length > 0 && !s.popovers[0].animating;
const badgeMatches = (s) => s.badges.length === 1 && Number(s.badges[0].count) === s.allBoxes;

for (const variant of VARIANTS) {
  describe(`firefox: ${variant}`, () => {
    it('typing a robotic phrase shows a hint on the phrase, counted by the badge', async () => {
      await onDemo(h, variant, async (page) => {
        const s = await typeReplyAndWaitForHint(page);
        assert.equal(s.boxes.length, 1, 'one box for the one occurrence');
        await waitForState(page, {}, badgeMatches, 'one badge whose data-count equals the number of hints shown');
      });
    });

    it('click opens the popover; a suggestion changes the editor model; one Ctrl+Z restores it', async () => {
      await onDemo(h, variant, async (page) => {
        const s = await typeReplyAndWaitForHint(page);
        const before = s.text;
        await untilUndoBoundary(page);
        await click(page, center(s.boxes[0].rect));
        const open = await waitForState(page, {}, popoverOpen, 'clicking the hint opens its popover with suggestions');
        assert.equal(open.popovers[0].role, 'dialog', 'the popover has role="dialog"');
        const suggestion = open.popovers[0].suggestions[0];
        assert.ok(suggestion.clickable, `the first suggestion can be clicked: ${JSON.stringify(open.popovers[0])}`);
        const expected = replaced(before, suggestionText(suggestion));
        await click(page, center(suggestion.rect));
        await waitForText(page, (t) => t !== before, 'clicking a suggestion changes the editor model');
        assert.equal(await probe(page, { op: 'text' }), expected, 'exactly the flagged phrase is replaced');
        await waitForState(page, { rule: RULE }, (st) => st.boxes.length === 0 && st.popovers.length === 0,
          'the hint and the popover go away once the phrase is replaced');
        await press(page, 'Control+z');
        await waitForText(page, (t) => t === before, 'one Ctrl+Z restores the reply as it was');
        await waitForAlignedHint(page, 0, UPDATE_MS, 'after undo the hint is back on the phrase');
      });
    });

    it(`keyboard: ${NEXT_HINT} opens the popover, Escape closes it, Enter takes the first suggestion; one Ctrl+Z restores`, async () => {
      await onDemo(h, variant, async (page) => {
        const s = await typeReplyAndWaitForHint(page);
        const before = s.text;
        await press(page, 'Control+Home');
        await press(page, 'ArrowDown');
        await press(page, NEXT_HINT);
        await waitForState(page, {}, popoverOpen, `${NEXT_HINT} opens the hint's popover`);
        await press(page, 'Escape');
        const closed = await waitForState(page, {}, (st) => st.popovers.length === 0, 'Escape closes the popover');
        assert.equal(closed.text, before, 'opening and closing the popover leaves the text alone');
        assert.ok(closed.focused, 'after Escape the reply box still has focus');
        await untilUndoBoundary(page);
        await press(page, NEXT_HINT);
        const open = await waitForState(page, {}, popoverOpen, `${NEXT_HINT} opens the popover again`);
        const first = suggestionText(open.popovers[0].suggestions[0]);
        await press(page, 'Enter');
        await waitForText(page, (t) => t !== before, 'Enter takes the first suggestion');
        assert.equal(await probe(page, { op: 'text' }), replaced(before, first), 'Enter replaces exactly the flagged phrase');
        await press(page, 'Control+z');
        await waitForText(page, (t) => t === before, 'one Ctrl+Z restores the reply as it was');
      });
    });

    it('dismiss hides the hint and it stays hidden while typing elsewhere', async () => {
      await onDemo(h, variant, async (page) => {
        const s = await typeReplyAndWaitForHint(page);
        await click(page, center(s.boxes[0].rect));
        const open = await waitForState(page, {}, (st) => popoverOpen(st) && st.popovers[0].dismiss.length === 1,
          'clicking the hint opens its popover with a Dismiss button');
        await click(page, center(open.popovers[0].dismiss[0].rect));
        const gone = await waitForState(page, { rule: RULE }, (st) => st.boxes.length === 0 && st.popovers.length === 0,
          'Dismiss hides the hint and closes the popover');
        assert.equal(gone.text, s.text, 'dismissing leaves the text alone');
        await focusReply(page);
        await type(page, '\nThanks again, and thank you for your patience.');
        const later = await waitForAlignedHint(page, 1, UPDATE_MS, 'the occurrence typed later gets its own hint');
        const first = await state(page, { rule: RULE, pattern: PHRASE, n: 0 });
        assert.equal(first.covering, 0, `the dismissed occurrence stays without a hint: ${JSON.stringify(later.boxes)}`);
        assert.equal(later.boxes.length, 1, 'only the new occurrence has a box');
      });
    });
  });
}

describe('firefox: the whole run', () => {
  it('made no request that left the machine and logged no console error', () => {
    assert.deepEqual(h.foreignRequests, [], 'no request to another host (Firefox\'s own services aside)');
    assert.deepEqual(h.consoleErrors(), [], 'no console error in pages, content scripts or the add-on');
    assert.deepEqual(h.manifestWarnings(), [], 'Firefox read the manifest without a warning');
  });
});
