// The built engine's lean lint through extension/report.js (what the
// content script and the service worker show) against the engine's full
// report: the reply crosses into wasm as UTF-8 bytes, and the hints must
// still sit on the right UTF-16 offsets whatever the text holds.
//   ./build.sh build && node --test tests/e2e/ext-report.test.mjs
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../../dist/extension/', import.meta.url));
const CONTEXT = { customer: { first_name: 'Maria', name: 'Maria Lopez' }, agent: { first_name: 'Sam' } };

/** Replies whose flagged phrases sit after characters of every UTF-8 and UTF-16 width. */
const REPLIES = [
  'Thank you for your patience. We apologize for any inconvenience.',
  'Olá José 👋🏽 — thank you for your patience. Unfortunately, that’s our policy.',
  'Über 💡 “quotes” 日本語 ✅\n\nWe apologize for any inconvenience. Please be advised that it is what it is.',
  // A lone surrogate: both sides read it as U+FFFD, one UTF-16 unit.
  'Lone \ud800 surrogate. Thank you for your patience.',
];

describe('the lean lint through report.js', () => {
  let engine;
  let lint;
  before(async () => {
    const glue = await import(`${DIST}engine/carelint.js`);
    const { leanLinter } = await import(`${DIST}report.js`);
    glue.initSync({ module: readFileSync(`${DIST}engine/carelint_bg.wasm`) });
    engine = new glue.Engine({ builtin: true, packs: [], disabled: [] });
    lint = leanLinter(engine);
  });

  for (const reply of REPLIES) {
    it(`puts every hint where the full report does: ${JSON.stringify(reply.slice(0, 24))}…`, () => {
      const lean = lint(reply, CONTEXT);
      const full = engine.lint(reply, CONTEXT);
      assert.ok(full.hints.length > 0, 'the reply has hints');
      assert.deepEqual(
        lean.hints.map((h) => [h.rule, h.start, h.end, h.text, h.suggestions]),
        full.hints.map((h) => [h.rule, h.start, h.end, h.text, h.suggestions]),
      );
      for (const h of lean.hints) assert.equal(reply.slice(h.start, h.end), h.text);
      assert.deepEqual(lean.checklist, full.checklist);
    });
  }

  it('refuses bytes that are not UTF-8 with an error, not a crash', () => {
    assert.throws(() => engine.lintLean(new Uint8Array([0x54, 0xff, 0x68]), CONTEXT), /not UTF-8/);
    // The engine still lints afterwards.
    assert.ok(lint(REPLIES[0], CONTEXT).hints.length > 0);
  });
});
