// End-to-end: the site's macro audit and "measure a pack" pages in dist/www,
// without the extension, in headless Chromium with real keyboard and mouse
// input. What an admin notices: an export dropped or chosen is ranked worst
// first with the same hints and improved text as `carelint audit` on the
// same file, the improved text is copied with one click; labelled files give
// the same tables as `carelint eval`; a broken file gives the CLI's error.
// Nothing the pages do leaves the machine. The samples are written here.
//   ./build.sh build && node --test tests/e2e/www-audit.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './harness.mjs';
import { onSite as openSite } from './site.mjs';
import { CSV, EXPORT, FORUM, INBOX } from './www-samples.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'target', 'release', 'carelint');

let h;
let dir;
before(async () => {
  h = await launch({ extension: false });
  dir = mkdtempSync(join(tmpdir(), 'carelint-www-audit-'));
  await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.baseUrl });
});
after(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Writes `text` to a file named `name` in the test's folder; its path. */
function sample(name, text) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The CLI's answer: stdout, or the error message on stderr (without `carelint: `). */
function cli(args) {
  try {
    return { out: execFileSync(CLI, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    return { error: String(e.stderr).replace(/^carelint: /, '').trim() };
  }
}

/** @param {string} path @param {(page: import('playwright-core').Page) => Promise<void>} body */
const onSite = (path, body) => openSite(h, path, body);

/** The audited responses as the page shows them, in order. */
function shown(page) {
  return page.$$eval('#results > li', (items) => items.map((li) => ({
    id: li.querySelector('.response-id')?.textContent?.trim().replace(/^#/, ''),
    title: li.querySelector('h2')?.firstChild?.textContent,
    rules: [...li.querySelectorAll('.hints a')].map((a) => a.textContent),
    improved: li.querySelector('pre.improved')?.textContent ?? null,
  })));
}

/** What `carelint audit --format json` says, in the page's terms. */
function expected(args) {
  return JSON.parse(cli(['audit', '--format', 'json', ...args]).out).map((a) => ({
    id: a.id,
    title: a.title,
    rules: a.hints.map((x) => x.rule),
    improved: a.hints.length ? a.improved : null,
  }));
}

describe('macro audit', () => {
  it('ranks a chosen Zendesk export as carelint audit does; one click copies the improved text', async () => {
    const path = sample('macros.json', EXPORT);
    const want = expected([path]);
    assert.equal(want.length, 3);
    assert.ok(want[0].rules.length > 0 && want.at(-1).rules.length === 0, `the CLI ranks a flagged macro first, the clean one last: ${JSON.stringify(want)}`);
    await onSite('/audit/', async (page) => {
      await page.setInputFiles('#file', path);
      await page.waitForSelector('#results > li');
      assert.deepEqual(await shown(page), want);
      assert.match(await page.textContent('#status'), /2 of 3 responses have hints/);
      // Keyboard only: Tab from the file input to the first copy button, Enter.
      await page.focus('#file');
      let focused = '';
      for (let i = 0; i < 20 && focused !== 'Copy the improved text'; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
      }
      assert.equal(focused, 'Copy the improved text', 'the copy button is reachable by Tab');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('#results > li [role="status"]')?.textContent?.includes('Copied'));
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(copied, want[0].improved);
      assert.doesNotMatch(copied, /not available at this time|Thank you for your patience/i, 'the flagged phrases are replaced');
    });
  });

  it('audits a dropped CSV in the column that holds the text, and says what is wrong with a broken export', async () => {
    const path = sample('responses.csv', CSV);
    const want = expected(['--column', 'body', path]);
    await onSite('/audit/', async (page) => {
      await page.evaluate((text) => {
        const data = new DataTransfer();
        data.items.add(new File([text], 'responses.csv', { type: 'text/csv' }));
        document.getElementById('drop')?.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      }, CSV);
      await page.waitForSelector('#results > li');
      assert.equal(await page.inputValue('#column'), 'body', 'the text column is chosen');
      assert.deepEqual(await shown(page), want);
      assert.equal(want[0].id, 'c2');

      const broken = sample('broken.json', '{"macros": [{"id": 1, "title": "x", "actions": 3}]}');
      await page.setInputFiles('#file', broken);
      await page.waitForFunction(() => document.getElementById('status')?.classList.contains('error'));
      const { error } = cli(['audit', broken]);
      assert.equal(await page.textContent('#status'), error.replace(broken, 'broken.json'));
      assert.equal(await page.$$eval('#results > li', (l) => l.length), 0);
    });
  });
});

describe('measure a pack', () => {
  /** The rows of the CLI's Markdown table whose header starts with `first`, header included. */
  function table(out, first) {
    const lines = out.split('\n');
    const start = lines.findIndex((l) => l.startsWith(`| ${first} `));
    assert.ok(start >= 0, `a ${first} table in ${out}`);
    const cells = (l) => l.slice(2, -2).split(' | ').map((c) => c.trim());
    return [cells(lines[start]), ...lines.slice(start + 2).filter((_, i, rest) => rest.slice(0, i + 1).every((l) => l.startsWith('|'))).map(cells)];
  }

  it('gives the same tables as carelint eval for two labelled files, and the same error for a broken one', async () => {
    const files = [sample('inbox.jsonl', INBOX), sample('forum.jsonl', FORUM)];
    const { out } = cli(['eval', ...files]);
    await onSite('/measure/', async (page) => {
      await page.setInputFiles('#file', files);
      await page.waitForSelector('#sets');
      const rows = (id) => page.$$eval(`#${id} tr`, (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
      assert.deepEqual(await rows('sets'), table(out, 'set'));
      assert.deepEqual(await rows('sources'), table(out, 'source'));
      assert.deepEqual(await rows('false-flags'), table(out, 'rule'));
      assert.match(await page.textContent('#status'), /^7 replies: 4 labelled with a problem, 3 labelled none\.$/);
      const missLine = out.match(/^Misses: (\d+) replies/m);
      const misses = await page.$$eval('.misses li', (l) => l.length);
      assert.equal(misses, missLine ? Number(missLine[1]) : 0);

      const broken = sample('broken.jsonl', `${INBOX}\n{"text": "Hi", "labels": []}\n`);
      await page.setInputFiles('#file', broken);
      await page.waitForFunction(() => document.getElementById('status')?.classList.contains('error'));
      assert.equal(await page.textContent('#status'), cli(['eval', broken]).error.replace(broken, 'broken.jsonl'));
      assert.equal(await page.$$eval('#results table', (t) => t.length), 0, 'no figures for a broken file');
    });
  });
});
