// @ts-check
// Checking a pack someone is writing, shown the same way on the options
// page (import) and on the site's pack studio: the engine's verdict, its
// errors with line:column or JSON path and rule id, the examples that fail,
// and a preview of what the pack adds to, silences in or changes about a
// sample reply (the reply linted with and without it). Elements come from
// dom.js, so pack text only ever becomes text nodes.
import { h } from './dom.js';

/**
 * @typedef {import('../engine/carelint.js').Engine} Engine
 * @typedef {typeof import('../engine/carelint.js').Engine} EngineClass
 * @typedef {import('../engine/carelint.js').Hint} Hint
 * @typedef {import('../engine/carelint.js').PackInfo} PackInfo
 * @typedef {import('../engine/carelint.js').PackError} PackError
 * @typedef {import('../engine/carelint.js').ExampleFailure} ExampleFailure
 * @typedef {import('../engine/carelint.js').Validation} Validation
 * @typedef {'added' | 'silenced' | 'changed' | 'kept'} Change
 */

/** Names for the preview's placeholders, like the demo ticket's. */
export const PREVIEW_CONTEXT = { customer: { first_name: 'Maria', name: 'Maria Lopez' }, agent: { first_name: 'Sam', name: 'Sam Patel' } };

/**
 * The verdict line for a validation (null: nothing typed yet); `taken` says
 * why the pack's id cannot be used here, when it cannot.
 * @param {Validation | null} validation
 * @param {string} [taken]
 * @returns {{ state: 'empty' | 'ok' | 'bad', text: string }}
 */
export function verdict(validation, taken) {
  if (!validation) return { state: 'empty', text: 'Nothing to check yet.' };
  if (validation.errors.length) return { state: 'bad', text: 'Not valid: fix the problem below.' };
  const failing = validation.failures.length;
  if (failing) return { state: 'bad', text: `Refused: ${failing === 1 ? '1 example fails' : `${failing} examples fail`}. A pack must pass its own examples.` };
  if (taken) return { state: 'bad', text: `A pack with the id "${validation.id}" ${taken}; give yours another id.` };
  return { state: 'ok', text: `Valid: pack "${validation.id}", and its examples pass.` };
}

/**
 * Where an engine error is: line and column for syntax, else the JSON path.
 * @param {PackError} e
 */
export const errorPlace = (e) => (e.line !== null ? `line ${e.line}, column ${e.column}` : e.path ?? 'pack');

/**
 * One engine error as a list item. With `jump`, the item takes the caret
 * to the error (click or Enter).
 * @param {PackError} e
 * @param {(e: PackError) => void} [jump]
 */
export function errorItem(e, jump) {
  const where = errorPlace(e);
  const item = h('li', { 'data-error': where },
    h('strong', {}, where), e.rule ? ` (rule ${e.rule})` : '', `: ${e.message}`);
  if (jump) {
    item.tabIndex = 0;
    item.addEventListener('click', () => jump(e));
    item.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault(); // else the Enter lands in the editor that now has the focus
      jump(e);
    });
  }
  return item;
}

/** @param {ExampleFailure} f */
export function failureItem(f) {
  return h('li', { 'data-failure': f.rule },
    h('strong', {}, f.rule), ': ',
    f.kind === 'flag' ? 'should be flagged but is not: ' : 'is flagged but should not be: ',
    h('q', {}, f.example));
}

/**
 * A built-in pack as a file an admin can start from: the engine's own
 * description of it, which is the pack format.
 * @param {PackInfo} pack
 * @param {Partial<PackInfo>} [changes] fields to replace (a copy needs an id of its own)
 */
export function builtinJson(pack, changes = {}) {
  const { builtin: _builtin, ...file } = pack;
  return `${JSON.stringify({ ...file, ...changes }, null, 2)}\n`;
}

/**
 * Lints sample replies with the built-in packs, with and without one more
 * pack. The engine without it is built once; the one with it whenever the
 * pack's text changes.
 * @param {EngineClass} Engine
 */
export function previewer(Engine) {
  const without = new Engine({ builtin: true, packs: [], disabled: [] });
  /** @type {Engine | null} */
  let withPack = null;
  let builtFor = '';
  /**
   * Every hint of `sample` with the pack (added, changed or kept) and
   * every hint the pack silenced, in text order. An empty `json` (a pack
   * with errors) changes nothing.
   * @param {string} json
   * @param {string} sample
   * @returns {Array<{ hint: Hint, change: Change }>}
   */
  return (json, sample) => {
    if (!json) return without.lint(sample, PREVIEW_CONTEXT).hints.map((hint) => ({ hint, change: 'kept' }));
    if (!withPack || builtFor !== json) {
      withPack?.free();
      withPack = new Engine({ builtin: true, packs: [{ json, origin: 'pack' }], disabled: [] });
      builtFor = json;
    }
    const key = (/** @type {Hint} */ x) => `${x.rule} ${x.start} ${x.end}`;
    const before = new Map(without.lint(sample, PREVIEW_CONTEXT).hints.map((x) => [key(x), x]));
    const after = withPack.lint(sample, PREVIEW_CONTEXT).hints;
    const afterKeys = new Set(after.map(key));
    /** @type {Array<{ hint: Hint, change: Change }>} */
    const rows = after.map((hint) => {
      const old = before.get(key(hint));
      const change = !old ? 'added' : old.severity !== hint.severity || old.message !== hint.message ? 'changed' : 'kept';
      return { hint, change };
    });
    for (const [k, hint] of before) if (!afterKeys.has(k)) rows.push({ hint, change: 'silenced' });
    return rows.sort((a, b) => a.hint.start - b.hint.start || a.hint.end - b.hint.end);
  };
}

/** @type {Record<Change, string>} */
const CHANGE_LABEL = { added: 'added by this pack', silenced: 'silenced by this pack', changed: 'changed by this pack', kept: '' };

/**
 * The preview as list items (one saying so when there are no hints).
 * @param {Array<{ hint: Hint, change: Change }>} rows
 */
export function previewItems(rows) {
  if (!rows.length) return [h('li', { class: 'hint' }, 'No hints in this sample.')];
  return rows.map(({ hint, change }) => h('li', { 'data-preview-hint': hint.rule, 'data-preview-change': change },
    h('q', {}, hint.text), ' ', h('span', { class: 'tag' }, hint.rule),
    change === 'kept' ? null : h('span', { class: `tag change-${change}` }, CHANGE_LABEL[change]),
    h('p', { class: 'message' }, hint.message),
    ...(change === 'silenced' ? [] : hint.suggestions.map((s) => h('p', { class: 'example' }, 'Suggests: ', h('q', {}, s))))));
}
