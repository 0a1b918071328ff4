// @ts-check
// The studio's pack editor: CodeMirror 6 with JSON, completion from the
// pack schema, and diagnostics the page sets (schema and engine). Colours
// come from site.css's variables, so it follows light and dark mode. Tab
// is left to the browser (focus moves on), so the page works from the
// keyboard; Ctrl+Space completes, Ctrl+Shift+M lists the problems.
import { autocompletion } from '@codemirror/autocomplete';
import { json } from '@codemirror/lang-json';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorView, basicSetup } from 'codemirror';
import { tags } from '@lezer/highlight';
import { completeFromSchema } from './schema.js';

/** @typedef {import('@codemirror/lint').Diagnostic} Diagnostic */

const colours = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--code-key)' },
  { tag: tags.string, color: 'var(--code-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--code-literal)' },
  { tag: tags.invalid, color: 'var(--code-invalid)' },
]);

const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--bg)', color: 'var(--text)', border: '1px solid var(--line)', borderRadius: '6px', fontSize: '0.9rem' },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '2px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: 'var(--selection)' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', borderRight: '1px solid var(--line)' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'var(--active-line)' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--text)', border: '1px solid var(--line)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--panel)' },
  '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--text)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--bad)' },
  '.cm-lintRange-active': { backgroundColor: 'var(--selection)' },
  '.cm-panel.cm-panel-lint ul [aria-selected], .cm-panel.cm-panel-lint ul:focus [aria-selected]': { backgroundColor: 'var(--selection)', color: 'var(--text)' },
});

/**
 * @param {HTMLElement} parent
 * @param {{ label: string, describedBy: string, onChange: (text: string) => void }} options
 */
export function packEditor(parent, { label, describedBy, onChange }) {
  const view = new EditorView({
    parent,
    extensions: [
      basicSetup,
      json(),
      EditorView.lineWrapping,
      autocompletion({ override: [completeFromSchema] }),
      lintGutter(),
      syntaxHighlighting(colours),
      theme,
      EditorView.contentAttributes.of({ 'aria-label': label, 'aria-describedby': describedBy }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString());
      }),
    ],
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    /** @param {string} text replaces the whole text (one undo step) */
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    /** @param {Diagnostic[]} diagnostics */
    show(diagnostics) {
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    /**
     * Puts the caret at `at` and the focus in the editor.
     * @param {number} at
     */
    jump(at) {
      const pos = Math.max(0, Math.min(at, view.state.doc.length));
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
  };
}
