// Browser harness for the Firefox end-to-end tests: Debian's firefox-esr,
// headless, driven through geckodriver (both binaries named here: nothing
// downloads a driver or a browser), with dist/extension-firefox installed
// as a temporary add-on, against the demo pages in dist/www on 127.0.0.1.
//
// It hands the tests a `page` with the few Playwright-like methods that
// ../agent.mjs and ../probe.mjs use (evaluate, waitForFunction, keyboard,
// mouse, click, close), so the Chromium tests' knowledge of the demo pages
// is reused as it is.
//
// Two nets, as in ../harness.mjs:
//   1. console errors: Firefox prints every console message of pages,
//      content scripts and extension pages to its stdout
//      (devtools.console.stdout.*), which geckodriver passes on to a log
//      file read here;
//   2. network: every request that is not to loopback goes through the
//      recording proxy of ../harness.mjs and is refused. Firefox's own
//      services (Mozilla hosts) are listed as `browserRequests`; any other
//      host is a failure.
import { Builder, By, Key, Origin } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../server.mjs';
import { startRecordingProxy } from '../harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const EXTENSION_DIR = join(ROOT, 'dist', 'extension-firefox');
const WWW_DIR = join(ROOT, 'dist', 'www');
export const FIREFOX = process.env.CARELINT_FIREFOX || '/usr/bin/firefox-esr';
export const GECKODRIVER = process.env.CARELINT_GECKODRIVER ||
  join(process.env.CARGO_HOME || join(homedir(), '.cargo'), 'bin', 'geckodriver');
/** The add-on id (manifest.firefox.json) and the fixed internal UUID this harness gives it. */
export const ADDON_ID = 'carelint@carelint.dev';
const UUID = '6c6f6361-6c63-4172-8565-6c696e740001';
export const EXTENSION_ORIGIN = `moz-extension://${UUID}`;

/** Hosts of Firefox's own services (seen only via the proxy). */
const mozillaHost = /(^|\.)(mozilla\.(com|org|net)|firefox\.com|mozaws\.net|mozgcp\.net|digicert\.com)$/;

/** Playwright key names used by the tests → WebDriver keys. */
const KEYS = {
  Enter: Key.ENTER, Escape: Key.ESCAPE, Tab: Key.TAB, Backspace: Key.BACK_SPACE,
  ArrowDown: Key.ARROW_DOWN, ArrowUp: Key.ARROW_UP, ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT,
  Home: Key.HOME, End: Key.END, Control: Key.CONTROL, Alt: Key.ALT, Shift: Key.SHIFT,
};

/**
 * Every line Firefox printed for a console error or an uncaught exception
 * in a page, a content script or the add-on. Firefox's own modules
 * (resource://, chrome://, the remote-settings loader that geckodriver
 * points at a dummy server) log errors of their own in a headless test
 * profile; those are not ours and are left out. So are errors of
 * Firefox's process actors (JSProcessActor, JSWindowActor), which only its
 * own code has: one logged "Actor 'ContentPrefs' cannot send message ...
 * during shutdown" without a source when a tab closed, and failed a CI run.
 */
function consoleErrorsIn(log) {
  return log.split('\n')
    .filter((line) => /^console\.error: |^JavaScript error: /.test(line))
    .filter((line) => !/resource:\/\/|chrome:\/\/|^console\.error: RSLoader: |JS(Process|Window)Actor(Parent|Child)\./.test(line));
}

/**
 * Start Firefox with the extension and serve dist/www.
 * @param {{ prefs?: Record<string, unknown>, extension?: boolean, installed?: boolean }} [opts]
 */
export async function launch(opts = {}) {
  const { extension = true } = opts;
  for (const [what, path] of [['firefox', FIREFOX], ['geckodriver', GECKODRIVER]]) {
    if (!existsSync(path)) throw new Error(`${path} (${what}) is missing: run ./build.sh setup`);
  }
  if (extension && !existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`${EXTENSION_DIR}/manifest.json is missing: run ./build.sh build`);
  }
  // A snapshot of dist/, so a rebuild during the run changes nothing under test.
  const workDir = mkdtempSync(join(tmpdir(), 'carelint-firefox-'));
  cpSync(WWW_DIR, join(workDir, 'www'), { recursive: true });
  const extDir = join(workDir, 'extension');
  if (extension) cpSync(EXTENSION_DIR, extDir, { recursive: true });

  const requests = [];
  const foreignRequests = [];
  const browserRequests = [];
  const server = await serve(join(workDir, 'www'));
  const proxy = await startRecordingProxy((entry) => {
    requests.push(entry);
    (mozillaHost.test(new URL(entry.url).hostname) ? browserRequests : foreignRequests).push(entry);
  });
  const proxyPort = Number(new URL(proxy.url).port);

  const options = new firefox.Options()
    .setBinary(FIREFOX)
    .addArguments('-headless');
  const prefs = {
    // Every request but loopback goes to the recording proxy.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.allow_hijacking_localhost': false,
    // Firefox's own DNS probes and prefetches go around the proxy: off.
    'network.connectivity-service.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.trr.mode': 5,
    'network.http.speculative-parallel-limit': 0,
    // The console, pages and extension alike, on stdout for the error net.
    'devtools.console.stdout.content': true,
    // A known moz-extension:// origin for the extension's own pages.
    'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
    // permissions.request from a click resolves without the prompt a
    // headless browser cannot answer; the request itself still runs.
    'extensions.webextOptionalPermissionPrompts': false,
    ...(opts.installed ? { 'xpinstall.signatures.required': false } : {}),
    ...opts.prefs,
  };
  for (const [k, v] of Object.entries(prefs)) options.setPreference(k, v);

  const logFile = join(workDir, 'geckodriver.log');
  const logFd = openSync(logFile, 'w');
  // System access: the chrome context opens the add-on's pages in tabs
  // (WebDriver may not navigate to moz-extension:// itself).
  const service = new firefox.ServiceBuilder(GECKODRIVER).addArguments('--allow-system-access').setStdio(['ignore', logFd, logFd]);
  let driver;
  try {
    driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
  } catch (error) {
    closeSync(logFd);
    await proxy.close();
    await server.close();
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
  await driver.manage().setTimeouts({ script: 30_000 });
  await driver.manage().window().setRect({ width: 1280, height: 800 });
  // A temporary add-on, as a developer loads it from about:debugging; or
  // installed for good (unsigned: Firefox ESR honours
  // xpinstall.signatures.required = false).
  if (extension) await driver.installAddon(extDir, !opts.installed);
  const home = await driver.getWindowHandle();

  const log = () => readFileSync(logFile, 'utf8');
  const consoleErrors = () => consoleErrorsIn(log());

  /**
   * A Playwright-like page over one Firefox tab. Every call switches to its
   * tab first: WebDriver drives one tab at a time.
   */
  function pageFor(handle) {
    const use = () => driver.switchTo().window(handle);
    const keyDown = (a, k) => a.keyDown(KEYS[k] ?? k);
    const keyUp = (a, k) => a.keyUp(KEYS[k] ?? k);
    const page = {
      handle,
      driver,
      async evaluate(fn, arg) {
        await use();
        const result = await driver.executeAsyncScript(
          `const done = arguments[arguments.length - 1];
           Promise.resolve().then(() => (${fn.toString()})(arguments[0]))
             .then((value) => done({ value }), (e) => done({ error: String(e) + "\\n" + (e && e.stack) }));`, arg);
        if (result && 'error' in result) throw new Error(`in the page: ${result.error}`);
        return result?.value;
      },
      async waitForFunction(fn, arg, { timeout = 5_000, polling = 50 } = {}) {
        const deadline = Date.now() + timeout;
        for (;;) {
          // A page still loading (no document element yet) throws: that is
          // "not yet", unless it still throws at the deadline.
          let failure = null;
          try {
            if (await page.evaluate(fn, arg)) return;
          } catch (error) {
            failure = error;
          }
          if (Date.now() > deadline) throw failure ?? new Error(`timed out after ${timeout} ms waiting for ${fn}`);
          await new Promise((ok) => setTimeout(ok, polling));
        }
      },
      async goto(url) {
        await use();
        await driver.get(url);
      },
      url: async () => { await use(); return driver.getCurrentUrl(); },
      keyboard: {
        /** 'Enter', 'Control+z', 'Alt+Shift+J': modifiers down, the key, modifiers up. */
        async press(combo) {
          await use();
          const keys = combo.split('+');
          const a = driver.actions();
          for (const k of keys.slice(0, -1)) keyDown(a, k);
          const last = keys[keys.length - 1];
          keyDown(a, last);
          keyUp(a, last);
          for (const k of keys.slice(0, -1).reverse()) keyUp(a, k);
          await a.perform();
        },
        async type(text) {
          await use();
          await driver.actions().sendKeys(text).perform();
        },
      },
      mouse: {
        async move(x, y) {
          await use();
          await driver.actions().move({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT }).perform();
        },
        async click(x, y) {
          await use();
          await driver.actions().move({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT }).click().perform();
        },
      },
      async click(selector) {
        await use();
        await driver.findElement(By.css(selector)).click();
      },
      async screenshot({ path }) {
        await use();
        const { writeFileSync } = await import('node:fs');
        writeFileSync(path, Buffer.from(await driver.takeScreenshot(), 'base64'));
      },
      async close() {
        await use();
        await driver.close();
        await driver.switchTo().window(home);
      },
    };
    return page;
  }

  let closed = false;
  return {
    driver,
    server,
    baseUrl: server.url,
    requests,
    foreignRequests,
    browserRequests,
    consoleErrors,
    /** What Firefox said was wrong with the add-on's manifest. */
    manifestWarnings: () => log().split('\n').filter((line) => /Reading manifest/.test(line)),
    /**
     * Clicks the add-on's toolbar button for `page`'s tab, through the
     * browser's own action code: that grants activeTab there, as a real
     * click does. Returns the tab's id, as the add-on knows it.
     */
    async clickAction(page) {
      await driver.switchTo().window(page.handle);
      await driver.setContext('chrome');
      try {
        // A click while the popup is open only closes it: close the last one first.
        await driver.executeScript(`
          const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
          const { ViewPopup } = ChromeUtils.importESModule('resource:///modules/ExtensionPopups.sys.mjs');
          const extension = ExtensionParent.GlobalManager.getExtension(arguments[0]);
          ViewPopup.for(extension, window)?.closePopup();
          ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);`,
        ADDON_ID);
      } finally {
        await driver.setContext('content');
      }
    },
    /**
     * Gives or takes back the add-on's access to `origins`, as the user does
     * in about:addons (Permissions), through the browser's own code.
     * @param {string[]} origins
     * @param {boolean} granted
     */
    async setHostAccess(origins, granted) {
      await driver.setContext('chrome');
      try {
        await driver.executeAsyncScript(`
          const [id, origins, granted, done] = arguments;
          const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
          const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
          const ext = ExtensionParent.GlobalManager.getExtension(id);
          ExtensionPermissions[granted ? 'add' : 'remove'](id, { permissions: [], origins }, ext).then(() => done(), (e) => done(String(e)));`,
        ADDON_ID, origins, granted);
      } finally {
        await driver.setContext('content');
      }
    },
    /** A new tab at `url`. */
    async newPage(url) {
      await driver.switchTo().newWindow('tab');
      const page = pageFor(await driver.getWindowHandle());
      if (url) await page.goto(url);
      return page;
    },
    /** Open a demo page (e.g. "prosemirror") in a new tab and wait until its editor is ready. */
    async openDemo(variant, { timeout = 15_000 } = {}) {
      const page = await this.newPage(`${server.url}/demo/${variant}.html`);
      await page.waitForFunction(() => !!(window.carelintDemo && window.carelintDemo.ready), null, { timeout });
      return page;
    },
    /**
     * An add-on page (e.g. "popup/popup.html?tab=3") in a new tab, once it
     * says it is ready. WebDriver may not navigate to moz-extension://, so
     * the browser's own code opens it, as a click on the toolbar would.
     */
    async openExtensionPage(path) {
      const before = await driver.getAllWindowHandles();
      await driver.setContext('chrome');
      try {
        await driver.executeScript('openTrustedLinkIn(arguments[0], "tab");', `${EXTENSION_ORIGIN}/${path}`);
      } finally {
        await driver.setContext('content');
      }
      const handle = (await driver.getAllWindowHandles()).find((x) => !before.includes(x));
      if (!handle) throw new Error(`no tab opened for ${path}`);
      const page = pageFor(handle);
      await page.waitForFunction(() => location.protocol === 'moz-extension:' && 'ready' in document.documentElement.dataset,
        null, { timeout: 10_000 });
      return page;
    },
    /** Problems recorded since `mark`. */
    mark() { return { console: consoleErrors().length, foreign: foreignRequests.length }; },
    since(mark) {
      return { consoleErrors: consoleErrors().slice(mark.console), foreignRequests: foreignRequests.slice(mark.foreign) };
    },
    log,
    async close() {
      if (closed) return;
      closed = true;
      try { await driver.quit(); } finally {
        closeSync(logFd);
        await proxy.close();
        await server.close();
        rmSync(workDir, { recursive: true, force: true });
      }
    },
  };
}
