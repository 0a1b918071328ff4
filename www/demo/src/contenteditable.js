import { setupTicket, contentEditableText } from './ticket.js';

const field = /** @type {HTMLElement} */ (document.getElementById('reply'));
setupTicket({
  variant: document.body.dataset.variant || 'contenteditable',
  field,
  editor: field,
  getText: () => contentEditableText(field),
  clear: () => { field.replaceChildren(); },
});
