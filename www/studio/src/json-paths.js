// @ts-check
// Between JSON paths and places in the editor's text, through the JSON
// syntax tree (@codemirror/lang-json), which stays usable while the text
// is half typed. A path is a list of keys and array indexes; the engine
// writes it as `rules[3].pattern`, JSON Schema errors as `/rules/3/pattern`.
import { syntaxTree } from '@codemirror/language';

/**
 * @typedef {import('@codemirror/state').EditorState} EditorState
 * @typedef {import('@lezer/common').SyntaxNode} SyntaxNode
 * @typedef {Array<string | number>} Path
 */

const VALUES = new Set(['Object', 'Array', 'String', 'Number', 'True', 'False', 'Null']);

/**
 * The engine's path (`rules[3].when[0].in`, `overrides.robotic/kindly`).
 * @param {string} path
 * @returns {Path}
 */
export function enginePath(path) {
  /** @type {Path} */
  const out = [];
  for (const part of path.split('.')) {
    const [key, ...indexes] = part.split('[');
    if (key) out.push(key);
    for (const i of indexes) out.push(Number.parseInt(i, 10));
  }
  return out;
}

/**
 * A JSON Pointer (`/rules/3/pattern`, as JSON Schema validators give it);
 * digits are taken as array indexes (an object's numeric key still matches).
 * @param {string} pointer
 * @returns {Path}
 */
export function pointerPath(pointer) {
  return pointer.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
}

/** @param {SyntaxNode} node */
const valuesOf = (node) => {
  /** @type {SyntaxNode[]} */
  const out = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (VALUES.has(c.name)) out.push(c);
  return out;
};

/**
 * The key a Property node names.
 * @param {EditorState} state
 * @param {SyntaxNode} property
 */
export function keyOf(state, property) {
  const name = property.getChild('PropertyName');
  if (!name) return '';
  const raw = state.doc.sliceString(name.from, name.to);
  try {
    return String(JSON.parse(raw));
  } catch {
    return raw.replace(/^"|"$/g, '');
  }
}

/** @param {SyntaxNode} property */
const valueOf = (property) => valuesOf(property)[0] ?? null;

/**
 * Where `path` is in the text: the deepest part of it that exists. A
 * property is its key and, for a short value, the value too (a whole rule
 * object would underline half the pack); an array item is the item.
 * @param {EditorState} state
 * @param {Path} path
 * @returns {{ from: number, to: number, value: SyntaxNode | null }}
 */
export function locate(state, path) {
  const top = valuesOf(syntaxTree(state).topNode)[0];
  if (!top) return { from: 0, to: Math.min(1, state.doc.length), value: null };
  let range = { from: top.from, to: Math.min(top.to, top.from + 1), value: /** @type {SyntaxNode | null} */ (top) };
  let node = top;
  for (const segment of path) {
    if (node.name === 'Object') {
      const property = node.getChildren('Property').find((p) => keyOf(state, p) === String(segment));
      if (!property) break;
      const value = valueOf(property);
      const name = property.getChild('PropertyName');
      const big = !value || value.name === 'Object' || value.name === 'Array';
      range = { from: property.from, to: big ? (name?.to ?? property.to) : property.to, value };
      if (!value) break;
      node = value;
    } else if (node.name === 'Array' && typeof segment === 'number') {
      const item = valuesOf(node)[segment];
      if (!item) break;
      const big = item.name === 'Object' || item.name === 'Array';
      range = { from: item.from, to: big ? item.from + 1 : item.to, value: item };
      node = item;
    } else break;
  }
  return range;
}

/**
 * The path of a value node from the top of the document.
 * @param {EditorState} state
 * @param {SyntaxNode} node a value node (or an Object or Array)
 * @returns {Path}
 */
export function pathOf(state, node) {
  /** @type {Path} */
  const path = [];
  for (let at = node, up = node.parent; up; at = up, up = up.parent) {
    if (up.name === 'Property') path.unshift(keyOf(state, up));
    else if (up.name === 'Array') path.unshift(valuesOf(up).findIndex((v) => v.from === at.from));
  }
  return path;
}
