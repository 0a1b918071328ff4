// A small static server for the demo helpdesk pages (dist/www), bound to
// 127.0.0.1 only. strict-csp.html is served with
// `Content-Security-Policy: script-src 'self'`, like a helpdesk that forbids
// inline scripts and eval (and with them WebAssembly in content scripts).
//
//   import { serve } from './server.mjs';
//   const { url, close } = await serve('dist/www');   // url: http://127.0.0.1:<port>
//
//   node tests/e2e/server.mjs dist/www 8080           // serve in the foreground
import http from 'node:http';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

export const STRICT_CSP = "script-src 'self'";

/** Pages served with the strict policy (path names, as requested). */
const strictPages = /(^|\/)strict-csp\.html$/;

/**
 * Serve `rootDir` on 127.0.0.1.
 * @param {string} rootDir
 * @param {number} [port] 0 picks a free port
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export async function serve(rootDir, port = 0) {
  const dir = resolve(rootDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`serve: ${dir} is not a directory (run ./build.sh build first)`);
  }
  const files = sirv(dir, {
    dev: true, // no caching: a rebuild is picked up on reload
    dotfiles: false,
    setHeaders(res, pathname) {
      if (strictPages.test(pathname)) res.setHeader('Content-Security-Policy', STRICT_CSP);
      res.setHeader('Cache-Control', 'no-store');
    },
  });
  const server = http.createServer((req, res) => {
    const path = (req.url || '/').split('?')[0];
    // The strict policy must hold however the page is addressed.
    if (strictPages.test(path)) res.setHeader('Content-Security-Policy', STRICT_CSP);
    if (path === '/' && !existsSync(resolve(dir, 'index.html'))) {
      res.writeHead(302, { Location: '/demo/' });
      res.end();
      return;
    }
    files(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`404 ${path}\n`);
    });
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      ok(undefined);
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok(undefined));
        server.closeAllConnections();
      }),
  };
}

// `node tests/e2e/server.mjs <dir> [port]`: serve in the foreground.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir = 'dist/www', port = '8080'] = process.argv.slice(2);
  const { url, close } = await serve(dir, Number(port));
  console.log(`serving ${resolve(dir)} on ${url}/ (demo: ${url}/demo/); Ctrl+C stops`);
  const stop = () => close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
