// @ts-check
// The "measure a pack" page: labelled JSONL files measured by the engine's
// own `evaluate` (the tally and tables of `carelint eval`), shown as tables.
import { siteEngine } from '../src/site-engine.js';
import { el, onFilesChosen } from '../src/tool-page.js';

/** @typedef {import('../../extension/engine/carelint.js').Table} Table */
/** @typedef {import('../../extension/engine/carelint.js').Evaluation} Evaluation */

/** Reply ids shown per rule behind false flags, as in `carelint eval`'s text. */
const IDS_SHOWN = 6;

const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const input = /** @type {HTMLInputElement} */ (byId('file'));
const status = byId('status');
const results = byId('results');

/** @param {string} message @param {boolean} [error] */
function say(message, error = false) {
  status.textContent = message;
  status.classList.toggle('error', error);
}

/** @param {File[]} files */
async function measure(files) {
  const read = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
  const engine = await siteEngine();
  results.replaceChildren();
  /** @type {Evaluation} */
  let evaluation;
  try {
    evaluation = engine.evaluate(read, IDS_SHOWN);
  } catch (e) {
    say(e instanceof Error ? e.message : String(e), true);
    return;
  }
  const r = evaluation.results;
  say(`${r.replies} replies: ${r.overall.recall.total} labelled with a problem, ${r.overall.false_flags.total} labelled none.`);
  results.append(
    el('p', 'Recall: replies labelled with a problem that got a hint. False flags: replies labelled none that got one.', 'note'),
    table(evaluation.sets, 'By set (file)', 'sets'),
    table(evaluation.sources, 'By source', 'sources'),
  );
  if (evaluation.false_flags.rows.length) {
    results.append(table(evaluation.false_flags, 'Rules behind false flags, most first', 'false-flags'));
  } else {
    results.append(el('p', 'No false flags.'));
  }
  results.append(misses(r.misses));
}

/**
 * @param {Table} t
 * @param {string} caption
 * @param {string} id
 */
function table(t, caption, id) {
  // A wide table scrolls sideways: the keyboard must reach it too.
  const wrap = el('div', undefined, 'table-wrap');
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', caption);
  const node = el('table');
  node.id = id;
  node.append(el('caption', caption));
  const head = el('tr');
  for (const h of t.header) {
    const th = el('th', h);
    th.scope = 'col';
    head.append(th);
  }
  node.append(el('thead'), el('tbody'));
  /** @type {HTMLElement} */ (node.tHead).append(head);
  for (const row of t.rows) {
    const tr = el('tr');
    row.forEach((cell, i) => {
      const c = el(i === 0 ? 'th' : 'td', cell);
      if (i === 0) /** @type {HTMLTableCellElement} */ (c).scope = 'row';
      tr.append(c);
    });
    node.tBodies[0].append(tr);
  }
  wrap.append(node);
  return wrap;
}

/** @param {Evaluation['results']['misses']} list */
function misses(list) {
  const section = el('section', undefined, 'misses');
  section.setAttribute('aria-labelledby', 'misses-title');
  const title = el('h2', list.length
    ? `Misses: ${list.length} ${list.length === 1 ? 'reply' : 'replies'} labelled with a problem got no hint`
    : 'No misses: every reply labelled with a problem got a hint');
  title.id = 'misses-title';
  section.append(title);
  if (!list.length) return section;
  const ul = el('ul');
  for (const m of list) {
    const li = el('li');
    li.append(el('strong', m.id), el('span', ` [${m.labels.join(', ')}] `), el('q', m.text));
    if (m.evidence.length) li.append(el('span', ` evidence: ${m.evidence.map((e) => `“${e}”`).join('; ')}`, 'note'));
    ul.append(li);
  }
  section.append(ul);
  return section;
}

onFilesChosen(input, byId('drop'), (files) => { measure(files); });
