import { ClassicEditor, Essentials, Paragraph, Bold, Italic, Undo } from 'ckeditor5';
import 'ckeditor5/ckeditor5.css';
import { setupTicket, htmlToText } from './ticket.js';

ClassicEditor.create(/** @type {HTMLElement} */ (document.getElementById('reply')), {
  licenseKey: 'GPL',
  plugins: [Essentials, Paragraph, Bold, Italic, Undo],
  toolbar: ['undo', 'redo', '|', 'bold', 'italic'],
  placeholder: 'Write your reply…',
}).then((editor) => {
  const field = /** @type {HTMLElement} */ (editor.ui.getEditableElement());
  editor.editing.view.change((writer) => {
    writer.setAttribute('aria-label', 'Reply to Maria Lopez', editor.editing.view.document.getRoot());
  });
  setupTicket({
    variant: 'ckeditor',
    field,
    editor,
    getText: () => htmlToText(editor.getData()),
    clear: () => editor.setData(''),
  });
}).catch((error) => {
  console.error('CKEditor failed to start', error);
});
