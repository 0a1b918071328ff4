// @ts-check
// The macro audit page: an export (Zendesk macros JSON or a CSV) audited by
// the engine's own `audit` (the ranking, hints and improved text of
// `carelint audit`), shown worst first with a copy button per response.
import { siteEngine, Engine } from '../src/site-engine.js';
import { el, onFilesChosen } from '../src/tool-page.js';

/** @typedef {import('../../extension/engine/carelint.js').AuditedResponse} AuditedResponse */

const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const input = /** @type {HTMLInputElement} */ (byId('file'));
const column = /** @type {HTMLSelectElement} */ (byId('column'));
const columnLabel = byId('column-label');
const status = byId('status');
const results = byId('results');

/** Column names that usually hold a canned response's text, in order of preference. */
const TEXT_COLUMNS = ['body', 'text', 'content', 'message', 'response', 'reply', 'comment'];

/** The export last read: its name and text. */
let current = { name: '', text: '' };

/** @param {string} message @param {boolean} [error] */
function say(message, error = false) {
  status.textContent = message;
  status.classList.toggle('error', error);
}

/** @param {File[]} files */
async function read(files) {
  const file = files[0];
  current = { name: file.name, text: await file.text() };
  const csv = /\.csv$/i.test(file.name);
  columnLabel.hidden = !csv;
  if (csv) {
    await siteEngine(); // csvColumns is static, but needs the wasm loaded
    let names;
    try {
      names = Engine.csvColumns(current.text, current.name);
    } catch (e) {
      show(null, e);
      return;
    }
    column.replaceChildren(...names.map((n) => { const o = el('option', n); o.value = n; return o; }));
    const lower = names.map((n) => n.trim().toLowerCase());
    const preferred = TEXT_COLUMNS.map((c) => lower.indexOf(c)).find((i) => i >= 0)
      ?? lower.findIndex((n) => !['id', 'title', 'name'].includes(n));
    column.selectedIndex = Math.max(0, preferred);
  }
  await run();
}

async function run() {
  if (!current.name) return;
  const engine = await siteEngine();
  const csv = !columnLabel.hidden;
  try {
    show(engine.audit(current.text, current.name, csv ? column.value : undefined, undefined), null);
  } catch (e) {
    show(null, e);
  }
}

/**
 * @param {AuditedResponse[] | null} audited
 * @param {unknown} error
 */
function show(audited, error) {
  results.replaceChildren();
  if (!audited) {
    say(error instanceof Error ? error.message : String(error), true);
    return;
  }
  const flagged = audited.filter((a) => a.hints.length).length;
  say(`${current.name}: ${flagged} of ${audited.length} responses have hints.`);
  results.append(...audited.map(entry));
}

/** @param {number} n @param {string} one */
const count = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** @param {AuditedResponse} a */
function entry(a) {
  const item = el('li', undefined, 'panel audited-response');
  const title = el('h2', a.title);
  const id = el('span', ` #${a.id}`, 'response-id');
  title.append(id);
  item.append(title);
  if (!a.hints.length) {
    item.append(el('p', 'No hints: this response reads well.', 'note'));
    return item;
  }
  item.append(el('p', [count(a.errors, 'error'), count(a.warnings, 'warning'), count(a.suggestions, 'suggestion')].join(', '), 'counts'));
  const hints = el('ul', undefined, 'hints');
  for (const h of a.hints) {
    const li = el('li');
    li.dataset.severity = h.severity;
    const link = el('a', h.rule);
    link.href = `../rules/#${h.rule}`;
    const flagged = el('p');
    flagged.append(el('q', h.text), el('span', ` ${h.severity}`, 'severity'), ' · ', link);
    li.append(flagged, el('p', h.message, 'message'));
    if (h.suggestions.length) li.append(el('p', `Try: “${h.suggestions[0]}”`, 'try'));
    hints.append(li);
  }
  item.append(hints);
  const improvedId = `improved-${a.id}`.replace(/[^\w-]/g, '_');
  const label = el('h3', 'With the suggestions put in');
  label.id = `${improvedId}-label`;
  const text = el('pre', a.improved, 'improved');
  text.id = improvedId;
  text.tabIndex = 0;
  text.setAttribute('aria-labelledby', label.id);
  const copy = el('button', 'Copy the improved text');
  copy.type = 'button';
  copy.setAttribute('aria-describedby', label.id);
  const copied = el('span', '', 'note');
  copied.setAttribute('role', 'status');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(a.improved);
      copied.textContent = ' Copied.';
    } catch {
      getSelection()?.selectAllChildren(text);
      copied.textContent = ' Selected: press Ctrl+C to copy.';
    }
  });
  item.append(label, text, el('p'));
  /** @type {HTMLElement} */ (item.lastChild).append(copy, copied);
  return item;
}

onFilesChosen(input, byId('drop'), (files) => { read(files); });
column.addEventListener('change', () => { run(); });
