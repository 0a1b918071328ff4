// Measurements taken inside the demo page, independent of the extension's
// own code: where the flagged text really is (a DOM Range over the editor's
// text, or, for a <textarea>, a Range over a mirror element built here), where
// the extension's hint boxes are, whether its popover and badge show, what has
// focus. Every rectangle is in TOP-LEVEL viewport coordinates: a rectangle
// inside a same-origin iframe is shifted by the iframe's content-box offset.
//
// `inPage` is serialised by Playwright and run in the page, so it must stay
// self-contained (no imports, no closures over module scope).
import assert from 'node:assert/strict';

/**
 * @param {{op: string, [key: string]: any}} q
 */
export function inPage(q) {
  const demo = window.carelintDemo;
  const TOL = 2; // px: a box "covers" the text when every edge is within this

  /** Offset of a document's viewport in the top-level viewport. */
  function docOffset(doc) {
    let x = 0, y = 0;
    let win = doc.defaultView;
    while (win && win !== window.top && win.frameElement) {
      const fe = win.frameElement;
      const r = fe.getBoundingClientRect();
      const cs = fe.ownerDocument.defaultView.getComputedStyle(fe);
      x += r.left + fe.clientLeft + parseFloat(cs.paddingLeft);
      y += r.top + fe.clientTop + parseFloat(cs.paddingTop);
      win = win.parent;
    }
    return { x, y };
  }
  const rect = (r, off) => ({
    left: r.left + off.x, top: r.top + off.y, right: r.right + off.x, bottom: r.bottom + off.y,
    width: r.width, height: r.height,
  });
  const round = (r) => r && Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v * 10) / 10]));

  /** The top document and every same-origin iframe's document, recursively. */
  function allDocs() {
    const out = [];
    const visit = (doc) => {
      out.push(doc);
      for (const f of doc.querySelectorAll('iframe, frame')) {
        let inner = null;
        try { inner = f.contentDocument; } catch { inner = null; }
        if (inner) visit(inner);
      }
    };
    visit(window.top.document);
    return out;
  }
  /** querySelectorAll through open shadow roots. */
  function deepAll(root, sel, out = []) {
    out.push(...root.querySelectorAll(sel));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) deepAll(el.shadowRoot, sel, out);
    return out;
  }
  /** Every <carelint-ui> open shadow root, with its document's offset. */
  function uiRoots() {
    const out = [];
    for (const doc of allDocs()) {
      for (const host of deepAll(doc, 'carelint-ui')) {
        out.push({ host, root: host.shadowRoot, off: docOffset(doc) });
      }
    }
    return out;
  }
  function visible(el) {
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return false;
    const cs = el.ownerDocument.defaultView.getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none';
  }
  /** Visible UI elements matching `sel` in every carelint-ui shadow root. */
  function uiAll(sel) {
    const out = [];
    for (const { root, off } of uiRoots()) {
      if (!root) continue;
      for (const el of root.querySelectorAll(sel)) {
        if (visible(el)) out.push({ el, rect: rect(el.getBoundingClientRect(), off) });
      }
    }
    return out;
  }
  function hintBoxes(rule) {
    const sel = rule ? `[data-carelint-hint="${CSS.escape(rule)}"]` : '[data-carelint-hint]';
    return uiAll(sel).map(({ el, rect: r }) => ({ rule: el.getAttribute('data-carelint-hint'), rect: r }));
  }

  /** Merge rects on the same line that touch (gap <= `gap` px) into one. */
  function lines(rects, gap = Infinity) {
    const out = [];
    for (const r of rects) {
      if (r.width <= 0.5) continue;
      const same = out.find((o) => Math.abs(o.top - r.top) <= 1 && Math.abs(o.bottom - r.bottom) <= 1 &&
        r.left <= o.right + gap && r.right >= o.left - gap);
      if (same) {
        same.left = Math.min(same.left, r.left); same.right = Math.max(same.right, r.right);
        same.width = same.right - same.left;
      } else out.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height });
    }
    return out;
  }

  /** Client rects of the n-th match of `pattern` in the reply field. */
  function textRects(pattern, n) {
    const field = demo.field;
    const doc = field.ownerDocument;
    const off = docOffset(doc);
    const re = new RegExp(pattern, 'gi');
    if (field instanceof doc.defaultView.HTMLTextAreaElement) {
      const value = field.value;
      const m = [...value.matchAll(re)][n];
      if (!m) return null;
      // Mirror element: same box, font and wrapping as the textarea, at the
      // same place, scrolled the same way.
      const cs = doc.defaultView.getComputedStyle(field);
      const box = field.getBoundingClientRect();
      const mirror = doc.createElement('div');
      const props = ['direction', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth',
        'borderTopStyle', 'borderRightStyle', 'borderBottomStyle', 'borderLeftStyle',
        'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
        'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch', 'fontSize', 'fontFamily', 'lineHeight',
        'fontFeatureSettings', 'fontKerning', 'fontVariationSettings', 'textAlign', 'textTransform', 'textIndent',
        'letterSpacing', 'wordSpacing', 'tabSize', 'whiteSpace', 'wordBreak', 'overflowWrap', 'hyphens', 'textRendering'];
      for (const p of props) mirror.style[p] = cs[p];
      Object.assign(mirror.style, {
        position: 'fixed', left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px`,
        boxSizing: 'border-box', margin: '0', visibility: 'hidden', pointerEvents: 'none', zIndex: '-1',
        overflowX: 'hidden', overflowY: field.scrollHeight > field.clientHeight ? 'scroll' : 'hidden',
      });
      const node = doc.createTextNode(value + (value.endsWith('\n') ? ' ' : ''));
      mirror.append(node);
      doc.body.append(mirror);
      mirror.scrollTop = field.scrollTop;
      mirror.scrollLeft = field.scrollLeft;
      const range = doc.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = lines([...range.getClientRects()]).map((r) => rect(r, off));
      mirror.remove();
      return { rects, index: m.index, via: 'mirror' };
    }
    // contenteditable: a Range over the editor's own text nodes.
    const walker = doc.createTreeWalker(field, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = '';
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      nodes.push({ node: t, start: text.length });
      text += t.nodeValue;
    }
    const m = [...text.matchAll(re)][n];
    if (!m) return null;
    const locate = (pos, isEnd) => {
      for (let i = nodes.length - 1; i >= 0; i--) {
        const { node, start } = nodes[i];
        if (isEnd ? pos > start : pos >= start) return [node, pos - start];
      }
      return [nodes[0].node, 0];
    };
    const range = doc.createRange();
    range.setStart(...locate(m.index, false));
    range.setEnd(...locate(m.index + m[0].length, true));
    return { rects: lines([...range.getClientRects()]).map((r) => rect(r, off)), index: m.index, via: 'range' };
  }

  const near = (a, b) => ['left', 'top', 'right', 'bottom'].every((k) => Math.abs(a[k] - b[k]) <= TOL);

  /** The visible scroll container of the field (the textarea itself, or the
   * nearest scrollable ancestor within the editor; the frame's document when
   * the editor is the body of a frame of its own, as TinyMCE's is). */
  function scroller() {
    const field = demo.field;
    const doc = field.ownerDocument;
    const win = doc.defaultView;
    for (let el = field; el && el.nodeType === 1; el = el.parentElement || el.getRootNode().host) {
      const cs = win.getComputedStyle(el);
      if (/(auto|scroll)/.test(cs.overflowY) && el.scrollHeight > el.clientHeight) return el;
      if (el === doc.body) break;
    }
    const page = doc.scrollingElement;
    return field === doc.body && page && page.scrollHeight > page.clientHeight ? page : null;
  }
  function visibleArea() {
    const field = demo.field;
    const off = docOffset(field.ownerDocument);
    if (field === field.ownerDocument.body) {
      const view = field.ownerDocument.documentElement;
      return rect({ left: 0, top: 0, right: view.clientWidth, bottom: view.clientHeight, width: view.clientWidth, height: view.clientHeight }, off);
    }
    const el = scroller() || field;
    const r = el.getBoundingClientRect();
    return rect({
      left: r.left + el.clientLeft, top: r.top + el.clientTop,
      right: r.left + el.clientLeft + el.clientWidth, bottom: r.top + el.clientTop + el.clientHeight,
      width: el.clientWidth, height: el.clientHeight,
    }, off);
  }

  /**
   * Whether a click at the element's centre reaches it: the point is inside
   * its window (not cut off by an iframe's edge) and nothing covers it, in
   * its own document and in every frame above.
   */
  function clickable(el) {
    const r = el.getBoundingClientRect();
    let x = (r.left + r.right) / 2;
    let y = (r.top + r.bottom) / 2;
    const hit = el.getRootNode().elementFromPoint(x, y);
    if (!hit || !(hit === el || el.contains(hit))) return false;
    for (let win = el.ownerDocument.defaultView; win !== window.top; win = win.parent) {
      if (x < 0 || y < 0 || x > win.innerWidth || y > win.innerHeight) return false;
      const fe = win.frameElement;
      const fr = fe.getBoundingClientRect();
      const cs = fe.ownerDocument.defaultView.getComputedStyle(fe);
      x += fr.left + fe.clientLeft + parseFloat(cs.paddingLeft);
      y += fr.top + fe.clientTop + parseFloat(cs.paddingTop);
      if (fe.ownerDocument.elementFromPoint(x, y) !== fe) return false;
    }
    return x >= 0 && y >= 0 && x <= window.top.innerWidth && y <= window.top.innerHeight;
  }

  function deepActive() {
    let el = window.top.document.activeElement;
    for (;;) {
      if (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
      else if (el && (el.tagName === 'IFRAME' || el.tagName === 'FRAME') && el.contentDocument && el.contentDocument.activeElement) el = el.contentDocument.activeElement;
      else return el;
    }
  }

  switch (q.op) {
    case 'text':
      return demo.getText();
    case 'fieldRect': {
      // Bring the reply box on screen first (it may be in an iframe).
      const field = demo.field;
      field.scrollIntoView({ block: 'nearest' });
      return rect(field.getBoundingClientRect(), docOffset(field.ownerDocument));
    }
    case 'visibleArea':
      return visibleArea();
    case 'focused':
      return deepActive() === demo.field;
    case 'state': {
      // Everything a test may want to know, for conditions and diagnostics.
      const hits = q.pattern != null ? textRects(q.pattern, q.n || 0) : null;
      const all = hintBoxes(null);
      const mine = q.rule ? all.filter((b) => b.rule === q.rule) : all;
      const badges = uiAll('[data-carelint-badge]').map(({ el, rect: r }) => ({ count: el.getAttribute('data-count'), rect: round(r) }));
      const pops = uiAll('[data-carelint-popover]').map(({ el, rect: r }) => ({
        role: el.getAttribute('role'),
        // Still moving in (an entry animation): not yet where a user clicks.
        animating: el.getAnimations({ subtree: true }).some((a) => a.pending || a.playState === 'running'),
        text: el.textContent.replace(/\s+/g, ' ').trim().slice(0, 300),
        rect: round(r),
        suggestions: [...el.querySelectorAll('[data-carelint-suggestion]')].filter(visible).map((s) => ({
          text: s.textContent.replace(/\s+/g, ' ').trim(),
          value: s.getAttribute('data-carelint-suggestion'),
          rect: rect(s.getBoundingClientRect(), docOffsetOf(s)),
          clickable: clickable(s),
        })),
        dismiss: [...el.querySelectorAll('[data-carelint-dismiss]')].filter(visible).map((d) => ({
          rect: rect(d.getBoundingClientRect(), docOffsetOf(d)),
          clickable: clickable(d),
        })),
      }));
      // A hint may be drawn as several boxes on one line (one per text node
      // or inline element): join touching boxes on a line before comparing.
      const joined = lines(mine.map((b) => b.rect).sort((a, b) => a.left - b.left), 2);
      const covering = hits ? joined.filter((b) => hits.rects.some((r) => near(b, r))) : [];
      const alignedAll = !!hits && hits.rects.length > 0 && hits.rects.every((r) => joined.some((b) => near(b, r)));
      return {
        text: demo.getText(),
        phrase: hits && { index: hits.index, via: hits.via, rects: hits.rects.map(round) },
        boxes: mine.map((b) => ({ rule: b.rule, rect: round(b.rect) })),
        allBoxes: all.length,
        all: all.map((b) => ({ rule: b.rule, rect: round(b.rect) })),
        rules: [...new Set(all.map((b) => b.rule))],
        aligned: alignedAll,
        covering: covering.length,
        badges,
        popovers: pops,
        uiHosts: uiRoots().length,
        focused: deepActive() === demo.field,
        visibleArea: round(visibleArea()),
      };
    }
    case 'watchPopovers': {
      // Record where each popover is on the first frame it is painted.
      const seen = (window.top.__carelintPopoversSeen = []);
      for (const { root, off } of uiRoots()) {
        if (!root) continue;
        new MutationObserver((records) => {
          for (const rec of records) {
            for (const node of rec.addedNodes) {
              if (node.nodeType !== 1) continue;
              const el = node.matches('[data-carelint-popover]') ? node : node.querySelector('[data-carelint-popover]');
              if (!el) continue;
              const win = el.ownerDocument.defaultView;
              win.requestAnimationFrame(() => seen.push(round(rect(el.getBoundingClientRect(), off))));
            }
          }
        }).observe(root, { subtree: true, childList: true });
      }
      return uiRoots().length;
    }
    case 'popoversSeen':
      return window.top.__carelintPopoversSeen || [];
    case 'scrollPhraseIntoView': {
      // Scroll the editor's own scroll container so the n-th match sits
      // `margin` px below its top edge (as an agent scrolling back up would).
      const el = scroller();
      if (!el) return false;
      const hits = textRects(q.pattern, q.n || 0);
      const area = visibleArea();
      el.scrollTop += hits.rects[0].top - area.top - q.margin;
      return el.scrollTop;
    }
    case 'scrollEditorToEnd': {
      const el = scroller();
      if (el) el.scrollTop = el.scrollHeight;
      return !!el;
    }
    default:
      throw new Error(`inPage: unknown op ${q.op}`);
  }

  function docOffsetOf(el) { return docOffset(el.ownerDocument); }
}

/**
 * Let the page catch up with input the way a human's pace does: wait for two
 * animation frames in the reply box's window, so queued events (notably the
 * async `selectionchange` that CKEditor and ProseMirror read the caret from)
 * have been handled before the next key. Synthetic keys arrive back-to-back,
 * faster than any agent types; without this, Ctrl+End followed at once by
 * Enter can split the paragraph at the old caret position in those editors.
 */
export function settle(page) {
  return page.evaluate(() => {
    const win = window.carelintDemo.field.ownerDocument.defaultView;
    return new Promise((ok) => win.requestAnimationFrame(() => win.requestAnimationFrame(() => ok(undefined))));
  });
}

/** Run `inPage` once. */
export function probe(page, q) {
  return page.evaluate(inPage, q);
}

/** The page's state now (see the 'state' op). */
export function state(page, q = {}) {
  return page.evaluate(inPage, { ...q, op: 'state' });
}

/**
 * Wait until `check(state)` holds, where state is `inPage({op:'state',...})`.
 * On timeout, fail with `what` and the last state seen, so a failure says what
 * the user would have seen instead.
 */
export async function waitForState(page, q, check, what, timeout = 5000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await page.evaluate(inPage, { ...q, op: 'state' });
    if (check(last)) return last;
    if (Date.now() > deadline) break;
    // Poll on the page's own frame clock: resolves at the next animation frame.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(undefined))));
  }
  assert.fail(`timed out after ${timeout} ms waiting until ${what}\nlast state: ${JSON.stringify(last, null, 2)}`);
}

/** Wait until the editor's own model reports text satisfying `check`. */
export async function waitForText(page, check, what, timeout = 5000) {
  return waitForState(page, {}, (s) => check(s.text), what, timeout);
}

export const center = (r) => ({ x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 });
