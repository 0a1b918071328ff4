// @ts-check
// Accepting a suggestion: replace exactly the flagged span, through the
// editor's own input path, so its model updates, Ctrl+Z undoes the change in
// one step and the caret ends after the new text. One path per editor family:
// - textarea: select the span, execCommand('insertText') (the browser's own
//   undoable edit);
// - contenteditable (plain or a rich editor): select the span, let the editor
//   see the selection, then a cancelable `beforeinput` insertReplacementText
//   with targetRanges, data and dataTransfer, as the browser sends for a
//   spelling correction; editors with a model (Quill, CKEditor) handle and
//   cancel it. If nobody did, execCommand('insertText') edits the DOM and
//   the editor picks the change up like typing (ProseMirror, plain), with
//   an undo step boundary on either side (TinyMCE's own undo manager).
// Before editing, the text at the span is read again: if it is no longer
// the flagged text, nothing is edited and the caller re-lints.
import { selectionIn } from './fields.js';
import { readEditable } from './textmap.js';

/** @typedef {{ start: number, end: number, text: string }} Span */

/**
 * @param {HTMLElement} field a watched field
 * @param {Span} span where the flagged text was, in the field's text
 * @param {string} replacement
 * @returns {Promise<boolean>} false when the span no longer holds `span.text`
 */
export function replaceSpan(field, span, replacement) {
  return field.localName === 'textarea'
    ? Promise.resolve(replaceInTextarea(/** @type {HTMLTextAreaElement} */ (field), span, replacement))
    : replaceInEditable(field, span, replacement);
}

/**
 * @param {HTMLTextAreaElement} field
 * @param {Span} span
 * @param {string} replacement
 */
function replaceInTextarea(field, span, replacement) {
  if (field.value.slice(span.start, span.end) !== span.text) return false;
  field.focus({ preventScroll: true });
  field.setSelectionRange(span.start, span.end);
  if (!insert(field.ownerDocument, replacement)) {
    // execCommand is not available (it is deprecated, and a page can be in a
    // state where it refuses): the text is still right, only undo is lost.
    field.setRangeText(replacement, span.start, span.end, 'end');
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: replacement }));
  }
  return true;
}

/**
 * @param {HTMLElement} field
 * @param {Span} span
 * @param {string} replacement
 */
async function replaceInEditable(field, span, replacement) {
  const doc = field.ownerDocument;
  let range = rangeIfUnchanged(field, span);
  if (!range) return false;
  field.focus({ preventScroll: true });
  const selection = selectionIn(field);
  if (!selection) return false;
  select(selection, range);
  // Editors keep their model's selection in step on `selectionchange`
  // (CKEditor also starts a new undo step there): wait for it, as a real
  // selection by the agent would.
  await selectionSettled(doc);
  range = rangeIfUnchanged(field, span);
  if (!range) return false;
  const before = readEditable(field).text;
  const transfer = new DataTransfer();
  transfer.setData('text/plain', replacement);
  const event = new InputEvent('beforeinput', {
    inputType: 'insertReplacementText',
    data: replacement,
    dataTransfer: transfer,
    targetRanges: [new StaticRange(range)],
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  const unhandled = field.dispatchEvent(event) && readEditable(field).text === before;
  if (unhandled) {
    undoStep(field, replacement);
    select(selection, range);
    insert(doc, replacement);
    undoStep(field, replacement);
  }
  return true;
}

/**
 * Marks an undo step boundary for editors with an undo stack of their own
 * (TinyMCE): they take a snapshot on the `input` of a spelling correction,
 * not on execCommand's `insertText`, and typing is one open step until
 * then. One before the edit closes the agent's typing as a step of its own;
 * one after records the edit, so one Ctrl+Z undoes exactly the edit.
 * @param {HTMLElement} field
 * @param {string} replacement
 */
function undoStep(field, replacement) {
  field.dispatchEvent(new InputEvent('input', { inputType: 'insertReplacementText', data: replacement, bubbles: true, composed: true }));
}

/**
 * The DOM Range of `span` if the field still has the flagged text there.
 * @param {HTMLElement} field
 * @param {Span} span
 */
function rangeIfUnchanged(field, span) {
  const map = readEditable(field);
  return map.text.slice(span.start, span.end) === span.text ? map.range(span.start, span.end) : null;
}

/**
 * Replaces the selection the way typing does.
 * @param {Document} doc
 * @param {string} text
 * @returns {boolean} whether the browser did it
 */
function insert(doc, text) {
  return text ? doc.execCommand('insertText', false, text) : doc.execCommand('delete');
}

/**
 * @param {Selection} selection
 * @param {Range} range
 */
function select(selection, range) {
  selection.setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset);
}

/**
 * Resolves after the next `selectionchange` has been dispatched (editors
 * listen for it), or shortly if none comes (the selection did not change).
 * @param {Document} doc
 * @returns {Promise<void>}
 */
function selectionSettled(doc) {
  return new Promise((resolve) => {
    const done = () => {
      doc.removeEventListener('selectionchange', later);
      clearTimeout(timer);
      resolve();
    };
    // Our listener may run before the editor's: resolve one task later.
    const later = () => setTimeout(done, 0);
    const timer = setTimeout(done, 100);
    doc.addEventListener('selectionchange', later, { once: true });
  });
}
