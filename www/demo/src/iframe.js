// The reply box lives in a same-origin iframe (frame-editor.html), as in
// helpdesks that isolate their editor in a frame.
import { setupTicket, contentEditableText } from './ticket.js';

const frame = /** @type {HTMLIFrameElement} */ (document.getElementById('reply-frame'));

function ready() {
  const doc = frame.contentDocument;
  return !!doc && doc.readyState === 'complete' && doc.URL.endsWith('frame-editor.html') && !!doc.getElementById('reply');
}

function start() {
  const field = /** @type {HTMLElement} */ (frame.contentDocument.getElementById('reply'));
  setupTicket({
    variant: 'iframe',
    field,
    editor: field,
    getText: () => contentEditableText(field),
    clear: () => { field.replaceChildren(); },
  });
}

if (ready()) start();
else frame.addEventListener('load', start, { once: true });
