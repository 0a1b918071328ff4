// Where the page's engine runs in Chromium, as the toolbar popup says it:
// in the content script on an ordinary page, in the service worker on a
// page whose CSP forbids wasm (Chromium applies the page's CSP to content
// scripts). Firefox does not; firefox/extension.test.mjs checks that there
// the strict-CSP page runs it in the content script.
//   ./build.sh build && node --test tests/e2e/engine-place.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { focusReply, type } from './agent.mjs';
import { openPopup, ui, until } from './extension-pages.mjs';

const PLACES = {
  contenteditable: /Checked in this page\./,
  'strict-csp': /Checked in Carelint's background: this site's security policy does not let it run in the page\./,
};

describe('chromium: where the engine runs', () => {
  let h;
  before(async () => { h = await launch(); });
  after(async () => { await h?.close(); });

  for (const [variant, said] of Object.entries(PLACES)) {
    it(`${variant}: the popup says ${said.source.split(':')[0].replace(/\\/g, '')}`, async () => {
      const page = await h.openDemo(variant);
      await focusReply(page);
      await type(page, 'Thank you for your patience.');
      await until(() => ui(page), (u) => u.hints.length > 0, 'the hint shows', 30_000);
      const popup = await openPopup(h, page);
      assert.match(await popup.textContent('#status'), said);
      await popup.close();
      await page.close();
    });
  }
});
