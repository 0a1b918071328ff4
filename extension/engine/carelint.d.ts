// Types for the wasm-bindgen module that `./build.sh build` writes next to
// this file in dist/extension/engine/ (carelint.js + carelint_bg.wasm). Only
// the type checker reads this file; it is the JS <-> wasm contract of
// ARCHITECTURE.md, written down where `tsc` can hold the extension to it.

export type Category = "robotic" | "dismissive" | "blaming" | "vague" | "impersonal" | "rushing" | (string & {});

export interface Hint {
  /** Full rule id, `pack-id/rule-id`. */
  rule: string;
  category: Category;
  severity: "suggestion" | "warning" | "error" | (string & {});
  /** UTF-16 code units into the linted text; `text === linted.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  message: string;
  /** Replacements for exactly `text`, ready to insert. */
  suggestions: string[];
}

export interface ChecklistItem {
  id: string;
  label: string;
  status: "pass" | "fail" | "n/a";
  reason: string;
}

export interface Report {
  hints: Hint[];
  checklist: ChecklistItem[];
  /** Rules (`pack/rule`, or `cue:<name>`) whose regex ran out of its work budget on this text and was stopped; absent when none. */
  stopped?: string[];
}

/** One rule of `Engine.rules()`; `lintLean` numbers hints by its index. */
export interface RuleRow {
  /** Full rule id, `pack-id/rule-id`. */
  id: string;
  category: Category;
  severity: Hint["severity"];
  message: string;
}

export interface LeanReport {
  /** Four numbers per hint: index into `rules()`, start, end (UTF-16), flags (bit 0: begins a sentence). */
  hints: number[];
  /** Capture group texts of the hints that have groups, by hint index. */
  groups?: Array<[number, Array<string | null>]>;
  checklist: ChecklistItem[];
  stopped?: string[];
}

export interface Person {
  first_name?: string;
  name?: string;
}

export interface LintContext {
  customer?: Person;
  agent?: Person;
}

export interface EngineOptions {
  builtin?: boolean;
  /** `regexBytes`: what `validated()` said of the same text before; it skips validating the pack again. */
  packs?: Array<string | { json: string; origin: string; regexBytes?: number }>;
  disabled?: string[];
}

export interface RuleInfo {
  id: string;
  category: Category;
  severity: string;
  message: string;
  suggestions?: string[];
  examples?: { flag?: string[]; pass?: string[] };
  phrases?: string[];
  pattern?: string;
}

export interface PackInfo {
  id: string;
  name: string;
  version: string;
  lang: string;
  description?: string;
  builtin: boolean;
  rules: RuleInfo[];
}

/** A pack that was skipped, or why a pack does not validate. */
export interface PackError {
  origin: string;
  message: string;
  /** JSON path such as `rules[3].pattern`, when the error is about a field. */
  path: string | null;
  /** Rule id, when the error is in a rule. */
  rule: string | null;
  /** 1-based, when the error is a JSON syntax error. */
  line: number | null;
  column: number | null;
  /** The whole error as the CLI prints it. */
  display: string;
}

export interface ExampleFailure {
  /** Full rule id. */
  rule: string;
  /** "flag": should have been flagged and was not; "pass": was flagged and should not be. */
  kind: "flag" | "pass";
  example: string;
}

export interface Validation {
  ok: boolean;
  id: string | null;
  errors: PackError[];
  failures: ExampleFailure[];
}

/** One canned response of `Engine.audit`, worst first. */
export interface AuditedResponse {
  id: string;
  title: string;
  text: string;
  hints: Hint[];
  /** `text` with each hint's first suggestion put in. */
  improved: string;
  errors: number;
  warnings: number;
  suggestions: number;
}

/** A table of text as `carelint eval` prints it. */
export interface Table {
  header: string[];
  rows: string[][];
}

export interface Ratio {
  flagged: number;
  total: number;
  rate: number | null;
}

export interface Miss {
  id: string;
  set: string;
  source: string;
  labels: string[];
  evidence: string[];
  text: string;
}

/** `carelint eval --format json`'s figures, and its tables. */
export interface Evaluation {
  results: {
    replies: number;
    overall: { name: string; replies: number; recall: Ratio; labels: Record<string, Ratio>; false_flags: Ratio };
    false_flag_rules: Array<{ rule: string; replies: string[] }>;
    misses: Miss[];
  };
  sets: Table;
  sources: Table;
  false_flags: Table;
}

/** An engine compiled a step at a time: `step()` until it returns false, then `finish()`. */
export class EngineBuild {
  constructor(options: EngineOptions);
  /** Compiles the next piece; false once nothing is left. */
  step(): boolean;
  /** The engine (consumes the build). */
  finish(): Engine;
  free(): void;
}

export class Engine {
  constructor(options: EngineOptions);
  lint(text: string, context: LintContext): Report;
  /** Compiles a little more of what a lint would compile on first need, lastly lints a made-up reply once (call it while idle); false once nothing is left. */
  warm(): boolean;
  /** Whether `warm` has work left: a lint may then compile regexes first. */
  cold(): boolean;
  /** Compiles a little more of what a lint of `text` would compile first; false once nothing it needs is left. */
  prepare(text: string): boolean;
  /** `lint` with hints as numbers; rule details from `rules()`, suggestions from `suggestions()`. */
  /** A `LeanReport` as JSON text; `text` is the reply as UTF-8 (`TextEncoder`), which crosses into wasm in one copy. */
  lintLean(text: Uint8Array, context: LintContext): string;
  rules(): RuleRow[];
  suggestions(rule: number, flagged: string, groups: Array<string | null> | null, sentenceStart: boolean, context: LintContext): string[];
  packs(): PackInfo[];
  /** Packs given to the constructor that were skipped. */
  errors(): PackError[];
  /** Per pack given, in order: its regex bytes when this build validated it and it passed, else null. */
  validated(): Array<number | null>;
  /** Site build only (the `site` feature, dist/site-engine): `carelint audit`, a CSV when `column` is given, else a Zendesk macros export; throws on an unreadable export. */
  audit(source: string, name: string, column: string | undefined, context: LintContext | undefined): AuditedResponse[];
  /** Site build only: the columns a CSV's header names. */
  static csvColumns(source: string, name: string): string[];
  /** Site build only: `carelint eval` on JSONL files; false-flag rows list at most `idsShown` ids. */
  evaluate(files: Array<{ name: string; text: string }>, idsShown: number): Evaluation;
  /** Syntax, fields and limits, then the pack's own examples. */
  static validate(json: string, origin?: string): Validation;
  free(): void;
}

export default function init(options: { module_or_path: string | URL | Request | BufferSource | WebAssembly.Module }): Promise<unknown>;
