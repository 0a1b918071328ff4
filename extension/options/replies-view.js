// @ts-check
// The Replies section: hints in internal notes, and the pre-send nudge.
import { updateSettings } from '../settings.js';

/** @typedef {import('../policy.js').Merged} Merged */

const notes = /** @type {HTMLInputElement} */ (document.getElementById('internal-notes'));
const nudge = /** @type {HTMLInputElement} */ (document.getElementById('nudge-enabled'));
const severity = /** @type {HTMLSelectElement} */ (document.getElementById('nudge-severity'));

/** Wires the controls; call once. */
export function initReplies() {
  notes.addEventListener('change', () => save({ internalNotes: notes.checked }));
  const saveNudge = () => save({ nudge: { enabled: nudge.checked, severity: /** @type {import('../policy.js').Severity} */ (severity.value) } });
  nudge.addEventListener('change', saveNudge);
  severity.addEventListener('change', saveNudge);
}

/** @param {Merged} merged */
export function renderReplies({ settings, locked }) {
  notes.checked = settings.internalNotes;
  notes.disabled = locked.internalNotes;
  nudge.checked = settings.nudge.enabled;
  severity.value = settings.nudge.severity;
  nudge.disabled = severity.disabled = locked.nudge;
}

/** @param {import('../policy.js').Layer} patch */
function save(patch) {
  // A refused write (locked meanwhile) leaves the controls to the next render.
  updateSettings(patch).catch(() => {});
}
