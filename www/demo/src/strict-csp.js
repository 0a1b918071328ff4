// Same reply box as contenteditable.html; the page is served with
// `Content-Security-Policy: script-src 'self'` (tests/e2e/server.mjs), which
// also forbids compiling WebAssembly in content scripts on this page.
import './contenteditable.js';
