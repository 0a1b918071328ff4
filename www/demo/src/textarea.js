import { setupTicket } from './ticket.js';

const field = /** @type {HTMLTextAreaElement} */ (document.getElementById('reply'));
setupTicket({
  variant: 'textarea',
  field,
  editor: field,
  getText: () => field.value,
  clear: () => { field.value = ''; },
});
