// @ts-check
// How the three layers of settings combine: the admin's browser policy
// (chrome.storage.managed), then the agent's own choices, then defaults.
// Pure functions, no chrome.* calls: settings.js reads the storage areas
// and hands their raw contents here. Storage can hold anything (older
// versions, hand edits, a policy that Chrome only half-validated), so every
// layer is cleaned first and anything malformed is dropped, never thrown.
//
// The rules, in the order an admin reads them:
// - A value the policy sets wins over the agent's (internalNotes, nudge):
//   the options page shows it and does not let the agent change it.
// - Lists combine: the policy's sites, packs and turned-off rules always
//   apply, and the agent may add their own on top...
// - ...unless the policy says `locked: true`: then, for every list the
//   policy sets, the agent's own entries are ignored and the controls are
//   locked. Lists the policy does not set stay the agent's.

import contract from './contract.json' with { type: 'json' };

/** @typedef {'suggestion' | 'warning' | 'error'} Severity the names of contract.json's `severities` */

/**
 * A helpdesk adapter (extension/sites/schema.json); custom sites have the
 * same shape.
 * @typedef {object} Site
 * @property {string} id
 * @property {string} name
 * @property {string[]} matches Chrome match patterns
 * @property {{ reply?: string, internal_note?: string, customer_name?: string, agent_name?: string, send_button?: string }} [selectors]
 * @property {string} [customer_name_title] regex on document.title, group 1 is the customer's name
 * @property {boolean} [name_attributes] the pages mark names with data-carelint-*-name (built-in adapters only)
 * @property {string} [send_shortcut] e.g. "Ctrl+Enter"
 * @property {boolean} [verified]
 * @property {string} [notes]
 */

/**
 * One layer (policy or agent); every key optional.
 * @typedef {object} Layer
 * @property {string[]} [enabledSites] ids of built-in adapters turned on
 * @property {Site[]} [customSites] self-hosted or vanity domains
 * @property {string[]} [enabledOrigins] agent only: origins turned on in the popup (match patterns)
 * @property {string[]} [disabledOrigins] agent only: origins turned off in the popup although an adapter covers them
 * @property {string[]} [packs] admin packs, each the pack's JSON text
 * @property {string[]} [disabledRules] full rule ids, `pack/rule`
 * @property {boolean} [internalNotes] hints in internal-note editors
 * @property {{ enabled?: boolean, severity?: Severity }} [nudge] pre-send nudge
 * @property {boolean} [locked] policy only
 */

/**
 * The settings every part of the extension works with.
 * @typedef {object} Settings
 * @property {string[]} enabledSites
 * @property {Site[]} customSites
 * @property {string[]} enabledOrigins
 * @property {string[]} disabledOrigins
 * @property {Array<{ json: string, origin: string, policy: boolean }>} packs policy packs first
 * @property {string[]} disabledRules
 * @property {boolean} internalNotes
 * @property {{ enabled: boolean, severity: Severity }} nudge
 */

/**
 * What the agent cannot change, per control group of the popup and options.
 * @typedef {object} Locks
 * @property {boolean} sites enabledSites, customSites and the per-site switch
 * @property {boolean} packs
 * @property {boolean} disabledRules
 * @property {boolean} internalNotes
 * @property {boolean} nudge
 */

/**
 * @typedef {object} Merged
 * @property {Settings} settings the values in force
 * @property {Layer} policy the cleaned policy, to tell the admin's entries from the agent's
 * @property {Layer} user the agent's own layer, which is what the agent edits
 * @property {Locks} locked
 */

/** Mildest first (contract.json, shared with the engine). */
const SEVERITIES = /** @type {readonly Severity[]} */ (contract.severities);

/** @type {Readonly<Settings>} */
export const DEFAULTS = Object.freeze({
  enabledSites: [],
  customSites: [],
  enabledOrigins: [],
  disabledOrigins: [],
  packs: [],
  disabledRules: [],
  internalNotes: false,
  nudge: { enabled: false, severity: /** @type {Severity} */ ('warning') },
});

/** The keys an agent's layer may hold (storage.sync/local). */
export const USER_KEYS = /** @type {const} */ ([
  'enabledSites', 'customSites', 'enabledOrigins', 'disabledOrigins', 'packs', 'disabledRules', 'internalNotes', 'nudge',
]);

/** Chrome match patterns as extension/sites/schema.json accepts them (scheme, host, path). */
const MATCH_PATTERN = /^(https?|\*):\/\/(\*|\*\.[^/*]+|[^/*]+)\/.*$/;
const SITE_ID = /^[a-z0-9-]{1,64}$/;
/** Full rule ids, `pack/rule` (contract.json, shared with the engine). */
const RULE_ID = new RegExp(contract.fullId);
const SELECTOR_KEYS = ['reply', 'internal_note', 'customer_name', 'agent_name', 'send_button'];
const SHORTCUT = /^((Ctrl|Meta|Alt|Shift)\+)*(Enter|[A-Z])$/;

/** @param {unknown} id */
export const isRuleId = (id) => typeof id === 'string' && RULE_ID.test(id);

/** @param {string} pattern */
export const isMatchPattern = (pattern) => MATCH_PATTERN.test(pattern);

/**
 * Keeps the well-formed part of a stored layer.
 * @param {unknown} raw
 * @returns {Layer}
 */
export function cleanLayer(raw) {
  /** @type {Layer} */
  const layer = {};
  if (!raw || typeof raw !== 'object') return layer;
  const r = /** @type {Record<string, unknown>} */ (raw);
  const strings = (/** @type {unknown} */ v, /** @type {RegExp | null} */ re) =>
    Array.isArray(v) ? unique(v.filter((s) => typeof s === 'string' && (!re || re.test(s)))) : undefined;
  const enabledSites = strings(r.enabledSites, SITE_ID);
  if (enabledSites) layer.enabledSites = enabledSites;
  if (Array.isArray(r.customSites)) layer.customSites = r.customSites.flatMap((s, i) => cleanSite(s, i) ?? []);
  const enabledOrigins = strings(r.enabledOrigins, MATCH_PATTERN);
  if (enabledOrigins) layer.enabledOrigins = enabledOrigins;
  const disabledOrigins = strings(r.disabledOrigins, MATCH_PATTERN);
  if (disabledOrigins) layer.disabledOrigins = disabledOrigins;
  const packs = strings(r.packs, null);
  if (packs) layer.packs = packs;
  const disabledRules = strings(r.disabledRules, RULE_ID);
  if (disabledRules) layer.disabledRules = disabledRules;
  if (typeof r.internalNotes === 'boolean') layer.internalNotes = r.internalNotes;
  if (r.nudge && typeof r.nudge === 'object') {
    const n = /** @type {Record<string, unknown>} */ (r.nudge);
    /** @type {NonNullable<Layer['nudge']>} */
    const nudge = {};
    if (typeof n.enabled === 'boolean') nudge.enabled = n.enabled;
    if (SEVERITIES.includes(/** @type {Severity} */ (n.severity))) nudge.severity = /** @type {Severity} */ (n.severity);
    if (Object.keys(nudge).length) layer.nudge = nudge;
  }
  if (r.locked === true) layer.locked = true;
  return layer;
}

/**
 * A custom site as policy or the agent wrote it, or null when it has no
 * usable match pattern. Ids are made up where the policy left them out.
 * @param {unknown} raw
 * @param {number} index
 * @returns {Site | null}
 */
function cleanSite(raw, index) {
  if (!raw || typeof raw !== 'object') return null;
  const r = /** @type {Record<string, unknown>} */ (raw);
  const matches = Array.isArray(r.matches) ? r.matches.filter((m) => typeof m === 'string' && MATCH_PATTERN.test(m)) : [];
  if (!matches.length) return null;
  const id = typeof r.id === 'string' && SITE_ID.test(r.id) ? r.id : `custom-${index + 1}`;
  /** @type {Site} */
  const site = { id, name: typeof r.name === 'string' && r.name.trim() ? r.name.trim() : matches[0], matches };
  if (r.selectors && typeof r.selectors === 'object') {
    const sel = /** @type {Record<string, unknown>} */ (r.selectors);
    /** @type {Record<string, string>} */
    const selectors = {};
    for (const key of SELECTOR_KEYS) if (typeof sel[key] === 'string' && sel[key]) selectors[key] = /** @type {string} */ (sel[key]);
    if (Object.keys(selectors).length) site.selectors = selectors;
  }
  if (typeof r.customer_name_title === 'string' && isRegExp(r.customer_name_title)) site.customer_name_title = r.customer_name_title;
  if (typeof r.send_shortcut === 'string' && SHORTCUT.test(r.send_shortcut)) site.send_shortcut = r.send_shortcut;
  return site;
}

/**
 * Policy, then agent, then defaults (see the top of this file).
 * @param {unknown} policyRaw chrome.storage.managed contents
 * @param {unknown} userRaw the agent's layer
 * @returns {Merged}
 */
export function mergeSettings(policyRaw, userRaw) {
  const policy = cleanLayer(policyRaw);
  const user = cleanLayer(userRaw);
  const lockedList = (/** @type {boolean} */ set) => !!policy.locked && set;
  /** @type {Locks} */
  const locked = {
    sites: lockedList(!!(policy.enabledSites || policy.customSites)),
    packs: lockedList(!!policy.packs),
    disabledRules: lockedList(!!policy.disabledRules),
    internalNotes: policy.internalNotes !== undefined,
    nudge: policy.nudge !== undefined,
  };
  const own = locked.sites ? {} : user;

  const policySites = policy.customSites ?? [];
  const taken = new Set(policySites.map((s) => s.id));
  const userPacks = locked.packs ? [] : user.packs ?? [];
  /** @type {Settings} */
  const settings = {
    enabledSites: unique([...(policy.enabledSites ?? []), ...(own.enabledSites ?? [])]),
    customSites: [...policySites, ...(own.customSites ?? []).filter((s) => !taken.has(s.id))],
    enabledOrigins: own.enabledOrigins ?? [],
    disabledOrigins: own.disabledOrigins ?? [],
    packs: [
      ...(policy.packs ?? []).map((json, i) => ({ json, origin: `policy pack ${i + 1}`, policy: true })),
      ...userPacks.map((json, i) => ({ json, origin: `imported pack ${i + 1}`, policy: false })),
    ],
    disabledRules: unique([...(policy.disabledRules ?? []), ...(locked.disabledRules ? [] : user.disabledRules ?? [])]),
    internalNotes: policy.internalNotes ?? user.internalNotes ?? DEFAULTS.internalNotes,
    nudge: {
      enabled: policy.nudge?.enabled ?? user.nudge?.enabled ?? DEFAULTS.nudge.enabled,
      severity: policy.nudge?.severity ?? user.nudge?.severity ?? DEFAULTS.nudge.severity,
    },
  };
  return { settings, policy, user, locked };
}

/**
 * Whether a hint of `severity` is at or above `threshold`.
 * @param {string} severity
 * @param {Severity} threshold
 */
export function atLeast(severity, threshold) {
  return SEVERITIES.indexOf(/** @type {Severity} */ (severity)) >= SEVERITIES.indexOf(threshold);
}

/**
 * @template T
 * @param {T[]} list
 * @returns {T[]}
 */
function unique(list) {
  return [...new Set(list)];
}

/** @param {string} source */
function isRegExp(source) {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
