// `./build.sh demo` on a machine without a display: open the demo ticket in
// headless Chromium with dist/extension, type a reply, wait until the hint is
// on the phrase, open its popover, and save a screenshot as proof.
//   node tests/e2e/demo-shot.mjs [page] [out.png]
// firefox/demo-shot.mjs does the same in Firefox with `demoShot`.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './harness.mjs';
import { center, inPage, settle, state, waitForState } from './probe.mjs';

const RULE = 'robotic/thank-you-for-patience';
const PHRASE = 'thank you for your patience';

/**
 * Types the demo reply on `variant` in a browser from a harness (Chromium's
 * or Firefox's), opens the hint's popover and saves a screenshot to `out`.
 */
export async function demoShot(h, variant, out, browser) {
  const page = await h.openDemo(variant);
  const field = await page.evaluate(inPage, { op: 'fieldRect' });
  await page.mouse.click(field.left + 24, field.top + 14);
  await page.keyboard.type('Hi Maria,');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Thank you for your patience. Your refund will be processed as soon as possible.');
  const s = await waitForState(page, { rule: RULE, pattern: PHRASE, n: 0 }, (st) => st.aligned,
    'the hint shows on the phrase', 30_000);
  const box = center(s.boxes[0].rect);
  await settle(page);
  await page.mouse.move(box.x, box.y);
  await page.mouse.click(box.x, box.y);
  const open = await waitForState(page, {}, (st) => st.popovers.length > 0 && !st.popovers[0].animating,
    'the popover opens', 5_000).catch(() => null);
  const file = resolve(out);
  await page.screenshot({ path: file });
  const after = open || (await state(page));
  console.log(`screenshot (${browser}): ${file}`);
  console.log(`  ${after.allBoxes} hint(s) on the ${variant} demo (rules: ${after.rules.join(', ')}), ` +
    `badge ${after.badges.map((b) => b.count).join(',') || 'none'}, popover ${after.popovers.length ? 'open' : 'not open'}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [variant = 'contenteditable', out = 'dist/demo-screenshot.png'] = process.argv.slice(2);
  const h = await launch();
  try {
    await demoShot(h, variant, out, 'Chromium');
  } finally {
    await h.close();
  }
}
