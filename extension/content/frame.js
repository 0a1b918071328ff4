// @ts-check
// At most one render per animation frame. The first change in a frame
// renders at once (in a microtask, before the frame is painted), so a
// keystroke shows its highlights in the same frame; further changes in
// that frame wait for the next one.

/**
 * @param {() => void} render
 * @returns {() => void} asks for a render
 */
export function frameScheduler(render) {
  let queued = false;
  let renderedThisFrame = false;
  const run = () => {
    queued = false;
    if (!renderedThisFrame) {
      renderedThisFrame = true;
      requestAnimationFrame(() => { renderedThisFrame = false; });
    }
    render();
  };
  return () => {
    if (queued) return;
    queued = true;
    if (renderedThisFrame) requestAnimationFrame(run);
    else queueMicrotask(run);
  };
}
