// Unit tests for extension/content/spans.js (plain JS, no DOM): how spans
// (dismissed hints, hints waiting for a lint) follow the agent's edits.
//   node --test tests/e2e/ext-spans.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editBetween, moveSpan, shiftSpan } from '../../extension/content/spans.js';

describe('editBetween', () => {
  it('finds an insertion, a deletion and a replacement', () => {
    assert.deepEqual(editBetween('Hi Maria', 'Hi dear Maria'), { start: 3, removed: 0, inserted: 5 });
    assert.deepEqual(editBetween('Hi dear Maria', 'Hi Maria'), { start: 3, removed: 5, inserted: 0 });
    assert.deepEqual(editBetween('we are unable to', 'we cannot'), { start: 3, removed: 13, inserted: 6 });
  });

  it('reports nothing for equal text and handles empty text', () => {
    assert.deepEqual(editBetween('same', 'same'), { start: 4, removed: 0, inserted: 0 });
    assert.deepEqual(editBetween('', 'abc'), { start: 0, removed: 0, inserted: 3 });
    assert.deepEqual(editBetween('abc', ''), { start: 0, removed: 3, inserted: 0 });
  });

  it('never lets prefix and suffix overlap on repeated characters', () => {
    const e = editBetween('aaa', 'aaaa');
    assert.equal(e.inserted - e.removed, 1);
    assert.ok(e.start + e.removed <= 3);
  });

  it('gives the edit that turns one text into the other, and the longest unchanged ends', () => {
    // Every insertion, deletion and replacement of up to 3 characters in a
    // text with repeated letters (where prefix and suffix could overlap).
    const before = 'aab aab ba';
    const pieces = ['', 'a', 'b', 'ab', 'x', 'aa'];
    for (let at = 0; at <= before.length; at++) {
      for (let cut = 0; cut <= 3 && at + cut <= before.length; cut++) {
        for (const put of pieces) {
          const after = before.slice(0, at) + put + before.slice(at + cut);
          const e = editBetween(before, after);
          const label = JSON.stringify({ before, after, e });
          assert.equal(before.slice(0, e.start) + after.slice(e.start, e.start + e.inserted) + before.slice(e.start + e.removed), after, label);
          assert.ok(e.start + e.removed <= before.length && e.start + e.inserted <= after.length, label);
          // Nothing shorter: the edit's first and last characters differ.
          if (e.removed && e.inserted) {
            assert.notEqual(before[e.start], after[e.start], label);
            assert.notEqual(before[e.start + e.removed - 1], after[e.start + e.inserted - 1], label);
          }
        }
      }
    }
  });

  it('counts UTF-16 code units, like the engine spans', () => {
    assert.deepEqual(editBetween('😀 thank you', '😀😀 thank you'), { start: 2, removed: 0, inserted: 2 });
  });
});

describe('shiftSpan', () => {
  const span = { rule: 'robotic/x', start: 10, end: 20 };

  it('moves a span when text changes before it', () => {
    assert.deepEqual(shiftSpan(span, { start: 2, removed: 0, inserted: 3 }), { rule: 'robotic/x', start: 13, end: 23 });
    assert.deepEqual(shiftSpan(span, { start: 2, removed: 4, inserted: 1 }), { rule: 'robotic/x', start: 7, end: 17 });
  });

  it('keeps a span when text changes after it', () => {
    assert.equal(shiftSpan(span, { start: 21, removed: 2, inserted: 0 }), span);
  });

  it('drops a span the edit overlaps or touches', () => {
    assert.equal(shiftSpan(span, { start: 15, removed: 1, inserted: 1 }), null, 'inside');
    assert.equal(shiftSpan(span, { start: 10, removed: 0, inserted: 1 }), null, 'typed right before it');
    assert.equal(shiftSpan(span, { start: 20, removed: 0, inserted: 1 }), null, 'typed right after it');
    assert.equal(shiftSpan(span, { start: 5, removed: 6, inserted: 0 }), null, 'deletion into it');
  });
});

describe('moveSpan', () => {
  it('moves a hint and keeps what its prototype holds (suggestions worked out when read)', () => {
    let asked = 0;
    class Lazy { constructor() { this.rule = 'robotic/x'; this.start = 4; this.end = 9; } get suggestions() { asked++; return ['We'] } }
    const moved = moveSpan(new Lazy(), 3);
    assert.deepEqual([moved.start, moved.end, moved.rule, asked], [7, 12, 'robotic/x', 0], 'moving reads no suggestions');
    assert.deepEqual(moved.suggestions, ['We']);
    assert.ok(moved instanceof Lazy);
  });
});
