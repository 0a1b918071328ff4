// Instruction counts of the release CLI (./build.sh bench): what the
// engine costs, in a unit that the machine's load does not move. Wall-clock
// figures on a shared 2-core machine swing by ±25 % from run to run, which
// hides changes of 10-30 %; callgrind's count of executed instructions
// repeats to within a fraction of a percent. Three cases:
//   start: build the engine and report on a short reply (what a cold start
//          does, natively);
//   every regex: `carelint test`, which compiles every regex of the
//          built-in packs and lints their examples;
//   1 MB: report on 1 MiB of invented replies (benches/replies.mjs);
//   admin packs: start with two big admin packs (the built-in robotic and
//          vague packs' files under other ids), which are validated,
//          every regex checked, before the engine builds;
//   keystroke: per keystroke on a 5,000-word reply (examples/keystrokes.rs:
//          a warm engine lints it, then again after each of 200 appended
//          characters; the run with 0 appends is subtracted), once as the
//          extension lints (the lean report as JSON) and once as the CLI
//          does (the full report, suggestions filled in).
// Usage: node benches/instructions.mjs            (needs valgrind, target/release/carelint
//                                                  and target/release/examples/keystrokes)
//        CARELINT_BASE=/path/to/other/carelint node benches/instructions.mjs
//        (the same cases on another build too, with the ratio: an A/B of a change;
//        the keystroke case when that build has examples/keystrokes beside it)
// Writes dist/bench/instructions.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { longReply } from '../tests/e2e/long-reply.mjs';
import { mixedReplies } from './replies.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'target/release/carelint');
const KEYSTROKES = 200;
const OUT = join(ROOT, 'dist/bench/instructions.json');

const SHORT = 'Hi Sam, I will call you tomorrow at 3pm. We apologize for any inconvenience.\n';

/** Executed instructions of `cli args…`, from callgrind's summary line. */
function instructions(cli, args) {
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', cli, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.error) throw new Error(`cannot run valgrind (apt-get install valgrind): ${r.error.message}`);
  const refs = /Collected\s*:\s*(\d+)/.exec(r.stderr) ?? /refs:\s*([\d,]+)/.exec(r.stderr);
  if (!refs) throw new Error(`no instruction count from valgrind for ${args.join(' ')}:\n${r.stderr.slice(-2000)}`);
  return Number(refs[1].replaceAll(',', ''));
}

const dir = mkdtempSync(join(tmpdir(), 'carelint-instructions-'));
try {
  const short = join(dir, 'short.txt');
  const big = join(dir, '1mb.txt');
  writeFileSync(short, SHORT);
  writeFileSync(big, mixedReplies(1024 * 1024, 101));
  const admin = ['robotic', 'vague'].flatMap((name) => {
    const pack = JSON.parse(readFileSync(join(ROOT, `packs/${name}.json`), 'utf8'));
    const file = join(dir, `team-${name}.json`);
    writeFileSync(file, JSON.stringify({ ...pack, id: `team-${name}` }));
    return ['--pack', file];
  });
  const cases = [
    { id: 'start', label: 'start: build the engine, report on a short reply', args: ['check', short] },
    { id: 'regexes', label: 'every regex: `carelint test` (compile all, lint the examples)', args: ['test'] },
    { id: '1mb', label: '1 MB of replies: `check --format json`', args: ['check', '--format', 'json', big] },
    { id: 'admin', label: 'start with two big admin packs (validated): `check --pack … --pack …`', args: ['check', ...admin, short] },
  ];
  const base = process.env.CARELINT_BASE;
  const rows = cases.map((c) => ({
    ...c,
    now: instructions(CLI, c.args),
    base: base ? instructions(base, c.args) : null,
  }));
  const reply = join(dir, 'reply.txt');
  writeFileSync(reply, longReply(5000));
  /**
   * Instructions per keystroke of the keystrokes example beside `cli`, in
   * `mode` (lean or report); null when that build has no such example, or
   * (lean) an older one that only made full reports.
   */
  const perKeystroke = (cli, mode) => {
    const bin = join(dirname(cli), 'examples', 'keystrokes');
    if (!existsSync(bin)) return null;
    const knowsModes = spawnSync(bin, [reply, '0', 'no-such-mode'], { stdio: 'ignore' }).status === 2;
    if (mode === 'lean' && !knowsModes) return null;
    const args = knowsModes ? [mode] : [];
    return (instructions(bin, [reply, String(KEYSTROKES), ...args]) - instructions(bin, [reply, '0', ...args])) / KEYSTROKES;
  };
  for (const [mode, id, how] of [['lean', 'keystroke', 'as the extension lints: lean report'], ['report', 'keystroke-report', 'full report with suggestions, as the CLI']]) {
    const now = perKeystroke(CLI, mode);
    if (now === null) throw new Error('no target/release/examples/keystrokes: cargo build --release --example keystrokes');
    rows.push({
      id,
      label: `per keystroke, ${how}: a 5,000-word reply, ${KEYSTROKES} characters appended, each linted (warm engine)`,
      now,
      base: base ? perKeystroke(base, mode) : null,
    });
  }
  const m = (n) => (n === null ? '—' : n < 1e7 ? `${(n / 1e3).toFixed(1)} k` : `${(n / 1e6).toFixed(1)} M`);
  console.log('\nInstructions executed by the release CLI and, per keystroke, examples/keystrokes (valgrind --tool=callgrind; the whole process)\n');
  console.log(base ? `| case | this build | ${base} | this ÷ that |\n|---|---:|---:|---:|` : '| case | instructions |\n|---|---:|');
  for (const r of rows) {
    console.log(base
      ? `| ${r.label} | ${m(r.now)} | ${m(r.base)} | ${r.base ? (r.now / r.base).toFixed(2) : '—'} |`
      : `| ${r.label} | ${m(r.now)} |`);
  }
  mkdirSync(join(ROOT, 'dist/bench'), { recursive: true });
  writeFileSync(OUT, JSON.stringify({ date: new Date().toISOString(), base: base ?? null, rows: rows.map(({ id, now, base: b }) => ({ id, instructions: now, base: b })) }, null, 2));
  console.log(`\nWritten to ${OUT}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
