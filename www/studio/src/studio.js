// @ts-check
// The pack studio: write a pack in a code editor and see, as you type,
// what the engine says about it (the same Engine.validate as the options
// page's import, shown by the same views: extension/options/pack-check.js),
// each of its examples passing or failing, and what it adds to or silences
// in a sample reply. Everything runs in this page.
import init, { Engine } from '../../../extension/engine/carelint.js';
import { download, h } from '../../../extension/options/dom.js';
import { builtinJson, errorItem, errorPlace, failureItem, previewer, previewItems, verdict } from '../../../extension/options/pack-check.js';
import { packEditor } from './editor.js';
import { enginePath, locate } from './json-paths.js';
import { schemaDiagnostics } from './schema.js';

/**
 * @typedef {import('../../../extension/engine/carelint.js').PackError} PackError
 * @typedef {import('../../../extension/engine/carelint.js').PackInfo} PackInfo
 * @typedef {import('../../../extension/engine/carelint.js').Validation} Validation
 * @typedef {import('@codemirror/lint').Diagnostic} Diagnostic
 * @typedef {import('@codemirror/state').EditorState} EditorState
 */

/** Checks wait for a pause in typing this long. */
const DEBOUNCE_MS = 150;

/** The empty starting point: valid, with no rules yet. */
const EMPTY = `${JSON.stringify({ id: 'my-team', name: "My team's voice", version: '0.1.0', lang: 'en', rules: [] }, null, 2)}\n`;

const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const startFrom = /** @type {HTMLSelectElement} */ (byId('start-from'));
const verdictLine = byId('verdict');
const errorList = byId('errors');
const failureList = byId('failures');
const exampleSummary = byId('example-summary');
const exampleList = byId('examples');
const sample = /** @type {HTMLTextAreaElement} */ (byId('preview-text'));
const previewSummary = byId('preview-summary');
const previewList = byId('preview-hints');

try {
  await init({ module_or_path: new URL('../engine/carelint_bg.wasm', document.baseURI) });
} catch (error) {
  verdictLine.textContent = `The engine did not load: ${error instanceof Error ? error.message : String(error)}`;
  verdictLine.dataset.state = 'bad';
  throw error;
}
const builtins = (() => {
  const engine = new Engine({ builtin: true });
  try {
    return engine.packs().filter((p) => p.builtin);
  } finally {
    engine.free();
  }
})();
const previewHints = previewer(Engine);

let timer = 0;
const editor = packEditor(byId('editor'), {
  label: 'Pack JSON',
  describedBy: 'report',
  onChange: () => {
    clearTimeout(timer);
    timer = window.setTimeout(check, DEBOUNCE_MS);
  },
});

/** @type {Validation | null} */
let current = null;

/** Validates the pack, runs its examples and the preview, and shows all of it. */
function check() {
  clearTimeout(timer);
  const text = editor.text();
  current = text.trim() ? Engine.validate(text, 'pack') : null;
  const shown = verdict(current);
  verdictLine.textContent = shown.text;
  verdictLine.dataset.state = shown.state;
  const { state } = editor.view;
  const errors = current?.errors ?? [];
  errorList.replaceChildren(...errors.map((e) => errorItem(e, (err) => editor.jump(errorRange(editor.view.state, err).from))));
  failureList.replaceChildren(...(current?.failures ?? []).map(failureItem));
  const engineMarks = errors.map((e) => ({
    ...errorRange(state, e), severity: /** @type {const} */ ('error'), source: 'engine',
    message: `${errorPlace(e)}${e.rule ? ` (rule ${e.rule})` : ''}: ${e.message}`,
  }));
  const data = parsed(text);
  editor.show([...engineMarks, ...schemaDiagnostics(state, data)]);
  showExamples(data);
  preview();
}

/**
 * The text as JSON, or undefined when it does not parse (the engine says where).
 * @param {string} text
 */
function parsed(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Where an engine error is in the text: its line and column, else its path.
 * @param {EditorState} state
 * @param {PackError} e
 */
function errorRange(state, e) {
  if (e.line !== null) {
    const line = state.doc.line(Math.min(Math.max(1, e.line), state.doc.lines));
    const from = Math.min(line.from + Math.max(0, (e.column ?? 1) - 1), line.to);
    return { from, to: Math.min(from + 1, line.to) };
  }
  const { from, to } = locate(state, e.path ? enginePath(e.path) : []);
  return { from, to };
}

/**
 * Every example of every rule, passing or failing. The engine ran them
 * (on the pack alone) when it validated; failures are what it reported.
 * @param {any} pack the text as JSON
 */
function showExamples(pack) {
  if (!current || current.errors.length) {
    exampleSummary.textContent = current ? 'The examples run once the pack is valid.' : 'No pack yet.';
    exampleList.replaceChildren();
    return;
  }
  /** @type {Map<string, number>} */
  const failing = new Map();
  const key = (/** @type {string} */ rule, /** @type {string} */ kind, /** @type {string} */ example) => JSON.stringify([rule, kind, example]);
  for (const f of current.failures) failing.set(key(f.rule, f.kind, f.example), (failing.get(key(f.rule, f.kind, f.example)) ?? 0) + 1);
  /** @type {{ id: string, examples?: { flag?: string[], pass?: string[] } }[]} */
  const rules = Array.isArray(pack?.rules) ? pack.rules : [];
  const items = rules.flatMap((rule, r) => /** @type {const} */ (['flag', 'pass']).flatMap((kind) => (rule.examples?.[kind] ?? []).map((example, i) => {
    const full = `${current?.id}/${rule.id}`;
    const k = key(full, kind, example);
    const fails = (failing.get(k) ?? 0) > 0;
    if (fails) failing.set(k, /** @type {number} */ (failing.get(k)) - 1);
    const said = kind === 'flag'
      ? (fails ? 'should be flagged but is not' : 'flagged, as it should be')
      : (fails ? 'is flagged but should not be' : 'left alone, as it should be');
    const item = h('li', { 'data-example': kind, 'data-rule': full, 'data-result': fails ? 'fail' : 'pass', tabindex: '0' },
      h('span', { class: 'mark', 'aria-hidden': 'true' }, fails ? '✗' : '✓'), ' ',
      h('strong', {}, fails ? 'Fails' : 'Passes'), ` (${rule.id}): ${said}: `, h('q', {}, example));
    const jump = () => {
      const at = locate(editor.view.state, ['rules', r, 'examples', kind, i]).value;
      if (at) editor.jump(at.to - 1);
    };
    item.addEventListener('click', jump);
    item.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault(); // else the Enter lands in the editor that now has the focus
      jump();
    });
    return item;
  })));
  const passing = items.filter((li) => li.dataset.result === 'pass').length;
  exampleSummary.textContent = items.length
    ? `${passing} of ${items.length} ${items.length === 1 ? 'example passes' : 'examples pass'}.`
    : 'This pack has no examples yet: each rule needs a text it flags and, with conditions, one it leaves alone.';
  exampleList.replaceChildren(...items);
}

/** Lints the sample reply with the built-in packs, with and without this pack. */
function preview() {
  const usable = current && !current.errors.length ? editor.text() : '';
  const rows = previewHints(usable, sample.value);
  const count = (/** @type {string} */ change) => rows.filter((r) => r.change === change).length;
  previewSummary.textContent = usable
    ? `This pack adds ${count('added')}, silences ${count('silenced')} and changes ${count('changed')} of the hints below.`
    : 'The built-in packs alone (the pack is not valid yet).';
  previewList.replaceChildren(...previewItems(rows));
}

/** @param {string} id a built-in pack's id, or '' for the empty pack */
function startingPoint(id) {
  const pack = builtins.find((p) => p.id === id);
  // A copy needs an id of its own: the built-in pack stays loaded next to it.
  return pack ? builtinJson(pack, { id: `${pack.id}-copy`, name: `${pack.name} (copy)` }) : EMPTY;
}

startFrom.append(...builtins.map((p) => h('option', { value: p.id }, `a copy of the built-in pack "${p.name}" (${p.rules.length} rules)`)));
byId('start').addEventListener('click', () => {
  editor.setText(startingPoint(startFrom.value));
  check();
});
byId('download').addEventListener('click', () => {
  const text = editor.text();
  const id = current?.id ?? parsed(text)?.id;
  download(`${typeof id === 'string' && id ? id : 'pack'}.json`, text, 'application/json');
});
sample.addEventListener('input', preview);
editor.setText(EMPTY);
check();
document.documentElement.dataset.ready = 'true';
