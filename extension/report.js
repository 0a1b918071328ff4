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
 * A hint whose suggestions the engine works out when first read (a popover
 * opening). The getter is on the prototype and the memo is shared, so a
 * copy that keeps the prototype (`moveSpan`, while the agent types) is
 * cheap and still reads the same suggestions. Not plain data: whoever sends
 * hints elsewhere copies their fields (`plainHint`).
 * @implements {Hint}
 */
class LazyHint {
  /**
   * @param {RuleRow} rule
   * @param {number} start
   * @param {number} end
   * @param {string} text
   * @param {() => string[]} suggest
   */
  constructor(rule, start, end, text, suggest) {
    this.rule = rule.id;
    this.category = rule.category;
    this.severity = rule.severity;
    this.start = start;
    this.end = end;
    this.text = text;
    this.message = rule.message;
    this.suggest = suggest;
  }

  get suggestions() {
    return this.suggest();
  }
}

/**
 * A hint as plain data (suggestions worked out), for a message.
 * @param {Hint} hint
 * @returns {Hint}
 */
export const plainHint = ({ rule, category, severity, start, end, text, message, suggestions }) =>
  ({ rule, category, severity, start, end, text, message, suggestions });

/** The reply crosses into the engine as UTF-8 bytes, encoded natively in one call (see `lintLean`). */
const UTF8 = new TextEncoder();

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
  const lean = JSON.parse(engine.lintLean(UTF8.encode(text), context));
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
    const suggest = () => {
      // The engine may have been rebuilt (and freed) since: no suggestions then.
      try {
        suggestions ??= engine.suggestions(index, flagged, groups.get(i) ?? null, sentenceStart, context);
      } catch {
        suggestions ??= [];
      }
      return suggestions;
    };
    hints[i] = new LazyHint(rule, start, end, flagged, suggest);
  }
  return lean.stopped ? { hints, checklist: lean.checklist, stopped: lean.stopped } : { hints, checklist: lean.checklist };
}
