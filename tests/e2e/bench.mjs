// Browser benchmark (./build.sh bench): for a 5,000-word reply in a
// contenteditable and in a textarea, the time from a keystroke to updated
// highlights (median and p95 over 50 keystrokes) and the longest main-thread
// task, with the real extension in headless Chromium.
//
// How "updated" is detected, without any hook in the extension: each measured
// keystroke is typed at the very start of the reply (alternately "x" and
// Backspace), which moves the first flagged phrase sideways by one character,
// so its hint box MUST move. A MutationObserver on the <carelint-ui> shadow
// root checks, after each batch of DOM writes, whether the phrase's box now
// sits where the phrase is (within 2 px); the first time it does is the
// "updated" time. Latency = that time - the keydown event's timeStamp.
// If the extension emits performance marks named "carelint:*", they are
// listed too.
//
// Cold start (first): on a page whose reply box already holds a short reply
// with a flagged phrase, the time from the box's first focus to the first
// frame that shows a hint box, and the longest main-thread task in between
// (from a trace). Once on the contenteditable demo (the engine in the page)
// and once on the strict-CSP demo (no wasm in the page: the service
// worker's engine), before anything else has used the worker's engine; the
// focus comes as soon as the page is ready. Then both again with the focus
// 1.5 s later (an agent reading the ticket): the page's engine warms up in
// idle time meanwhile, and the trace covers the page from its navigation.
//
// Longest task: PerformanceObserver('longtask') (tasks >= 50 ms) during the
// measured keystrokes, plus a Chromium trace of a second round of keystrokes
// for the longest task of any length on the page's main thread.
import assert from 'node:assert/strict';
import { availableParallelism, loadavg } from 'node:os';
import { launch } from './harness.mjs';
import { longReply } from './long-reply.mjs';
import { inPage, state, waitForState } from './probe.mjs';

const WORDS = Number(process.env.CARELINT_BENCH_WORDS || 5000);
const KEYSTROKES = Number(process.env.CARELINT_BENCH_KEYS || 50);
const WARMUP = 6;
/** How long the agent reads the ticket before clicking into the reply box, in the warm cold-start case. */
const SETTLE_MS = 1500;
const RULE = 'robotic/thank-you-for-patience';
const PHRASE = 'thank you for your patience';

/** Installed in the page: watch the UI shadow root(s) for the moment the
 * phrase's box reaches the expected place. */
function instrument({ rule }) {
  const b = (window.__carelintBench = {
    expect: null, id: -1, key: new Map(), done: new Map(), longtasks: [], marks: [],
  });
  addEventListener('keydown', (e) => { if (b.id >= 0 && !b.key.has(b.id)) b.key.set(b.id, e.timeStamp); }, true);
  const check = () => {
    if (!b.expect || b.done.has(b.id)) return;
    const t = performance.now();
    for (const host of document.querySelectorAll('carelint-ui')) {
      const root = host.shadowRoot;
      if (!root) continue;
      for (const el of root.querySelectorAll(`[data-carelint-hint="${CSS.escape(rule)}"]`)) {
        const r = el.getBoundingClientRect();
        const e = b.expect;
        if (r.width > 0 && Math.abs(r.left - e.left) <= 2 && Math.abs(r.top - e.top) <= 2 &&
            Math.abs(r.right - e.right) <= 2 && Math.abs(r.bottom - e.bottom) <= 2) {
          b.done.set(b.id, t);
          return;
        }
      }
    }
  };
  const mo = new MutationObserver(check);
  for (const host of document.querySelectorAll('carelint-ui')) {
    if (host.shadowRoot) mo.observe(host.shadowRoot, { subtree: true, childList: true, attributes: true, characterData: true });
  }
  mo.observe(document.documentElement, { childList: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (/^carelint/i.test(e.name)) b.marks.push({ name: e.name, start: e.startTime, duration: e.duration });
  }).observe({ entryTypes: ['mark', 'measure'] });
  return document.querySelectorAll('carelint-ui').length;
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

/**
 * From a trace of `fn`: the longest RunTask on the page's renderer main
 * thread, and how long V8 spent compiling the engine's wasm functions on
 * their first call (`wasm.CompileLazy`, in the page or the service worker)
 * from the first focus on: V8 compiles a wasm function only when it first
 * runs, on the thread that runs it, so a cold start pays for it inside
 * the time to the first hint.
 */
async function traceTasks(h, fn) {
  // The browser's session, not the page's: a page's trace leaves out the
  // service worker, where the strict-CSP page's engine runs.
  const cdp = await h.context.browser().newBrowserCDPSession();
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', '__metadata', 'v8.wasm'] },
    transferMode: 'ReportEvents',
  });
  await fn();
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  const mainThreads = new Set(events
    .filter((e) => e.name === 'thread_name' && e.args && e.args.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  // The page's renderer: the process whose main thread ran our clicks' and keystrokes' events.
  const input = events.filter((e) => e.name === 'EventDispatch' && ['keydown', 'mousedown'].includes(e.args?.data?.type));
  const pagePids = new Set(input.map((e) => e.pid));
  let longest = 0;
  for (const e of events) {
    if (e.name === 'RunTask' && e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`) && pagePids.has(e.pid)) {
      longest = Math.max(longest, e.dur / 1000);
    }
  }
  const focus = Math.min(...events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'focus').map((e) => e.ts));
  const wasmCompile = events
    .filter((e) => e.name === 'wasm.CompileLazy' && e.ph === 'X' && e.ts >= focus)
    .reduce((ms, e) => ms + e.dur / 1000, 0);
  return { longest, wasmCompile };
}

/**
 * In the page: fills the reply box with a short flagged reply and records
 * the first focus and the first frame that shows a hint box after it.
 * @param {string} text
 */
function watchFirstHint(text) {
  const field = window.carelintDemo.field;
  if (field instanceof HTMLTextAreaElement) field.value = text;
  else field.textContent = text;
  const b = (window.__carelintCold = { focus: null, painted: null });
  field.addEventListener('focus', (e) => { b.focus ??= e.timeStamp; }, { capture: true });
  const painted = () => [...document.querySelectorAll('carelint-ui')]
    .some((host) => [...(host.shadowRoot?.querySelectorAll('[data-carelint-hint]') ?? [])]
      .some((el) => el.getBoundingClientRect().width > 0));
  const frame = () => {
    if (b.focus != null && painted()) b.painted = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Clicks into the reply box and waits for the first hint: focus → hint ms. */
async function clickAndWaitForHint(page) {
  const field = await page.evaluate(inPage, { op: 'fieldRect' });
  await page.mouse.click(field.left + 24, field.top + 14);
  const handle = await page.waitForFunction(() => {
    const b = window.__carelintCold;
    return b.painted != null && b.painted - b.focus;
  }, null, { timeout: 30_000 });
  return handle.jsonValue();
}

/**
 * First focus -> first hint painted, on a fresh page of `variant`, focused
 * as soon as the page is ready (the engine may have started in idle time
 * just before). With `settle`, the agent first reads the ticket for that
 * long, and the longest task is traced from the page's navigation on, so
 * it covers the engine's warm-up whenever it ran.
 * @param {number} settle ms between the page being ready and the click
 */
async function coldStart(h, variant, settle = 0) {
  let page;
  let ms = 0;
  const visit = async () => {
    await page.evaluate(watchFirstHint, `Hi Maria, ${PHRASE}.`);
    if (settle) await new Promise((ok) => setTimeout(ok, settle));
    ms = await clickAndWaitForHint(page);
  };
  try {
    if (settle) {
      page = await h.context.newPage();
      const traced = await traceTasks(h, async () => {
        await page.goto(`${h.baseUrl}/demo/${variant}.html`, { waitUntil: 'load' });
        await page.waitForFunction(() => window.carelintDemo && window.carelintDemo.ready);
        await visit();
      });
      return { variant, settle, ms, ...traced };
    }
    page = await h.openDemo(variant);
    const traced = await traceTasks(h, visit);
    return { variant, settle, ms, ...traced };
  } finally {
    await page?.close();
  }
}

async function benchVariant(h, variant) {
  const page = await h.openDemo(variant);
  try {
    const text = longReply(WORDS);
    const words = text.split(/\s+/).filter(Boolean).length;
    const field = await page.evaluate(inPage, { op: 'fieldRect' });
    await page.mouse.click(field.left + 24, field.top + 14);
    // Paste-like: the whole reply arrives as one input event.
    await page.keyboard.insertText(text);
    await page.keyboard.press('Control+Home');
    await waitForState(page, { rule: RULE, pattern: PHRASE, n: 0 }, (s) => s.aligned,
      `the first hint shows on the ${words}-word reply`, 30_000);
    const base = await state(page, { rule: RULE, pattern: PHRASE, n: 0 });
    const hints = base.badges[0] ? Number(base.badges[0].count) : base.allBoxes;

    // Where the phrase sits with and without an extra "x" at the start.
    const where = async () => (await state(page, { rule: RULE, pattern: PHRASE, n: 0 })).phrase.rects[0];
    const at0 = await where();
    await page.keyboard.type('x');
    const at1 = await where();
    await waitForState(page, { rule: RULE, pattern: PHRASE, n: 0 }, (s) => s.aligned, 'the hint follows the first keystroke', 10_000);
    await page.keyboard.press('Backspace');
    await waitForState(page, { rule: RULE, pattern: PHRASE, n: 0 }, (s) => s.aligned, 'the hint follows Backspace', 10_000);
    assert.ok(Math.abs(at1.left - at0.left) > 4, 'a keystroke at the start moves the phrase');

    const hosts = await page.evaluate(instrument, { rule: RULE });
    assert.ok(hosts > 0, 'a <carelint-ui> host is on the page');
    const t0 = await page.evaluate(() => performance.now());
    const latencies = [];
    const round = async (n, record) => {
      for (let i = 0; i < n; i++) {
        const id = (await page.evaluate(() => window.__carelintBench.id)) + 1;
        const typing = id % 2 === 0;
        await page.evaluate(({ id, rect }) => {
          const b = window.__carelintBench;
          b.expect = rect;
          b.id = id;
        }, { id, rect: typing ? at1 : at0 });
        await page.keyboard.press(typing ? 'x' : 'Backspace');
        const handle = await page.waitForFunction((id) => {
          const b = window.__carelintBench;
          return b.done.has(id) && b.key.has(id) ? b.done.get(id) - b.key.get(id) : false;
        }, id, { timeout: 10_000 });
        const ms = await handle.jsonValue();
        if (record) latencies.push(ms);
      }
      // Leave the text as it was.
      if ((await page.evaluate(() => window.__carelintBench.id)) % 2 === 0) await page.keyboard.press('Backspace');
    };
    await round(WARMUP, false);
    await round(KEYSTROKES, true);
    const { longtasks, marks } = await page.evaluate((t0) => {
      const b = window.__carelintBench;
      return { longtasks: b.longtasks.filter((e) => e.start >= t0), marks: b.marks.length };
    }, t0);
    const longestLongtask = longtasks.reduce((m, e) => Math.max(m, e.duration), 0);
    const { longest: traced } = await traceTasks(h, () => round(20, false));
    return {
      variant, words, hints,
      median: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), max: Math.max(...latencies),
      longtasks: longtasks.length, longestLongtask, traced, marks,
    };
  } finally {
    await page.close();
  }
}

const loadBefore = loadavg()[0];
const h = await launch();
const rows = [];
const cold = [];
try {
  for (const variant of ['strict-csp', 'contenteditable']) cold.push(await coldStart(h, variant));
  for (const variant of ['strict-csp', 'contenteditable']) cold.push(await coldStart(h, variant, SETTLE_MS));
  for (const variant of ['contenteditable', 'textarea']) rows.push(await benchVariant(h, variant));
} finally {
  await h.close();
}
const f = (x) => (x === 0 ? '-' : x.toFixed(1));
const path = { 'strict-csp': 'service worker (strict CSP)', contenteditable: 'content script (wasm in the page)' };
console.log('\nCarelint cold start: first focus → first hint painted (headless Chromium)\n');
console.log('| engine in                          | focus after page ready | first focus → hint ms | of it, wasm compiled on first call ms | longest task ms |');
console.log('|------------------------------------|-----------------------:|----------------------:|--------------------------------------:|----------------:|');
for (const c of cold) console.log(`| ${path[c.variant].padEnd(34)} | ${(c.settle ? `${c.settle} ms` : 'at once').padStart(22)} | ${f(c.ms).padStart(21)} | ${f(c.wasmCompile).padStart(37)} | ${f(c.longest).padStart(15)} |`);
console.log(`(With ${SETTLE_MS} ms before the focus, the longest task is traced from the page's navigation on: it covers the engine's warm-up.)`);
console.log(`\nCarelint keystroke → updated highlights, ${KEYSTROKES} keystrokes per field (headless Chromium, ${process.arch})\n`);
console.log('| field           | words | hints | median ms | p95 ms | max ms | longest task ms | tasks ≥ 50 ms |');
console.log('|-----------------|------:|------:|----------:|-------:|-------:|----------------:|--------------:|');
for (const r of rows) {
  console.log(`| ${r.variant.padEnd(15)} | ${String(r.words).padStart(5)} | ${String(r.hints).padStart(5)} | ${f(r.median).padStart(9)} | ${f(r.p95).padStart(6)} | ${f(r.max).padStart(6)} | ${f(r.traced).padStart(15)} | ${String(r.longtasks).padStart(13)} |`);
}
console.log('\nTargets: p95 < 8 ms, no task over 50 ms; cold start ≤ 30 ms.');
const cores = availableParallelism();
const load = Math.max(loadBefore, loadavg()[0]);
if (load > cores * 0.75) {
  console.log(`Note: the machine was busy (1-minute load ${load.toFixed(1)} on ${cores} cores); these figures are noisy.`);
}
const failed = [
  ...rows.filter((r) => !(r.p95 < 8) || r.traced > 50 || r.longtasks > 0),
  ...cold.filter((c) => !(c.ms <= 30) || c.longest > 50).map((c) => ({ variant: `cold start (${c.variant}${c.settle ? `, focus after ${c.settle} ms` : ''})` })),
];
if (failed.length) {
  console.log(`Over target: ${failed.map((r) => r.variant).join(', ')}`);
  process.exitCode = process.env.CARELINT_BENCH_STRICT ? 1 : 0;
}
