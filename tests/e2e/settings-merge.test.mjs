// Unit tests (plain Node, no browser) for the pure settings logic:
// extension/policy.js (policy > agent > defaults, locks, cleaning) and
// extension/sites.js (match patterns, adapters, registrations, the
// popup's per-origin switch).
//   node --test tests/e2e/settings-merge.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { DEFAULTS, atLeast, cleanLayer, mergeSettings } from '../../extension/policy.js';
import { adapterFor, matchesUrl, originPattern, patternToRegExp, registrations, siteStatus, switchOrigin } from '../../extension/sites.js';

const sitesDir = new URL('../../extension/sites/', import.meta.url);
const builtin = readdirSync(sitesDir).filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .map((f) => JSON.parse(readFileSync(new URL(f, sitesDir), 'utf8')));
const LOCAL = ['http://127.0.0.1/*', 'http://localhost/*'];
const acme = { id: 'acme', name: 'Acme Desk', matches: ['https://help.acme.test/*'] };

describe('mergeSettings', () => {
  it('gives the defaults when no layer says anything', () => {
    const { settings, locked } = mergeSettings(undefined, {});
    assert.deepEqual(settings, DEFAULTS);
    assert.deepEqual(locked, { sites: false, packs: false, disabledRules: false, internalNotes: false, nudge: false });
  });

  it('lets a policy value win over the agent, field by field', () => {
    const { settings, locked } = mergeSettings(
      { internalNotes: false, nudge: { enabled: true } },
      { internalNotes: true, nudge: { enabled: false, severity: 'error' } });
    assert.equal(settings.internalNotes, false);
    assert.deepEqual(settings.nudge, { enabled: true, severity: 'error' });
    assert.equal(locked.internalNotes, true);
    assert.equal(locked.nudge, true);
  });

  it('adds the agent\'s list entries to the policy\'s unless the policy locks that list', () => {
    const policy = { enabledSites: ['zendesk'], disabledRules: ['robotic/kindly'], packs: ['{"id":"team"}'] };
    const user = { enabledSites: ['gmail'], disabledRules: ['vague/asap'], packs: ['{"id":"mine"}'], enabledOrigins: ['https://x.test/*'] };
    const open = mergeSettings(policy, user).settings;
    assert.deepEqual(open.enabledSites, ['zendesk', 'gmail']);
    assert.deepEqual(open.disabledRules, ['robotic/kindly', 'vague/asap']);
    assert.deepEqual(open.packs.map((p) => [p.json, p.policy]), [['{"id":"team"}', true], ['{"id":"mine"}', false]]);
    assert.deepEqual(open.enabledOrigins, ['https://x.test/*']);

    const shut = mergeSettings({ ...policy, locked: true }, user);
    assert.deepEqual(shut.settings.enabledSites, ['zendesk']);
    assert.deepEqual(shut.settings.disabledRules, ['robotic/kindly']);
    assert.deepEqual(shut.settings.packs.map((p) => p.json), ['{"id":"team"}']);
    assert.deepEqual(shut.settings.enabledOrigins, [], 'locked sites ignore the agent\'s popup switches too');
    assert.deepEqual(shut.locked, { sites: true, packs: true, disabledRules: true, internalNotes: false, nudge: false });
  });

  it('leaves a list the locked policy does not set to the agent', () => {
    const { settings, locked } = mergeSettings({ packs: [], locked: true }, { disabledRules: ['vague/asap'], enabledSites: ['gmail'] });
    assert.deepEqual(settings.disabledRules, ['vague/asap']);
    assert.deepEqual(settings.enabledSites, ['gmail']);
    assert.equal(locked.disabledRules, false);
    assert.equal(locked.sites, false);
    assert.equal(locked.packs, true);
  });

  it('keeps the policy\'s custom site when the agent has one with the same id', () => {
    const { settings } = mergeSettings({ customSites: [acme] }, { customSites: [{ ...acme, matches: ['https://evil.test/*'] }] });
    assert.deepEqual(settings.customSites.map((s) => s.matches), [acme.matches]);
  });
});

describe('cleanLayer', () => {
  it('drops what is malformed instead of failing', () => {
    const layer = cleanLayer({
      enabledSites: ['zendesk', 'Not An Id', 3],
      customSites: [{ matches: ['not a pattern'] }, { name: 'Ok', matches: ['https://ok.test/*', 'nope'], selectors: { reply: '#r', bogus: 'x' } }, null],
      disabledRules: ['robotic/kindly', 'robotic', '<img>/x'],
      internalNotes: 'yes',
      nudge: { enabled: true, severity: 'loud' },
      locked: 'true',
      unknown: 1,
    });
    assert.deepEqual(layer, {
      enabledSites: ['zendesk'],
      customSites: [{ id: 'custom-2', name: 'Ok', matches: ['https://ok.test/*'], selectors: { reply: '#r' } }],
      disabledRules: ['robotic/kindly'],
      nudge: { enabled: true },
    });
    assert.deepEqual(cleanLayer('garbage'), {});
  });
});

describe('atLeast', () => {
  it('orders suggestion < warning < error', () => {
    assert.ok(atLeast('error', 'warning'));
    assert.ok(atLeast('warning', 'warning'));
    assert.ok(!atLeast('suggestion', 'warning'));
    assert.ok(atLeast('suggestion', 'suggestion'));
  });
});

describe('match patterns', () => {
  it('follow Chrome: any port, subdomains with *., scheme * is http and https', () => {
    assert.ok(matchesUrl(['http://127.0.0.1/*'], 'http://127.0.0.1:8080/demo/x.html'));
    assert.ok(matchesUrl(['https://*.zendesk.com/*'], 'https://acme.zendesk.com/agent/tickets/1'));
    assert.ok(matchesUrl(['https://*.zendesk.com/*'], 'https://zendesk.com/'));
    assert.ok(!matchesUrl(['https://*.zendesk.com/*'], 'https://zendesk.com.evil.test/'));
    assert.ok(!matchesUrl(['https://*.zendesk.com/*'], 'http://acme.zendesk.com/'));
    assert.ok(matchesUrl(['*://help.acme.test/support/*'], 'http://help.acme.test/support/1'));
    assert.ok(!matchesUrl(['*://help.acme.test/support/*'], 'http://help.acme.test/admin'));
    assert.equal(patternToRegExp('ftp://x/*'), null);
  });

  it('make an origin pattern for web pages only', () => {
    assert.equal(originPattern('https://acme.zendesk.com:8443/a?b#c'), 'https://acme.zendesk.com/*');
    assert.equal(originPattern('chrome://extensions'), null);
    assert.equal(originPattern('not a url'), null);
  });

  it('every built-in adapter pattern compiles', () => {
    for (const site of builtin) for (const m of site.matches) assert.ok(patternToRegExp(m), `${site.id}: ${m}`);
  });
});

describe('sites', () => {
  it('finds a custom site before a built-in adapter', () => {
    const custom = { id: 'mine', name: 'Mine', matches: ['https://*.zendesk.com/*'] };
    assert.equal(adapterFor('https://a.zendesk.com/x', [], builtin)?.id, 'zendesk');
    assert.equal(adapterFor('https://a.zendesk.com/x', [custom], builtin)?.id, 'mine');
    assert.equal(adapterFor('https://nowhere.test/', [], builtin), null);
  });

  it('registers enabled adapters, custom sites and origins, with the agent\'s exclusions', () => {
    const merged = mergeSettings({ customSites: [acme] }, { enabledSites: ['zendesk'], enabledOrigins: ['https://x.test/*'], disabledOrigins: ['https://a.zendesk.com/*'] });
    assert.deepEqual(registrations(merged, builtin), [
      { id: 'site:zendesk', matches: ['https://*.zendesk.com/*'], excludeMatches: ['https://a.zendesk.com/*'], policy: false },
      { id: 'custom:acme', matches: acme.matches, excludeMatches: [], policy: true },
      { id: 'origin:https://x.test/*', matches: ['https://x.test/*'], excludeMatches: [], policy: false },
    ]);
  });

  it('says what the popup shows: local pages fixed on, the admin\'s sites fixed, locks', () => {
    const none = mergeSettings({}, {});
    assert.deepEqual(siteStatus('http://127.0.0.1:4000/demo/', none, builtin, LOCAL)?.fixed, 'local');
    assert.deepEqual(siteStatus('https://b.zendesk.com/', none, builtin, LOCAL), { pattern: 'https://b.zendesk.com/*', on: false, fixed: null, adapter: builtin.find((s) => s.id === 'zendesk') });
    const byPolicy = mergeSettings({ customSites: [acme] }, {});
    assert.deepEqual(siteStatus('https://help.acme.test/t/1', byPolicy, builtin, LOCAL)?.fixed, 'policy');
    const locked = mergeSettings({ enabledSites: ['gmail'], locked: true }, {});
    assert.deepEqual(siteStatus('https://other.test/', locked, builtin, LOCAL), { pattern: 'https://other.test/*', on: false, fixed: 'locked', adapter: null });
    assert.equal(siteStatus('about:blank', none, builtin, LOCAL), null);
  });

  it('switches one origin on and off, on top of an enabled adapter too', () => {
    const url = 'https://a.zendesk.com/agent';
    const plain = mergeSettings({}, {});
    assert.deepEqual(switchOrigin(url, true, plain, builtin), { enabledOrigins: ['https://a.zendesk.com/*'], disabledOrigins: [] });
    const on = mergeSettings({}, { enabledOrigins: ['https://a.zendesk.com/*'] });
    assert.deepEqual(switchOrigin(url, false, on, builtin), { enabledOrigins: [], disabledOrigins: [] });
    const adapter = mergeSettings({}, { enabledSites: ['zendesk'] });
    const off = switchOrigin(url, false, adapter, builtin);
    assert.deepEqual(off, { enabledOrigins: [], disabledOrigins: ['https://a.zendesk.com/*'] });
    const after = mergeSettings({}, { enabledSites: ['zendesk'], ...off });
    assert.equal(siteStatus(url, after, builtin, LOCAL)?.on, false);
    assert.equal(siteStatus('https://b.zendesk.com/', after, builtin, LOCAL)?.on, true);
    assert.deepEqual(switchOrigin(url, true, after, builtin), { enabledOrigins: [], disabledOrigins: [] });
  });
});

describe('managed_schema.json', () => {
  const schema = JSON.parse(readFileSync(new URL('../../extension/managed_schema.json', import.meta.url), 'utf8'));

  it('has exactly the keys policy.js reads from a policy', () => {
    const everything = {
      enabledSites: ['zendesk'],
      customSites: [acme],
      packs: ['{}'],
      disabledRules: ['robotic/kindly'],
      internalNotes: true,
      nudge: { enabled: true, severity: 'error' },
      locked: true,
    };
    assert.deepEqual(Object.keys(schema.properties).sort(), Object.keys(everything).sort());
    assert.deepEqual(Object.keys(cleanLayer(everything)).sort(), Object.keys(everything).sort());
    assert.deepEqual(schema.properties.nudge.properties.severity.enum, ['suggestion', 'warning', 'error']);
  });

  it('accepts the README\'s Chrome policy example, and policy.js keeps all of it', async () => {
    const { default: Ajv } = await import('ajv');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1])).find((j) => j['3rdparty']?.extensions);
    const [id, policy] = Object.entries(example['3rdparty'].extensions)[0];
    assert.equal(id, readFileSync(new URL('../../extension/EXTENSION_ID.txt', import.meta.url), 'utf8').trim());
    const ajv = new Ajv({ strict: false });
    assert.ok(ajv.validate(schema, policy), ajv.errorsText());
    assert.deepEqual(cleanLayer(policy), policy);
  });
});
