// `./build.sh demo` without a display, in Firefox: the same screenshot as
// ../demo-shot.mjs (hint and popover on the demo ticket), with
// dist/extension-firefox in headless firefox-esr.
//   node tests/e2e/firefox/demo-shot.mjs [page] [out.png]
import { demoShot } from '../demo-shot.mjs';
import { launch } from './harness.mjs';

const [variant = 'contenteditable', out = 'dist/demo-screenshot-firefox.png'] = process.argv.slice(2);
const h = await launch();
try {
  await demoShot(h, variant, out, 'Firefox');
} finally {
  await h.close();
}
