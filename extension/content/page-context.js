// @ts-check
// What the page says about the people in the conversation, for the engine's
// placeholders ({customer.first_name}) and the checklist's "customer named".
// For now a page marks them with [data-carelint-customer-name] and
// [data-carelint-agent-name] (the demo helpdesk does); helpdesk adapters
// (extension/sites/) will add their own selectors.

/** @typedef {import('../engine/carelint.js').LintContext} LintContext */
/** @typedef {import('../engine/carelint.js').Person} Person */

/** Longer "names" are page content, not names. */
const MAX_NAME = 80;

/**
 * The lint context for a field in `doc`; names are looked up in `doc` and,
 * for an editor in a same-origin iframe, in the documents around it.
 * @param {Document} doc
 * @returns {LintContext}
 */
export function readLintContext(doc) {
  /** @type {LintContext} */
  const context = {};
  const customer = personFrom(doc, '[data-carelint-customer-name]');
  const agent = personFrom(doc, '[data-carelint-agent-name]');
  if (customer) context.customer = customer;
  if (agent) context.agent = agent;
  return context;
}

/**
 * @param {Document} doc
 * @param {string} selector
 * @returns {Person | null}
 */
function personFrom(doc, selector) {
  for (let d = /** @type {Document | null} */ (doc); d; d = parentDocument(d)) {
    const el = d.querySelector(selector);
    if (!el) continue;
    const raw = el.localName === 'input' ? /** @type {HTMLInputElement} */ (el).value : el.textContent ?? '';
    const name = raw.replace(/\s+/g, ' ').trim();
    if (!name || name.length > MAX_NAME) return null;
    return { name, first_name: name.split(' ')[0] };
  }
  return null;
}

/**
 * @param {Document} doc
 * @returns {Document | null}
 */
function parentDocument(doc) {
  try {
    return doc.defaultView?.frameElement?.ownerDocument ?? null;
  } catch {
    return null; // cross-origin parent
  }
}
