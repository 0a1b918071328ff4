// @ts-check
// Importing an admin pack: pasted or from a file, validated as the agent
// types by the same Rust engine the reply boxes use (`Engine.validate`:
// syntax with line:column, fields with their JSON path and rule id, then
// the pack's own examples). Only a pack that is valid and whose examples
// pass can be imported. A preview lints a sample reply with it.
import { loadEngine } from '../lint-engine.js';
import { loadSettings, updateSettings } from '../settings.js';
import { h } from './dom.js';
import { packId } from './packs-view.js';

/**
 * @typedef {import('../policy.js').Merged} Merged
 * @typedef {import('../engine/carelint.js').Validation} Validation
 * @typedef {import('../engine/carelint.js').PackError} PackError
 * @typedef {import('../engine/carelint.js').Engine} Engine
 */

/** Validation waits for a pause in typing this long (a 1 MiB pack takes a moment). */
const DEBOUNCE_MS = 120;
/** Names for the preview's placeholders, like the demo ticket's. */
const PREVIEW_CONTEXT = { customer: { first_name: 'Maria', name: 'Maria Lopez' }, agent: { first_name: 'Sam', name: 'Sam Patel' } };

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

/** Wires the editor, the file input and the preview; call once. */
export async function initImport() {
  EngineClass = await loadEngine();
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
  errorList.replaceChildren(...(current?.errors ?? []).map(errorItem));
  failureList.replaceChildren(...(current?.failures ?? []).map((f) => h('li', { 'data-failure': f.rule },
    h('strong', {}, f.rule), ': ',
    f.kind === 'flag' ? 'should be flagged but is not: ' : 'is flagged but should not be: ',
    h('q', {}, f.example))));
  const taken = current?.id ? reserved.get(current.id) : undefined;
  if (!current) verdict.textContent = 'Nothing to check yet.';
  else if (current.errors.length) verdict.textContent = 'Not valid: fix the problem below.';
  else if (current.failures.length) verdict.textContent = `Refused: ${current.failures.length === 1 ? '1 example fails' : `${current.failures.length} examples fail`}. A pack must pass its own examples.`;
  else if (taken) verdict.textContent = `A pack with the id "${current.id}" ${taken}; give yours another id.`;
  else verdict.textContent = `Valid: pack "${current.id}", and its examples pass.`;
  verdict.dataset.state = !current ? 'empty' : current.ok && !taken ? 'ok' : 'bad';
  importButton.disabled = locked || !current?.ok || !!taken;
  preview();
}

/** @param {PackError} e */
function errorItem(e) {
  const where = e.line !== null ? `line ${e.line}, column ${e.column}` : e.path ?? 'pack';
  const item = h('li', { 'data-error': where },
    h('strong', {}, where), e.rule ? ` (rule ${e.rule})` : '', `: ${e.message}`);
  if (e.line !== null && e.column !== null) {
    // Clicking the error puts the caret where it is.
    const at = offsetOf(text.value, e.line, e.column);
    item.tabIndex = 0;
    item.addEventListener('click', () => {
      text.focus();
      text.setSelectionRange(at, at);
    });
  }
  return item;
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

/** @type {Engine | null} */
let previewEngine = null;
let previewFor = '';

/** Lints the sample reply with the built-in packs and the pack being edited. */
function preview() {
  const usable = current && !current.errors.length ? text.value : '';
  if (!previewEngine || previewFor !== usable) {
    previewEngine?.free();
    previewEngine = new EngineClass({ builtin: true, packs: usable ? [{ json: usable, origin: 'pack' }] : [], disabled: [] });
    previewFor = usable;
  }
  const { hints } = previewEngine.lint(sample.value, PREVIEW_CONTEXT);
  previewList.replaceChildren(...(hints.length ? hints.map((hint) => h('li', { 'data-preview-hint': hint.rule },
    h('q', {}, hint.text), ' ', h('span', { class: 'tag' }, hint.rule),
    h('p', { class: 'message' }, hint.message),
    ...hint.suggestions.map((s) => h('p', { class: 'example' }, 'Suggests: ', h('q', {}, s))))) : [h('li', { class: 'hint' }, 'No hints in this sample.')]));
}
