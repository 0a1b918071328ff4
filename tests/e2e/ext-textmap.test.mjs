// extension/content/textmap.js in a real browser: the text the engine sees
// for the DOM that editors produce, and Ranges that land on exactly the
// characters of a span. The module (it imports nothing) is served from
// extension/content/ to a blank page on the test server and imported there.
//   ./build.sh build && node --test tests/e2e/ext-textmap.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch } from './harness.mjs';

const TEXTMAP = readFileSync(new URL('../../extension/content/textmap.js', import.meta.url), 'utf8');

let h;
let page;
before(async () => {
  h = await launch();
  await h.context.route(`${h.baseUrl}/ext/blank.html`, (route) => route.fulfill({
    contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>blank</title><body></body>',
  }));
  await h.context.route(`${h.baseUrl}/ext/textmap.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: TEXTMAP }));
  page = await h.context.newPage();
  await page.goto(`${h.baseUrl}/ext/blank.html`);
});
after(async () => {
  await page?.close();
  await h?.close();
});

/**
 * Reads `html` as a contenteditable and returns its text, plus for each span
 * [start, end) the text of the DOM Range the map gives (caret fillers
 * removed, as the map skips them).
 */
function read(html, spans = [], style = '') {
  return page.evaluate(async ({ url, html, spans, style }) => {
    const { readEditable } = await import(url);
    const root = document.createElement('div');
    root.contentEditable = 'true';
    root.setAttribute('style', style);
    root.innerHTML = html;
    document.body.replaceChildren(root);
    const map = readEditable(root);
    const ranges = spans.map(([s, e]) => {
      const r = map.range(s, e);
      return r ? r.toString().replace(/[\u200b\u2060\ufeff]/g, '') : null;
    });
    return { text: map.text, ranges };
  }, { url: `${h.baseUrl}/ext/textmap.js`, html, spans, style });
}

describe('text of a contenteditable', () => {
  it('puts one line break between blocks, none before the first', async () => {
    assert.equal((await read('<p>Hi Maria,</p><p>Thank you.</p>')).text, 'Hi Maria,\nThank you.');
    assert.equal((await read('<ul><li>one</li><li>two</li></ul><p>three</p>')).text, 'one\ntwo\nthree');
    assert.equal((await read('<div><div><p>deep</p></div></div><p>next</p>')).text, 'deep\nnext');
  });

  it('reads Chromium\'s own contenteditable markup (text, then <div> lines)', async () => {
    assert.equal((await read('Hi Maria,<div>Thank you.</div><div><br></div><div>Sam</div>')).text, 'Hi Maria,\nThank you.\n\nSam');
  });

  it('turns <br> into a line break and keeps empty lines, as editors show them', async () => {
    assert.equal((await read('a<br>b')).text, 'a\nb');
    assert.equal((await read('<p>a</p><p><br></p><p>b</p>')).text, 'a\n\nb', 'Quill/ProseMirror empty paragraph');
    assert.equal((await read('<p>a<br></p><p>b</p>')).text, 'a\nb', 'a trailing <br> adds no line');
    assert.equal((await read('<p>a<br><br></p><p>b</p>')).text, 'a\n\nb');
  });

  it('leaves out caret fillers and HTML source formatting', async () => {
    assert.equal((await read('<p>th\u200bank\u2060\u2060 you\ufeff</p>')).text, 'thank you');
    assert.equal((await read('<div>\n  <p>a</p>\n  <p>b</p>\n</div>')).text, 'a\nb');
    assert.equal((await read('<p>a\nb</p>', [], 'white-space: pre-wrap')).text, 'a\nb',
      'a line break the editor renders is text');
  });

  it('skips what is not reply text', async () => {
    assert.equal((await read('<p>a<img alt="x"><span hidden>secret</span><style>p{}</style>b</p>')).text, 'ab');
  });
});

describe('ranges of spans', () => {
  it('cover exactly the span across inline formatting and fillers', async () => {
    const html = '<p>Hi Maria,</p><p>Thank <b>you</b> for <i>your pa\u200btience</i>.</p>';
    const { text, ranges } = await read(html, [[10, 37], [16, 19], [10, 15]]);
    assert.equal(text, 'Hi Maria,\nThank you for your patience.');
    assert.deepEqual(ranges, ['Thank you for your patience', 'you', 'Thank']);
  });

  it('match text.slice for every span that lies inside a line', async () => {
    const html = '<p>We <b>apologize</b> for any\u200b inconvenience.</p><ul><li>Rest <i>assured</i>,</li><li>kindly note</li></ul>';
    const { text } = await read(html);
    const spans = [];
    for (let s = 0; s < text.length; s++) {
      for (let e = s + 1; e <= text.length; e++) if (!text.slice(s, e).includes('\n')) spans.push([s, e]);
    }
    const { ranges } = await read(html, spans);
    spans.forEach(([s, e], i) => assert.equal(ranges[i], text.slice(s, e), `span [${s}, ${e})`));
  });

  it('is null for a span of line breaks only, and after the DOM changed under the map', async () => {
    assert.deepEqual((await read('<p>a</p><p>b</p>', [[1, 2]])).ranges, [null]);
    const stale = await page.evaluate(async (url) => {
      const { readEditable } = await import(url);
      const root = document.createElement('div');
      root.innerHTML = '<p>Thank you for your patience</p>';
      document.body.replaceChildren(root);
      const map = readEditable(root);
      /** @type {Text} */ (root.querySelector('p').firstChild).data = 'Thanks';
      return map.range(10, 27);
    }, `${h.baseUrl}/ext/textmap.js`);
    assert.equal(stale, null);
  });
});

describe('offsets of DOM points', () => {
  /**
   * For every span of `html`'s text that neither starts nor ends with a line
   * break (a break between blocks has no DOM point of its own), the offsets
   * offsetOf gives for its Range's two ends.
   */
  function roundTrip(html) {
    return page.evaluate(async ({ url, html }) => {
      const { readEditable } = await import(url);
      const root = document.createElement('div');
      root.contentEditable = 'true';
      root.innerHTML = html;
      document.body.replaceChildren(root);
      const map = readEditable(root);
      const out = [];
      for (let s = 0; s < map.text.length; s++) {
        for (let e = s + 1; e <= map.text.length; e++) {
          if (map.text[s] === '\n' || map.text[e - 1] === '\n') continue;
          const r = map.range(s, e);
          if (r) out.push([s, e, map.offsetOf(r.startContainer, r.startOffset), map.offsetOf(r.endContainer, r.endOffset)]);
        }
      }
      return { text: map.text, out };
    }, { url: `${h.baseUrl}/ext/textmap.js`, html });
  }

  it('give back the offsets a span\'s Range was made from, across formatting, fillers and <br>', async () => {
    const { text, out } = await roundTrip('<p>I\'ll check <b>[what]</b> and</p><p>write\u200b back<br>by <i>[time]</i>.</p>');
    assert.equal(text, 'I\'ll check [what] and\nwrite back\nby [time].');
    assert.ok(out.length > 100, 'set-up: many spans');
    for (const [s, e, a, b] of out) assert.deepEqual([a, b], [s, e], `span [${s}, ${e})`);
  });

  it('read a point in an element as the end of the text before it, and a point elsewhere as null', async () => {
    const got = await page.evaluate(async (url) => {
      const { readEditable } = await import(url);
      const root = document.createElement('div');
      root.innerHTML = '<p>ab</p><p>cd</p>';
      document.body.replaceChildren(root);
      const map = readEditable(root);
      const [p1, p2] = root.querySelectorAll('p');
      const outside = document.createElement('div');
      return [map.offsetOf(p1, 1), map.offsetOf(p2, 0), map.offsetOf(root, 0), map.offsetOf(outside, 0)];
    }, `${h.baseUrl}/ext/textmap.js`);
    assert.deepEqual(got, [2, 2, 0, null]);
  });
});
