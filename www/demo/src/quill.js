import Quill from 'quill';
import 'quill/dist/quill.snow.css';
import { setupTicket } from './ticket.js';

const quill = new Quill('#reply', {
  theme: 'snow',
  placeholder: 'Write your reply…',
  modules: {
    toolbar: [['bold', 'italic', 'link'], [{ list: 'ordered' }, { list: 'bullet' }], ['clean']],
  },
});
const field = /** @type {HTMLElement} */ (quill.root);
field.setAttribute('aria-label', 'Reply to Maria Lopez');
setupTicket({
  variant: 'quill',
  field,
  editor: quill,
  getText: () => quill.getText(),
  clear: () => quill.setText(''),
});
