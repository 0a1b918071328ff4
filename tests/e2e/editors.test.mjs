// End-to-end: the same scenarios in every editor variant of the demo
// helpdesk, with the real extension (dist/extension) in headless Chromium and
// real keyboard and mouse input.
//   ./build.sh build && node --test --test-concurrency=1 tests/e2e/
//
// Assertions are what an agent would notice: the hint box sits on the
// phrase, the popover opens by click and by key, the editor's OWN model
// (quill.getText(), the ProseMirror doc, CKEditor's getData(), the textarea's
// value, innerText of a plain contenteditable) changes exactly where a
// suggestion was taken, one Ctrl+Z undoes it, a dismissed hint stays gone,
// nothing is logged as an error and nothing goes over the network.
//
// No retries and no fixed sleeps: every wait is for a condition, with a
// timeout, and a timeout reports the last state seen. The only pacing is
// human pacing: before each new user action the page gets two animation
// frames to handle what came before (see `settle`), and before accepting a
// suggestion the editor's undo-grouping window has closed (see
// `untilUndoBoundary`), as it has for an agent who reads the popover first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { click, focusReply, press, type, untilUndoBoundary, onDemo, FIRST_HINT_MS } from './agent.mjs';
import { center, probe, settle, state, waitForState, waitForText } from './probe.mjs';

/** The rule the scenarios target (robotic pack), and its phrase. */
const RULE = 'robotic/thank-you-for-patience';
const PHRASE = 'thank you for your patience'; // matched case-insensitively in the page
/** Keyboard shortcut that moves to the next hint and opens its popover
 * (documented in the README; handled in extension/content/). */
const NEXT_HINT = 'Alt+Shift+J';

const VARIANTS = ['textarea', 'contenteditable', 'quill', 'prosemirror', 'ckeditor', 'tinymce', 'iframe', 'shadow', 'strict-csp'];

const UPDATE_MS = 3_000;

const REPLY = 'Hi Maria,\nThank you for your patience. I checked your order and the refund went out today.';

let h;
before(async () => { h = await launch(); });
after(async () => { await h?.close(); });

const scenario = (variant, body) => onDemo(h, variant, body);

/** Wait until a RULE box lies on the n-th occurrence of the phrase. */
function waitForAlignedHint(page, n = 0, timeout = UPDATE_MS, what = 'a hint box lies on the phrase') {
  return waitForState(page, { rule: RULE, pattern: PHRASE, n }, (s) => s.aligned,
    `${what} ([data-carelint-hint="${RULE}"] within 2 px of the Range's rects, occurrence ${n})`, timeout);
}

/** Type the standard reply and wait for the first hint to show up on it. */
async function typeReplyAndWaitForHint(page) {
  await focusReply(page);
  await type(page, REPLY);
  return waitForAlignedHint(page, 0, FIRST_HINT_MS, 'typing a robotic phrase shows a hint');
}

/** The text expected after the n-th phrase is replaced by `replacement`. */
function replaced(before, replacement, n = 0) {
  const m = [...before.matchAll(new RegExp(PHRASE, 'gi'))][n];
  assert.ok(m, `the phrase is in the editor's text: ${JSON.stringify(before)}`);
  return before.slice(0, m.index) + replacement + before.slice(m.index + m[0].length);
}

/** The text a suggestion button puts in: its data-carelint-suggestion value
 * when it carries one, else its label. */
const suggestionText = (s) => (s.value && s.value !== 'true' ? s.value : s.text);

/** One popover, with suggestions, done moving in (a user clicks what has
 * settled on screen). */
const popoverOpen = (s) => s.popovers.length === 1 && s.popovers[0].suggestions.length > 0 && !s.popovers[0].animating;

/** Start recording where popovers are on their first painted frame. */
const watchPopovers = (page) => probe(page, { op: 'watchPopovers' });

/**
 * The popover showed up next to the hint from its very first frame (within
 * 48 px of the hint's box), not somewhere else on the page first.
 */
async function assertPopoverNextTo(page, hint) {
  const seen = await probe(page, { op: 'popoversSeen' });
  assert.ok(seen.length > 0, 'a popover was painted');
  const p = seen[seen.length - 1];
  const m = 48;
  const near = p.left - m < hint.right && p.right + m > hint.left && p.top - m < hint.bottom && p.bottom + m > hint.top;
  assert.ok(near, `on its first frame the popover is next to the hint: popover ${JSON.stringify(p)}, hint ${JSON.stringify(hint)}`);
}

/** The badge shows the number of hints on screen. */
const badgeMatches = (s) => s.badges.length === 1 && Number(s.badges[0].count) === s.allBoxes;

for (const variant of VARIANTS) {
  describe(variant, () => {
    it('typing a robotic phrase shows a hint on the phrase, counted by the badge', async () => {
      await scenario(variant, async (page) => {
        const s = await typeReplyAndWaitForHint(page);
        assert.equal(s.boxes.length, 1, 'one box for the one occurrence (it does not wrap)');
        await waitForState(page, {}, badgeMatches, 'one badge whose data-count equals the number of hints shown');
        assert.ok(s.text.includes('Thank you for your patience. I checked'), 'showing hints leaves the text alone');
      });
    });

    it('the badge sits in the reply box\'s corner from the first focus on', async () => {
      await scenario(variant, async (page) => {
        await focusReply(page);
        const s = await waitForState(page, {}, (st) => st.badges.length === 1, 'focusing the empty reply box shows its badge');
        const [b, a] = [s.badges[0].rect, s.visibleArea];
        const inCorner = b.left >= a.left && b.top >= a.top && a.right - b.right >= 0 && a.right - b.right <= 12 &&
          a.bottom - b.bottom >= 0 && a.bottom - b.bottom <= 12;
        assert.ok(inCorner, `the badge is in the bottom right corner of the reply box: badge ${JSON.stringify(b)}, box ${JSON.stringify(a)}`);
      });
    });

    it('keyboard: Enter takes the first suggestion; one Ctrl+Z restores the reply', async () => {
      await scenario(variant, async (page) => {
        const s = await typeReplyAndWaitForHint(page);
        const before = s.text;
        await untilUndoBoundary(page);
        await press(page, NEXT_HINT);
        await waitForState(page, {}, popoverOpen, `${NEXT_HINT} opens the popover`);
        await press(page, 'Enter');
        await waitForText(page, (t) => t !== before, 'Enter takes the first suggestion');
        await press(page, 'Control+z');
        await waitForText(page, (t) => t === before, 'one Ctrl+Z restores the reply as it was');
      });
    });

    it('click opens the popover; a suggestion changes the editor model; one Ctrl+Z restores it', async () => {
      await scenario(variant, async (page) => {
        const s = await typeReplyAndWaitForHint(page);
        const before = s.text;
        await untilUndoBoundary(page);
        await watchPopovers(page);
        await click(page, center(s.boxes[0].rect));
        const open = await waitForState(page, {}, popoverOpen, 'clicking the hint opens its popover with suggestions');
        assert.equal(open.popovers[0].role, 'dialog', 'the popover has role="dialog"');
        await assertPopoverNextTo(page, s.boxes[0].rect);
        const suggestion = open.popovers[0].suggestions[0];
        assert.ok(suggestion.clickable,
          `the first suggestion is on screen and can be clicked (not cut off or covered): ${JSON.stringify(open.popovers[0])}`);
        const expected = replaced(before, suggestionText(suggestion));
        await click(page, center(suggestion.rect));
        await waitForText(page, (t) => t !== before, 'clicking a suggestion changes the editor model');
        assert.equal(await probe(page, { op: 'text' }), expected,
          'exactly the flagged phrase is replaced; the rest of the reply is untouched');
        await waitForState(page, { rule: RULE }, (st) => st.boxes.length === 0 && st.popovers.length === 0,
          'the hint and the popover go away once the phrase is replaced');
        await press(page, 'Control+z');
        await waitForText(page, (t) => t === before, 'one Ctrl+Z restores the reply as it was');
        await waitForAlignedHint(page, 0, UPDATE_MS, 'after undo the hint is back on the phrase');
      });
    });

    it(`keyboard: ${NEXT_HINT} opens the popover, Escape closes it, Enter takes the first suggestion`, async () => {
      await scenario(variant, async (page) => {
        const s = await typeReplyAndWaitForHint(page);
        const before = s.text;
        // Caret to the start of the phrase's line: the shortcut goes to the
        // hint at or after the caret, whatever else the packs flag.
        await press(page, 'Control+Home');
        await press(page, 'ArrowDown');
        await watchPopovers(page);
        await press(page, NEXT_HINT);
        await waitForState(page, {}, popoverOpen, `${NEXT_HINT} opens the hint's popover`);
        await assertPopoverNextTo(page, s.boxes[0].rect);
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
        // The next key lands right after the inserted text or, when the
        // suggestion has a [blank], over its first blank (blanks.test.mjs).
        const blank = first.match(/\[[^\]]+\]/)?.[0];
        await type(page, 'X');
        await waitForText(page, (t) => t !== replaced(before, first), 'typing after accepting changes the text');
        assert.equal(await probe(page, { op: 'text' }), replaced(before, blank ? first.replace(blank, 'X') : `${first}X`),
          blank ? 'the first blank was selected' : 'the caret was right after the inserted text');
      });
    });

    it('dismiss hides the hint and it stays hidden while typing elsewhere', async () => {
      await scenario(variant, async (page) => {
        const s = await typeReplyAndWaitForHint(page);
        await click(page, center(s.boxes[0].rect));
        const open = await waitForState(page, {}, (st) => popoverOpen(st) && st.popovers[0].dismiss.length === 1,
          'clicking the hint opens its popover with a Dismiss button');
        assert.ok(open.popovers[0].dismiss[0].clickable,
          `the Dismiss button is on screen and can be clicked (not cut off or covered): ${JSON.stringify(open.popovers[0])}`);
        await click(page, center(open.popovers[0].dismiss[0].rect));
        const gone = await waitForState(page, { rule: RULE }, (st) => st.boxes.length === 0 && st.popovers.length === 0,
          'Dismiss hides the hint and closes the popover');
        assert.equal(gone.text, s.text, 'dismissing leaves the text alone');
        await waitForState(page, {}, badgeMatches, 'the badge count drops with the dismissed hint');
        // Type elsewhere, the same phrase included: the new occurrence gets a
        // hint (proof the reply was checked again), the dismissed one does not.
        await focusReply(page);
        await type(page, '\nThanks again, and thank you for your patience.');
        const later = await waitForAlignedHint(page, 1, UPDATE_MS, 'the occurrence typed later gets its own hint');
        const first = await state(page, { rule: RULE, pattern: PHRASE, n: 0 });
        assert.equal(first.covering, 0, `the dismissed occurrence stays without a hint: ${JSON.stringify(later.boxes)}`);
        assert.equal(later.boxes.length, 1, 'only the new occurrence has a box');
        await waitForState(page, {}, badgeMatches, 'the badge counts the new hint only');
      });
    });

    it('typing and scrolling keep the boxes on the text', async () => {
      await scenario(variant, async (page) => {
        await typeReplyAndWaitForHint(page);
        // A new line above moves the phrase down.
        await press(page, 'Control+Home');
        await type(page, 'Hello again!\n');
        await waitForAlignedHint(page, 0, UPDATE_MS, 'after typing a line above the phrase');
        // A long reply: the editor scrolls to the caret and the phrase leaves the view.
        await press(page, 'Control+End');
        for (let i = 1; i <= 12; i++) await type(page, `\nStep ${i}: here is what happens next with your refund.`);
        const out = await waitForState(page, { rule: RULE, pattern: PHRASE }, (st) => {
          const a = st.visibleArea;
          return st.boxes.every((b) => b.rect.top >= a.top - 2 && b.rect.bottom <= a.bottom + 2);
        }, 'no box is painted outside the reply box once its phrase has scrolled out of view');
        assert.ok(out.phrase.rects.every((r) => r.bottom <= out.visibleArea.top),
          `set-up: the long reply scrolled the phrase out of the reply box's view: ${JSON.stringify(out.phrase)}`);
        // Scroll the reply box back to the phrase, then scroll the page.
        const scrolled = await probe(page, { op: 'scrollPhraseIntoView', pattern: PHRASE, n: 0, margin: 40 });
        assert.notEqual(scrolled, false, 'set-up: the reply box scrolls');
        await waitForAlignedHint(page, 0, UPDATE_MS, 'after scrolling the reply box back to the phrase');
        const pageY = await page.evaluate(() => { window.scrollTo(0, 140); return window.scrollY; });
        assert.equal(pageY, 140, 'set-up: the ticket page scrolls');
        await waitForAlignedHint(page, 0, UPDATE_MS, 'after scrolling the page');
      });
    });

    it('the internal note (data-carelint="off") is never checked', async () => {
      await scenario(variant, async (page) => {
        await typeReplyAndWaitForHint(page);
        await settle(page);
        await page.click('#internal-note');
        await type(page, 'Macro says thank you for your patience; fine in a note.');
        // Check the reply again: once its new hint shows, the note had its chance too.
        await focusReply(page);
        await type(page, '\nThank you for your patience, truly.');
        const s = await waitForAlignedHint(page, 1, UPDATE_MS, 'the reply is still checked');
        assert.equal(s.badges.length, 1, 'only the reply box has a badge');
        const note = await page.evaluate(() => {
          const r = document.getElementById('internal-note').getBoundingClientRect();
          return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
        });
        const overNote = s.all.filter(({ rect: b }) => b.right > note.left && b.left < note.right && b.bottom > note.top && b.top < note.bottom);
        assert.deepEqual(overNote, [], 'no hint box over the internal note');
      });
    });
  });
}
