import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { schema } from 'prosemirror-schema-basic';
import { exampleSetup } from 'prosemirror-example-setup';
import 'prosemirror-view/style/prosemirror.css';
import 'prosemirror-menu/style/menu.css';
import 'prosemirror-example-setup/style/style.css';
import 'prosemirror-gapcursor/style/gapcursor.css';
import { setupTicket } from './ticket.js';

const host = /** @type {HTMLElement} */ (document.getElementById('reply'));
const view = new EditorView(host, {
  state: EditorState.create({ schema, plugins: exampleSetup({ schema }) }),
  attributes: { 'aria-label': 'Reply to Maria Lopez', role: 'textbox', 'aria-multiline': 'true' },
});
/** The document's text: blocks separated by "\n", hard breaks as "\n". */
const getText = () => {
  const doc = view.state.doc;
  return doc.textBetween(0, doc.content.size, '\n', (node) => (node.type.name === 'hard_break' ? '\n' : ''));
};
setupTicket({
  variant: 'prosemirror',
  field: /** @type {HTMLElement} */ (view.dom),
  editor: view,
  getText,
  clear: () => {
    const { state } = view;
    view.dispatch(state.tr.delete(0, state.doc.content.size));
  },
});
