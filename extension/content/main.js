// @ts-check
// Carelint in one page (or frame): starts when settings turn it on for
// this site, follows settings, and stops when the site is turned off.
//
//   start: settings and the site list (host.js) -> a Session (session.js)
//     watches each eligible field the agent focuses (fields.js); the engine
//     warms up in idle time once a reply box shows (warmup.js)
//   a settings change -> applied to what is on screen, no reload
//   the site turned off -> everything goes at once; a new injection starts again
//
// Before the first focus of an eligible field, only a few listeners exist
// (focus, settings changes, the toolbar popup's status question) and an
// idle-time look for a reply box: no element is added until then. What it
// needs from where it runs is the Host it is handed: the extension's
// (loader.js) or the site's playground's.
import { watchFocus } from './fields.js';
import { Session } from './session.js';
import { warmUpWhenShown } from './warmup.js';

/** @typedef {import('./host.js').Host} Host */

/** How often start() tries to read the settings and the site list (0.5 s apart, doubling). */
const START_ATTEMPTS = 5;

/**
 * Carelint as it runs in this frame; one at a time.
 * @type {{ abort: AbortController, session: Session | null, host: Host } | null}
 */
let running = null;

/**
 * Starts Carelint in this frame when settings turn it on for this site.
 * The loader calls it on every injection; while Carelint runs, it does
 * nothing.
 * @param {Host} host where settings, statistics and the engine come from
 */
export async function start(host) {
  if (running) return;
  const run = { abort: new AbortController(), session: /** @type {Session | null} */ (null), host };
  running = run;
  const ready = await loadSite(host, () => running === run);
  if (!ready || running !== run || !ready.site.on) {
    if (running === run) running = null;
    return;
  }
  const signal = run.abort.signal;
  const session = new Session(document, host, shutdown);
  run.session = session;
  const { merged, site } = ready;
  session.apply(merged.settings, site.adapter, merged.locked.disabledRules);
  const unsubscribe = host.onSettingsChanged((settings, merged) => {
    host.thisSite(merged).then((site) => {
      if (running !== run) return;
      if (site.on) session.apply(settings, site.adapter, merged.locked.disabledRules);
      else shutdown();
    }, () => {});
  });
  signal.addEventListener('abort', unsubscribe);
  signal.addEventListener('abort', host.onEngineChanged(() => session.relint()));
  host.answerStatus(signal, () => session.hints());
  // Last: a field may already have focus.
  watchFocus(document, (el) => session.watch(el), signal);
  warmUpWhenShown(window, (el) => session.checks(el), host.startEngine, signal);
}

/**
 * Reads the settings and whether they turn Carelint on here. Either can
 * fail to load in the first seconds after the browser starts: it tries
 * again a few times before giving up on the page.
 * @param {Host} host
 * @param {() => boolean} wanted false once this start was overtaken
 */
async function loadSite(host, wanted) {
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    if (!wanted() || !host.alive()) return null; // stopped, or the extension was reloaded under this page
    try {
      const merged = await host.loadSettings();
      return { merged, site: await host.thisSite(merged) };
    } catch {
      // tried again
    }
  }
  return null;
}

/** The site was turned off: everything goes at once, nothing keeps running. */
function shutdown() {
  if (!running) return;
  const { abort, session, host } = running;
  running = null;
  session?.stop();
  abort.abort();
  host.stopEngine();
}
