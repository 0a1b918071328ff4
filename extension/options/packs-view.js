// @ts-check
// The Packs and rules section: every pack in use (built-in, the admin's,
// imported) with a switch per rule, its message and an example; packs that
// failed to load (a broken policy pack) with the engine's error; exports of
// any pack and of the whole configuration.
import { loadSettings, updateSettings } from '../settings.js';
import { download, h, toggle } from './dom.js';
import { builtinJson } from './pack-check.js';

/**
 * @typedef {import('../policy.js').Merged} Merged
 * @typedef {import('../engine/carelint.js').PackInfo} PackInfo
 * @typedef {import('../engine/carelint.js').PackError} PackError
 */

const list = /** @type {HTMLElement} */ (document.getElementById('pack-list'));
const problems = /** @type {HTMLElement} */ (document.getElementById('pack-problems'));
const errorList = /** @type {HTMLElement} */ (document.getElementById('policy-errors'));

/** The settings the last render showed, for the configuration export. */
/** @type {Merged | null} */
let shown = null;

/** Wires the configuration export; call once. */
export function initPacks() {
  /** @type {HTMLElement} */ (document.getElementById('config-export')).addEventListener('click', () => {
    if (shown) download('carelint-configuration.json', `${JSON.stringify(configuration(shown), null, 2)}\n`, 'application/json');
  });
}

/**
 * @param {Merged} merged
 * @param {PackInfo[]} packs every pack the engine loaded, rules all on
 * @param {PackError[]} errors packs the engine skipped
 */
export function renderPacks(merged, packs, errors) {
  shown = merged;
  const { settings, policy, locked } = merged;
  const sources = new Map(settings.packs.map((p) => [packId(p.json), p]));
  const offByPolicy = new Set(policy.disabledRules ?? []);
  const disabled = new Set(settings.disabledRules);

  errorList.replaceChildren(...errors.map((e) => h('li', { 'data-pack-error': e.origin }, e.display)));
  problems.hidden = errors.length === 0;

  list.replaceChildren(...packs.map((pack) => {
    const source = sources.get(pack.id);
    const origin = pack.builtin ? 'built-in' : source?.policy ? 'from your administrator' : 'imported';
    const exportButton = h('button', { type: 'button', 'data-export-pack': pack.id }, 'Export');
    exportButton.addEventListener('click', () => {
      download(`${pack.id}.json`, source ? source.json : builtinJson(pack), 'application/json');
    });
    return h('article', { class: 'pack', 'data-pack': pack.id },
      h('header', {},
        h('h3', {}, pack.name),
        h('span', { class: 'tag' }, `${pack.id} ${pack.version} · ${origin} · ${pack.rules.length} rules`),
        exportButton,
        source && !source.policy ? removeButton(pack.id, locked.packs) : null),
      pack.description ? h('p', { class: 'hint' }, pack.description) : null,
      h('ul', { class: 'rules' }, ...pack.rules.map((rule) => {
        const full = `${pack.id}/${rule.id}`;
        const example = rule.examples?.flag?.[0];
        const suggestion = rule.suggestions?.[0];
        return h('li', { 'data-rule': full },
          toggle(rule.id, {
            'data-rule-switch': full,
            checked: !disabled.has(full),
            disabled: locked.disabledRules || offByPolicy.has(full),
          }, (on, input) => switchRule(full, on, input)),
          h('span', { class: `tag severity-${rule.severity}` }, `${rule.category} · ${rule.severity}`),
          offByPolicy.has(full) ? h('span', { class: 'tag policy' }, 'turned off by your administrator') : null,
          h('p', { class: 'message' }, rule.message),
          example ? h('p', { class: 'example' }, 'Flags: ', h('q', {}, example)) : null,
          suggestion ? h('p', { class: 'example' }, 'Suggests: ', h('q', {}, suggestion)) : null);
      })));
  }));
}

/**
 * @param {string} rule full id
 * @param {boolean} on
 * @param {HTMLInputElement} input
 */
async function switchRule(rule, on, input) {
  try {
    const own = (await loadSettings()).user.disabledRules ?? [];
    await updateSettings({ disabledRules: on ? own.filter((id) => id !== rule) : [...own, rule] });
  } catch {
    input.checked = !on; // locked meanwhile: the next render shows why
  }
}

/**
 * @param {string} id
 * @param {boolean} disabled
 */
function removeButton(id, disabled) {
  const button = h('button', { type: 'button', 'data-remove-pack': id, disabled }, 'Remove');
  button.addEventListener('click', async () => {
    const own = (await loadSettings()).user.packs ?? [];
    await updateSettings({ packs: own.filter((json) => packId(json) !== id) });
  });
  return button;
}

/**
 * The id inside a pack's JSON text, or null when it does not parse (the
 * engine reports those).
 * @param {string} json
 * @returns {string | null}
 */
export function packId(json) {
  try {
    const id = JSON.parse(json)?.id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/**
 * Everything in force, in the browser policy's shape (managed_schema.json),
 * so an admin can deploy an agent's setup as it is. Origins switched on in
 * the popup become custom sites; the policy has no other way to say them.
 * @param {Merged} merged
 */
function configuration({ settings }) {
  return {
    enabledSites: settings.enabledSites,
    customSites: [
      ...settings.customSites,
      ...settings.enabledOrigins.map((pattern) => ({ id: `origin-${pattern.split('/')[2].replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}`, name: pattern.split('/')[2], matches: [pattern] })),
    ],
    packs: settings.packs.map((p) => p.json),
    disabledRules: settings.disabledRules,
    internalNotes: settings.internalNotes,
    nudge: settings.nudge,
  };
}
