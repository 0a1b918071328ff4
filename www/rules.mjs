// The rule catalogue, dist/www/rules/index.html: every rule of the built-in
// packs as the engine itself lists them (Engine.packs() from the built wasm,
// so the catalogue cannot drift from what the extension loads). Pack text
// goes into the page escaped, as text: a pack's message or example is never
// markup. Search and filters are www/rules/rules.js, in the page. The same
// page ships inside the extension (dist/extension/rules/, without the
// site's navigation), where a popover's "About this rule" opens it.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** @param {string} text */
const esc = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The built-in packs, from the engine in `engineDir` (wasm-bindgen output).
 * @param {string} engineDir
 * @returns {Promise<import('../extension/engine/carelint.js').PackInfo[]>}
 */
export async function builtinPacks(engineDir) {
  const glue = await import(pathToFileURL(join(engineDir, 'carelint.js')).href);
  await glue.default({ module_or_path: readFileSync(join(engineDir, 'carelint_bg.wasm')) });
  const engine = new glue.Engine({ builtin: true });
  try {
    const packs = engine.packs().filter((p) => p.builtin);
    if (packs.length === 0) throw new Error('www/rules.mjs: the engine lists no built-in packs');
    return packs;
  } finally {
    engine.free();
  }
}

/**
 * @param {string} title
 * @param {string[] | undefined} items
 * @param {string} kind class of the list
 */
function list(title, items, kind) {
  if (!items?.length) return '';
  return `<div class="${kind}"><h4>${title}</h4><ul>${items.map((t) => `<li>${esc(t)}</li>`).join('')}</ul></div>`;
}

/**
 * @param {string} pack
 * @param {import('../extension/engine/carelint.js').RuleInfo} rule
 */
function ruleEntry(pack, rule) {
  const id = `${pack}/${rule.id}`;
  return `<article class="rule" id="${esc(id)}" data-category="${esc(rule.category)}" data-severity="${esc(rule.severity)}">
<h3><a href="#${esc(id)}">${esc(id)}</a></h3>
<p class="tags"><span class="tag category-${esc(rule.category)}">${esc(rule.category)}</span> <span class="tag severity-${esc(rule.severity)}">${esc(rule.severity)}</span></p>
<p class="message">${esc(rule.message)}</p>
${list('Suggestions', rule.suggestions, 'suggestions')}
<div class="examples">${list('Flags', rule.examples?.flag, 'flag')}${list('Leaves alone', rule.examples?.pass, 'pass')}</div>
</article>`;
}

/**
 * @param {string[]} values
 * @param {string} label
 * @param {string} id
 */
const select = (values, label, id) => `<label>${label} <select id="${id}"><option value="">all</option>${
  values.map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('')}</select></label>`;

/** The site's navigation, from rules/. */
const SITE_NAV = `<nav aria-label="Site">
      <ul>
        <li><a href="../">Playground</a></li>
        <li><a href="../studio/">Pack studio</a></li>
        <li><a href="./" aria-current="page">Rule catalogue</a></li>
        <li><a href="../audit/">Macro audit</a></li>
        <li><a href="../measure/">Measure a pack</a></li>
        <li><a href="../demo/">Demo helpdesk</a></li>
      </ul>
    </nav>`;

/**
 * The catalogue page: the site's (`site`: its navigation, `../site.css`)
 * or the extension's (`site.css` next to it, no navigation).
 * @param {import('../extension/engine/carelint.js').PackInfo[]} packs
 * @param {{ site?: boolean }} [where]
 */
export function cataloguePage(packs, { site = true } = {}) {
  const rules = packs.flatMap((p) => p.rules);
  const categories = [...new Set(rules.map((r) => r.category))].sort();
  const severities = ['error', 'warning', 'suggestion'].filter((s) => rules.some((r) => r.severity === s));
  const sections = packs.map((p) => `<section class="pack" aria-labelledby="pack-${esc(p.id)}">
<h2 id="pack-${esc(p.id)}">${esc(p.name)} <span class="pack-id">${esc(p.id)} ${esc(p.version)}</span></h2>
${p.description ? `<p class="note">${esc(p.description)}</p>` : ''}
${p.rules.map((r) => ruleEntry(p.id, r)).join('\n')}
</section>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <title>Carelint rule catalogue</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${site ? '../' : ''}site.css">
  <script src="rules.js" defer></script>
</head>
<body>
  <header class="site">
    ${site ? `<a class="brand" href="../">Carelint</a>\n    ${SITE_NAV}` : '<span class="brand">Carelint</span>'}
  </header>
  <main>
    <h1>Rule catalogue</h1>
    <p class="lead">Every rule of the ${packs.length} built-in packs (${rules.length} rules): what it says, what it suggests, and examples it flags and leaves alone. Each rule's id links to its own entry.</p>
    <form class="panel row filters" role="search" aria-label="Find rules">
      <label>Find <input type="search" id="find" placeholder="a word of the message or id" autocomplete="off"></label>
      ${select(categories, 'Category', 'category')}
      ${select(severities, 'Severity', 'severity')}
      <output id="count" aria-live="polite">${rules.length} rules</output>
    </form>
    <p id="missing" class="panel" role="status" hidden></p>
    ${sections}
  </main>
</body>
</html>
`;
}

/**
 * The extension's copy of the catalogue: `outDir`/index.html with its
 * script and stylesheet, from the engine in `engineDir`.
 * @param {string} engineDir
 * @param {string} outDir
 */
export async function writeExtensionCatalogue(engineDir, outDir) {
  const here = dirname(fileURLToPath(import.meta.url));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'index.html'), cataloguePage(await builtinPacks(engineDir), { site: false }));
  copyFileSync(join(here, 'rules', 'rules.js'), join(outDir, 'rules.js'));
  copyFileSync(join(here, 'site.css'), join(outDir, 'site.css'));
}
