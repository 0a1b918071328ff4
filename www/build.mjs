// Builds the demo helpdesk pages: bundles each page's entry in www/demo/src/
// with esbuild into <outdir>/demo/<name>.bundle.js (plus <name>.bundle.css
// when the editor ships CSS). build.sh copies www/ to dist/www first, then
// runs `node www/build.mjs dist/www`.
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const outdir = resolve(process.argv[2] || join(root, 'dist', 'www'));

/** One bundle per demo page. */
const pages = ['textarea', 'contenteditable', 'quill', 'prosemirror', 'ckeditor', 'iframe', 'shadow', 'strict-csp'];

const entryPoints = pages.map((name) => {
  const file = join(here, 'demo', 'src', `${name}.js`);
  if (!existsSync(file)) throw new Error(`www/build.mjs: missing entry ${file}`);
  return { in: file, out: `${name}.bundle` };
});

mkdirSync(join(outdir, 'demo'), { recursive: true });
const started = Date.now();
const result = await build({
  entryPoints,
  outdir: join(outdir, 'demo'),
  bundle: true,
  format: 'iife',
  target: ['chrome120', 'firefox121'],
  minify: true,
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'linked',
  // Editor CSS may reference icons or fonts: inline them, nothing is fetched
  // from anywhere but this site.
  loader: { '.svg': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.png': 'dataurl' },
  nodePaths: [join(root, 'node_modules')],
  absWorkingDir: root,
  logLevel: 'warning',
  metafile: true,
});
const outputs = Object.entries(result.metafile.outputs)
  .filter(([file]) => /\.(js|css)$/.test(file))
  .map(([file, info]) => `${file.replace(/^.*\/demo\//, '')} ${(info.bytes / 1024).toFixed(0)} KB`);
console.error(`www/build.mjs: ${outputs.length} bundles in ${Date.now() - started} ms (${outputs.join(', ')})`);
