// Browser benchmark (./build.sh bench): what a keystroke costs the page's
// main thread on a 5,000-word reply, with and without Carelint, so that
// Carelint's share can be told from the browser's own (editing, style,
// layout, paint of a long field), which no extension can make smaller.
//
// Headless Chromium, the demo pages, the same reply and keystrokes as
// bench.mjs (alternately "x" and Backspace at its start, 60 ms apart so
// each keystroke's work is done before the next), CPU-sampled through
// CDP's Profiler. Per keystroke: the browser's native time, the scripts'
// time (which includes the layouts Carelint's reads force: the browser
// would otherwise do them when it paints), and garbage collection.
//   node tests/e2e/keystroke-cost.mjs
import { launch } from './harness.mjs';
import { longReply } from './long-reply.mjs';
import { inPage } from './probe.mjs';

const WORDS = Number(process.env.CARELINT_BENCH_WORDS || 5000);
const KEYSTROKES = 120;
const GAP_MS = 60;

/**
 * Main-thread time per keystroke on the `variant` demo, in ms.
 * @param {boolean} extension
 * @param {string} variant
 */
async function cost(extension, variant) {
  const h = await launch({ extension });
  try {
    const page = await h.openDemo(variant);
    const field = await page.evaluate(inPage, { op: 'fieldRect' });
    await page.mouse.click(field.left + 24, field.top + 14);
    await page.keyboard.insertText(longReply(WORDS));
    await page.keyboard.press('Control+Home');
    // The reply's first lints, the whole-reply lint and the warm-up are done.
    await new Promise((ok) => setTimeout(ok, 3000));
    const cdp = await h.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    for (let i = 0; i < KEYSTROKES; i++) {
      await page.keyboard.press(i % 2 ? 'Backspace' : 'x');
      await new Promise((ok) => setTimeout(ok, GAP_MS));
    }
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    const kind = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
    const sums = { native: 0, scripts: 0, gc: 0 };
    profile.samples.forEach((id, i) => {
      const name = kind.get(id);
      const us = profile.timeDeltas[i];
      if (name === '(idle)') return;
      if (name === '(program)') sums.native += us;
      else if (name === '(garbage collector)') sums.gc += us;
      else sums.scripts += us;
    });
    const per = (us) => us / 1000 / KEYSTROKES;
    return { native: per(sums.native), scripts: per(sums.scripts), gc: per(sums.gc) };
  } finally {
    await h.close();
  }
}

const f = (x) => x.toFixed(2);
console.log(`\nMain-thread time per keystroke, ${WORDS}-word reply, ${KEYSTROKES} keystrokes (headless Chromium, CPU profile)\n`);
console.log('| field           | Carelint | browser ms | scripts ms | GC ms | total ms |');
console.log('|-----------------|----------|-----------:|-----------:|------:|---------:|');
for (const variant of ['contenteditable', 'textarea']) {
  const totals = [];
  for (const extension of [false, true]) {
    const c = await cost(extension, variant);
    const total = c.native + c.scripts + c.gc;
    totals.push(total);
    const cells = [f(c.native).padStart(10), f(c.scripts).padStart(10), f(c.gc).padStart(5), f(total).padStart(8)];
    console.log(`| ${variant.padEnd(15)} | ${(extension ? 'on' : 'off').padEnd(8)} | ${cells.join(' | ')} |`);
  }
  console.log(`| ${variant.padEnd(15)} | added    |            |            |       | ${f(totals[1] - totals[0]).padStart(8)} |`);
}
