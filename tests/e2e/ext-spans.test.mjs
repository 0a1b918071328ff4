// Unit tests for extension/content/spans.js (plain JS, no DOM): how spans
// (dismissed hints, hints waiting for a lint) follow the agent's edits.
//   node --test tests/e2e/ext-spans.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editBetween, shiftSpan } from '../../extension/content/spans.js';

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
