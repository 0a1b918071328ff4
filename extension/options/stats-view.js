// @ts-check
// The Statistics section: per rule, how often it was shown, accepted and
// dismissed in this browser (stats.js); CSV export and clear.
import { clearStats, onStatsChanged, readStats, statsCsv } from '../stats.js';
import { download, h } from './dom.js';

/** @typedef {import('../stats.js').Stats} Stats */

const body = /** @type {HTMLElement} */ (document.querySelector('#stats-table tbody'));
const empty = /** @type {HTMLElement} */ (document.getElementById('stats-empty'));

/** Shows the counts and keeps them current; call once. */
export async function initStats() {
  /** @type {HTMLElement} */ (document.getElementById('stats-export')).addEventListener('click', async () => {
    download('carelint-statistics.csv', statsCsv(await readStats()), 'text/csv');
  });
  /** @type {HTMLElement} */ (document.getElementById('stats-clear')).addEventListener('click', () => {
    clearStats();
  });
  onStatsChanged(render);
  render(await readStats());
}

/** @param {Stats} stats */
function render(stats) {
  const rows = Object.entries(stats).sort((a, b) => b[1].shown - a[1].shown || a[0].localeCompare(b[0]));
  body.replaceChildren(...rows.map(([rule, s]) => h('tr', { 'data-stat': rule },
    h('th', { scope: 'row' }, rule), h('td', {}, String(s.shown)), h('td', {}, String(s.accepted)), h('td', {}, String(s.dismissed)))));
  empty.hidden = rows.length > 0;
}
