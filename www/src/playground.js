// @ts-check
// The site's front page: a reply box checked by the extension's own DOM
// layer (content/main.js) with the engine in this page (page-host.js).
// This module only wires the page's controls: sample replies, the editor
// switch (a textarea, or ProseMirror as a rich editor: Carelint's edits go
// through the editor's own model there, as in a helpdesk), the session's
// counts.
import { exampleSetup } from 'prosemirror-example-setup';
import { schema } from 'prosemirror-schema-basic';
import { closeHistory } from 'prosemirror-history';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
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
const richBox = byId('reply-rich');
const rich = new EditorView(richBox, {
  state: EditorState.create({ schema, plugins: exampleSetup({ schema, menuBar: false }) }),
  attributes: { class: 'reply', role: 'textbox', 'aria-multiline': 'true', 'aria-labelledby': 'reply-title', spellcheck: 'false' },
});
const customer = /** @type {HTMLInputElement} */ (byId('customer-name'));
const agent = /** @type {HTMLInputElement} */ (byId('agent-name'));
const session = byId('session');

const host = pageHost(new URL('engine/carelint_bg.wasm', document.baseURI), new URL('./', document.baseURI), (counts) => {
  const n = (/** @type {number} */ k, /** @type {string} */ one, /** @type {string} */ many) => `${k} ${k === 1 ? one : many}`;
  session.textContent = `This visit: ${n(counts.shown, 'hint', 'hints')} shown, ${n(counts.accepted, 'suggestion', 'suggestions')} taken, ${counts.dismissed} dismissed.`;
});

/** @returns {EditorKind} */
const current = () => (plain.hidden ? 'rich' : 'plain');

/** The rich editor's text: one line per block, hard breaks as line breaks. */
function richText() {
  const { doc } = rich.state;
  return doc.textBetween(0, doc.content.size, '\n', (node) => (node.type.name === 'hard_break' ? '\n' : ''));
}

/** The reply's text, whichever editor shows it. */
const textOf = (/** @type {EditorKind} */ kind) => (kind === 'plain' ? plain.value : richText());

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
  const blocks = text.split('\n').map((line) => schema.node('paragraph', null, line ? [schema.text(line)] : []));
  const { state } = rich;
  rich.dispatch(state.tr.replaceWith(0, state.doc.content.size, blocks));
  // Loading is an undo step of its own: a suggestion taken within
  // ProseMirror's grouping delay (500 ms) would otherwise be undone with it.
  rich.dispatch(closeHistory(rich.state.tr));
}

/** @param {EditorKind} kind */
function show(kind) {
  if (kind === current()) return;
  const text = textOf(current());
  plain.hidden = kind !== 'plain';
  richBox.hidden = kind !== 'rich';
  setText(kind, text);
}

for (const button of document.querySelectorAll('[data-sample]')) {
  button.addEventListener('click', () => {
    const sample = SAMPLES[/** @type {HTMLElement} */ (button).dataset.sample ?? ''];
    if (!sample) return;
    const names = { customer: customer.value.trim().split(/\s+/)[0] || 'there', agent: agent.value.trim() || 'Your support team' };
    setText(current(), sample(names));
    if (current() === 'plain') plain.focus();
    else rich.focus();
  });
}
for (const radio of document.querySelectorAll('input[name="editor"]')) {
  radio.addEventListener('change', () => show(/** @type {EditorKind} */ (/** @type {HTMLInputElement} */ (radio).value)));
}
byId('rules-on').addEventListener('click', () => host.turnRulesOn());

start(host);
