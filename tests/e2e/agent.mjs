// An agent's input on a demo page, at a human pace: before each action the
// page gets two animation frames to handle what came before (see `settle`
// in probe.mjs). Shared by the end-to-end tests that type into a reply box.
import assert from 'node:assert/strict';
import { probe, settle, waitForState } from './probe.mjs';

/**
 * How long the first hint may take: it includes the engine's lazy start on
 * first focus in a fresh profile (wasm compile, packs, and on strict-CSP
 * pages the service-worker fallback), which a busy 2-core machine can
 * stretch to many seconds. A wait, not a speed target (those are benched).
 */
export const FIRST_HINT_MS = 30_000;

/** A key press at a human pace. */
export async function press(page, key) {
  await settle(page);
  await page.keyboard.press(key);
}

/** Typing at a human pace between actions; "\n" presses Enter. */
export async function type(page, text) {
  await settle(page);
  const parts = text.split('\n');
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) await page.keyboard.press('Enter');
    if (parts[i]) await page.keyboard.type(parts[i]);
  }
}

/** A click at a human pace. */
export async function click(page, { x, y }) {
  await settle(page);
  await page.mouse.move(x, y);
  await page.mouse.click(x, y);
}

/** Click into the reply box, as an agent does, then put the caret at the end. */
export async function focusReply(page) {
  const r = await probe(page, { op: 'fieldRect' });
  await click(page, { x: r.left + 24, y: r.top + 14 });
  await waitForState(page, {}, (s) => s.focused, 'clicking the reply box focuses it', 3_000);
  await press(page, 'Control+End');
}

/**
 * Quill merges every change made within `history.delay` (1 s) into one undo
 * step, so a suggestion accepted within a second of typing would be undone
 * together with the typing. An agent reads the popover first; wait, on the
 * editor's own clock, until that window has closed. (ProseMirror starts a new
 * group for a non-adjacent edit; CKEditor and the browser's native undo do
 * when the selection moves.)
 */
export async function untilUndoBoundary(page) {
  await page.waitForFunction(() => {
    const history = window.carelintDemo.editor && window.carelintDemo.editor.history;
    if (!history || !history.options || typeof history.lastRecorded !== 'number') return true;
    return Date.now() - history.lastRecorded > history.options.delay;
  }, null, { timeout: 5_000, polling: 50 });
}

/**
 * Opens demo `variant` in a fresh tab of harness `h`, runs `body`, then
 * checks that nothing was logged as an error and nothing left the machine.
 */
export async function onDemo(h, variant, body) {
  const mark = h.mark();
  const page = await h.openDemo(variant);
  try {
    await body(page);
  } finally {
    await page.close();
  }
  const { consoleErrors, foreignRequests } = h.since(mark);
  assert.deepEqual(consoleErrors, [], 'no console errors (page, frames, extension)');
  assert.deepEqual(foreignRequests, [], 'no network request leaves the machine');
}
