// @ts-check
// Which elements are reply boxes. A field is a <textarea> or the editing
// host of a contenteditable (plain, or a rich editor's root), found when the
// agent focuses it: `focusin` sees fields whenever they were added, and
// composedPath() sees into open shadow roots. Same-origin iframes run their
// own copy of this script (all_frames / match_about_blank /
// match_origin_as_fallback in the manifest). Nothing is scanned at page load.
//
// Never a field: <input> (one line, passwords, search), read-only or
// disabled boxes, single-line or search-like ARIA textboxes, and anything
// with data-carelint="off" on it or an ancestor (across shadow roots and
// frames).

/** ARIA roles of editable elements that are not prose. */
const NOT_PROSE_ROLES = new Set(['searchbox', 'combobox', 'spinbutton']);

/**
 * The field the agent is typing in when `node` has focus, or null.
 * @param {EventTarget | null | undefined} node
 * @returns {HTMLTextAreaElement | HTMLElement | null}
 */
export function fieldAt(node) {
  if (!node || !(/** @type {Node} */ (node).nodeType === Node.ELEMENT_NODE)) return null;
  const el = /** @type {HTMLElement} */ (node);
  if (el.localName === 'textarea') return isEligible(el) ? el : null;
  if (!el.isContentEditable) return null;
  let host = el;
  while (host.parentElement?.isContentEditable) host = host.parentElement;
  return isEligible(host) ? host : null;
}

/**
 * Whether a field is (still) one to check; fields can become read-only,
 * lose contenteditable or get opted out while watched.
 * @param {HTMLElement} el
 */
export function isEligible(el) {
  if (!el.isConnected) return false;
  if (el.localName === 'textarea') {
    const ta = /** @type {HTMLTextAreaElement} */ (el);
    if (ta.readOnly || ta.disabled) return false;
  } else {
    if (!el.isContentEditable) return false;
    const role = el.getAttribute('role');
    if (role && NOT_PROSE_ROLES.has(role)) return false;
    if (role === 'textbox' && el.getAttribute('aria-multiline') === 'false') return false;
    if (el.getAttribute('aria-readonly') === 'true' || el.getAttribute('aria-disabled') === 'true') return false;
  }
  return !isOptedOut(el);
}

/**
 * data-carelint="off" on the element or any ancestor, through shadow hosts
 * and same-origin frame elements.
 * @param {Element} el
 */
function isOptedOut(el) {
  for (let node = /** @type {Element | null} */ (el); node;) {
    if (node.getAttribute('data-carelint') === 'off') return true;
    const parent = node.parentElement;
    if (parent) {
      node = parent;
      continue;
    }
    const root = node.getRootNode();
    if (root.nodeType === Node.DOCUMENT_FRAGMENT_NODE) {
      node = /** @type {ShadowRoot} */ (root).host;
    } else {
      node = frameElementOf(/** @type {Document} */ (root));
    }
  }
  return false;
}

/**
 * The <iframe> holding `doc`, when the parent is same-origin.
 * @param {Document} doc
 * @returns {Element | null}
 */
function frameElementOf(doc) {
  try {
    return doc.defaultView?.frameElement ?? null;
  } catch {
    return null; // cross-origin parent
  }
}

/**
 * The focused element, looking into open shadow roots.
 * @param {Document} doc
 * @returns {Element | null}
 */
function deepActiveElement(doc) {
  let el = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/**
 * Calls `onField` for each eligible field the agent focuses, including one
 * that already has focus, until `signal` aborts.
 * @param {Document} doc
 * @param {(field: HTMLElement) => void} onField
 * @param {AbortSignal} signal
 */
export function watchFocus(doc, onField, signal) {
  doc.addEventListener('focusin', (e) => {
    const field = fieldAt(e.composedPath()[0]);
    if (field) onField(field);
  }, { capture: true, signal });
  const field = fieldAt(deepActiveElement(doc));
  if (field) onField(field);
}

/**
 * The selection that holds a contenteditable field's caret: in Chromium a
 * shadow root has its own.
 * @param {HTMLElement} field
 * @returns {Selection | null}
 */
export function selectionIn(field) {
  const root = /** @type {Document | (ShadowRoot & { getSelection?: () => Selection | null })} */ (field.getRootNode());
  return typeof root.getSelection === 'function' ? root.getSelection() : field.ownerDocument.getSelection();
}
