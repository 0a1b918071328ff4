// @ts-check
// Importing an admin pack: pasted or from a file, validated as the agent
// types by the same Rust engine the reply boxes use (`Engine.validate`:
// syntax with line:column, fields with their JSON path and rule id, then
// the pack's own examples). Only a pack that is valid and whose examples
// pass can be imported. A preview lints a sample reply with and without it.
// The views are pack-check.js's, which the site's pack studio shows too.
import { loadEngine } from '../lint-engine.js';
import { loadSettings, updateSettings } from '../settings.js';
import { errorItem, failureItem, previewer, previewItems, verdict as verdictOf } from './pack-check.js';
import { packId } from './packs-view.js';

/**
 * @typedef {import('../policy.js').Merged} Merged
 * @typedef {import('../engine/carelint.js').Validation} Validation
 * @typedef {import('../engine/carelint.js').PackError} PackError
 */

/** Validation waits for a pause in typing this long (a 1 MiB pack takes a moment). */
const DEBOUNCE_MS = 120;

const text = /** @type {HTMLTextAreaElement} */ (document.getElementById('pack-text'));
const file = /** @type {HTMLInputElement} */ (document.getElementById('pack-file'));
const verdict = /** @type {HTMLElement} */ (document.getElementById('pack-verdict'));
const errorList = /** @type {HTMLElement} */ (document.getElementById('pack-errors'));
const failureList = /** @type {HTMLElement} */ (document.getElementById('pack-failures'));
const importButton = /** @type {HTMLButtonElement} */ (document.getElementById('pack-import'));
const status = /** @type {HTMLElement} */ (document.getElementById('pack-status'));
const sample = /** @type {HTMLTextAreaElement} */ (document.getElementById('preview-text'));
const previewList = /** @type {HTMLElement} */ (document.getElementById('preview-hints'));

/** @type {typeof import('../engine/carelint.js').Engine} */
let EngineClass;
/** Pack ids that an import must not take: the built-in packs and the admin's. */
let reserved = new Map(/** @type {Array<[string, string]>} */ ([]));
let locked = false;
/** @type {Validation | null} */
let current = null;
let timer = 0;
/** @type {ReturnType<typeof previewer>} */
let previewHints;

/** Wires the editor, the file input and the preview; call once. */
export async function initImport() {
  EngineClass = await loadEngine();
  previewHints = previewer(EngineClass);
  text.addEventListener('input', () => {
    status.textContent = '';
    clearTimeout(timer);
    timer = window.setTimeout(check, DEBOUNCE_MS);
  });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    text.value = await chosen.text();
    status.textContent = '';
    check();
  });
  sample.addEventListener('input', preview);
  importButton.addEventListener('click', importPack);
  check();
}

/**
 * What the import may not override, from the settings in force.
 * @param {Merged} merged
 * @param {Array<{ id: string, builtin: boolean }>} packs
 */
export function updateImport(merged, packs) {
  const policyIds = new Set(merged.settings.packs.filter((p) => p.policy).map((p) => packId(p.json)));
  reserved = new Map(packs.flatMap((p) => (p.builtin ? [[p.id, 'comes with Carelint']] : policyIds.has(p.id) ? [[p.id, 'comes from your administrator']] : [])));
  locked = merged.locked.packs;
  check();
}

/** Validates the text and shows the result next to it. */
function check() {
  clearTimeout(timer);
  const json = text.value;
  current = json.trim() ? EngineClass.validate(json, 'pack') : null;
  errorList.replaceChildren(...(current?.errors ?? []).map((e) => errorItem(e, e.line !== null ? jump : undefined)));
  failureList.replaceChildren(...(current?.failures ?? []).map(failureItem));
  const taken = current?.id ? reserved.get(current.id) : undefined;
  const shown = verdictOf(current, taken);
  verdict.textContent = shown.text;
  verdict.dataset.state = shown.state;
  importButton.disabled = locked || !current?.ok || !!taken;
  preview();
}

/**
 * Puts the caret where a syntax error is.
 * @param {PackError} e
 */
function jump(e) {
  const at = offsetOf(text.value, e.line ?? 1, e.column ?? 1);
  text.focus();
  text.setSelectionRange(at, at);
}

/**
 * Offset of a 1-based line and column (exact for ASCII, which JSON syntax
 * errors are nearly always about).
 * @param {string} s
 * @param {number} line
 * @param {number} column
 */
function offsetOf(s, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = s.indexOf('\n', offset);
    if (next < 0) return s.length;
    offset = next + 1;
  }
  return Math.min(s.length, offset + column - 1);
}

async function importPack() {
  const json = text.value;
  const validation = EngineClass.validate(json, 'pack');
  if (!validation.ok || !validation.id) return check();
  const id = validation.id;
  try {
    const own = (await loadSettings()).user.packs ?? [];
    // Importing a pack again (a new version) replaces it.
    await updateSettings({ packs: [...own.filter((p) => packId(p) !== id), json] });
    status.textContent = `Imported "${id}".`;
  } catch (error) {
    status.textContent = `Not imported: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Lints the sample reply with the built-in packs, with and without the pack being edited. */
function preview() {
  const usable = current && !current.errors.length ? text.value : '';
  previewList.replaceChildren(...previewItems(previewHints(usable, sample.value)));
}
