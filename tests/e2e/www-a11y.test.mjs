// End-to-end: every page of the built site (dist/www, all but demo/, found
// on disk so a page added later is covered) in light and dark mode, run
// through axe-core: no serious or critical violation. Each page is shown
// in a state a visitor sees after using it (a sample reply, an export, a
// labelled set loaded); a screenshot of each is written to
// dist/screenshots/<page>-<light|dark>.png for people to look at.
//   ./build.sh build && node --test tests/e2e/www-a11y.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, WWW_DIR } from './harness.mjs';
import { EXPORT, FORUM, INBOX } from './www-samples.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const SHOTS = join(ROOT, 'dist', 'screenshots');
/** Screenshots stop here: the rule catalogue is hundreds of screens long. */
const SHOT_HEIGHT = 2400;

/** Every HTML page of the site outside demo/, as paths under the site's root. */
function sitePages(dir = WWW_DIR) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'demo' ? [] : sitePages(path);
    return entry.name.endsWith('.html') ? [relative(WWW_DIR, path)] : [];
  }).sort();
}

/** What a visitor does first on some pages, so that their results are checked too. */
const USE = {
  'index.html': async (page) => {
    await page.click('[data-sample="robotic"]');
    await page.waitForFunction(() => Number(document.querySelector('carelint-ui')?.shadowRoot
      ?.querySelector('[data-carelint-badge]')?.getAttribute('data-count')) > 0);
  },
  'audit/index.html': async (page) => {
    await page.setInputFiles('#file', { name: 'macros.json', mimeType: 'application/json', buffer: Buffer.from(EXPORT) });
    await page.waitForSelector('#results > li');
  },
  'measure/index.html': async (page) => {
    await page.setInputFiles('#file', [
      { name: 'inbox.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(INBOX) },
      { name: 'forum.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(FORUM) },
    ]);
    await page.waitForSelector('#sets');
  },
};

let h;
before(async () => {
  h = await launch({ extension: false });
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => { await h?.close(); });

describe('every page of the site', () => {
  const pages = sitePages();
  it('finds the pages in dist/www', () => {
    for (const known of ['index.html', 'rules/index.html', 'audit/index.html', 'measure/index.html']) {
      assert.ok(pages.includes(known), `${known} in ${pages.join(', ')}`);
    }
  });
  for (const path of pages) {
    for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
      it(`${path} (${colorScheme}): no serious or critical axe-core violation`, async () => {
        const mark = h.mark();
        const page = await h.context.newPage();
        try {
          await page.emulateMedia({ colorScheme });
          const url = `${h.baseUrl}/${path.replace(/index\.html$/, '')}`;
          await page.goto(url, { waitUntil: 'load' });
          await USE[path]?.(page);
          const name = path.replace(/\/?index\.html$/, '').replace(/\//g, '-') || 'playground';
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          await page.screenshot({ path: join(SHOTS, `${name}-${colorScheme}.png`), fullPage: true,
            clip: { x: 0, y: 0, width: 1280, height: Math.min(height, SHOT_HEIGHT) } });
          await page.addScriptTag({ path: AXE });
          const violations = await page.evaluate(async () => {
            // @ts-ignore axe is the script just added
            const result = await window.axe.run(document, { resultTypes: ['violations'] });
            return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
              .map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', ')}`);
          });
          assert.deepEqual(violations, [], `axe-core on ${path} in ${colorScheme} mode`);
        } finally {
          await page.close();
        }
        assert.deepEqual(h.since(mark).consoleErrors, [], 'no console errors');
      });
    }
  }
});
