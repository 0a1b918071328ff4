// The demo server and pages, without a browser: the strict policy is sent
// where it must be (and only there), the server is on loopback only, and no
// demo page carries an inline script (so one strict policy works everywhere).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, STRICT_CSP } from './server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WWW = join(ROOT, 'dist', 'www'); // built: the ticket pages are generated
const DEMO = join(WWW, 'demo');
const PAGES = ['textarea', 'contenteditable', 'quill', 'prosemirror', 'ckeditor', 'iframe', 'shadow', 'strict-csp'];

describe('demo server', () => {
  let server;
  before(async () => { server = await serve(WWW); });
  after(async () => { await server?.close(); });

  it('listens on 127.0.0.1 only', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it(`serves strict-csp.html with Content-Security-Policy: ${STRICT_CSP}`, async () => {
    for (const path of ['/demo/strict-csp.html', '/demo/strict-csp.html?x=1']) {
      const res = await fetch(server.url + path);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-security-policy'), STRICT_CSP, path);
      await res.arrayBuffer();
    }
  });

  it('serves the other pages without a policy', async () => {
    for (const page of PAGES.filter((p) => p !== 'strict-csp').concat('index', 'frame-editor')) {
      const res = await fetch(`${server.url}/demo/${page}.html`);
      assert.equal(res.status, 200, page);
      assert.equal(res.headers.get('content-security-policy'), null, page);
      await res.arrayBuffer();
    }
  });

  it('answers 404 for a missing file', async () => {
    const res = await fetch(`${server.url}/demo/nope.html`);
    assert.equal(res.status, 404);
    await res.arrayBuffer();
  });
});

describe('demo pages', () => {
  const html = readdirSync(DEMO).filter((f) => f.endsWith('.html'));

  it('exist for every editor variant, and the index links them all', () => {
    const index = readFileSync(join(DEMO, 'index.html'), 'utf8');
    for (const page of PAGES) {
      assert.ok(html.includes(`${page}.html`), `${page}.html exists`);
      assert.ok(index.includes(`href="${page}.html"`), `index links ${page}.html`);
    }
  });

  it('carry no inline script, event-handler attribute or javascript: URL', () => {
    for (const file of html) {
      const text = readFileSync(join(DEMO, file), 'utf8');
      for (const tag of text.match(/<script\b[^>]*>/gi) || []) {
        assert.match(tag, /\bsrc=/, `${file}: <script> without src: ${tag}`);
      }
      assert.doesNotMatch(text, /<script\b[^>]*>\s*[^<\s]/i, `${file}: script element with inline content`);
      assert.doesNotMatch(text, /\son[a-z]+\s*=/i, `${file}: inline event handler attribute`);
      assert.doesNotMatch(text, /javascript:/i, `${file}: javascript: URL`);
    }
  });

  it('mark the customer and the agent, and keep the internal note off', () => {
    for (const page of PAGES) {
      const text = readFileSync(join(DEMO, `${page}.html`), 'utf8');
      assert.match(text, /<[^>]+data-carelint-customer-name[^>]*>Maria Lopez</, `${page}: customer name`);
      assert.match(text, /<[^>]+data-carelint-agent-name[^>]*>Sam Patel</, `${page}: agent name`);
      assert.match(text, /<textarea id="internal-note"[^>]*data-carelint="off"/, `${page}: internal note off`);
      assert.match(text, new RegExp(`<script src="${page}\\.bundle\\.js" defer></script>`), `${page}: its bundle`);
    }
  });
});
