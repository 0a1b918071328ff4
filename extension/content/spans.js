// @ts-check
// Keeping spans on their text while the agent types. Between two readings
// of a field, the change is taken as one edit (the common prefix and suffix
// are unchanged). Spans before or after it move with the text; a span the
// edit touches is gone (its text is no longer what was flagged).
// Used for dismissed hints (dismissed stays dismissed while typing
// elsewhere), the open popover, and hints waiting for a fresh lint.

/** @typedef {{ start: number, removed: number, inserted: number }} Edit */

/**
 * The single edit that turns `before` into `after`.
 * @param {string} before
 * @param {string} after
 * @returns {Edit}
 */
export function editBetween(before, after) {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // A keystroke inserts or removes characters at one place: when the rest
  // is equal (one native comparison), the tail needs no loop over a long reply.
  const grown = after.length - before.length;
  if (grown >= 0 ? after.slice(start + grown) === before.slice(start) : before.slice(start - grown) === after.slice(start)) {
    return { start, removed: Math.max(0, -grown), inserted: Math.max(0, grown) };
  }
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, removed: before.length - start - tail, inserted: after.length - start - tail };
}

/**
 * `span` after `edit`, or null when the edit overlaps or touches it (typing
 * right against a phrase changes the phrase).
 * @template {{ start: number, end: number }} S
 * @param {S} span
 * @param {Edit} edit
 * @returns {S | null}
 */
export function shiftSpan(span, edit) {
  if (edit.start + edit.removed < span.start) return moveSpan(span, edit.inserted - edit.removed);
  if (edit.start > span.end) return span;
  return null;
}

/**
 * A copy of `span` moved by `delta` characters, with its prototype: a
 * hint's suggestions are a getter there, worked out only when a popover
 * reads them (extension/report.js), not by every move.
 * @template {{ start: number, end: number }} S
 * @param {S} span
 * @param {number} delta
 * @returns {S}
 */
export function moveSpan(span, delta) {
  const moved = /** @type {S} */ (Object.assign(Object.create(Object.getPrototypeOf(span)), span));
  moved.start = span.start + delta;
  moved.end = span.end + delta;
  return moved;
}
