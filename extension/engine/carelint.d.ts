// Types for the wasm-bindgen module that `./build.sh build` writes next to
// this file in dist/extension/engine/ (carelint.js + carelint_bg.wasm). Only
// the type checker reads this file; it is the JS <-> wasm contract of
// ARCHITECTURE.md, written down where `tsc` can hold the extension to it.

export type Category = "robotic" | "dismissive" | "blaming" | "vague" | "impersonal" | "rushing" | (string & {});

export interface Hint {
  /** Full rule id, `pack-id/rule-id`. */
  rule: string;
  category: Category;
  severity: "info" | "warning" | "error" | (string & {});
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
  packs?: Array<string | { json: string; origin: string }>;
  disabled?: string[];
}

export interface PackInfo {
  id: string;
  name: string;
  version: string;
  builtin: boolean;
  rules: Array<{ id: string; category: Category; severity: string; message: string }>;
}

export class Engine {
  constructor(options: EngineOptions);
  lint(text: string, context: LintContext): Report;
  packs(): PackInfo[];
  free(): void;
}

export default function init(options: { module_or_path: string | URL | Request | BufferSource | WebAssembly.Module }): Promise<unknown>;
