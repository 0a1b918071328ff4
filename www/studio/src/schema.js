// @ts-check
// The pack format's JSON Schema (packs/schema.json) in the editor:
// completion of keys and values where the cursor is, and every schema
// error at once as an inline diagnostic. The engine has the last word on
// validity (it also checks regexes, references and examples); the schema
// says early, while typing, what it can.
import { syntaxTree } from '@codemirror/language';
import Ajv2020 from 'ajv/dist/2020.js';
import packSchema from '../../../packs/schema.json' with { type: 'json' };
import { keyOf, locate, pathOf, pointerPath } from './json-paths.js';

/**
 * @typedef {import('@codemirror/autocomplete').CompletionContext} CompletionContext
 * @typedef {import('@codemirror/autocomplete').CompletionResult} CompletionResult
 * @typedef {import('@codemirror/lint').Diagnostic} Diagnostic
 * @typedef {import('@codemirror/state').EditorState} EditorState
 * @typedef {import('./json-paths.js').Path} Path
 * @typedef {{ $ref?: string, description?: string, properties?: Record<string, Schema>, additionalProperties?: boolean | Schema,
 *   items?: Schema, enum?: unknown[], const?: unknown, examples?: unknown[], type?: string | string[],
 *   allOf?: Schema[], anyOf?: Schema[], oneOf?: Schema[] }} Schema
 */

const root = /** @type {Schema} */ (packSchema);

/**
 * A schema with its `$ref` followed (within this file), keeping the
 * referring node's description, which is the more specific one.
 * @param {Schema | boolean | undefined} schema
 * @returns {Schema | null}
 */
function deref(schema) {
  if (!schema || schema === true) return null;
  let s = schema;
  for (let hops = 0; s.$ref && hops < 8; hops++) {
    /** @type {any} */
    let target = root;
    for (const part of pointerPath(s.$ref.replace(/^#/, ''))) target = target?.[part];
    if (!target) return null;
    s = { ...target, description: s.description ?? target.description };
  }
  return s;
}

/**
 * The schema and the schemas of its allOf/anyOf/oneOf branches.
 * @param {Schema | null} schema
 * @returns {Schema[]}
 */
function branches(schema) {
  if (!schema) return [];
  return [schema, ...[...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap((b) => branches(deref(b)))];
}

/**
 * The schema that describes the value at `path`.
 * @param {Path} path
 */
export function schemaAt(path) {
  let schema = deref(root);
  for (const segment of path) {
    /** @type {Schema | null} */
    let next = null;
    for (const b of branches(schema)) {
      next = typeof segment === 'number' ? deref(b.items) : deref(b.properties?.[segment]) ?? deref(b.additionalProperties);
      if (next) break;
    }
    schema = next;
    if (!schema) return null;
  }
  return schema;
}

/**
 * Keys the schema names for an object, with their descriptions.
 * @param {Schema | null} schema
 */
function keysOf(schema) {
  /** @type {Map<string, string>} */
  const keys = new Map();
  for (const b of branches(schema)) {
    for (const [key, sub] of Object.entries(b.properties ?? {})) {
      if (!keys.has(key)) keys.set(key, deref(sub)?.description ?? '');
    }
  }
  return keys;
}

/**
 * Values the schema names (enum, const, examples, booleans).
 * @param {Schema | null} schema
 */
function valuesOf(schema) {
  const values = new Set();
  for (const b of branches(schema)) {
    for (const v of [...(b.enum ?? []), ...('const' in b ? [b.const] : []), ...(b.examples ?? [])]) values.add(v);
    if (b.type === 'boolean') values.add(true).add(false);
  }
  return [...values];
}

/**
 * Completion of keys (in an object) and of values the schema lists.
 * @param {CompletionContext} context
 * @returns {CompletionResult | null}
 */
export function completeFromSchema(context) {
  const { state, pos } = context;
  let node = syntaxTree(state).resolveInner(pos, -1);
  // Right after `{` or `,` the innermost node is that token: the place is in its object.
  if ((node.name === '{' || node.name === ',') && node.parent) node = node.parent;
  const property = node.name === 'PropertyName' ? node.parent : null;
  const object = property?.parent ?? (node.name === 'Object' ? node : null);
  if (object?.name === 'Object') {
    if (!property && !context.explicit) return null;
    const present = new Set(object.getChildren('Property').filter((p) => p !== property).map((p) => keyOf(state, p)));
    const hasColon = !!property?.getChild(':');
    const options = [...keysOf(schemaAt(pathOf(state, object)))].filter(([key]) => !present.has(key)).map(([key, info]) => ({
      label: key, type: 'property', info: info || undefined,
      apply: hasColon ? JSON.stringify(key) : `${JSON.stringify(key)}: `,
    }));
    return options.length ? { from: property ? node.from : pos, to: property ? node.to : pos, options, filter: true, validFor: /^"?[\w$-]*"?$/ } : null;
  }
  const inValue = ['String', 'Number', 'True', 'False', 'Null'].includes(node.name) && ['Property', 'Array'].includes(node.parent?.name ?? '');
  // After `"key": ` with no value yet, the tree has the Property (or its ':' or an error node in it).
  const bare = !inValue && context.explicit ? [node, node.parent].find((n) => n?.name === 'Property') : null;
  if (!inValue && !bare) return null;
  const path = inValue ? pathOf(state, node) : [...pathOf(state, /** @type {any} */ (bare?.parent)), keyOf(state, /** @type {any} */ (bare))];
  const options = valuesOf(schemaAt(path)).map((v) => ({ label: JSON.stringify(v), type: 'enum' }));
  if (!options.length) return null;
  return { from: inValue ? node.from : pos, to: inValue ? node.to : pos, options, filter: true };
}

// verbose: an error carries its keyword's schema (a oneOf's branches, for its message).
const validate = new Ajv2020({ allErrors: true, strict: false, verbose: true }).compile(root);

/**
 * Every schema error of the document (parsed as `data`) as a diagnostic.
 * Errors inside the branches of a oneOf/anyOf are left out: the oneOf's own
 * error says it better than each branch's.
 * @param {EditorState} state
 * @param {unknown} data undefined when the text does not parse (the engine says where)
 * @returns {Diagnostic[]}
 */
export function schemaDiagnostics(state, data) {
  if (data === undefined || validate(data)) return [];
  return (validate.errors ?? []).filter((e) => !/\/(oneOf|anyOf)\/\d+\//.test(e.schemaPath)).map((e) => {
    const path = pointerPath(e.instancePath);
    /** @type {Record<string, any>} */
    const params = e.params;
    if (e.keyword === 'additionalProperties') path.push(params.additionalProperty);
    const { from, to } = locate(state, path);
    const where = path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') : 'pack';
    let message = e.keyword === 'additionalProperties' ? `unknown field \`${params.additionalProperty}\`` : e.message ?? e.keyword;
    if (e.keyword === 'enum') message += `: ${params.allowedValues.map((/** @type {unknown} */ v) => JSON.stringify(v)).join(', ')}`;
    if (e.keyword === 'oneOf') message = oneOfMessage(e.schema) ?? message;
    return { from, to, severity: 'error', source: 'schema', message: `${where}: ${message}` };
  });
}

/**
 * A oneOf whose branches only require a key each (a rule's `phrases` or
 * `pattern`) said as such, rather than as "must match exactly one schema".
 * @param {unknown} branches the oneOf's schemas
 */
function oneOfMessage(branches) {
  if (!Array.isArray(branches) || !branches.every((b) => Array.isArray(b?.required) && Object.keys(b).length === 1)) return null;
  return `needs exactly one of ${branches.flatMap((b) => b.required).map((k) => `\`${k}\``).join(', ')}`;
}
