// Side-by-side benchmark (./build.sh bench, issue 9): Carelint's shipped
// wasm (dist/extension/engine, built-in packs, as the extension builds it)
// against the prose linters an agent could install instead (harper.js,
// write-good, alex; npm devDependencies, default rules), in one run, on the
// same invented replies. Then the release CLI's whole-process throughput on
// 1-16 MB files. Prints a Markdown table and writes dist/bench/peers.json.
//
// Every engine runs in child processes of its own, so that one's garbage,
// JIT state or wasm memory never lands on another's figures: a fresh child
// per cold start, and one child per engine for the timed lints (its peak
// RSS is read right after the 1 MB lints, before the smaller cases run;
// their texts are made before the baseline is read, as a host has the text
// before it lints it, so only the engine's own memory counts).
// Usage: node benches/peers.mjs   (needs ./build.sh build first)
//        CARELINT_BENCH_PEERS=write-good node benches/peers.mjs   (Carelint and
//        only the peers named, comma-separated; `none` for Carelint alone)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filler, mixedReplies, random, reply } from './replies.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXTENSION_DIR = join(ROOT, 'dist/extension');
const ENGINE_DIR = join(EXTENSION_DIR, 'engine');
const CLI = join(ROOT, 'target/release/carelint');
const OUT = join(ROOT, 'dist/bench/peers.json');

// ---------------------------------------------------------------------------
// Texts: invented replies (benches/replies.mjs).

// What the keystroke case types, one character per lint.
const TYPED = ' I will send the new tracking number to you by Thursday evening, and I will check that the courier has the right flat number too.';

// Each case lints up to `reps` texts of its size and stops early once
// `budget` ms are spent (the peers take seconds on 1 MB). Every lint gets a
// text of its own (`text(i)`): the same text again would time a cache.
const CASES = [
  { id: '1kb', label: '1 KB', text: (i) => mixedReplies(1024, 1000 + i), reps: 200, budget: 5000 },
  { id: '30kb', label: '30 KB', text: (i) => mixedReplies(30 * 1024, 2000 + i), reps: 50, budget: 8000 },
  { id: '1mb', label: '1 MB', text: (i) => mixedReplies(1024 * 1024, 3000 + i), reps: 5, budget: 8000 },
];
/** Warms an engine up before a case; no case lints it. */
const WARM_UP = () => mixedReplies(1024, 0);
const KEYSTROKES = 200;
// harper.js takes seconds to start, so few fresh starts keep the bench short.
const COLD_STARTS = 3;
/** The 5,000-word reply of the keystroke case. */
const longReply = () => reply(filler(random(4)), 5000);

// ---------------------------------------------------------------------------
// Engines: each loads (import + instantiate), constructs, and lints a text
// with its default rules; `count` is how many findings a result holds.

const CONTEXT = { customer: { first_name: 'Maria', name: 'Maria Lopez' }, agent: { first_name: 'Sam' } };

const ENGINES = {
  carelint: {
    label: 'Carelint (wasm)',
    async load() {
      const glue = await import(join(ENGINE_DIR, 'carelint.js'));
      const { leanLinter } = await import(join(EXTENSION_DIR, 'report.js'));
      const wasm = glue.initSync({ module: readFileSync(join(ENGINE_DIR, 'carelint_bg.wasm')) });
      return { glue, wasm, leanLinter };
    },
    construct({ glue, wasm, leanLinter }) {
      // As extension/lint-engine.js builds it (built-in packs, no admin
      // packs) and content/engine-client.js lints with it: the lean lint,
      // expanded into the report the content script shows.
      const engine = new glue.Engine({ builtin: true, packs: [], disabled: [] });
      const lint = leanLinter(engine);
      return {
        lint: (text) => lint(text, CONTEXT), count: (r) => r.hints.length, memory: wasm.memory,
        // What lint-engine.js does in idle periods after it builds an engine.
        idle: () => { while (engine.warm()); },
      };
    },
  },
  harper: {
    label: 'harper.js',
    async load() {
      const { LocalLinter } = await import('harper.js');
      // The documented way in Node: the binary inlined as a data URL.
      const { binaryInlined } = await import('harper.js/binaryInlined');
      return { LocalLinter, binaryInlined };
    },
    async construct({ LocalLinter, binaryInlined }) {
      const linter = new LocalLinter({ binary: binaryInlined });
      await linter.setup();
      // Replies are plain text (the default parser is Markdown).
      return { lint: (text) => linter.lint(text, { language: 'plaintext' }), count: (r) => r.length };
    },
  },
  'write-good': {
    label: 'write-good',
    load: async () => (await import('write-good')).default,
    construct: (writeGood) => ({ lint: (text) => writeGood(text), count: (r) => r.length }),
  },
  alex: {
    label: 'alex',
    load: async () => (await import('alex')).text,
    construct: (text) => ({ lint: (t) => text(t), count: (r) => r.messages.length }),
  },
};

// ---------------------------------------------------------------------------
// Child processes: one measurement each, JSON on stdout.

const now = () => performance.now();
const mb = (bytes) => bytes / (1024 * 1024);

/** Load + construct + a first lint of the 1 KB text, in a fresh process. */
async function coldStart(name) {
  const e = ENGINES[name];
  const text = CASES[0].text(0);
  const t0 = now();
  const loaded = await e.load();
  const t1 = now();
  const engine = await e.construct(loaded);
  const t2 = now();
  await engine.lint(text);
  const t3 = now();
  return { load: t1 - t0, construct: t2 - t1, firstLint: t3 - t2 };
}

/** Runs `lint` once, timed by the wall clock and by this process's CPU time
 * (which the other work on a shared machine does not inflate). */
async function measure(lint, into) {
  const c = process.cpuUsage();
  const t = now();
  const r = await lint();
  into.times.push(now() - t);
  const d = process.cpuUsage(c);
  into.cpu.push((d.user + d.system) / 1000);
  return r;
}

/** Up to `reps` timed lints of the case's texts within `budget` ms, after an
 * untimed lint of the warm-up text (a peer's 1 MB lint takes seconds:
 * warming up on it would double the bench's longest step). */
async function timeLints(engine, { text, reps, budget }) {
  await engine.lint(WARM_UP());
  const m = { times: [], cpu: [] };
  const first = text(0);
  const start = now();
  const hints = engine.count(await measure(() => engine.lint(first), m));
  while (m.times.length < reps && now() - start < budget) {
    const next = text(m.times.length);
    await measure(() => engine.lint(next), m);
  }
  return { bytes: Buffer.byteLength(first), hints, ...m };
}

/** The keystroke case: one character appended, a full lint each time. */
async function timeKeystrokes(engine, onLint = () => {}) {
  const base = longReply();
  await engine.lint(base);
  const m = { times: [], cpu: [] };
  let hints = 0;
  for (let i = 1; i <= KEYSTROKES; i++) {
    const text = base + TYPED.repeat(2).slice(0, i);
    hints = engine.count(await measure(() => engine.lint(text), m));
    onLint();
  }
  return { words: base.split(/\s+/).length, bytes: Buffer.byteLength(base), hints, ...m };
}

/** Every timed case, the 1 MB one first so that peak RSS covers only it. */
async function timedRun(name) {
  const [small, medium, large] = CASES;
  const largeTexts = Array.from({ length: large.reps }, (_, i) => large.text(i));
  const baseline = process.memoryUsage().rss;
  const e = ENGINES[name];
  const engine = await e.construct(await e.load());
  // The timed lints are an engine in use, after the idle time an agent
  // gives it (reading the ticket); cold start has its own measurement.
  engine.idle?.();
  const cases = {};
  cases[large.id] = await timeLints(engine, { ...large, text: (i) => largeTexts[i] });
  const peakRss = process.resourceUsage().maxRSS * 1024 - baseline;
  const wasmAfter1mb = engine.memory?.buffer.byteLength;
  cases[small.id] = await timeLints(engine, small);
  cases[medium.id] = await timeLints(engine, medium);
  cases.keystroke = await timeKeystrokes(engine);
  return { baselineRss: baseline, peakRss, wasmAfter1mb, cases };
}

/** Carelint's wasm memory after each of 200 keystroke lints, from a fresh engine. */
async function wasmGrowth() {
  const e = ENGINES.carelint;
  const engine = await e.construct(await e.load());
  const sizes = [engine.memory.buffer.byteLength];
  engine.idle();
  await timeKeystrokes(engine, () => sizes.push(engine.memory.buffer.byteLength));
  return { sizes };
}

const CHILD_MODES = { cold: coldStart, timed: timedRun, growth: wasmGrowth };

function child(mode, name = '') {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, name], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out);
}

// ---------------------------------------------------------------------------
// Sizes: what each engine ships, gzipped as build.sh reports the wasm
// (`gzip -9`; zlib's level 9 comes out about 2 % larger).

const gz = (bytes) => execFileSync('gzip', ['-9c'], { input: bytes, maxBuffer: 64 * 1024 * 1024 }).length;

async function sizes() {
  const { build } = await import('esbuild');
  const bundle = async (entry) => {
    const r = await build({ entryPoints: [entry], bundle: true, minify: true, write: false, platform: 'node', format: 'esm', logLevel: 'silent', absWorkingDir: ROOT });
    return gz(r.outputFiles[0].contents);
  };
  const harperWasm = join(ROOT, 'node_modules/harper.js/dist/harper_wasm_bg.wasm');
  return {
    carelint: { wasm: gz(readFileSync(join(ENGINE_DIR, 'carelint_bg.wasm'))), js: await bundle(join(ENGINE_DIR, 'carelint.js')) },
    harper: { wasm: gz(readFileSync(harperWasm)), js: await bundle('harper.js') },
    'write-good': { wasm: null, js: await bundle('write-good') },
    alex: { wasm: null, js: await bundle('alex') },
  };
}

// ---------------------------------------------------------------------------
// Native: the release CLI on 1-16 MB of mixed replies, whole process.

function native() {
  const dir = mkdtempSync(join(tmpdir(), 'carelint-bench-'));
  const rows = [];
  try {
    for (const size of [1, 2, 4, 8, 16]) {
      const file = join(dir, `${size}mb.txt`);
      writeFileSync(file, mixedReplies(size * 1024 * 1024, 100 + size));
      // Up to 3 runs, fewer once 4 s are spent: one 16 MB run is enough.
      const times = [];
      const start = now();
      while (times.length < 3 && (times.length === 0 || now() - start < 4000)) {
        const t = now();
        const r = spawnSync(CLI, ['check', '--format', 'json', file], { stdio: ['ignore', 'ignore', 'pipe'] });
        times.push(now() - t);
        // 1 means "found hints at or above warning", which these files have.
        if (r.status !== 0 && r.status !== 1) throw new Error(`carelint check failed on ${size} MB: ${r.stderr}`);
      }
      const median = quantile(times, 0.5);
      rows.push({ mb: size, times, median, mbPerS: size / (median / 1000) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

// ---------------------------------------------------------------------------
// Report.

/** Nearest-rank quantile. */
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(x >= 10000 ? 1 : 2)} s` : x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`);
const kb = (bytes) => `${(bytes / 1000).toLocaleString('en', { maximumFractionDigits: 0 })} KB`;
const ratio = (peer, carelint) => {
  const r = peer / carelint;
  return ` (${r.toFixed(r >= 10 ? 0 : r >= 1 ? 1 : 2)}×)`;
};

function machine() {
  return {
    cpu: cpus()[0]?.model.trim(), cores: availableParallelism(), memoryGb: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version, platform: `${process.platform}-${process.arch}`,
  };
}

function table(result) {
  const names = Object.keys(result.engines);
  const run = (n) => result.engines[n].timed;
  /** One row: each engine's `value` in `format`, peers with their ratio to Carelint. */
  const row = (label, value, format = ms) => {
    const cells = names.map((n) => {
      const v = value(n);
      if (v == null) return '—';
      const base = value('carelint');
      return format(v, n) + (n !== 'carelint' && base ? ratio(v, base) : '');
    });
    return `| ${label} | ${cells.join(' | ')} |`;
  };
  const lines = [`| | ${names.map((n) => ENGINES[n].label).join(' | ')} |`, `|---|${names.map(() => '---:').join('|')}|`];
  const c = run('carelint').cases;
  for (const x of [...CASES, { id: 'keystroke', reps: KEYSTROKES }]) {
    const label = x.id === 'keystroke'
      ? `keystroke (${c.keystroke.words.toLocaleString('en')}-word reply, ${KEYSTROKES} × 1 char appended, full lint)`
      : `${x.label} (${c[x.id].bytes.toLocaleString('en')} bytes)`;
    const of = (n) => run(n).cases[x.id];
    // Fewer lints than asked means the time budget ran out; say how many.
    const p99 = (n) => ms(quantile(of(n).times, 0.99)) + (of(n).times.length < x.reps ? `, n=${of(n).times.length}` : '');
    lines.push(row(`${label}: median / p99`, (n) => quantile(of(n).times, 0.5), (v, n) => `${ms(v)} / ${p99(n)}`));
    lines.push(row('… CPU time, median', (n) => quantile(of(n).cpu, 0.5)));
  }
  const cold = (part) => (n) => quantile(result.engines[n].cold.map(part), 0.5);
  lines.push(row(`cold start: load + construct (median of ${COLD_STARTS} fresh processes)`, cold((r) => r.load + r.construct)));
  lines.push(row('… then the first lint (1 KB)', cold((r) => r.firstLint)));
  lines.push(row('wasm, gzipped', (n) => result.sizes[n].wasm, kb));
  lines.push(row('JS (esbuild bundle, minified), gzipped', (n) => result.sizes[n].js, kb));
  lines.push(row('peak RSS above the node baseline after the 1 MB lints', (n) => run(n).peakRss, (b) => `${mb(b).toFixed(0)} MB`));
  lines.push(`| findings in the 1 MB text | ${names.map((n) => run(n).cases['1mb'].hints.toLocaleString('en')).join(' | ')} |`);
  return lines.join('\n');
}

function growthLine({ sizes: s }) {
  const at = (i) => `${mb(s[i]).toFixed(2)} MB`;
  const last100 = s[s.length - 1] - s[s.length - 101];
  return `Carelint wasm memory across ${s.length - 1} keystroke lints: ${at(0)} after construct, ${at(1)} after warm-up and the first lint, ` +
    `${at(100)} after 100, ${at(s.length - 1)} after ${s.length - 1}: ` +
    (last100 > 0 ? `still growing (+${kb(last100)} over the last 100).` : 'no growth over the last 100.');
}

/** Carelint first, then the peers CARELINT_BENCH_PEERS names (all by default). */
function selected() {
  const peers = Object.keys(ENGINES).filter((n) => n !== 'carelint');
  const asked = process.env.CARELINT_BENCH_PEERS?.split(',').map((n) => n.trim());
  return ['carelint', ...(asked ? peers.filter((n) => asked.includes(n)) : peers)];
}

async function main() {
  const loadStart = loadavg();
  const started = new Date();
  const shipped = await sizes();
  const engines = {};
  for (const name of selected()) {
    process.stderr.write(`${ENGINES[name].label}: ${COLD_STARTS} cold starts, then the timed lints\n`);
    const cold = Array.from({ length: COLD_STARTS }, () => child('cold', name));
    engines[name] = { cold, timed: child('timed', name) };
  }
  const growth = child('growth');
  process.stderr.write('native: carelint check on 1-16 MB\n');
  const nativeRows = native();
  const result = {
    date: started.toISOString(), machine: machine(),
    loadavg: { start: loadStart, end: loadavg() },
    settings: {
      keystrokes: KEYSTROKES, coldStarts: COLD_STARTS, cases: CASES.map(({ id, reps, budget }) => ({ id, reps, budget })),
      harper: 'LocalLinter, binaryInlined, language plaintext, default rules',
      alex: 'text(), default rules', 'write-good': 'default checks', carelint: 'dist/extension/engine, built-in packs, linted through dist/extension/report.js (lintLean)',
    },
    engines, sizes: shipped, wasmGrowth: growth, native: nativeRows,
  };
  mkdirSync(join(ROOT, 'dist/bench'), { recursive: true });
  writeFileSync(OUT, JSON.stringify(result, null, 1));

  const m = result.machine;
  const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`\nCarelint and its peers, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC; ${m.cpu}, ${m.cores} cores, ` +
    `${m.memoryGb} GB; Node ${m.node}; load average ${load(loadStart)} at start, ${load(result.loadavg.end)} at end.\n` +
    `Wall-clock median and p99 per lint, and the CPU time of the linting process (which other load on the machine inflates less); (n×) = that peer's figure ÷ Carelint's.\n`);
  console.log(table(result));
  console.log(`\n${growthLine(growth)}\n`);
  console.log('| carelint check (release CLI, whole process) | ' + nativeRows.map((r) => `${r.mb} MB`).join(' | ') + ' |');
  console.log('|---|' + nativeRows.map(() => '---:').join('|') + '|');
  console.log('| seconds, median (runs) | ' + nativeRows.map((r) => `${(r.median / 1000).toFixed(2)} (${r.times.length})`).join(' | ') + ' |');
  console.log('| MB/s | ' + nativeRows.map((r) => r.mbPerS.toFixed(1)).join(' | ') + ' |');
  console.log(`\nWritten to ${OUT}`);
}

if (process.argv[2] === '--child') {
  const [, , , mode, name] = process.argv;
  process.stdout.write(JSON.stringify(await CHILD_MODES[mode](name)));
} else {
  await main();
}
