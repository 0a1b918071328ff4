// @ts-check
// Where Carelint runs, worked out from settings: pure functions over URLs,
// Chrome match patterns and helpdesk adapters (extension/sites/*.json,
// bundled by the build into sites/index.json). registration.js turns the
// result into registered content scripts; the popup and the content script
// ask the same questions, so they always agree.
//
// A page is on when one of these covers it:
// - the manifest's own content script (127.0.0.1 and localhost: the demo
//   and test pages), always;
// - a built-in adapter in `enabledSites`, or a custom site, unless the agent
//   turned that origin off in the popup (the admin's sites cannot be);
// - an origin the agent turned on in the popup.

/** @typedef {import('./policy.js').Site} Site */
/** @typedef {import('./policy.js').Merged} Merged */

/**
 * A content script to register: `id` is stable so a sync only touches what
 * changed; `policy` marks the admin's sites, which the agent cannot turn off.
 * @typedef {{ id: string, matches: string[], excludeMatches: string[], policy: boolean }} Registration
 */

/**
 * Chrome's match pattern semantics (the port is not part of a pattern).
 * @param {string} pattern
 * @returns {RegExp | null} null for a malformed pattern
 */
export function patternToRegExp(pattern) {
  const m = /^(https?|\*):\/\/(\*|\*\.[^/*]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!m) return null;
  const [, scheme, host, path] = m;
  const esc = (/** @type {string} */ s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const schemeRe = scheme === '*' ? 'https?' : scheme;
  const hostRe = host === '*' ? '[^/:]+' : host.startsWith('*.') ? `(?:[^/:]+\\.)?${esc(host.slice(2))}` : esc(host);
  const pathRe = path.split('*').map(esc).join('.*');
  return new RegExp(`^${schemeRe}://${hostRe}(?::\\d+)?${pathRe}$`, 'i');
}

/**
 * @param {string[]} patterns
 * @param {string} url
 */
export function matchesUrl(patterns, url) {
  const bare = url.split('#')[0];
  return patterns.some((p) => patternToRegExp(p)?.test(bare) ?? false);
}

/**
 * The per-site switch works on origins; match patterns leave the port out.
 * @param {string} url
 * @returns {string | null} null for pages Carelint never runs on
 */
export function originPattern(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return `${u.protocol}//${u.hostname}/*`;
}

/**
 * The adapter that describes `url`: a custom site first (an admin's or
 * agent's facts about their own domain), then the built-in ones. Whether
 * Carelint runs there is a separate question (`siteStatus`).
 * @param {string} url
 * @param {Site[]} customSites
 * @param {Site[]} builtin
 * @returns {Site | null}
 */
export function adapterFor(url, customSites, builtin) {
  return [...customSites, ...builtin].find((s) => matchesUrl(s.matches, url)) ?? null;
}

/**
 * The content scripts that settings ask for, beyond the manifest's.
 * @param {Merged} merged
 * @param {Site[]} builtin
 * @returns {Registration[]}
 */
export function registrations({ settings, policy }, builtin) {
  const fromPolicy = new Set([...(policy.enabledSites ?? []), ...(policy.customSites ?? []).map((s) => s.id)]);
  /** @type {Registration[]} */
  const list = [];
  for (const site of [...builtin.filter((s) => settings.enabledSites.includes(s.id)), ...settings.customSites]) {
    const custom = settings.customSites.includes(site);
    const policySite = fromPolicy.has(site.id);
    list.push({
      id: `${custom ? 'custom' : 'site'}:${site.id}`,
      matches: site.matches,
      // The agent's popup "off" for one origin; never against the admin's sites.
      excludeMatches: policySite ? [] : settings.disabledOrigins,
      policy: policySite,
    });
  }
  for (const pattern of settings.enabledOrigins) list.push({ id: `origin:${pattern}`, matches: [pattern], excludeMatches: [], policy: false });
  return list;
}

/**
 * What the popup shows for a page.
 * @typedef {object} SiteStatus
 * @property {string} pattern the origin's match pattern
 * @property {boolean} on
 * @property {'local' | 'policy' | 'locked' | null} fixed why the agent cannot switch it, if so
 * @property {Site | null} adapter
 */

/**
 * @param {string} url
 * @param {Merged} merged
 * @param {Site[]} builtin
 * @param {string[]} alwaysOn the manifest's content script matches
 * @returns {SiteStatus | null} null for pages Carelint never runs on
 */
export function siteStatus(url, merged, builtin, alwaysOn) {
  const pattern = originPattern(url);
  if (!pattern) return null;
  const adapter = adapterFor(url, merged.settings.customSites, builtin);
  if (matchesUrl(alwaysOn, url)) return { pattern, on: true, fixed: 'local', adapter };
  const covering = registrations(merged, builtin).filter((r) => matchesUrl(r.matches, url));
  const on = covering.some((r) => !matchesUrl(r.excludeMatches, url));
  /** @type {SiteStatus['fixed']} */
  const fixed = covering.some((r) => r.policy) ? 'policy' : merged.locked.sites ? 'locked' : null;
  return { pattern, on, fixed, adapter };
}

/**
 * The agent's origin lists after flipping the switch for `url`'s origin.
 * @param {string} url
 * @param {boolean} on
 * @param {Merged} merged
 * @param {Site[]} builtin
 * @returns {{ enabledOrigins: string[], disabledOrigins: string[] }}
 */
export function switchOrigin(url, on, merged, builtin) {
  const pattern = originPattern(url);
  if (!pattern) throw new Error(`Carelint cannot run on ${url}`);
  const { enabledOrigins, disabledOrigins } = merged.settings;
  const enabled = enabledOrigins.filter((p) => p !== pattern);
  const disabled = disabledOrigins.filter((p) => p !== pattern);
  // Is the origin covered by an adapter or custom site the agent turned on?
  const bySite = registrations(merged, builtin).some((r) => !r.id.startsWith('origin:') && matchesUrl(r.matches, url));
  if (on && !bySite) enabled.push(pattern);
  if (!on && bySite) disabled.push(pattern);
  return { enabledOrigins: enabled, disabledOrigins: disabled };
}

/**
 * The manifest's own content script matches: pages that are always on.
 * @returns {string[]}
 */
export function alwaysOnPatterns() {
  return (chrome.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []);
}

/** @type {Promise<Site[]> | null} */
let builtinSites = null;

/**
 * The built-in adapters: the build bundles extension/sites/*.json into
 * sites/index.json, read once per context from the extension itself.
 * @returns {Promise<Site[]>}
 */
export function loadBuiltinSites() {
  // A failed read is not kept: right after the browser starts, the first
  // fetch from a content script can fail, and a later one must retry.
  builtinSites ??= fetch(chrome.runtime.getURL('sites/index.json'))
    .then((r) => r.json())
    .catch((error) => {
      builtinSites = null;
      throw error;
    });
  return builtinSites;
}
