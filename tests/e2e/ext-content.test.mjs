// The content script on small fixture pages (served by the test server
// through Playwright routes), for behaviour the demo scenarios do not reach:
// where the engine runs and when it loads, which fields are checked, boxes
// on wrapped text and after a resize, hostile pages, dark editors,
// "Turn off this rule", the checklist, and a span that changed behind the
// popover.
//   ./build.sh build && node --test tests/e2e/ext-content.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch } from './harness.mjs';

/** A phrase the built-in packs flag (whichever rule does). */
const PHRASE = 'Thank you for your patience';
const TIMEOUT = 10_000;

const page = (body, head = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>fixture</title>
<style>body { font: 16px/1.5 "Liberation Sans", Arial, sans-serif; margin: 20px; } textarea, [contenteditable] { display: block; width: 420px; height: 120px; margin: 0 0 12px; padding: 6px; border: 1px solid #888; }</style>
${head}</head><body>${body}</body></html>`;

/**
 * A reply box whose page, before Carelint sees Alt+Shift+J, appends `now`
 * with an input event and then, in a microtask, `next` with another.
 */
const typesOnShortcut = (now, next) => page('<textarea id="reply"></textarea>', `<script>
  addEventListener('keydown', (e) => {
    if (e.code !== 'KeyJ' || !e.altKey) return;
    const reply = document.getElementById('reply');
    const type = (data) => {
      reply.setRangeText(data, reply.value.length, reply.value.length, 'end');
      reply.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data }));
    };
    type(${JSON.stringify(now)});
    queueMicrotask(() => type(${JSON.stringify(next)}));
  }, true);
</script>`);

const FIXTURES = {
  'textarea.html': page('<textarea id="reply"></textarea>'),
  'later.html': page('<div id="slot"></div>'),
  'strict.html': page('<textarea id="reply"></textarea>'),
  'fields.html': page(`
    <input id="text" type="text"><input id="password" type="password"><input id="search" type="search">
    <textarea id="readonly" readonly>${PHRASE}.</textarea>
    <div data-carelint="off"><section><textarea id="opted-out"></textarea></section></div>
    <div id="searchbox" contenteditable="true" role="searchbox"></div>
    <div id="oneline" contenteditable="true" role="textbox" aria-multiline="false"></div>
    <textarea id="reply"></textarea>`),
  'autofocus.html': page('<textarea id="reply" autofocus></textarea>'),
  'wrap.html': page('<div id="reply" contenteditable="true" style="width: 150px; height: auto"></div>'),
  'fluid.html': page('<div id="reply" contenteditable="true" style="width: auto; height: auto"></div>'),
  'hostile.html': page('<textarea id="reply"></textarea>', `<style>
    carelint-ui { display: none !important; opacity: 0 !important; transform: scale(0) !important; }
    div, button { visibility: hidden !important; background: red !important; pointer-events: none !important; }
  </style>`),
  'taken.html': page('<textarea id="reply"></textarea>', `<script>
    customElements.define('carelint-ui', class extends HTMLElement {
      constructor() { super(); this.attachShadow({ mode: 'closed' }); }
    });
  </script>`),
  // Edits the reply on Alt+Shift+J: the first edit renders at once (a
  // frame's leading edge), so the second waits for the next frame and is
  // unread when Carelint handles the shortcut.
  'edits-on-key.html': typesOnShortcut(' ', ' '),
  // Types a full stop on the shortcut that Carelint has not read when it
  // handles it, as when the agent types "." and the shortcut in one frame:
  // an edit with no change takes the frame's leading render.
  'stop-on-key.html': typesOnShortcut('', '.'),
  'dark.html': page('<textarea id="reply" style="background: #111; color: #eee"></textarea>'),
  'font.html': page('<div id="reply" contenteditable="true" style="font-family: Late, \'Liberation Sans Narrow\', sans-serif"></div>',
    '<style>@font-face { font-family: Late; src: url(late.ttf); font-display: swap; }</style>'),
};
/** A wide font that the server hands out only when a test says so. */
const LATE_FONT = readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf');
let releaseFont = () => {};
const fontReleased = new Promise((resolve) => { releaseFont = resolve; });
/** Served with the policy that stops WebAssembly in content scripts. */
const STRICT = new Set(['strict.html']);

let h;
before(async () => {
  h = await launch();
  await h.context.route(`${h.baseUrl}/ext/*`, (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    if (name === 'late.ttf') return fontReleased.then(() => route.fulfill({ contentType: 'font/ttf', body: LATE_FONT }));
    const body = FIXTURES[name];
    if (!body) return route.fulfill({ status: 404, body: 'no fixture' });
    const headers = STRICT.has(name) ? { 'Content-Security-Policy': "script-src 'self'" } : {};
    return route.fulfill({ contentType: 'text/html', headers, body });
  });
  // Count the lint requests that reach the service worker (the fallback path).
  await h.serviceWorker.evaluate(() => {
    globalThis.lintRequests = 0;
    globalThis.warmRequests = 0;
    chrome.runtime.onMessage.addListener((message) => {
      if (message?.type === 'lint') globalThis.lintRequests++;
      if (message?.type === 'warm') globalThis.warmRequests++;
    });
  });
});
after(async () => { await h?.close(); });

const lintRequests = () => h.serviceWorker.evaluate(() => globalThis.lintRequests);

/** Opens a fixture; after the test, no console error and no request left the machine. */
async function scenario(name, body) {
  const mark = h.mark();
  const tab = await h.context.newPage();
  try {
    // Not waiting for `load`: a fixture may hold a resource back (late.ttf).
    await tab.goto(`${h.baseUrl}/ext/${name}`, { waitUntil: 'domcontentloaded' });
    await body(tab);
  } finally {
    await tab.close();
  }
  const { consoleErrors, foreignRequests } = h.since(mark);
  assert.deepEqual(consoleErrors, [], 'no console errors');
  assert.deepEqual(foreignRequests, [], 'no request leaves the machine');
}

/** What <carelint-ui> shows: boxes, badges, the popover. */
function ui(tab) {
  return tab.evaluate(() => {
    const root = document.querySelector('carelint-ui')?.shadowRoot;
    const rect = (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    const shown = (el) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none';
    };
    const all = (sel) => (root ? [...root.querySelectorAll(sel)].filter(shown) : []);
    return {
      boxes: all('[data-carelint-hint]').map((el) => ({ rule: el.dataset.carelintHint, tone: el.dataset.tone, rect: rect(el) })),
      badges: all('[data-carelint-badge]').map((el) => ({ count: Number(el.dataset.count), rect: rect(el) })),
      popover: all('[data-carelint-popover]').map((el) => ({ role: el.getAttribute('role'), label: el.getAttribute('aria-label') }))[0] ?? null,
      checklist: all('.checklist li').map((li) => li.dataset.status),
    };
  });
}

/** A few animation frames: the local engine answers within the frame of the edit. */
const frames = (tab, n = 3) => tab.evaluate((n) => new Promise((resolve) => {
  const step = (left) => (left ? requestAnimationFrame(() => step(left - 1)) : resolve(undefined));
  step(n);
}), n);

/** Polls `ui` until `check` holds. */
async function until(tab, check, what, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await ui(tab);
    if (check(last)) return last;
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}; last: ${JSON.stringify(last)}`);
    await tab.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
}

/** Client rects (one per line) of the n-th `phrase` in the element's text nodes. */
function phraseRects(tab, selector, phrase = PHRASE, n = 0) {
  return tab.evaluate(({ selector, phrase, n }) => {
    const root = document.querySelector(selector);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = '';
    for (let t = walker.nextNode(); t; t = walker.nextNode()) { nodes.push([t, text.length]); text += t.data; }
    let at = -1;
    for (let i = 0; i <= n; i++) at = text.indexOf(phrase, at + 1);
    const locate = (pos) => { for (let i = nodes.length - 1; i >= 0; i--) if (pos >= nodes[i][1]) return [nodes[i][0], pos - nodes[i][1]]; };
    const range = document.createRange();
    range.setStart(...locate(at));
    range.setEnd(...locate(at + phrase.length - 1));
    range.setEnd(range.endContainer, range.endOffset + 1);
    const lines = [];
    for (const r of range.getClientRects()) {
      if (r.width <= 0.5) continue;
      const line = lines.find((l) => Math.abs(l.top - r.top) <= 1);
      if (line) { line.left = Math.min(line.left, r.left); line.right = Math.max(line.right, r.right); }
      else lines.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    }
    return lines;
  }, { selector, phrase, n });
}

const near = (a, b) => ['left', 'top', 'right', 'bottom'].every((k) => Math.abs(a[k] - b[k]) <= 2);
const covers = (boxes, lines) => lines.length > 0 && boxes.length === lines.length && lines.every((l) => boxes.some((b) => near(b.rect, l)));

async function typeInto(tab, selector, text) {
  await tab.click(selector);
  await tab.keyboard.type(text);
}

describe('where the engine runs', () => {
  /** Whether the tab at /ext/`name` has requested `path`. */
  const fromTab = (name, path) => h.requests.some((r) => r.via.startsWith('page') && r.via.includes(`/ext/${name}`) && r.url.endsWith(path));
  /** Waits (up to TIMEOUT) until the tab has requested `path`. */
  async function requested(tab, name, path) {
    const deadline = Date.now() + TIMEOUT;
    while (!fromTab(name, path) && Date.now() < deadline) await tab.evaluate(() => new Promise((r) => setTimeout(r, 20)));
    return fromTab(name, path);
  }

  it('loads the wasm in the page in idle time when it shows a reply box, before any focus', async () => {
    await scenario('textarea.html', async (tab) => {
      assert.ok(await requested(tab, 'textarea.html', 'engine/carelint_bg.wasm'), 'the engine loads with no focus yet');
      assert.equal(await tab.evaluate(() => document.activeElement === document.getElementById('reply')), false, 'the reply box never had focus');
      const before = await lintRequests();
      await typeInto(tab, '#reply', `${PHRASE}.`);
      await until(tab, (s) => s.boxes.length === 1, 'the hint shows');
      // Keystrokes lint here; only the whole-reply lint after a pause in
      // typing goes to the worker (the strict-CSP page sends every one).
      assert.ok((await lintRequests()) - before < 5, 'the keystrokes were linted in the page');
    });
  });

  it('loads no wasm while a page has no reply box, and in idle time once one appears, before any focus', async () => {
    await scenario('later.html', async (tab) => {
      assert.ok(await requested(tab, 'later.html', 'sites/index.json'), 'the content script started');
      // Idle callbacks run within their 2 s timeout at the latest.
      await tab.evaluate(() => new Promise((r) => setTimeout(r, 2500)));
      assert.ok(!fromTab('later.html', 'engine/carelint_bg.wasm'), 'no wasm while the page has no reply box');
      // Unrelated content coming and going does not load it either.
      await tab.evaluate(() => { document.getElementById('slot').innerHTML = '<p>Ticket #4411 opened</p>'; });
      await tab.evaluate(() => new Promise((r) => setTimeout(r, 2500)));
      assert.ok(!fromTab('later.html', 'engine/carelint_bg.wasm'), 'no wasm for a paragraph');
      // A helpdesk opening a ticket in place adds its reply box.
      await tab.evaluate(() => { document.getElementById('slot').innerHTML = '<textarea id="reply"></textarea>'; });
      assert.ok(await requested(tab, 'later.html', 'engine/carelint_bg.wasm'), 'the engine loads once the box is there');
      assert.equal(await tab.evaluate(() => document.activeElement === document.getElementById('reply')), false, 'the reply box never had focus');
      await typeInto(tab, '#reply', `${PHRASE}.`);
      await until(tab, (s) => s.boxes.length === 1, 'the hint shows');
    });
  });

  it('lints the whole reply in the service worker once typing pauses', async () => {
    await scenario('textarea.html', async (tab) => {
      await typeInto(tab, '#reply', `Hi Maria,\n${PHRASE}.\nI checked your order.`);
      const { rule } = (await until(tab, (s) => s.boxes.length === 1, 'the hint shows')).boxes[0];
      const before = await lintRequests();
      // An edit on another line: the phrase's line is not linted again
      // until the whole reply is.
      await tab.keyboard.press('Control+Home');
      await tab.keyboard.press('End');
      await tab.keyboard.type(' Sorry for the wait.');
      const deadline = Date.now() + TIMEOUT;
      while ((await lintRequests()) === before && Date.now() < deadline) await frames(tab);
      assert.ok((await lintRequests()) > before, 'a whole-reply lint reached the worker');
      await until(tab, (st) => st.boxes.some((b) => b.rule === rule), 'the hint on the untouched line stays');
    });
  });

  it('falls back to the service worker when the page CSP forbids wasm, with the same hints', async () => {
    const warmed = await h.serviceWorker.evaluate(() => globalThis.warmRequests);
    await scenario('strict.html', async (tab) => {
      // Before any focus, the page asks the worker to build its engine.
      const deadline = Date.now() + TIMEOUT;
      while (await h.serviceWorker.evaluate(() => globalThis.warmRequests) === warmed && Date.now() < deadline) await frames(tab);
      assert.ok(await h.serviceWorker.evaluate(() => globalThis.warmRequests) > warmed, 'the worker was asked to warm up before the first focus');
      const before = await lintRequests();
      await typeInto(tab, '#reply', `Hi Maria,\n${PHRASE}.`);
      const s = await until(tab, (st) => st.boxes.length === 1, 'the hint shows');
      assert.equal(s.badges[0]?.count, 1);
      assert.ok((await lintRequests()) > before, 'lints went to the service worker');
      assert.ok(!h.requests.some((r) => r.via.includes('/ext/strict.html') && r.url.endsWith('carelint_bg.wasm')),
        'the page never fetched the wasm');
    });
  });
});

describe('fields', () => {
  it('checks prose boxes only, never opted-out, read-only, one-line or search fields', async () => {
    await scenario('fields.html', async (tab) => {
      for (const id of ['text', 'password', 'search', 'opted-out', 'searchbox', 'oneline']) {
        await typeInto(tab, `#${id}`, `${PHRASE}.`);
      }
      await tab.focus('#readonly');
      await typeInto(tab, '#reply', `${PHRASE}.`);
      const s = await until(tab, (st) => st.boxes.length > 0, 'the reply box gets its hint');
      const reply = await tab.evaluate(() => document.getElementById('reply').getBoundingClientRect().toJSON());
      assert.equal(s.badges.length, 1, 'one badge: the reply box');
      assert.equal(s.boxes.length, 1, 'one hint: in the reply box');
      assert.ok(s.boxes[0].rect.top >= reply.top && s.boxes[0].rect.bottom <= reply.bottom, 'the hint is in the reply box');
    });
  });

  it('watches a field that had focus before the content script ran', async () => {
    await scenario('autofocus.html', async (tab) => {
      await tab.waitForFunction(() => document.activeElement?.id === 'reply');
      await tab.keyboard.type(`${PHRASE}.`);
      await until(tab, (s) => s.boxes.length === 1 && s.badges[0]?.count === 1, 'the hint shows without a click');
    });
  });
});

describe('boxes', () => {
  it('gives a phrase that wraps one box per line, each on its line', async () => {
    await scenario('wrap.html', async (tab) => {
      await typeInto(tab, '#reply', `Hello, ${PHRASE}.`);
      const lines = await phraseRects(tab, '#reply');
      assert.ok(lines.length >= 2, `the phrase wraps (set-up): ${JSON.stringify(lines)}`);
      await until(tab, (s) => covers(s.boxes, lines), 'one box lies on each line of the phrase');
    });
  });

  it('follow the text when the window is resized and the text rewraps', async () => {
    await scenario('fluid.html', async (tab) => {
      await typeInto(tab, '#reply', `Some words to push it along the line a bit, then ${PHRASE}.`);
      let lines = await phraseRects(tab, '#reply');
      await until(tab, (s) => covers(s.boxes, lines), 'aligned before the resize');
      await tab.setViewportSize({ width: 420, height: 700 });
      lines = await phraseRects(tab, '#reply');
      await until(tab, (s) => covers(s.boxes, lines), `aligned after the resize: ${JSON.stringify(lines)}`);
    });
  });

  it('follow the text when a web font arrives after the hint', async () => {
    await scenario('font.html', async (tab) => {
      await typeInto(tab, '#reply', `Hello, ${PHRASE}.`);
      const before = await phraseRects(tab, '#reply');
      await until(tab, (s) => covers(s.boxes, before), 'aligned in the fallback font');
      releaseFont();
      await tab.waitForFunction(() => document.fonts.check('16px Late'));
      const after = await phraseRects(tab, '#reply');
      assert.ok(Math.abs(after[0].right - before[0].right) > 20, `the font changed the layout (set-up): ${JSON.stringify({ before, after })}`);
      await until(tab, (s) => covers(s.boxes, after), 'aligned in the web font');
    });
  });
});

describe('hostile and unusual pages', () => {
  it('page CSS cannot hide or restyle the UI', async () => {
    await scenario('hostile.html', async (tab) => {
      await typeInto(tab, '#reply', `${PHRASE}.`);
      const s = await until(tab, (st) => st.boxes.length === 1 && st.badges.length === 1, 'box and badge are visible');
      assert.ok(s.boxes[0].rect.width > 100);
    });
  });

  it('a page that took the <carelint-ui> name gets no UI and no errors', async () => {
    await scenario('taken.html', async (tab) => {
      await typeInto(tab, '#reply', `${PHRASE}.`);
      await frames(tab);
      assert.equal(await tab.inputValue('#reply'), `${PHRASE}.`, 'the text is untouched');
    });
  });

  it('a dark editor gets the light variant of the category colour', async () => {
    await scenario('dark.html', async (tab) => {
      await typeInto(tab, '#reply', `${PHRASE}.`);
      const s = await until(tab, (st) => st.boxes.length === 1, 'the hint shows');
      assert.equal(s.boxes[0].tone, 'dark');
    });
  });
});

describe('popover and badge', () => {
  it('"Turn off this rule" hides it at once, keeps it off while typing, and stores it in settings', async () => {
    await scenario('textarea.html', async (tab) => {
      await typeInto(tab, '#reply', `${PHRASE}.`);
      const s = await until(tab, (st) => st.boxes.length === 1, 'the hint shows');
      const { rule, rect: b } = s.boxes[0];
      const ofRule = (st) => st.boxes.filter((x) => x.rule === rule);
      await tab.mouse.click((b.left + b.right) / 2, (b.top + b.bottom) / 2);
      await until(tab, (st) => st.popover?.role === 'dialog', 'the popover opens');
      const off = await tab.evaluate(() => {
        const r = document.querySelector('carelint-ui').shadowRoot.querySelector('[data-carelint-disable-rule]').getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      });
      await tab.mouse.click(off.x, off.y);
      await until(tab, (st) => ofRule(st).length === 0 && !st.popover, `no ${rule} hint, no popover`);
      // The click on the hint put the caret inside the phrase; type after it.
      await tab.keyboard.press('End');
      await tab.keyboard.type(` And ${PHRASE.toLowerCase()} again.`);
      await frames(tab);
      assert.equal(ofRule(await ui(tab)).length, 0, 'the rule stays off');
      const stored = await h.serviceWorker.evaluate(() => chrome.storage.sync.get('disabledRules'));
      assert.deepEqual(stored.disabledRules, [rule]);
      await h.serviceWorker.evaluate(() => chrome.storage.sync.clear());
      await until(tab, (st) => st.badges[0]?.count === 2 && ofRule(st).length >= 2, 'with settings cleared, both phrases are flagged again');
    });
  });

  it('opens on hover and closes when the pointer leaves; arrows move between its buttons', async () => {
    await scenario('textarea.html', async (tab) => {
      await typeInto(tab, '#reply', `${PHRASE}.`);
      const s = await until(tab, (st) => st.boxes.length === 1, 'the hint shows');
      const b = s.boxes[0].rect;
      await tab.mouse.move(b.left + 10, (b.top + b.bottom) / 2);
      const open = await until(tab, (st) => st.popover !== null, 'hovering the hint opens its popover');
      assert.match(open.popover.label, /^Carelint: /, 'the dialog has a label for screen readers');
      assert.ok(await tab.evaluate(() => document.activeElement?.id === 'reply'), 'hover leaves focus in the reply box');
      await tab.mouse.move(600, 400);
      await until(tab, (st) => st.popover === null, 'leaving closes it');
      await tab.keyboard.press('Alt+Shift+J');
      await until(tab, (st) => st.popover !== null, 'the shortcut opens it with focus');
      const focused = () => tab.evaluate(() => document.querySelector('carelint-ui').shadowRoot.activeElement?.textContent);
      const buttons = await tab.evaluate(() => [...document.querySelector('carelint-ui').shadowRoot.querySelectorAll('[data-carelint-popover] button, [data-carelint-popover] a[href]')].map((b) => b.textContent));
      assert.equal(await focused(), buttons[0], 'the first suggestion has focus');
      await tab.keyboard.press('ArrowDown');
      assert.equal(await focused(), buttons[1], 'ArrowDown moves to the next button');
      await tab.keyboard.press('ArrowUp');
      await tab.keyboard.press('ArrowUp');
      assert.equal(await focused(), buttons.at(-1), 'ArrowUp from the first wraps to the last (the rule link)');
      await tab.keyboard.press('Escape');
      await until(tab, (st) => st.popover === null, 'Escape closes it');
      assert.ok(await tab.evaluate(() => document.activeElement?.id === 'reply'), 'focus is back in the reply box');
    });
  });

  it('the shortcut pressed in the same frame as a keystroke keeps its popover open', async () => {
    await scenario('edits-on-key.html', async (tab) => {
      await typeInto(tab, '#reply', `${PHRASE}.`);
      await until(tab, (st) => st.boxes.length === 1, 'the hint shows');
      // The page (its listener comes first: it is older) edits the reply
      // on the agent's shortcut before Carelint sees it.
      await tab.keyboard.press('Alt+Shift+J');
      await until(tab, (st) => st.popover !== null, 'the popover opens');
      await frames(tab);
      await frames(tab);
      assert.notEqual((await ui(tab)).popover, null, 'reading the keystroke afterwards did not close it');
    });
  });

  it('the shortcut opens a hint that a keystroke in the same frame touched', async () => {
    await scenario('stop-on-key.html', async (tab) => {
      await typeInto(tab, '#reply', PHRASE);
      await until(tab, (st) => st.boxes.length === 1, 'the hint shows');
      await tab.keyboard.press('Alt+Shift+J');
      const open = await until(tab, (st) => st.popover !== null, 'the popover opens once the full stop is linted');
      assert.equal(await tab.inputValue('#reply'), `${PHRASE}.`, 'the page typed its full stop');
      assert.match(open.popover.label, /^Carelint: /);
    });
  });

  it('the badge opens the care checklist', async () => {
    await scenario('textarea.html', async (tab) => {
      await typeInto(tab, '#reply', `${PHRASE}.`);
      const s = await until(tab, (st) => st.badges.length === 1 && st.badges[0].count === 1, 'the badge counts the hint');
      const b = s.badges[0].rect;
      await tab.mouse.click((b.left + b.right) / 2, (b.top + b.bottom) / 2);
      const open = await until(tab, (st) => st.checklist.length > 0, 'the checklist shows');
      assert.ok(open.checklist.every((status) => ['pass', 'fail', 'n/a'].includes(status)));
      assert.ok(await tab.evaluate(() => document.activeElement?.id === 'reply'), 'the reply box keeps focus');
    });
  });

  it('does not edit a span whose text changed behind the popover', async () => {
    await scenario('textarea.html', async (tab) => {
      await typeInto(tab, '#reply', `Hi, ${PHRASE}.`);
      await until(tab, (st) => st.boxes.length === 1, 'the hint shows');
      await tab.keyboard.press('Alt+Shift+J');
      await until(tab, (st) => st.popover !== null, 'the popover opens with focus');
      // A script (a macro, another tab's sync) rewrites the reply without an input event.
      const changed = 'Hi, Thank you for your PATIENCE.';
      await tab.evaluate((v) => { document.getElementById('reply').value = v; }, changed);
      await tab.keyboard.press('Enter');
      await frames(tab);
      assert.equal(await tab.inputValue('#reply'), changed, 'the changed text is left as it is');
    });
  });
});
