// @ts-check
// Starts the engine in idle time once the page shows a reply box (at once,
// or when a helpdesk that opens tickets without loading a page adds one),
// so that the agent's first keystrokes find it ready instead of waiting for
// it to compile (in steps that never freeze the page). A page that never
// shows one never loads it.

/**
 * @param {Window} win
 * @param {(el: HTMLElement) => boolean} isReplyBox
 * @param {() => void} startEngine
 * @param {AbortSignal} signal
 */
export function warmUpWhenShown(win, isReplyBox, startEngine, signal) {
  const doc = win.document;
  // Bound: Firefox's content scripts refuse a window method called without
  // its window ("does not implement interface Window"); Chromium lets it pass.
  const idle = win.requestIdleCallback?.bind(win) ?? ((/** @type {() => void} */ f) => win.setTimeout(f, 200));
  const showsReplyBox = () => [...doc.querySelectorAll('textarea, [contenteditable]:not([contenteditable="false"])')]
    .some((el) => isReplyBox(/** @type {HTMLElement} */ (el)));
  // Added nodes are looked at once per idle period, not per mutation.
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    idle(check, { timeout: 2000 });
  });
  /** @returns {boolean} whether the engine was started */
  const check = () => {
    queued = false;
    if (signal.aborted || !showsReplyBox()) return false;
    observer.disconnect();
    startEngine();
    return true;
  };
  signal.addEventListener('abort', () => observer.disconnect());
  idle(() => {
    if (!check() && !signal.aborted && doc.documentElement) observer.observe(doc.documentElement, { childList: true, subtree: true });
  }, { timeout: 2000 });
}
