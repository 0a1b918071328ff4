// @ts-check
// Turns the engine's lean lint (rule indices and UTF-16 offsets, see
// `lintLean` in ARCHITECTURE.md) into the report every caller uses:
// `{ hints: [{ rule, category, severity, start, end, text, message, suggestions }], checklist }`.
// Rule details come from the table the engine gives once (`rules()`);
// suggestions are filled in by the engine when first read (a popover
// opening), not for every hint of every keystroke.

/**
 * @typedef {import('./engine/carelint.js').Engine} Engine
 * @typedef {import('./engine/carelint.js').Hint} Hint
 * @typedef {import('./engine/carelint.js').Report} Report
 * @typedef {import('./engine/carelint.js').RuleRow} RuleRow
 * @typedef {import('./engine/carelint.js').LintContext} LintContext
 */

/** Numbers per hint in `lintLean`'s `hints`: rule, start, end, flags. */
const STRIDE = 4;
/** Flag bit: the hint begins a sentence (suggestions start with a capital). */
const SENTENCE_START = 1;

/**
 * A lint function over `engine` that returns full reports from lean lints.
 * @param {Engine} engine
 * @returns {(text: string, context: LintContext) => Report}
 */
export function leanLinter(engine) {
  const rules = engine.rules();
  return (text, context) => expand(engine, rules, text, context);
}

/**
 * @param {Engine} engine
 * @param {RuleRow[]} rules
 * @param {string} text
 * @param {LintContext} context
 * @returns {Report}
 */
function expand(engine, rules, text, context) {
  /** @type {import('./engine/carelint.js').LeanReport} */
  const lean = JSON.parse(engine.lintLean(text, context));
  const groups = new Map(lean.groups ?? []);
  const n = lean.hints;
  /** @type {Hint[]} */
  const hints = new Array(n.length / STRIDE);
  for (let i = 0; i < hints.length; i++) {
    const index = n[i * STRIDE];
    const start = n[i * STRIDE + 1];
    const end = n[i * STRIDE + 2];
    const sentenceStart = (n[i * STRIDE + 3] & SENTENCE_START) !== 0;
    const rule = rules[index];
    const flagged = text.slice(start, end);
    /** @type {string[] | null} */
    let suggestions = null;
    hints[i] = {
      rule: rule.id,
      category: rule.category,
      severity: rule.severity,
      start,
      end,
      text: flagged,
      message: rule.message,
      get suggestions() {
        // The engine may have been rebuilt (and freed) since: no suggestions then.
        try {
          suggestions ??= engine.suggestions(index, flagged, groups.get(i) ?? null, sentenceStart, context);
        } catch {
          suggestions ??= [];
        }
        return suggestions;
      },
    };
  }
  return lean.stopped ? { hints, checklist: lean.checklist, stopped: lean.stopped } : { hints, checklist: lean.checklist };
}
