// @ts-check
// What the page says about the people in the conversation, for the engine's
// placeholders ({customer.first_name}) and the checklist's "customer named".
// In order: the helpdesk adapter's selectors (extension/sites/), the marks
// [data-carelint-customer-name] and [data-carelint-agent-name] where the
// adapter says the page sets them (`name_attributes`: the demo helpdesk),
// and for the customer the adapter's pattern on the page title. Elsewhere
// the marks are ignored: a customer's message that keeps data-* attributes
// must not choose the name a suggestion puts in the reply.

/** @typedef {import('../engine/carelint.js').LintContext} LintContext */
/** @typedef {import('../engine/carelint.js').Person} Person */
/** @typedef {import('../policy.js').Site} Site */

/** Longer "names" are page content, not names. */
const MAX_NAME = 80;

/**
 * A title longer than this is not matched: the page sets the title, and an
 * adapter's pattern may backtrack (Help Scout's is quadratic); real ticket
 * titles are far shorter.
 */
const MAX_TITLE = 500;

/**
 * The last title matched, per pattern: every lint asks, the title rarely
 * changes.
 * @type {{ pattern: string, title: string, person: Person | null } | null}
 */
let lastTitle = null;

/**
 * The lint context for a field in `doc`; names are looked up in `doc` and,
 * for an editor in a same-origin iframe, in the documents around it.
 * @param {Document} doc
 * @param {Site | null} adapter the helpdesk adapter of this page
 * @returns {LintContext}
 */
export function readLintContext(doc, adapter) {
  /** @type {LintContext} */
  const context = {};
  const selectors = adapter?.selectors ?? {};
  const marks = adapter?.name_attributes === true;
  const customer = (selectors.customer_name && personFrom(doc, selectors.customer_name))
    || (marks && personFrom(doc, '[data-carelint-customer-name]'))
    || personFromTitle(doc, adapter?.customer_name_title);
  const agent = (selectors.agent_name && personFrom(doc, selectors.agent_name))
    || (marks && personFrom(doc, '[data-carelint-agent-name]'));
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
    let el;
    try {
      el = d.querySelector(selector);
    } catch {
      return null; // an adapter's selector this browser cannot parse
    }
    if (!el) continue;
    return person(el.localName === 'input' ? /** @type {HTMLInputElement} */ (el).value : el.textContent ?? '');
  }
  return null;
}

/**
 * The customer's name from the top page's title, with the adapter's pattern
 * (its first group).
 * @param {Document} doc
 * @param {string | undefined} pattern
 * @returns {Person | null}
 */
function personFromTitle(doc, pattern) {
  if (!pattern) return null;
  let top = doc;
  for (let d = parentDocument(doc); d; d = parentDocument(d)) top = d;
  const title = top.title;
  if (lastTitle?.pattern !== pattern || lastTitle.title !== title) {
    const match = title.length <= MAX_TITLE ? new RegExp(pattern).exec(title) : null;
    lastTitle = { pattern, title, person: match?.[1] ? person(match[1]) : null };
  }
  return lastTitle.person;
}

/**
 * @param {string} raw text that names a person
 * @returns {Person | null}
 */
function person(raw) {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (!name || name.length > MAX_NAME) return null;
  // The engine takes the first name from the full name (src/context.rs).
  return { name };
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
