// Builds the demo helpdesk pages: writes one ticket page per editor variant
// from www/demo/ticket.template.html and www/demo/variants.json (the pages
// differ only in their composer), and bundles each page's entry in
// www/demo/src/ with esbuild into <outdir>/demo/<name>.bundle.js (plus
// <name>.bundle.css when the editor ships CSS). build.sh copies www/ to
// dist/www first, then runs `node www/build.mjs dist/www`. TinyMCE loads its
// theme, model, icons and skins at run time from its base URL: their minified
// files are copied from node_modules/tinymce to <outdir>/demo/tinymce/.
//
// The site around the demo: the playground (index.html), whose
// playground.bundle.js is the extension's content-script modules with the
// engine in the page (www/src/), the rule catalogue (rules/index.html,
// www/rules.mjs) and the pack studio (studio/, www/studio/src/). Both need the built engine: `node www/build.mjs dist/www
// dist/site-engine` (the engine built with the `site` feature, which adds
// the tool pages' audit and evaluate); its wasm is copied to <outdir>/engine/.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinPacks, cataloguePage } from './rules.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const outdir = resolve(process.argv[2] || join(root, 'dist', 'www'));
const engineDir = resolve(process.argv[3] || join(root, 'dist', 'site-engine'));
if (!existsSync(join(engineDir, 'carelint_bg.wasm'))) throw new Error(`www/build.mjs: no engine in ${engineDir} (build the wasm first)`);

/** @type {{ id: string, label: string, css: boolean, composer: string }[]} */
const variants = JSON.parse(readFileSync(join(here, 'demo', 'variants.json'), 'utf8'));
const pages = variants.map((v) => v.id);

/** The ticket page of one variant, its own link marked as current. */
function page(template, v) {
  const head = (v.css ? `  <link rel="stylesheet" href="${v.id}.bundle.css">\n` : '')
    + `  <script src="${v.id}.bundle.js" defer></script>\n`;
  const nav = variants.map((w) => `          <li${w.id === v.id ? ' aria-current="page"' : ''}><a href="${w.id}.html">${w.label}</a></li>\n`).join('');
  const fill = { label: v.label, head, id: v.id, composer: v.composer, nav };
  return template.replace(/\{\{(\w+)\}\}/g, (_, key) => fill[key]);
}

const entryPoints = pages.map((name) => {
  const file = join(here, 'demo', 'src', `${name}.js`);
  if (!existsSync(file)) throw new Error(`www/build.mjs: missing entry ${file}`);
  return { in: file, out: `${name}.bundle` };
});

mkdirSync(join(outdir, 'demo'), { recursive: true });
const template = readFileSync(join(here, 'demo', 'ticket.template.html'), 'utf8');
for (const v of variants) writeFileSync(join(outdir, 'demo', `${v.id}.html`), page(template, v));
for (const source of ['ticket.template.html', 'variants.json']) rmSync(join(outdir, 'demo', source));
const tinymce = join(root, 'node_modules', 'tinymce');
for (const part of ['themes', 'models', 'icons', 'skins']) {
  cpSync(join(tinymce, part), join(outdir, 'demo', 'tinymce', part), {
    recursive: true,
    filter: (source) => statSync(source).isDirectory() || /\.min\.(js|css)$/.test(source),
  });
}
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

// The playground: the source tree has only the engine's types, so its glue
// is taken from the built engine.
/** @type {import('esbuild').Plugin} */
const builtEngine = {
  name: 'built-engine',
  setup(b) {
    b.onResolve({ filter: /\/engine\/carelint\.js$/ }, () => ({ path: join(engineDir, 'carelint.js') }));
  },
};
const playground = await build({
  entryPoints: [
    { in: join(here, 'src', 'playground.js'), out: 'playground.bundle' },
    // The macro audit and measure-a-pack pages: the engine in the page, like the playground.
    { in: join(here, 'audit', 'audit.js'), out: 'audit/audit.bundle' },
    { in: join(here, 'measure', 'measure.js'), out: 'measure/measure.bundle' },
  ],
  outdir,
  bundle: true,
  format: 'iife',
  target: ['chrome120'],
  minify: true,
  sourcemap: 'linked',
  sourcesContent: false,
  plugins: [builtEngine],
  absWorkingDir: root,
  logLevel: 'warning',
  logOverride: { 'empty-import-meta': 'silent' },
  metafile: true,
});
rmSync(join(outdir, 'src'), { recursive: true });
for (const source of ['audit/audit.js', 'measure/measure.js']) rmSync(join(outdir, source));

// The pack studio (studio/index.html): CodeMirror from npm, the options
// page's pack views (extension/options/pack-check.js), the engine in the page.
const studio = await build({
  entryPoints: [{ in: join(here, 'studio', 'src', 'studio.js'), out: 'studio.bundle' }],
  outdir: join(outdir, 'studio'),
  bundle: true,
  format: 'esm',
  target: ['chrome120'],
  minify: true,
  sourcemap: 'linked',
  sourcesContent: false,
  plugins: [builtEngine],
  absWorkingDir: root,
  logLevel: 'warning',
  metafile: true,
});
rmSync(join(outdir, 'studio', 'src'), { recursive: true });
rmSync(join(outdir, 'rules.mjs'));
mkdirSync(join(outdir, 'engine'), { recursive: true });
cpSync(join(engineDir, 'carelint_bg.wasm'), join(outdir, 'engine', 'carelint_bg.wasm'));
writeFileSync(join(outdir, 'rules', 'index.html'), cataloguePage(await builtinPacks(engineDir)));

const outputs = Object.entries({ ...result.metafile.outputs, ...playground.metafile.outputs, ...studio.metafile.outputs })
  .filter(([file]) => /\.(js|css)$/.test(file))
  .map(([file, info]) => `${file.replace(/^.*\/(demo\/|www\/)/, '')} ${(info.bytes / 1024).toFixed(0)} KB`);
console.error(`www/build.mjs: ${outputs.length} bundles in ${Date.now() - started} ms (${outputs.join(', ')})`);
