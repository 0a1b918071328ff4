// @ts-check
// The site's front page: a reply box checked by the extension's own DOM
// layer (content/main.js) with the engine in this page (page-host.js).
// This module only wires the page's controls: sample replies, the editor
// switch, the session's counts.
import { start } from '../../extension/content/main.js';
import { pageHost } from './page-host.js';

/** @typedef {'plain' | 'rich'} EditorKind */

/**
 * Sample replies to one customer's question about a double charge.
 * @type {Record<string, (names: { customer: string, agent: string }) => string>}
 */
const SAMPLES = {
  robotic: () => [
    'Dear valued customer,',
    '',
    'Thank you for your patience. We apologize for any inconvenience this may have caused. Your satisfaction is very important to us.',
    '',
    'If we can be of any further assistance, please do not hesitate to contact us.',
  ].join('\n'),
  dismissive: () => [
    'Hello,',
    '',
    'Unfortunately refunds for this plan are not available at this time. This is company policy and there is nothing we can do.',
    '',
    'You will need to contact your bank about the second charge.',
  ].join('\n'),
  warm: ({ customer, agent }) => [
    `Hi ${customer},`,
    '',
    "I've refunded the second charge of $24 to your card just now; banks usually show it within three working days. I also switched off the duplicate subscription, so next month you'll be billed once.",
    '',
    "If the money isn't back by Friday, reply here and I'll chase it with our payments team myself.",
    '',
    agent,
  ].join('\n'),
};

const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const plain = /** @type {HTMLTextAreaElement} */ (byId('reply-plain'));
const rich = byId('reply-rich');
const customer = /** @type {HTMLInputElement} */ (byId('customer-name'));
const agent = /** @type {HTMLInputElement} */ (byId('agent-name'));
const session = byId('session');

const host = pageHost(new URL('engine/carelint_bg.wasm', document.baseURI), (counts) => {
  const n = (/** @type {number} */ k, /** @type {string} */ one, /** @type {string} */ many) => `${k} ${k === 1 ? one : many}`;
  session.textContent = `This visit: ${n(counts.shown, 'hint', 'hints')} shown, ${n(counts.accepted, 'suggestion', 'suggestions')} taken, ${counts.dismissed} dismissed.`;
});

/** @returns {EditorKind} */
const current = () => (plain.hidden ? 'rich' : 'plain');

/** The reply's text, whichever editor shows it. */
const textOf = (/** @type {EditorKind} */ kind) => (kind === 'plain' ? plain.value : rich.innerText.replace(/\n$/, ''));

/**
 * Puts `text` in the editor, as a script (the DOM layer lints text set by
 * script, as it must for editors that set their own).
 * @param {EditorKind} kind
 * @param {string} text
 */
function setText(kind, text) {
  if (kind === 'plain') {
    plain.value = text;
    plain.dispatchEvent(new Event('input', { bubbles: true }));
    return;
  }
  rich.replaceChildren(...text.split('\n').map((line) => {
    const block = document.createElement('div');
    if (line) block.textContent = line;
    else block.append(document.createElement('br'));
    return block;
  }));
}

/** @param {EditorKind} kind */
function show(kind) {
  if (kind === current()) return;
  const text = textOf(current());
  plain.hidden = kind !== 'plain';
  rich.hidden = kind !== 'rich';
  setText(kind, text);
}

for (const button of document.querySelectorAll('[data-sample]')) {
  button.addEventListener('click', () => {
    const sample = SAMPLES[/** @type {HTMLElement} */ (button).dataset.sample ?? ''];
    if (!sample) return;
    const names = { customer: customer.value.trim().split(/\s+/)[0] || 'there', agent: agent.value.trim() || 'Your support team' };
    setText(current(), sample(names));
    (current() === 'plain' ? plain : rich).focus();
  });
}
for (const radio of document.querySelectorAll('input[name="editor"]')) {
  radio.addEventListener('change', () => show(/** @type {EditorKind} */ (/** @type {HTMLInputElement} */ (radio).value)));
}
byId('rules-on').addEventListener('click', () => host.turnRulesOn());

start(host);
