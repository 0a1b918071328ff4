// @ts-check
// The content script the manifest (and every registration) injects. The
// build bundles it, with content/main.js and everything that imports, into
// one classic script: content scripts cannot be ES modules, and modules
// imported from the extension would have to be web-accessible, where any
// page could fetch them to tell that the agent runs Carelint.
// A second injection into the same frame runs the bundle again in the same
// isolated world: the first copy's start() is kept, and does nothing while
// Carelint runs there; after the site was turned off and on again, it
// starts it anew.
// A page that runs its own Carelint (the try-it site) says so with
// <meta name="carelint" content="page">; the extension then leaves it be,
// rather than underline its reply box twice.
import { extensionHost } from './host.js';
import { start } from './main.js';

const world = /** @type {{ carelintStart?: () => Promise<void> }} */ (globalThis);
world.carelintStart ??= () => start(extensionHost);
if (!document.querySelector('meta[name="carelint"][content="page"]')) world.carelintStart();
